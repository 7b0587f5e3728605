// See pg_staging.h. The staging columns use exactly the types that
// pg_copy.h encodes (binary COPY does no conversions); the conversion to
// the target's typmods (numeric(10,2), integer) happens in the INSERT ...
// SELECT, where PostgreSQL checks the ranges.
#include "db/postgres/pg_staging.h"

#include <fmt/format.h>

#include "db/postgres/pg_copy.h"

namespace jao::db::postgres {
namespace {

Result<int32_t> IdOf(const DependencyCache& cache, schema::Lookup lookup,
                     std::string_view name) {
  const std::optional<int64_t> id = cache.Find(lookup, name);
  if (!id) {
    return Status::Internal(fmt::format("{} '{}' has no id in the cache",
                                        schema::TableOf(lookup).table, name));
  }
  return static_cast<int32_t>(*id);
}

}  // namespace

Status CreateStagingTables(PgConnection& connection) {
  return connection
      .Exec(fmt::format(
          "CREATE TEMP TABLE {} (id int4, last_updated timestamptz, "
          "live_date timestamptz, closing_date timestamptz, min_salary "
          "numeric, "
          "max_salary numeric, title text, description text, summary text, "
          "department_id int4, total_applications int8) ON COMMIT DROP; "
          "CREATE TEMP TABLE {} (kind int4, vacancy_id int4, target_id int4) "
          "ON COMMIT DROP; "
          "CREATE TEMP TABLE {} (kind int4, vacancy_id int4, lookup_id int4, "
          "percent_applications numeric, updated_at timestamptz) ON COMMIT "
          "DROP; "
          "CREATE TEMP TABLE {} (id int4, inserted bool) ON COMMIT DROP",
          kStageVacancy, kStageLink, kStageStatistic, kStageWritten))
      .status();
}

Status FillStagingTables(PgConnection& connection,
                         const std::vector<const VacancyRecord*>& records,
                         const DependencyCache& cache) {
  CopyWriter vacancies;
  CopyWriter links;
  CopyWriter statistics;
  for (const VacancyRecord* r : records) {
    vacancies.BeginTuple(11);
    vacancies.AddInt4(r->id);
    vacancies.AddTimestamptz(r->last_updated_us);
    vacancies.AddTimestamptz(r->live_date_us);
    vacancies.AddTimestamptz(r->closing_date_us);
    auto add_decimal = [&](const std::optional<int64_t>& v) {
      v ? vacancies.AddNumericHundredths(*v) : vacancies.AddNull();
    };
    auto add_text = [&](const std::optional<std::string_view>& v) {
      v ? vacancies.AddText(*v) : vacancies.AddNull();
    };
    add_decimal(r->min_salary_hundredths);
    add_decimal(r->max_salary_hundredths);
    add_text(r->title);
    add_text(r->description);
    add_text(r->summary);
    if (r->department) {
      ASSIGN_OR_RETURN(
          int32_t id, IdOf(cache, schema::Lookup::kDepartment, *r->department));
      vacancies.AddInt4(id);
    } else {
      vacancies.AddNull();
    }
    r->total_applications ? vacancies.AddInt8(*r->total_applications)
                          : vacancies.AddNull();

    for (std::string_view grade : r->grades) {
      ASSIGN_OR_RETURN(int32_t id, IdOf(cache, schema::Lookup::kGrade, grade));
      links.BeginTuple(3);
      links.AddInt4(kLinkGrade);
      links.AddInt4(r->id);
      links.AddInt4(id);
    }
    for (std::string_view role : r->role_types) {
      ASSIGN_OR_RETURN(int32_t id,
                       IdOf(cache, schema::Lookup::kRoleType, role));
      links.BeginTuple(3);
      links.AddInt4(kLinkRoleType);
      links.AddInt4(r->id);
      links.AddInt4(id);
    }
    for (const StatisticValue& s : r->statistics) {
      ASSIGN_OR_RETURN(
          int32_t id,
          IdOf(cache, schema::LookupFor(s.characteristic), s.group));
      statistics.BeginTuple(5);
      statistics.AddInt4(static_cast<int32_t>(s.characteristic));
      statistics.AddInt4(r->id);
      statistics.AddInt4(id);
      statistics.AddNumericHundredths(s.percent_hundredths);
      statistics.AddTimestamptz(r->last_updated_us);
    }
  }
  const bool any_links = links.tuples() > 0;
  const bool any_statistics = statistics.tuples() > 0;
  RETURN_IF_ERROR(
      connection
          .CopyIn(fmt::format("COPY {} FROM STDIN WITH (FORMAT binary)",
                              kStageVacancy),
                  std::move(vacancies).Finish())
          .status());
  if (any_links) {
    RETURN_IF_ERROR(
        connection
            .CopyIn(fmt::format("COPY {} FROM STDIN WITH (FORMAT binary)",
                                kStageLink),
                    std::move(links).Finish())
            .status());
  }
  if (any_statistics) {
    RETURN_IF_ERROR(
        connection
            .CopyIn(fmt::format("COPY {} FROM STDIN WITH (FORMAT binary)",
                                kStageStatistic),
                    std::move(statistics).Finish())
            .status());
  }
  return Status::Ok();
}

}  // namespace jao::db::postgres
