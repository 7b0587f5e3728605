// See postgres/staging.h. The staging columns use exactly the types that
// postgres/copy_writer.h encodes (binary COPY does no conversions); the
// conversion to the target's typmods (numeric(10,2), integer) happens in the
// INSERT ... SELECT, where PostgreSQL checks the ranges.
#include "db/postgres/staging.h"

#include <fmt/format.h>

#include "db/postgres/copy_writer.h"
#include "db/postgres/record_copy.h"
#include "db/target_schema.h"

namespace jao::db::postgres {

namespace {

// The vacancy staging table: the declared vacancy columns, then the
// vacancystatistic's count, which the same stream carries.
std::string StageVacancyColumns() {
  std::string columns;
  for (const target::Column& column : target::VacancyTable().columns) {
    columns +=
        fmt::format(R"("{}" {}, )", column.name, BinaryCopyType(column.kind));
  }
  return columns + "total_applications int8";
}

}  // namespace

Status CreateStagingTables(PgConnection& connection) {
  static const std::string kVacancyColumns = StageVacancyColumns();
  return connection
      .Exec(fmt::format(
          "CREATE TEMP TABLE {} ({}) "
          "ON COMMIT DROP; "
          "CREATE TEMP TABLE {} (kind int4, vacancy_id int4, target_id int4) "
          "ON COMMIT DROP; "
          "CREATE TEMP TABLE {} (kind int4, vacancy_id int4, lookup_id int4, "
          "percent_applications numeric, updated_at timestamptz) ON COMMIT "
          "DROP; "
          "CREATE TEMP TABLE {} (id int4, inserted bool) ON COMMIT DROP",
          kStageVacancy, kVacancyColumns, kStageLink, kStageStatistic,
          kStageWritten))
      .status();
}

Status FillStagingTables(PgConnection& connection,
                         const std::vector<const VacancyRecord*>& records,
                         const DependencyCache& cache) {
  if (records.empty()) return Status::Ok();
  // The vacancies carry the chunk's text: sent as they are made.
  auto add_vacancy = [&cache](CopyWriter& writer,
                              const VacancyRecord& r) -> Status {
    writer.BeginTuple(static_cast<int16_t>(VacancyFieldCount() + 1));
    RETURN_IF_ERROR(AddVacancyFields(writer, r, cache));
    r.total_applications ? writer.AddInt8(*r.total_applications)
                         : writer.AddNull();
    return Status::Ok();
  };
  RETURN_IF_ERROR(connection
                      .CopyIn(fmt::format("COPY {} FROM STDIN WITH (FORMAT "
                                          "binary)",
                                          kStageVacancy),
                              RecordPieces(records, add_vacancy))
                      .status());
  CopyWriter links;
  CopyWriter statistics;
  for (const VacancyRecord* r : records) {
    RETURN_IF_ERROR(
        ForEachLink(*r, cache, [&](schema::Lookup lookup, int32_t id) {
          links.BeginTuple(3);
          links.AddInt4(lookup == schema::Lookup::kGrade ? kLinkGrade
                                                         : kLinkRoleType);
          links.AddInt4(r->id);
          links.AddInt4(id);
        }));
    RETURN_IF_ERROR(
        ForEachStatistic(*r, cache, [&](const StatisticValue& s, int32_t id) {
          statistics.BeginTuple(5);
          statistics.AddInt4(static_cast<int32_t>(s.characteristic));
          statistics.AddInt4(r->id);
          statistics.AddInt4(id);
          statistics.AddNumericHundredths(s.percent_hundredths);
          statistics.AddTimestamptz(r->last_updated_us);
        }));
  }
  for (auto [table, writer] :
       {std::pair{kStageLink, &links}, {kStageStatistic, &statistics}}) {
    if (writer->tuples() == 0) continue;
    RETURN_IF_ERROR(
        connection
            .CopyIn(
                fmt::format("COPY {} FROM STDIN WITH (FORMAT binary)", table),
                std::move(*writer).Finish())
            .status());
  }
  return Status::Ok();
}

}  // namespace jao::db::postgres
