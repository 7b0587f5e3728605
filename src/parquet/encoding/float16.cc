// Half to single precision. Every half value is exactly representable as a
// float, so the widening is a re-encoding of sign, exponent and mantissa.
#include "parquet/encoding/float16.h"

#include <bit>

namespace jao::parquet {

float HalfToFloat(uint16_t half) {
  uint32_t sign = static_cast<uint32_t>(half >> 15) << 31;
  uint32_t exponent = (half >> 10) & 0x1F;
  uint32_t mantissa = half & 0x3FF;
  uint32_t bits = 0;
  if (exponent == 0x1F) {
    // Infinity or NaN; the NaN payload moves to the top of the float's.
    bits = sign | 0x7F800000u | (mantissa << 13);
  } else if (exponent != 0) {
    bits = sign | ((exponent - 15 + 127) << 23) | (mantissa << 13);
  } else if (mantissa == 0) {
    bits = sign;
  } else {
    // Subnormal half (mantissa * 2^-24): normal as a float once the leading
    // one is shifted up to the implicit bit.
    int shift = 0;
    while ((mantissa & 0x400) == 0) {
      mantissa <<= 1;
      ++shift;
    }
    mantissa &= 0x3FF;
    uint32_t float_exponent = static_cast<uint32_t>(127 - 15 + 1 - shift);
    bits = sign | (float_exponent << 23) | (mantissa << 13);
  }
  return std::bit_cast<float>(bits);
}

}  // namespace jao::parquet
