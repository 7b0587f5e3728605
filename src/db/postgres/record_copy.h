// One vacancy record in binary COPY form, shared by the two ways the
// PostgreSQL loader writes a chunk: straight into the final tables
// (postgres/direct_copy.h, new vacancies) and through the staging tables
// (postgres/staging.h, updates). Names become ids through the dependency cache,
// which must already hold every name the record uses.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "db/dependency_cache.h"
#include "db/postgres/connection.h"
#include "db/postgres/copy_writer.h"
#include "db/target_schema.h"
#include "db/vacancy_record.h"

namespace jao::db::postgres {

// The columns of vacancies_vacancy that AddVacancyFields writes, in the
// declaration's order (target::VacancyTable()): quoted, comma-separated.
const std::string& VacancyColumnList();
// How many fields AddVacancyFields adds.
int16_t VacancyFieldCount();

// The type a binary COPY of `kind` sends, as format_type names it: the
// type a staging column has, and that a final column must have to take it.
std::string_view BinaryCopyType(target::Kind kind);

// The id of `name` in `lookup`; Internal status when the cache lacks it (a
// bug of the caller, which resolves names first).
Result<int32_t> LookupId(const DependencyCache& cache, schema::Lookup lookup,
                         std::string_view name);

// Adds the VacancyFieldCount() fields of `r` to the tuple the caller has
// begun, each as its declared column takes it from the record.
Status AddVacancyFields(CopyWriter& writer, const VacancyRecord& r,
                        const DependencyCache& cache);

// Calls `link(lookup, target_id)` for each grade (schema::Lookup::kGrade)
// and role type (kRoleType) of `r`, in record order.
Status ForEachLink(const VacancyRecord& r, const DependencyCache& cache,
                   const std::function<void(schema::Lookup, int32_t)>& link);

// Calls `statistic(value, lookup_id)` for each statistic row of `r`.
Status ForEachStatistic(
    const VacancyRecord& r, const DependencyCache& cache,
    const std::function<void(const StatisticValue&, int32_t)>& statistic);

// Begins and fills one tuple for `r`.
using AddRecordTuple =
    std::function<Status(CopyWriter& writer, const VacancyRecord& r)>;

// A PgConnection::CopyIn source writing one tuple per record with `add`,
// made as it is sent: each piece stops at the first tuple that takes it to
// `piece_bytes` or more, so a piece holds at most that plus one record. The
// records' text is most of a chunk's bytes and the chunk already holds it
// once; a whole COPY buffer would hold it a second time. `records` must
// outlive the COPY.
PgConnection::CopyPieces RecordPieces(
    const std::vector<const VacancyRecord*>& records, AddRecordTuple add,
    size_t piece_bytes = kCopyPieceBytes);

}  // namespace jao::db::postgres
