// See change_feed.h. OpenChangeFeedReader is in backends.cc.
#include "db/change_feed.h"

#include <fmt/format.h>

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

Status RunStillOpen(int64_t run_id) {
  return Status::InvalidArgument(fmt::format(
      "run {} is still open (loading, or killed and not yet proven dead): its "
      "change rows are not pruned; prune through an earlier run, or after "
      "it ends",
      run_id));
}

int64_t FeedEnd(int64_t since, const std::vector<RunState>& runs,
                const std::function<bool(int64_t)>& alive,
                int64_t* blocking_run) {
  if (blocking_run != nullptr) *blocking_run = 0;
  int64_t last = since;
  for (const RunState& run : runs) {
    if (run.id <= since) continue;
    if (run.open && alive(run.id)) {
      if (blocking_run != nullptr) *blocking_run = run.id;
      return last;
    }
    last = run.id;
  }
  return last;
}

}  // namespace jao::db
