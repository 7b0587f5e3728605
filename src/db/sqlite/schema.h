// The SQLite DDL of the target schema, written the way Django's SQLite
// schema editor writes it (so that a database we create and one Django
// migrated look the same to the app), and EnsureSchema's work: create each
// absent table with its indexes, leave present ones as they are.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "db/sqlite/connection.h"

namespace jao::db::sqlite {

struct TableDdl {
  std::string_view table;
  std::string create_table;  // CREATE TABLE "..." (...)
  std::vector<std::string>
      indexes;  // CREATE [UNIQUE] INDEX ..., Django's order
};

// Every table of schema::AllTables(), in that order.
std::vector<TableDdl> SchemaDdl();

// Creates, in one transaction, each table (and its indexes) that
// sqlite_master does not list, and the change feed's tables when absent
// (sqlite/feed.h). Database status naming the table on failure.
Status EnsureSchema(Connection& connection);

}  // namespace jao::db::sqlite
