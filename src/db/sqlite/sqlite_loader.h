// The SQLite backend of Loader (db/loader.h): one connection, one
// transaction (BEGIN IMMEDIATE) a chunk, a dependency cache and the prepared
// statements kept across chunks. Created through OpenLoader or
// OpenSqliteLoader.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"
#include "db/dependency_cache.h"
#include "db/loader.h"
#include "db/sqlite/sqlite_run_lock.h"
#include "db/sqlite/sqlite_statement.h"

namespace jao::db::sqlite {

class SqliteLoader : public Loader {
 public:
  SqliteLoader(std::string path, std::unique_ptr<Connection> connection)
      : path_(std::move(path)), connection_(std::move(connection)) {}

  Status EnsureSchema() override;
  // Takes the run lock file (sqlite_run_lock.h) shared before inserting the
  // run row; when it could first take it exclusively, nobody else was
  // ingesting and every open run is marked 'abandoned'. A ":memory:"
  // database has no lock file.
  Result<int64_t> BeginRun(const RunStart& start) override;
  // Database status "<table>: <sqlite message>" after a rollback on failure.
  Result<LoadCounts> LoadChunk(const Chunk& chunk) override;
  Status EndRun(RunOutcome outcome, std::string_view counts_json) override;
  bool ReleasesTextEarly() const override { return true; }
  std::string Describe() const override { return "sqlite:///" + path_; }

  // For tests: the connection the loader writes through.
  Connection& connection() { return *connection_; }

 private:
  std::string path_;
  std::unique_ptr<Connection> connection_;
  DependencyCache cache_;
  std::unique_ptr<RunLockFile> run_lock_;
  int64_t run_id_ = 0;  // 0: no run begun, no feed written
};

// Opens or creates the database file at `path` (":memory:" for a private
// in-memory database). Database status naming the path when that fails.
Result<std::unique_ptr<SqliteLoader>> OpenSqliteLoader(std::string_view path);

}  // namespace jao::db::sqlite
