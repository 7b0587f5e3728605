#include "ingest/summary.h"

#include <fmt/format.h>
#include <sys/resource.h>

namespace jao::ingest {

int64_t RunSummary::rows_read() const {
  int64_t total = 0;
  for (const FileSummary& file : files) total += file.rows_read;
  return total;
}

int64_t RunSummary::rows_rejected() const {
  int64_t total = 0;
  for (const FileSummary& file : files) total += file.rows_rejected;
  return total;
}

int64_t PeakRssBytes() {
  struct rusage usage {};
  if (getrusage(RUSAGE_SELF, &usage) != 0) return 0;
  return static_cast<int64_t>(usage.ru_maxrss) * 1024;  // Linux: kilobytes
}

std::string FormatSummary(const RunSummary& summary) {
  std::string out;
  if (summary.dry_run) out += "dry run: nothing was written\n";
  out += fmt::format("{:<52} {:>9} {:>9} {:>9} {:>9} {:>9}\n", "table",
                     "inserted", "updated", "skipped", "deleted", "rejected");
  for (const auto& [table, c] : summary.tables) {
    out += fmt::format("{:<52} {:>9} {:>9} {:>9} {:>9} {:>9}\n", table,
                       c.inserted, c.updated, c.skipped, c.deleted, c.rejected);
  }
  for (const FileSummary& file : summary.files) {
    out += fmt::format("{}: {} rows read, {} valid, {} rejected, {} chunks\n",
                       file.path, file.rows_read, file.rows_valid,
                       file.rows_rejected, file.chunks);
  }
  if (!summary.load_path.empty())
    out += fmt::format("load path: {}\n", summary.load_path);
  out += fmt::format(
      "time: read {:.2f} s, transform {:.2f} s, load {:.2f} s, total {:.2f} s; "
      "peak memory {:.1f} MB\n",
      summary.read_seconds, summary.transform_seconds, summary.load_seconds,
      summary.total_seconds, static_cast<double>(summary.peak_rss_bytes) / 1e6);
  return out;
}

nlohmann::ordered_json SummaryJson(const RunSummary& summary) {
  nlohmann::ordered_json out;
  out["database"] = summary.database;
  out["dry_run"] = summary.dry_run;
  if (!summary.load_path.empty()) out["load_path"] = summary.load_path;
  out["files"] = nlohmann::ordered_json::array();
  for (const FileSummary& file : summary.files) {
    out["files"].push_back({{"path", file.path},
                            {"rows_read", file.rows_read},
                            {"rows_valid", file.rows_valid},
                            {"rows_rejected", file.rows_rejected},
                            {"duplicates", file.duplicates},
                            {"chunks", file.chunks}});
  }
  out["tables"] = nlohmann::ordered_json::object();
  for (const auto& [table, c] : summary.tables) {
    out["tables"][table] = {{"inserted", c.inserted},
                            {"updated", c.updated},
                            {"skipped", c.skipped},
                            {"deleted", c.deleted},
                            {"rejected", c.rejected}};
  }
  out["rows_read"] = summary.rows_read();
  out["rows_rejected"] = summary.rows_rejected();
  out["seconds"] = {{"read", summary.read_seconds},
                    {"transform", summary.transform_seconds},
                    {"load", summary.load_seconds},
                    {"total", summary.total_seconds}};
  out["peak_rss_bytes"] = summary.peak_rss_bytes;
  return out;
}

}  // namespace jao::ingest
