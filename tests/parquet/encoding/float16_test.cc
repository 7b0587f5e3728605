// HalfToFloat: IEEE 754 binary16 values known by hand, and every finite half
// against the format's formula evaluated with ldexp.
#include "parquet/encoding/float16.h"

#include <gtest/gtest.h>

#include <cmath>

namespace jao::parquet {
namespace {

TEST(Float16, WidensOne) { EXPECT_EQ(HalfToFloat(0x3C00), 1.0f); }

TEST(Float16, WidensMinusTwo) { EXPECT_EQ(HalfToFloat(0xC000), -2.0f); }

TEST(Float16, WidensTheLargestFinite) {
  EXPECT_EQ(HalfToFloat(0x7BFF), 65504.0f);
}

TEST(Float16, WidensOneThird) {
  EXPECT_EQ(HalfToFloat(0x3555), 0.333251953125f);
}

TEST(Float16, WidensTheSmallestSubnormal) {
  EXPECT_EQ(HalfToFloat(0x0001), std::ldexp(1.0f, -24));
}

TEST(Float16, WidensTheLargestSubnormal) {
  EXPECT_EQ(HalfToFloat(0x03FF), std::ldexp(1023.0f, -24));
}

TEST(Float16, WidensTheSmallestNormal) {
  EXPECT_EQ(HalfToFloat(0x0400), std::ldexp(1.0f, -14));
}

TEST(Float16, KeepsTheSignOfZero) {
  EXPECT_EQ(HalfToFloat(0x0000), 0.0f);
  EXPECT_FALSE(std::signbit(HalfToFloat(0x0000)));
  EXPECT_TRUE(std::signbit(HalfToFloat(0x8000)));
}

TEST(Float16, WidensInfinities) {
  EXPECT_EQ(HalfToFloat(0x7C00), INFINITY);
  EXPECT_EQ(HalfToFloat(0xFC00), -INFINITY);
}

TEST(Float16, WidensNaNs) {
  EXPECT_TRUE(std::isnan(HalfToFloat(0x7E00)));
  EXPECT_TRUE(std::isnan(HalfToFloat(0x7C01)));
  EXPECT_TRUE(std::isnan(HalfToFloat(0xFE00)));
}

TEST(Float16, MatchesTheFormulaForEveryFiniteHalf) {
  int mismatches = 0;
  for (uint32_t h = 0; h <= 0xFFFF; ++h) {
    uint32_t exponent = (h >> 10) & 0x1F;
    if (exponent == 0x1F) continue;  // infinities and NaNs: tested above
    int mantissa = static_cast<int>(h & 0x3FF);
    double magnitude =
        exponent == 0
            ? std::ldexp(mantissa, -24)
            : std::ldexp(1024 + mantissa, static_cast<int>(exponent) - 25);
    double expected = (h & 0x8000) ? -magnitude : magnitude;
    if (static_cast<double>(HalfToFloat(static_cast<uint16_t>(h))) !=
        expected) {
      ++mismatches;
      ADD_FAILURE() << "half 0x" << std::hex << h;
    }
  }
  EXPECT_EQ(mismatches, 0);
}

}  // namespace
}  // namespace jao::parquet
