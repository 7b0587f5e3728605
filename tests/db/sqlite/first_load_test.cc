// SqliteLoader's first load (sqlite/first_load.h): into empty vacancy
// tables the run is one transaction with the non-unique indexes dropped and
// rebuilt at the end, exactly as they were; a failure anywhere leaves empty
// tables and the original schema; a database with vacancies takes the
// chunked path. The database is read back through an independent raw
// sqlite3 connection (SqliteProbe).
#include "db/sqlite/first_load.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <thread>

#include "common/status_matchers_support.h"
#include "db/sqlite/loader.h"
#include "db/sqlite/test_support.h"

namespace jao::db::sqlite {
namespace {

using testing::ChunkOf;
using ::testing::HasSubstr;
using testing::kJan1;
using testing::MakeVacancy;
using testing::SqliteProbe;
using testing::TempDir;

// Django's non-unique indexes of the vacancy tables (spec/jao-schema.md):
// department_id, both columns of the two link tables, both foreign keys of
// the seven statistic tables.
constexpr int kNonUniqueVacancyIndexes = 1 + 2 * 2 + 7 * 2;

VacancyRecord FullVacancy(int32_t id) {
  VacancyRecord record = MakeVacancy(id, kJan1);
  record.department = "DfE";
  record.grades = {"G7", "SEO"};
  record.role_types = {"Policy"};
  record.statistics = {{Characteristic::kGender, "Female", 5'050},
                       {Characteristic::kGender, "Male", 4'950}};
  return record;
}

// Vacancy 1 loaded and committed chunk by chunk: the tables are no longer
// empty.
void CommitOneVacancy(const std::string& path) {
  auto plain = sqlite::OpenLoader(path);
  ASSERT_THAT(plain, IsOk());
  ASSERT_THAT((*plain)->LoadChunk(ChunkOf({FullVacancy(1)})), IsOk());
}

// A loader with the first load allowed, its run begun: the first load
// starts once the run row is committed.
std::unique_ptr<SqliteLoader> StartRunWithFirstLoad(const std::string& path) {
  SqliteLoaderOptions options;
  options.first_load = true;
  auto loader = sqlite::OpenLoader(path, options);
  EXPECT_THAT(loader, IsOk());
  if (!loader.ok()) return nullptr;
  Status status = (*loader)->EnsureSchema();
  EXPECT_THAT(status, IsOk());
  Result<int64_t> run = (*loader)->BeginRun({R"(["a.parquet"])", "test"});
  EXPECT_THAT(run, IsOk());
  return std::move(*loader);
}

// Finishes `loader` on a thread of its own 300 ms from now, while another
// loader waits for its lock; `*finished` holds the status once joined.
std::thread FinishSoon(SqliteLoader& loader, Status* finished) {
  return std::thread([&loader, finished] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    *finished = loader.Finish();
  });
}

// A second ingester's options: first load allowed, 30 s of busy wait.
SqliteLoaderOptions PatientFirstLoad() {
  SqliteLoaderOptions options;
  options.first_load = true;
  options.busy_timeout_ms = 30'000;
  return options;
}

class SqliteFirstLoadTest : public ::testing::Test {
 protected:
  // The schema as EnsureSchema (Django's DDL) makes it, before any load.
  void SetUp() override {
    auto plain = sqlite::OpenLoader(path_);
    ASSERT_THAT(plain, IsOk());
    Status status = (*plain)->EnsureSchema();
    ASSERT_THAT(status, IsOk());
    schema_before_ = Schema();
  }

  std::unique_ptr<SqliteLoader> OpenFirstLoad() {
    return StartRunWithFirstLoad(path_);
  }

  // Every schema object's type, name, table and text, by name.
  std::vector<std::string> Schema() {
    return probe_.Rows(
        "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name");
  }

  std::string Count(const std::string& table) {
    return probe_.One("SELECT count(*) FROM \"" + table + "\"");
  }

  TempDir dir_;
  std::string path_ = dir_.File("jao.sqlite3");
  SqliteProbe probe_{path_};
  std::vector<std::string> schema_before_;
};

TEST_F(SqliteFirstLoadTest, RebuildsTheIndexesExactlyAsDjangosSchemaHasThem) {
  auto loader = OpenFirstLoad();
  ASSERT_TRUE(loader->first_load_active());
  ASSERT_THAT(loader->LoadChunk(ChunkOf({FullVacancy(1), FullVacancy(3)})),
              IsOk());
  ASSERT_THAT(loader->LoadChunk(ChunkOf({FullVacancy(2)})), IsOk());

  Status finished = loader->Finish();

  ASSERT_THAT(finished, IsOk());
  EXPECT_FALSE(loader->first_load_active());
  EXPECT_EQ(Schema(), schema_before_);
  EXPECT_EQ(Count("vacancies_vacancy"), "3");
  EXPECT_EQ(Count("vacancies_vacancygrade"), "6");
  EXPECT_EQ(Count("application_statistics_genderstatistic"), "6");
  // The rebuilt indexes hold every row (integrity_check compares them with
  // their tables).
  EXPECT_EQ(probe_.One("PRAGMA integrity_check"), "ok");
  EXPECT_THAT(loader->LoadPath(), HasSubstr("first load"));
}

TEST_F(SqliteFirstLoadTest, DropsOnlyTheNonUniqueIndexesOfTheVacancyTables) {
  auto loader = OpenFirstLoad();
  ASSERT_TRUE(loader->first_load_active());
  const std::string count_indexes =
      "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND sql IS NOT "
      "NULL";
  const int before = std::stoi(probe_.One(count_indexes));

  // Seen through the loader's own connection, inside its transaction.
  Result<Statement*> count = loader->connection().Cached(count_indexes);
  ASSERT_THAT(count, IsOk());
  ASSERT_THAT((*count)->Step(), IsOk());
  const int64_t during = (*count)->ColumnInt64(0);
  (*count)->Reset();

  EXPECT_EQ(before - during, kNonUniqueVacancyIndexes);
  // Other connections still see the schema as it was.
  EXPECT_EQ(Schema(), schema_before_);
  ASSERT_THAT(loader->Finish(), IsOk());
}

// The fixture's probe keeps the file open: SQLite will not leave WAL then,
// and the first load runs in WAL, where readers go on reading.
TEST_F(SqliteFirstLoadTest, RowsAreInvisibleToOthersUntilFinishCommits) {
  auto loader = OpenFirstLoad();
  ASSERT_THAT(loader->LoadChunk(ChunkOf({FullVacancy(1)})), IsOk());
  EXPECT_EQ(Count("vacancies_vacancy"), "0");

  ASSERT_THAT(loader->Finish(), IsOk());

  EXPECT_EQ(Count("vacancies_vacancy"), "1");
  EXPECT_THAT(loader->LoadPath(),
              HasSubstr("first load (one transaction, WAL;"));
}

// Alone with the file, the first load leaves WAL for the rollback journal
// (sqlite/first_load.h) and returns to WAL at its end, whatever the end.
class SqliteFirstLoadJournalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto plain = sqlite::OpenLoader(path_);
    ASSERT_THAT(plain, IsOk());
    ASSERT_THAT((*plain)->EnsureSchema(), IsOk());
  }

  std::unique_ptr<SqliteLoader> StartRun() {
    return StartRunWithFirstLoad(path_);
  }

  bool JournalFileExists() const {
    return std::filesystem::exists(path_ + "-journal");
  }

  // Through a connection of its own, opened after the load.
  std::string AfterwardsOne(const std::string& sql) {
    return SqliteProbe(path_).One(sql);
  }

  TempDir dir_;
  std::string path_ = dir_.File("jao.sqlite3");
};

TEST_F(SqliteFirstLoadJournalTest, AloneWithTheFileItUsesTheRollbackJournal) {
  auto loader = StartRun();
  ASSERT_TRUE(loader->first_load_active());
  ASSERT_THAT(loader->LoadChunk(ChunkOf({FullVacancy(1)})), IsOk());
  // SQLite's rollback journal lives beside the file during the transaction
  // (WAL mode never makes one).
  EXPECT_TRUE(JournalFileExists());

  ASSERT_THAT(loader->Finish(), IsOk());

  EXPECT_FALSE(JournalFileExists());
  EXPECT_EQ(loader->LoadPath(),
            "first load (one transaction, rollback journal; non-unique "
            "indexes rebuilt at the end)");
  EXPECT_EQ(AfterwardsOne("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(AfterwardsOne("SELECT count(*) FROM vacancies_vacancy"), "1");
  EXPECT_EQ(AfterwardsOne("PRAGMA integrity_check"), "ok");
}

TEST_F(SqliteFirstLoadJournalTest, AFailingChunkRollsBackAndReturnsToWal) {
  const std::string schema_sql =
      "SELECT group_concat(sql, ';') FROM sqlite_master";
  SqliteProbe(path_).Exec(
      "CREATE TRIGGER reject_high BEFORE INSERT ON "
      "application_statistics_genderstatistic "
      "WHEN NEW.percent_applications > 90 BEGIN SELECT RAISE(ABORT, 'percent "
      "too high'); END");
  const std::string schema_before = AfterwardsOne(schema_sql);
  auto loader = StartRun();
  ASSERT_THAT(loader->LoadChunk(ChunkOf({FullVacancy(1)})), IsOk());
  ASSERT_TRUE(JournalFileExists());
  VacancyRecord failing = FullVacancy(2);
  failing.statistics = {{Characteristic::kGender, "Female", 9'900}};

  Result<LoadCounts> counts = loader->LoadChunk(ChunkOf({failing}));

  ASSERT_FALSE(counts.ok());
  EXPECT_FALSE(JournalFileExists());
  EXPECT_EQ(AfterwardsOne("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(AfterwardsOne("SELECT count(*) FROM vacancies_vacancy"), "0");
  EXPECT_EQ(AfterwardsOne(schema_sql), schema_before);
}

// A second ingester opening the file during a rollback-journal first load
// waits (its busy timeout) for the commit, then loads chunk by chunk in WAL.
TEST_F(SqliteFirstLoadJournalTest, SecondWriterWaitsThenLoadsChunkedInWal) {
  auto first = StartRun();
  ASSERT_THAT(first->LoadChunk(ChunkOf({FullVacancy(1)})), IsOk());
  ASSERT_TRUE(JournalFileExists());
  Status finished = Status::Internal("not finished");
  std::thread finisher = FinishSoon(*first, &finished);
  const SqliteLoaderOptions options = PatientFirstLoad();

  auto second = sqlite::OpenLoader(path_, options);
  Status ensured = second.ok() ? (*second)->EnsureSchema() : second.status();
  Result<int64_t> run = second.ok()
                            ? (*second)->BeginRun({R"(["b.parquet"])", "test"})
                            : Result<int64_t>(second.status());

  finisher.join();
  ASSERT_THAT(finished, IsOk());
  ASSERT_THAT(ensured, IsOk());
  ASSERT_THAT(run, IsOk());
  EXPECT_FALSE((*second)->first_load_active());
  ASSERT_THAT((*second)->LoadChunk(ChunkOf({FullVacancy(2)})), IsOk());
  EXPECT_EQ(AfterwardsOne("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(AfterwardsOne("SELECT count(*) FROM vacancies_vacancy"), "2");
}

TEST_F(SqliteFirstLoadJournalTest, TablesWithVacanciesLeaveTheFileInWal) {
  CommitOneVacancy(path_);
  auto loader = StartRun();

  EXPECT_FALSE(loader->first_load_active());
  EXPECT_EQ(AfterwardsOne("PRAGMA journal_mode"), "wal");
}

TEST_F(SqliteFirstLoadTest, FailingChunkRollsTheWholeRunBackAndKeepsTheSchema) {
  probe_.Exec(
      "CREATE TRIGGER reject_high BEFORE INSERT ON "
      "application_statistics_genderstatistic "
      "WHEN NEW.percent_applications > 90 BEGIN SELECT RAISE(ABORT, 'percent "
      "too high'); END");
  schema_before_ = Schema();
  auto loader = OpenFirstLoad();
  ASSERT_TRUE(loader->first_load_active());
  ASSERT_THAT(loader->LoadChunk(ChunkOf({FullVacancy(1)})), IsOk());
  VacancyRecord failing = FullVacancy(2);
  failing.statistics = {{Characteristic::kGender, "Female", 9'900}};

  Result<LoadCounts> counts = loader->LoadChunk(ChunkOf({failing}));

  ASSERT_THAT(
      counts,
      StatusIs(
          StatusCode::kDatabase,
          "application_statistics_genderstatistic: percent too high (first "
          "load: every chunk of this run rolled back, the schema as it "
          "was)"));
  EXPECT_FALSE(loader->first_load_active());
  EXPECT_THAT(loader->Finish(), IsOk());
  EXPECT_EQ(Count("vacancies_vacancy"), "0");
  EXPECT_EQ(Count("vacancies_vacancygrade"), "0");
  EXPECT_EQ(Count("organisations_department"), "0");
  EXPECT_EQ(Schema(), schema_before_);
}

TEST_F(SqliteFirstLoadTest, FailingIndexRebuildRollsTheWholeRunBack) {
  // An index of the app's own that cannot be built over the loaded rows:
  // json() of a title that is not JSON fails.
  probe_.Exec("CREATE INDEX app_title_json ON vacancies_vacancy (json(title))");
  schema_before_ = Schema();
  auto loader = OpenFirstLoad();
  ASSERT_THAT(loader->LoadChunk(ChunkOf({FullVacancy(1)})), IsOk());

  Status finished = loader->Finish();

  ASSERT_FALSE(finished.ok());
  EXPECT_THAT(finished.message(),
              HasSubstr("first load: rebuilding the indexes: "));
  EXPECT_THAT(finished.message(),
              HasSubstr("(first load: every chunk of this run rolled back, "
                        "the schema as it was)"));
  EXPECT_EQ(Count("vacancies_vacancy"), "0");
  EXPECT_EQ(Schema(), schema_before_);
}

TEST_F(SqliteFirstLoadTest, DatabaseWithVacanciesTakesTheChunkedPath) {
  CommitOneVacancy(path_);
  auto loader = OpenFirstLoad();

  EXPECT_FALSE(loader->first_load_active());
  ASSERT_THAT(loader->LoadChunk(ChunkOf({FullVacancy(2)})), IsOk());
  // Committed with its chunk, before Finish.
  EXPECT_EQ(Count("vacancies_vacancy"), "2");
  EXPECT_EQ(Schema(), schema_before_);
  EXPECT_THAT(loader->Finish(), IsOk());
  EXPECT_EQ(loader->LoadPath(), "chunked (one transaction a chunk)");
}

TEST_F(SqliteFirstLoadTest, NamesAlreadyInTheLookupTablesDoNotPreventIt) {
  probe_.Exec("INSERT INTO organisations_department (name) VALUES ('DfE')");
  auto loader = OpenFirstLoad();

  EXPECT_TRUE(loader->first_load_active());
  Result<LoadCounts> counts = loader->LoadChunk(ChunkOf({FullVacancy(1)}));
  ASSERT_THAT(counts, IsOk());
  EXPECT_EQ((*counts)["organisations_department"].inserted, 0);
  ASSERT_THAT(loader->Finish(), IsOk());
  EXPECT_EQ(Count("organisations_department"), "1");
}

TEST_F(SqliteFirstLoadTest, VacancyComingTwiceInTheRunIsUpdated) {
  auto loader = OpenFirstLoad();
  ASSERT_THAT(loader->LoadChunk(ChunkOf({FullVacancy(1)})), IsOk());
  VacancyRecord newer = FullVacancy(1);
  newer.last_updated_us = kJan1 + 1;
  newer.grades = {"G6"};

  Result<LoadCounts> counts = loader->LoadChunk(ChunkOf({newer}));

  ASSERT_THAT(counts, IsOk());
  EXPECT_EQ((*counts)["vacancies_vacancy"].updated, 1);
  ASSERT_THAT(loader->Finish(), IsOk());
  EXPECT_EQ(probe_.Rows("SELECT g.description FROM vacancies_vacancygrade AS l "
                        "JOIN roles_grade AS g ON g.id = l.grade_id"),
            std::vector<std::string>{"G6"});
  EXPECT_EQ(probe_.One("PRAGMA integrity_check"), "ok");
}

// A second ingester started during a first load waits for its COMMIT
// (busy timeout), then finds vacancies and takes the chunked path.
TEST_F(SqliteFirstLoadTest, SecondWriterWaitsForTheFirstLoadThenLoadsChunked) {
  auto first = OpenFirstLoad();
  ASSERT_THAT(first->LoadChunk(ChunkOf({FullVacancy(1)})), IsOk());
  Status finished = Status::Internal("not finished");
  std::thread finisher = FinishSoon(*first, &finished);
  const SqliteLoaderOptions options = PatientFirstLoad();
  auto second = sqlite::OpenLoader(path_, options);
  ASSERT_THAT(second, IsOk());
  ASSERT_THAT((*second)->EnsureSchema(), IsOk());

  // Its run row needs the write lock the first load holds.
  Result<int64_t> run = (*second)->BeginRun({R"(["b.parquet"])", "test"});

  finisher.join();
  ASSERT_THAT(finished, IsOk());
  ASSERT_THAT(run, IsOk());
  EXPECT_FALSE((*second)->first_load_active());
  ASSERT_THAT((*second)->LoadChunk(ChunkOf({FullVacancy(2)})), IsOk());
  EXPECT_EQ(Count("vacancies_vacancy"), "2");
}

TEST_F(SqliteFirstLoadTest, SecondWriterGivesUpAfterItsBusyTimeout) {
  auto first = OpenFirstLoad();
  ASSERT_TRUE(first->first_load_active());
  SqliteLoaderOptions options;
  options.busy_timeout_ms = 50;
  auto second = sqlite::OpenLoader(path_, options);
  ASSERT_THAT(second, IsOk());

  Result<LoadCounts> counts = (*second)->LoadChunk(ChunkOf({FullVacancy(2)}));

  ASSERT_THAT(counts,
              StatusIs(::testing::_, "begin: sqlite database '" + path_ +
                                         "': database is locked"));
  EXPECT_THAT(first->Finish(), IsOk());
}

TEST_F(SqliteFirstLoadTest, WithoutTheOptionEmptyTablesLoadChunkByChunk) {
  auto loader = sqlite::OpenLoader(path_);
  ASSERT_THAT(loader, IsOk());
  ASSERT_THAT((*loader)->EnsureSchema(), IsOk());

  EXPECT_FALSE((*loader)->first_load_active());
  ASSERT_THAT((*loader)->LoadChunk(ChunkOf({FullVacancy(1)})), IsOk());
  EXPECT_EQ(Count("vacancies_vacancy"), "1");
}

}  // namespace
}  // namespace jao::db::sqlite
