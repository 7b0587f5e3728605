// The RLE / bit-packed hybrid (parquet-format Encodings.md, "RLE"): used for
// definition and repetition levels, BOOLEAN values under RLE, and dictionary
// indices. Operates on a byte span with no length prefix; callers strip the
// 4-byte prefix where the format has one.
#pragma once

#include <cstdint>

#include "common/bytes.h"
#include "common/status.h"

namespace jao::parquet {

class ValueStream;

class RleBitPackedDecoder {
 public:
  // bit_width 0..32; a width above 32 makes every Get fail with Corrupt.
  RleBitPackedDecoder(ByteSpan data, int bit_width);
  // Reads the rest of `stream`'s page, refilling its window a run at a time
  // (a run's bytes are made contiguous before it is decoded).
  RleBitPackedDecoder(ValueStream* stream, int bit_width);

  // Decodes exactly `count` values into `out`. Corrupt if the data ends
  // first ("rle/bit-packed data ends after 7 of 10 values") or a run header
  // is malformed.
  Status Get(uint32_t* out, int64_t count);

 private:
  Status NextRun();
  // Stream mode: makes `n` bytes from pos_ contiguous (fewer at the end).
  Status Refill(size_t n);
  ValueStream* stream_ = nullptr;
  ByteSpan data_;
  size_t pos_ = 0;
  int bit_width_;
  // current run
  bool run_is_literal_ = false;
  int64_t run_remaining_ = 0;
  uint32_t run_value_ = 0;
  int64_t literal_index_ = 0;  // next value's index within the literal run
  size_t literal_start_ = 0;   // byte offset of the literal run's values
};

// Reads the 4-byte little-endian length prefix used before v1 levels and RLE
// booleans; `*body` is the span it announces, `*consumed` prefix + body.
Status ReadLengthPrefixed(ByteSpan data, ByteSpan* body, size_t* consumed);

}  // namespace jao::parquet
