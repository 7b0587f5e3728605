// Columnar batches: what the reader hands to its callers.
//
// A RecordBatch holds up to N consecutive rows (N chosen by the caller) of
// the requested columns, one ColumnBatch each. Values are stored densely by
// row: slot i belongs to row i and is unspecified where validity[i] == 0.
//
// Lifetimes: a batch's values, strings included, are its own (strings are
// views into decoded page buffers that `buffers` keeps alive), so they may
// outlive the reader and move to another thread. Its descriptors are not:
// `column` (also the dictionary's) points into the FileReader's schema and
// is valid only while that FileReader lives.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "common/bytes.h"
#include "common/decimal.h"
#include "parquet/schema.h"

namespace jao::parquet {

// INT96 as stored: 8 bytes of nanoseconds in the day, then a 4-byte Julian day,
// both little-endian.
struct Int96 {
  uint64_t nanos_of_day = 0;
  uint32_t julian_day = 0;
};

// An instant beyond int64 microseconds in ColumnBatch::instants_us. The one
// representable instant it hides, exactly -2^63 us (year -292275), is as far
// outside any calendar a database holds.
inline constexpr int64_t kInstantOutOfRange =
    std::numeric_limits<int64_t>::min();

struct ColumnBatch {
  // Owned by the FileReader: valid while it lives, not as long as the batch.
  const ColumnDescriptor* column = nullptr;
  int64_t num_rows = 0;
  // Per row: 1 when the value (or, for lists, the list) is present.
  std::vector<uint8_t> validity;

  // Exactly one of these is filled, chosen by the physical type. For list
  // columns they hold the elements, see list_offsets; element nulls are in
  // element_validity. Integers are as stored (two's complement): the value
  // of an unsigned INTEGER column is IntegerValue's (parquet/logical.h).
  std::vector<uint8_t> booleans;  // BOOLEAN (0 / 1)
  std::vector<int32_t> int32s;    // INT32
  std::vector<int64_t> int64s;    // INT64
  std::vector<Int96> int96s;      // INT96
  std::vector<float> floats;      // FLOAT, and FLOAT16 widened
  std::vector<double> doubles;    // DOUBLE
  std::vector<std::string_view>
      byte_arrays;  // BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY

  // Logical values (parquet/logical.h), slot for slot beside the typed
  // array, for the columns that have them; filled by the reader for a batch
  // not served whole from its dictionary, and for the dictionary itself.
  // TIMESTAMP, INT96, DATE; kInstantOutOfRange where the instant does not
  // fit (8 bytes an entry: a dictionary may hold 128k of them).
  std::vector<int64_t> instants_us;
  std::vector<std::optional<Int128>> decimals;  // DECIMAL (unscaled)

  // When every present value of this batch came from the column chunk's
  // dictionary: the dictionary (all entries valid, same typed arrays as
  // above) and per-row indices into it. Null otherwise. The same dictionary
  // object is shared by every batch of one column chunk, so a caller can cache
  // per-entry work keyed by its address.
  std::shared_ptr<const ColumnBatch> dictionary;
  std::vector<int32_t> dictionary_indices;

  // List columns only: row i's elements are [list_offsets[i],
  // list_offsets[i+1]) of the typed array; size num_rows + 1.
  std::vector<int64_t> list_offsets;
  std::vector<uint8_t> element_validity;

  std::vector<SharedBuffer> buffers;  // keeps byte_arrays' memory alive
};

struct RecordBatch {
  int64_t first_row = 0;  // index in the file of this batch's first row
  int64_t num_rows = 0;
  int row_group = 0;
  std::vector<ColumnBatch> columns;  // in the order the caller asked
};

}  // namespace jao::parquet
