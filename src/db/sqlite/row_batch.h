// Multi-row INSERT for the SQLite chunk writer: a table's rows are buffered
// and go in many at a time through one prepared statement
// `INSERT INTO "t" ("a", "b") VALUES (?, ?), (?, ?), ...` instead of one
// statement execution a row (the statistic tables take millions of rows).
// A full batch uses the widest shape; the rest of a table's rows go in
// power-of-two shapes, so a table has at most 1 + log2(width) statements,
// each prepared once per connection (Connection::Cached).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "db/sqlite/connection.h"

namespace jao::db::sqlite {

class RowBatch {
 public:
  // `connection` outlives the batch. Rows per full statement: at most
  // `max_rows`, fewer when the connection's variable limit requires it.
  // `verb`: "INSERT", or "INSERT OR REPLACE" for rows that replace those
  // with the same key. `on_conflict`, when not empty, ends each statement
  // (an upsert: "ON CONFLICT (...) DO UPDATE SET ...").
  RowBatch(Connection& connection, std::string_view table,
           std::vector<std::string> columns, int max_rows = 512,
           std::string_view verb = "INSERT", std::string_view on_conflict = "");

  // One value of the current row, in column order. Text is not copied: it
  // must stay alive and unchanged until Flush() (or the EndRow() that
  // flushes it) returns.
  RowBatch& Int(int64_t value);
  RowBatch& Real(double value);
  RowBatch& StaticText(std::string_view value);
  RowBatch& StaticBlob(std::string_view value);
  RowBatch& Null();

  // Ends a row (exactly one value a column, an Internal status otherwise);
  // writes the buffered rows once a full statement's worth is there.
  Status EndRow();
  // Writes every buffered row. Errors carry the table: "<table>: ...".
  Status Flush();

 private:
  struct Value {
    enum class Kind { kInt, kReal, kText, kBlob, kNull } kind;
    int64_t integer = 0;
    double real = 0;
    std::string_view text;
  };

  Status Write(size_t first_row, size_t rows);
  const std::string& SqlFor(size_t rows);

  Connection& connection_;
  std::string table_;
  std::string verb_;
  std::string on_conflict_;
  std::vector<std::string> columns_;
  size_t width_;  // rows a full statement
  std::vector<Value> values_;
  std::vector<std::string> sql_by_rows_;  // indexed by row count, lazily
};

}  // namespace jao::db::sqlite
