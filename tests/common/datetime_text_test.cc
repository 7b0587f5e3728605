// The text forms the database layer writes and reads back: Django's SQLite
// datetime text and exact decimals. Expected epochs from
// `date -u -d ... +%s`.
#include <gtest/gtest.h>

#include "common/decimal.h"
#include "common/status_matchers_support.h"
#include "common/timestamp.h"

namespace jao {
namespace {

constexpr int64_t kSecond = 1'000'000;

TEST(FormatSqliteDatetime, OmitsFractionWhenMicrosAreZero) {
  EXPECT_EQ(FormatSqliteDatetime(1'672'531'200 * kSecond),
            "2023-01-01 00:00:00");
}

TEST(FormatSqliteDatetime, WritesSixDigitsOfMicros) {
  EXPECT_EQ(FormatSqliteDatetime(1'680'341'400 * kSecond + 123'450),
            "2023-04-01 09:30:00.123450");
}

TEST(FormatSqliteDatetime, HandlesLeapDay) {
  EXPECT_EQ(FormatSqliteDatetime(1'709'164'799 * kSecond),
            "2024-02-28 23:59:59");
  EXPECT_EQ(FormatSqliteDatetime(1'709'251'199 * kSecond),
            "2024-02-29 23:59:59");
}

TEST(FormatSqliteDatetime, HandlesTimesBefore1970) {
  // date -u -d '1969-12-31 23:59:59' +%s = -1
  EXPECT_EQ(FormatSqliteDatetime(-1), "1969-12-31 23:59:59.999999");
  EXPECT_EQ(FormatSqliteDatetime(-86'400 * kSecond * 365),
            "1969-01-01 00:00:00");
}

TEST(ParseStoredDatetime, ReadsDjangoFormatWithAndWithoutMicros) {
  EXPECT_EQ(*ParseStoredDatetime("2023-01-01 00:00:00"),
            1'672'531'200 * kSecond);
  EXPECT_EQ(*ParseStoredDatetime("2023-04-01 09:30:00.123450"),
            1'680'341'400 * kSecond + 123'450);
}

TEST(ParseStoredDatetime, ReadsShortFractionTSeparatorAndUtcOffset) {
  EXPECT_EQ(*ParseStoredDatetime("2023-04-01T09:30:00.5+00:00"),
            1'680'341'400 * kSecond + 500'000);
  EXPECT_EQ(*ParseStoredDatetime("2023-04-01"), 1'680'307'200 * kSecond);
}

TEST(ParseStoredDatetime, RejectsOtherOffsetsAndBadDates) {
  for (const char* text :
       {"2023-04-01 09:30:00+01:00", "2023-02-29 00:00:00",
        "2023-04-01 24:00:00", "2023-04-01 09:30", "2023-04-01 09:30:00.",
        "2023-04-01 09:30:00.1234567", " 2023-04-01 09:30:00",
        "2023-04-01 09:30:00 ", ""}) {
    Result<int64_t> parsed = ParseStoredDatetime(text);
    ASSERT_THAT(parsed, StatusIs(::testing::_,
                                 "datetime text '" + std::string(text) +
                                     "' is not YYYY-MM-DD HH:MM:SS[.ffffff]"))
        << text;
  }
}

TEST(FormatHundredths, WritesTwoDecimals) {
  EXPECT_EQ(FormatHundredths(1'234'560), "12345.60");
  EXPECT_EQ(FormatHundredths(5), "0.05");
  EXPECT_EQ(FormatHundredths(0), "0.00");
  EXPECT_EQ(FormatHundredths(-105), "-1.05");
}

}  // namespace
}  // namespace jao
