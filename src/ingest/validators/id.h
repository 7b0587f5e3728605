// The vacancy_id rule: INT64 / INT32 (DOUBLE and DECIMAL also read when
// whole); null or outside 1..2147483647 rejects the row.
#pragma once

#include <cstdint>

#include "ingest/validators/cell.h"

namespace jao::ingest {

Status CheckIdColumn(const parquet::ColumnDescriptor& column);

// Reasons: "missing vacancy_id", "vacancy_id outside 1..2147483647",
// "fractional vacancy_id".
Outcome<int32_t> ValidateId(const Cell& cell);

}  // namespace jao::ingest
