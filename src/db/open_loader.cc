// OpenLoader (db/loader.h): the backend named by ParseDatabaseTarget.
#include "db/database_target.h"
#include "db/loader.h"
#include "db/postgres/postgres_loader.h"
#include "db/sqlite/sqlite_loader.h"

namespace jao::db {

Result<std::unique_ptr<Loader>> OpenLoader(std::string_view target,
                                           const LoaderOptions& options) {
  ASSIGN_OR_RETURN(DatabaseTarget parsed, ParseDatabaseTarget(target));
  if (parsed.backend == DatabaseTarget::Backend::kPostgresql) {
    return OpenPostgresLoader(parsed.location, options);
  }
  sqlite::SqliteLoaderOptions sqlite_options;
  sqlite_options.first_load = options.first_load;
  sqlite_options.busy_timeout_ms = options.lock_timeout_ms;
  ASSIGN_OR_RETURN(auto loader,
                   sqlite::OpenSqliteLoader(parsed.location, sqlite_options));
  return std::unique_ptr<Loader>(std::move(loader));
}

}  // namespace jao::db
