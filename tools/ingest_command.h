// `jao-ingest ingest FILE [FILE...] [--db PATH_OR_URL] [--chunk-size N]
// [--rejects PATH.jsonl] [--max-rejects N] [--summary-json PATH] [--dry-run]
// [--lock-timeout SECONDS] [--no-first-load]`:
// loads legacy vacancy Parquet files into the database (ingest/pipeline.h),
// prints the summary table on stdout, warnings and errors on stderr, and a
// progress line on stderr when it is a terminal.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace jao::tools {

struct IngestOptions {
  std::vector<std::string> files;
  std::string db = "jao.sqlite3";
  int64_t chunk_size = 5000;
  std::string rejects_path;  // empty: rejects are only counted
  std::optional<int64_t> max_rejects;
  std::string summary_json_path;
  bool dry_run = false;
  double lock_timeout_seconds = 60;  // PostgreSQL lock_timeout; 0: no limit
  bool no_first_load = false;        // PostgreSQL: chunk by chunk always
};

// Declares the subcommand and its arguments on `app`, filling `options`.
CLI::App* AddIngestCommand(CLI::App& app, IngestOptions* options);

// Runs it; returns 0 when the run completed (rejected rows included), else
// prints "jao-ingest: error: <message>" and returns 1.
int RunIngest(const IngestOptions& options);

}  // namespace jao::tools
