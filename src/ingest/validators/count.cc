#include "ingest/validators/count.h"

#include "common/decimal.h"
#include "ingest/validators/numeric.h"
#include "ingest/validators/sentinel.h"
#include "ingest/validators/whole_number.h"

namespace jao::ingest {

Status CheckCountColumn(const parquet::ColumnDescriptor& column) {
  if (IsNumericColumn(column)) return Status::Ok();
  return WrongType(column, "a number");
}

Outcome<std::optional<int64_t>> ValidateCount(const Cell& cell) {
  if (cell.is_null) return std::optional<int64_t>();
  std::optional<NumericText> number = ReadNumeric(cell);
  if (!number) return Reject(cell, "decimal wider than 16 bytes");
  if (IsAbsentNumber(cell, *number)) return std::optional<int64_t>();
  if (number->is_infinite) return Reject(cell, "not a finite number");
  if (IsBelowZero(number->text)) return Reject(cell, "negative count");
  int64_t value = 0;
  switch (ReadWholeNumber(number->text, &value)) {
    case WholeNumber::kFractional:
      return Reject(cell, "fractional count");
    case WholeNumber::kTooLarge:
      return Reject(cell, "count above 2147483647");
    case WholeNumber::kOk:
      break;
  }
  return std::optional<int64_t>(value);
}

}  // namespace jao::ingest
