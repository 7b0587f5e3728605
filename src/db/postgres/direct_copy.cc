// See postgres/direct_copy.h.
#include "db/postgres/direct_copy.h"

#include <fmt/format.h>

#include <array>
#include <initializer_list>
#include <map>
#include <utility>

#include "db/postgres/record_copy.h"
#include "db/schema_names.h"
#include "db/target_schema.h"

namespace jao::db::postgres {
namespace {

// One COPY target: a final table and the declared columns its stream fills,
// in the stream's order.
struct Target {
  std::string_view table;
  std::vector<const target::Column*> columns;
};

Target TargetOf(std::string_view table,
                std::initializer_list<std::string_view> columns) {
  // Tables and columns of the declaration, named here by the code that
  // streams them (the tests' first COPY would fail on a misspelling).
  const target::Table& declared = *target::FindTable(table);
  Target t{table, {}};
  for (std::string_view column : columns) {
    t.columns.push_back(declared.Find(column));
  }
  return t;
}

Target VacancyTarget() {
  Target t{target::VacancyTable().name, {}};
  for (const target::Column& c : target::VacancyTable().columns) {
    t.columns.push_back(&c);
  }
  return t;
}

Target VacancyStatisticTarget() {
  return TargetOf(schema::kVacancyStatisticTable,
                  {"vacancy_id", "total_applications", "updated_at"});
}

Target LinkTarget(schema::Lookup lookup) {
  return lookup == schema::Lookup::kGrade
             ? TargetOf(schema::kVacancyGradeTable, {"vacancy_id", "grade_id"})
             : TargetOf(schema::kVacancyRoleTypeTable,
                        {"vacancy_id", "role_type_id"});
}

Target StatisticTarget(int characteristic) {
  const CharacteristicTables& names =
      TablesFor(static_cast<Characteristic>(characteristic));
  return TargetOf(
      names.statistic_table,
      {"vacancy_id", names.fk_column, "percent_applications", "updated_at"});
}

std::vector<Target> AllTargets() {
  std::vector<Target> all = {VacancyTarget(), VacancyStatisticTarget(),
                             LinkTarget(schema::Lookup::kGrade),
                             LinkTarget(schema::Lookup::kRoleType)};
  for (int i = 0; i < kNumCharacteristics; ++i)
    all.push_back(StatisticTarget(i));
  return all;
}

bool TypeTakes(std::string_view actual, std::string_view sent) {
  // varchar's binary input is text's, with its length check.
  return actual == sent || (sent == BinaryCopyType(target::Kind::kText) &&
                            actual.rfind("character varying", 0) == 0);
}

std::string CopySql(const Target& target) {
  return fmt::format("COPY \"{}\" ({}) FROM STDIN WITH (FORMAT binary)",
                     target.table, target::QuotedNames(target.columns));
}

// COPYs `writer` into `target` (when it has rows); counts them inserted.
Status CopyInto(PgConnection& connection, const Target& target,
                CopyWriter& writer, LoadCounts& counts) {
  if (writer.tuples() == 0) return Status::Ok();
  ASSIGN_OR_RETURN(int64_t rows, connection.CopyIn(CopySql(target),
                                                   std::move(writer).Finish()));
  counts[std::string(target.table)].inserted += rows;
  return Status::Ok();
}

}  // namespace

Result<bool> FinalTablesTakeBinaryCopy(PgConnection& connection) {
  const std::vector<Target> targets = AllTargets();
  std::vector<std::string_view> tables;
  for (const Target& t : targets) tables.push_back(t.table);
  ASSIGN_OR_RETURN(
      PgResult found,
      connection.ExecParams(
          "SELECT c.relname, a.attname, format_type(a.atttypid, NULL) "
          "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
          "WHERE a.attrelid = ANY (SELECT to_regclass(quote_ident(t)) "
          "FROM unnest($1::text[]) t) AND a.attnum > 0 AND NOT "
          "a.attisdropped",
          {ArrayLiteral(tables)}));
  std::map<std::pair<std::string, std::string>, std::string> types;
  for (int row = 0; row < found.rows(); ++row) {
    types[{std::string(found.Text(row, 0)), std::string(found.Text(row, 1))}] =
        std::string(found.Text(row, 2));
  }
  for (const Target& t : targets) {
    for (const target::Column* column : t.columns) {
      const auto it =
          types.find({std::string(t.table), std::string(column->name)});
      if (it == types.end() ||
          !TypeTakes(it->second, BinaryCopyType(column->kind))) {
        return false;
      }
    }
  }
  return true;
}

namespace {

// The vacancies' COPY, made piece by piece as it is sent (RecordPieces).
Status StreamVacancies(PgConnection& connection,
                       const std::vector<const VacancyRecord*>& records,
                       const DependencyCache& cache, LoadCounts& counts) {
  ASSIGN_OR_RETURN(
      int64_t rows,
      connection.CopyIn(CopySql(VacancyTarget()),
                        RecordPieces(records, [&cache](CopyWriter& writer,
                                                       const VacancyRecord& r) {
                          writer.BeginTuple(VacancyFieldCount());
                          return AddVacancyFields(writer, r, cache);
                        })));
  counts[std::string(VacancyTarget().table)].inserted += rows;
  return Status::Ok();
}

}  // namespace

Status CopyNewVacancies(PgConnection& connection,
                        const std::vector<const VacancyRecord*>& records,
                        const DependencyCache& cache, LoadCounts& counts,
                        const std::function<void()>& after_vacancies) {
  if (records.empty()) return Status::Ok();
  CopyWriter vacancy_statistics;
  std::array<CopyWriter, 2> links;  // grade, role type
  std::array<CopyWriter, kNumCharacteristics> statistics;
  for (const VacancyRecord* r : records) {
    vacancy_statistics.BeginTuple(3);
    vacancy_statistics.AddInt4(r->id);
    // Validated to 0 .. 2^31-1 by the transform.
    r->total_applications ? vacancy_statistics.AddInt4(
                                static_cast<int32_t>(*r->total_applications))
                          : vacancy_statistics.AddNull();
    vacancy_statistics.AddTimestamptz(r->last_updated_us);
    RETURN_IF_ERROR(
        ForEachLink(*r, cache, [&](schema::Lookup lookup, int32_t id) {
          CopyWriter& w = links[lookup == schema::Lookup::kGrade ? 0 : 1];
          w.BeginTuple(2);
          w.AddInt4(r->id);
          w.AddInt4(id);
        }));
    RETURN_IF_ERROR(
        ForEachStatistic(*r, cache, [&](const StatisticValue& s, int32_t id) {
          CopyWriter& w = statistics[static_cast<int>(s.characteristic)];
          w.BeginTuple(4);
          w.AddInt4(r->id);
          w.AddInt4(id);
          w.AddNumericHundredths(s.percent_hundredths);
          w.AddTimestamptz(r->last_updated_us);
        }));
  }
  // The vacancies first: a concurrent insert of one of the ids fails there.
  RETURN_IF_ERROR(StreamVacancies(connection, records, cache, counts));
  if (after_vacancies) after_vacancies();
  RETURN_IF_ERROR(CopyInto(connection, VacancyStatisticTarget(),
                           vacancy_statistics, counts));
  RETURN_IF_ERROR(CopyInto(connection, LinkTarget(schema::Lookup::kGrade),
                           links[0], counts));
  RETURN_IF_ERROR(CopyInto(connection, LinkTarget(schema::Lookup::kRoleType),
                           links[1], counts));
  for (int i = 0; i < kNumCharacteristics; ++i) {
    RETURN_IF_ERROR(
        CopyInto(connection, StatisticTarget(i), statistics[i], counts));
  }
  return Status::Ok();
}

}  // namespace jao::db::postgres
