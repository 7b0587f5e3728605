// The percent rule of statistic columns (<characteristic>__<group>): FLOAT /
// DOUBLE / INT / DECIMAL; null, NaN and -1 mean no row; 0..100 (-0 is 0)
// makes a row, rounded half away from zero to hundredths; anything else
// rejects the row.
#pragma once

#include <cstdint>
#include <optional>

#include "ingest/validators/cell.h"

namespace jao::ingest {

Status CheckPercentColumn(const parquet::ColumnDescriptor& column);

// Hundredths 0..10000, nullopt when absent. Reason: "percent outside 0..100".
Outcome<std::optional<int32_t>> ValidatePercent(const Cell& cell);

}  // namespace jao::ingest
