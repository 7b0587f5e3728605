// Bit-level primitives shared by the encoding decoders: ULEB128 varints,
// zigzag, and reading one value out of an LSB-first bit-packed run (the
// packing order of Encodings.md's RLE hybrid and DELTA_BINARY_PACKED).
// Callers check bounds first; these functions never read past `size`.
#pragma once

#include <cstddef>
#include <cstdint>

#include "common/bytes.h"

namespace jao::parquet {

enum class VarintResult { kOk, kTruncated, kTooLong };

// Reads a ULEB128 varint at data[*pos] of at most `max_bytes` bytes whose value
// fits in `max_bits` bits (32 or 64); advances *pos only on success.
inline VarintResult ReadUleb128(ByteSpan data, size_t* pos, int max_bits,
                                uint64_t* value) {
  const int max_bytes = (max_bits + 6) / 7;
  uint64_t result = 0;
  size_t p = *pos;
  for (int i = 0; i < max_bytes; ++i) {
    if (p >= data.size()) return VarintResult::kTruncated;
    uint8_t byte = data[p++];
    uint64_t part = byte & 0x7F;
    int shift = 7 * i;
    // The last permitted byte may only carry the bits that remain.
    if (shift + 7 > max_bits && (part >> (max_bits - shift)) != 0) {
      return VarintResult::kTooLong;
    }
    result |= part << shift;
    if ((byte & 0x80) == 0) {
      *value = result;
      *pos = p;
      return VarintResult::kOk;
    }
  }
  return VarintResult::kTooLong;
}

inline uint64_t ZigZagDecode(uint64_t v) { return (v >> 1) ^ (0 - (v & 1)); }

// Value `index` of width `width` (0..64) in a run starting at `base`;
// `size` is the number of bytes of the run that may be read, and must cover
// the value's bits.
inline uint64_t UnpackValue(const uint8_t* base, size_t size, uint64_t index,
                            int width) {
  if (width == 0) return 0;
  uint64_t bit = index * static_cast<uint64_t>(width);
  size_t byte = static_cast<size_t>(bit / 8);
  int shift = static_cast<int>(bit % 8);
  int needed = (shift + width + 7) / 8;  // 1..9 bytes
  uint64_t low = 0;
  int in_low = needed < 8 ? needed : 8;
  for (int k = 0; k < in_low && byte + k < size; ++k) {
    low |= uint64_t{base[byte + k]} << (8 * k);
  }
  uint64_t value = low >> shift;
  if (needed == 9 && byte + 8 < size) {
    // shift > 0 here, so 64 - shift is a valid shift count.
    value |= uint64_t{base[byte + 8]} << (64 - shift);
  }
  if (width < 64) value &= (uint64_t{1} << width) - 1;
  return value;
}

}  // namespace jao::parquet
