// Checks for runs that were stopped part-way (SIGKILL, SIGTERM, SIGINT, a
// failing rejects file): what the database, the rejects file and the stop
// line must say about the chunks that were committed. Used by
// signal_e2e_test.cc and kill_e2e_test.cc.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "e2e/db_dump_support.h"
#include "e2e/process_support.h"
#include "e2e/target_database_support.h"

namespace jao::e2e {

// Counts the committed vacancies of a database that a running jao-ingest
// writes, through one connection held across calls (a new PostgreSQL
// connection per poll would take longer than a small chunk).
class CommitWatcher {
 public:
  explicit CommitWatcher(const TargetDatabase& db) : db_(db) {}
  // 0 while the database or the table does not exist yet, or is busy.
  int64_t Count();

 private:
  const TargetDatabase& db_;
  std::unique_ptr<DatabaseReader> reader_;
};

// Polls `seen` (every few milliseconds, for up to 60 s) while `run` runs;
// once it holds, lets the run go on for `grace`, then SIGKILLs it and
// waits. `killed`: whether the kill was sent (false: the run ended first,
// or `seen` never held).
ProcessResult KillOnceSeen(ChildProcess& run, const std::function<bool()>& seen,
                           std::chrono::milliseconds grace, bool& killed);

// The keys (as ExpectedRejectKeys) of the expectation's rejects in rows
// [0, end_row).
std::vector<std::string> ExpectedRejectKeysBefore(
    const nlohmann::json& expectation, int64_t end_row);

// Success when `text` is empty or ends with '\n' and each of its lines is
// one JSON object.
::testing::AssertionResult WholeJsonLines(const std::string& text);

// K of the line "jao-ingest: interrupted by SIG...: K chunks (R rows)
// committed; ..." in `stderr_text`; nullopt without exactly one such line.
std::optional<int64_t> ChunksInStopLine(const std::string& stderr_text);

// The rows of `PRAGMA integrity_check` on the SQLite file at `path`
// ({"ok"} when sound).
std::vector<std::string> SqliteIntegrityCheck(const std::string& path);

}  // namespace jao::e2e
