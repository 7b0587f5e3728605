// What a database's catalog says of the declared tables (db/target_schema.h),
// in terms both backends share: each backend reads its own catalog
// (sqlite/sqlite_catalog, postgres/pg_catalog) into these structs, and
// schema_check compares them with the declaration.
#pragma once

#include <string>
#include <vector>

namespace jao::db {

// A column's type as the backend understands it.
struct LiveType {
  enum class Family { kInteger, kBoolean, kDateTime, kDecimal, kText, kOther };
  Family family = Family::kOther;
  std::string text;   // the catalog's spelling, for messages: "varchar(40)"
  int max_chars = 0;  // kText: a length limit in characters (0: none)
  // kDecimal: digits in all and after the point (0: unconstrained).
  int precision = 0;
  int scale = 0;
  // kInteger: storage size in bytes (2, 4, 8); 0 where the backend has no
  // limit (SQLite stores any 64-bit integer).
  int integer_bytes = 0;
  bool padded = false;  // char(n): values come back padded with spaces
};

struct LiveColumn {
  std::string name;
  LiveType type;
  bool not_null = false;
  // DEFAULT, identity, generated, or SQLite's rowid alias: the database
  // fills it when an INSERT leaves it out.
  bool filled_by_database = false;
};

struct LiveForeignKey {
  std::string column;
  std::string referenced_table;
};

struct LiveTable {
  std::string name;
  std::vector<LiveColumn> columns;
  std::vector<LiveForeignKey> foreign_keys;
  // The column sets of the primary key and of every full (not partial,
  // not expression) unique constraint or index.
  std::vector<std::vector<std::string>> unique_keys;

  const LiveColumn* Find(const std::string& column) const;
};

struct LiveSchema {
  // Only the declared tables that exist, in any order.
  std::vector<LiveTable> tables;
  // PostgreSQL: integers travel by binary COPY as 4 bytes, which a column of
  // another width refuses.
  bool integers_are_exact = false;

  const LiveTable* Find(std::string_view table) const;
};

}  // namespace jao::db
