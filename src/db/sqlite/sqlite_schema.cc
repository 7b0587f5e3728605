// See sqlite_schema.h. Column definitions follow Django's SQLite backend:
// "<type> [NOT ]NULL [PRIMARY KEY|UNIQUE] [CHECK (...)] [AUTOINCREMENT]
// [REFERENCES "t" ("id") DEFERRABLE INITIALLY DEFERRED]"; Django emits no
// DEFAULT (is_deleted's default lives in Python, so the loader writes 0) and
// no ON DELETE (cascades are done by the ORM). After the CREATE TABLE come the
// unique_together indexes, then one index per non-unique FK column.
#include "db/sqlite/sqlite_schema.h"

#include <fmt/format.h>

#include "db/schema_names.h"
#include "db/sqlite/sqlite_feed.h"

namespace jao::db::sqlite {
namespace {

constexpr std::string_view kAutoId =
    R"("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT)";

std::string ForeignKey(std::string_view column, std::string_view constraints,
                       std::string_view referenced) {
  return fmt::format(
      R"("{}" integer {} REFERENCES "{}" ("id") DEFERRABLE INITIALLY DEFERRED)",
      column, constraints, referenced);
}

std::string CreateTable(std::string_view table,
                        const std::vector<std::string>& columns) {
  return fmt::format(R"(CREATE TABLE "{}" ({}))", table,
                     fmt::join(columns, ", "));
}

TableDdl Lookup(schema::Lookup lookup) {
  const schema::LookupTable& names = schema::TableOf(lookup);
  return {names.table,
          CreateTable(names.table,
                      {std::string(kAutoId),
                       fmt::format(R"("{}" varchar(255) NOT NULL UNIQUE)",
                                   names.name_column)}),
          {}};
}

TableDdl Vacancy() {
  return {schema::kVacancyTable,
          CreateTable(
              schema::kVacancyTable,
              {R"("id" integer NOT NULL PRIMARY KEY)",
               R"("last_updated" datetime NOT NULL)",
               R"("live_date" datetime NOT NULL)",
               R"("closing_date" datetime NOT NULL)",
               R"("is_deleted" bool NOT NULL)", R"("min_salary" decimal NULL)",
               R"("max_salary" decimal NULL)", R"("title" text NULL)",
               R"("description" text NULL)", R"("summary" text NULL)",
               ForeignKey("department_id", "NULL", schema::kDepartmentTable)}),
          {}};
}

TableDdl Link(std::string_view table, std::string_view column,
              std::string_view referenced) {
  return {table,
          CreateTable(table, {std::string(kAutoId),
                              ForeignKey("vacancy_id", "NOT NULL",
                                         schema::kVacancyTable),
                              ForeignKey(column, "NOT NULL", referenced)}),
          {}};
}

TableDdl VacancyStatistic() {
  // total_applications is a PositiveIntegerField: Django's SQLite type is
  // "integer unsigned" with an inline CHECK.
  return {
      schema::kVacancyStatisticTable,
      CreateTable(
          schema::kVacancyStatisticTable,
          {std::string(kAutoId),
           ForeignKey("vacancy_id", "NOT NULL UNIQUE", schema::kVacancyTable),
           R"("total_applications" integer unsigned NULL CHECK ("total_applications" >= 0))",
           R"("updated_at" datetime NOT NULL)"}),
      {}};
}

TableDdl Statistic(Characteristic c) {
  const CharacteristicTables& names = TablesFor(c);
  return {
      names.statistic_table,
      CreateTable(names.statistic_table,
                  {std::string(kAutoId),
                   ForeignKey("vacancy_id", "NOT NULL", schema::kVacancyTable),
                   ForeignKey(names.fk_column, "NOT NULL", names.lookup_table),
                   R"("percent_applications" decimal NOT NULL)",
                   R"("updated_at" datetime NOT NULL)"}),
      {}};
}

void AddIndexes(TableDdl& ddl) {
  for (const schema::UniqueTogetherNames& unique : schema::UniqueTogethers()) {
    if (unique.table != ddl.table) continue;
    ddl.indexes.push_back(fmt::format(
        R"(CREATE UNIQUE INDEX "{}" ON "{}" ("{}", "{}"))", unique.sqlite_name,
        unique.table, unique.columns[0], unique.columns[1]));
  }
  for (const schema::ForeignKeyNames& fk : schema::ForeignKeys()) {
    if (fk.table != ddl.table || fk.sqlite_index.empty()) continue;
    ddl.indexes.push_back(fmt::format(R"(CREATE INDEX "{}" ON "{}" ("{}"))",
                                      fk.sqlite_index, fk.table, fk.column));
  }
}

Result<bool> TableExists(Connection& connection, std::string_view table) {
  ASSIGN_OR_RETURN(
      Statement * statement,
      connection.Cached(
          "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"));
  statement->BindText(1, table);
  ASSIGN_OR_RETURN(bool found, statement->Step());
  statement->Reset();
  return found;
}

Status CreateAbsentTables(Connection& connection) {
  for (const TableDdl& ddl : SchemaDdl()) {
    ASSIGN_OR_RETURN(bool exists, TableExists(connection, ddl.table));
    if (exists) continue;
    Status status = connection.Exec(ddl.create_table);
    for (size_t i = 0; status.ok() && i < ddl.indexes.size(); ++i) {
      status = connection.Exec(ddl.indexes[i]);
    }
    if (!status.ok())
      return status.WithContext("creating table " + std::string(ddl.table));
  }
  return Status::Ok();
}

}  // namespace

std::vector<TableDdl> SchemaDdl() {
  std::vector<TableDdl> tables;
  for (int i = 0; i < 3 + kNumCharacteristics; ++i) {
    tables.push_back(Lookup(static_cast<schema::Lookup>(i)));
  }
  tables.push_back(Vacancy());
  tables.push_back(
      Link(schema::kVacancyGradeTable, "grade_id", schema::kGradeTable));
  tables.push_back(Link(schema::kVacancyRoleTypeTable, "role_type_id",
                        schema::kRoleTypeTable));
  tables.push_back(VacancyStatistic());
  for (int i = 0; i < kNumCharacteristics; ++i) {
    tables.push_back(Statistic(static_cast<Characteristic>(i)));
  }
  for (TableDdl& ddl : tables) AddIndexes(ddl);
  return tables;
}

Status EnsureSchema(Connection& connection) {
  RETURN_IF_ERROR(connection.Exec("BEGIN IMMEDIATE"));
  Status status = CreateAbsentTables(connection);
  if (status.ok()) status = CreateFeedTables(connection);
  if (status.ok()) status = connection.Exec("COMMIT");
  if (!status.ok()) {
    (void)connection.Exec("ROLLBACK");
    return status;
  }
  return Status::Ok();
}

}  // namespace jao::db::sqlite
