// The PostgreSQL backend of Loader (db/loader.h): one libpq connection, one
// transaction a chunk (retried whole on deadlock, serialization failure or
// the unique violation of a concurrently inserted new vacancy),
// a dependency cache kept across chunks. db::OpenLoader (db/backends.h)
// calls postgres::OpenLoader for postgresql:// and postgres:// URLs and libpq
// key=value strings.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"
#include "db/dependency_cache.h"
#include "db/loader.h"
#include "db/postgres/connection.h"
#include "db/postgres/first_load.h"

namespace jao::db {

namespace postgres {

// The write paths a loader may take; OpenLoader turns both on.
struct PgLoaderOptions {
  // Into empty vacancy tables: one transaction for the whole run, secondary
  // indexes and foreign keys rebuilt at the end (postgres/first_load.h). Needs
  // ownership of the tables; otherwise the chunked path.
  bool first_load = false;
  // Chunked loads under session_replication_role = replica where the role
  // may set it (superuser, or GRANT SET ON PARAMETER): no per-row
  // foreign-key triggers; the loader checks the references itself.
  bool skip_triggers = false;
};

class PostgresLoader : public Loader {
 public:
  explicit PostgresLoader(std::unique_ptr<PgConnection> connection,
                          PgLoaderOptions options = {})
      : connection_(std::move(connection)), options_(options) {}

  // Creates what is missing and sets the session up (lz4 TOAST compression
  // where the server has it, session_replication_role where allowed).
  Status EnsureSchema() override;
  // Records the run (postgres/feed.h: its row committed, its advisory lock held
  // by this session) and then, with options.first_load and empty vacancy
  // tables, starts the first load, whose transaction would otherwise hide
  // the run row. Without BeginRun the first load starts at the first chunk.
  Result<int64_t> BeginRun(const RunStart& start) override;
  // Database status after a rollback on failure; "postgresql connection
  // lost: server closed the connection unexpectedly" when the server went
  // away (the server then discards the transaction itself). In a first
  // load a failure rolls back every chunk of the run (the message says so).
  // In a first load a kLoading chunk's text is released once its vacancies
  // are sent; the chunked path keeps it for its retries.
  Result<LoadCounts> LoadChunk(Chunk& chunk) override;
  using Loader::LoadChunk;
  // Ends a first load: recreates what it dropped, validates the keys and
  // commits. Ok with nothing to do otherwise.
  Status Finish() override;
  // Closes the run row and releases its lock; after Finish.
  Status EndRun(RunOutcome outcome, std::string_view counts_json) override;
  bool ReleasesTextEarly() const override {
    return state_ == RunPhase::kFirstLoad;
  }
  bool RolledBackRun() const override {
    return state_ == RunPhase::kFirstLoadRolledBack;
  }
  std::string LoadPath() const override;
  std::string Describe() const override { return connection_->Describe(); }

  // For tests: the connection the loader writes through, and a hook run
  // inside the chunk's transaction just before COMMIT; an error it returns
  // fails the attempt like a failed statement (and is retried the same way).
  PgConnection& connection() { return *connection_; }
  void SetBeforeCommitHookForTest(std::function<Status()> hook) {
    before_commit_ = std::move(hook);
  }

 private:
  // One attempt, new vacancies COPYed directly when `allow_direct_copy` and
  // the tables allow it; on a deadlock, a serialization failure or a unique
  // violation (rolled back, worth running again) sets `retry_sqlstate` to
  // it, else clears it.
  Result<LoadCounts> TryChunk(const std::vector<const VacancyRecord*>& records,
                              bool allow_direct_copy,
                              std::string& retry_sqlstate);

  Status SetUpSession();
  Status ConsiderFirstLoad();
  Result<LoadCounts> LoadChunkInFirstLoad(
      Chunk& chunk, const std::vector<const VacancyRecord*>& records);
  // Recreates the schema and commits; on failure rolls back.
  Status EndFirstLoad();
  // Rolls the first load back after `failure`; says so in the message.
  Status AbandonFirstLoad(Status failure);

  std::unique_ptr<PgConnection> connection_;
  PgLoaderOptions options_;
  DependencyCache cache_;
  bool session_ready_ = false;
  // session_replication_role = replica is set for the session.
  bool replica_ = false;
  RunPhase state_ = RunPhase::kUndecided;
  int64_t run_id_ = 0;  // 0: no run begun, no feed written
  DroppedSchema dropped_;
  bool first_load_analyzed_ = false;
  // Why a first load was wanted and not taken, for LoadPath().
  std::string first_load_refusal_;
  // Whether new vacancies can be COPYed straight into the final tables;
  // asked of the database in the first chunk.
  std::optional<bool> direct_copy_;
  std::function<Status()> before_commit_;
};

// Connects with `conninfo` (passed to libpq as given, connect_timeout
// defaulted: PgConnection::Connect) and sets the session's lock_timeout
// from `options`. Database status when the connection fails; the message
// never contains the password.
Result<std::unique_ptr<Loader>> OpenLoader(std::string_view conninfo,
                                           const LoaderOptions& options = {});

}  // namespace postgres
}  // namespace jao::db
