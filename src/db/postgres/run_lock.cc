// See postgres/run_lock.h. The keys are bound parameters.
#include "db/postgres/run_lock.h"

#include <string>

namespace jao::db::postgres {
namespace {

Status LockCall(PgConnection& connection, const char* function,
                int64_t run_id) {
  return connection
      .ExecParams(
          std::string("SELECT ") + function + "($1::int4, $2::int4)",
          {std::to_string(kRunLockClass), std::to_string(RunLockKey(run_id))})
      .status();
}

}  // namespace

int32_t RunLockKey(int64_t run_id) {
  constexpr int64_t kMax = 2147483647;
  if (run_id >= 1 && run_id <= kMax) return static_cast<int32_t>(run_id);
  const int64_t folded = run_id % kMax;
  return static_cast<int32_t>(folded <= 0 ? folded + kMax : folded);
}

Status HoldRunLock(PgConnection& connection, int64_t run_id) {
  return LockCall(connection, "pg_advisory_lock", run_id);
}

Status ReleaseRunLock(PgConnection& connection, int64_t run_id) {
  return LockCall(connection, "pg_advisory_unlock", run_id);
}

Result<bool> RunIsDead(PgConnection& connection, int64_t run_id) {
  ASSIGN_OR_RETURN(
      PgResult taken,
      connection.ExecParams(
          "SELECT pg_try_advisory_lock_shared($1::int4, $2::int4)",
          {std::to_string(kRunLockClass), std::to_string(RunLockKey(run_id))}));
  if (taken.Text(0, 0) != "t") return false;
  RETURN_IF_ERROR(LockCall(connection, "pg_advisory_unlock_shared", run_id));
  return true;
}

}  // namespace jao::db::postgres
