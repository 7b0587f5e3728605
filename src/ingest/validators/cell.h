// One value of a ColumnBatch as the validators see it, and what a validator
// returns: a value or a Rejection (column, raw value as JSON, reason).
//
// A Cell points at the typed arrays holding its value: the batch itself, or
// the batch's dictionary when the column is dictionary-encoded, so the same
// validator code runs on a row and on a dictionary entry (see
// dictionary_memo.h).
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "common/status.h"
#include "parquet/batch.h"

namespace jao::ingest {

struct Cell {
  const parquet::ColumnDescriptor* column = nullptr;
  const parquet::ColumnBatch* values = nullptr;  // batch or its dictionary
  // The batch's owner of `values` when from_dictionary (else null), so a
  // cache can keep the dictionary alive while it holds results for it.
  const std::shared_ptr<const parquet::ColumnBatch>* dictionary = nullptr;
  int64_t index = 0;  // slot in `values`
  bool is_null = true;
  bool from_dictionary = false;
};

// The cell of `row` (0-based in the batch) of a non-list column. An empty
// validity vector means every row is present.
Cell CellAt(const parquet::ColumnBatch& batch, int64_t row);

// The element `element` of a list column's element arrays.
Cell ElementAt(const parquet::ColumnBatch& batch, int64_t element);

// Typed reads; the cell must be non-null and of that physical type.
std::string_view StringOf(const Cell& cell);
int32_t Int32Of(const Cell& cell);
int64_t Int64Of(const Cell& cell);
double DoubleOf(const Cell& cell);
float FloatOf(const Cell& cell);
parquet::Int96 Int96Of(const Cell& cell);
// The logical values the reader decoded (parquet/logical.h); the cell must
// be non-null and its column have them. nullopt: an instant beyond int64
// microseconds, a decimal wider than 16 bytes.
std::optional<int64_t> InstantOf(const Cell& cell);
std::optional<Int128> DecimalOf(const Cell& cell);

// The raw value for a reject line, as the file holds it: null, a number (an
// unsigned integer column's as unsigned), or a string. DECIMAL, DATE, TIME
// and TIMESTAMP values are their text as `cat` prints it
// (parquet::LogicalValueText: "21474836.47", "2023-04-01",
// "2023-04-01T09:30:00.000Z"); INT96 its timestamp text
// (parquet::Int96Text, in or out of range); bytes that are UTF-8 a string,
// others (and decimals wider than 16 bytes) {"base64": ...}.
nlohmann::json RawValue(const Cell& cell);

struct Rejection {
  std::string column;
  nlohmann::json value;
  std::string reason;
};

Rejection Reject(const Cell& cell, std::string reason);

// A validator's answer: a T, or the Rejection of the whole row.
template <typename T>
class Outcome {
 public:
  Outcome(T value) : data_(std::move(value)) {}            // NOLINT
  Outcome(Rejection reject) : data_(std::move(reject)) {}  // NOLINT

  bool ok() const { return data_.index() == 0; }
  const T& value() const { return std::get<0>(data_); }
  const Rejection& rejection() const { return std::get<1>(data_); }

 private:
  std::variant<T, Rejection> data_;
};

// "INT64", "TIMESTAMP(MICROS, utc=false) (INT64)", "a list of STRING
// (BYTE_ARRAY)": how type errors name a column, its logical type (as
// `inspect` spells it) before its physical one.
std::string DescribeType(const parquet::ColumnDescriptor& column);

// InvalidArgument "column 'vacancy_title' is INT64, expected a string".
Status WrongType(const parquet::ColumnDescriptor& column,
                 std::string_view expected);

// True when the column is a string (BYTE_ARRAY, any annotation but DECIMAL).
bool IsStringColumn(const parquet::ColumnDescriptor& column);

}  // namespace jao::ingest
