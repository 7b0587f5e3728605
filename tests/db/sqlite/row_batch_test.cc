// RowBatch: multi-row INSERTs write every row once whatever the row count
// (full statements, then power-of-two shapes), and a refused value fails the
// batch naming the table and column.
#include "db/sqlite/row_batch.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>

#include "common/status_matchers_support.h"

namespace jao::db::sqlite {
namespace {

class RowBatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto connection = Connection::Open(":memory:");
    ASSERT_THAT(connection, IsOk());
    connection_ = std::move(*connection);
    ASSERT_THAT(
        connection_->Exec("CREATE TABLE t (a integer, b text, c decimal)"),
        IsOk());
  }

  int64_t One(const std::string& sql) {
    Result<Statement*> statement = connection_->Cached(sql);
    EXPECT_THAT(statement, IsOk());
    Result<bool> row = (*statement)->Step();
    EXPECT_TRUE(row.ok() && *row);
    const int64_t value = (*statement)->ColumnInt64(0);
    (*statement)->Reset();
    return value;
  }

  std::unique_ptr<Connection> connection_;
};

TEST_F(RowBatchTest, WritesEveryRowOnceAcrossShapes) {
  RowBatch batch(*connection_, "t", {"a", "b", "c"}, 16);
  const std::string text = "x";
  for (int i = 1; i <= 16 * 3 + 13; ++i) {  // 3 full, then 8 + 4 + 1
    batch.Int(i).StaticText(text);
    if (i % 2) {
      batch.Real(i / 2.0);
    } else {
      batch.Null();
    }
    ASSERT_THAT(batch.EndRow(), IsOk());
  }
  ASSERT_THAT(batch.Flush(), IsOk());

  EXPECT_EQ(One("SELECT count(*) FROM t"), 61);
  EXPECT_EQ(One("SELECT count(DISTINCT a) FROM t"), 61);
  EXPECT_EQ(One("SELECT sum(a) FROM t"), 61 * 62 / 2);
  EXPECT_EQ(One("SELECT count(*) FROM t WHERE c IS NULL"), 30);
  EXPECT_EQ(One("SELECT count(*) FROM t WHERE b = 'x'"), 61);
}

TEST_F(RowBatchTest, RowWithMissingValueIsAnInternalError) {
  RowBatch batch(*connection_, "t", {"a", "b", "c"});
  batch.Int(1).Null();
  Status status = batch.EndRow();
  EXPECT_EQ(status.code(), StatusCode::kInternal);
  EXPECT_EQ(status.message(), "t: a row of 2 values for 3 columns");
}

TEST_F(RowBatchTest, RefusedValueFailsNamingTableAndColumn) {
  sqlite3_limit(connection_->handle(), SQLITE_LIMIT_LENGTH, 1000);
  RowBatch batch(*connection_, "t", {"a", "b", "c"});
  const std::string small = "s", big(2000, 'b');
  batch.Int(1).StaticText(small).Null();
  ASSERT_THAT(batch.EndRow(), IsOk());
  batch.Int(2).StaticText(big).Null();
  ASSERT_THAT(batch.EndRow(), IsOk());

  Status status = batch.Flush();

  EXPECT_EQ(status.code(), StatusCode::kDatabase);
  EXPECT_EQ(status.message(), "t: column 'b': string or blob too big");
  EXPECT_EQ(One("SELECT count(*) FROM t"), 0);
}

}  // namespace
}  // namespace jao::db::sqlite
