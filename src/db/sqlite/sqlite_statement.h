// RAII wrappers over the SQLite C API for the SQLite backend: a connection
// (opened with the loader's PRAGMAs, with a cache of prepared statements
// reused across chunks) and a prepared statement with typed binds.
//
// Errors are Database statuses carrying SQLite's own message; callers add
// the table as context.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace jao::db::sqlite {

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are 1-based, as in SQLite. Text is copied by SQLite.
  Statement& BindInt64(int index, int64_t value);
  Statement& BindText(int index, std::string_view value);
  Statement& BindNull(int index);
  Statement& BindOptionalText(int index, std::optional<std::string_view> value);

  // One step: true when a row is available, false when done.
  Result<bool> Step();
  // Steps to the end, ignoring rows; then resets.
  Status Run();
  // Resets for the next execution and clears the binds.
  void Reset();

  int64_t ColumnInt64(int index) const;  // 0-based, as in SQLite
  std::string_view ColumnText(int index) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

class Connection {
 public:
  // Opens (creating when absent) the database at `path` (":memory:" works)
  // and applies journal_mode=WAL, synchronous=NORMAL, foreign_keys=ON and a
  // busy timeout. Database status naming the path when that fails.
  static Result<std::unique_ptr<Connection>> Open(const std::string& path);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs SQL without parameters (may hold several statements).
  Status Exec(std::string_view sql);

  // A statement prepared once and kept for the connection's life; returned
  // reset, with no binds. The reference stays valid until the connection is
  // destroyed.
  Result<Statement*> Cached(const std::string& sql);

  int64_t Changes() const;
  int64_t LastInsertRowid() const;
  sqlite3* handle() const { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}

  sqlite3* db_;
  std::unordered_map<std::string, std::unique_ptr<Statement>> statements_;
};

}  // namespace jao::db::sqlite
