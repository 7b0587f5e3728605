// Parses the --db argument into a backend and what that backend opens, so
// OpenLoader's choice can be tested without connecting anywhere.
//   /path/db.sqlite3, db.sqlite3       -> SQLite at that path
//   sqlite:///rel/path, sqlite:////abs -> SQLite (SQLAlchemy / dj-database-url
//                                         spelling: the path follows
//                                         "sqlite:///")
//   sqlite://rel/path                  -> SQLite at rel/path
//   sqlite://, sqlite:///, :memory:,
//   sqlite:///:memory:, white space    -> refused: no file, nothing kept
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

// InvalidArgument "database target is empty", "unsupported database url
// scheme '<scheme>'" for any other "<scheme>://", or libpq's parse error.
// Unsupported for a SQLite target that names no file, which SQLite would
// open as a private in-memory database: "sqlite target '<target>' names no
// file (an empty path opens an in-memory database, which keeps nothing)",
// "... is an in-memory database, which keeps nothing" (":memory:"), "...
// names no file (only white space)". The command line reports that code as
// a usage error. (Tests that want an in-memory database open it through
// sqlite::Connection or sqlite::OpenLoader directly.)
Result<DatabaseTarget> ParseDatabaseTarget(std::string_view target);

}  // namespace jao::db
