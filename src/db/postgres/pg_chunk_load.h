// The body of one chunk's transaction on PostgreSQL: the existence query,
// the lookups, the staging COPYs and the set-wise upserts, deletes and
// inserts. The caller (PostgresLoader) opens and commits or rolls back the
// transaction and retries it on deadlock or serialization failure.
#pragma once

#include <vector>

#include "common/status.h"
#include "db/dependency_cache.h"
#include "db/load_counts.h"
#include "db/postgres/pg_connection.h"
#include "db/vacancy_record.h"

namespace jao::db::postgres {

// Writes `records` (distinct ids, sorted by id) inside the open transaction
// and returns what it did. Names created or found are Add()ed to `cache`
// (uncommitted). Concurrency-safe against another loader writing the same
// vacancies or names: conflicts resolve by the last_updated rule, never by a
// unique violation.
Result<LoadCounts> LoadChunkInTransaction(
    PgConnection& connection, const std::vector<const VacancyRecord*>& records,
    DependencyCache& cache);

}  // namespace jao::db::postgres
