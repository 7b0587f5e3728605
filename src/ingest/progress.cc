#include "ingest/progress.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace jao::ingest {
namespace {

// "0:07", "12:30", "1:02:03".
std::string ClockText(double seconds) {
  const auto whole = static_cast<int64_t>(std::llround(std::max(0.0, seconds)));
  const int64_t h = whole / 3600, m = whole / 60 % 60, s = whole % 60;
  if (h > 0) return fmt::format("{}:{:02}:{:02}", h, m, s);
  return fmt::format("{}:{:02}", m, s);
}

}  // namespace

std::string Progress::Line(const std::string& path, int64_t rows_done,
                           int64_t total_rows, double seconds) {
  const int64_t percent =
      total_rows > 0 ? std::min<int64_t>(100, rows_done * 100 / total_rows)
                     : 100;
  std::string line = fmt::format("{}: {} of {} rows ({}%)", path, rows_done,
                                 total_rows, percent);
  if (seconds <= 0 || rows_done <= 0) return line;
  const double rate = static_cast<double>(rows_done) / seconds;
  line += fmt::format(", {:.0f} rows/s", rate);
  const int64_t left = std::max<int64_t>(0, total_rows - rows_done);
  line += ", " + ClockText(static_cast<double>(left) / rate) + " left";
  return line;
}

void Progress::Start(int64_t total_rows) {
  total_rows_ = total_rows;
  start_ = Clock::now();
  last_draw_ = Clock::time_point();
}

void Progress::Update(int64_t rows_done) {
  if (!enabled_) return;
  Clock::time_point now = Clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(200)) return;
  last_draw_ = now;
  double seconds = std::chrono::duration<double>(now - start_).count();
  std::string line = Line(path_, rows_done, total_rows_, seconds);
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
