#include "ingest/unpivot.h"

#include <gtest/gtest.h>

namespace jao::ingest {
namespace {

TEST(Unpivot, GroupIsTheTextAfterTheFirstDoubleUnderscore) {
  StatisticParse parse = ParseStatisticColumn("ethnicity__White - Irish");
  ASSERT_TRUE(parse.name.has_value());
  EXPECT_EQ(parse.name->characteristic, db::Characteristic::kEthnicity);
  EXPECT_EQ(parse.name->group, "White - Irish");
  StatisticParse nested = ParseStatisticColumn("religion__Other__specified");
  ASSERT_TRUE(nested.name.has_value());
  EXPECT_EQ(nested.name->group, "Other__specified");
}

TEST(Unpivot, AllSevenCharacteristicsAreKnown) {
  for (const char* prefix :
       {"age_group", "disability", "ethnic_group", "ethnicity", "gender",
        "religion", "sexual_orientation"}) {
    EXPECT_TRUE(
        ParseStatisticColumn(std::string(prefix) + "__x").name.has_value())
        << prefix;
  }
}

TEST(Unpivot, GroupIsCleanedAsAName) {
  EXPECT_EQ(ParseStatisticColumn("gender__  Prefer  not to say ").name->group,
            "Prefer not to say");
}

TEST(Unpivot, UnknownCharacteristicIsAProblem) {
  StatisticParse parse = ParseStatisticColumn("salary__band");
  EXPECT_FALSE(parse.name.has_value());
  EXPECT_EQ(parse.problem, "'salary' is not a statistic characteristic");
}

TEST(Unpivot, EmptyGroupIsAProblem) {
  EXPECT_EQ(ParseStatisticColumn("gender__ ").problem, "empty group name");
}

TEST(Unpivot, NamesWithoutAPrefixAreNotStatistics) {
  StatisticParse parse = ParseStatisticColumn("__index_level_0__");
  EXPECT_FALSE(parse.name.has_value());
  EXPECT_FALSE(parse.problem.has_value());
  EXPECT_FALSE(ParseStatisticColumn("gender").name.has_value());
}

// Issue 21, item 10: NBSP and U+3000 are white space in group names too.
TEST(Unpivot, GroupIsCleanedOfUnicodeWhiteSpace) {
  EXPECT_EQ(ParseStatisticColumn("gender__\xC2\xA0Prefer\xE3\x80\x80not to "
                                 "say\xC2\xA0")
                .name->group,
            "Prefer not to say");
  EXPECT_EQ(ParseStatisticColumn("gender__\xE3\x80\x80").problem,
            "empty group name");
}

}  // namespace
}  // namespace jao::ingest
