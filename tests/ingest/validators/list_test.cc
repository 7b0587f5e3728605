#include "ingest/validators/list.h"

#include <gtest/gtest.h>

#include "ingest/batch_support.h"

namespace jao::ingest {
namespace {

using Items = std::vector<std::string_view>;

TEST(ListRule, CommaListIsSplitCleanedAndDeduplicated) {
  StringStore store;
  testing::OneValue v = testing::StringValue(" HEO, SEO,,HEO , Grade  7,");
  auto outcome = ValidateCommaList(v.cell(), &store);
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome.value(), (Items{"HEO", "SEO", "Grade 7"}));
}

TEST(ListRule, NullOrEmptyStringHasNoItems) {
  StringStore store;
  testing::OneValue null = testing::StringValue(std::nullopt);
  testing::OneValue commas = testing::StringValue(" , ,");
  EXPECT_EQ(ValidateCommaList(null.cell(), &store).value(), Items{});
  EXPECT_EQ(ValidateCommaList(commas.cell(), &store).value(), Items{});
}

TEST(ListRule, CaseIsKeptSoDifferentCaseIsADifferentItem) {
  StringStore store;
  testing::OneValue v = testing::StringValue("Full-time,full-time");
  EXPECT_EQ(ValidateCommaList(v.cell(), &store).value(),
            (Items{"Full-time", "full-time"}));
}

TEST(ListRule, AnOverlongItemRejectsTheRow) {
  StringStore store;
  testing::OneValue v =
      testing::StringValue("HEO," + std::string(300, 'y'), "grades");
  auto outcome = ValidateCommaList(v.cell(), &store);
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.rejection().reason, "name longer than 255 characters");
}

TEST(ListRule, ListColumnGetsTheSameTreatment) {
  StringStore store;
  parquet::ColumnDescriptor column = testing::StringListColumn("grades");
  parquet::ColumnBatch batch = testing::StringLists(
      &column,
      {{{"HEO", " SEO ", std::nullopt, "HEO", ""}}, std::nullopt, {{}}});
  auto first = ValidateListRow(batch, 0, &store);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first.value(), (Items{"HEO", "SEO"}));
  EXPECT_EQ(ValidateListRow(batch, 1, &store).value(), Items{});
  EXPECT_EQ(ValidateListRow(batch, 2, &store).value(), Items{});
}

TEST(ListRule, ListOfIntegersIsATypeError) {
  parquet::ColumnDescriptor column =
      testing::PlainColumn("grades", parquet::Type::INT64);
  column.is_list = true;
  EXPECT_EQ(CheckListColumn(column).message(),
            "column 'grades' is a list of INT64, expected a string or a list "
            "of strings");
}

// Issue 21, item 10: items are cleaned at Python's white space.
TEST(ListRule, ItemsAreCleanedOfUnicodeWhiteSpace) {
  StringStore store;
  testing::OneValue v = testing::StringValue(
      "\xC2\xA0HEO\xC2\xA0,Grade\xE3\x80\x80"
      "7,\xE3\x80\x80");
  auto outcome = ValidateCommaList(v.cell(), &store);
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome.value(), (Items{"HEO", "Grade 7"}));
}

}  // namespace
}  // namespace jao::ingest
