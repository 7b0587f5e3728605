// The canonical text of Parquet values, as `jao-ingest cat` prints them and
// as the conformance goldens (tests/parquet/conformance/README.md) spell
// them: timestamps as ISO-8601 UTC with the unit's digits and Z, DATE as
// YYYY-MM-DD, decimals as exact text in a string, integers (unsigned ones
// as unsigned, parquet/logical.h) as numbers below 2^53 else strings, floats in
// ECMAScript's shortest round-trip form with NaN / Infinity / -Infinity as
// strings, STRING / ENUM / JSON byte arrays as strings and other bytes as
// {"base64": ...}, lists as arrays, null as null.
//
// In the reader's layer so that `cat` and the reader's conformance tests
// (tests/parquet/conformance) format alike.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "parquet/batch.h"

namespace jao::parquet {

// The text of a value whose logical type makes it more than its physical
// integer or bytes, as FormatCellJson prints it inside its quotes: DECIMAL
// on INT32 / INT64 / BYTE_ARRAY / FIXED_LEN_BYTE_ARRAY "21474836.47", DATE
// "2023-04-01", TIME "09:30:00.000", TIMESTAMP "2023-04-01T09:30:00.000Z".
// Nullopt for any other value, and for a decimal wider than 16 bytes.
// `values` holds slot `slot` (present) of a column described by `column`:
// a batch of it or the batch's dictionary. The rejects file's raw values
// (ingest/validators/cell.*) use it too.
std::optional<std::string> LogicalValueText(const ColumnDescriptor& column,
                                            const ColumnBatch& values,
                                            size_t slot);

// The JSON text of row `row` of `batch`: null, a value, or a list.
std::string FormatCellJson(const ColumnBatch& batch, int64_t row);

// The CSV field of row `row`, already quoted where CSV needs it; empty for
// null. Strings are their text, lists their JSON array.
std::string FormatCellCsv(const ColumnBatch& batch, int64_t row);

// An INT96 timestamp's text, unquoted, with 9 fraction digits: the Julian
// day and the nanoseconds both signed (parquet.thrift orders INT96
// timestamps so), any stored value, never wrapped:
// "-294554-12-13T14:58:10.448384000Z". `cat` and the rejects file show it.
std::string Int96Text(const Int96& value);

// `text` as one CSV field: quoted (quotes doubled) when it holds a comma, a
// quote or a line break, else as it is. Headers and values use it alike.
std::string CsvField(std::string_view text);

// `text` as a JSON string literal, quotes included; invalid UTF-8 is
// replaced by U+FFFD.
std::string JsonString(std::string_view text);

}  // namespace jao::parquet
