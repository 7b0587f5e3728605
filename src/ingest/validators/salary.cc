#include "ingest/validators/salary.h"

#include <string>

#include "common/decimal.h"
#include "common/text.h"
#include "ingest/validators/numeric.h"
#include "ingest/validators/sentinel.h"
#include "ingest/validators/text.h"

namespace jao::ingest {
namespace {

constexpr int64_t kLimitHundredths = 100'000'000LL * 100;  // 10^8

Outcome<std::optional<int64_t>> FromDecimalText(const Cell& cell,
                                                std::string_view text) {
  if (IsMinusOneText(text)) return std::optional<int64_t>();
  Result<int64_t> hundredths = ParseDecimalHundredths(text);
  if (!hundredths.ok()) {
    // An overlong number is still a number: too large, not malformed.
    if (hundredths.status().message() == "out of range") {
      return Reject(cell, IsBelowZero(text) ? "negative salary"
                                            : "salary of 100000000 or more");
    }
    return Reject(cell, hundredths.status().message());
  }
  // Decided on the text: "-0.001" rounds to 0 but is below zero.
  if (IsBelowZero(text)) return Reject(cell, "negative salary");
  if (*hundredths >= kLimitHundredths) {
    return Reject(cell, "salary of 100000000 or more");
  }
  return std::optional<int64_t>(*hundredths);
}

}  // namespace

Status CheckSalaryColumn(const parquet::ColumnDescriptor& column) {
  if (IsStringColumn(column) || IsNumericColumn(column)) return Status::Ok();
  return WrongType(column, "a string or a number");
}

Outcome<std::optional<int64_t>> ValidateSalary(const Cell& cell) {
  if (cell.is_null) return std::optional<int64_t>();
  if (IsStringColumn(*cell.column)) {
    std::string_view raw = StringOf(cell);
    if (std::optional<std::string> reason = TextProblem(raw)) {
      return Reject(cell, *reason);
    }
    std::string_view text = TrimWhiteSpace(raw);
    if (text.empty()) return std::optional<int64_t>();
    constexpr std::string_view kPound = "\xC2\xA3";
    if (text.substr(0, kPound.size()) == kPound)
      text.remove_prefix(kPound.size());
    std::string digits;
    digits.reserve(text.size());
    for (char c : text) {
      if (c != ',') digits.push_back(c);
    }
    if (digits.empty()) return Reject(cell, "not a plain decimal number");
    return FromDecimalText(cell, digits);
  }
  std::optional<NumericText> number = ReadNumeric(cell);
  if (!number) return Reject(cell, "decimal wider than 16 bytes");
  if (IsAbsentNumber(cell, *number)) return std::optional<int64_t>();
  if (number->is_infinite) return Reject(cell, "not a finite number");
  return FromDecimalText(cell, number->text);
}

}  // namespace jao::ingest
