// See sqlite/schema.h. The tables are db/target_schema.h's; column
// definitions follow Django's SQLite backend:
// "<type> [NOT ]NULL [PRIMARY KEY|UNIQUE] [CHECK (...)] [AUTOINCREMENT]
// [REFERENCES "t" ("id") DEFERRABLE INITIALLY DEFERRED]"; Django emits no
// DEFAULT (is_deleted's default lives in Python, so the loader writes 0) and
// no ON DELETE (cascades are done by the ORM). After the CREATE TABLE come the
// unique_together indexes, then one index per non-unique FK column.
#include "db/sqlite/schema.h"

#include <fmt/format.h>

#include "db/schema_check.h"
#include "db/schema_names.h"
#include "db/sqlite/catalog.h"
#include "db/sqlite/feed.h"
#include "db/sqlite/index_names.h"
#include "db/target_schema.h"

namespace jao::db::sqlite {
namespace {

constexpr target::DdlDialect kSqliteDdl{
    .auto_id = "integer NOT NULL PRIMARY KEY AUTOINCREMENT",
    .positive_integer = "integer unsigned",
    .boolean = "bool",
    .datetime = "datetime",
    .decimal = "decimal",
    .inline_references = true,
};

TableDdl CreateTable(const target::Table& table) {
  std::vector<std::string> columns;
  for (const target::Column& column : table.columns) {
    columns.push_back(target::ColumnDefinition(column, kSqliteDdl));
  }
  return {table.name,
          fmt::format(R"(CREATE TABLE "{}" ({}))", table.name,
                      fmt::join(columns, ", ")),
          {}};
}

void AddIndexes(TableDdl& ddl) {
  for (const schema::IndexName& unique : UniqueTogethers()) {
    if (unique.table != ddl.table) continue;
    ddl.indexes.push_back(fmt::format(
        R"(CREATE UNIQUE INDEX "{}" ON "{}" ("{}", "{}"))", unique.name,
        unique.table, unique.columns[0], unique.columns[1]));
  }
  for (const schema::IndexName& fk : ForeignKeyIndexes()) {
    if (fk.table != ddl.table) continue;
    ddl.indexes.push_back(fmt::format(R"(CREATE INDEX "{}" ON "{}" ("{}"))",
                                      fk.name, fk.table, fk.columns[0]));
  }
}

// Checked under the write lock (db/schema_check.h): the whole schema is
// created into a database that has none of its tables, never completed.
Status CheckOrCreateTables(Connection& connection) {
  ASSIGN_OR_RETURN(LiveSchema live, ReadCatalog(connection));
  const SchemaReport report = CheckSchema(live);
  RETURN_IF_ERROR(report.AsStatus());
  if (!report.creates_schema) return Status::Ok();
  for (const TableDdl& ddl : SchemaDdl()) {
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
  for (const target::Table& table : target::Tables()) {
    tables.push_back(CreateTable(table));
    AddIndexes(tables.back());
  }
  return tables;
}

Status EnsureSchema(Connection& connection) {
  RETURN_IF_ERROR(connection.Exec("BEGIN IMMEDIATE"));
  Status status = CheckOrCreateTables(connection);
  if (status.ok()) status = CreateFeedTables(connection);
  if (status.ok()) status = connection.Exec("COMMIT");
  if (!status.ok()) {
    (void)connection.Exec("ROLLBACK");
    return status;
  }
  return Status::Ok();
}

}  // namespace jao::db::sqlite
