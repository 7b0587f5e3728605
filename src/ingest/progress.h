// A one-line progress display on a terminal: rows done out of the rows in
// every file of the run (known from the footers before anything is loaded),
// the percentage, the rate and the time left, redrawn at most every 200 ms.
// A row is done once its chunk committed (in a dry run, once validated), so
// the percentage never runs ahead of what a stop would keep. The command
// line enables it only when stderr is a TTY; disabled, it prints nothing.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace jao::ingest {

class Progress {
 public:
  // `out` is not owned; nothing is written when `enabled` is false.
  Progress(std::FILE* out, bool enabled) : out_(out), enabled_(enabled) {}

  // Starts the run: `total_rows` over all its files; the rate and the time
  // left are measured from here.
  void Start(int64_t total_rows);
  // The file being loaded now (named on the line).
  void StartFile(const std::string& path) { path_ = path; }
  // Rows done so far over the run; throttled.
  void Update(int64_t rows_done);
  // Clears the line.
  void Finish();

  // The text of the line, e.g. "a.parquet: 40000 of 100000 rows (40%),
  // 5000 rows/s, 0:12 left"; exposed for tests.
  static std::string Line(const std::string& path, int64_t rows_done,
                          int64_t total_rows, double seconds);

 private:
  using Clock = std::chrono::steady_clock;
  std::FILE* out_;
  bool enabled_;
  std::string path_;
  int64_t total_rows_ = 0;
  Clock::time_point start_;
  Clock::time_point last_draw_;
  size_t last_width_ = 0;
};

}  // namespace jao::ingest
