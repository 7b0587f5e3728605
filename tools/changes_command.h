// `jao-ingest changes [--db PATH_OR_URL] [--since RUN_ID] [--format
// jsonl|csv] [--lock-timeout SECONDS]`: prints the change feed
// (db/change_feed.h) of the runs after RUN_ID, one change a line, ordered by
// run then by write: JSON lines
// {"run_id":N,"vacancy_id":N,"change":"inserted"|"updated"} or CSV under the
// header run_id,vacancy_id,change. It stops before the first run still
// loading, so the largest run_id printed is a cursor to pass as --since next
// time. Never writes: a missing SQLite file is an error, a database without
// the feed's tables prints nothing. Without --db, DATABASE_URL; without
// either, or with a SQLite target that names no file, a usage error. A lock
// wait (PostgreSQL: the run-insert barrier) ends after --lock-timeout.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>

namespace jao::tools {

struct ChangesOptions {
  std::string db;         // when not given: DATABASE_URL
  bool db_given = false;  // --db on the command line (even empty)
  int64_t since = 0;
  std::string format = "jsonl";
  double lock_timeout_seconds = 60;  // 0: no limit
};

CLI::App* AddChangesCommand(CLI::App& app, ChangesOptions* options);

// Returns 0 once every line is written; 1 after "jao-ingest: error: ..." on a
// database or output error; 2 when no database was named or it names no
// SQLite file.
int RunChanges(const ChangesOptions& options);

}  // namespace jao::tools
