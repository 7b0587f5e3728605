#include "ingest/validators/salary.h"

#include <gtest/gtest.h>

#include <cmath>

#include "ingest/batch_support.h"

namespace jao::ingest {
namespace {

using testing::DoubleValue;
using testing::StringValue;

std::optional<int64_t> Ok(const testing::OneValue& v) {
  auto outcome = ValidateSalary(v.cell());
  EXPECT_TRUE(outcome.ok()) << (outcome.ok() ? "" : outcome.rejection().reason);
  return outcome.ok() ? outcome.value() : std::optional<int64_t>(-999);
}

std::string Reason(const testing::OneValue& v) {
  auto outcome = ValidateSalary(v.cell());
  return outcome.ok() ? "accepted" : outcome.rejection().reason;
}

nlohmann::json RejectedValue(const testing::OneValue& v) {
  auto outcome = ValidateSalary(v.cell());
  return outcome.ok() ? nlohmann::json("accepted") : outcome.rejection().value;
}

TEST(Salary, PoundSignAndThousandsSeparatorsAreDropped) {
  EXPECT_EQ(Ok(StringValue("£25,000")), 2500000);
}

TEST(Salary, StringsAreTrimmedFirst) {
  EXPECT_EQ(Ok(StringValue("  £31,500.50 \t")), 3150050);
}

TEST(Salary, StringRoundsHalfAwayFromZero) {
  EXPECT_EQ(Ok(StringValue("1000.125")), 100013);
  EXPECT_EQ(Ok(StringValue("1000.124")), 100012);
}

TEST(Salary, DoubleRoundsItsShortestDecimalText) {
  // Binary 2.675 is just below 2.675; Python round(2.675, 2) gives 2.67, but
  // the rule rounds the text "2.675" a reader sees.
  EXPECT_EQ(Ok(DoubleValue(2.675)), 268);
}

TEST(Salary, EmptyNullNanAndMinusOneAreAbsent) {
  EXPECT_EQ(Ok(StringValue("")), std::nullopt);
  EXPECT_EQ(Ok(StringValue("   ")), std::nullopt);
  EXPECT_EQ(Ok(StringValue(std::nullopt)), std::nullopt);
  EXPECT_EQ(Ok(DoubleValue(std::nullopt)), std::nullopt);
  EXPECT_EQ(Ok(DoubleValue(std::nan(""))), std::nullopt);
  EXPECT_EQ(Ok(DoubleValue(-1.0)), std::nullopt);
  EXPECT_EQ(Ok(StringValue("-1")), std::nullopt);
  EXPECT_EQ(Ok(StringValue("-1.00")), std::nullopt);
}

TEST(Salary, TbcIsRejectedAsNotANumber) {
  testing::OneValue v = StringValue("TBC", "salary_minimum");
  auto outcome = ValidateSalary(v.cell());
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.rejection().column, "salary_minimum");
  EXPECT_EQ(outcome.rejection().value, "TBC");
  EXPECT_EQ(outcome.rejection().reason, "not a plain decimal number");
}

TEST(Salary, ShorthandAndExponentsAreRejected) {
  EXPECT_EQ(Reason(StringValue("25k")), "not a plain decimal number");
  EXPECT_EQ(Reason(StringValue("2.5e4")), "not a plain decimal number");
  EXPECT_EQ(Reason(StringValue("£")), "not a plain decimal number");
  EXPECT_EQ(Reason(StringValue("££5")), "not a plain decimal number");
}

TEST(Salary, NegativeOtherThanMinusOneIsRejected) {
  EXPECT_EQ(Reason(DoubleValue(-5.5)), "negative salary");
  EXPECT_EQ(Reason(StringValue("-2")), "negative salary");
  EXPECT_EQ(Reason(StringValue("-1.5")), "negative salary");
}

TEST(Salary, TenToTheEighthIsRejectedJustBelowIsKept) {
  EXPECT_EQ(Reason(DoubleValue(1e8)), "salary of 100000000 or more");
  EXPECT_EQ(Reason(StringValue("100,000,000")), "salary of 100000000 or more");
  EXPECT_EQ(Reason(DoubleValue(1e21)), "salary of 100000000 or more");
  EXPECT_EQ(Ok(StringValue("99999999.99")), 9999999999);
}

TEST(Salary, RoundingUpToTenToTheEighthIsRejected) {
  EXPECT_EQ(Reason(StringValue("99999999.995")), "salary of 100000000 or more");
}

TEST(Salary, InvalidUtf8IsRejected) {
  EXPECT_EQ(Reason(StringValue("\xA3"
                               "25000")),
            "invalid utf-8");
}

TEST(Salary, BooleanColumnIsATypeError) {
  parquet::ColumnDescriptor column =
      testing::PlainColumn("salary_minimum", parquet::Type::BOOLEAN);
  EXPECT_EQ(
      CheckSalaryColumn(column).message(),
      "column 'salary_minimum' is BOOLEAN, expected a string or a number");
}

TEST(Salary, IntegerAndDecimalColumnsAreRead) {
  EXPECT_EQ(Ok(testing::Int64Value(30000)), 3000000);
  auto decimal =
      testing::Value(testing::DecimalColumn("c", parquet::Type::INT64, 10, 2),
                     testing::Int64s(nullptr, {3000050}));
  EXPECT_EQ(Ok(decimal), 3000050);
}

// Issue 21, item 9: -0 is 0 (the spec's "Numbers: -0 is 0"). Old code
// rejected these as "negative salary".
TEST(Salary, NegativeZeroIsZero) {
  EXPECT_EQ(Ok(StringValue("-0")), 0);
  EXPECT_EQ(Ok(StringValue("-0.00")), 0);
  EXPECT_EQ(Ok(StringValue("£-0")), 0);
  EXPECT_EQ(Ok(DoubleValue(-0.0)), 0);
  EXPECT_EQ(Ok(testing::FloatValue(-0.0f)), 0);
}

TEST(Salary, BelowZeroButRoundingToZeroIsStillNegative) {
  EXPECT_EQ(Reason(StringValue("-0.001")), "negative salary");
  EXPECT_EQ(Reason(DoubleValue(-1e-9)), "negative salary");
}

// Issue 21, item 10: trimmed of what Python's str.strip() removes.
TEST(Salary, StringsAreTrimmedOfUnicodeWhiteSpace) {
  EXPECT_EQ(Ok(StringValue("\xC2\xA0\xC2\xA3"
                           "25,000\xE3\x80\x80")),
            2500000);
  EXPECT_EQ(Ok(StringValue("\xE2\x80\x83")), std::nullopt);
}

// Issue 21, item 5: a rejected DECIMAL's raw value is the scaled value as
// the file holds it, not its unscaled integer (old code: -550,
// 99999999995, and bytes for byte-array decimals).
TEST(Salary, RejectedDecimalShowsItsScaledValue) {
  using parquet::Type;
  // -550 in two bytes, big-endian two's complement: 65536 - 550 = 0xFDDA.
  const std::string minus_550("\xFD\xDA", 2);
  EXPECT_EQ(RejectedValue(testing::DecimalValue(Type::INT32, 9, 2, -550)),
            "-5.50");
  EXPECT_EQ(
      RejectedValue(testing::DecimalValue(Type::INT64, 18, 3, 99999999995)),
      "99999999.995");
  EXPECT_EQ(RejectedValue(
                testing::DecimalBytesValue(Type::BYTE_ARRAY, 4, 2, minus_550)),
            "-5.50");
  EXPECT_EQ(RejectedValue(testing::DecimalBytesValue(Type::FIXED_LEN_BYTE_ARRAY,
                                                     4, 2, minus_550)),
            "-5.50");
}

}  // namespace
}  // namespace jao::ingest
