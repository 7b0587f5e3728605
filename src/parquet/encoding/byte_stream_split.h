// BYTE_STREAM_SPLIT (parquet-format Encodings.md): byte k of every value is
// stored in stream k. Works for any width (FLOAT, DOUBLE, INT32, INT64,
// FIXED_LEN_BYTE_ARRAY). Writes count * width bytes, little-endian values.
#pragma once

#include <cstdint>

#include "common/bytes.h"
#include "common/status.h"

namespace jao::parquet {

// Corrupt unless data.size() == count * width.
Status DecodeByteStreamSplit(ByteSpan data, int width, int64_t count,
                             uint8_t* out);

}  // namespace jao::parquet
