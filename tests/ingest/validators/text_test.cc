#include "ingest/validators/text.h"

#include <gtest/gtest.h>

#include "ingest/batch_support.h"

namespace jao::ingest {
namespace {

using testing::StringValue;

std::string TitleReason(const testing::OneValue& v) {
  auto outcome = ValidateTitle(v.cell());
  return outcome.ok() ? "accepted" : outcome.rejection().reason;
}

TEST(TextRule, TitleIsTrimmedOfAsciiWhiteSpace) {
  testing::OneValue v = StringValue(" \tPolicy  Advisor \n");
  auto outcome = ValidateTitle(v.cell());
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome.value(), "Policy  Advisor");
}

TEST(TextRule, NullOrEmptyTitleIsRejected) {
  EXPECT_EQ(TitleReason(StringValue(std::nullopt)), "missing title");
  EXPECT_EQ(TitleReason(StringValue("   ")), "empty title");
}

TEST(TextRule, DescriptionIsKeptByteForByte) {
  std::string text =
      "  [b]Role[/b]\n[list][*]one[/list] [url=https://x]x[/url] ";
  testing::OneValue v = StringValue(text);
  auto outcome = ValidateText(v.cell());
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome.value(), text);
}

TEST(TextRule, NullDescriptionIsAbsent) {
  testing::OneValue v = StringValue(std::nullopt);
  auto outcome = ValidateText(v.cell());
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome.value(), std::nullopt);
}

TEST(TextRule, InvalidUtf8IsRejected) {
  testing::OneValue v = StringValue("caf\xE9", "job_summary");
  auto outcome = ValidateText(v.cell());
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.rejection().column, "job_summary");
  EXPECT_EQ(outcome.rejection().reason, "invalid utf-8");
  // The reject line carries the bytes exactly ("caf\xE9" in base64, by
  // hand: 0x63 0x61 0x66 0xE9 -> Y2Fm 6Q==), not a replacement character.
  EXPECT_EQ(outcome.rejection().value,
            nlohmann::json({{"base64", "Y2Fm6Q=="}}));
}

TEST(TextRule, NulByteIsRejected) {
  EXPECT_EQ(TitleReason(StringValue(std::string("a\0b", 3))),
            "contains a nul byte");
}

TEST(TextRule, TitleAsInt64IsATypeError) {
  parquet::ColumnDescriptor column =
      testing::PlainColumn("vacancy_title", parquet::Type::INT64);
  EXPECT_EQ(CheckTextColumn(column).message(),
            "column 'vacancy_title' is INT64, expected a string");
}

}  // namespace
}  // namespace jao::ingest
