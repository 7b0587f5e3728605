// THE declaration of what jao-ingest writes (spec/jao-schema.md): every table
// and column of Django's schema that the loaders touch, with its kind,
// nullability, the length or precision Django gives it, the table a key
// references and the unique columns the loaders rely on. Both backends'
// DDL is generated from it (sqlite/sqlite_schema, postgres/pg_schema), and
// the live schema is checked against it before anything is written
// (schema_check). The vacancy table's columns also say how each value is
// taken from a record (Column::from_record): the loaders' INSERT, UPDATE and
// COPY column lists, bind order and staging tables all come from them.
// Django's indexes and unique_together constraints, and their generated
// names, stay in schema_names.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace jao::db {
struct VacancyRecord;
}  // namespace jao::db

namespace jao::db::target {

// What a column holds, as Django's model field says it.
enum class Kind {
  kAutoId,           // AutoField: integer primary key the database numbers
  kSourceId,         // integer primary key taken from the file (vacancy id)
  kForeignKey,       // integer referencing `references`.id
  kPositiveInteger,  // PositiveIntegerField: integer, CHECK (>= 0)
  kBoolean,
  kDateTime,
  kDecimal,  // `precision`, `scale`
  kText,
  kVarchar,  // `length` characters
};

// The value a record gives one column, before a backend encodes it.
struct RecordValue {
  enum class Type {
    kNull,
    kInteger,     // `number`
    kBoolean,     // `number`: 0 or 1
    kDateTime,    // `number`: microseconds since 1970-01-01 UTC
    kHundredths,  // `number`: a decimal with two places, times 100
    kText,        // `text`, valid as long as the record's text
    kLookupName,  // `text`: a name of the table the key references, which
                  // the loader turns into its id
  };
  Type type = Type::kNull;
  int64_t number = 0;
  std::string_view text;

  static RecordValue Integer(int64_t value) {
    return {Type::kInteger, value, {}};
  }
  static RecordValue Boolean(bool value) { return {Type::kBoolean, value, {}}; }
  static RecordValue DateTime(int64_t us) { return {Type::kDateTime, us, {}}; }
  static RecordValue Hundredths(const std::optional<int64_t>& value) {
    return value ? RecordValue{Type::kHundredths, *value, {}} : RecordValue{};
  }
  static RecordValue Text(const std::optional<std::string_view>& value) {
    return value ? RecordValue{Type::kText, 0, *value} : RecordValue{};
  }
  static RecordValue LookupName(const std::optional<std::string_view>& name) {
    return name ? RecordValue{Type::kLookupName, 0, *name} : RecordValue{};
  }
};
using ValueFromRecord = RecordValue (*)(const VacancyRecord& record);

struct Column {
  std::string_view name;
  Kind kind;
  bool nullable = false;
  bool unique = false;  // a single-column UNIQUE (not the primary key)
  int length = 0;       // kVarchar: max_length
  int precision = 0;    // kDecimal: max_digits
  int scale = 0;        // kDecimal: decimal_places
  std::string_view references = {};  // kForeignKey: the referenced table
  // Written when the row is inserted, left as stored when it is updated
  // (is_deleted: the app's, not the file's).
  bool kept_on_update = false;
  // The vacancy table's columns: how a loader takes the value from a record.
  ValueFromRecord from_record = nullptr;
};

struct Table {
  std::string_view name;
  std::span<const Column> columns;
  // The column named `name`, or nullptr.
  const Column* Find(std::string_view name) const;
};

// How a backend's Django DDL spells the declared kinds.
struct DdlDialect {
  std::string_view auto_id;           // what follows "id" of an AutoField
  std::string_view positive_integer;  // "integer unsigned" (SQLite)
  std::string_view boolean;           // "bool" / "boolean"
  std::string_view datetime;          // "datetime" / "timestamp with time zone"
  std::string_view decimal;           // "decimal" / "numeric"
  bool decimal_precision = false;     // "numeric(10, 2)": with the digits
  // SQLite: a key's REFERENCES inline; PostgreSQL adds it as a constraint.
  bool inline_references = false;
};

// `column`'s definition in a CREATE TABLE, as Django's migrations write it:
// "\"title\" text NULL", "\"vacancy_id\" integer NOT NULL UNIQUE".
std::string ColumnDefinition(const Column& column, const DdlDialect& dialect);

// Every table jao-ingest writes, dependencies first (lookups, vacancies,
// links, statistics): the order of creation and of the summary's counts.
// Each table's columns are in the order Django's migrations create them on
// both backends (the foreign keys last, by name), which both DDLs follow.
std::span<const Table> Tables();

// The table named `name`, or nullptr.
const Table* FindTable(std::string_view name);

// vacancies_vacancy, whose every column has from_record: the one table the
// loaders fill column by column from a record (links and statistics are one
// row per list item). The primary key is its first column.
const Table& VacancyTable();

// `columns`' names, each double-quoted, joined by ", ".
std::string QuotedNames(std::span<const Column* const> columns);

}  // namespace jao::db::target
