#include "ingest/validators/statistic.h"

#include <gtest/gtest.h>

#include <cmath>

#include "ingest/batch_support.h"

namespace jao::ingest {
namespace {

std::optional<int32_t> Ok(const testing::OneValue& v) {
  auto outcome = ValidatePercent(v.cell());
  EXPECT_TRUE(outcome.ok()) << (outcome.ok() ? "" : outcome.rejection().reason);
  return outcome.ok() ? outcome.value() : std::optional<int32_t>(-999);
}

std::string Reason(const testing::OneValue& v) {
  auto outcome = ValidatePercent(v.cell());
  return outcome.ok() ? "accepted" : outcome.rejection().reason;
}

TEST(PercentRule, RoundsHalfAwayFromZeroToHundredths) {
  EXPECT_EQ(Ok(testing::DoubleValue(12.345)), 1235);
  EXPECT_EQ(Ok(testing::DoubleValue(33.333333333333336)), 3333);
}

TEST(PercentRule, BoundsZeroAndHundredAreKept) {
  EXPECT_EQ(Ok(testing::DoubleValue(0.0)), 0);
  EXPECT_EQ(Ok(testing::DoubleValue(100.0)), 10000);
}

TEST(PercentRule, MinusOneNanAndNullMeanNoRow) {
  EXPECT_EQ(Ok(testing::DoubleValue(-1.0)), std::nullopt);
  EXPECT_EQ(Ok(testing::DoubleValue(std::nan(""))), std::nullopt);
  EXPECT_EQ(Ok(testing::DoubleValue(std::nullopt)), std::nullopt);
}

TEST(PercentRule, OutsideZeroToHundredIsRejected) {
  testing::OneValue v = testing::DoubleValue(100.5, "gender__Female");
  auto outcome = ValidatePercent(v.cell());
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.rejection().column, "gender__Female");
  EXPECT_EQ(outcome.rejection().value, 100.5);
  EXPECT_EQ(outcome.rejection().reason, "percent outside 0..100");
  EXPECT_EQ(Reason(testing::DoubleValue(-0.5)), "percent outside 0..100");
  EXPECT_EQ(Reason(testing::DoubleValue(-2.0)), "percent outside 0..100");
}

TEST(PercentRule, JustAboveHundredIsRejectedEvenIfItRoundsToHundred) {
  EXPECT_EQ(Reason(testing::DoubleValue(100.004)), "percent outside 0..100");
  EXPECT_EQ(Ok(testing::DoubleValue(99.996)), 10000);
}

TEST(PercentRule, FloatUsesItsOwnShortestText) {
  // 0.125f is exact; 12.345f is 12.3450002670288 as a double.
  EXPECT_EQ(Ok(testing::FloatValue(12.345f)), 1235);
}

TEST(PercentRule, IntegerAndDecimalColumnsAreRead) {
  EXPECT_EQ(Ok(testing::Int32Value(50)), 5000);
  auto decimal =
      testing::Value(testing::DecimalColumn("c", parquet::Type::INT32, 5, 2),
                     testing::Int32s(nullptr, {1234}));
  EXPECT_EQ(Ok(decimal), 1234);
  auto wide =
      testing::Value(testing::DecimalColumn("c", parquet::Type::INT32, 7, 3),
                     testing::Int32s(nullptr, {12345}));
  EXPECT_EQ(Ok(wide), 1235);
}

TEST(PercentRule, StringColumnIsATypeError) {
  EXPECT_EQ(CheckPercentColumn(testing::StringColumn("gender__Male")).message(),
            "column 'gender__Male' is STRING (BYTE_ARRAY), expected a number");
}

// Issue 21, item 9: -0 is 0, as for salaries and counts.
TEST(PercentRule, NegativeZeroIsZero) {
  EXPECT_EQ(Ok(testing::DoubleValue(-0.0)), 0);
  EXPECT_EQ(Ok(testing::FloatValue(-0.0f)), 0);
  EXPECT_EQ(Reason(testing::DoubleValue(-0.001)), "percent outside 0..100");
}

// Issue 21, item 5: old code wrote the unscaled 10001.
TEST(PercentRule, RejectedDecimalShowsItsScaledValue) {
  auto v = testing::DecimalValue(parquet::Type::INT32, 5, 2, 10001);
  EXPECT_EQ(Reason(v), "percent outside 0..100");
  EXPECT_EQ(ValidatePercent(v.cell()).rejection().value, "100.01");
}

}  // namespace
}  // namespace jao::ingest
