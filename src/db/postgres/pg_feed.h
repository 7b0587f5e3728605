// The change feed on PostgreSQL (db/change_feed.h): its tables, the run
// row's life, the change rows of a chunk, and the reader behind
// `jao-ingest changes`.
//
// Liveness: an ingester holds the session advisory lock
// (kRunLockClass, RunLockKey(run_id)) from its run row's insert (taken in
// the same transaction, before it commits) until the row is closed or its
// session ends. An open run whose lock can be taken is dead.
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
#include "db/postgres/pg_connection.h"
#include "db/vacancy_record.h"

namespace jao::db::postgres {

// The first key of every advisory lock of the feed ("jaof").
inline constexpr int32_t kRunLockClass = 0x6a616f66;

// The second key of run `run_id`'s lock: the id itself up to 2^31 - 1,
// folded into 1..2^31 - 1 beyond (a collision only makes a dead run look
// alive, which holds the feed back, never loses a change). 0 is the
// barrier of run inserts.
int32_t RunLockKey(int64_t run_id);

// Creates jao_ingest_run, jao_ingest_change and its (run_id, seq) index when
// absent, inside the caller's transaction (EnsurePgSchema's).
Status CreatePgFeedTables(PgConnection& connection);

// Inserts the open run row and takes its lock, in a transaction of its own;
// then marks 'abandoned' every other open run whose lock it can take.
// Returns the run id. No transaction may be open.
Result<int64_t> BeginPgRun(PgConnection& connection, const RunStart& start);

// Closes run `run_id` (finished now, `outcome`, `counts_json`) and releases
// its lock. No transaction may be open.
Status ClosePgRun(PgConnection& connection, int64_t run_id, RunOutcome outcome,
                  std::string_view counts_json);

// Inside a chunk's transaction: `records` were inserted by this run.
Status RecordInserted(PgConnection& connection, int64_t run_id,
                      const std::vector<const VacancyRecord*>& records);
// Inside a chunk's transaction: the rows of the staging table of written
// vacancies (pg_staging.h), each inserted or updated.
Status RecordStagedWrites(PgConnection& connection, int64_t run_id);

// Connects with `conninfo` (as OpenPostgresLoader does), its lock_timeout
// `lock_timeout_ms` (0: none). A read whose wait for the run-insert barrier
// exceeds it fails with the Database status "lock wait on advisory lock
// (1784770406, 0), the change feed's run-insert barrier, exceeded 1 s
// (another session holds it; see pg_locks)" (in the context
// jao_ingest_run); other lock waits as PgConnection reports them.
Result<std::unique_ptr<ChangeFeedReader>> OpenPgFeedReader(
    std::string_view conninfo, int64_t lock_timeout_ms = 0);

}  // namespace jao::db::postgres
