// A one-line progress display on a terminal: rows, rows/s, MB/s and percent
// of the file by bytes read, redrawn at most every 200 ms. The command line
// enables it only when stderr is a TTY; disabled, it prints nothing.
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

  // Starts a file: resets the rate and the percent.
  void StartFile(const std::string& path, int64_t file_size);
  // Rows done and bytes read so far in the current file; throttled.
  void Update(int64_t rows, int64_t bytes_read);
  // Clears the line.
  void Finish();

  // The text of the line, e.g. "data.parquet: 10000 rows, 5000 rows/s,
  // 1.2 MB/s, 45%"; exposed for tests.
  static std::string Line(const std::string& path, int64_t rows,
                          int64_t bytes_read, int64_t file_size,
                          double seconds);

 private:
  using Clock = std::chrono::steady_clock;
  std::FILE* out_;
  bool enabled_;
  std::string path_;
  int64_t file_size_ = 0;
  Clock::time_point start_;
  Clock::time_point last_draw_;
  size_t last_width_ = 0;
};

}  // namespace jao::ingest
