// The change feed's tables on SQLite (db/change_feed.h): their DDL, the run
// row's insert and close, and the reader behind `jao-ingest changes`.
// Change rows themselves are written by ChunkWriter in the chunk's
// transaction. Used by SqliteLoader and OpenChangeFeedReader.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"
#include "db/change_feed.h"
#include "db/sqlite/sqlite_statement.h"

namespace jao::db::sqlite {

// Creates jao_ingest_run, jao_ingest_change and its (run_id, seq) index when
// absent, inside the caller's transaction.
Status CreateFeedTables(Connection& connection);

// Inserts the open run row in a transaction of its own; returns its id.
Result<int64_t> InsertRun(Connection& connection, const RunStart& start);

// Marks every open run 'abandoned' (finished now), in a transaction of its
// own. Only for a caller that proved no ingester is alive (RunLockFile).
Status AbandonOpenRuns(Connection& connection);

// Closes run `run_id`: finished now, `outcome`, `counts_json`.
Status CloseRun(Connection& connection, int64_t run_id, RunOutcome outcome,
                std::string_view counts_json);

// Opens `path` read-only (":memory:" reads an empty database), waiting up
// to `busy_timeout_ms` for another connection's lock (0: no limit).
// Database status "no sqlite database at '<path>'" when the file is absent.
Result<std::unique_ptr<ChangeFeedReader>> OpenSqliteFeedReader(
    const std::string& path, int64_t busy_timeout_ms = 10'000);

}  // namespace jao::db::sqlite
