// The body of one chunk's transaction on PostgreSQL: the existence query,
// the lookups, the direct COPY of new vacancies, the staging COPYs of
// updates and their set-wise upserts, deletes and inserts. The caller
// (PostgresLoader) opens and commits or rolls back the transaction and
// retries it on deadlock, serialization failure or unique violation.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "common/status.h"
#include "db/dependency_cache.h"
#include "db/load_counts.h"
#include "db/postgres/connection.h"
#include "db/vacancy_record.h"

namespace jao::db::postgres {

// Writes `records` (distinct ids, sorted by id) inside the open transaction
// and returns what it did. Names created or found are Add()ed to `cache`
// (uncommitted). `direct_copy` (FinalTablesTakeBinaryCopy): new vacancies go
// straight into the final tables. Concurrency-safe against another loader
// writing the same vacancies or names: conflicts resolve by the last_updated
// rule; with `direct_copy`, a new vacancy inserted by the other loader after
// the existence query fails the attempt with unique_violation (23505),
// which the caller retries. `check_references`: the session has no
// foreign-key triggers (session_replication_role = replica), so the cached
// lookup ids are checked here (postgres/reference_check.h). `after_vacancies`
// (may be empty) runs once the vacancies' text has been sent. Each vacancy
// written gets its jao_ingest_digest row in the same transaction and, when
// `run_id` > 0, its jao_ingest_change line of that run (one a vacancy and
// run; postgres/feed.h RecordWrites); 0: digests only.
Result<LoadCounts> WriteChunk(PgConnection& connection,
                              const std::vector<const VacancyRecord*>& records,
                              DependencyCache& cache, bool direct_copy,
                              bool check_references,
                              const std::function<void()>& after_vacancies,
                              int64_t run_id = 0);

}  // namespace jao::db::postgres
