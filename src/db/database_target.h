// Parses the --db argument into a backend and what that backend opens, so
// OpenLoader's choice can be tested without connecting anywhere.
//   /path/db.sqlite3, db.sqlite3       -> SQLite at that path
//   sqlite:///rel/path, sqlite:////abs -> SQLite (SQLAlchemy / dj-database-url
//                                         spelling: the path follows
//                                         "sqlite:///")
//   sqlite://rel/path                  -> SQLite at rel/path
//   sqlite:// and sqlite:///:memory:   -> SQLite in memory (":memory:")
//   postgresql://..., postgres://...,
//   libpq "host=... dbname=..." (no "://" but an '=') -> PostgreSQL, as given
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace jao::db {

struct DatabaseTarget {
  enum class Backend { kSqlite, kPostgresql };
  Backend backend = Backend::kSqlite;
  std::string location;  // SQLite: the file path; PostgreSQL: the conninfo
};

// InvalidArgument "database target is empty", or "unsupported database url
// scheme '<scheme>'" for any other "<scheme>://".
Result<DatabaseTarget> ParseDatabaseTarget(std::string_view target);

}  // namespace jao::db
