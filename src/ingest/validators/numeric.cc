#include "ingest/validators/numeric.h"

#include <algorithm>
#include <cmath>

#include "common/decimal.h"
#include "parquet/logical.h"

namespace jao::ingest {
namespace {

using parquet::LogicalTypeKind;
using parquet::Type;

bool IsDecimal(const parquet::ColumnDescriptor& column) {
  return column.logical_type.kind == LogicalTypeKind::DECIMAL;
}

NumericText FromDouble(double v) {
  NumericText out;
  if (std::isnan(v)) {
    out.is_nan = true;
  } else if (std::isinf(v)) {
    out.is_infinite = true;
  } else {
    out.text = ShortestDecimalText(v);
  }
  return out;
}

}  // namespace

bool IsNumericColumn(const parquet::ColumnDescriptor& column) {
  if (column.is_list) return false;
  switch (column.physical_type) {
    case Type::INT32:
    case Type::INT64:
      return column.logical_type.kind == LogicalTypeKind::kNone ||
             column.logical_type.kind == LogicalTypeKind::INTEGER ||
             IsDecimal(column);
    case Type::FLOAT:
    case Type::DOUBLE:
      return true;
    case Type::BYTE_ARRAY:
    case Type::FIXED_LEN_BYTE_ARRAY:
      return IsDecimal(column);
    default:
      return false;
  }
}

std::optional<NumericText> ReadNumeric(const Cell& cell) {
  const parquet::ColumnDescriptor& column = *cell.column;
  if (IsDecimal(column)) {
    // Any physical type, as the reader decoded it.
    std::optional<Int128> unscaled = DecimalOf(cell);
    if (!unscaled) return std::nullopt;
    return NumericText{false, false,
                       ScaledDecimalText(*unscaled, column.logical_type.scale)};
  }
  switch (column.physical_type) {
    case Type::INT32:
      // Unsigned annotations read as unsigned: UINT32 4294967295 is not -1.
      return NumericText{
          false, false,
          ScaledDecimalText(IntegerValue(column, Int32Of(cell)), 0)};
    case Type::INT64:
      return NumericText{
          false, false,
          ScaledDecimalText(IntegerValue(column, Int64Of(cell)), 0)};
    case Type::FLOAT:
      // A float widened to double would show binary noise (0.1f is
      // 0.100000001...); its own shortest text is what the writer meant.
      {
        float f = FloatOf(cell);
        if (!std::isfinite(f)) return FromDouble(f);
        return NumericText{false, false, ShortestDecimalText(f)};
      }
    case Type::DOUBLE:
      return FromDouble(DoubleOf(cell));
    default:
      return std::nullopt;
  }
}

}  // namespace jao::ingest
