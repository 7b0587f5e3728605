// Test-side encoders written from Encodings.md, independent of the decoders
// under test: LSB-first bit packing, ULEB128, zigzag, and a plain
// DELTA_BINARY_PACKED writer. Used to build inputs too long to write by hand.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

namespace jao::parquet::testing {

using Bytes = std::vector<uint8_t>;

inline Bytes ToBytes(std::string_view text) {
  return Bytes(text.begin(), text.end());
}

inline void Append(Bytes* out, const Bytes& more) {
  out->insert(out->end(), more.begin(), more.end());
}

inline void AppendUleb128(Bytes* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<uint8_t>(v));
}

inline void AppendZigZag(Bytes* out, int64_t v) {
  uint64_t u = static_cast<uint64_t>(v);
  AppendUleb128(out, (u << 1) ^ (v < 0 ? ~uint64_t{0} : 0));
}

// Packs each value's low `width` bits, filling bytes from their least
// significant bit; the last byte is zero-padded.
inline Bytes PackBits(const std::vector<uint64_t>& values, int width) {
  Bytes out((values.size() * static_cast<size_t>(width) + 7) / 8, 0);
  size_t bit = 0;
  for (uint64_t v : values) {
    for (int b = 0; b < width; ++b, ++bit) {
      if ((v >> b) & 1) out[bit / 8] |= static_cast<uint8_t>(1u << (bit % 8));
    }
  }
  return out;
}

inline int BitsNeeded(uint64_t v) {
  int n = 0;
  while (v != 0) {
    ++n;
    v >>= 1;
  }
  return n;
}

// DELTA_BINARY_PACKED as Encodings.md describes it, with 2's complement
// wrapping in `bits` bits (32 for INT32 data, as an INT32 writer computes it).
// Unused bit widths of the last block are 0.
inline Bytes EncodeDeltaBinaryPacked(const std::vector<int64_t>& values,
                                     uint64_t block_size = 128,
                                     uint64_t miniblocks = 4, int bits = 64) {
  auto wrap = [bits](uint64_t v) {
    return bits == 64 ? v
                      : static_cast<uint64_t>(static_cast<int64_t>(
                            static_cast<int32_t>(static_cast<uint32_t>(v))));
  };
  const uint64_t mask = bits == 64 ? ~uint64_t{0} : 0xFFFFFFFFu;
  Bytes out;
  AppendUleb128(&out, block_size);
  AppendUleb128(&out, miniblocks);
  AppendUleb128(&out, values.size());
  AppendZigZag(&out, values.empty() ? 0 : values[0]);
  const uint64_t per_miniblock = block_size / miniblocks;
  std::vector<uint64_t> deltas;
  for (size_t i = 1; i < values.size(); ++i) {
    deltas.push_back(wrap(static_cast<uint64_t>(values[i]) -
                          static_cast<uint64_t>(values[i - 1])));
  }
  for (size_t start = 0; start < deltas.size(); start += block_size) {
    size_t end =
        std::min(deltas.size(), static_cast<size_t>(start + block_size));
    int64_t min_delta = static_cast<int64_t>(deltas[start]);
    for (size_t i = start; i < end; ++i) {
      min_delta = std::min(min_delta, static_cast<int64_t>(deltas[i]));
    }
    AppendZigZag(&out, min_delta);
    Bytes widths(miniblocks, 0);
    Bytes bodies;
    for (uint64_t m = 0; m < miniblocks; ++m) {
      size_t from = start + m * per_miniblock;
      if (from >= end) break;
      std::vector<uint64_t> packed(per_miniblock, 0);
      int width = 0;
      for (size_t i = from; i < std::min(end, from + per_miniblock); ++i) {
        packed[i - from] =
            (deltas[i] - static_cast<uint64_t>(min_delta)) & mask;
        width = std::max(width, BitsNeeded(packed[i - from]));
      }
      widths[m] = static_cast<uint8_t>(width);
      Append(&bodies, PackBits(packed, width));
    }
    Append(&out, widths);
    Append(&out, bodies);
  }
  return out;
}

}  // namespace jao::parquet::testing
