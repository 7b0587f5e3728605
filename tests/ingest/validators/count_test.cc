#include "ingest/validators/count.h"

#include <gtest/gtest.h>

#include <cmath>

#include "ingest/batch_support.h"

namespace jao::ingest {
namespace {

std::optional<int64_t> Ok(const testing::OneValue& v) {
  auto outcome = ValidateCount(v.cell());
  EXPECT_TRUE(outcome.ok()) << (outcome.ok() ? "" : outcome.rejection().reason);
  return outcome.ok() ? outcome.value() : std::optional<int64_t>(-999);
}

std::string Reason(const testing::OneValue& v) {
  auto outcome = ValidateCount(v.cell());
  return outcome.ok() ? "accepted" : outcome.rejection().reason;
}

TEST(CountRule, WholeDoublesAndIntegersAreCounts) {
  EXPECT_EQ(Ok(testing::DoubleValue(42.0)), 42);
  EXPECT_EQ(Ok(testing::Int64Value(0)), 0);
  EXPECT_EQ(Ok(testing::Int32Value(7)), 7);
  EXPECT_EQ(Ok(testing::DoubleValue(2147483647.0)), 2147483647);
}

TEST(CountRule, MinusOneNanAndNullAreAbsent) {
  EXPECT_EQ(Ok(testing::DoubleValue(-1.0)), std::nullopt);
  EXPECT_EQ(Ok(testing::Int64Value(-1)), std::nullopt);
  EXPECT_EQ(Ok(testing::DoubleValue(std::nan(""))), std::nullopt);
  EXPECT_EQ(Ok(testing::Int64Value(std::nullopt)), std::nullopt);
}

TEST(CountRule, NegativeIsRejected) {
  EXPECT_EQ(Reason(testing::Int64Value(-2)), "negative count");
  EXPECT_EQ(Reason(testing::DoubleValue(-0.5)), "negative count");
}

TEST(CountRule, FractionalIsRejected) {
  EXPECT_EQ(Reason(testing::DoubleValue(3.5)), "fractional count");
}

TEST(CountRule, AboveInt32IsRejected) {
  EXPECT_EQ(Reason(testing::Int64Value(2147483648)), "count above 2147483647");
  EXPECT_EQ(Reason(testing::DoubleValue(1e300)), "count above 2147483647");
}

TEST(CountRule, StringColumnIsATypeError) {
  EXPECT_EQ(
      CheckCountColumn(testing::StringColumn("number_of_applications"))
          .message(),
      "column 'number_of_applications' is STRING (BYTE_ARRAY), expected a "
      "number");
}

// Issue 21, item 9: -0 is 0. Old code rejected -0.0 as "negative count".
TEST(CountRule, NegativeZeroIsZero) {
  EXPECT_EQ(Ok(testing::DoubleValue(-0.0)), 0);
  EXPECT_EQ(Ok(testing::FloatValue(-0.0f)), 0);
}

// Issue 21, item 5: old code wrote the unscaled -35.
TEST(CountRule, RejectedDecimalShowsItsScaledValue) {
  auto v = testing::DecimalValue(parquet::Type::INT64, 18, 1, -35);
  EXPECT_EQ(Reason(v), "negative count");
  EXPECT_EQ(ValidateCount(v.cell()).rejection().value, "-3.5");
}

}  // namespace
}  // namespace jao::ingest
