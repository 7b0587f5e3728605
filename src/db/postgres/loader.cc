// See postgres/loader.h.
#include "db/postgres/loader.h"

#include <fmt/format.h>

#include <algorithm>

#include "db/postgres/chunk_writer.h"
#include "db/postgres/direct_copy.h"
#include "db/postgres/feed.h"
#include "db/postgres/schema.h"
#include "db/schema_names.h"

namespace jao::db {
namespace postgres {
namespace {

// Two loaders writing overlapping chunks can still deadlock on index pages
// or lookups; PostgreSQL then aborts one of them, which simply tries again.
constexpr int kMaxAttempts = 4;

}  // namespace

Status PostgresLoader::EnsureSchema() {
  if (connection_->lost())
    return Status::Database(std::string(kConnectionLostMessage));
  RETURN_IF_ERROR(postgres::EnsureSchema(*connection_));
  return SetUpSession();
}

Result<int64_t> PostgresLoader::BeginRun(const RunStart& start) {
  if (connection_->lost())
    return Status::Database(std::string(kConnectionLostMessage));
  ASSIGN_OR_RETURN(run_id_, postgres::BeginRun(*connection_, start));
  RETURN_IF_ERROR(ConsiderFirstLoad());
  return run_id_;
}

Status PostgresLoader::EndRun(RunOutcome outcome,
                              std::string_view counts_json) {
  if (run_id_ == 0) return Status::Ok();
  const int64_t run_id = run_id_;
  run_id_ = 0;
  if (connection_->lost())
    return Status::Database(std::string(kConnectionLostMessage));
  return postgres::CloseRun(*connection_, run_id, outcome, counts_json);
}

Status PostgresLoader::SetUpSession() {
  if (session_ready_) return Status::Ok();
  // TOAST with lz4 where the server was built with it (any role may set
  // it; read back transparently): the long descriptions compress several
  // times faster than with pglz. A server without lz4 refuses the value.
  if (!connection_->Exec("SET default_toast_compression = lz4").ok() &&
      connection_->lost()) {
    return Status::Database(std::string(kConnectionLostMessage));
  }
  if (options_.skip_triggers) {
    Status replica =
        connection_->Exec("SET session_replication_role = replica").status();
    if (replica.ok()) {
      replica_ = true;
    } else if (connection_->last_sqlstate() != kSqlStateInsufficientPrivilege) {
      return replica;
    }
  }
  session_ready_ = true;
  return Status::Ok();
}

Status PostgresLoader::ConsiderFirstLoad() {
  if (state_ != RunPhase::kUndecided) return Status::Ok();
  state_ = RunPhase::kChunkedIdle;
  if (!options_.first_load) return Status::Ok();
  if (!direct_copy_) {
    ASSIGN_OR_RETURN(direct_copy_, FinalTablesTakeBinaryCopy(*connection_));
  }
  if (!*direct_copy_) {
    first_load_refusal_ = "the tables' column types differ from Django's";
    return Status::Ok();
  }
  ASSIGN_OR_RETURN(FirstLoadStart start,
                   BeginFirstLoad(*connection_, &dropped_));
  if (start == FirstLoadStart::kNotOwner) {
    first_load_refusal_ = "the role does not own every table";
  }
  if (start == FirstLoadStart::kStarted) state_ = RunPhase::kFirstLoad;
  return Status::Ok();
}

Result<LoadCounts> PostgresLoader::LoadChunkInFirstLoad(
    Chunk& chunk, const std::vector<const VacancyRecord*>& records) {
  // No retry in a first load: its failure ends the run.
  auto release_text = [&chunk] { chunk.VacanciesWritten(); };
  Result<LoadCounts> counts =
      postgres::WriteChunk(*connection_, records, cache_, /*direct_copy=*/true,
                           /*check_references=*/false, release_text, run_id_);
  if (!counts.ok()) return AbandonFirstLoad(counts.status());
  if (!first_load_analyzed_) {
    first_load_analyzed_ = true;
    Status analyzed = AnalyzeVacancyTables(*connection_);
    if (!analyzed.ok()) return AbandonFirstLoad(analyzed);
  }
  return counts;
}

Status PostgresLoader::EndFirstLoad() {
  Status status = RestoreDroppedSchema(*connection_, dropped_);
  if (status.ok()) status = connection_->Exec("COMMIT").status();
  if (!status.ok()) return AbandonFirstLoad(status);
  state_ = RunPhase::kFirstLoadCommitted;
  cache_.Commit();
  return Status::Ok();
}

Status PostgresLoader::AbandonFirstLoad(Status failure) {
  state_ = RunPhase::kFirstLoadRolledBack;
  cache_.DiscardUncommitted();
  if (!connection_->lost()) (void)connection_->Exec("ROLLBACK");
  return Status::Database(
      fmt::format("{} (first load: every chunk of this run rolled back)",
                  failure.message()));
}

Status PostgresLoader::Finish() {
  if (state_ != RunPhase::kFirstLoad) return Status::Ok();
  return EndFirstLoad();
}

std::string PostgresLoader::LoadPath() const {
  std::string path = "nothing loaded";
  switch (state_) {
    case RunPhase::kUndecided:
    case RunPhase::kChunkedIdle:
      break;
    case RunPhase::kChunked:
      path = replica_ ? "chunked, references checked by the loader "
                        "(session_replication_role = replica)"
                      : "chunked, foreign-key triggers";
      break;
    case RunPhase::kFirstLoad:
    case RunPhase::kFirstLoadCommitted:
    case RunPhase::kFirstLoadRolledBack:
      path =
          "first load (one transaction; indexes and foreign keys rebuilt at "
          "the end)";
      break;
  }
  if (!first_load_refusal_.empty()) {
    path += fmt::format("; no first load: {}", first_load_refusal_);
  }
  return path;
}

Result<LoadCounts> PostgresLoader::TryChunk(
    const std::vector<const VacancyRecord*>& records, bool allow_direct_copy,
    std::string& retry_sqlstate) {
  retry_sqlstate.clear();
  RETURN_IF_ERROR(connection_->Exec("BEGIN").status());
  Result<LoadCounts> counts = [&]() -> Result<LoadCounts> {
    if (!direct_copy_) {
      ASSIGN_OR_RETURN(direct_copy_, FinalTablesTakeBinaryCopy(*connection_));
    }
    return postgres::WriteChunk(*connection_, records, cache_,
                                allow_direct_copy && *direct_copy_, replica_,
                                nullptr, run_id_);
  }();
  if (counts.ok() && before_commit_) {
    Status hook = before_commit_();
    if (!hook.ok()) counts = std::move(hook);
  }
  if (counts.ok()) {
    Status committed = connection_->Exec("COMMIT").status();
    if (committed.ok()) {
      cache_.Commit();
      return counts;
    }
    counts = std::move(committed);
  }
  cache_.DiscardUncommitted();
  if (!connection_->lost()) {
    const std::string sqlstate = connection_->last_sqlstate();
    (void)connection_->Exec("ROLLBACK");
    // ROLLBACK resets last_sqlstate; the retry decision needs the original.
    if (sqlstate == kSqlStateDeadlock || sqlstate == kSqlStateSerialization ||
        sqlstate == kSqlStateUniqueViolation) {
      retry_sqlstate = sqlstate;
    }
  }
  return counts;
}

Result<LoadCounts> PostgresLoader::LoadChunk(Chunk& chunk) {
  // Before any statement: every path below sends the text.
  chunk.CheckTextReadable();
  if (connection_->lost())
    return Status::Database(std::string(kConnectionLostMessage));
  std::vector<const VacancyRecord*> records;
  records.reserve(chunk.records.size());
  for (const VacancyRecord& r : chunk.records) records.push_back(&r);
  // Locks are taken in id order by every loader, which avoids most deadlocks.
  std::sort(records.begin(), records.end(),
            [](const VacancyRecord* a, const VacancyRecord* b) {
              return a->id < b->id;
            });

  RETURN_IF_ERROR(ConsiderFirstLoad());
  if (state_ == RunPhase::kFirstLoad) {
    return LoadChunkInFirstLoad(chunk, records);
  }
  state_ = RunPhase::kChunked;
  // After a unique violation the chunk goes through staging, whose ON
  // CONFLICT cannot fail that way: another loader walking the same new ids
  // could otherwise collide with every attempt.
  bool allow_direct_copy = true;
  for (int attempt = 1;; ++attempt) {
    // Every attempt sends the text again.
    chunk.CheckTextReadable();
    std::string retry_sqlstate;
    Result<LoadCounts> counts =
        TryChunk(records, allow_direct_copy, retry_sqlstate);
    if (counts.ok() || retry_sqlstate.empty()) return counts;
    if (retry_sqlstate == kSqlStateUniqueViolation) allow_direct_copy = false;
    if (attempt == kMaxAttempts) {
      return Status::Database(fmt::format("{} (gave up after {} attempts)",
                                          counts.status().message(),
                                          kMaxAttempts));
    }
  }
}

Result<std::unique_ptr<Loader>> OpenLoader(std::string_view conninfo,
                                           const LoaderOptions& options) {
  ASSIGN_OR_RETURN(std::unique_ptr<postgres::PgConnection> connection,
                   postgres::PgConnection::Connect(conninfo));
  RETURN_IF_ERROR(connection->SetLockTimeout(options.lock_timeout_ms));
  postgres::PgLoaderOptions paths;
  paths.first_load = options.first_load;
  paths.skip_triggers = true;
  return std::unique_ptr<Loader>(
      std::make_unique<postgres::PostgresLoader>(std::move(connection), paths));
}

}  // namespace postgres
}  // namespace jao::db
