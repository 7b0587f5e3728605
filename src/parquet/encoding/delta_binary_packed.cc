// DELTA_BINARY_PACKED decoding. Blocks and miniblocks are entered lazily, so
// the bit widths of miniblocks that the last block does not need are never
// looked at (Encodings.md: readers must accept arbitrary values there) and
// consumed() ends at the last miniblock actually used.
#include "parquet/encoding/delta_binary_packed.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <limits>

#include "parquet/encoding/bit_unpacking.h"

namespace jao::parquet {

Status DeltaBinaryPackedDecoder::ReadVarint(const char* field, int max_bits,
                                            uint64_t* value) {
  size_t at = pos_;
  switch (ReadUleb128(data_, &pos_, max_bits, value)) {
    case VarintResult::kOk:
      return Status::Ok();
    case VarintResult::kTruncated:
      return Status::Corrupt(fmt::format(
          "delta_binary_packed {} at byte {} is truncated", field, at));
    case VarintResult::kTooLong:
      break;
  }
  return Status::Corrupt(
      fmt::format("delta_binary_packed {} at byte {} is longer than {} bits",
                  field, at, max_bits));
}

Status DeltaBinaryPackedDecoder::Init(ByteSpan data) {
  *this = DeltaBinaryPackedDecoder();
  data_ = data;
  uint64_t block_size = 0;
  uint64_t miniblocks = 0;
  uint64_t total = 0;
  uint64_t first = 0;
  RETURN_IF_ERROR(ReadVarint("block size", 64, &block_size));
  RETURN_IF_ERROR(ReadVarint("miniblock count", 64, &miniblocks));
  RETURN_IF_ERROR(ReadVarint("total value count", 64, &total));
  RETURN_IF_ERROR(ReadVarint("first value", 64, &first));
  if (block_size == 0 || block_size % 128 != 0) {
    return Status::Corrupt(fmt::format(
        "delta_binary_packed block size {} is not a multiple of 128",
        block_size));
  }
  if (miniblocks == 0 || block_size % miniblocks != 0 ||
      (block_size / miniblocks) % 32 != 0) {
    return Status::Corrupt(fmt::format(
        "delta_binary_packed miniblock count {} does not split block size {} "
        "into multiples of 32 values",
        miniblocks, block_size));
  }
  if (total > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    return Status::Corrupt(fmt::format(
        "delta_binary_packed total value count {} is above 2^63-1", total));
  }
  miniblocks_per_block_ = miniblocks;
  values_per_miniblock_ = block_size / miniblocks;
  total_values_ = static_cast<int64_t>(total);
  last_value_ = ZigZagDecode(first);
  first_value_pending_ = total_values_ > 0;
  miniblock_index_ = miniblocks_per_block_;  // the first delta opens a block
  value_in_miniblock_ = values_per_miniblock_;
  return Status::Ok();
}

Status DeltaBinaryPackedDecoder::ReadBlockHeader() {
  uint64_t raw_min_delta = 0;
  RETURN_IF_ERROR(ReadVarint("min delta", 64, &raw_min_delta));
  min_delta_ = ZigZagDecode(raw_min_delta);
  size_t remaining = data_.size() - pos_;
  if (miniblocks_per_block_ > remaining) {
    return Status::Corrupt(fmt::format(
        "delta_binary_packed block at byte {} needs {} bit widths, {} bytes "
        "remain",
        pos_, miniblocks_per_block_, remaining));
  }
  bit_widths_.assign(data_.begin() + static_cast<std::ptrdiff_t>(pos_),
                     data_.begin() + static_cast<std::ptrdiff_t>(
                                         pos_ + miniblocks_per_block_));
  pos_ += static_cast<size_t>(miniblocks_per_block_);
  miniblock_index_ = 0;
  return Status::Ok();
}

Status DeltaBinaryPackedDecoder::StartMiniblock(int max_width) {
  if (miniblock_index_ == miniblocks_per_block_) {
    RETURN_IF_ERROR(ReadBlockHeader());
  }
  int width = bit_widths_[miniblock_index_];
  if (width > max_width) {
    return Status::Corrupt(
        fmt::format("delta_binary_packed miniblock bit width {} is above {}",
                    width, max_width));
  }
  uint64_t wanted =
      std::min(values_per_miniblock_,
               static_cast<uint64_t>(total_values_ - values_read_));
  uint64_t remaining = data_.size() - pos_;
  if (width > 0 && wanted > remaining * 8 / static_cast<uint64_t>(width)) {
    return Status::Corrupt(fmt::format(
        "delta_binary_packed miniblock at byte {} has {} bytes, too few for {} "
        "values of bit width {}",
        pos_, remaining, wanted, width));
  }
  // A full miniblock is values_per_miniblock_ * width bits (a multiple of 32
  // values, so whole bytes); the last one may lack its padding.
  uint64_t eighths = values_per_miniblock_ / 8;
  uint64_t bytes = 0;
  if (width > 0) {
    bytes = eighths > remaining / static_cast<uint64_t>(width)
                ? remaining
                : eighths * static_cast<uint64_t>(width);
  }
  miniblock_start_ = pos_;
  miniblock_bytes_ = static_cast<size_t>(bytes);
  pos_ += miniblock_bytes_;
  bit_width_ = width;
  value_in_miniblock_ = 0;
  ++miniblock_index_;
  return Status::Ok();
}

template <typename T>
Status DeltaBinaryPackedDecoder::Decode(T* out, int64_t count) {
  static_assert(std::is_same_v<T, int32_t> || std::is_same_v<T, int64_t>);
  if (count < 0) {
    return Status::InvalidArgument(
        fmt::format("delta_binary_packed count {} is negative", count));
  }
  if (count > total_values_ - values_read_) {
    return Status::Corrupt(fmt::format(
        "delta_binary_packed holds {} values, {} read, {} more requested",
        total_values_, values_read_, count));
  }
  for (int64_t i = 0; i < count; ++i) {
    if (first_value_pending_) {
      first_value_pending_ = false;
    } else {
      if (value_in_miniblock_ == values_per_miniblock_) {
        // Widths up to 64 for INT32 too: writers that compute INT32 deltas
        // in 64 bits (DuckDB 1.5.6) write widths up to 33; the format's
        // arithmetic wraps modulo 2^32, so the low 32 bits are exact.
        RETURN_IF_ERROR(StartMiniblock(64));
      }
      uint64_t packed =
          UnpackValue(data_.data() + miniblock_start_, miniblock_bytes_,
                      value_in_miniblock_, bit_width_);
      last_value_ += min_delta_ + packed;
      ++value_in_miniblock_;
    }
    // Narrowing an unsigned value is modular in C++20: the format's wrap.
    out[i] = static_cast<T>(last_value_);
    ++values_read_;
  }
  return Status::Ok();
}

template Status DeltaBinaryPackedDecoder::Decode<int32_t>(int32_t*, int64_t);
template Status DeltaBinaryPackedDecoder::Decode<int64_t>(int64_t*, int64_t);

size_t DeltaBinaryPackedDecoder::consumed() const { return pos_; }

}  // namespace jao::parquet
