// RAII wrappers over the SQLite C API for the SQLite backend: a connection
// (opened with the loader's PRAGMAs, with a cache of prepared statements
// reused across chunks) and a prepared statement with typed binds.
//
// Errors are Database statuses carrying SQLite's own message, prefixed
// with "sqlite database '<path>': " when about the file (locked, cannot be
// opened, read-only, I/O, full, corrupt); callers add the table as
// context. A refused bind (SQLITE_RANGE, SQLITE_TOOBIG, ...) is
// recorded and fails the next Step() with the column it concerns: binds stay
// chainable, and no row is ever written with a value missing.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace jao::db::sqlite {

class Statement {
 public:
  // `columns`: the column each parameter fills, for messages; parameter i
  // (1-based) is columns[(i - 1) % size], so a multi-row INSERT names one
  // row's columns. Empty: messages say "parameter i".
  // `path`: the database's, for messages; it outlives the statement.
  Statement(sqlite3* db, sqlite3_stmt* stmt, std::vector<std::string> columns,
            std::string_view path)
      : db_(db), stmt_(stmt), columns_(std::move(columns)), path_(path) {}
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are 1-based, as in SQLite. BindText copies the text;
  // BindStaticText does not: the caller keeps it alive and unchanged until
  // the statement has been stepped (or rebound).
  Statement& BindInt64(int index, int64_t value);
  Statement& BindDouble(int index, double value);
  Statement& BindText(int index, std::string_view value);
  Statement& BindStaticText(int index, std::string_view value);
  // As BindStaticText, bound as a BLOB.
  Statement& BindStaticBlob(int index, std::string_view value);
  Statement& BindNull(int index);
  Statement& BindOptionalText(int index, std::optional<std::string_view> value);
  Statement& BindOptionalStaticText(int index,
                                    std::optional<std::string_view> value);

  // One step: true when a row is available, false when done. A bind refused
  // since the last Reset fails it, "column '<name>': <sqlite message>",
  // without stepping.
  Result<bool> Step();
  // Steps to the end, ignoring rows; then resets.
  Status Run();
  // Steps through every row, calling `on_row` (which reads the columns)
  // on each, then resets; a failing step ends it with its status.
  Status EachRow(const std::function<void()>& on_row);
  // Resets for the next execution. The binds stay (the next execution binds
  // every parameter again); a recorded bind failure is forgotten.
  void Reset();

  int64_t ColumnInt64(int index) const;  // 0-based, as in SQLite
  std::string_view ColumnText(int index) const;
  // Bytes of a BLOB (or TEXT) column; empty for NULL.
  std::string_view ColumnBlob(int index) const;
  bool ColumnIsNull(int index) const;

 private:
  Statement& Check(int index, int rc);

  sqlite3* db_;
  sqlite3_stmt* stmt_;
  std::vector<std::string> columns_;
  std::string_view path_;
  Status bind_error_;
};

class Connection {
 public:
  // Opens (creating when absent) the database at `path` (":memory:" works)
  // in SQLite's multi-thread mode (no mutex: one thread at a time uses a
  // connection), and applies journal_mode=WAL, synchronous=NORMAL,
  // foreign_keys=OFF, a 2 MiB page cache and no memory mapping. A statement
  // that finds another writer's lock retries for up to `busy_timeout_ms`
  // (0: for ever), then fails with "database is locked". Database status
  // naming the path when the open fails.
  static Result<std::unique_ptr<Connection>> Open(
      const std::string& path, int64_t busy_timeout_ms = 10'000);
  // Opens an existing database at `path` read-only (never creating it),
  // with a 10 s busy timeout; Database status naming the path when that
  // fails.
  // An existing file, to read: read-only, or read-write when a hot rollback
  // journal lies beside a file we may write (SQLite then rolls it back).
  static Result<std::unique_ptr<Connection>> OpenToRead(
      const std::string& path);
  static Result<std::unique_ptr<Connection>> OpenReadOnly(
      const std::string& path);
  // Opens an existing database at `path` read-write (never creating it, no
  // PRAGMA), with a 10 s busy timeout: for a reader that must be able to
  // roll back a hot journal, which SQLite does for a read-write opener only.
  static Result<std::unique_ptr<Connection>> OpenExistingReadWrite(
      const std::string& path);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs SQL without parameters (may hold several statements).
  Status Exec(std::string_view sql);

  // A statement prepared once and kept for the connection's life; returned
  // reset (binds of an earlier execution may remain: bind every parameter).
  // `columns` as for Statement, used when it is first prepared. The
  // reference stays valid until the connection is destroyed.
  Result<Statement*> Cached(const std::string& sql,
                            std::vector<std::string> columns = {});

  int64_t Changes() const;
  int64_t LastInsertRowid() const;
  sqlite3* handle() const { return db_; }

  // How long a statement waits for another connection's lock before
  // SQLITE_BUSY (0: for ever).
  void SetBusyTimeout(int64_t busy_timeout_ms);
  int64_t busy_timeout_ms() const { return busy_timeout_ms_; }

 private:
  Connection(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  // sqlite3_open_v2 with `flags` (and NOMUTEX), the busy timeout (0: for
  // ever), extended codes.
  static Result<std::unique_ptr<Connection>> OpenWith(const std::string& path,
                                                      int flags,
                                                      int64_t busy_timeout_ms);

  sqlite3* db_;
  std::string path_;  // as given, for messages
  int64_t busy_timeout_ms_ = 0;
  std::unordered_map<std::string, std::unique_ptr<Statement>> statements_;
};

}  // namespace jao::db::sqlite
