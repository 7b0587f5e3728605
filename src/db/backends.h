// What the commands open from a --db argument (db/database_target.h: a
// path, sqlite:///path, postgresql://... / postgres://... or a libpq
// key=value string), whichever backend it names. InvalidArgument for an
// unknown scheme; Database when the connection fails; messages never hold
// a password.
#pragma once

#include <memory>
#include <string_view>

#include "common/status.h"
#include "db/change_feed.h"
#include "db/loader.h"
#include "db/schema_check.h"

namespace jao::db {

// A loader; the database and its schema are created by EnsureSchema, not
// here (SQLite: the file is created when absent).
Result<std::unique_ptr<Loader>> OpenLoader(std::string_view target,
                                           const LoaderOptions& options = {});

// The change feed's reader. Never creates a database: a missing SQLite file
// is a Database status "no sqlite database at '<path>'". A lock wait
// (PostgreSQL: the run-insert barrier, postgres/feed.h; SQLite: the busy
// timeout) ends after `lock_timeout_ms` (0: no limit) with a Database status
// naming the lock.
Result<std::unique_ptr<ChangeFeedReader>> OpenChangeFeedReader(
    std::string_view target, int64_t lock_timeout_ms = 60'000);

// Deletes the change rows of the finished runs up to `through_run_id` and
// returns how many (`jao-ingest changes --prune-through`); refused when that
// run is open (RunStillOpen). A missing SQLite file is a Database status.
Result<int64_t> PruneChangeFeed(std::string_view target, int64_t through_run_id,
                                int64_t lock_timeout_ms = 60'000);

// The live schema checked against the declaration (db/schema_check.h),
// reading only: nothing is created or written, a missing SQLite file
// included (it reads as a database without the schema).
Result<SchemaReport> InspectSchema(std::string_view target);

}  // namespace jao::db
