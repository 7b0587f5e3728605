// The number_of_applications rule: INT32 / INT64 / FLOAT / DOUBLE / DECIMAL;
// null, NaN and -1 are absent (NULL); -0 is 0; below zero, fractional or
// above 2147483647 rejects the row.
#pragma once

#include <cstdint>
#include <optional>

#include "ingest/validators/cell.h"

namespace jao::ingest {

Status CheckCountColumn(const parquet::ColumnDescriptor& column);

// Reasons: "negative count", "fractional count", "count above 2147483647",
// "not a finite number".
Outcome<std::optional<int64_t>> ValidateCount(const Cell& cell);

}  // namespace jao::ingest
