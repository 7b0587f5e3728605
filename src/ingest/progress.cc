#include "ingest/progress.h"

#include <fmt/format.h>

#include <algorithm>

namespace jao::ingest {

std::string Progress::Line(const std::string& path, int64_t rows,
                           int64_t bytes_read, int64_t file_size,
                           double seconds) {
  double rate = seconds > 0 ? static_cast<double>(rows) / seconds : 0;
  double megabytes =
      seconds > 0 ? static_cast<double>(bytes_read) / 1e6 / seconds : 0;
  int percent = file_size > 0 ? static_cast<int>(std::min<int64_t>(
                                    100, bytes_read * 100 / file_size))
                              : 0;
  return fmt::format("{}: {} rows, {:.0f} rows/s, {:.1f} MB/s, {}%", path, rows,
                     rate, megabytes, percent);
}

void Progress::StartFile(const std::string& path, int64_t file_size) {
  path_ = path;
  file_size_ = file_size;
  start_ = Clock::now();
  last_draw_ = Clock::time_point();
}

void Progress::Update(int64_t rows, int64_t bytes_read) {
  if (!enabled_) return;
  Clock::time_point now = Clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(200)) return;
  last_draw_ = now;
  double seconds = std::chrono::duration<double>(now - start_).count();
  std::string line = Line(path_, rows, bytes_read, file_size_, seconds);
  size_t width = line.size();
  // Pad over the remains of a longer previous line.
  if (width < last_width_) line.append(last_width_ - width, ' ');
  last_width_ = width;
  std::fprintf(out_, "\r%s", line.c_str());
  std::fflush(out_);
}

void Progress::Finish() {
  if (!enabled_ || last_width_ == 0) return;
  std::fprintf(out_, "\r%s\r", std::string(last_width_, ' ').c_str());
  std::fflush(out_);
  last_width_ = 0;
}

}  // namespace jao::ingest
