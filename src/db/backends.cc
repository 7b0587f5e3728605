// The one table from a --db argument's scheme to a backend: what each
// command opens (a loader, a change feed reader, a schema inspection). The
// only file that includes both backends.
#include "db/backends.h"

#include "db/database_target.h"
#include "db/postgres/catalog.h"
#include "db/postgres/feed.h"
#include "db/postgres/loader.h"
#include "db/sqlite/catalog.h"
#include "db/sqlite/feed.h"
#include "db/sqlite/loader.h"

namespace jao::db {
namespace {

Result<std::unique_ptr<Loader>> OpenSqlite(const std::string& path,
                                           const LoaderOptions& options) {
  sqlite::SqliteLoaderOptions sqlite_options;
  sqlite_options.first_load = options.first_load;
  sqlite_options.busy_timeout_ms = options.lock_timeout_ms;
  ASSIGN_OR_RETURN(auto loader, sqlite::OpenLoader(path, sqlite_options));
  return std::unique_ptr<Loader>(std::move(loader));
}

struct Backend {
  Result<std::unique_ptr<Loader>> (*open_loader)(const std::string& location,
                                                 const LoaderOptions& options);
  Result<std::unique_ptr<ChangeFeedReader>> (*open_feed_reader)(
      const std::string& location, int64_t lock_timeout_ms);
  Result<SchemaReport> (*inspect_schema)(const std::string& location);
  Result<int64_t> (*prune_feed)(const std::string& location,
                                int64_t through_run_id,
                                int64_t lock_timeout_ms);
};

const Backend& BackendOf(DatabaseTarget::Backend backend) {
  static const Backend kSqlite{
      OpenSqlite,
      [](const std::string& path, int64_t lock_timeout_ms) {
        return sqlite::OpenFeedReader(path, lock_timeout_ms);
      },
      [](const std::string& path) { return sqlite::InspectSchema(path); },
      [](const std::string& path, int64_t run_id, int64_t lock_timeout_ms) {
        return sqlite::PruneFeed(path, run_id, lock_timeout_ms);
      },
  };
  static const Backend kPostgresql{
      [](const std::string& conninfo, const LoaderOptions& options) {
        return postgres::OpenLoader(conninfo, options);
      },
      [](const std::string& conninfo, int64_t lock_timeout_ms) {
        return postgres::OpenFeedReader(conninfo, lock_timeout_ms);
      },
      [](const std::string& conninfo) {
        return postgres::InspectSchema(conninfo);
      },
      [](const std::string& conninfo, int64_t run_id, int64_t lock_timeout_ms) {
        return postgres::PruneFeed(conninfo, run_id, lock_timeout_ms);
      },
  };
  return backend == DatabaseTarget::Backend::kPostgresql ? kPostgresql
                                                         : kSqlite;
}

}  // namespace

Result<std::unique_ptr<Loader>> OpenLoader(std::string_view target,
                                           const LoaderOptions& options) {
  ASSIGN_OR_RETURN(DatabaseTarget parsed, ParseDatabaseTarget(target));
  return BackendOf(parsed.backend).open_loader(parsed.location, options);
}

Result<std::unique_ptr<ChangeFeedReader>> OpenChangeFeedReader(
    std::string_view target, int64_t lock_timeout_ms) {
  ASSIGN_OR_RETURN(DatabaseTarget parsed, ParseDatabaseTarget(target));
  return BackendOf(parsed.backend)
      .open_feed_reader(parsed.location, lock_timeout_ms);
}

Result<int64_t> PruneChangeFeed(std::string_view target, int64_t through_run_id,
                                int64_t lock_timeout_ms) {
  ASSIGN_OR_RETURN(DatabaseTarget parsed, ParseDatabaseTarget(target));
  return BackendOf(parsed.backend)
      .prune_feed(parsed.location, through_run_id, lock_timeout_ms);
}

Result<SchemaReport> InspectSchema(std::string_view target) {
  ASSIGN_OR_RETURN(DatabaseTarget parsed, ParseDatabaseTarget(target));
  return BackendOf(parsed.backend).inspect_schema(parsed.location);
}

}  // namespace jao::db
