// The SQLite backend of Loader (db/loader.h): one connection, a dependency
// cache and the prepared statements kept across chunks. Into empty vacancy
// tables (with SqliteLoaderOptions::first_load) the whole run is one
// transaction with the non-unique indexes built at the end
// (sqlite/first_load.h); otherwise one transaction (BEGIN IMMEDIATE) a
// chunk. Created through sqlite::OpenLoader, or db::OpenLoader
// (db/backends.h) for a sqlite:/// URL or a path.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"
#include "db/dependency_cache.h"
#include "db/loader.h"
#include "db/sqlite/connection.h"
#include "db/sqlite/first_load.h"
#include "db/sqlite/first_load_ids.h"
#include "db/sqlite/run_lock.h"

namespace jao::db::sqlite {

struct SqliteLoaderOptions {
  // Load empty vacancy tables in one transaction, the non-unique indexes
  // built after the rows (else chunk by chunk, each committed).
  bool first_load = false;
  // How long a statement waits for another writer's lock (a first load
  // holds it for the whole run) before failing; 0: for ever.
  int64_t busy_timeout_ms = 10'000;
};

class SqliteLoader : public Loader {
 public:
  SqliteLoader(std::string path, std::unique_ptr<Connection> connection,
               SqliteLoaderOptions options = {})
      : path_(std::move(path)),
        connection_(std::move(connection)),
        options_(options) {}

  // Creates the absent tables (committed).
  Status EnsureSchema() override;
  // Holds the run lock (sqlite/run_lock.h) before inserting the run row;
  // when, in the row's transaction, nobody else holds it, nobody else is
  // ingesting and every open run is marked 'abandoned'. A ":memory:"
  // database has no lock. Then, with options.first_load and empty
  // vacancy tables, starts the first load: after the run row is committed,
  // so that the row is visible while the run lives.
  Result<int64_t> BeginRun(const RunStart& start) override;
  // Database status "<table>: <sqlite message>" after a rollback on failure;
  // also (rolled back) when the run was closed by another process or the
  // file moved out of the locked directory while it loaded (CheckRunOpen);
  // in a first load the rollback takes every chunk of the run and the
  // message says so. A loader used without BeginRun starts its first load
  // here, at the first chunk.
  // A kLoading chunk's text is released once its vacancy rows are written.
  Result<LoadCounts> LoadChunk(Chunk& chunk) override;
  using Loader::LoadChunk;
  // Ends a first load: rebuilds the indexes and commits (on failure rolls
  // the whole run back). Nothing to do otherwise.
  Status Finish() override;
  Status EndRun(RunOutcome outcome, std::string_view counts_json) override;
  bool ReleasesTextEarly() const override { return true; }
  bool RolledBackRun() const override {
    return state_ == RunPhase::kFirstLoadRolledBack;
  }
  std::string LoadPath() const override;
  std::string Describe() const override { return "sqlite:///" + path_; }

  // For tests: the connection the loader writes through.
  Connection& connection() { return *connection_; }
  // For tests: whether a first load's transaction is open.
  bool first_load_active() const { return state_ == RunPhase::kFirstLoad; }

 private:
  Status ConsiderFirstLoad();
  Result<LoadCounts> LoadChunkInFirstLoad(Chunk& chunk);
  Status AbandonFirstLoad(const Status& failure);
  Status CheckRunStillOurs();

  std::string path_;
  std::unique_ptr<Connection> connection_;
  SqliteLoaderOptions options_;
  DependencyCache cache_;
  std::unique_ptr<RunLock> run_lock_;
  int64_t run_id_ = 0;  // 0: no run begun, no feed written
  FirstLoadState first_load_state_;
  // The ids the first load wrote so far (made when it starts).
  std::unique_ptr<FirstLoadIds> first_load_ids_;
  RunPhase state_ = RunPhase::kUndecided;
};

// Opens or creates the database file at `path` (":memory:" for a private
// in-memory database). Database status naming the path when that fails.
Result<std::unique_ptr<SqliteLoader>> OpenLoader(
    std::string_view path, SqliteLoaderOptions options = {});

}  // namespace jao::db::sqlite
