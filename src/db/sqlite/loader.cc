// See sqlite/loader.h. BEGIN IMMEDIATE takes the write lock up front, so a
// concurrent writer makes us wait (busy timeout) at the start of a chunk
// (or of the first load) instead of failing in the middle of one.
#include "db/sqlite/loader.h"

#include <fmt/format.h>

#include <functional>
#include <vector>

#include "db/sqlite/chunk_writer.h"
#include "db/sqlite/feed.h"
#include "db/sqlite/schema.h"

namespace jao::db::sqlite {

Status SqliteLoader::EnsureSchema() {
  // Its tables exist, and its transaction cannot nest another.
  if (state_ == RunPhase::kFirstLoad) return Status::Ok();
  return sqlite::EnsureSchema(*connection_);
}

// Once a loader: with options.first_load and empty vacancy tables (checked
// under the write lock), opens the first load's transaction.
Status SqliteLoader::ConsiderFirstLoad() {
  if (state_ != RunPhase::kUndecided) return Status::Ok();
  state_ = RunPhase::kChunkedIdle;
  if (!options_.first_load) return Status::Ok();
  ASSIGN_OR_RETURN(FirstLoadStart start,
                   BeginFirstLoad(*connection_, &first_load_state_));
  if (start == FirstLoadStart::kStarted) {
    state_ = RunPhase::kFirstLoad;
    first_load_ids_ = std::make_unique<FirstLoadIds>();
  }
  return Status::Ok();
}

Result<int64_t> SqliteLoader::BeginRun(const RunStart& start) {
  std::function<Result<bool>()> nobody_else_ingesting;
  if (path_ != ":memory:") {
    ASSIGN_OR_RETURN(run_lock_, RunLock::Open(path_));
    // Held before the row exists, so a reader or another ingester never
    // sees our run open without its lock held.
    RETURN_IF_ERROR(run_lock_->Hold());
    nobody_else_ingesting = [this] { return run_lock_->NobodyElseHolds(); };
  }
  ASSIGN_OR_RETURN(
      run_id_, sqlite::BeginRun(*connection_, start, nobody_else_ingesting));
  // After the run row's own commit: inside the first load's transaction
  // the row would stay invisible until the run ends.
  RETURN_IF_ERROR(ConsiderFirstLoad());
  return run_id_;
}

Status SqliteLoader::EndRun(RunOutcome outcome, std::string_view counts_json) {
  if (run_id_ == 0) return Status::Ok();
  Status closed = CloseRun(*connection_, run_id_, outcome, counts_json);
  // Released even when the close failed: the run is then open and dead,
  // and the next ingest marks it abandoned.
  run_lock_.reset();
  run_id_ = 0;
  return closed;
}

Result<LoadCounts> SqliteLoader::LoadChunk(Chunk& chunk) {
  RETURN_IF_ERROR(ConsiderFirstLoad());  // a loader used without BeginRun
  if (state_ == RunPhase::kFirstLoad) return LoadChunkInFirstLoad(chunk);
  state_ = RunPhase::kChunked;
  Status begin = connection_->Exec("BEGIN IMMEDIATE");
  if (!begin.ok()) return begin.WithContext("begin");
  Result<LoadCounts> counts = WriteChunk(*connection_, chunk, cache_, run_id_);
  Status status = counts.status();
  if (status.ok()) status = CheckRunStillOurs();
  if (status.ok()) {
    status = connection_->Exec("COMMIT");
    if (!status.ok()) status = status.WithContext("commit");
  }
  if (!status.ok()) {
    // The error is what the caller needs; a failing ROLLBACK (the transaction
    // may already be gone) adds nothing to it.
    (void)connection_->Exec("ROLLBACK");
    cache_.DiscardUncommitted();
    return status;
  }
  cache_.Commit();
  return counts;
}

// Before a commit, under the write lock: a run closed by someone else (who
// took it for dead) must commit nothing more, since a reader may have gone
// past it; and the database must still be in the directory our lock
// covers (moved elsewhere, another ingester would lock another directory
// and could take this run for dead).
Status SqliteLoader::CheckRunStillOurs() {
  if (run_id_ == 0 || run_lock_ == nullptr) return Status::Ok();
  RETURN_IF_ERROR(CheckRunOpen(*connection_, run_id_));
  ASSIGN_OR_RETURN(bool covered, run_lock_->StillInDirectory());
  if (covered) return Status::Ok();
  return Status::Database(fmt::format(
      "sqlite database '{}' was moved out of '{}' while run {} loaded: its "
      "run lock no longer covers it; this chunk is rolled back",
      path_, run_lock_->directory(), run_id_));
}

// Inside the first load's one transaction: no BEGIN, no COMMIT, and the
// names the chunk adds to the cache stay uncommitted until Finish.
Result<LoadCounts> SqliteLoader::LoadChunkInFirstLoad(Chunk& chunk) {
  Result<LoadCounts> counts =
      WriteChunk(*connection_, chunk, cache_, run_id_, first_load_ids_.get());
  if (!counts.ok()) return AbandonFirstLoad(counts.status());
  return counts;
}

Status SqliteLoader::Finish() {
  if (state_ != RunPhase::kFirstLoad) return Status::Ok();
  Status status = WriteFirstLoadFeed(*connection_, run_id_);
  if (status.ok()) {
    status = RestoreDroppedIndexes(*connection_, first_load_state_);
  }
  if (status.ok()) status = CheckRunStillOurs();
  if (status.ok()) {
    status = connection_->Exec("COMMIT").WithContext("first load: commit");
  }
  if (!status.ok()) return AbandonFirstLoad(status);
  state_ = RunPhase::kFirstLoadCommitted;
  cache_.Commit();
  EndFirstLoadJournal(*connection_, first_load_state_);
  return Status::Ok();
}

Status SqliteLoader::AbandonFirstLoad(const Status& failure) {
  state_ = RunPhase::kFirstLoadRolledBack;
  // The ROLLBACK also takes back the dropped indexes: DDL is transactional.
  (void)connection_->Exec("ROLLBACK");
  EndFirstLoadJournal(*connection_, first_load_state_);
  cache_.DiscardUncommitted();
  return Status::Database(fmt::format(
      "{} (first load: every chunk of this run rolled back, the schema as "
      "it was)",
      failure.message()));
}

std::string SqliteLoader::LoadPath() const {
  switch (state_) {
    case RunPhase::kUndecided:
    case RunPhase::kChunkedIdle:
      break;
    case RunPhase::kChunked:
      return "chunked (one transaction a chunk)";
    case RunPhase::kFirstLoad:
    case RunPhase::kFirstLoadCommitted:
    case RunPhase::kFirstLoadRolledBack:
      return fmt::format(
          "first load (one transaction, {}; non-unique indexes rebuilt at the "
          "end)",
          first_load_state_.rollback_journal ? "rollback journal" : "WAL");
  }
  return "nothing loaded";
}

Result<std::unique_ptr<SqliteLoader>> OpenLoader(std::string_view path,
                                                 SqliteLoaderOptions options) {
  RETURN_IF_ERROR(RefuseSeveralNames(std::string(path)));
  ASSIGN_OR_RETURN(
      std::unique_ptr<Connection> connection,
      Connection::Open(std::string(path), options.busy_timeout_ms));
  return std::make_unique<SqliteLoader>(std::string(path),
                                        std::move(connection), options);
}

}  // namespace jao::db::sqlite
