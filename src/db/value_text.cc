// See value_text.h. The calendar is common/timestamp.*'s.
#include "db/value_text.h"

#include <cstdio>

#include "common/timestamp.h"

namespace jao::db {
namespace {

// Reads exactly `width` digits at `pos`.
bool ReadDigits(std::string_view text, size_t& pos, size_t width,
                int64_t& out) {
  if (pos + width > text.size()) return false;
  out = 0;
  for (size_t i = 0; i < width; ++i) {
    const char c = text[pos + i];
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  pos += width;
  return true;
}

bool Expect(std::string_view text, size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

bool Parse(std::string_view text, int64_t& micros) {
  size_t pos = 0;
  int64_t year, month, day, hour = 0, minute = 0, second = 0, fraction = 0;
  if (!ReadDigits(text, pos, 4, year) || !Expect(text, pos, '-') ||
      !ReadDigits(text, pos, 2, month) || !Expect(text, pos, '-') ||
      !ReadDigits(text, pos, 2, day)) {
    return false;
  }
  if (month < 1 || month > 12 || day < 1 ||
      day > DaysInMonth(year, static_cast<int>(month))) {
    return false;
  }
  if (pos < text.size()) {
    if (text[pos] != ' ' && text[pos] != 'T') return false;
    ++pos;
    if (!ReadDigits(text, pos, 2, hour) || !Expect(text, pos, ':') ||
        !ReadDigits(text, pos, 2, minute) || !Expect(text, pos, ':') ||
        !ReadDigits(text, pos, 2, second)) {
      return false;
    }
    if (hour > 23 || minute > 59 || second > 59) return false;
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      size_t digits = 0;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9' &&
             digits < 6) {
        fraction = fraction * 10 + (text[pos] - '0');
        ++pos;
        ++digits;
      }
      if (digits == 0) return false;
      for (; digits < 6; ++digits) fraction *= 10;
    }
    const std::string_view rest = text.substr(pos);
    if (!rest.empty() && rest != "Z" && rest != "+00:00" && rest != "+00")
      return false;
  }
  micros = DaysFromCivil(year, static_cast<int>(month), static_cast<int>(day)) *
               kMicrosPerDay +
           ((hour * 60 + minute) * 60 + second) * kMicrosPerSecond + fraction;
  return true;
}

}  // namespace

std::string FormatDatetimeText(int64_t micros) {
  return FormatSqliteDatetime(micros);
}

Result<int64_t> ParseDatetimeText(std::string_view text) {
  int64_t micros = 0;
  if (!Parse(text, micros)) {
    return Status::InvalidArgument("datetime text '" + std::string(text) +
                                   "' is not YYYY-MM-DD HH:MM:SS[.ffffff]");
  }
  return micros;
}

std::string FormatHundredths(int64_t hundredths) {
  const bool negative = hundredths < 0;
  // Via unsigned so that INT64_MIN does not overflow.
  const uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(hundredths)
                                      : static_cast<uint64_t>(hundredths);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%s%llu.%02llu", negative ? "-" : "",
                static_cast<unsigned long long>(magnitude / 100),
                static_cast<unsigned long long>(magnitude % 100));
  return buffer;
}

}  // namespace jao::db
