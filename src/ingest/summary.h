// What a run did: how it ended, per table inserted / updated / skipped /
// deleted / rejected, rows per file, time spent reading, transforming and
// loading, and peak memory; shown as a text table (like pgloader's) or
// written as JSON. Written on every ending (completed, failed, interrupted),
// so the counts are of what was committed.
#pragma once

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/change_feed.h"
#include "db/load_counts.h"

namespace jao::ingest {

struct FileSummary {
  std::string path;
  int64_t rows_read = 0;       // in committed chunks, and the one that passed
                               // --max-rejects
  int64_t rows_committed = 0;  // in committed chunks, rejected rows included
  int64_t rows_valid = 0;      // passed every rule
  int64_t rows_rejected = 0;
  int64_t duplicates = 0;  // same id twice in a chunk; counted as skipped
  int64_t chunks = 0;      // committed (in a dry run: validated)
};

// How a run ended: the outcome its jao_ingest_run row records
// (db::RunOutcomeName spells it); never kAbandoned here.
using RunOutcome = db::RunOutcome;

// The version of SummaryJson's document; raised when a field changes
// meaning or goes away (new fields do not raise it).
inline constexpr int kSummarySchemaVersion = 1;

struct RunSummary {
  // The run's jao_ingest_run id (db/change_feed.h); none in a dry run or
  // when the run could not be recorded.
  std::optional<int64_t> run_id;
  // How and when the run ended; filled by the command line.
  RunOutcome outcome = RunOutcome::kCompleted;
  std::string error;       // the error line's message when failed
  std::string stopped_by;  // "SIGINT" / "SIGTERM" when interrupted
  std::chrono::system_clock::time_point started_at;
  std::chrono::system_clock::time_point finished_at;

  std::string database;   // Loader::Describe(), or "" in a dry run
  std::string load_path;  // Loader::LoadPath(): "" when the backend has one
  // db::SchemaReport::Notes() of the schema check: the schema created,
  // extra columns left to the database, narrower columns.
  std::vector<std::string> schema_notes;
  bool dry_run = false;
  // One line each on how the run was asked for that is unsafe (a password
  // on the command line); filled by the command line.
  std::vector<std::string> warnings;
  std::vector<FileSummary> files;
  db::LoadCounts tables;  // rejected and in-chunk duplicates included
  double read_seconds = 0;
  double transform_seconds = 0;
  double load_seconds = 0;
  double total_seconds = 0;
  int64_t peak_rss_bytes = 0;

  int64_t rows_read() const;
  int64_t rows_rejected() const;
  int64_t chunks_committed() const;
  int64_t rows_committed() const;
};

// Peak resident set size of this process so far (getrusage ru_maxrss).
int64_t PeakRssBytes();

// The text table, several lines ending in '\n', then a "warning: <text>"
// line per warning; a run that did not complete ends with a line saying how
// it ended.
std::string FormatSummary(const RunSummary& summary);

// {"schema_version":1, "run_id":7|null, "outcome":"completed"|"failed"|
// "interrupted", "error":null|"<message>", "stopped_by":null|"SIGTERM",
// "started_at":"2026-01-31T08:00:00.000Z", "finished_at":...,
// "database":..., "dry_run":..., "load_path":.. (when known),
// "schema_notes":["<note>",...], "committed":{"chunks":..,"rows":..},
// "files":[{"path", "rows_read", "rows_committed", "rows_valid",
// "rows_rejected", "duplicates", "chunks"}], "tables":{"vacancies_vacancy":
// {"inserted":..,...}}, "rows_read":.., "rows_rejected":..,
// "seconds":{"read":..,"transform":..,"load":..,"total":..},
// "peak_rss_bytes":.., "warnings":["<text>",...]}. run_id is null in a
// dry run and when the run could not be recorded. Invalid UTF-8 in strings
// (a path) is replaced when dumped.
nlohmann::ordered_json SummaryJson(const RunSummary& summary);

// The "committed", "files" and "tables" members of SummaryJson alone: what
// jao_ingest_run.counts keeps of a run.
nlohmann::ordered_json CountsJson(const RunSummary& summary);

// `time` as ISO-8601 UTC with milliseconds: "2026-01-31T08:00:00.000Z".
std::string IsoUtc(std::chrono::system_clock::time_point time);

}  // namespace jao::ingest
