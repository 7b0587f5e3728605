// See change_feed.h. OpenChangeFeedReader is here, beside OpenLoader's
// target parsing, so that both commands read --db the same way.
#include "db/change_feed.h"

#include "db/database_target.h"
#include "db/postgres/pg_feed.h"
#include "db/sqlite/sqlite_feed.h"

namespace jao::db {

std::string_view RunOutcomeName(RunOutcome outcome) {
  switch (outcome) {
    case RunOutcome::kCompleted:
      return "completed";
    case RunOutcome::kFailed:
      return "failed";
    case RunOutcome::kInterrupted:
      return "interrupted";
    case RunOutcome::kAbandoned:
      return "abandoned";
  }
  return "unknown";
}

std::string_view ChangeName(const Change& change) {
  return change.inserted ? "inserted" : "updated";
}

int64_t FeedEnd(int64_t since, const std::vector<RunState>& runs,
                const std::function<bool(int64_t)>& alive) {
  int64_t last = since;
  for (const RunState& run : runs) {
    if (run.id <= since) continue;
    if (run.open && alive(run.id)) return last;
    last = run.id;
  }
  return last;
}

Result<std::unique_ptr<ChangeFeedReader>> OpenChangeFeedReader(
    std::string_view target, int64_t lock_timeout_ms) {
  ASSIGN_OR_RETURN(DatabaseTarget parsed, ParseDatabaseTarget(target));
  if (parsed.backend == DatabaseTarget::Backend::kPostgresql) {
    return postgres::OpenPgFeedReader(parsed.location, lock_timeout_ms);
  }
  return sqlite::OpenSqliteFeedReader(parsed.location, lock_timeout_ms);
}

}  // namespace jao::db
