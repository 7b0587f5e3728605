#include "ingest/validators/name.h"

#include <gtest/gtest.h>

#include "ingest/batch_support.h"

namespace jao::ingest {
namespace {

using testing::StringValue;

TEST(NameRule, TrimsAndCollapsesWhiteSpaceKeepingCase) {
  StringStore store;
  testing::OneValue v = StringValue("  Ministry of\t\tDefence ");
  auto outcome = ValidateName(v.cell(), &store);
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome.value(), "Ministry of Defence");
}

TEST(NameRule, CleanNameIsAViewIntoTheBatch) {
  StringStore store;
  testing::OneValue v = StringValue("HM Treasury");
  auto outcome = ValidateName(v.cell(), &store);
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome.value()->data(), v.batch->byte_arrays[0].data());
  EXPECT_EQ(store.size(), 0u);
}

TEST(NameRule, EmptyOrNullIsAbsent) {
  StringStore store;
  testing::OneValue blank = StringValue(" \t ");
  testing::OneValue null = StringValue(std::nullopt);
  EXPECT_EQ(ValidateName(blank.cell(), &store).value(), std::nullopt);
  EXPECT_EQ(ValidateName(null.cell(), &store).value(), std::nullopt);
}

TEST(NameRule, MoreThan255CharactersIsRejected) {
  StringStore store;
  testing::OneValue long_name =
      StringValue(std::string(256, 'x'), "department");
  auto outcome = ValidateName(long_name.cell(), &store);
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.rejection().column, "department");
  EXPECT_EQ(outcome.rejection().reason, "name longer than 255 characters");
}

TEST(NameRule, LengthCountsCharactersNotBytes) {
  StringStore store;
  std::string pounds;
  for (int i = 0; i < 255; ++i) pounds += "\xC2\xA3";  // 255 characters
  testing::OneValue v = StringValue(pounds);
  EXPECT_TRUE(ValidateName(v.cell(), &store).ok());
}

// Issue 21, item 10: trimmed and collapsed at Python's white space (NBSP,
// U+3000, U+2028, ...), not ASCII's only.
TEST(NameRule, UnicodeWhiteSpaceIsTrimmedAndCollapsed) {
  StringStore store;
  testing::OneValue v = StringValue(
      "\xE3\x80\x80Ministry\xC2\xA0of\xE2\x80\x83\xC2\xA0"
      "Defence\xE2\x80\xA8");
  auto outcome = ValidateName(v.cell(), &store);
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome.value(), "Ministry of Defence");
  testing::OneValue blank = StringValue("\xC2\xA0\xE3\x80\x80");
  EXPECT_EQ(ValidateName(blank.cell(), &store).value(), std::nullopt);
}

}  // namespace
}  // namespace jao::ingest
