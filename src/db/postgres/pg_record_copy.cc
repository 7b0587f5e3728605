// See pg_record_copy.h. The field types are the ones pg_copy.h encodes;
// binary COPY does no conversions, so the final tables' columns must have
// exactly these types (pg_direct_copy.h checks that before using them).
#include "db/postgres/pg_record_copy.h"

#include <fmt/format.h>

#include <memory>

namespace jao::db::postgres {

Result<int32_t> LookupId(const DependencyCache& cache, schema::Lookup lookup,
                         std::string_view name) {
  const std::optional<int64_t> id = cache.Find(lookup, name);
  if (!id) {
    return Status::Internal(fmt::format("{} '{}' has no id in the cache",
                                        schema::TableOf(lookup).table, name));
  }
  return static_cast<int32_t>(*id);
}

Status AddVacancyFields(CopyWriter& writer, const VacancyRecord& r,
                        const DependencyCache& cache) {
  writer.AddInt4(r.id);
  writer.AddTimestamptz(r.last_updated_us);
  writer.AddTimestamptz(r.live_date_us);
  writer.AddTimestamptz(r.closing_date_us);
  writer.AddBool(false);
  for (const std::optional<int64_t>& v :
       {r.min_salary_hundredths, r.max_salary_hundredths}) {
    v ? writer.AddNumericHundredths(*v) : writer.AddNull();
  }
  for (const std::optional<std::string_view>& v :
       {r.title, r.description, r.summary}) {
    v ? writer.AddText(*v) : writer.AddNull();
  }
  if (!r.department) {
    writer.AddNull();
    return Status::Ok();
  }
  ASSIGN_OR_RETURN(int32_t id,
                   LookupId(cache, schema::Lookup::kDepartment, *r.department));
  writer.AddInt4(id);
  return Status::Ok();
}

Status ForEachLink(const VacancyRecord& r, const DependencyCache& cache,
                   const std::function<void(schema::Lookup, int32_t)>& link) {
  for (schema::Lookup lookup :
       {schema::Lookup::kGrade, schema::Lookup::kRoleType}) {
    const auto& names =
        lookup == schema::Lookup::kGrade ? r.grades : r.role_types;
    for (std::string_view name : names) {
      ASSIGN_OR_RETURN(int32_t id, LookupId(cache, lookup, name));
      link(lookup, id);
    }
  }
  return Status::Ok();
}

Status ForEachStatistic(
    const VacancyRecord& r, const DependencyCache& cache,
    const std::function<void(const StatisticValue&, int32_t)>& statistic) {
  for (const StatisticValue& s : r.statistics) {
    ASSIGN_OR_RETURN(
        int32_t id,
        LookupId(cache, schema::LookupFor(s.characteristic), s.group));
    statistic(s, id);
  }
  return Status::Ok();
}

PgConnection::CopyPieces RecordPieces(
    const std::vector<const VacancyRecord*>& records, AddRecordTuple add,
    size_t piece_bytes) {
  struct State {
    CopyWriter writer;
    size_t next = 0;
  };
  auto state = std::make_shared<State>();
  return [&records, add = std::move(add), piece_bytes,
          state](std::string* piece) -> Result<bool> {
    while (state->next < records.size() &&
           state->writer.buffered_bytes() < piece_bytes) {
      RETURN_IF_ERROR(add(state->writer, *records[state->next]));
      ++state->next;
    }
    if (state->next < records.size()) {
      state->writer.TakeBytes(piece);
      return true;
    }
    *piece = std::move(state->writer).Finish();
    return false;
  };
}

}  // namespace jao::db::postgres
