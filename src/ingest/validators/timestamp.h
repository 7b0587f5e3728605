// The timestamp rule (row_last_updated, live_date, closing_date): INT64
// TIMESTAMP in MILLIS / MICROS / NANOS (NANOS floor-divided), INT96, INT32
// DATE (midnight), or an ISO-8601 string; naive values are UTC. Result in
// microseconds since the epoch, within years 1..9999.
#pragma once

#include <cstdint>

#include "ingest/validators/cell.h"

namespace jao::ingest {

Status CheckTimestampColumn(const parquet::ColumnDescriptor& column);

// Reasons: "missing timestamp", "not an iso-8601 timestamp",
// "timestamp outside years 1..9999", plus the text rule's.
Outcome<int64_t> ValidateTimestamp(const Cell& cell);

}  // namespace jao::ingest
