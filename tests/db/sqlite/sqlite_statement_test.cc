// Statement binds: every sqlite3_bind_* result is checked. What broke
// (issue 9, defect 1): a bind that failed (SQLITE_RANGE, SQLITE_TOOBIG) was
// ignored, the step still ran and the value went in as NULL.
#include "db/sqlite/sqlite_statement.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>

namespace jao::db::sqlite {
namespace {

class StatementTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto connection = Connection::Open(":memory:");
    ASSERT_TRUE(connection.ok()) << connection.status().ToString();
    connection_ = std::move(*connection);
  }
  std::unique_ptr<Connection> connection_;
};

TEST_F(StatementTest, BindOutOfRangeFailsTheStepInsteadOfBindingNull) {
  Result<Statement*> select = connection_->Cached("SELECT ?");
  ASSERT_TRUE(select.ok()) << select.status().ToString();

  (*select)->BindInt64(2, 7);  // SQLITE_RANGE: the statement has one
  Result<bool> row = (*select)->Step();

  ASSERT_FALSE(row.ok());
  EXPECT_EQ(row.status().code(), StatusCode::kDatabase);
  EXPECT_EQ(row.status().message(), "parameter 2: column index out of range");
}

TEST_F(StatementTest, TooBigTextFailsTheStepNamingTheColumn) {
  ASSERT_TRUE(connection_->Exec("CREATE TABLE t (a integer, b text)").ok());
  sqlite3_limit(connection_->handle(), SQLITE_LIMIT_LENGTH, 100);
  Result<Statement*> insert =
      connection_->Cached("INSERT INTO t (a, b) VALUES (?, ?)", {"a", "b"});
  ASSERT_TRUE(insert.ok()) << insert.status().ToString();

  (*insert)->BindInt64(1, 1).BindText(2, std::string(200, 'x'));
  Status status = (*insert)->Run();

  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.message(), "column 'b': string or blob too big");
  Result<Statement*> count = connection_->Cached("SELECT count(*) FROM t");
  ASSERT_TRUE(count.ok());
  ASSERT_TRUE(*(*count)->Step());
  EXPECT_EQ((*count)->ColumnInt64(0), 0);
}

TEST_F(StatementTest, ResetForgetsAFailedBind) {
  Result<Statement*> select = connection_->Cached("SELECT ?", {"x"});
  ASSERT_TRUE(select.ok());
  (*select)->BindInt64(3, 1);
  (*select)->Reset();

  (*select)->BindInt64(1, 5);
  Result<bool> row = (*select)->Step();

  ASSERT_TRUE(row.ok()) << row.status().ToString();
  EXPECT_EQ((*select)->ColumnInt64(0), 5);
  (*select)->Reset();
}

}  // namespace
}  // namespace jao::db::sqlite
