// FLOAT16 logical type: IEEE 754 half precision stored as 2-byte
// FIXED_LEN_BYTE_ARRAY, little-endian, widened exactly to float.
#pragma once

#include <cstdint>

namespace jao::parquet {

float HalfToFloat(uint16_t half);

}  // namespace jao::parquet
