// See sqlite/row_batch.h.
#include "db/sqlite/row_batch.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>

namespace jao::db::sqlite {

RowBatch::RowBatch(Connection& connection, std::string_view table,
                   std::vector<std::string> columns, int max_rows,
                   std::string_view verb, std::string_view on_conflict)
    : connection_(connection),
      table_(table),
      verb_(verb),
      on_conflict_(on_conflict),
      columns_(std::move(columns)) {
  // Debian 12's SQLite allows 32766 variables a statement; ask rather than
  // assume.
  const int variables =
      sqlite3_limit(connection.handle(), SQLITE_LIMIT_VARIABLE_NUMBER, -1);
  const int by_limit =
      std::max(1, variables / static_cast<int>(columns_.size()));
  width_ = static_cast<size_t>(std::max(1, std::min(max_rows, by_limit)));
  values_.reserve(width_ * columns_.size());
}

RowBatch& RowBatch::Int(int64_t value) {
  values_.push_back({Value::Kind::kInt, value, 0, {}});
  return *this;
}

RowBatch& RowBatch::Real(double value) {
  values_.push_back({Value::Kind::kReal, 0, value, {}});
  return *this;
}

RowBatch& RowBatch::StaticText(std::string_view value) {
  values_.push_back({Value::Kind::kText, 0, 0, value});
  return *this;
}

RowBatch& RowBatch::StaticBlob(std::string_view value) {
  values_.push_back({Value::Kind::kBlob, 0, 0, value});
  return *this;
}

RowBatch& RowBatch::Null() {
  values_.push_back({Value::Kind::kNull, 0, 0, {}});
  return *this;
}

Status RowBatch::EndRow() {
  if (values_.size() % columns_.size() != 0) {
    return Status::Internal(
        fmt::format("{}: a row of {} values for {} columns", table_,
                    values_.size() % columns_.size(), columns_.size()));
  }
  if (values_.size() < width_ * columns_.size()) return Status::Ok();
  return Flush();
}

Status RowBatch::Flush() {
  const size_t rows = values_.size() / columns_.size();
  size_t done = 0;
  while (done < rows) {
    size_t shape = width_;
    while (shape > rows - done) shape /= 2;
    RETURN_IF_ERROR(Write(done, shape));
    done += shape;
  }
  values_.clear();
  return Status::Ok();
}

Status RowBatch::Write(size_t first_row, size_t rows) {
  Result<Statement*> prepared = connection_.Cached(SqlFor(rows), columns_);
  if (!prepared.ok()) return prepared.status().WithContext(table_);
  Statement& statement = **prepared;
  const size_t begin = first_row * columns_.size();
  const size_t count = rows * columns_.size();
  for (size_t i = 0; i < count; ++i) {
    const Value& value = values_[begin + i];
    const int index = static_cast<int>(i + 1);
    switch (value.kind) {
      case Value::Kind::kInt:
        statement.BindInt64(index, value.integer);
        break;
      case Value::Kind::kReal:
        statement.BindDouble(index, value.real);
        break;
      case Value::Kind::kText:
        statement.BindStaticText(index, value.text);
        break;
      case Value::Kind::kBlob:
        statement.BindStaticBlob(index, value.text);
        break;
      case Value::Kind::kNull:
        statement.BindNull(index);
        break;
    }
  }
  Status status = statement.Run();
  if (!status.ok()) return status.WithContext(table_);
  return Status::Ok();
}

const std::string& RowBatch::SqlFor(size_t rows) {
  if (sql_by_rows_.size() <= rows) sql_by_rows_.resize(rows + 1);
  std::string& sql = sql_by_rows_[rows];
  if (!sql.empty()) return sql;
  std::vector<std::string> quoted;
  for (const std::string& column : columns_) {
    quoted.push_back(fmt::format(R"("{}")", column));
  }
  std::string row = "(?";
  for (size_t i = 1; i < columns_.size(); ++i) row += ", ?";
  row += ')';
  sql = fmt::format(R"({} INTO "{}" ({}) VALUES {})", verb_, table_,
                    fmt::join(quoted, ", "), row);
  for (size_t i = 1; i < rows; ++i) sql += ", " + row;
  if (!on_conflict_.empty()) sql += " " + on_conflict_;
  return sql;
}

}  // namespace jao::db::sqlite
