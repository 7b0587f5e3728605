// DELTA_BINARY_PACKED (parquet-format Encodings.md): blocks of miniblocks of
// bit-packed deltas from a first value. For INT32 and INT64; arithmetic wraps
// as the format requires.
#pragma once

#include <cstdint>
#include <vector>

#include "common/bytes.h"
#include "common/status.h"

namespace jao::parquet {

class DeltaBinaryPackedDecoder {
 public:
  // Reads the header. Corrupt on a block size not a multiple of 128, a
  // miniblock count that does not divide it, or a truncated header.
  Status Init(ByteSpan data);
  int64_t total_values() const { return total_values_; }
  // Decodes `count` values (at most total_values() in all).
  template <typename T>  // int32_t or int64_t
  Status Decode(T* out, int64_t count);
  // Bytes used so far (after the last miniblock read): where the next
  // section starts, as DELTA_LENGTH_BYTE_ARRAY needs.
  size_t consumed() const;

 private:
  Status ReadVarint(const char* field, int max_bits, uint64_t* value);
  Status ReadBlockHeader();
  Status StartMiniblock(int max_width);

  ByteSpan data_;
  size_t pos_ = 0;  // past the header, block header or miniblock last begun
  uint64_t miniblocks_per_block_ = 0;
  uint64_t values_per_miniblock_ = 0;
  int64_t total_values_ = 0;
  int64_t values_read_ = 0;
  // Arithmetic is done modulo 2^64 (the format's wrapping), then narrowed.
  uint64_t last_value_ = 0;
  uint64_t min_delta_ = 0;
  std::vector<uint8_t> bit_widths_;
  uint64_t miniblock_index_ = 0;     // of the current miniblock in its block
  uint64_t value_in_miniblock_ = 0;  // next value's index in that miniblock
  size_t miniblock_start_ = 0;       // byte offset of its packed values
  size_t miniblock_bytes_ = 0;       // bytes of it present in data_
  int bit_width_ = 0;                // of the current miniblock
  bool first_value_pending_ = false;
};

}  // namespace jao::parquet
