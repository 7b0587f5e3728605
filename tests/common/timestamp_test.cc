#include "common/timestamp.h"

#include <gtest/gtest.h>

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
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().message(), "not an iso-8601 timestamp") << text;
  }
}

TEST(Timestamp, LeapDayIsAcceptedOnlyInLeapYears) {
  EXPECT_TRUE(ParseIsoTimestamp("2024-02-29").ok());
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
