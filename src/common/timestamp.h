// Time as int64 microseconds since 1970-01-01 00:00:00 UTC: conversions from
// the units Parquet stores (MILLIS / MICROS / NANOS, INT96, DATE), ISO-8601
// text, and Django's SQLite datetime text. Naive times are taken as UTC.
// The one calendar of the project: the reader's INT96, the validators, the
// SQLite loader's text and `cat` all convert through it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace jao {

inline constexpr int64_t kMicrosPerSecond = 1'000'000;
inline constexpr int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;
// The Julian day number of 1970-01-01 (INT96 timestamps count from it).
inline constexpr int64_t kJulianDayOfUnixEpoch = 2'440'588;

struct CivilDate {
  int64_t year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
};

// a / b rounded toward negative infinity (b > 0).
int64_t FloorDiv(int64_t a, int64_t b);

// Days since 1970-01-01 of a proleptic Gregorian date (any year).
int64_t DaysFromCivil(int64_t year, int month, int day);
CivilDate CivilFromDays(int64_t days);
int DaysInMonth(int64_t year, int month);

// Unit conversions; nullopt when the result does not fit in int64.
// NANOS are floor-divided, so -1 ns is -1 us (1969-12-31 23:59:59.999999).
std::optional<int64_t> MicrosFromMillis(int64_t millis);
int64_t MicrosFromNanos(int64_t nanos);
std::optional<int64_t> MicrosFromDays(int64_t days);
// An INT96 timestamp as days since 1970-01-01 and nanoseconds within that
// day (0 .. 86399999999999). INT96 stores a signed 32-bit Julian day and
// signed 64-bit nanoseconds added to that day's midnight (Spark, Impala,
// Arrow); nanoseconds outside the day carry into the days, exactly, so no
// stored value wraps.
struct Int96Instant {
  int64_t days = 0;
  int64_t nanos_of_day = 0;
};
Int96Instant SplitInt96(uint64_t nanos, uint32_t julian_day);
// The same in microseconds (nanoseconds floor-divided); nullopt when the
// instant does not fit in int64 microseconds (beyond about +-292000 years).
std::optional<int64_t> MicrosFromInt96(uint64_t nanos, uint32_t julian_day);

// True for 0001-01-01 00:00:00 .. 9999-12-31 23:59:59.999999, what Django's
// datetime (and our text format) can hold.
bool InDatetimeRange(int64_t micros);

// Parses, after trimming white space (common/text.h), `YYYY-MM-DD` or
// `YYYY-MM-DD[ T]HH:MM[:SS[.f{1,9}]]` followed by nothing, `Z`, `+HH:MM`,
// `-HH:MM`, `+HHMM` or `-HHMM`; an offset is converted to UTC and fraction
// digits beyond the sixth are dropped. InvalidArgument "not an iso-8601
// timestamp" otherwise (including impossible dates such as 2023-02-30).
Result<int64_t> ParseIsoTimestamp(std::string_view text);

// Parses a datetime as a database hands a stored one back: "YYYY-MM-DD", or
// "YYYY-MM-DD[ T]HH:MM:SS[.f{1,6}]" optionally followed by "Z", "+00:00" or
// "+00" (what Django or another writer may have left); nothing else, no
// white space. InvalidArgument "datetime text '<text>' is not YYYY-MM-DD
// HH:MM:SS[.ffffff]" otherwise.
Result<int64_t> ParseStoredDatetime(std::string_view text);

// "YYYY-MM-DD HH:MM:SS" when the microseconds are 0, else
// "YYYY-MM-DD HH:MM:SS.ffffff" (how Django stores datetimes in SQLite).
// `micros` must be InDatetimeRange.
std::string FormatSqliteDatetime(int64_t micros);

// ISO-8601 text as `cat` prints it: "YYYY-MM-DD" for days since 1970-01-01,
// years outside 0000..9999 in the expanded form "+YYYYYY" / "-YYYYYY".
std::string IsoDateText(int64_t days);
// `ticks` of 10^-digits seconds within a day (0 <= ticks < a day) as
// "HH:MM:SS" then, when digits > 0, "." and exactly `digits` digits.
std::string IsoTimeOfDayText(int64_t ticks, int digits);
// "<date>T<time>Z" of `ticks` of 10^-digits seconds since 1970-01-01 UTC
// (digits 0..9): any int64 value, before 1970 included, without overflow.
std::string IsoTimestampText(int64_t ticks, int digits);

}  // namespace jao
