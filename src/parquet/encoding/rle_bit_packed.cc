// The RLE / bit-packed hybrid decoder: run headers are ULEB128, an RLE run
// repeats one value of ceil(bit_width / 8) little-endian bytes, a bit-packed
// run holds groups of 8 values packed LSB first.
#include "parquet/encoding/rle_bit_packed.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "parquet/encoding/bit_unpacking.h"
#include "parquet/value_stream.h"

namespace jao::parquet {
namespace {
// A ULEB128 run header of at most 32 bits takes at most 5 bytes.
constexpr size_t kMaxRunHeader = 5;
}  // namespace

RleBitPackedDecoder::RleBitPackedDecoder(ByteSpan data, int bit_width)
    : data_(data), bit_width_(bit_width) {}

RleBitPackedDecoder::RleBitPackedDecoder(ValueStream* stream, int bit_width)
    : stream_(stream), data_(stream->window()), bit_width_(bit_width) {}

Status RleBitPackedDecoder::Refill(size_t n) {
  if (stream_ == nullptr || data_.size() - pos_ >= n) return Status::Ok();
  // Called between runs: nothing before pos_ is needed any more.
  stream_->Consume(pos_);
  pos_ = 0;
  RETURN_IF_ERROR(stream_->Ensure(n));
  data_ = stream_->window();
  return Status::Ok();
}

Status RleBitPackedDecoder::Get(uint32_t* out, int64_t count) {
  if (bit_width_ < 0 || bit_width_ > 32) {
    return Status::Corrupt(fmt::format(
        "rle/bit-packed bit width {} is outside 0..32", bit_width_));
  }
  if (count < 0) {
    return Status::InvalidArgument(
        fmt::format("rle/bit-packed count {} is negative", count));
  }
  int64_t done = 0;
  while (done < count) {
    if (run_remaining_ == 0) {
      RETURN_IF_ERROR(Refill(kMaxRunHeader));
      if (pos_ >= data_.size()) {
        return Status::Corrupt(fmt::format(
            "rle/bit-packed data ends after {} of {} values", done, count));
      }
      RETURN_IF_ERROR(NextRun());
      continue;  // a run may be empty
    }
    int64_t n = std::min(run_remaining_, count - done);
    if (run_is_literal_) {
      const uint8_t* base = data_.data() + literal_start_;
      size_t size = data_.size() - literal_start_;
      for (int64_t i = 0; i < n; ++i) {
        out[done + i] = static_cast<uint32_t>(UnpackValue(
            base, size, static_cast<uint64_t>(literal_index_ + i), bit_width_));
      }
      literal_index_ += n;
    } else {
      std::fill(out + done, out + done + n, run_value_);
    }
    done += n;
    run_remaining_ -= n;
  }
  return Status::Ok();
}

Status RleBitPackedDecoder::NextRun() {
  size_t header_at = pos_;
  uint64_t header = 0;
  switch (ReadUleb128(data_, &pos_, 32, &header)) {
    case VarintResult::kOk:
      break;
    case VarintResult::kTruncated:
      return Status::Corrupt(fmt::format(
          "rle/bit-packed run header at byte {} is truncated", header_at));
    case VarintResult::kTooLong:
      return Status::Corrupt(fmt::format(
          "rle/bit-packed run header at byte {} is longer than 32 bits",
          header_at));
  }
  size_t value_bytes = static_cast<size_t>((bit_width_ + 7) / 8);
  if (header & 1) {
    // 8 values of w bits take exactly w bytes.
    uint64_t groups = header >> 1;
    uint64_t bytes = groups * static_cast<uint64_t>(bit_width_);
    uint64_t values = groups * 8;
    RETURN_IF_ERROR(Refill(static_cast<size_t>(bytes)));
    size_t remaining = data_.size() - pos_;
    if (bytes > remaining) {
      // Writers may drop the padding of the last run; the values whose bits
      // are present can still be read, and a request past them fails above.
      values = bit_width_ == 0 ? values : remaining * 8 / bit_width_;
      bytes = remaining;
    }
    run_is_literal_ = true;
    run_remaining_ = static_cast<int64_t>(values);
    literal_index_ = 0;
    literal_start_ = pos_;
    pos_ += static_cast<size_t>(bytes);
    return Status::Ok();
  }
  RETURN_IF_ERROR(Refill(value_bytes));
  size_t remaining = data_.size() - pos_;
  if (value_bytes > remaining) {
    return Status::Corrupt(fmt::format(
        "rle/bit-packed run at byte {} needs {} value bytes, {} remain",
        header_at, value_bytes, remaining));
  }
  uint32_t value = 0;
  for (size_t k = 0; k < value_bytes; ++k) {
    value |= uint32_t{data_[pos_ + k]} << (8 * k);
  }
  if (bit_width_ < 32 && (value >> bit_width_) != 0) {
    return Status::Corrupt(
        fmt::format("rle/bit-packed run value {} does not fit in bit width {}",
                    value, bit_width_));
  }
  pos_ += value_bytes;
  run_is_literal_ = false;
  run_remaining_ = static_cast<int64_t>(header >> 1);
  run_value_ = value;
  return Status::Ok();
}

Status ReadLengthPrefixed(ByteSpan data, ByteSpan* body, size_t* consumed) {
  if (data.size() < 4) {
    return Status::Corrupt(
        fmt::format("length prefix needs 4 bytes, {} remain", data.size()));
  }
  uint32_t length = uint32_t{data[0]} | (uint32_t{data[1]} << 8) |
                    (uint32_t{data[2]} << 16) | (uint32_t{data[3]} << 24);
  if (length > data.size() - 4) {
    return Status::Corrupt(fmt::format("length prefix says {} bytes, {} remain",
                                       length, data.size() - 4));
  }
  *body = data.subspan(4, length);
  *consumed = 4 + static_cast<size_t>(length);
  return Status::Ok();
}

}  // namespace jao::parquet
