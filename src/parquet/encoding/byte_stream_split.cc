// BYTE_STREAM_SPLIT decoding: a transpose of a width x count byte matrix.
#include "parquet/encoding/byte_stream_split.h"

#include <fmt/format.h>

namespace jao::parquet {

Status DecodeByteStreamSplit(ByteSpan data, int width, int64_t count,
                             uint8_t* out) {
  if (width <= 0) {
    return Status::Corrupt(
        fmt::format("byte_stream_split value width {} is not positive", width));
  }
  if (count < 0) {
    return Status::InvalidArgument(
        fmt::format("byte_stream_split count {} is negative", count));
  }
  size_t w = static_cast<size_t>(width);
  // No padding is allowed: the streams end exactly where the page ends.
  if (static_cast<uint64_t>(count) > data.size() / w ||
      static_cast<uint64_t>(count) * w != data.size()) {
    return Status::Corrupt(fmt::format(
        "byte_stream_split data has {} bytes, {} values of width {} need {}",
        data.size(), count, width, static_cast<uint64_t>(count) * w));
  }
  size_t n = static_cast<size_t>(count);
  for (size_t k = 0; k < w; ++k) {
    const uint8_t* stream = data.data() + k * n;
    for (size_t i = 0; i < n; ++i) out[i * w + k] = stream[i];
  }
  return Status::Ok();
}

}  // namespace jao::parquet
