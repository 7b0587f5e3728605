#include "ingest/validators/timestamp.h"

#include <gtest/gtest.h>

#include "ingest/batch_support.h"

namespace jao::ingest {
namespace {

using parquet::TimeUnit;

// 2023-04-01 00:00:00 UTC (date -u -d 2023-04-01 +%s).
constexpr int64_t k20230401 = 1680307200LL * 1000000;

int64_t Ok(const testing::OneValue& v) {
  auto outcome = ValidateTimestamp(v.cell());
  EXPECT_TRUE(outcome.ok()) << (outcome.ok() ? "" : outcome.rejection().reason);
  return outcome.ok() ? outcome.value() : -999;
}

std::string Reason(const testing::OneValue& v) {
  auto outcome = ValidateTimestamp(v.cell());
  return outcome.ok() ? "accepted" : outcome.rejection().reason;
}

testing::OneValue Int64Timestamp(int64_t value, TimeUnit unit) {
  return testing::Value(testing::TimestampColumn("live_date", unit),
                        testing::Int64s(nullptr, {value}));
}

TEST(TimestampRule, NanosFloorToMicrosAlsoBeforeTheEpoch) {
  EXPECT_EQ(Ok(Int64Timestamp(1680307200123456789, TimeUnit::NANOS)),
            k20230401 + 123456);
  EXPECT_EQ(Ok(Int64Timestamp(-1, TimeUnit::NANOS)), -1);
  EXPECT_EQ(Ok(Int64Timestamp(-1500, TimeUnit::NANOS)), -2);
}

TEST(TimestampRule, MillisAndMicrosAreScaled) {
  EXPECT_EQ(Ok(Int64Timestamp(1680307200123, TimeUnit::MILLIS)),
            k20230401 + 123000);
  EXPECT_EQ(Ok(Int64Timestamp(k20230401, TimeUnit::MICROS)), k20230401);
}

TEST(TimestampRule, Int96KnownValue) {
  // Julian day 2460036 = 2023-04-01; 09:30:00 is 34200 s into the day.
  auto v = testing::Value(
      testing::PlainColumn("live_date", parquet::Type::INT96),
      testing::Int96s(nullptr, {parquet::Int96{34200000000001ULL, 2460036}}));
  EXPECT_EQ(Ok(v), k20230401 + 34200000000LL);
}

TEST(TimestampRule, DateIsMidnightUtc) {
  // 19448 days after 1970-01-01 is 2023-04-01.
  auto v = testing::Value(testing::DateColumn("live_date"),
                          testing::Int32s(nullptr, {19448}));
  EXPECT_EQ(Ok(v), k20230401);
}

TEST(TimestampRule, IsoStringsWithAndWithoutOffsets) {
  EXPECT_EQ(Ok(testing::StringValue("2023-04-01")), k20230401);
  EXPECT_EQ(Ok(testing::StringValue("2023-04-01 09:30:00")),
            k20230401 + 34200000000LL);
  EXPECT_EQ(Ok(testing::StringValue("2023-04-01T09:30:00.123456")),
            k20230401 + 34200123456LL);
  EXPECT_EQ(Ok(testing::StringValue("2023-04-01T09:30:00+01:00")),
            k20230401 + 30600000000LL);
  EXPECT_EQ(Ok(testing::StringValue("2023-04-01T00:30:00+0100")),
            k20230401 - 1800000000LL);
}

TEST(TimestampRule, OtherTextIsRejected) {
  testing::OneValue v = testing::StringValue("01/04/2023", "closing_date");
  auto outcome = ValidateTimestamp(v.cell());
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.rejection().column, "closing_date");
  EXPECT_EQ(outcome.rejection().value, "01/04/2023");
  EXPECT_EQ(outcome.rejection().reason, "not an iso-8601 timestamp");
}

TEST(TimestampRule, NullIsRejected) {
  EXPECT_EQ(Reason(testing::StringValue(std::nullopt)), "missing timestamp");
}

TEST(TimestampRule, YearsBeyond9999AreRejected) {
  // 253402300800 s is 10000-01-01.
  EXPECT_EQ(Reason(Int64Timestamp(253402300800LL * 1000000, TimeUnit::MICROS)),
            "timestamp outside years 1..9999");
  EXPECT_EQ(Reason(Int64Timestamp(INT64_MAX, TimeUnit::MILLIS)),
            "timestamp outside years 1..9999");
}

TEST(TimestampRule, UnannotatedInt64IsATypeError) {
  parquet::ColumnDescriptor column =
      testing::PlainColumn("closing_date", parquet::Type::INT64);
  EXPECT_EQ(CheckTimestampColumn(column).message(),
            "column 'closing_date' is INT64, expected a timestamp, a date or a "
            "string");
}

// Issue 21, item 5: a rejected TIMESTAMP or DATE shows its value, not its
// integer. 10000-01-01 is day 2932897 of the epoch (Date.UTC(10000, 0, 1)
// / 86400000 in Node), written with ISO-8601's expanded year, as
// ECMAScript's toISOString does.
TEST(TimestampRule, RejectedTimestampShowsItsValue) {
  auto millis = Int64Timestamp(2932897LL * 86400000, TimeUnit::MILLIS);
  auto micros = Int64Timestamp(2932897LL * 86400000000, TimeUnit::MICROS);
  auto date = testing::Value(testing::DateColumn("live_date"),
                             testing::Int32s(nullptr, {2932897}));
  EXPECT_EQ(ValidateTimestamp(millis.cell()).rejection().value,
            "+010000-01-01T00:00:00.000Z");
  EXPECT_EQ(ValidateTimestamp(micros.cell()).rejection().value,
            "+010000-01-01T00:00:00.000000Z");
  EXPECT_EQ(ValidateTimestamp(date.cell()).rejection().value, "+010000-01-01");
}

}  // namespace
}  // namespace jao::ingest
