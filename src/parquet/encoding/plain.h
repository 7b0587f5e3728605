// PLAIN encoding (parquet-format Encodings.md): fixed-width little-endian
// values, length-prefixed byte arrays, fixed-length byte arrays, bit-packed
// booleans. Each function decodes `count` values from the start of `data`,
// sets `*consumed`, and fails with Corrupt when `data` is too short.
#pragma once

#include <cstdint>
#include <string_view>

#include "common/bytes.h"
#include "common/status.h"
#include "parquet/batch.h"

namespace jao::parquet {

// The physical type's name in messages: "int32", "fixed_len_byte_array".
std::string_view PlainTypeName(Type type);

// Corrupt "plain <type> data has N bytes, C values need M" unless `count`
// values of `width` bytes fit in `available` bytes.
Status CheckPlainFixedSize(std::string_view type, uint64_t available,
                           int64_t count, size_t width);

// T is int32_t, int64_t, float or double.
template <typename T>
Status DecodePlainFixed(ByteSpan data, int64_t count, T* out, size_t* consumed);

Status DecodePlainInt96(ByteSpan data, int64_t count, Int96* out,
                        size_t* consumed);
// Booleans are bit-packed LSB first.
Status DecodePlainBoolean(ByteSpan data, int64_t count, uint8_t* out,
                          size_t* consumed);
// Views point into `data`.
Status DecodePlainByteArray(ByteSpan data, int64_t count, std::string_view* out,
                            size_t* consumed);
// Decodes up to `count` byte arrays, stopping before the first that is not
// whole in `data`; returns how many it decoded (the caller refills).
int64_t DecodePlainByteArrayPrefix(ByteSpan data, int64_t count,
                                   std::string_view* out, size_t* consumed);
Status DecodePlainFixedLenByteArray(ByteSpan data, int32_t type_length,
                                    int64_t count, std::string_view* out,
                                    size_t* consumed);

}  // namespace jao::parquet
