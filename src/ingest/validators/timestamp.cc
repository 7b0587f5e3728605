#include "ingest/validators/timestamp.h"

#include <optional>

#include "common/timestamp.h"
#include "ingest/validators/text.h"
#include "parquet/logical.h"

namespace jao::ingest {
namespace {

bool HasInstants(const parquet::ColumnDescriptor& column) {
  return parquet::LogicalValuesOf(column) == parquet::LogicalValues::kInstant;
}

}  // namespace

Status CheckTimestampColumn(const parquet::ColumnDescriptor& column) {
  if (!column.is_list && (HasInstants(column) || IsStringColumn(column))) {
    return Status::Ok();
  }
  return WrongType(column, "a timestamp, a date or a string");
}

Outcome<int64_t> ValidateTimestamp(const Cell& cell) {
  if (cell.is_null) return Reject(cell, "missing timestamp");
  std::optional<int64_t> micros;
  if (HasInstants(*cell.column)) {
    micros = InstantOf(cell);  // decoded by the reader, every unit
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
