// The change feed on SQLite: the reader's prefix rule with an open live run
// (its run lock held) and an open dead one; dead runs marked abandoned by
// the next run; the reader after a crashed first load. The change and run
// rows every backend writes are tests/db/loader_contract_test.cc. Expected rows
// are written out by hand from each test's input and read back through
// SqliteProbe (a raw sqlite3 connection), apart from the tests of the reader
// itself.
#include "db/sqlite/feed.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "common/status_matchers_support.h"
#include "db/change_feed.h"
#include "db/sqlite/loader.h"
#include "db/sqlite/run_lock.h"
#include "db/sqlite/test_support.h"

namespace jao::db::sqlite {
namespace {

using testing::ChunkOf;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::kHourUs;
using testing::kJan1;
using testing::MakeVacancy;
using testing::SqliteProbe;
using testing::TempDir;

class SqliteFeedTest : public ::testing::Test {
 protected:
  std::unique_ptr<SqliteLoader> Open() {
    auto loader = sqlite::OpenLoader(path_);
    EXPECT_THAT(loader, IsOk());
    if (!loader.ok()) return nullptr;
    Status status = (*loader)->EnsureSchema();
    EXPECT_THAT(status, IsOk());
    return std::move(*loader);
  }
  static int64_t Begin(SqliteLoader& loader) {
    Result<int64_t> id = loader.BeginRun({R"(["a.parquet"])", "test"});
    EXPECT_THAT(id, IsOk());
    return id.ok() ? *id : 0;
  }
  static void Load(SqliteLoader& loader, std::vector<VacancyRecord> records) {
    Result<LoadCounts> counts = loader.LoadChunk(ChunkOf(std::move(records)));
    EXPECT_THAT(counts, IsOk());
  }
  // One whole run: begun, chunks loaded, completed.
  int64_t Run(std::vector<std::vector<VacancyRecord>> chunks) {
    auto loader = Open();
    const int64_t id = Begin(*loader);
    for (auto& chunk : chunks) Load(*loader, std::move(chunk));
    EXPECT_THAT(loader->EndRun(RunOutcome::kCompleted, "{}"), IsOk());
    return id;
  }
  // What `jao-ingest changes --since since` would print, "run|vacancy|change".
  std::vector<std::string> Read(int64_t since) {
    auto reader = sqlite::OpenFeedReader(path_);
    EXPECT_THAT(reader, IsOk());
    std::vector<std::string> lines;
    if (!reader.ok()) return lines;
    Status status = (*reader)->Read(since, [&](const Change& change) {
      lines.push_back(std::to_string(change.run_id) + "|" +
                      std::to_string(change.vacancy_id) + "|" +
                      std::string(ChangeName(change)));
      return Status::Ok();
    });
    EXPECT_THAT(status, IsOk());
    return lines;
  }

  // The rebuilt change table: no seq, no index of its own, and the next
  // run writes its lines into it (vacancy 5 was never stored: inserted).
  void ExpectKeyedChangeTable() {
    EXPECT_EQ(probe_.One("SELECT count(*) FROM pragma_table_info("
                         "'jao_ingest_change') WHERE name = 'seq'"),
              "0");
    EXPECT_EQ(probe_.One("SELECT group_concat(name) FROM sqlite_master WHERE "
                         "name LIKE 'jao_ingest_change%'"),
              "jao_ingest_change");
    Run({{MakeVacancy(5, kJan1 + 9 * kHourUs)}});
    EXPECT_THAT(Read(2), ElementsAre("3|5|inserted"));
  }

  TempDir dir_;
  std::string path_ = dir_.File("jao.sqlite3");
  SqliteProbe probe_{path_};
};

TEST_F(SqliteFeedTest, ReadStopsBeforeAnOpenRunWhileItsIngesterIsAlive) {
  Run({{MakeVacancy(1, kJan1)}});
  auto loading = Open();
  ASSERT_EQ(Begin(*loading), 2);
  Load(*loading, {MakeVacancy(2, kJan1)});
  Run({{MakeVacancy(3, kJan1)}});  // run 3 ends while run 2 loads

  EXPECT_THAT(Read(0), ElementsAre("1|1|inserted"));
  EXPECT_THAT(Read(1), IsEmpty());

  Load(*loading, {MakeVacancy(4, kJan1)});
  ASSERT_THAT(loading->EndRun(RunOutcome::kCompleted, "{}"), IsOk());
  EXPECT_THAT(Read(1),
              ElementsAre("2|2|inserted", "2|4|inserted", "3|3|inserted"));
}

TEST_F(SqliteFeedTest, OpenRunOfADeadIngesterCountsAsEndedAndIsAbandoned) {
  Run({{MakeVacancy(1, kJan1)}});
  {
    auto killed = Open();
    Begin(*killed);
    Load(*killed, {MakeVacancy(2, kJan1)});
  }  // gone without EndRun, as after SIGKILL: the run stays open
  EXPECT_EQ(probe_.One("SELECT coalesce(outcome, 'open') FROM jao_ingest_run "
                       "WHERE id = 2"),
            "open");
  EXPECT_THAT(Read(0), ElementsAre("1|1|inserted", "2|2|inserted"));

  Run({{MakeVacancy(3, kJan1)}});
  EXPECT_EQ(probe_.One("SELECT group_concat(outcome) FROM jao_ingest_run"),
            "completed,abandoned,completed");
}

TEST_F(SqliteFeedTest, HeldRunLockKeepsAnOpenRunAlive) {
  Run({{MakeVacancy(1, kJan1)}});
  {
    auto killed = Open();
    Begin(*killed);
    Load(*killed, {MakeVacancy(2, kJan1)});
  }
  // Someone (another ingester starting) holds the run lock: the open run
  // cannot be proven dead.
  auto held = RunLock::Open(path_);
  ASSERT_THAT(held, IsOk());
  ASSERT_THAT((*held)->Hold(), IsOk());
  EXPECT_THAT(Read(0), ElementsAre("1|1|inserted"));
  held->reset();
  EXPECT_THAT(Read(0), ElementsAre("1|1|inserted", "2|2|inserted"));
}

TEST_F(SqliteFeedTest, ReaderOfAMissingFileFailsAndCreatesNothing) {
  const std::string missing = dir_.File("missing.sqlite3");
  auto reader = sqlite::OpenFeedReader(missing);
  ASSERT_THAT(reader, StatusIs(::testing::_,
                               "no sqlite database at '" + missing + "'"));
  EXPECT_FALSE(std::filesystem::exists(missing));
}

// A first load killed mid-way leaves its rollback journal, hot. Made here by
// copying the file and its journal while a first load's transaction is
// open (no connection of the test's own is open on the file, so the load
// runs in the rollback journal): the copy is what a SIGKILL leaves.
TEST(SqliteFeedAfterACrash,
     ReaderRollsAHotJournalBackAndReadsTheCommittedFeed) {
  TempDir dir;
  const std::string path = dir.File("jao.sqlite3");
  const std::string crashed = dir.File("crashed.sqlite3");
  {
    SqliteLoaderOptions options;
    options.first_load = true;
    auto loader = sqlite::OpenLoader(path, options);
    ASSERT_THAT(loader, IsOk());
    ASSERT_THAT((*loader)->EnsureSchema(), IsOk());
    ASSERT_THAT((*loader)->BeginRun({R"(["a.parquet"])", "test"}), IsOk());
    // More than the 2 MiB page cache holds: SQLite writes pages to the file
    // before the commit, so the journal is synced and hot once copied.
    const std::string text(4000, 'x');
    std::vector<VacancyRecord> records;
    for (int32_t id = 1; id <= 2000; ++id) {
      records.push_back(MakeVacancy(id, kJan1));
      records.back().description = text;
    }
    ASSERT_THAT((*loader)->LoadChunk(ChunkOf(std::move(records))), IsOk());
    ASSERT_TRUE(std::filesystem::exists(path + "-journal"));
    std::filesystem::copy_file(path, crashed);
    std::filesystem::copy_file(path + "-journal", crashed + "-journal");
  }

  auto reader = sqlite::OpenFeedReader(crashed);
  ASSERT_THAT(reader, IsOk());
  std::vector<int64_t> vacancies;
  Status status = (*reader)->Read(0, [&](const Change& change) {
    vacancies.push_back(change.vacancy_id);
    return Status::Ok();
  });

  // The run's row was committed before its first load began; its changes
  // went with the rolled-back transaction.
  ASSERT_THAT(status, IsOk());
  EXPECT_THAT(vacancies, IsEmpty());
  EXPECT_FALSE(std::filesystem::exists(crashed + "-journal"));
  SqliteProbe probe(crashed);
  EXPECT_EQ(probe.One("SELECT count(*) FROM jao_ingest_run"), "1");
  EXPECT_EQ(probe.One("SELECT count(*) FROM vacancies_vacancy"), "0");
  EXPECT_EQ(probe.One("PRAGMA integrity_check"), "ok");
}

constexpr char kLineDetails[] =
    "SELECT run_id || '|' || vacancy_id || '|' || text_changed || '|' || "
    "coalesce(fields, 'null') || '|' || coalesce(last_updated, 'null') FROM "
    "jao_ingest_change ORDER BY run_id, vacancy_id";

// A change table as an older version made it, a row per write numbered by
// seq: run 1 wrote vacancy 5 twice (inserted, then updated in a later
// chunk) and 7 once; run 2 updated 5. `details`: the columns issue 23's
// first version added (text_changed, fields, last_updated).
void CreateChangeTableBySeq(SqliteProbe& probe, bool details) {
  probe.Exec("DROP TABLE jao_ingest_change");
  probe.Exec(
      std::string("CREATE TABLE jao_ingest_change (seq integer NOT NULL "
                  "PRIMARY KEY AUTOINCREMENT, run_id integer NOT NULL, "
                  "vacancy_id bigint NOT NULL, change varchar(8) NOT NULL") +
      (details ? ", text_changed bool NOT NULL DEFAULT 1, fields integer "
                 "NULL, last_updated datetime NULL"
               : "") +
      "); CREATE INDEX jao_ingest_change_run_id_seq ON jao_ingest_change "
      "(run_id, seq)");
  probe.Exec(
      "INSERT INTO jao_ingest_run (id, started_at, finished_at, outcome, "
      "files, tool_version) VALUES (1, '2026-01-01 00:00:00', '2026-01-01 "
      "00:01:00', 'completed', '[]', 'old'), (2, '2026-01-02 00:00:00', "
      "'2026-01-02 00:01:00', 'completed', '[]', 'old')");
  probe.Exec(details
                 ? "INSERT INTO jao_ingest_change (run_id, vacancy_id, change, "
                   "text_changed, fields, last_updated) VALUES (1, 5, "
                   "'inserted', 1, 4095, '2026-01-01 00:00:00'), (1, 7, "
                   "'updated', 0, 8, '2026-01-01 00:00:07'), (1, 5, "
                   "'updated', 0, 8, '2026-01-01 00:00:05'), (2, 5, "
                   "'updated', 1, 9, '2026-01-02 00:00:05')"
                 : "INSERT INTO jao_ingest_change (run_id, vacancy_id, change) "
                   "VALUES (1, 5, 'inserted'), (1, 7, 'updated'), (1, 5, "
                   "'updated'), (2, 5, 'updated')");
}

// Issue 23: an older version's change table is rebuilt at the next ingest,
// one line per run and vacancy, read in key order; what the older lines
// did not say, or said twice, reads as unknown (NULL).
TEST_F(SqliteFeedTest, ChangeTableOfTheFirstFeedIsRebuiltOneLineAVacancy) {
  ASSERT_NE(Open(), nullptr);
  CreateChangeTableBySeq(probe_, /*details=*/false);
  ASSERT_NE(Open(), nullptr);
  EXPECT_THAT(Read(0),
              ElementsAre("1|5|inserted", "1|7|updated", "2|5|updated"));
  EXPECT_THAT(
      probe_.Rows(kLineDetails),
      ElementsAre("1|5|1|null|null", "1|7|1|null|null", "2|5|1|null|null"));
  ExpectKeyedChangeTable();
}

TEST_F(SqliteFeedTest,
       ChangeTableWithDetailsIsRebuiltKeepingASingleLinesDetails) {
  ASSERT_NE(Open(), nullptr);
  CreateChangeTableBySeq(probe_, /*details=*/true);
  ASSERT_NE(Open(), nullptr);
  EXPECT_THAT(Read(0),
              ElementsAre("1|5|inserted", "1|7|updated", "2|5|updated"));
  EXPECT_THAT(probe_.Rows(kLineDetails),
              ElementsAre("1|5|1|null|null", "1|7|0|8|2026-01-01 00:00:07",
                          "2|5|1|9|2026-01-02 00:00:05"));
  ExpectKeyedChangeTable();
}

TEST_F(SqliteFeedTest, DatabaseWithoutTheFeedTablesReadsNothing) {
  probe_.Exec("CREATE TABLE other (x int)");
  EXPECT_THAT(Read(0), IsEmpty());
}

}  // namespace
}  // namespace jao::db::sqlite
