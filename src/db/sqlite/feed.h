// The change feed's tables on SQLite (db/change_feed.h): their DDL, the run
// row's insert and close, and the reader behind `jao-ingest changes`.
// Change rows themselves are written by ChunkWriter in the chunk's
// transaction. Used by SqliteLoader and OpenChangeFeedReader.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"
#include "db/change_feed.h"
#include "db/sqlite/connection.h"
#include "db/vacancy_digest.h"

namespace jao::db::sqlite {

// Creates jao_ingest_run, jao_ingest_change (keyed by run_id, vacancy_id)
// and jao_ingest_digest when absent, inside the caller's transaction; a
// change table an older version keyed by "seq" is rebuilt.
Status CreateFeedTables(Connection& connection);

// Inserts the open run row in a transaction of its own (BEGIN IMMEDIATE);
// returns its id. First, in that transaction, every open run is marked
// 'abandoned' when `nobody_else_ingesting` (when given) says true: asked
// under the write lock, so that no run row can be committed between the
// proof and the update (RunLock: an ingester holds its lock before it
// inserts its row).
Result<int64_t> BeginRun(
    Connection& connection, const RunStart& start,
    const std::function<Result<bool>()>& nobody_else_ingesting = nullptr);

// Inside the caller's write transaction, before its COMMIT: Database status
// "run <id> was marked '<outcome>' by another process while it loaded; this
// chunk is rolled back" (context the run table) when run `run_id` is no
// longer open. A reader that saw it closed may have moved its cursor past
// it, so the run must commit nothing more.
Status CheckRunOpen(Connection& connection, int64_t run_id);

// One vacancy a chunk wrote, as the feed records it.
struct WrittenVacancy {
  int32_t id = 0;
  bool updated = false;  // else inserted
  const FeedWrite* plan = nullptr;
  std::string_view last_updated;           // as stored (FormatSqliteDatetime)
  std::string_view digest;                 // EncodeDigest of what was written
  std::optional<std::string_view> before;  // EncodeDigest of plan->before
};

// Inside a chunk's transaction: each vacancy's digest row (run `run_id`,
// 0 for a loader without run) and, with a run, its change line: added, or
// replacing the line the run already has for the vacancy (one line per run
// and vacancy; 'inserted' stays if either write inserted it).
Status RecordWrites(Connection& connection, int64_t run_id,
                    const std::vector<WrittenVacancy>& written);

// The first load's feed rows. Every vacancy a first load writes was
// inserted by its run (its tables were empty), so each line says
// 'inserted', every field changed, and each digest row has no "before":
// nothing stored is compared. They are appended to a temporary table as
// chunks go (StageFirstLoadWrites) and written at the end, in vacancy order,
// one row per vacancy, its last write (WriteFirstLoadFeed), inside the first
// load's transaction: sorted inserts append to the keyed feed tables, where
// each chunk's own would land on random pages of them.
Status StageFirstLoadWrites(Connection& connection,
                            const std::vector<WrittenVacancy>& written);
Status WriteFirstLoadFeed(Connection& connection, int64_t run_id);

// Closes run `run_id`, when still open: finished now, `outcome`,
// `counts_json` (a run another process marked 'abandoned' keeps that).
Status CloseRun(Connection& connection, int64_t run_id, RunOutcome outcome,
                std::string_view counts_json);

// Opens `path` read-only (":memory:" reads an empty database), waiting up
// to `busy_timeout_ms` for another connection's lock (0: no limit).
// Database status "no sqlite database at '<path>'" when the file is absent.
Result<std::unique_ptr<ChangeFeedReader>> OpenFeedReader(
    const std::string& path, int64_t busy_timeout_ms = 10'000);

// Deletes the change rows of the finished runs up to `through_run_id` (what
// an embedder does once it processed them) and returns how many; never of
// an open run, and refused (RunStillOpen) when that run itself is open.
Result<int64_t> PruneFeed(const std::string& path, int64_t through_run_id,
                          int64_t busy_timeout_ms);

}  // namespace jao::db::sqlite
