// What a run did: per table inserted / updated / skipped / deleted /
// rejected, rows per file, time spent reading, transforming and loading, and
// peak memory; shown as a text table (like pgloader's) or written as JSON.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "db/load_counts.h"

namespace jao::ingest {

struct FileSummary {
  std::string path;
  int64_t rows_read = 0;
  int64_t rows_valid = 0;  // passed every rule
  int64_t rows_rejected = 0;
  int64_t duplicates = 0;  // same id twice in a chunk; counted as skipped
  int64_t chunks = 0;
};

struct RunSummary {
  std::string database;   // Loader::Describe(), or "" in a dry run
  std::string load_path;  // Loader::LoadPath(): "" when the backend has one
  bool dry_run = false;
  std::vector<FileSummary> files;
  db::LoadCounts tables;  // rejected and in-chunk duplicates included
  double read_seconds = 0;
  double transform_seconds = 0;
  double load_seconds = 0;
  double total_seconds = 0;
  int64_t peak_rss_bytes = 0;

  int64_t rows_read() const;
  int64_t rows_rejected() const;
};

// Peak resident set size of this process so far (getrusage ru_maxrss).
int64_t PeakRssBytes();

// The text table, several lines ending in '\n'.
std::string FormatSummary(const RunSummary& summary);

// {"database":..., "dry_run":..., "files":[...], "tables":{"vacancies_vacancy":
// {"inserted":..,...}}, "rows_read":.., "rows_rejected":..,
// "seconds":{"read":..,"transform":..,"load":..,"total":..},
// "peak_rss_bytes":..}
nlohmann::ordered_json SummaryJson(const RunSummary& summary);

}  // namespace jao::ingest
