#include "common/decimal.h"

#include <gtest/gtest.h>

#include <cmath>

#include "common/status_matchers_support.h"

namespace jao {
namespace {

TEST(Decimal, ParsesWholeNumbersAsHundredths) {
  EXPECT_EQ(*ParseDecimalHundredths("25000"), 2500000);
}

TEST(Decimal, RoundsTheThirdPlaceHalfAwayFromZero) {
  EXPECT_EQ(*ParseDecimalHundredths("1000.125"), 100013);
  EXPECT_EQ(*ParseDecimalHundredths("1000.124999"), 100012);
  EXPECT_EQ(*ParseDecimalHundredths("-0.005"), -1);
  EXPECT_EQ(*ParseDecimalHundredths("0.995"), 100);
}

TEST(Decimal, AcceptsALeadingDotAndOneFractionDigit) {
  EXPECT_EQ(*ParseDecimalHundredths(".5"), 50);
  EXPECT_EQ(*ParseDecimalHundredths("12.3"), 1230);
}

TEST(Decimal, RejectsWhatIsNotAPlainDecimalNumber) {
  for (const char* text : {"", "TBC", "25k", "1e5", "+5", "1.", ".", "-", " 1",
                           "1,000", "--1", "1.2.3"}) {
    Result<int64_t> r = ParseDecimalHundredths(text);
    ASSERT_THAT(r, StatusIs(::testing::_, "not a plain decimal number"))
        << text;
  }
}

TEST(Decimal, RejectsValuesBeyondInt64) {
  Result<int64_t> r = ParseDecimalHundredths("92233720368547758.08");
  ASSERT_THAT(r, StatusIs(::testing::_, "out of range"));
  EXPECT_EQ(*ParseDecimalHundredths("92233720368547758.07"),
            9223372036854775807);
}

TEST(Decimal, ShortestTextOfADoubleIsWhatPythonReprShows) {
  EXPECT_EQ(ShortestDecimalText(2.675), "2.675");
  EXPECT_EQ(ShortestDecimalText(0.1), "0.1");
  EXPECT_EQ(ShortestDecimalText(1e20), "100000000000000000000");
  EXPECT_EQ(ShortestDecimalText(1e-7), "0.0000001");
  EXPECT_EQ(ShortestDecimalText(-1.0), "-1");
}

TEST(Decimal, DoubleRoundsItsShortestTextNotItsBinaryValue) {
  // 2.675 is 2.67499999999999982236431605997495353221893310546875 in binary.
  EXPECT_EQ(*DoubleToHundredths(2.675), 268);
  EXPECT_EQ(*DoubleToHundredths(1.005), 101);
  EXPECT_EQ(*DoubleToHundredths(-2.675), -268);
}

TEST(Decimal, DoubleNanAndInfinityAreRefused) {
  EXPECT_EQ(DoubleToHundredths(std::nan("")).status().message(),
            "not a number");
  EXPECT_EQ(DoubleToHundredths(INFINITY).status().message(), "out of range");
  EXPECT_EQ(DoubleToHundredths(1e300).status().message(), "out of range");
}

TEST(Decimal, FormatsHundredthsWithTwoPlaces) {
  EXPECT_EQ(FormatHundredths(1234560), "12345.60");
  EXPECT_EQ(FormatHundredths(-5), "-0.05");
  EXPECT_EQ(FormatHundredths(0), "0.00");
}

TEST(Decimal, ScaledTextPlacesThePointExactly) {
  EXPECT_EQ(ScaledDecimalText(12345, 2), "123.45");
  EXPECT_EQ(ScaledDecimalText(-5, 3), "-0.005");
  EXPECT_EQ(ScaledDecimalText(5, 0), "5");
  EXPECT_EQ(ScaledDecimalText(7, -2), "700");
  EXPECT_EQ(ScaledDecimalText(0, -2), "0");
  EXPECT_EQ(ScaledDecimalText(0, 2), "0.00");
  EXPECT_EQ(ScaledDecimalText(INT64_MIN, 0), "-9223372036854775808");
  // The widest 16-byte value: -(2^127), 39 digits.
  Int128 lowest = -(static_cast<Int128>(1) << 126) * 2;
  EXPECT_EQ(ScaledDecimalText(lowest, 38),
            "-1.70141183460469231731687303715884105728");
}

TEST(Decimal, BigEndianBytesAreTwosComplement) {
  EXPECT_EQ(BigEndianInt128(std::string("\x01\x00", 2)), Int128{256});
  EXPECT_EQ(BigEndianInt128(std::string("\xff", 1)), Int128{-1});
  EXPECT_EQ(BigEndianInt128(std::string("\xff\x00", 2)), Int128{-256});
  EXPECT_EQ(BigEndianInt128(std::string(16, '\x7f')),
            (Int128{0x7f7f7f7f7f7f7f7f} << 64) | Int128{0x7f7f7f7f7f7f7f7f});
  EXPECT_EQ(BigEndianInt128(""), std::nullopt);
  EXPECT_EQ(BigEndianInt128(std::string(17, '\x00')), std::nullopt);
}

// Issue 21, item 9: -0 is 0 (the spec), one rule for every validator.
TEST(Decimal, NegativeZeroIsNotBelowZero) {
  for (const char* zero : {"-0", "-0.00", "-.0", "-000", "0", "0.0"}) {
    EXPECT_FALSE(IsBelowZero(zero)) << zero;
  }
  for (const char* below : {"-0.001", "-1", "-5.50", "-.5"}) {
    EXPECT_TRUE(IsBelowZero(below)) << below;
  }
  EXPECT_FALSE(IsBelowZero(ShortestDecimalText(-0.0)));
  EXPECT_FALSE(IsBelowZero("5"));
  EXPECT_FALSE(IsBelowZero(""));
}

}  // namespace
}  // namespace jao
