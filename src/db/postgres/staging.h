// The per-chunk temporary staging tables of the PostgreSQL loader and the
// binary COPY streams that fill them. A chunk's updates (stored vacancies
// the chunk has newer), their links and statistic rows go through these
// tables so that every write to the real tables is one set-wise statement;
// new vacancies skip them (postgres/direct_copy.h).
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "db/dependency_cache.h"
#include "db/postgres/connection.h"
#include "db/vacancy_record.h"

namespace jao::db::postgres {

inline constexpr std::string_view kStageVacancy = "jao_stage_vacancy";
inline constexpr std::string_view kStageLink = "jao_stage_link";
inline constexpr std::string_view kStageStatistic = "jao_stage_statistic";
inline constexpr std::string_view kStageWritten = "jao_stage_written";

// jao_stage_link.kind values.
inline constexpr int kLinkGrade = 0;
inline constexpr int kLinkRoleType = 1;

// Creates the staging tables (ON COMMIT DROP) in the open transaction.
Status CreateStagingTables(PgConnection& connection);

// COPYs `records` into the staging tables. Every name they point at must be
// in `cache` (Internal status otherwise: a bug of the caller).
Status FillStagingTables(PgConnection& connection,
                         const std::vector<const VacancyRecord*>& records,
                         const DependencyCache& cache);

}  // namespace jao::db::postgres
