#include "ingest/validators/timestamp.h"

#include <optional>

#include "common/timestamp.h"
#include "ingest/validators/text.h"

namespace jao::ingest {
namespace {

using parquet::LogicalTypeKind;
using parquet::TimeUnit;
using parquet::Type;

bool IsTimestampInt64(const parquet::ColumnDescriptor& column) {
  return column.physical_type == Type::INT64 &&
         column.logical_type.kind == LogicalTypeKind::TIMESTAMP &&
         column.logical_type.unit != TimeUnit::kNone;
}

bool IsDateInt32(const parquet::ColumnDescriptor& column) {
  return column.physical_type == Type::INT32 &&
         column.logical_type.kind == LogicalTypeKind::DATE;
}

std::optional<int64_t> FromInt64(int64_t value, TimeUnit unit) {
  switch (unit) {
    case TimeUnit::MILLIS:
      return MicrosFromMillis(value);
    case TimeUnit::MICROS:
      return value;
    case TimeUnit::NANOS:
      return MicrosFromNanos(value);
    default:
      return std::nullopt;
  }
}

}  // namespace

Status CheckTimestampColumn(const parquet::ColumnDescriptor& column) {
  if (!column.is_list &&
      (IsTimestampInt64(column) || IsDateInt32(column) ||
       column.physical_type == Type::INT96 || IsStringColumn(column))) {
    return Status::Ok();
  }
  return WrongType(column, "a timestamp, a date or a string");
}

Outcome<int64_t> ValidateTimestamp(const Cell& cell) {
  if (cell.is_null) return Reject(cell, "missing timestamp");
  std::optional<int64_t> micros;
  const parquet::ColumnDescriptor& column = *cell.column;
  if (column.physical_type == Type::INT64) {
    micros = FromInt64(Int64Of(cell), column.logical_type.unit);
  } else if (column.physical_type == Type::INT32) {
    micros = MicrosFromDays(Int32Of(cell));
  } else if (column.physical_type == Type::INT96) {
    parquet::Int96 v = Int96Of(cell);
    micros = MicrosFromInt96(v.nanos_of_day, v.julian_day);
  } else {
    std::string_view text = StringOf(cell);
    if (std::optional<std::string> reason = TextProblem(text)) {
      return Reject(cell, *reason);
    }
    Result<int64_t> parsed = ParseIsoTimestamp(text);
    if (!parsed.ok()) return Reject(cell, parsed.status().message());
    micros = *parsed;
  }
  if (!micros || !InDatetimeRange(*micros)) {
    return Reject(cell, "timestamp outside years 1..9999");
  }
  return *micros;
}

}  // namespace jao::ingest
