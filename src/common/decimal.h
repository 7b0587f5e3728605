// Exact decimals as int64 hundredths (decimal(10,2) in the database is
// value * 100). Text is parsed digit by digit, never through a double, and
// rounded half away from zero to two places. A double is first written as its
// shortest round-trip decimal text (like Python's repr), so 2.675 becomes
// "2.675" and rounds to 2.68, as a person reading the file would expect.
// Called by ingest/validators/{salary,statistic}.* and the loaders (Format).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace jao {

// Parses `-?[0-9]+(\.[0-9]+)?` or `-?[0-9]*\.[0-9]+` into hundredths, rounded
// half away from zero: "1000.125" -> 100013, "-0.005" -> -1.
// InvalidArgument "not a plain decimal number" for anything else (signs other
// than one leading '-', spaces, exponents, empty text) and "out of range" when
// the hundredths do not fit in an int64.
Result<int64_t> ParseDecimalHundredths(std::string_view text);

// True when plain decimal text (ParseDecimalHundredths' form, or
// ShortestDecimalText's) is below zero: a leading '-' and a digit other than
// 0. "-0", "-0.00" and a double's -0.0 ("-0") are zero, not negative (the
// spec: -0 is 0); "-0.001" is below zero though it rounds to 0.00. The one
// sign rule of the salary, count and percent validators.
bool IsBelowZero(std::string_view text);

// The shortest decimal text that reads back as `value`, in fixed notation
// (no exponent): 2.675 -> "2.675", 1e20 -> "100000000000000000000".
// `value` must be finite.
std::string ShortestDecimalText(double value);
// The same for a float's own shortest text: 0.1f -> "0.1".
std::string ShortestDecimalText(float value);

// ShortestDecimalText then ParseDecimalHundredths. InvalidArgument "not a
// number" for NaN, "out of range" for infinities and huge values.
Result<int64_t> DoubleToHundredths(double value);

// DECIMAL's unscaled integers: 16 bytes hold precision 38.
__extension__ using Int128 = __int128;

// A big-endian two's complement integer of 1..16 bytes, as DECIMAL stores
// it in byte arrays; nullopt when empty or wider.
std::optional<Int128> BigEndianInt128(std::string_view bytes);

// `unscaled` x 10^-scale as exact decimal text: (12345, 2) -> "123.45",
// (-5, 3) -> "-0.005", (7, -2) -> "700", (0, -2) -> "0".
std::string ScaledDecimalText(Int128 unscaled, int32_t scale);

// Hundredths as decimal text with two places: 1234560 -> "12345.60",
// -5 -> "-0.05".
std::string FormatHundredths(int64_t hundredths);

}  // namespace jao
