// The change feed: the tables jao-ingest owns beside Django's, and what
// reads them. Each run is a row of jao_ingest_run (opened by
// Loader::BeginRun, closed by Loader::EndRun); each vacancy a chunk inserts
// or updates is a row of jao_ingest_change, written in the chunk's own
// transaction. `jao-ingest changes` reads the feed through ChangeFeedReader.
//
// Run ids are handed out at BeginRun, but runs load concurrently and end in
// any order: a reader that moved its cursor past a run still loading would
// miss that run's later chunks. So a read stops before the first run after
// the cursor that is still open and alive (FeedEnd); an open run whose
// ingester is gone (killed, connection lost) is proven dead by a lock it no
// longer holds and counts as ended. How each backend proves it:
// sqlite/run_lock.h, postgres/feed.h.
#pragma once

#include <climits>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "db/stored_fields.h"

namespace jao::db {

inline constexpr std::string_view kRunTable = "jao_ingest_run";
inline constexpr std::string_view kChangeTable = "jao_ingest_change";
// A digest of each stored field of every vacancy jao-ingest wrote
// (db/vacancy_digest.h), kept in the chunk's transaction: what a later
// change is compared with.
inline constexpr std::string_view kDigestTable = "jao_ingest_digest";

// How a run ended, as jao_ingest_run.outcome spells it. kAbandoned is never
// passed to EndRun: a later BeginRun writes it for an open run it proved
// dead.
enum class RunOutcome { kCompleted, kFailed, kInterrupted, kAbandoned };

// "completed" / "failed" / "interrupted" / "abandoned".
std::string_view RunOutcomeName(RunOutcome outcome);

// What BeginRun records of a run.
struct RunStart {
  std::string files_json;  // the input paths as a JSON array
  std::string tool_version;
};

// One line of the feed: one vacancy a run wrote, compared with what the
// database held before the run.
struct Change {
  int64_t run_id = 0;
  int64_t vacancy_id = 0;
  bool inserted = false;  // else updated
  // Title, summary or description differ (always true for inserted, and
  // for a row written before jao-ingest kept digests).
  bool text_changed = true;
  // The stored fields whose values changed (kAllFields when unknown).
  FieldMask fields = kAllFields;
  // The stored version after the change (microseconds since 1970 UTC);
  // absent on rows written before jao-ingest recorded it.
  std::optional<int64_t> last_updated_us;
};

// "inserted" / "updated".
std::string_view ChangeName(const Change& change);

// A run of jao_ingest_run as the reader sees it.
struct RunState {
  int64_t id = 0;
  bool open = false;  // outcome still NULL
};

// The last run id a read may print: the highest id of `runs` (the runs
// after the cursor, ascending, as read at one moment) before the first one
// that is open and for which `alive` says true; `since` when there is none
// before it. Never beyond the runs read: a run that begins after them is
// left to the next read.
// `blocking_run`, when given, is set to the open run the read stops before
// (0 when none).
int64_t FeedEnd(int64_t since, const std::vector<RunState>& runs,
                const std::function<bool(int64_t)>& alive,
                int64_t* blocking_run = nullptr);

// The runs a read covers: after `since`, up to `until` at most.
struct FeedRange {
  int64_t since = 0;
  int64_t until = INT64_MAX;
};

// Where a read stopped, for the notes of `jao-ingest changes`.
struct FeedReadEnd {
  int64_t end = 0;           // the last run id the read may have printed
  int64_t blocking_run = 0;  // the open run it stopped before; 0: none
  int64_t last_run = 0;      // the highest run id of the feed; 0: no run
};

// Why `changes --prune-through run_id` deletes nothing: the run is open.
Status RunStillOpen(int64_t run_id);

class ChangeFeedReader {
 public:
  virtual ~ChangeFeedReader() = default;
  // Calls `emit` for every change of the runs after `since` up to the feed's
  // end (FeedEnd), ordered by run id then by the order they were written.
  // Nothing when the database has no feed tables. Stops at, and returns,
  // the first error `emit` returns. Never writes to the database.
  virtual Result<FeedReadEnd> Read(
      const FeedRange& range,
      const std::function<Status(const Change&)>& emit) = 0;
  Status Read(int64_t since, const std::function<Status(const Change&)>& emit) {
    return Read(FeedRange{.since = since}, emit).status();
  }
};

}  // namespace jao::db
