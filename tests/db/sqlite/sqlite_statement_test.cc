// Statement binds: every sqlite3_bind_* result is checked. What broke
// (issue 9, defect 1): a bind that failed (SQLITE_RANGE, SQLITE_TOOBIG) was
// ignored, the step still ran and the value went in as NULL.
#include "db/sqlite/sqlite_statement.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>

#include "common/status_matchers_support.h"

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

}  // namespace
}  // namespace jao::db::sqlite
