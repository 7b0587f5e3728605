// The one newer-wins rule (db/newer_wins.h) that the chunk builder and both
// loaders apply: strictly newer replaces, equal or older does not.
#include "db/newer_wins.h"

#include <gtest/gtest.h>

namespace jao::db {
namespace {

constexpr int64_t kMay1Us = 1682899200LL * 1000000;

TEST(NewerWins, StrictlyNewerReplacesEvenByOneMicrosecond) {
  EXPECT_TRUE(Supersedes(kMay1Us + 1, kMay1Us));
}

TEST(NewerWins, EquallyNewKeepsTheVersionHeld) {
  EXPECT_FALSE(Supersedes(kMay1Us, kMay1Us));
}

TEST(NewerWins, OlderKeepsTheVersionHeld) {
  EXPECT_FALSE(Supersedes(kMay1Us - 1, kMay1Us));
  EXPECT_FALSE(Supersedes(-1, 0));
}

TEST(NewerWins, SqlComparesTheIncomingRowWithTheHeldOne) {
  EXPECT_EQ(SupersedesSql("EXCLUDED", "\"vacancies_vacancy\""),
            "EXCLUDED.last_updated > \"vacancies_vacancy\".last_updated");
}

}  // namespace
}  // namespace jao::db
