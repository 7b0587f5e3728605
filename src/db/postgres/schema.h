// The PostgreSQL DDL of the target schema (spec/jao-schema.md), as Django's
// PostgreSQL backend emits it: identity ids, timestamptz / numeric / boolean
// columns, named FK constraints DEFERRABLE INITIALLY DEFERRED, FK indexes,
// unique_together constraints and varchar_pattern_ops "_like" indexes, with
// the names from db/schema_names.h. Called by the PostgreSQL loader.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "db/postgres/connection.h"

namespace jao::db::postgres {

// The statements that create one table with its constraints and indexes, in
// order.
struct TableDdl {
  std::string_view table;
  std::vector<std::string> statements;
};

// Every table, dependencies first.
std::vector<TableDdl> SchemaDdl();

// Creates the tables that do not exist (in the connection's current schema),
// the change feed's among them (postgres/feed.h), and leaves existing ones as
// they are, in one transaction under an advisory lock, so that two ingesters
// starting at once create everything once.
Status EnsureSchema(PgConnection& connection);

}  // namespace jao::db::postgres
