#include "ingest/validators/statistic.h"

#include "common/decimal.h"
#include "ingest/validators/numeric.h"
#include "ingest/validators/sentinel.h"

namespace jao::ingest {
namespace {

bool HasNonZeroDigit(std::string_view text) {
  return text.find_first_of("123456789") != std::string_view::npos;
}

}  // namespace

Status CheckPercentColumn(const parquet::ColumnDescriptor& column) {
  if (IsNumericColumn(column)) return Status::Ok();
  return WrongType(column, "a number");
}

Outcome<std::optional<int32_t>> ValidatePercent(const Cell& cell) {
  if (cell.is_null) return std::optional<int32_t>();
  std::optional<NumericText> number = ReadNumeric(cell);
  if (!number) return Reject(cell, "percent outside 0..100");
  if (IsAbsentNumber(cell, *number)) return std::optional<int32_t>();
  if (number->is_infinite) return Reject(cell, "percent outside 0..100");
  const std::string& text = number->text;
  Result<int64_t> hundredths = ParseDecimalHundredths(text);
  // Checked on the exact text, not the rounded value: 100.004 rounds to
  // 100.00 but is above 100, and -0.001 rounds to 0 but is negative.
  if (!hundredths.ok() || IsBelowZero(text) || *hundredths > 10000 ||
      (*hundredths == 10000 && text.compare(0, 4, "100.") == 0 &&
       HasNonZeroDigit(std::string_view(text).substr(4)))) {
    return Reject(cell, "percent outside 0..100");
  }
  return std::optional<int32_t>(static_cast<int32_t>(*hundredths));
}

}  // namespace jao::ingest
