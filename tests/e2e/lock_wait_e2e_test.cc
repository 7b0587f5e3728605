// End to end: a run that waits on another session's lock past
// --lock-timeout ends naming what it waited on (issue 21, defect 8). Old
// code named "vacancies_vacancy" for a PostgreSQL lock held on a statistics
// table (the first statement naming every table reported the first one),
// and SQLite's "database is locked" and "unable to open database file"
// named no database.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <vector>

#include "e2e/expectation_match_support.h"
#include "e2e/fixture_cache_support.h"
#include "e2e/ingest_run_support.h"

namespace jao::e2e {
namespace {

class PgLockWait : public IngestRunTest {
 protected:
  void SetUp() override { StartWith(Backend::kPostgresql); }
};

// Another session holds ACCESS EXCLUSIVE on one statistics table, as a
// migration altering it would: the next ingest's first statement that
// reads that table waits, and its error names that table.
TEST_F(PgLockWait, ALockHeldOnAStatisticsTableIsReportedOnThatTable) {
  ASSERT_EQ(Ingest({BaseFile(), "--quiet"}).exit_code, 0);
  PGconn* other = PQconnectdb(db_->DbArgument().c_str());
  ASSERT_EQ(PQstatus(other), CONNECTION_OK) << PQerrorMessage(other);
  for (const char* sql :
       {"BEGIN",
        "LOCK TABLE application_statistics_genderstatistic IN ACCESS "
        "EXCLUSIVE MODE"}) {
    PGresult* result = PQexec(other, sql);
    EXPECT_EQ(PQresultStatus(result), PGRES_COMMAND_OK) << sql;
    PQclear(result);
  }

  const std::string later = LaterFile();
  ProcessResult run = Ingest({later, "--quiet", "--lock-timeout", "1"});
  PQfinish(other);

  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_EQ(ErrorLines(run.err),
            std::vector<std::string>{
                "jao-ingest: error: " + later +
                ": chunk at row 0: lock wait on table "
                "\"application_statistics_genderstatistic\" exceeded 1 s "
                "(another session holds a lock)"})
      << run.err;
}

class SqliteLockWait : public IngestRunTest {
 protected:
  void SetUp() override { StartWith(Backend::kSqlite); }
};

TEST_F(SqliteLockWait, ADatabaseHeldByAnotherWriterIsNamedByItsPath) {
  ASSERT_EQ(Ingest({BaseFile(), "--quiet"}).exit_code, 0);
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open_v2(db_->name().c_str(), &other, SQLITE_OPEN_READWRITE,
                            nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr),
            SQLITE_OK);

  ProcessResult run = Ingest({LaterFile(), "--quiet", "--lock-timeout", "1"});
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);

  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_EQ(ErrorLines(run.err),
            std::vector<std::string>{"jao-ingest: error: sqlite database '" +
                                     db_->name() + "': database is locked"})
      << run.err;
}

// A file SQLite must open beside the database is a directory: the -wal
// file for the change feed's reader, the -shm file for an ingest.
TEST_F(SqliteLockWait, AFileBesideTheDatabaseThatCannotBeOpenedNamesThePath) {
  ASSERT_EQ(Ingest({BaseFile(), "--quiet"}).exit_code, 0);
  std::filesystem::create_directory(db_->name() + "-wal");
  ProcessResult changes = Changes({"--since", "0"});
  EXPECT_EQ(changes.exit_code, 1) << changes.err;
  EXPECT_EQ(
      ErrorLines(changes.err),
      std::vector<std::string>{"jao-ingest: error: sqlite database '" +
                               db_->name() + "': unable to open database file"})
      << changes.err;

  std::filesystem::remove(db_->name() + "-wal");
  std::filesystem::create_directory(db_->name() + "-shm");
  ProcessResult ingest = Ingest({LaterFile(), "--quiet"});
  EXPECT_EQ(ingest.exit_code, 1) << ingest.err;
  EXPECT_EQ(ErrorLines(ingest.err),
            std::vector<std::string>{"jao-ingest: error: sqlite database '" +
                                     db_->name() +
                                     "': attempt to write a readonly "
                                     "database"})
      << ingest.err;
}

}  // namespace
}  // namespace jao::e2e
