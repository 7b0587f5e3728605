// See sqlite/catalog.h. SQLite keeps the type as written in the DDL; it is
// read the way SQLite picks a column's affinity (a name holding "int" is an
// integer, "char", "clob" or "text" is text), refined by the names Django
// uses for the other kinds ("bool", "datetime", "decimal").
#include "db/sqlite/catalog.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "db/target_schema.h"

namespace jao::db::sqlite {
namespace {

using Family = LiveType::Family;

bool Has(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// The numbers in "name(a)" or "name(a, b)"; 0 where absent.
std::pair<int, int> Arguments(std::string_view text) {
  const size_t open = text.find('(');
  if (open == std::string_view::npos) return {0, 0};
  const std::string inside(text.substr(open + 1));
  char* end = nullptr;
  const long first = std::strtol(inside.c_str(), &end, 10);
  long second = 0;
  if (end != nullptr && *end == ',') second = std::strtol(end + 1, nullptr, 10);
  return {static_cast<int>(std::clamp(first, 0L, 1L << 30)),
          static_cast<int>(std::clamp(second, 0L, 1L << 30))};
}

Result<std::vector<std::string>> DeclaredTablesPresent(Connection& db) {
  ASSIGN_OR_RETURN(Statement * tables,
                   db.Cached("SELECT name FROM sqlite_master WHERE type = "
                             "'table'"));
  std::vector<std::string> present;
  RETURN_IF_ERROR(tables->EachRow([&] {
    const std::string_view name = tables->ColumnText(0);
    if (target::FindTable(name) != nullptr) present.emplace_back(name);
  }));
  return present;
}

Status ReadColumns(Connection& db, LiveTable& table) {
  ASSIGN_OR_RETURN(
      Statement * columns,
      db.Cached("SELECT name, type, \"notnull\", dflt_value IS NOT NULL, pk, "
                "hidden FROM pragma_table_xinfo(?) ORDER BY cid"));
  columns->BindText(1, table.name);
  std::vector<std::string> primary_key;
  bool integer_primary_key = false;
  RETURN_IF_ERROR(columns->EachRow([&] {
    LiveColumn column;
    column.name = std::string(columns->ColumnText(0));
    column.type = ParseSqliteType(columns->ColumnText(1));
    column.not_null = columns->ColumnInt64(2) != 0;
    const int64_t hidden = columns->ColumnInt64(5);
    column.filled_by_database =
        columns->ColumnInt64(3) != 0 || hidden == 2 || hidden == 3;
    if (columns->ColumnInt64(4) > 0) {
      primary_key.push_back(column.name);
      integer_primary_key = column.type.text == "integer";
    }
    table.columns.push_back(std::move(column));
  }));
  // "integer PRIMARY KEY" alone is the rowid: SQLite numbers it.
  if (integer_primary_key && primary_key.size() == 1) {
    for (LiveColumn& c : table.columns) {
      if (c.name == primary_key[0]) c.filled_by_database = true;
    }
  }
  if (!primary_key.empty()) table.unique_keys.push_back(primary_key);
  return Status::Ok();
}

Status ReadForeignKeys(Connection& db, LiveTable& table) {
  ASSIGN_OR_RETURN(Statement * keys,
                   db.Cached("SELECT \"from\", \"table\" FROM "
                             "pragma_foreign_key_list(?)"));
  keys->BindText(1, table.name);
  RETURN_IF_ERROR(keys->EachRow([&] {
    table.foreign_keys.push_back(
        {std::string(keys->ColumnText(0)), std::string(keys->ColumnText(1))});
  }));
  return Status::Ok();
}

Status ReadUniqueKeys(Connection& db, LiveTable& table) {
  ASSIGN_OR_RETURN(Statement * indexes,
                   db.Cached("SELECT name FROM pragma_index_list(?) WHERE "
                             "\"unique\" = 1 AND partial = 0"));
  indexes->BindText(1, table.name);
  std::vector<std::string> names;
  RETURN_IF_ERROR(
      indexes->EachRow([&] { names.emplace_back(indexes->ColumnText(0)); }));
  ASSIGN_OR_RETURN(Statement * info,
                   db.Cached("SELECT name, cid FROM pragma_index_info(?) "
                             "ORDER BY seqno"));
  for (const std::string& name : names) {
    info->BindText(1, name);
    std::vector<std::string> key;
    bool expression = false;
    RETURN_IF_ERROR(info->EachRow([&] {
      if (info->ColumnInt64(1) < 0) expression = true;
      key.emplace_back(info->ColumnText(0));
    }));
    if (!expression && !key.empty()) table.unique_keys.push_back(key);
  }
  return Status::Ok();
}

}  // namespace

LiveType ParseSqliteType(std::string_view declared) {
  LiveType type;
  type.text = std::string(declared);
  std::transform(type.text.begin(), type.text.end(), type.text.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  const std::string_view t = type.text;
  const auto [first, second] = Arguments(t);
  if (Has(t, "int")) {
    type.family = Family::kInteger;
    // SQLite keeps any 64-bit integer; Django's SmallIntegerField says
    // "smallint", a limit the app holds its values to.
    if (Has(t, "smallint")) type.integer_bytes = 2;
  } else if (Has(t, "char") || Has(t, "clob") || Has(t, "text")) {
    type.family = Family::kText;
    type.max_chars = first;
  } else if (Has(t, "bool")) {
    type.family = Family::kBoolean;
  } else if (Has(t, "datetime") || Has(t, "timestamp")) {
    type.family = Family::kDateTime;
  } else if (Has(t, "dec") || Has(t, "numeric")) {
    type.family = Family::kDecimal;
    type.precision = first;
    type.scale = second;
  }
  return type;
}

Result<LiveSchema> ReadCatalog(Connection& connection) {
  LiveSchema schema;
  ASSIGN_OR_RETURN(std::vector<std::string> present,
                   DeclaredTablesPresent(connection));
  for (std::string& name : present) {
    LiveTable table;
    table.name = std::move(name);
    Status read = ReadColumns(connection, table);
    if (read.ok()) read = ReadForeignKeys(connection, table);
    if (read.ok()) read = ReadUniqueKeys(connection, table);
    if (!read.ok()) return read.WithContext("reading table " + table.name);
    schema.tables.push_back(std::move(table));
  }
  return schema;
}

Result<SchemaReport> InspectSchema(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    SchemaReport report;
    report.creates_schema = true;
    return report;
  }
  ASSIGN_OR_RETURN(std::unique_ptr<Connection> connection,
                   Connection::OpenToRead(path));
  ASSIGN_OR_RETURN(LiveSchema live, ReadCatalog(*connection));
  return CheckSchema(live);
}

}  // namespace jao::db::sqlite
