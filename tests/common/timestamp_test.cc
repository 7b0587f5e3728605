#include "common/timestamp.h"

#include <gtest/gtest.h>

#include "common/status_matchers_support.h"

namespace jao {
namespace {

// 2023-04-01 00:00:00 UTC is 1680307200 seconds after the epoch (date -u -d).
constexpr int64_t k20230401 = 1680307200LL * 1000000;

TEST(Timestamp, DaysFromCivilKnownDates) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
  EXPECT_EQ(DaysFromCivil(1969, 12, 31), -1);
  EXPECT_EQ(DaysFromCivil(1, 1, 1), -719162);
}

TEST(Timestamp, CivilFromDaysInvertsDaysFromCivil) {
  CivilDate d = CivilFromDays(11016);
  EXPECT_EQ(d.year, 2000);
  EXPECT_EQ(d.month, 2);
  EXPECT_EQ(d.day, 29);
}

TEST(Timestamp, NanosFloorToMicrosForNegativeValues) {
  EXPECT_EQ(MicrosFromNanos(-1), -1);
  EXPECT_EQ(MicrosFromNanos(-1000), -1);
  EXPECT_EQ(MicrosFromNanos(-1001), -2);
  EXPECT_EQ(MicrosFromNanos(1999), 1);
}

TEST(Timestamp, MillisOverflowIsDetected) {
  EXPECT_EQ(*MicrosFromMillis(1500), 1500000);
  EXPECT_FALSE(MicrosFromMillis(INT64_MAX / 10).has_value());
}

TEST(Timestamp, Int96KnownValue) {
  // Julian day 2460036 is 2023-04-01; 09:30:00.5 is 34200.5 s into the day.
  EXPECT_EQ(*MicrosFromInt96(34200500000000ULL, 2460036),
            k20230401 + 34200500000LL);
  EXPECT_EQ(*MicrosFromInt96(0, 2440588), 0);
}

// The values of int96_from_spark.parquet (parquet-testing), its dictionary
// decoded by hand from the file's bytes; days checked with DuckDB 1.5.6
// (date '1970-01-01' + n).
TEST(Timestamp, Int96AfterTheNanosecondRangeDoesNotWrap) {
  // Julian day 5373484, 03:00 = 9999-12-31T03:00:00Z (DuckDB reads it so).
  const Int96Instant instant = SplitInt96(10800000000000ULL, 5373484);
  EXPECT_EQ(instant.days, 2932896);  // 9999-12-31
  EXPECT_EQ(instant.nanos_of_day, 10800000000000LL);
  EXPECT_EQ(*MicrosFromInt96(10800000000000ULL, 5373484),
            2932896LL * kMicrosPerDay + 10800LL * kMicrosPerSecond);
}

TEST(Timestamp, Int96BeforeTheNanosecondRangeDoesNotWrap) {
  // Julian day -105862232 (int32) and -32509551616000 ns (int64): Spark's
  // own overflow of +290000-12-30; the stored instant is day -108302821
  // (-294554-12-13) at 14:58:10.448384, beyond int64 microseconds.
  const Int96Instant instant = SplitInt96(18446711564157935616ULL, 4189105064U);
  EXPECT_EQ(instant.days, -108302821);
  EXPECT_EQ(instant.nanos_of_day, 53890448384000LL);
  EXPECT_FALSE(MicrosFromInt96(18446711564157935616ULL, 4189105064U));
  EXPECT_EQ(IsoDateText(instant.days), "-294554-12-13");
}

TEST(Timestamp, Int96OfTheLowestNanosecondsDoesNotOverflow) {
  // -2^63 ns: floor(-2^63 / 86400e9) = -106752 days, remainder
  // 763145224192 ns (Python's // and %). Computing the remainder as
  // nanos - days * 86400e9 overflowed int64 (UBSan, read-path fuzzer).
  const Int96Instant instant = SplitInt96(uint64_t{1} << 63, 2440588);
  EXPECT_EQ(instant.days, -106752);
  EXPECT_EQ(instant.nanos_of_day, 763145224192LL);
}

TEST(Timestamp, IsoTextOfTheInt64Extremes) {
  // Expected values: DuckDB's date of the floor-divided day, the remainder
  // by hand.
  EXPECT_EQ(IsoTimestampText(INT64_MAX, 6), "+294247-01-10T04:00:54.775807Z");
  EXPECT_EQ(IsoTimestampText(INT64_MIN, 6), "-290308-12-21T19:59:05.224192Z");
  EXPECT_EQ(IsoTimestampText(INT64_MIN, 9), "1677-09-21T00:12:43.145224192Z");
  EXPECT_EQ(IsoTimestampText(-1, 9), "1969-12-31T23:59:59.999999999Z");
}

TEST(Timestamp, ParsesADate) {
  EXPECT_EQ(*ParseIsoTimestamp("2023-04-01"), k20230401);
}

TEST(Timestamp, ParsesSpaceAndTSeparatedTimes) {
  int64_t expected = k20230401 + 34200LL * 1000000;
  EXPECT_EQ(*ParseIsoTimestamp("2023-04-01 09:30:00"), expected);
  EXPECT_EQ(*ParseIsoTimestamp("2023-04-01T09:30"), expected);
}

TEST(Timestamp, FractionKeepsSixDigitsAndTruncatesTheRest) {
  int64_t base = k20230401 + 34200LL * 1000000;
  EXPECT_EQ(*ParseIsoTimestamp("2023-04-01T09:30:00.123456"), base + 123456);
  EXPECT_EQ(*ParseIsoTimestamp("2023-04-01T09:30:00.5"), base + 500000);
  EXPECT_EQ(*ParseIsoTimestamp("2023-04-01T09:30:00.123456789"), base + 123456);
}

TEST(Timestamp, OffsetsAreConvertedToUtc) {
  int64_t utc_0830 = k20230401 + 30600LL * 1000000;
  EXPECT_EQ(*ParseIsoTimestamp("2023-04-01T09:30:00+01:00"), utc_0830);
  EXPECT_EQ(*ParseIsoTimestamp("2023-04-01T09:30:00+0100"), utc_0830);
  EXPECT_EQ(*ParseIsoTimestamp("2023-04-01T07:30:00-01:00"), utc_0830);
  EXPECT_EQ(*ParseIsoTimestamp("2023-04-01T08:30:00Z"), utc_0830);
}

TEST(Timestamp, RejectsWhatIsNotIso8601) {
  for (const char* text :
       {"", "01/04/2023", "2023-4-1", "2023-02-30", "2023-04-01T25:00",
        "2023-04-01T09:30:00.", "2023-04-01T09:30:00.1234567890",
        "2023-04-01 09:30:00 BST", "2023-13-01", "2023-04-01T09", "yesterday",
        "2023-04-01T09:30:00+1"}) {
    Result<int64_t> r = ParseIsoTimestamp(text);
    ASSERT_THAT(r, StatusIs(::testing::_, "not an iso-8601 timestamp")) << text;
  }
}

TEST(Timestamp, LeapDayIsAcceptedOnlyInLeapYears) {
  EXPECT_THAT(ParseIsoTimestamp("2024-02-29"), IsOk());
  EXPECT_FALSE(ParseIsoTimestamp("2023-02-29").ok());
  EXPECT_FALSE(ParseIsoTimestamp("1900-02-29").ok());
}

TEST(Timestamp, FormatsLikeDjangoOnSqlite) {
  EXPECT_EQ(FormatSqliteDatetime(k20230401 + 34200LL * 1000000),
            "2023-04-01 09:30:00");
  EXPECT_EQ(FormatSqliteDatetime(k20230401 + 5), "2023-04-01 00:00:00.000005");
  EXPECT_EQ(FormatSqliteDatetime(-1), "1969-12-31 23:59:59.999999");
}

TEST(Timestamp, DatetimeRangeIsYears1To9999) {
  EXPECT_TRUE(InDatetimeRange(0));
  EXPECT_TRUE(InDatetimeRange(*ParseIsoTimestamp("0001-01-01")));
  EXPECT_FALSE(InDatetimeRange(*ParseIsoTimestamp("0001-01-01") - 1));
  EXPECT_TRUE(
      InDatetimeRange(*ParseIsoTimestamp("9999-12-31T23:59:59.999999")));
  EXPECT_FALSE(
      InDatetimeRange(*ParseIsoTimestamp("9999-12-31T23:59:59.999999") + 1));
}

}  // namespace
}  // namespace jao
