// The change feed on PostgreSQL (db/change_feed.h): its tables, the run
// row's life, the change rows of a chunk, and the reader behind
// `jao-ingest changes`.
//
// Liveness: the run lock (postgres/run_lock.h), taken in the run row's
// insert transaction before it commits.
//
// Run ids come from an identity column: allocated when the row is inserted,
// visible when that transaction commits, so a reader could see run 6 and
// not yet run 5. Inserting a run therefore holds (kRunLockClass, 0) shared
// for its transaction, and the reader takes it exclusively while it reads
// the runs: then every id handed out so far is committed (or rolled back),
// and any later run gets a higher id than the ones read.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "db/change_feed.h"
#include "db/postgres/connection.h"
#include "db/postgres/run_lock.h"
#include "db/vacancy_digest.h"

namespace jao::db::postgres {

// Creates jao_ingest_run, jao_ingest_change (keyed by run_id, vacancy_id)
// and jao_ingest_digest when absent, inside the caller's transaction
// (EnsureSchema's); a change table an older version keyed by "seq" is
// rebuilt.
Status CreateFeedTables(PgConnection& connection);

// Inserts the open run row and takes its lock, in a transaction of its own;
// then marks 'abandoned' every other open run whose lock it can take.
// Returns the run id. No transaction may be open.
Result<int64_t> BeginRun(PgConnection& connection, const RunStart& start);

// Closes run `run_id` (finished now, `outcome`, `counts_json`) and releases
// its lock. No transaction may be open.
Status CloseRun(PgConnection& connection, int64_t run_id, RunOutcome outcome,
                std::string_view counts_json);

// One vacancy a chunk is about to write, as the change feed records it:
// planned (PlanFeedWrite) from the digest row the chunk read under the
// vacancy's row lock, before its text is sent.
struct PlannedWrite {
  int32_t id = 0;
  // Written through the staging tables: jao_stage_written (postgres/
  // staging.h) says whether it was written and whether inserted. Else
  // COPYed as new (postgres/direct_copy.h): inserted.
  bool staged = false;
  bool present = false;  // stored when the chunk locked its rows
  FeedWrite plan;
  int64_t last_updated_us = 0;
  std::string digest;  // EncodeDigest of what is written
};

// Inside a chunk's transaction, after its vacancies are written: for each
// of `writes` that was written, its digest row (run `run_id`, 0 for a
// loader without run) and, with a run, its change line: added, or
// replacing the line the run already has for the vacancy (one line per run
// and vacancy; 'inserted' stays if either write inserted it).
// A staged vacancy written otherwise than planned (inserted or updated by
// another loader since the chunk looked) is recorded with every field
// changed. Set-wise, through a temporary table dropped before returning.
Status RecordWrites(PgConnection& connection, int64_t run_id,
                    const std::vector<PlannedWrite>& writes);

// Connects with `conninfo` (as OpenLoader does), its lock_timeout
// `lock_timeout_ms` (0: none). A read whose wait for the run-insert barrier
// exceeds it fails with the Database status "lock wait on advisory lock
// (1784770406, 0), the change feed's run-insert barrier, exceeded 1 s
// (another session holds it; see pg_locks)" (in the context
// jao_ingest_run); other lock waits as PgConnection reports them.
Result<std::unique_ptr<ChangeFeedReader>> OpenFeedReader(
    std::string_view conninfo, int64_t lock_timeout_ms = 0);

// Deletes the change rows of the finished runs up to `through_run_id` (what
// an embedder does once it processed them) and returns how many; never of
// an open run, and refused (RunStillOpen) when that run itself is open.
Result<int64_t> PruneFeed(std::string_view conninfo, int64_t through_run_id,
                          int64_t lock_timeout_ms);

}  // namespace jao::db::postgres
