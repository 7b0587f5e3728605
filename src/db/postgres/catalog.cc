// See postgres/catalog.h. Three queries, each over every declared table at once
// (names passed as one text[] parameter): columns, foreign keys, unique
// keys. A domain is read as its base type.
#include "db/postgres/catalog.h"

#include <map>
#include <string>

#include "db/target_schema.h"

namespace jao::db::postgres {
namespace {

using Family = LiveType::Family;

constexpr std::string_view kColumnsSql = R"(
SELECT n.name, a.attname, format_type(a.atttypid, a.atttypmod), bt.typname,
       CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END,
       a.attnotnull,
       a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> ''
FROM unnest($1::text[]) AS n(name)
JOIN pg_attribute a ON a.attrelid = to_regclass(quote_ident(n.name))
JOIN pg_type t ON t.oid = a.atttypid
JOIN pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype
                                 ELSE t.oid END
WHERE a.attnum > 0 AND NOT a.attisdropped
ORDER BY n.name, a.attnum)";

constexpr std::string_view kForeignKeysSql = R"(
SELECT n.name, a.attname, r.relname
FROM unnest($1::text[]) AS n(name)
JOIN pg_constraint c ON c.conrelid = to_regclass(quote_ident(n.name))
                    AND c.contype = 'f'
JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
JOIN pg_class r ON r.oid = c.confrelid)";

// Full unique indexes (primary keys and UNIQUE constraints have one each):
// their columns, comma-separated in key order.
constexpr std::string_view kUniqueKeysSql = R"(
SELECT n.name,
       array_to_string(ARRAY(
         SELECT a.attname FROM unnest(i.indkey::int2[]) WITH ORDINALITY
                AS k(attnum, position)
         JOIN pg_attribute a ON a.attrelid = i.indrelid
                            AND a.attnum = k.attnum
         ORDER BY k.position), ',')
FROM unnest($1::text[]) AS n(name)
JOIN pg_index i ON i.indrelid = to_regclass(quote_ident(n.name))
WHERE i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL)";

LiveType ParseType(std::string_view text, std::string_view base,
                   int64_t typmod) {
  LiveType type;
  type.text = std::string(text);
  if (base == "int2" || base == "int4" || base == "int8") {
    type.family = Family::kInteger;
    type.integer_bytes = base[3] - '0';
  } else if (base == "bool") {
    type.family = Family::kBoolean;
  } else if (base == "timestamptz") {
    type.family = Family::kDateTime;
  } else if (base == "numeric") {
    type.family = Family::kDecimal;
    if (typmod >= 4) {
      type.precision = static_cast<int>(((typmod - 4) >> 16) & 0xffff);
      type.scale = static_cast<int>((typmod - 4) & 0xffff);
    }
  } else if (base == "text" || base == "varchar" || base == "bpchar") {
    type.family = Family::kText;
    if (typmod >= 4) type.max_chars = static_cast<int>(typmod - 4);
    type.padded = base == "bpchar";
  }
  return type;
}

std::vector<std::optional<std::string>> DeclaredNames() {
  std::vector<std::string_view> names;
  for (const target::Table& table : target::Tables()) {
    names.push_back(table.name);
  }
  return {ArrayLiteral(names)};
}

}  // namespace

Result<LiveSchema> ReadCatalog(PgConnection& connection) {
  const auto names = DeclaredNames();
  std::map<std::string, LiveTable, std::less<>> tables;
  ASSIGN_OR_RETURN(PgResult columns, connection.ExecParams(kColumnsSql, names));
  for (int row = 0; row < columns.rows(); ++row) {
    LiveTable& table = tables[std::string(columns.Text(row, 0))];
    table.name = std::string(columns.Text(row, 0));
    ASSIGN_OR_RETURN(int64_t typmod, columns.Int(row, 4));
    table.columns.push_back(
        {std::string(columns.Text(row, 1)),
         ParseType(columns.Text(row, 2), columns.Text(row, 3), typmod),
         columns.Text(row, 5) == "t", columns.Text(row, 6) == "t"});
  }
  ASSIGN_OR_RETURN(PgResult keys,
                   connection.ExecParams(kForeignKeysSql, names));
  for (int row = 0; row < keys.rows(); ++row) {
    auto table = tables.find(keys.Text(row, 0));
    if (table == tables.end()) continue;
    table->second.foreign_keys.push_back(
        {std::string(keys.Text(row, 1)), std::string(keys.Text(row, 2))});
  }
  ASSIGN_OR_RETURN(PgResult unique,
                   connection.ExecParams(kUniqueKeysSql, names));
  for (int row = 0; row < unique.rows(); ++row) {
    auto table = tables.find(unique.Text(row, 0));
    if (table == tables.end()) continue;
    std::vector<std::string> key;
    std::string_view list = unique.Text(row, 1);
    while (!list.empty()) {
      const size_t comma = list.find(',');
      key.emplace_back(list.substr(0, comma));
      list = comma == std::string_view::npos ? std::string_view()
                                             : list.substr(comma + 1);
    }
    table->second.unique_keys.push_back(std::move(key));
  }
  LiveSchema schema;
  schema.integers_are_exact = true;
  for (auto& [name, table] : tables) schema.tables.push_back(std::move(table));
  return schema;
}

Result<SchemaReport> InspectSchema(std::string_view conninfo) {
  ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> connection,
                   PgConnection::Connect(conninfo));
  ASSIGN_OR_RETURN(LiveSchema live, ReadCatalog(*connection));
  return CheckSchema(live);
}

}  // namespace jao::db::postgres
