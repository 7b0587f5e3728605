// FeedEnd: where a read of the change feed stops (db/change_feed.h). The
// runs and their liveness are written out by hand in each test.
#include "db/change_feed.h"

#include <gtest/gtest.h>

#include <set>

namespace jao::db {
namespace {

std::function<bool(int64_t)> AliveAre(std::set<int64_t> alive) {
  return [alive](int64_t id) { return alive.count(id) > 0; };
}

TEST(FeedEnd, EveryRunEndedReadsToTheLastRun) {
  EXPECT_EQ(FeedEnd(0, {{1, false}, {2, false}, {4, false}}, AliveAre({})), 4);
}

TEST(FeedEnd, StopsBeforeTheFirstOpenLiveRun) {
  EXPECT_EQ(FeedEnd(0, {{1, false}, {2, true}, {3, false}}, AliveAre({2})), 1);
}

TEST(FeedEnd, OpenDeadRunCountsAsEnded) {
  EXPECT_EQ(FeedEnd(0, {{1, false}, {2, true}, {3, false}}, AliveAre({})), 3);
}

TEST(FeedEnd, OpenLiveRunRightAfterTheCursorKeepsTheCursor) {
  EXPECT_EQ(FeedEnd(5, {{6, true}, {7, false}}, AliveAre({6})), 5);
}

TEST(FeedEnd, NoRunAfterTheCursorKeepsTheCursor) {
  EXPECT_EQ(FeedEnd(9, {}, AliveAre({})), 9);
}

TEST(FeedEnd, AliveIsAskedOnlyOfOpenRuns) {
  std::set<int64_t> asked;
  FeedEnd(0, {{1, false}, {2, true}, {3, false}}, [&](int64_t id) {
    asked.insert(id);
    return false;
  });
  EXPECT_EQ(asked, std::set<int64_t>{2});
}

TEST(RunOutcomeName, SpellsWhatTheRunTableAccepts) {
  EXPECT_EQ(RunOutcomeName(RunOutcome::kCompleted), "completed");
  EXPECT_EQ(RunOutcomeName(RunOutcome::kFailed), "failed");
  EXPECT_EQ(RunOutcomeName(RunOutcome::kInterrupted), "interrupted");
  EXPECT_EQ(RunOutcomeName(RunOutcome::kAbandoned), "abandoned");
}

}  // namespace
}  // namespace jao::db
