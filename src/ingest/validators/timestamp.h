// The timestamp rule (row_last_updated, live_date, closing_date): a column
// the reader gives instants for (INT64 TIMESTAMP of any unit, INT96, INT32
// DATE: parquet/logical.h), or an ISO-8601 string; naive values are UTC.
// Result in microseconds since the epoch, within years 1..9999.
#pragma once

#include <cstdint>

#include "ingest/validators/cell.h"

namespace jao::ingest {

Status CheckTimestampColumn(const parquet::ColumnDescriptor& column);

// Reasons: "missing timestamp", "not an iso-8601 timestamp",
// "timestamp outside years 1..9999", plus the text rule's.
Outcome<int64_t> ValidateTimestamp(const Cell& cell);

}  // namespace jao::ingest
