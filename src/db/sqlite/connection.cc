// See sqlite/connection.h.
#include "db/sqlite/connection.h"

#include <fmt/format.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <limits>
#include <string_view>
#include <thread>

namespace jao::db::sqlite {
namespace {

// SQLite's message for the last failure on `db`. One about the database
// file itself (locked, cannot be opened, read-only, I/O, full, corrupt)
// names the file as the user gave it: SQLite's own text never does.
Status Error(sqlite3* db, std::string_view path, const char* message) {
  switch (sqlite3_errcode(db) & 0xff) {
    case SQLITE_PERM:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_READONLY:
    case SQLITE_IOERR:
    case SQLITE_CORRUPT:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_PROTOCOL:
    case SQLITE_NOLFS:
    case SQLITE_NOTADB:
      return Status::Database(
          fmt::format("sqlite database '{}': {}", path, message));
    default:
      return Status::Database(message);
  }
}

Status Error(sqlite3* db, std::string_view path) {
  return Error(db, path, sqlite3_errmsg(db));
}

}  // namespace

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::Check(int index, int rc) {
  if (rc == SQLITE_OK || !bind_error_.ok()) return *this;
  const std::string column =
      columns_.empty()
          ? fmt::format("parameter {}", index)
          : fmt::format("column '{}'", columns_[(index - 1) % columns_.size()]);
  bind_error_ = Status::Database(column + ": " + sqlite3_errstr(rc));
  return *this;
}

Statement& Statement::BindInt64(int index, int64_t value) {
  return Check(index, sqlite3_bind_int64(stmt_, index, value));
}

Statement& Statement::BindDouble(int index, double value) {
  return Check(index, sqlite3_bind_double(stmt_, index, value));
}

Statement& Statement::BindText(int index, std::string_view value) {
  return Check(index,
               sqlite3_bind_text64(stmt_, index, value.data(), value.size(),
                                   SQLITE_TRANSIENT, SQLITE_UTF8));
}

Statement& Statement::BindStaticText(int index, std::string_view value) {
  return Check(index,
               sqlite3_bind_text64(stmt_, index, value.data(), value.size(),
                                   SQLITE_STATIC, SQLITE_UTF8));
}

Statement& Statement::BindStaticBlob(int index, std::string_view value) {
  return Check(index, sqlite3_bind_blob64(stmt_, index, value.data(),
                                          value.size(), SQLITE_STATIC));
}

Statement& Statement::BindNull(int index) {
  return Check(index, sqlite3_bind_null(stmt_, index));
}

Statement& Statement::BindOptionalText(int index,
                                       std::optional<std::string_view> value) {
  return value ? BindText(index, *value) : BindNull(index);
}

Statement& Statement::BindOptionalStaticText(
    int index, std::optional<std::string_view> value) {
  return value ? BindStaticText(index, *value) : BindNull(index);
}

Result<bool> Statement::Step() {
  if (!bind_error_.ok()) {
    Status status = bind_error_;
    Reset();
    return status;
  }
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Status status = Error(db_, path_);
  Reset();
  return status;
}

Status Statement::EachRow(const std::function<void()>& on_row) {
  while (true) {
    Result<bool> row = Step();
    if (!row.ok()) {
      Reset();
      return row.status();
    }
    if (!*row) break;
    on_row();
  }
  Reset();
  return Status::Ok();
}

Status Statement::Run() {
  while (true) {
    ASSIGN_OR_RETURN(bool row, Step());
    if (!row) break;
  }
  Reset();
  return Status::Ok();
}

// No sqlite3_clear_bindings: every execution binds all its parameters, and
// clearing them cost a call per parameter per row.
void Statement::Reset() {
  sqlite3_reset(stmt_);
  bind_error_ = Status::Ok();
}

int64_t Statement::ColumnInt64(int index) const {
  return sqlite3_column_int64(stmt_, index);
}

std::string_view Statement::ColumnBlob(int index) const {
  const void* bytes = sqlite3_column_blob(stmt_, index);
  if (bytes == nullptr) return {};
  return {static_cast<const char*>(bytes),
          static_cast<size_t>(sqlite3_column_bytes(stmt_, index))};
}

bool Statement::ColumnIsNull(int index) const {
  return sqlite3_column_type(stmt_, index) == SQLITE_NULL;
}

std::string_view Statement::ColumnText(int index) const {
  const unsigned char* text = sqlite3_column_text(stmt_, index);
  if (text == nullptr) return {};
  return {reinterpret_cast<const char*>(text),
          static_cast<size_t>(sqlite3_column_bytes(stmt_, index))};
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path,
                                                     int64_t busy_timeout_ms) {
  ASSIGN_OR_RETURN(std::unique_ptr<Connection> connection,
                   OpenWith(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                            busy_timeout_ms));
  // journal_mode=WAL answers "memory" for :memory: databases; that is fine.
  // Foreign keys are not enforced row by row: every child row the loader
  // writes points at a vacancy written in the same transaction, and the
  // lookup ids it reuses from earlier chunks are checked once per chunk
  // (ChunkWriter). Enforcing them here re-read each vacancy's page once per
  // child row: twice the page reads of the whole load.
  // The page cache is pinned at SQLite's usual 2 MiB and memory mapping off,
  // whatever the library was built with: both count in the process's RSS,
  // which stays below 100 MiB for a whole run (issue 13: 8 to 64 MiB caches
  // did not speed a 100k load up; mmap_size took the RSS to the database's
  // size).
  // Another process's first load may hold the file in rollback-journal
  // mode (sqlite/first_load.h). Going back to WAL needs its lock, and
  // SQLite answers SQLITE_BUSY at once instead of calling the busy handler
  // (a lock upgrade that could deadlock): retried here until the busy
  // timeout, as a wait at BEGIN would be.
  // The WAL is checkpointed into the database once it holds 40000 pages
  // (160 MiB with 4 KiB pages), not SQLite's usual 1000: a chunk of a later
  // export rewrites pages all over the statistic tables and the change
  // feed's digest rows, and with the usual threshold each chunk's commit
  // copied them back at once, again for every chunk that touched them
  // (100k bench later export: 4.1 GB written; bench/compare-results.md
  // has the timing). The WAL file then grows to about that size while a
  // run lasts, on disk and not in memory.
  constexpr std::string_view kSettings =
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA "
      "foreign_keys=OFF; PRAGMA cache_size=-2000; PRAGMA mmap_size=0; "
      "PRAGMA wal_autocheckpoint=40000;";
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::milliseconds(busy_timeout_ms);
  Status status = connection->Exec(kSettings);
  while (
      !status.ok() &&
      (sqlite3_errcode(connection->handle()) & 0xff) == SQLITE_BUSY &&
      (busy_timeout_ms <= 0 || std::chrono::steady_clock::now() < deadline)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    status = connection->Exec(kSettings);
  }
  if (!status.ok()) return status;
  return connection;
}

Result<std::unique_ptr<Connection>> Connection::OpenToRead(
    const std::string& path) {
  // A first load killed mid-way leaves its rollback journal behind, hot
  // (sqlite/first_load.h): SQLite rolls it back for the first read-write
  // opener and refuses a read-only one ("attempt to write a readonly
  // database"). With such a journal beside a file it may write, a reader
  // opens read-write, so that reading after a crash recovers the committed
  // state; it writes nothing else.
  std::error_code error;
  const bool journal = path != ":memory:" &&
                       std::filesystem::exists(path + "-journal", error) &&
                       ::access(path.c_str(), W_OK) == 0;
  return journal ? OpenExistingReadWrite(path) : OpenReadOnly(path);
}

Result<std::unique_ptr<Connection>> Connection::OpenReadOnly(
    const std::string& path) {
  return OpenWith(path, SQLITE_OPEN_READONLY, /*busy_timeout_ms=*/10'000);
}

Result<std::unique_ptr<Connection>> Connection::OpenExistingReadWrite(
    const std::string& path) {
  return OpenWith(path, SQLITE_OPEN_READWRITE, /*busy_timeout_ms=*/10'000);
}

Result<std::unique_ptr<Connection>> Connection::OpenWith(
    const std::string& path, int flags, int64_t busy_timeout_ms) {
  sqlite3* db = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return Status::Database("cannot open sqlite database '" + path +
                            "': " + message);
  }
  std::unique_ptr<Connection> connection(new Connection(db, path));
  connection->SetBusyTimeout(busy_timeout_ms);
  sqlite3_extended_result_codes(db, 1);
  return connection;
}

void Connection::SetBusyTimeout(int64_t busy_timeout_ms) {
  busy_timeout_ms_ = busy_timeout_ms;
  // SQLite takes an int, and 0 there means no wait at all.
  constexpr int64_t kForever = std::numeric_limits<int>::max();
  sqlite3_busy_timeout(
      db_, static_cast<int>(busy_timeout_ms <= 0
                                ? kForever
                                : std::min(busy_timeout_ms, kForever)));
}

Connection::~Connection() {
  statements_.clear();  // finalized before the close, or the close fails
  sqlite3_close(db_);
}

Status Connection::Exec(std::string_view sql) {
  char* message = nullptr;
  const int rc =
      sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return Status::Ok();
  Status status = Error(db_, path_, message ? message : sqlite3_errstr(rc));
  sqlite3_free(message);
  return status;
}

Result<Statement*> Connection::Cached(const std::string& sql,
                                      std::vector<std::string> columns) {
  auto it = statements_.find(sql);
  if (it != statements_.end()) {
    it->second->Reset();
    return it->second.get();
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                         SQLITE_PREPARE_PERSISTENT, &stmt,
                         nullptr) != SQLITE_OK) {
    return Error(db_, path_);
  }
  auto statement =
      std::make_unique<Statement>(db_, stmt, std::move(columns), path_);
  Statement* raw = statement.get();
  statements_.emplace(sql, std::move(statement));
  return raw;
}

int64_t Connection::Changes() const { return sqlite3_changes64(db_); }

int64_t Connection::LastInsertRowid() const {
  return sqlite3_last_insert_rowid(db_);
}

}  // namespace jao::db::sqlite
