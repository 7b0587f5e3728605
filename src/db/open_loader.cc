// OpenLoader (db/loader.h): picks the backend from the --db argument.
//   /path/db.sqlite3, db.sqlite3       -> SQLite at that path
//   sqlite:///rel/path, sqlite:////abs -> SQLite (SQLAlchemy / dj-database-url
//                                         spelling: the path follows
//                                         "sqlite:///")
//   sqlite://rel/path                  -> SQLite at rel/path
//   sqlite:// and sqlite:///:memory:   -> SQLite in memory
//   postgresql://..., postgres://...,
//   "host=... dbname=..." (has '=')    -> PostgreSQL
#include <string>

#include "db/loader.h"
#include "db/postgres/postgres_loader.h"
#include "db/sqlite/sqlite_loader.h"

namespace jao::db {
namespace {

std::string SqlitePath(std::string_view rest) {
  if (rest.empty()) return ":memory:";
  if (rest.front() == '/') rest.remove_prefix(1);  // "sqlite:///x" -> "x"
  return std::string(rest);
}

}  // namespace

Result<std::unique_ptr<Loader>> OpenLoader(std::string_view target) {
  if (target.empty())
    return Status::InvalidArgument("database target is empty");
  const size_t scheme_end = target.find("://");
  if (scheme_end == std::string_view::npos) {
    if (target.find('=') != std::string_view::npos)
      return OpenPostgresLoader(target);
    ASSIGN_OR_RETURN(auto loader, sqlite::OpenSqliteLoader(target));
    return std::unique_ptr<Loader>(std::move(loader));
  }
  const std::string_view scheme = target.substr(0, scheme_end);
  if (scheme == "postgresql" || scheme == "postgres")
    return OpenPostgresLoader(target);
  if (scheme == "sqlite") {
    const std::string path = SqlitePath(target.substr(scheme_end + 3));
    ASSIGN_OR_RETURN(auto loader, sqlite::OpenSqliteLoader(path));
    return std::unique_ptr<Loader>(std::move(loader));
  }
  return Status::InvalidArgument("unsupported database url scheme '" +
                                 std::string(scheme) + "'");
}

}  // namespace jao::db
