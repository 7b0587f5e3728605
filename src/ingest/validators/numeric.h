// Reading a numeric cell whatever its physical form (INT32, INT64, FLOAT,
// DOUBLE, DECIMAL on INT32/INT64/BYTE_ARRAY/FIXED_LEN_BYTE_ARRAY) as exact
// decimal text, so every numeric rule rounds the way a person reading the
// file would: doubles via their shortest round-trip text, unsigned integers
// as unsigned (parquet/logical.h IntegerValue).
// Called by the salary, statistic, count and id validators.
#pragma once

#include <optional>
#include <string>

#include "ingest/validators/cell.h"

namespace jao::ingest {

// True for the physical/logical forms NumericText can read (not lists, not
// timestamps, not strings).
bool IsNumericColumn(const parquet::ColumnDescriptor& column);

struct NumericText {
  bool is_nan = false;  // FLOAT/DOUBLE NaN
  bool is_infinite = false;
  std::string text;  // "-1", "2.675", "12345.60"; empty when NaN/inf
};

// The cell's value; the cell must be non-null and IsNumericColumn. Nullopt
// for a DECIMAL wider than 16 bytes.
std::optional<NumericText> ReadNumeric(const Cell& cell);

}  // namespace jao::ingest
