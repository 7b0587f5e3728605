// The change feed on PostgreSQL: change rows invisible until the first
// load's one transaction commits (the change and run rows every backend
// writes are tests/db/loader_contract_test.cc); the reader's prefix rule with
// an open run whose session advisory lock is held (alive) or free (dead); dead
// runs marked abandoned by the next run; the reader waiting for a run insert
// still uncommitted. Expected rows are written out by hand from each test's
// input and read back with plain SQL on the test's own connection, apart from
// the tests of the reader itself.
#include "db/postgres/feed.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "common/status_matchers_support.h"
#include "test_support.h"

namespace jao::db::postgres {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

class PgFeedTest : public PgTest {
 protected:
  void SetUp() override {
    PgTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_THAT(OpenLoaderOrDie()->EnsureSchema(), IsOk());
  }
  std::unique_ptr<PostgresLoader> Open(PgLoaderOptions options = {}) {
    return OpenReadyLoader(options);
  }
  static int64_t Begin(PostgresLoader& loader) {
    Result<int64_t> id = loader.BeginRun({R"(["a.parquet"])", "test"});
    EXPECT_THAT(id, IsOk());
    return id.ok() ? *id : 0;
  }
  static void Load(PostgresLoader& loader, std::vector<VacancyRecord> records) {
    Result<LoadCounts> counts = loader.LoadChunk(ChunkOf(std::move(records)));
    EXPECT_THAT(counts, IsOk());
  }
  int64_t Run(std::vector<std::vector<VacancyRecord>> chunks,
              PgLoaderOptions options = {}) {
    auto loader = Open(options);
    const int64_t id = Begin(*loader);
    for (auto& chunk : chunks) Load(*loader, std::move(chunk));
    EXPECT_THAT(loader->Finish(), IsOk());
    EXPECT_THAT(loader->EndRun(RunOutcome::kCompleted, "{}"), IsOk());
    return id;
  }
  // jao_ingest_change as "run,vacancy,change" in key order, joined by '|'.
  std::string Changes() {
    return Query(
        "SELECT concat_ws(',', run_id, vacancy_id, change) FROM "
        "jao_ingest_change ORDER BY run_id, vacancy_id");
  }
  std::string Outcomes() {
    return Query(
        "SELECT coalesce(outcome, 'open') FROM jao_ingest_run ORDER BY id");
  }
  // What `jao-ingest changes --since since` would print, "run,vacancy,change".
  std::vector<std::string> Read(int64_t since) {
    auto reader = postgres::OpenFeedReader(Conninfo());
    EXPECT_THAT(reader, IsOk());
    std::vector<std::string> lines;
    if (!reader.ok()) return lines;
    Status status = (*reader)->Read(since, [&](const Change& change) {
      lines.push_back(std::to_string(change.run_id) + "," +
                      std::to_string(change.vacancy_id) + "," +
                      std::string(ChangeName(change)));
      return Status::Ok();
    });
    EXPECT_THAT(status, IsOk());
    return lines;
  }
  // Runs `sql` on `connection`, expecting success.
  static void Exec(PgConnection& connection, const std::string& sql) {
    auto result = connection.Exec(sql);
    ASSERT_THAT(result, IsOk()) << sql;
  }
  static std::string LockSql(const char* function, int64_t id) {
    return "SELECT " + std::string(function) + "(" +
           std::to_string(kRunLockClass) + ", " + std::to_string(id) + ")";
  }
};

TEST_F(PgFeedTest, FirstLoadWritesItsChangesInItsOneTransaction) {
  auto loader = Open({.first_load = true});
  ASSERT_EQ(Begin(*loader), 1);
  Load(*loader, {SampleVacancy(1, kMay1Us), SampleVacancy(2, kMay1Us)});
  Load(*loader, {SampleVacancy(2, kJune1Us), SampleVacancy(3, kMay1Us)});
  // The run row is committed before the first load's transaction; the
  // changes are not, yet.
  EXPECT_EQ(Outcomes(), "open");
  EXPECT_EQ(Changes(), "");
  ASSERT_THAT(loader->Finish(), IsOk());
  ASSERT_THAT(loader->EndRun(RunOutcome::kCompleted, "{}"), IsOk());
  EXPECT_THAT(loader->LoadPath(), ::testing::StartsWith("first load"));
  // One line a vacancy and run (issue 23): 2, inserted then updated by
  // the run, stays inserted.
  EXPECT_EQ(Changes(), "1,1,inserted|1,2,inserted|1,3,inserted");
}

TEST_F(PgFeedTest, ReadStopsBeforeAnOpenRunWhileItsIngesterIsAlive) {
  Run({{SampleVacancy(1, kMay1Us)}});
  auto loading = Open();
  ASSERT_EQ(Begin(*loading), 2);
  Load(*loading, {SampleVacancy(2, kMay1Us)});
  Run({{SampleVacancy(3, kMay1Us)}});  // run 3 ends while run 2 loads

  EXPECT_THAT(Read(0), ElementsAre("1,1,inserted"));
  EXPECT_THAT(Read(1), IsEmpty());

  Load(*loading, {SampleVacancy(4, kMay1Us)});
  ASSERT_THAT(loading->EndRun(RunOutcome::kCompleted, "{}"), IsOk());
  EXPECT_THAT(Read(1),
              ElementsAre("2,2,inserted", "2,4,inserted", "3,3,inserted"));
}

TEST_F(PgFeedTest, OpenRunWhoseLockAnotherSessionHoldsIsAlive) {
  Run({{SampleVacancy(1, kMay1Us)}});
  // A run row left open, as by a killed ingester, and a second session
  // holding its lock, as its live ingester would.
  Exec(*db_,
       "INSERT INTO jao_ingest_run (started_at, files, tool_version) VALUES "
       "(now(), '[]', 'x')");
  auto holder = ConnectOrDie();
  Exec(*holder, LockSql("pg_advisory_lock", 2));
  Run({{SampleVacancy(3, kMay1Us)}});

  EXPECT_THAT(Read(0), ElementsAre("1,1,inserted"));
  Run({{SampleVacancy(4, kMay1Us)}});
  EXPECT_EQ(Outcomes(), "completed|open|completed|completed");

  Exec(*holder, LockSql("pg_advisory_unlock", 2));
  EXPECT_THAT(Read(0),
              ElementsAre("1,1,inserted", "3,3,inserted", "4,4,inserted"));
}

TEST_F(PgFeedTest, RunOfALostSessionIsDeadAndAbandonedByTheNext) {
  Run({{SampleVacancy(1, kMay1Us)}});
  {
    auto killed = Open();
    Begin(*killed);
    Load(*killed, {SampleVacancy(2, kMay1Us)});
  }  // the session ends without EndRun: the server drops its lock
  EXPECT_EQ(Outcomes(), "completed|open");
  EXPECT_THAT(Read(0), ElementsAre("1,1,inserted", "2,2,inserted"));
  Run({{SampleVacancy(3, kMay1Us)}});
  EXPECT_EQ(Outcomes(), "completed|abandoned|completed");
}

// What the insert barrier is for: run ids are handed out by the INSERT but
// seen at its COMMIT. A reader that saw run 3 ended while run 2's insert
// was still uncommitted would move its cursor past run 2 and never print
// it.
TEST_F(PgFeedTest, ReaderWaitsForARunInsertStillUncommitted) {
  Run({{SampleVacancy(1, kMay1Us)}});
  auto starting = ConnectOrDie();
  Exec(*starting, "BEGIN");
  Exec(*starting, LockSql("pg_advisory_xact_lock_shared", 0));
  Exec(*starting,
       "INSERT INTO jao_ingest_run (started_at, files, tool_version) VALUES "
       "(now(), '[]', 'x')");
  Run({{SampleVacancy(3, kMay1Us)}});  // run 3, committed and ended

  std::vector<std::string> read;
  std::atomic<bool> done{false};
  std::thread reader([&] {
    read = Read(0);
    done = true;
  });
  // Until the reader waits on the barrier (an advisory lock not granted),
  // or, without a barrier, has read already.
  while (!done && Query("SELECT count(*) FROM pg_locks WHERE locktype = "
                        "'advisory' AND NOT granted") == "0") {
    std::this_thread::yield();
  }
  Exec(*starting, LockSql("pg_advisory_lock", 2));
  Exec(*starting, "COMMIT");
  reader.join();
  EXPECT_THAT(read, ElementsAre("1,1,inserted"));
}

// A change table as an older version made it, a row per write numbered by
// seq: run 1 wrote vacancy 5 twice (inserted, then updated in a later
// chunk) and 7 once; run 2 updated 5. `details`: the columns issue 23's
// first version added (text_changed, fields, last_updated).
void CreateChangeTableBySeq(PgConnection& db, bool details) {
  auto exec = [&](const std::string& sql) {
    ASSERT_THAT(db.Exec(sql), IsOk()) << sql;
  };
  exec("DROP TABLE jao_ingest_change");
  exec(std::string("CREATE TABLE jao_ingest_change (seq bigint GENERATED "
                   "ALWAYS AS IDENTITY PRIMARY KEY, run_id bigint NOT NULL "
                   "REFERENCES jao_ingest_run (id), vacancy_id bigint NOT "
                   "NULL, change text NOT NULL") +
       (details ? ", text_changed boolean NOT NULL DEFAULT true, fields "
                  "integer NULL, last_updated timestamptz NULL"
                : "") +
       "); CREATE INDEX jao_ingest_change_run_id_seq ON jao_ingest_change "
       "(run_id, seq)");
  exec(
      "INSERT INTO jao_ingest_run (started_at, finished_at, outcome, files, "
      "tool_version) VALUES ('2026-01-01Z', '2026-01-01Z', 'completed', '[]', "
      "'old'), ('2026-01-02Z', '2026-01-02Z', 'completed', '[]', 'old')");
  exec(details
           ? "INSERT INTO jao_ingest_change (run_id, vacancy_id, change, "
             "text_changed, fields, last_updated) VALUES (1, 5, 'inserted', "
             "true, 4095, '2026-01-01 00:00:00Z'), (1, 7, 'updated', false, 8, "
             "'2026-01-01 00:00:07Z'), (1, 5, 'updated', false, 8, "
             "'2026-01-01 00:00:05Z'), (2, 5, 'updated', true, 9, "
             "'2026-01-02 00:00:05Z')"
           : "INSERT INTO jao_ingest_change (run_id, vacancy_id, change) "
             "VALUES (1, 5, 'inserted'), (1, 7, 'updated'), (1, 5, "
             "'updated'), (2, 5, 'updated')");
}

constexpr char kLineDetails[] =
    "SELECT concat_ws(',', run_id, vacancy_id, text_changed, "
    "coalesce(fields::text, 'null'), coalesce(to_char(last_updated AT TIME "
    "ZONE 'UTC', 'HH24:MI:SS'), 'null')) FROM jao_ingest_change ORDER BY "
    "run_id, vacancy_id";

// Issue 23: an older version's change table is rebuilt at the next ingest,
// one line per run and vacancy, read in key order; what the older lines
// did not say, or said twice, reads as unknown (NULL). Then the next run
// writes its lines into it (vacancy 5 was never stored: inserted).
TEST_F(PgFeedTest, ChangeTableOfTheFirstFeedIsRebuiltOneLineAVacancy) {
  CreateChangeTableBySeq(*db_, /*details=*/false);
  ASSERT_THAT(OpenLoaderOrDie()->EnsureSchema(), IsOk());
  EXPECT_THAT(Read(0),
              ElementsAre("1,5,inserted", "1,7,updated", "2,5,updated"));
  EXPECT_EQ(Query(kLineDetails),
            "1,5,t,null,null|1,7,t,null,null|2,5,t,null,null");
  EXPECT_EQ(Query("SELECT indexname FROM pg_indexes WHERE tablename LIKE "
                  "'jao\\_ingest\\_change%'"),
            "jao_ingest_change_pkey");
  Run({{SampleVacancy(5, kMay1Us)}});
  EXPECT_THAT(Read(2), ElementsAre("3,5,inserted"));
}

TEST_F(PgFeedTest, ChangeTableWithDetailsIsRebuiltKeepingASingleLinesDetails) {
  CreateChangeTableBySeq(*db_, /*details=*/true);
  ASSERT_THAT(OpenLoaderOrDie()->EnsureSchema(), IsOk());
  EXPECT_THAT(Read(0),
              ElementsAre("1,5,inserted", "1,7,updated", "2,5,updated"));
  EXPECT_EQ(Query(kLineDetails),
            "1,5,t,null,null|1,7,f,8,00:00:07|2,5,t,9,00:00:05");
  Run({{SampleVacancy(5, kMay1Us)}});
  EXPECT_THAT(Read(2), ElementsAre("3,5,inserted"));
}

TEST_F(PgFeedTest, DatabaseWithoutTheFeedTablesReadsNothing) {
  Exec(*db_, "DROP TABLE jao_ingest_change, jao_ingest_run");
  EXPECT_THAT(Read(0), IsEmpty());
}

TEST(RunLockKey, IsTheRunIdUpToInt4AndFoldedBeyond) {
  EXPECT_EQ(RunLockKey(1), 1);
  EXPECT_EQ(RunLockKey(2147483647), 2147483647);
  EXPECT_EQ(RunLockKey(2147483648), 1);
  EXPECT_EQ(RunLockKey(2 * int64_t{2147483647}), 2147483647);
}

}  // namespace
}  // namespace jao::db::postgres
