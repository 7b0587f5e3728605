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

// The stored title, or "<rejected: reason>".
std::string Title(const testing::OneValue& v) {
  auto outcome = ValidateTitle(v.cell());
  return outcome.ok() ? std::string(outcome.value())
                      : "<rejected: " + outcome.rejection().reason + ">";
}

TEST(TextRule, TitleIsTrimmedOfAsciiWhiteSpace) {
  EXPECT_EQ(Title(StringValue(" \tPolicy  Advisor \n")), "Policy  Advisor");
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

// Issue 21, item 10: old code kept the NBSPs (U+00A0) and accepted U+3000
// IDEOGRAPHIC SPACE alone as a title.
TEST(TextRule, TitleIsTrimmedOfUnicodeWhiteSpace) {
  EXPECT_EQ(Title(StringValue("\xC2\xA0x\xC2\xA0")), "x");
  EXPECT_EQ(Title(StringValue("\xE3\x80\x80Policy\xC2\xA0"
                              "Advisor\xE2\x80\xA9")),
            "Policy\xC2\xA0"
            "Advisor");
}

TEST(TextRule, TitleOfUnicodeWhiteSpaceAloneIsEmpty) {
  EXPECT_EQ(TitleReason(StringValue("\xE3\x80\x80")), "empty title");
  EXPECT_EQ(TitleReason(StringValue("\xC2\xA0\xE2\x80\xA8\xC2\x85")),
            "empty title");
}

}  // namespace
}  // namespace jao::ingest
