// `jao-ingest changes [--db PATH_OR_URL] [--since RUN_ID] [--format
// jsonl|csv]`: prints the change feed (db/change_feed.h) of the runs after
// RUN_ID, one change a line, ordered by run then by write: JSON lines
// {"run_id":N,"vacancy_id":N,"change":"inserted"|"updated"} or CSV under the
// header run_id,vacancy_id,change. It stops before the first run still
// loading, so the largest run_id printed is a cursor to pass as --since next
// time. Never writes: a missing SQLite file is an error, a database without
// the feed's tables prints nothing. Without --db, DATABASE_URL; without
// either, a usage error.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>

namespace jao::tools {

struct ChangesOptions {
  std::string db;  // empty: DATABASE_URL
  int64_t since = 0;
  std::string format = "jsonl";
};

CLI::App* AddChangesCommand(CLI::App& app, ChangesOptions* options);

// Returns 0 once every line is written; 1 after "jao-ingest: error: ..." on a
// database or output error; 2 when no database was named.
int RunChanges(const ChangesOptions& options);

}  // namespace jao::tools
