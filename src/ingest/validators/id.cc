#include "ingest/validators/id.h"

#include "ingest/validators/numeric.h"
#include "ingest/validators/whole_number.h"

namespace jao::ingest {

Status CheckIdColumn(const parquet::ColumnDescriptor& column) {
  if (IsNumericColumn(column)) return Status::Ok();
  return WrongType(column, "an integer");
}

Outcome<int32_t> ValidateId(const Cell& cell) {
  if (cell.is_null) return Reject(cell, "missing vacancy_id");
  std::optional<NumericText> number = ReadNumeric(cell);
  if (!number || number->is_infinite) {
    return Reject(cell, "vacancy_id outside 1..2147483647");
  }
  if (number->is_nan) return Reject(cell, "missing vacancy_id");
  int64_t value = 0;
  switch (ReadWholeNumber(number->text, &value)) {
    case WholeNumber::kFractional:
      return Reject(cell, "fractional vacancy_id");
    case WholeNumber::kTooLarge:
      return Reject(cell, "vacancy_id outside 1..2147483647");
    case WholeNumber::kOk:
      break;
  }
  if (value < 1) return Reject(cell, "vacancy_id outside 1..2147483647");
  return static_cast<int32_t>(value);
}

}  // namespace jao::ingest
