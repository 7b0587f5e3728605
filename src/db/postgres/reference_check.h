// The loader's own check of a chunk's references, for sessions that run
// with session_replication_role = replica (no foreign-key triggers): every
// lookup id the chunk points at, taken from the run's cache, must still
// exist, and is locked FOR KEY SHARE until the chunk commits, as the
// foreign-key trigger would lock it, so that no one deletes it meanwhile.
// The vacancy side needs no check: child rows are written only for
// vacancies that this transaction inserted or holds FOR UPDATE.
#pragma once

#include <vector>

#include "common/status.h"
#include "db/dependency_cache.h"
#include "db/postgres/connection.h"
#include "db/vacancy_record.h"

namespace jao::db::postgres {

// One query per lookup table the chunk uses. Database("<table> id <id>
// ('<name>'), cached by this run, no longer exists") when one is gone.
Status CheckCachedReferences(PgConnection& connection,
                             const std::vector<const VacancyRecord*>& records,
                             const DependencyCache& cache);

}  // namespace jao::db::postgres
