// See database_argument.h.
#include "tools/database_argument.h"

#include <cstdlib>

#include "db/database_target.h"

namespace jao::tools {

std::string DatabaseArgument::Label() const {
  return source + " '" + text + "'";
}

Result<DatabaseArgument> ResolveDatabase(const std::string& option, bool given,
                                         bool required) {
  DatabaseArgument database;
  if (given) {
    if (option.empty()) return Status::InvalidArgument("--db is empty");
    database.text = option;
    database.source = "--db";
  } else {
    const char* url = std::getenv("DATABASE_URL");
    if (url == nullptr || *url == '\0') {
      if (!required) return database;
      return Status::InvalidArgument(
          "no database: give --db (e.g. --db jao.sqlite3) or set "
          "DATABASE_URL");
    }
    database.text = url;
    database.source = "DATABASE_URL";
  }
  Result<db::DatabaseTarget> target = db::ParseDatabaseTarget(database.text);
  if (!target.ok()) {
    if (target.status().code() != StatusCode::kUnsupported) return database;
    if (!required && !given) return DatabaseArgument();
    return Status::InvalidArgument(database.source + ": " +
                                   target.status().message());
  }
  if (target->backend == db::DatabaseTarget::Backend::kSqlite) {
    database.sqlite_path = target->location;
  }
  return database;
}

}  // namespace jao::tools
