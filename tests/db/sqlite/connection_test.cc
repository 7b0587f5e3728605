// Statement binds: every sqlite3_bind_* result is checked. What broke
// (issue 9, defect 1): a bind that failed (SQLITE_RANGE, SQLITE_TOOBIG) was
// ignored, the step still ran and the value went in as NULL.
#include "db/sqlite/connection.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <vector>

#include "common/status_matchers_support.h"
#include "test_support.h"

namespace jao::db::sqlite {
namespace {

class StatementTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto connection = Connection::Open(":memory:");
    ASSERT_THAT(connection, IsOk());
    connection_ = std::move(*connection);
  }
  std::unique_ptr<Connection> connection_;
};

TEST_F(StatementTest, BindOutOfRangeFailsTheStepInsteadOfBindingNull) {
  Result<Statement*> select = connection_->Cached("SELECT ?");
  ASSERT_THAT(select, IsOk());

  (*select)->BindInt64(2, 7);  // SQLITE_RANGE: the statement has one
  Result<bool> row = (*select)->Step();

  ASSERT_THAT(row, StatusIs(StatusCode::kDatabase,
                            "parameter 2: column index out of range"));
}

TEST_F(StatementTest, TooBigTextFailsTheStepNamingTheColumn) {
  ASSERT_THAT(connection_->Exec("CREATE TABLE t (a integer, b text)"), IsOk());
  sqlite3_limit(connection_->handle(), SQLITE_LIMIT_LENGTH, 100);
  Result<Statement*> insert =
      connection_->Cached("INSERT INTO t (a, b) VALUES (?, ?)", {"a", "b"});
  ASSERT_THAT(insert, IsOk());

  (*insert)->BindInt64(1, 1).BindText(2, std::string(200, 'x'));
  Status status = (*insert)->Run();

  ASSERT_THAT(status,
              StatusIs(::testing::_, "column 'b': string or blob too big"));
  Result<Statement*> count = connection_->Cached("SELECT count(*) FROM t");
  ASSERT_THAT(count, IsOk());
  ASSERT_TRUE(*(*count)->Step());
  EXPECT_EQ((*count)->ColumnInt64(0), 0);
}

TEST_F(StatementTest, ResetForgetsAFailedBind) {
  Result<Statement*> select = connection_->Cached("SELECT ?", {"x"});
  ASSERT_THAT(select, IsOk());
  (*select)->BindInt64(3, 1);
  (*select)->Reset();

  (*select)->BindInt64(1, 5);
  Result<bool> row = (*select)->Step();

  ASSERT_THAT(row, IsOk());
  EXPECT_EQ((*select)->ColumnInt64(0), 5);
  (*select)->Reset();
}

TEST_F(StatementTest, EachRowVisitsEveryRowAndLeavesTheStatementReset) {
  Result<Statement*> select = connection_->Cached(
      "SELECT value FROM json_each(?) ORDER BY value", {"ids"});
  ASSERT_THAT(select, IsOk());
  for (int pass = 0; pass < 2; ++pass) {
    (*select)->BindText(1, "[3,1,2]");
    std::vector<int64_t> seen;
    ASSERT_THAT(
        (*select)->EachRow([&] { seen.push_back((*select)->ColumnInt64(0)); }),
        IsOk());
    EXPECT_EQ(seen, (std::vector<int64_t>{1, 2, 3})) << "pass " << pass;
  }
}

TEST_F(StatementTest, EachRowEndsWithAFailingStepsStatus) {
  Result<Statement*> select = connection_->Cached("SELECT ?");
  ASSERT_THAT(select, IsOk());
  (*select)->BindInt64(2, 1);  // out of range: the step fails
  int rows = 0;
  EXPECT_THAT((*select)->EachRow([&] { ++rows; }),
              StatusIs(StatusCode::kDatabase,
                       "parameter 2: column index out of range"));
  EXPECT_EQ(rows, 0);
}

// Issue 21, defect 8: SQLite's own message names no file, so "database is
// locked" or "unable to open database file" left the user to guess which
// database. Every error about the file names the path as it was given.
TEST(ConnectionErrors, ALockHeldByAnotherWriterNamesThePath) {
  testing::TempDir dir;
  const std::string path = dir.File("held.sqlite3");
  auto holder = Connection::Open(path);
  ASSERT_THAT(holder, IsOk());
  ASSERT_THAT((*holder)->Exec("CREATE TABLE t (a integer)"), IsOk());
  ASSERT_THAT((*holder)->Exec("BEGIN IMMEDIATE"), IsOk());
  auto waiter = Connection::Open(path, /*busy_timeout_ms=*/50);
  ASSERT_THAT(waiter, IsOk());

  EXPECT_THAT((*waiter)->Exec("BEGIN IMMEDIATE"),
              StatusIs(StatusCode::kDatabase,
                       "sqlite database '" + path + "': database is locked"));
  Result<Statement*> insert = (*waiter)->Cached("INSERT INTO t VALUES (1)");
  ASSERT_THAT(insert, IsOk());
  EXPECT_THAT((*insert)->Run(),
              StatusIs(StatusCode::kDatabase,
                       "sqlite database '" + path + "': database is locked"));
}

TEST(ConnectionErrors, AWalFileThatCannotBeOpenedNamesThePath) {
  testing::TempDir dir;
  const std::string path = dir.File("wal.sqlite3");
  {
    auto writer = Connection::Open(path);
    ASSERT_THAT(writer, IsOk());
    ASSERT_THAT((*writer)->Exec("CREATE TABLE t (a integer)"), IsOk());
  }
  std::filesystem::create_directory(path + "-wal");
  auto reader = Connection::OpenReadOnly(path);
  ASSERT_THAT(reader, IsOk());
  Result<Statement*> count = (*reader)->Cached("SELECT count(*) FROM t");
  Status status = count.ok() ? (*count)->Run() : count.status();
  EXPECT_THAT(status, StatusIs(StatusCode::kDatabase,
                               "sqlite database '" + path +
                                   "': unable to open database file"));
}

TEST(ConnectionErrors, ASqlMistakeIsNotAboutTheFile) {
  auto connection = Connection::Open(":memory:");
  ASSERT_THAT(connection, IsOk());
  EXPECT_THAT((*connection)->Exec("SELECT * FROM no_such_table"),
              StatusIs(StatusCode::kDatabase, "no such table: no_such_table"));
}

}  // namespace
}  // namespace jao::db::sqlite
