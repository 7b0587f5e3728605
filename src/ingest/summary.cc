#include "ingest/summary.h"

#include <fmt/format.h>
#include <sys/resource.h>

#include <ctime>

namespace jao::ingest {

namespace {

int64_t Total(const std::vector<FileSummary>& files,
              int64_t FileSummary::*count) {
  int64_t total = 0;
  for (const FileSummary& file : files) total += file.*count;
  return total;
}

}  // namespace

int64_t RunSummary::rows_read() const {
  return Total(files, &FileSummary::rows_read);
}
int64_t RunSummary::rows_rejected() const {
  return Total(files, &FileSummary::rows_rejected);
}
int64_t RunSummary::chunks_committed() const {
  return Total(files, &FileSummary::chunks);
}
int64_t RunSummary::rows_committed() const {
  return Total(files, &FileSummary::rows_committed);
}

std::string IsoUtc(std::chrono::system_clock::time_point time) {
  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  const int64_t millis =
      duration_cast<milliseconds>(time.time_since_epoch()).count();
  std::time_t seconds = static_cast<std::time_t>(millis / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
                     utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                     utc.tm_hour, utc.tm_min, utc.tm_sec, millis % 1000);
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
  for (const std::string& note : summary.schema_notes) {
    out += fmt::format("schema: {}\n", note);
  }
  out += fmt::format(
      "time: read {:.2f} s, transform {:.2f} s, load {:.2f} s, total {:.2f} s; "
      "peak memory {:.1f} MB\n",
      summary.read_seconds, summary.transform_seconds, summary.load_seconds,
      summary.total_seconds, static_cast<double>(summary.peak_rss_bytes) / 1e6);
  for (const std::string& warning : summary.warnings) {
    out += fmt::format("warning: {}\n", warning);
  }
  if (summary.outcome != RunOutcome::kCompleted) {
    out += fmt::format("run {}{}: {} chunks committed ({} rows)\n",
                       db::RunOutcomeName(summary.outcome),
                       summary.stopped_by.empty() ? std::string()
                                                  : " by " + summary.stopped_by,
                       summary.chunks_committed(), summary.rows_committed());
  }
  return out;
}

namespace {

nlohmann::ordered_json TextOrNull(const std::string& text) {
  if (text.empty()) return nullptr;
  return text;
}

// "committed", "files" and "tables", shared by SummaryJson and CountsJson.
void AddCounts(const RunSummary& summary, nlohmann::ordered_json& out) {
  out["committed"] = {{"chunks", summary.chunks_committed()},
                      {"rows", summary.rows_committed()}};
  out["files"] = nlohmann::ordered_json::array();
  for (const FileSummary& file : summary.files) {
    out["files"].push_back({{"path", file.path},
                            {"rows_read", file.rows_read},
                            {"rows_committed", file.rows_committed},
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
}

}  // namespace

nlohmann::ordered_json CountsJson(const RunSummary& summary) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  AddCounts(summary, out);
  return out;
}

nlohmann::ordered_json SummaryJson(const RunSummary& summary) {
  nlohmann::ordered_json out;
  out["schema_version"] = kSummarySchemaVersion;
  if (summary.run_id) {
    out["run_id"] = *summary.run_id;
  } else {
    out["run_id"] = nullptr;
  }
  out["outcome"] = db::RunOutcomeName(summary.outcome);
  out["error"] = TextOrNull(summary.error);
  out["stopped_by"] = TextOrNull(summary.stopped_by);
  out["started_at"] = IsoUtc(summary.started_at);
  out["finished_at"] = IsoUtc(summary.finished_at);
  out["database"] = summary.database;
  out["dry_run"] = summary.dry_run;
  if (!summary.load_path.empty()) out["load_path"] = summary.load_path;
  out["schema_notes"] = summary.schema_notes;
  AddCounts(summary, out);
  out["rows_read"] = summary.rows_read();
  out["rows_rejected"] = summary.rows_rejected();
  out["seconds"] = {{"read", summary.read_seconds},
                    {"transform", summary.transform_seconds},
                    {"load", summary.load_seconds},
                    {"total", summary.total_seconds}};
  out["peak_rss_bytes"] = summary.peak_rss_bytes;
  out["warnings"] = summary.warnings;
  return out;
}

}  // namespace jao::ingest
