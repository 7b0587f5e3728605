// `jao-ingest changes [--db PATH_OR_URL] [--since RUN_ID] [--until RUN_ID]
// [--text-changed] [--distinct] [--format jsonl|csv] [--lock-timeout
// SECONDS]`: prints the change feed (db/change_feed.h) of the runs after
// RUN_ID, one vacancy and run a line, ordered by run then by write: JSON
// lines {"run_id":N,"vacancy_id":N,"change":"inserted"|"updated",
// "text_changed":bool,"fields":[...],"last_updated":"...Z"} or CSV under
// the header run_id,vacancy_id,change,text_changed,fields,last_updated
// (fields `;`-separated). It stops before the first run still loading (and
// says so on stderr), so the largest run_id printed is a cursor to pass as
// --since next time. Reading never writes: a missing SQLite file is an
// error, a database without the feed's tables prints nothing.
// `--prune-through RUN_ID` instead deletes the change rows of the finished
// runs up to RUN_ID, never of an open run. Without --db, DATABASE_URL; without
// either, or with a SQLite target that names no file, a usage error. A lock
// wait (PostgreSQL: the run-insert barrier) ends after --lock-timeout.
#pragma once

#include <CLI/CLI.hpp>
#include <climits>
#include <cstdint>
#include <string>

namespace jao::tools {

struct ChangesOptions {
  std::string db;         // when not given: DATABASE_URL
  bool db_given = false;  // --db on the command line (even empty)
  int64_t since = 0;
  int64_t until = INT64_MAX;
  bool text_changed = false;  // only lines whose text changed
  bool distinct = false;      // one line a vacancy over the range
  int64_t prune_through = 0;  // > 0: delete instead of printing
  bool quiet = false;         // no notes on stderr
  std::string format = "jsonl";
  double lock_timeout_seconds = 60;  // 0: no limit
};

CLI::App* AddChangesCommand(CLI::App& app, ChangesOptions* options);

// Returns 0 once every line is written; 1 after "jao-ingest: error: ..." on a
// database or output error; 2 when no database was named or it names no
// SQLite file.
int RunChanges(const ChangesOptions& options);

}  // namespace jao::tools
