// The run lock on PostgreSQL, the counterpart of sqlite/run_lock.h: an
// ingester holds the session advisory lock (kRunLockClass,
// RunLockKey(run_id)) from its run row's insert until the row is closed or
// its session ends. An open run whose lock can be taken is dead.
#pragma once

#include <cstdint>

#include "common/status.h"
#include "db/postgres/connection.h"

namespace jao::db::postgres {

// The first key of every advisory lock of the feed ("jaof").
inline constexpr int32_t kRunLockClass = 0x6a616f66;

// The second key of run `run_id`'s lock: the id itself up to 2^31 - 1,
// folded into 1..2^31 - 1 beyond (a collision only makes a dead run look
// alive, which holds the feed back, never loses a change). 0 is the
// barrier of run inserts.
int32_t RunLockKey(int64_t run_id);

// Takes run `run_id`'s lock for the session; taken inside a transaction,
// it outlives the COMMIT.
Status HoldRunLock(PgConnection& connection, int64_t run_id);
// Lets it go.
Status ReleaseRunLock(PgConnection& connection, int64_t run_id);
// Whether the owner of open run `run_id` is gone: its lock can be taken
// (shared, so that readers never block each other), then it is let go.
Result<bool> RunIsDead(PgConnection& connection, int64_t run_id);

}  // namespace jao::db::postgres
