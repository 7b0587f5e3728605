// Logical values: the reader's last stage. What a column's physical values
// mean, decoded once a batch (and once a dictionary, for every entry), so
// that callers read instants and exact decimals instead of units, day counts
// and byte layouts:
//
//   TIMESTAMP (MILLIS, MICROS, NANOS) on INT64, INT96, DATE on INT32
//     -> ColumnBatch::instants_us: microseconds since 1970-01-01 UTC (NANOS
//        floor-divided, INT96's nanoseconds carried into its days);
//        kInstantOutOfRange where the instant does not fit int64
//        microseconds, never wrapped.
//   DECIMAL on INT32, INT64, BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY
//     -> ColumnBatch::decimals: the unscaled integer (the scale is the
//        column's); nullopt where wider than 16 bytes (precision above 38).
//   INT(bitWidth, isSigned=false), legacy UINT_8..UINT_64, on INT32, INT64
//     -> IntegerValue (computed on demand, one cast): the stored bits read
//        as an unsigned 32- or 64-bit number (INT32 -1 is 4294967295, INT64
//        -1 is 2^64-1); a value beyond a narrower width is kept as stored,
//        never cut to it (LogicalTypes.md leaves it to the reader; signed
//        ones are not cut either).
//
// Physical values stay beside them: `cat` prints a timestamp with its own
// unit's digits. The calendar is common/timestamp.*.
#pragma once

#include <cstdint>

#include "common/decimal.h"
#include "parquet/batch.h"
#include "parquet/schema.h"

namespace jao::parquet {

enum class LogicalValues { kNone, kInstant, kDecimal };

// Which logical values the reader decodes for `column`.
LogicalValues LogicalValuesOf(const ColumnDescriptor& column);

// True for an INT32 / INT64 column annotated as an unsigned integer.
bool IsUnsignedInteger(const ColumnDescriptor& column);

// The integer an INT32 / INT64 column's stored value `stored` (the slot of
// int32s or int64s, as the file holds it) stands for: unsigned for
// IsUnsignedInteger columns, else `stored` itself. Every reader of integer
// values goes through it (`cat`'s text, the ingest validators).
Int128 IntegerValue(const ColumnDescriptor& column, int64_t stored);

// Fills batch->instants_us or batch->decimals, one entry for every slot of
// the typed array of batch->column's physical type (list elements
// included); null slots get whatever their placeholder value decodes to.
// Does nothing for a column without logical values.
void DecodeLogicalValues(ColumnBatch* batch);

}  // namespace jao::parquet
