#include "ingest/validators/cell.h"

#include <cmath>

#include "common/base64.h"
#include "common/utf8.h"
#include "parquet/logical.h"
#include "parquet/types.h"
#include "parquet/value_text.h"

namespace jao::ingest {

using parquet::ColumnBatch;
using parquet::Type;

Cell CellAt(const ColumnBatch& batch, int64_t row) {
  Cell cell;
  cell.column = batch.column;
  cell.is_null = !batch.validity.empty() && batch.validity[row] == 0;
  if (batch.dictionary && !cell.is_null) {
    cell.values = batch.dictionary.get();
    cell.dictionary = &batch.dictionary;
    cell.index = batch.dictionary_indices[row];
    cell.from_dictionary = true;
  } else {
    cell.values = &batch;
    cell.index = row;
  }
  return cell;
}

Cell ElementAt(const ColumnBatch& batch, int64_t element) {
  Cell cell;
  cell.column = batch.column;
  cell.is_null =
      !batch.element_validity.empty() && batch.element_validity[element] == 0;
  if (batch.dictionary && !cell.is_null) {
    cell.values = batch.dictionary.get();
    cell.dictionary = &batch.dictionary;
    cell.index = batch.dictionary_indices[element];
    cell.from_dictionary = true;
  } else {
    cell.values = &batch;
    cell.index = element;
  }
  return cell;
}

std::string_view StringOf(const Cell& c) {
  return c.values->byte_arrays[c.index];
}
int32_t Int32Of(const Cell& c) { return c.values->int32s[c.index]; }
int64_t Int64Of(const Cell& c) { return c.values->int64s[c.index]; }
double DoubleOf(const Cell& c) { return c.values->doubles[c.index]; }
float FloatOf(const Cell& c) { return c.values->floats[c.index]; }
parquet::Int96 Int96Of(const Cell& c) { return c.values->int96s[c.index]; }
std::optional<int64_t> InstantOf(const Cell& c) {
  int64_t micros = c.values->instants_us[c.index];
  if (micros == parquet::kInstantOutOfRange) return std::nullopt;
  return micros;
}
std::optional<Int128> DecimalOf(const Cell& c) {
  return c.values->decimals[c.index];
}

namespace {

// Unsigned annotations as unsigned: a UINT64 of 2^64-1 is shown as such,
// not as -1.
nlohmann::json IntegerJson(const parquet::ColumnDescriptor& column,
                           int64_t stored) {
  if (parquet::IsUnsignedInteger(column)) {
    return static_cast<uint64_t>(parquet::IntegerValue(column, stored));
  }
  return stored;
}

}  // namespace

nlohmann::json RawValue(const Cell& cell) {
  if (cell.is_null) return nullptr;
  // The value as the file holds it: DECIMAL 21474836.47, not its unscaled
  // 2147483647 (which reads as another id); dates and instants as `cat`
  // prints them.
  if (std::optional<std::string> text = parquet::LogicalValueText(
          *cell.column, *cell.values, static_cast<size_t>(cell.index))) {
    return *std::move(text);
  }
  switch (cell.column->physical_type) {
    case Type::BOOLEAN:
      return cell.values->booleans[cell.index] != 0;
    case Type::INT32:
      return IntegerJson(*cell.column, Int32Of(cell));
    case Type::INT64:
      return IntegerJson(*cell.column, Int64Of(cell));
    case Type::INT96:
      // As `cat` prints it, whatever its range: one reading of the bytes.
      return parquet::Int96Text(Int96Of(cell));
    case Type::FLOAT:
    case Type::DOUBLE: {
      double v = cell.column->physical_type == Type::FLOAT ? FloatOf(cell)
                                                           : DoubleOf(cell);
      // JSON has no NaN or infinity; they travel as text.
      if (std::isnan(v)) return "NaN";
      if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
      return v;
    }
    case Type::BYTE_ARRAY:
    case Type::FIXED_LEN_BYTE_ARRAY: {
      // Exact: bytes that are not UTF-8 text, and a decimal too wide to
      // scale, as {"base64": ...}, as `cat` writes them (a replacement
      // character would lose them).
      const std::string_view bytes = StringOf(cell);
      if (IsValidUtf8(bytes) &&
          cell.column->logical_type.kind != parquet::LogicalTypeKind::DECIMAL) {
        return std::string(bytes);
      }
      return nlohmann::json{{"base64", Base64(bytes)}};
    }
  }
  return nullptr;
}

Rejection Reject(const Cell& cell, std::string reason) {
  return Rejection{cell.column->name, RawValue(cell), std::move(reason)};
}

std::string DescribeType(const parquet::ColumnDescriptor& column) {
  // The logical type first: a TIMESTAMP on INT64 is refused as a timestamp,
  // not as an INT64.
  std::string type = parquet::TypeName(column.physical_type);
  if (column.logical_type.kind != parquet::LogicalTypeKind::kNone) {
    type = parquet::LogicalTypeText(column.logical_type) + " (" + type + ")";
  }
  return column.is_list ? "a list of " + type : type;
}

Status WrongType(const parquet::ColumnDescriptor& column,
                 std::string_view expected) {
  return Status::InvalidArgument("column '" + column.name + "' is " +
                                 DescribeType(column) + ", expected " +
                                 std::string(expected));
}

bool IsStringColumn(const parquet::ColumnDescriptor& column) {
  return !column.is_list && column.physical_type == Type::BYTE_ARRAY &&
         column.logical_type.kind != parquet::LogicalTypeKind::DECIMAL;
}

}  // namespace jao::ingest
