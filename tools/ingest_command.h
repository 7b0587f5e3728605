// `jao-ingest ingest FILE [FILE...] [--db PATH_OR_URL] [--chunk-size N]
// [--rejects PATH.jsonl] [--max-rejects N] [--summary-json PATH] [--dry-run]
// [--quiet] [--lock-timeout SECONDS] [--no-first-load]`: loads legacy vacancy
// Parquet files into the database (ingest/pipeline.h), prints the summary
// table on stdout (on stderr when the run failed or was stopped, or when
// --summary-json is "-"), warnings and errors on stderr, and a progress line
// on stderr when it is a terminal. The summary (text and --summary-json) is
// written on every ending: completed, failed, or interrupted by SIGINT /
// SIGTERM (tools/stop_signal.h). Without --db the database comes from
// DATABASE_URL; without either (and not a dry run) it is a usage error, never
// a silent default.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace jao::tools {

struct IngestOptions {
  std::vector<std::string> files;
  std::string db;         // when not given: DATABASE_URL
  bool db_given = false;  // --db on the command line (even empty)
  int64_t chunk_size = 5000;
  std::string rejects_path;  // empty: rejects are only counted
  std::optional<int64_t> max_rejects;
  std::string summary_json_path;
  bool dry_run = false;
  bool quiet = false;                // no progress line, no summary table
  double lock_timeout_seconds = 60;  // PostgreSQL lock_timeout; 0: no limit
  bool no_first_load = false;        // PostgreSQL: chunk by chunk always
};

// Declares the subcommand and its arguments on `app`, filling `options`.
CLI::App* AddIngestCommand(CLI::App& app, IngestOptions* options);

// Runs it; returns 0 when the run completed (rejected rows included); 1 after
// printing "jao-ingest: error: <message>" when it failed; 2 when no database
// was named, a SQLite target names no file (in memory), or an output path
// is an input, the database or one of its files, or the other output
// (tools/output_paths.h), all found before anything is written; 130 / 143
// after printing "jao-ingest: interrupted by SIGINT: ..." when a signal
// stopped it.
int RunIngest(const IngestOptions& options);

}  // namespace jao::tools
