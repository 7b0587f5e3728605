// See postgres_loader.h.
#include "db/postgres/postgres_loader.h"

#include <fmt/format.h>

#include <algorithm>

#include "db/postgres/pg_chunk_load.h"
#include "db/postgres/pg_direct_copy.h"
#include "db/postgres/pg_schema.h"

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
  return EnsurePgSchema(*connection_);
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
    return LoadChunkInTransaction(*connection_, records, cache_,
                                  allow_direct_copy && *direct_copy_);
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

Result<LoadCounts> PostgresLoader::LoadChunk(const Chunk& chunk) {
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

  // After a unique violation the chunk goes through staging, whose ON
  // CONFLICT cannot fail that way: another loader walking the same new ids
  // could otherwise collide with every attempt.
  bool allow_direct_copy = true;
  for (int attempt = 1;; ++attempt) {
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

}  // namespace postgres

Result<std::unique_ptr<Loader>> OpenPostgresLoader(std::string_view conninfo) {
  ASSIGN_OR_RETURN(std::unique_ptr<postgres::PgConnection> connection,
                   postgres::PgConnection::Connect(conninfo));
  return std::unique_ptr<Loader>(
      std::make_unique<postgres::PostgresLoader>(std::move(connection)));
}

}  // namespace jao::db
