#include "common/timestamp.h"

#include <fmt/format.h>

#include "common/text.h"

namespace jao {
namespace {

bool IsLeapYear(int64_t year) {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

// A cursor over ISO-8601 text; each Take* consumes on success only.
class IsoScanner {
 public:
  explicit IsoScanner(std::string_view text) : text_(text) {}
  bool AtEnd() const { return pos_ == text_.size(); }
  size_t remaining() const { return text_.size() - pos_; }
  bool Peek(char c) const { return pos_ < text_.size() && text_[pos_] == c; }
  bool Take(char c) {
    if (!Peek(c)) return false;
    ++pos_;
    return true;
  }
  // Exactly `count` digits.
  bool TakeDigits(size_t count, int64_t* value) {
    if (text_.size() - pos_ < count) return false;
    int64_t v = 0;
    for (size_t i = 0; i < count; ++i) {
      char c = text_[pos_ + i];
      if (c < '0' || c > '9') return false;
      v = v * 10 + (c - '0');
    }
    pos_ += count;
    *value = v;
    return true;
  }
  // 1..max_digits fraction digits as microseconds (digits past the sixth
  // dropped).
  bool TakeFraction(size_t max_digits, int64_t* micros) {
    size_t begin = pos_;
    int64_t v = 0;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
      if (pos_ - begin < 6) v = v * 10 + (text_[pos_] - '0');
      ++pos_;
    }
    size_t count = pos_ - begin;
    if (count < 1 || count > max_digits) return false;
    for (size_t i = count; i < 6; ++i) v *= 10;
    *micros = v;
    return true;
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

// Parses the `Z` / `±HH:MM` / `±HHMM` tail into seconds east of UTC.
bool TakeOffset(IsoScanner& in, int64_t* offset_seconds) {
  *offset_seconds = 0;
  if (in.AtEnd()) return true;
  if (in.Take('Z')) return in.AtEnd();
  int sign = 0;
  if (in.Take('+')) {
    sign = 1;
  } else if (in.Take('-')) {
    sign = -1;
  } else {
    return false;
  }
  int64_t hours = 0;
  int64_t minutes = 0;
  if (!in.TakeDigits(2, &hours)) return false;
  in.Take(':');
  if (!in.TakeDigits(2, &minutes) || !in.AtEnd()) return false;
  if (hours > 23 || minutes > 59) return false;
  *offset_seconds = sign * (hours * 3600 + minutes * 60);
  return true;
}

constexpr int64_t kNanosPerDay = kMicrosPerDay * 1000;

// `YYYY-MM-DD`, a real date, as days since 1970-01-01.
bool TakeDate(IsoScanner& in, int64_t* days) {
  int64_t year, month, day;
  if (!in.TakeDigits(4, &year) || !in.Take('-') || !in.TakeDigits(2, &month) ||
      !in.Take('-') || !in.TakeDigits(2, &day)) {
    return false;
  }
  if (month < 1 || month > 12 || day < 1 ||
      day > DaysInMonth(year, static_cast<int>(month))) {
    return false;
  }
  *days = DaysFromCivil(year, static_cast<int>(month), static_cast<int>(day));
  return true;
}

// How much of a time of day a parser requires and allows.
struct TimeSyntax {
  bool seconds_required;
  size_t max_fraction_digits;
};
constexpr TimeSyntax kIsoTime{false, 9};
constexpr TimeSyntax kStoredTime{true, 6};

// `HH:MM`, then `:SS` and `.fraction` after the seconds, as microseconds
// into the day.
bool TakeTimeOfDay(IsoScanner& in, TimeSyntax syntax, int64_t* micros) {
  int64_t hour, minute, second = 0, fraction = 0;
  if (!in.TakeDigits(2, &hour) || !in.Take(':') || !in.TakeDigits(2, &minute)) {
    return false;
  }
  if (in.Take(':')) {
    if (!in.TakeDigits(2, &second)) return false;
    if (in.Take('.') && !in.TakeFraction(syntax.max_fraction_digits, &fraction))
      return false;
  } else if (syntax.seconds_required) {
    return false;
  }
  if (hour > 23 || minute > 59 || second > 59) return false;
  *micros = ((hour * 60 + minute) * 60 + second) * kMicrosPerSecond + fraction;
  return true;
}

}  // namespace

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

int64_t DaysFromCivil(int64_t year, int month, int day) {
  // Count from 0000-03-01 so that the leap day ends each 400-year era's
  // year; eras are 146097 days.
  int64_t y = month <= 2 ? year - 1 : year;
  int64_t era = FloorDiv(y, 400);
  int64_t year_of_era = y - era * 400;
  int64_t month_from_march = month > 2 ? month - 3 : month + 9;
  int64_t day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
  int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

CivilDate CivilFromDays(int64_t days) {
  int64_t z = days + 719468;
  int64_t era = FloorDiv(z, 146097);
  int64_t day_of_era = z - era * 146097;
  int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 -
                         day_of_era / 146096) /
                        365;
  int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  int64_t month_from_march = (5 * day_of_year + 2) / 153;
  CivilDate date;
  date.day =
      static_cast<int>(day_of_year - (153 * month_from_march + 2) / 5 + 1);
  date.month = static_cast<int>(month_from_march < 10 ? month_from_march + 3
                                                      : month_from_march - 9);
  date.year = year_of_era + era * 400 + (date.month <= 2 ? 1 : 0);
  return date;
}

int DaysInMonth(int64_t year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30,
                                    31, 31, 30, 31, 30, 31};
  if (month == 2 && IsLeapYear(year)) return 29;
  return kDays[month - 1];
}

std::optional<int64_t> MicrosFromMillis(int64_t millis) {
  int64_t out;
  if (__builtin_mul_overflow(millis, int64_t{1000}, &out)) return std::nullopt;
  return out;
}

int64_t MicrosFromNanos(int64_t nanos) { return FloorDiv(nanos, 1000); }

std::optional<int64_t> MicrosFromDays(int64_t days) {
  int64_t out;
  if (__builtin_mul_overflow(days, kMicrosPerDay, &out)) return std::nullopt;
  return out;
}

Int96Instant SplitInt96(uint64_t nanos, uint32_t julian_day) {
  // Both fields are signed in the writers' layout; the carry is at most
  // +-106752 days, so the sum stays far inside int64.
  const int64_t signed_nanos = static_cast<int64_t>(nanos);
  const int64_t carry = FloorDiv(signed_nanos, kNanosPerDay);
  Int96Instant out;
  out.days =
      int64_t{static_cast<int32_t>(julian_day)} - kJulianDayOfUnixEpoch + carry;
  // The remainder, not signed_nanos - carry * kNanosPerDay: near INT64_MIN
  // that product is below int64 (found by the read-path fuzzer).
  out.nanos_of_day = signed_nanos % kNanosPerDay;
  if (out.nanos_of_day < 0) out.nanos_of_day += kNanosPerDay;
  return out;
}

std::optional<int64_t> MicrosFromInt96(uint64_t nanos, uint32_t julian_day) {
  const Int96Instant instant = SplitInt96(nanos, julian_day);
  std::optional<int64_t> day_start = MicrosFromDays(instant.days);
  if (!day_start) return std::nullopt;
  int64_t out;
  if (__builtin_add_overflow(*day_start, instant.nanos_of_day / 1000, &out)) {
    return std::nullopt;
  }
  return out;
}

bool InDatetimeRange(int64_t micros) {
  static const int64_t kMin = DaysFromCivil(1, 1, 1) * kMicrosPerDay;
  static const int64_t kMax = DaysFromCivil(10000, 1, 1) * kMicrosPerDay - 1;
  return micros >= kMin && micros <= kMax;
}

Result<int64_t> ParseIsoTimestamp(std::string_view raw) {
  const Status kBad = Status::InvalidArgument("not an iso-8601 timestamp");
  std::string_view text = TrimWhiteSpace(raw);
  IsoScanner in(text);
  int64_t days;
  if (!TakeDate(in, &days)) return kBad;
  if (in.AtEnd()) return days * kMicrosPerDay;
  int64_t time_of_day, offset_seconds;
  if ((!in.Take(' ') && !in.Take('T')) ||
      !TakeTimeOfDay(in, kIsoTime, &time_of_day) ||
      !TakeOffset(in, &offset_seconds)) {
    return kBad;
  }
  return days * kMicrosPerDay + time_of_day - offset_seconds * kMicrosPerSecond;
}

Result<int64_t> ParseStoredDatetime(std::string_view text) {
  IsoScanner in(text);
  int64_t days, time_of_day = 0;
  bool ok = TakeDate(in, &days);
  if (ok && !in.AtEnd()) {
    ok = (in.Take(' ') || in.Take('T')) &&
         TakeTimeOfDay(in, kStoredTime, &time_of_day);
    std::string_view rest = text.substr(text.size() - in.remaining());
    ok = ok &&
         (rest.empty() || rest == "Z" || rest == "+00:00" || rest == "+00");
  }
  if (!ok) {
    return Status::InvalidArgument("datetime text '" + std::string(text) +
                                   "' is not YYYY-MM-DD HH:MM:SS[.ffffff]");
  }
  return days * kMicrosPerDay + time_of_day;
}

std::string FormatSqliteDatetime(int64_t micros) {
  int64_t days = FloorDiv(micros, kMicrosPerDay);
  int64_t in_day = micros - days * kMicrosPerDay;
  CivilDate date = CivilFromDays(days);
  int64_t seconds = in_day / kMicrosPerSecond;
  int64_t fraction = in_day % kMicrosPerSecond;
  std::string out =
      fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", date.year, date.month,
                  date.day, seconds / 3600, seconds / 60 % 60, seconds % 60);
  if (fraction != 0) out += fmt::format(".{:06}", fraction);
  return out;
}

std::string IsoDateText(int64_t days) {
  const CivilDate date = CivilFromDays(days);
  if (date.year >= 0 && date.year <= 9999) {
    return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
  }
  // ISO-8601 expanded years, as ECMAScript writes them.
  return fmt::format("{}{:06}-{:02}-{:02}", date.year < 0 ? '-' : '+',
                     date.year < 0 ? -date.year : date.year, date.month,
                     date.day);
}

std::string IsoTimeOfDayText(int64_t ticks, int digits) {
  int64_t per_second = 1;
  for (int i = 0; i < digits; ++i) per_second *= 10;
  const int64_t seconds = ticks / per_second;
  std::string out = fmt::format("{:02}:{:02}:{:02}", seconds / 3600,
                                seconds / 60 % 60, seconds % 60);
  if (digits > 0) out += fmt::format(".{:0{}}", ticks % per_second, digits);
  return out;
}

std::string IsoTimestampText(int64_t ticks, int digits) {
  int64_t per_day = 86400;
  for (int i = 0; i < digits; ++i) per_day *= 10;
  const int64_t days = FloorDiv(ticks, per_day);
  return IsoDateText(days) + "T" +
         IsoTimeOfDayText(ticks - days * per_day, digits) + "Z";
}

}  // namespace jao
