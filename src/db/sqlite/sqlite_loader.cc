// See sqlite_loader.h. BEGIN IMMEDIATE takes the write lock up front, so a
// concurrent writer makes us wait (busy timeout) at the start of a chunk
// instead of failing in the middle of one.
#include "db/sqlite/sqlite_loader.h"

#include "db/sqlite/sqlite_chunk_writer.h"
#include "db/sqlite/sqlite_feed.h"
#include "db/sqlite/sqlite_schema.h"

namespace jao::db::sqlite {

Status SqliteLoader::EnsureSchema() {
  return sqlite::EnsureSchema(*connection_);
}

Result<int64_t> SqliteLoader::BeginRun(const RunStart& start) {
  if (path_ != ":memory:") {
    ASSIGN_OR_RETURN(run_lock_, RunLockFile::Open(RunLockFile::PathFor(path_),
                                                  /*create=*/true));
    // Held exclusively, nobody else can start a run meanwhile; taken
    // shared before the row exists, so a reader never sees our run open
    // without its lock held.
    if (run_lock_->TryExclusive())
      RETURN_IF_ERROR(AbandonOpenRuns(*connection_));
    RETURN_IF_ERROR(run_lock_->Shared());
  }
  ASSIGN_OR_RETURN(run_id_, InsertRun(*connection_, start));
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

Result<LoadCounts> SqliteLoader::LoadChunk(const Chunk& chunk) {
  Status begin = connection_->Exec("BEGIN IMMEDIATE");
  if (!begin.ok()) return begin.WithContext("begin");
  ChunkWriter writer(*connection_, cache_, run_id_);
  Result<LoadCounts> counts = writer.Write(chunk);
  Status status = counts.status();
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

Result<std::unique_ptr<SqliteLoader>> OpenSqliteLoader(std::string_view path) {
  ASSIGN_OR_RETURN(std::unique_ptr<Connection> connection,
                   Connection::Open(std::string(path)));
  return std::make_unique<SqliteLoader>(std::string(path),
                                        std::move(connection));
}

}  // namespace jao::db::sqlite
