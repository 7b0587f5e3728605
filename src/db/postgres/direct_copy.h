// The PostgreSQL loader's fast path: vacancies not yet stored are binary
// COPYed straight into the final tables (vacancies_vacancy, the link
// tables, vacancystatistic and the statistic tables), so their long texts
// are written once, not once into staging and again into the table.
#pragma once

#include <functional>
#include <vector>

#include "common/status.h"
#include "db/dependency_cache.h"
#include "db/load_counts.h"
#include "db/postgres/connection.h"
#include "db/vacancy_record.h"

namespace jao::db::postgres {

// Whether every final-table column the fast path writes has the type its
// binary COPY sends (integer, timestamp with time zone, numeric, boolean,
// text or varchar): true for the tables jao-ingest creates, false for a
// database migrated otherwise (e.g. bigint foreign keys), which then takes
// the staging path for every vacancy.
Result<bool> FinalTablesTakeBinaryCopy(PgConnection& connection);

// COPYs `records` (ids not stored when the chunk locked its stored rows,
// sorted by id) with their links and statistic rows into the final tables,
// inside the open transaction, and counts them as inserted. Every name must
// be in `cache`. If another loader has inserted one of the ids since, the
// COPY fails with unique_violation (kSqlStateUniqueViolation): the caller
// rolls the chunk back and runs it again. `after_vacancies` (may be empty)
// runs once the vacancies, the only rows with text, are sent.
Status CopyNewVacancies(PgConnection& connection,
                        const std::vector<const VacancyRecord*>& records,
                        const DependencyCache& cache, LoadCounts& counts,
                        const std::function<void()>& after_vacancies = {});

}  // namespace jao::db::postgres
