// Two loaders at once, and a server that goes away mid-chunk: both loaders
// succeed with the last_updated rule deciding, no lookup is created twice;
// a killed transaction leaves nothing of its chunk and a rerun converges.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "common/status_matchers_support.h"
#include "test_support.h"

namespace jao::db::postgres {
namespace {

class PgConcurrencyTest : public PgTest {
 protected:
  void SetUp() override {
    PgTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto loader = OpenLoaderOrDie();
    Status status = loader->EnsureSchema();
    ASSERT_THAT(status, IsOk());
  }
};

// Ids 1..n, each with a grade and a statistic group shared by every row and
// one of its own, dated `last_updated_us`.
std::vector<VacancyRecord> Overlapping(int first, int last,
                                       int64_t last_updated_us,
                                       std::string_view title) {
  std::vector<VacancyRecord> records;
  for (int id = first; id <= last; ++id) {
    VacancyRecord r = SampleVacancy(id, last_updated_us);
    r.title = title;
    r.grades = {"Shared", id % 2 ? "Odd" : "Even"};
    records.push_back(r);
  }
  return records;
}

TEST_F(PgConcurrencyTest, TwoLoadersOnOverlappingChunksBothSucceed) {
  auto first = OpenLoaderOrDie();
  auto second = OpenLoaderOrDie();
  Chunk older = ChunkOf(Overlapping(1, 300, kMay1Us, "older"));
  Chunk newer = ChunkOf(Overlapping(100, 400, kJune1Us, "newer"));
  Result<LoadCounts> a = Status::Internal("not run");
  Result<LoadCounts> b = Status::Internal("not run");
  for (int round = 0; round < 3; ++round) {
    std::thread t1([&] { a = first->LoadChunk(older); });
    std::thread t2([&] { b = second->LoadChunk(newer); });
    t1.join();
    t2.join();
    ASSERT_THAT(a, IsOk());
    ASSERT_THAT(b, IsOk());
  }
  EXPECT_EQ(Query("SELECT count(*) FROM roles_grade"), "3");
  EXPECT_EQ(Query("SELECT count(*) FROM organisations_department"), "1");
  EXPECT_EQ(Query("SELECT title || ' ' || count(*) FROM vacancies_vacancy "
                  "GROUP BY title ORDER BY 1"),
            "newer 301|older 99");
  EXPECT_EQ(Query("SELECT count(*) FROM vacancies_vacancygrade"), "800");
  EXPECT_EQ(
      Query("SELECT count(*) FROM application_statistics_genderstatistic"),
      "400");
  EXPECT_EQ(
      Query("SELECT count(*) FROM application_statistics_vacancystatistic "
            "s JOIN vacancies_vacancy v ON v.id = s.vacancy_id AND "
            "v.last_updated = s.updated_at"),
      "400");
}

// Ends the loader's backend from another connection, as an administrator or
// a crashing server would.
Status Terminate(PgConnection& killer, int pid) {
  return killer.Exec("SELECT pg_terminate_backend(" + std::to_string(pid) + ")")
      .status();
}

TEST_F(PgConcurrencyTest, KilledBeforeCommitLeavesNothingAndRerunConverges) {
  auto loader = OpenLoaderOrDie();
  auto killer = ConnectOrDie();
  const int pid = loader->connection().BackendPid();
  loader->SetBeforeCommitHookForTest([&] { return Terminate(*killer, pid); });
  Chunk chunk = ChunkOf(Overlapping(1, 50, kMay1Us, "t"));
  auto killed = loader->LoadChunk(chunk);
  ASSERT_THAT(killed, StatusIs(StatusCode::kDatabase,
                               "postgresql connection lost: server closed the "
                               "connection unexpectedly"));
  EXPECT_EQ(Query("SELECT count(*) FROM vacancies_vacancy"), "0");
  EXPECT_EQ(Query("SELECT count(*) FROM roles_grade"), "0");
  EXPECT_EQ(
      Query("SELECT count(*) FROM application_statistics_vacancystatistic"),
      "0");

  auto again = loader->LoadChunk(chunk);  // the same loader stays failed
  EXPECT_EQ(
      again.status().message(),
      "postgresql connection lost: server closed the connection unexpectedly");

  auto rerun = OpenLoaderOrDie();
  auto counts = rerun->LoadChunk(chunk);
  ASSERT_THAT(counts, IsOk());
  EXPECT_EQ((*counts)["vacancies_vacancy"].inserted, 50);
  EXPECT_EQ(Query("SELECT count(*) FROM vacancies_vacancygrade"), "100");
}

TEST_F(PgConcurrencyTest, KilledAfterAnEarlierChunkKeepsThatChunk) {
  auto loader = OpenLoaderOrDie();
  ASSERT_THAT(loader->LoadChunk(ChunkOf(Overlapping(1, 10, kMay1Us, "a"))),
              IsOk());
  auto killer = ConnectOrDie();
  const int pid = loader->connection().BackendPid();
  loader->SetBeforeCommitHookForTest([&] { return Terminate(*killer, pid); });
  auto killed = loader->LoadChunk(ChunkOf(Overlapping(5, 20, kJune1Us, "b")));
  ASSERT_FALSE(killed.ok());
  EXPECT_EQ(
      Query("SELECT title || ' ' || count(*) FROM vacancies_vacancy GROUP "
            "BY title"),
      "a 10");
}

// What broke once new vacancies were COPYed straight into vacancies_vacancy:
// an id the existence query did not see (another loader's insert, not yet
// committed) made the COPY wait and then fail with unique_violation. The
// chunk must be retried (through staging), and the retry then sees the
// stored row.
TEST_F(PgConcurrencyTest,
       IdInsertedConcurrentlyAfterTheExistenceQueryIsRetried) {
  auto loader = OpenLoaderOrDie();
  auto other = ConnectOrDie();
  auto watcher = ConnectOrDie();
  ASSERT_THAT(other->Exec("BEGIN"), IsOk());
  ASSERT_THAT(
      other->Exec("INSERT INTO vacancies_vacancy (id, last_updated, "
                  "live_date, closing_date, is_deleted, title) VALUES "
                  "(3, '2023-05-01 00:00:00+00', '2023-05-01 "
                  "00:00:00+00', '2023-05-01 00:00:00+00', false, "
                  "'other'); INSERT INTO "
                  "application_statistics_vacancystatistic (vacancy_id, "
                  "updated_at) VALUES (3, '2023-05-01 00:00:00+00')"),
      IsOk());
  // Commits the other insert once the loader waits on it (or after 30 s).
  const std::string waiting =
      "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
      "AND pid = " +
      std::to_string(loader->connection().BackendPid());
  bool saw_wait = false;
  std::thread committer([&] {
    for (int i = 0; i < 3000 && !saw_wait; ++i) {
      Result<PgResult> r = watcher->Exec(waiting);
      saw_wait = r.ok() && r->Text(0, 0) == "1";
      if (!saw_wait) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    (void)other->Exec("COMMIT");
  });
  auto counts = loader->LoadChunk(ChunkOf(Overlapping(1, 5, kJune1Us, "ours")));
  committer.join();

  EXPECT_TRUE(saw_wait) << "the loader never waited on the other insert";
  ASSERT_THAT(counts, IsOk());
  EXPECT_EQ((*counts)["vacancies_vacancy"].inserted, 4);
  EXPECT_EQ((*counts)["vacancies_vacancy"].updated, 1);
  EXPECT_EQ((*counts)["application_statistics_vacancystatistic"].inserted, 4);
  EXPECT_EQ((*counts)["application_statistics_vacancystatistic"].updated, 1);
  EXPECT_EQ(Query("SELECT title || ' ' || count(*) FROM vacancies_vacancy "
                  "GROUP BY title"),
            "ours 5");
  EXPECT_EQ(Query("SELECT count(*) FROM vacancies_vacancygrade"), "10");
  EXPECT_EQ(
      Query("SELECT count(*) FROM application_statistics_vacancystatistic "
            "s JOIN vacancies_vacancy v ON v.id = s.vacancy_id AND "
            "v.last_updated = s.updated_at"),
      "5");
}

// Issue 23: a chunk that waits on another loader's lock on a vacancy
// compares with what that loader committed, not with the digest the
// database held when the chunk's locking statement began: here the other
// loader changes the description and this run takes it back, a text change
// the feed must report (the embedder may have embedded the other text).
TEST_F(PgConcurrencyTest, ChunkThatWaitedComparesWithWhatTheOtherCommitted) {
  auto record = [](int64_t last_updated_us, std::string_view description) {
    VacancyRecord r = SampleVacancy(1, last_updated_us);
    r.description = description;
    return r;
  };
  ASSERT_THAT(OpenLoaderOrDie()->LoadChunk(
                  ChunkOf({record(kMay1Us, "The first description")})),
              IsOk());
  auto other = OpenLoaderOrDie();
  auto ours = OpenLoaderOrDie();
  auto watcher = ConnectOrDie();
  Result<int64_t> run = ours->BeginRun({R"(["b.parquet"])", "test"});
  ASSERT_THAT(run, IsOk());
  const std::string waiting =
      "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
      "AND pid = " +
      std::to_string(ours->connection().BackendPid());
  Result<LoadCounts> our_counts = Status::Internal("not run");
  std::thread our_chunk;
  bool saw_wait = false;
  // Before the other loader commits, our chunk starts and waits on its lock.
  other->SetBeforeCommitHookForTest([&] {
    if (our_chunk.joinable()) return Status::Ok();
    our_chunk = std::thread([&] {
      our_counts = ours->LoadChunk(
          ChunkOf({record(kJune1Us + 1, "The first description")}));
    });
    for (int i = 0; i < 3000 && !saw_wait; ++i) {
      Result<PgResult> r = watcher->Exec(waiting);
      saw_wait = r.ok() && r->Text(0, 0) == "1";
      if (!saw_wait) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return Status::Ok();
  });
  Result<LoadCounts> other_counts =
      other->LoadChunk(ChunkOf({record(kJune1Us, "Another description")}));
  if (our_chunk.joinable()) our_chunk.join();
  ASSERT_THAT(other_counts, IsOk());
  ASSERT_THAT(our_counts, IsOk());
  EXPECT_TRUE(saw_wait) << "our chunk never waited on the other loader";
  ASSERT_THAT(ours->EndRun(RunOutcome::kCompleted, "{}"), IsOk());
  EXPECT_EQ(Query("SELECT description FROM vacancies_vacancy"),
            "The first description");
  // description (bit 2) and last_updated (bit 3): 4 + 8.
  EXPECT_EQ(Query("SELECT concat_ws(',', vacancy_id, change, text_changed, "
                  "fields) FROM jao_ingest_change"),
            "1,updated,t,12");
}

// The server aborts one of two deadlocked transactions with SQLSTATE 40P01;
// the hook raises exactly that error inside the first attempt.
Status RaiseDeadlock(PgConnection& connection) {
  return connection
      .Exec(
          "DO $$ BEGIN RAISE EXCEPTION 'deadlock detected' USING ERRCODE = "
          "'40P01'; END $$")
      .status();
}

TEST_F(PgConcurrencyTest, DeadlockedAttemptIsRetriedWithFreshLookupIds) {
  auto loader = OpenLoaderOrDie();
  int attempts = 0;
  loader->SetBeforeCommitHookForTest([&] {
    return ++attempts == 1 ? RaiseDeadlock(loader->connection()) : Status::Ok();
  });
  // The first attempt's grade ids were rolled back: reusing them from the
  // cache would break the deferred foreign keys at COMMIT.
  auto counts = loader->LoadChunk(ChunkOf(Overlapping(1, 5, kMay1Us, "t")));
  ASSERT_THAT(counts, IsOk());
  EXPECT_EQ(attempts, 2);
  EXPECT_EQ((*counts)["vacancies_vacancy"].inserted, 5);
  EXPECT_EQ((*counts)["roles_grade"].inserted, 3);
  EXPECT_EQ(Query("SELECT count(*) FROM vacancies_vacancygrade"), "10");
}

TEST_F(PgConcurrencyTest, GivesUpAfterFourDeadlockedAttempts) {
  auto loader = OpenLoaderOrDie();
  loader->SetBeforeCommitHookForTest(
      [&] { return RaiseDeadlock(loader->connection()); });
  auto counts = loader->LoadChunk(ChunkOf(Overlapping(1, 5, kMay1Us, "t")));
  ASSERT_THAT(counts, StatusIs(::testing::_,
                               "postgresql could not run a do statement: "
                               "deadlock detected (gave up after 4 attempts)"));
  EXPECT_EQ(Query("SELECT count(*) FROM vacancies_vacancy"), "0");
}

}  // namespace
}  // namespace jao::db::postgres
