// The first load's id filter: every id added answers yes (a duplicate is
// never missed, whatever else was added); ids never added answer no but
// for the rare false positive the header promises.
#include "db/sqlite/first_load_ids.h"

#include <gtest/gtest.h>

#include <random>

namespace jao::db::sqlite {
namespace {

TEST(FirstLoadIds, EmptyFilterHoldsNothing) {
  FirstLoadIds ids;
  for (int32_t id : {0, 1, -1, 42, 2147483647, -2147483647 - 1}) {
    EXPECT_FALSE(ids.MayContain(id)) << id;
  }
}

TEST(FirstLoadIds, EveryAddedIdIsFoundAmongAHundredThousand) {
  FirstLoadIds ids;
  std::mt19937 random(7);
  std::vector<int32_t> added;
  for (int i = 0; i < 100'000; ++i) {
    added.push_back(static_cast<int32_t>(random()));
    ids.Add(added.back());
  }
  for (int32_t id : added) ASSERT_TRUE(ids.MayContain(id)) << id;
}

// Consecutive ids (the file's usual shape) and random ones: after 100k
// added, ids never added answer yes about 5 times in a million; a
// thousand in a million would mean a broken mix.
TEST(FirstLoadIds, IdsNeverAddedAreRarelyFalsePositives) {
  FirstLoadIds ids;
  for (int32_t id = 1; id <= 100'000; ++id) ids.Add(id);
  int wrong = 0;
  for (int32_t id = 100'001; id <= 1'100'000; ++id) {
    wrong += ids.MayContain(id) ? 1 : 0;
  }
  EXPECT_LT(wrong, 1000) << "false positives in a million";
  std::mt19937 random(11);
  int wrong_random = 0;
  for (int i = 0; i < 1'000'000; ++i) {
    const int32_t id = static_cast<int32_t>(random() | 0x4000'0000u);
    wrong_random += ids.MayContain(id) ? 1 : 0;
  }
  EXPECT_LT(wrong_random, 1000) << "false positives in a million";
}

}  // namespace
}  // namespace jao::db::sqlite
