#include "common/decimal.h"

#include <array>
#include <charconv>
#include <cmath>
#include <limits>

namespace jao {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// value = value * 10 + digit, false on int64 overflow.
bool AppendDigit(int64_t* value, int digit) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  if (*value > (kMax - digit) / 10) return false;
  *value = *value * 10 + digit;
  return true;
}

}  // namespace

Result<int64_t> ParseDecimalHundredths(std::string_view text) {
  const Status kNotDecimal =
      Status::InvalidArgument("not a plain decimal number");
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && text[i] == '-') {
    negative = true;
    ++i;
  }
  size_t int_begin = i;
  while (i < text.size() && IsDigit(text[i])) ++i;
  std::string_view int_digits = text.substr(int_begin, i - int_begin);
  std::string_view frac_digits;
  if (i < text.size() && text[i] == '.') {
    size_t frac_begin = ++i;
    while (i < text.size() && IsDigit(text[i])) ++i;
    frac_digits = text.substr(frac_begin, i - frac_begin);
    if (frac_digits.empty()) return kNotDecimal;
  } else if (int_digits.empty()) {
    return kNotDecimal;
  }
  if (i != text.size()) return kNotDecimal;

  const Status kOutOfRange = Status::InvalidArgument("out of range");
  int64_t magnitude = 0;
  for (char c : int_digits) {
    if (!AppendDigit(&magnitude, c - '0')) return kOutOfRange;
  }
  for (size_t k = 0; k < 2; ++k) {
    int digit = k < frac_digits.size() ? frac_digits[k] - '0' : 0;
    if (!AppendDigit(&magnitude, digit)) return kOutOfRange;
  }
  // Half away from zero on the magnitude: the rest is >= 0.005 exactly when
  // the third fraction digit is 5 or more.
  if (frac_digits.size() > 2 && frac_digits[2] >= '5') {
    if (magnitude == std::numeric_limits<int64_t>::max()) return kOutOfRange;
    ++magnitude;
  }
  return negative ? -magnitude : magnitude;
}

bool IsBelowZero(std::string_view text) {
  return !text.empty() && text.front() == '-' &&
         text.find_first_of("123456789") != std::string_view::npos;
}

std::string ShortestDecimalText(double value) {
  // DBL_MAX in fixed notation is 309 digits; a subnormal's shortest form is
  // under 330 characters.
  std::array<char, 400> buffer;
  auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(),
                                 value, std::chars_format::fixed);
  if (ec != std::errc()) return std::string();
  return std::string(buffer.data(), end);
}

std::string ShortestDecimalText(float value) {
  std::array<char, 100> buffer;
  auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(),
                                 value, std::chars_format::fixed);
  if (ec != std::errc()) return std::string();
  return std::string(buffer.data(), end);
}

Result<int64_t> DoubleToHundredths(double value) {
  if (std::isnan(value)) return Status::InvalidArgument("not a number");
  // 9.3e16 hundredths is the int64 limit; anything beyond cannot be stored.
  if (!std::isfinite(value) || std::fabs(value) >= 1e17) {
    return Status::InvalidArgument("out of range");
  }
  return ParseDecimalHundredths(ShortestDecimalText(value));
}

std::optional<Int128> BigEndianInt128(std::string_view bytes) {
  __extension__ using UInt128 = unsigned __int128;
  if (bytes.empty() || bytes.size() > 16) return std::nullopt;
  UInt128 v =
      static_cast<uint8_t>(bytes[0]) & 0x80 ? ~static_cast<UInt128>(0) : 0;
  for (char b : bytes) v = (v << 8) | static_cast<uint8_t>(b);
  return static_cast<Int128>(v);
}

std::string ScaledDecimalText(Int128 unscaled, int32_t scale) {
  __extension__ using UInt128 = unsigned __int128;
  const bool negative = unscaled < 0;
  UInt128 magnitude = negative ? -static_cast<UInt128>(unscaled)
                               : static_cast<UInt128>(unscaled);
  std::string digits;  // least significant first
  do {
    digits.push_back(static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  } while (magnitude != 0);
  const size_t fraction = scale > 0 ? static_cast<size_t>(scale) : 0;
  while (digits.size() <= fraction) digits.push_back('0');
  std::string out = negative ? "-" : "";
  for (size_t i = digits.size(); i-- > 0;) {
    out.push_back(digits[i]);
    if (i == fraction && fraction > 0) out.push_back('.');
  }
  if (scale < 0 && unscaled != 0) out.append(static_cast<size_t>(-scale), '0');
  return out;
}

std::string FormatHundredths(int64_t hundredths) {
  uint64_t magnitude = hundredths < 0 ? 0 - static_cast<uint64_t>(hundredths)
                                      : static_cast<uint64_t>(hundredths);
  std::string out = hundredths < 0 ? "-" : "";
  out += std::to_string(magnitude / 100);
  out.push_back('.');
  out.push_back(static_cast<char>('0' + magnitude % 100 / 10));
  out.push_back(static_cast<char>('0' + magnitude % 10));
  return out;
}

}  // namespace jao
