// DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY (parquet-format Encodings.md).
// DELTA_LENGTH: lengths delta-packed, then the concatenated bytes: views point
// into `data`. DELTA_BYTE_ARRAY: prefix lengths and suffixes; values are
// rebuilt into `storage`, which the caller keeps alive with the views.
#pragma once

#include <cstdint>
#include <string_view>

#include "common/bytes.h"
#include "common/status.h"

namespace jao::parquet {

Status DecodeDeltaLengthByteArray(ByteSpan data, int64_t count,
                                  std::string_view* out);
Status DecodeDeltaByteArray(ByteSpan data, int64_t count, std::string_view* out,
                            Buffer* storage);

}  // namespace jao::parquet
