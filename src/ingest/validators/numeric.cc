#include "ingest/validators/numeric.h"

#include <algorithm>
#include <cmath>

#include "common/decimal.h"

namespace jao::ingest {
namespace {

using parquet::LogicalTypeKind;
using parquet::Type;

// DECIMAL byte arrays hold up to 16 bytes (precision 38).
__extension__ using Int128 = __int128;
__extension__ using UInt128 = unsigned __int128;

bool IsDecimal(const parquet::ColumnDescriptor& column) {
  return column.logical_type.kind == LogicalTypeKind::DECIMAL;
}

// An unscaled decimal integer as text with `scale` fraction digits.
std::string ScaleText(Int128 unscaled, int32_t scale) {
  bool negative = unscaled < 0;
  UInt128 magnitude = negative ? -static_cast<UInt128>(unscaled)
                               : static_cast<UInt128>(unscaled);
  std::string reversed;  // least significant digit first
  do {
    reversed.push_back(
        static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  } while (magnitude != 0);
  size_t fraction = scale > 0 ? static_cast<size_t>(scale) : 0;
  while (reversed.size() <= fraction) reversed.push_back('0');
  std::string out;
  out.reserve(reversed.size() + 2 + (scale < 0 ? -scale : 0));
  if (negative) out.push_back('-');
  for (size_t i = reversed.size(); i-- > 0;) {
    out.push_back(reversed[i]);
    if (i == fraction && fraction > 0) out.push_back('.');
  }
  for (int32_t i = scale; i < 0; ++i) out.push_back('0');
  return out;
}

// Big-endian two's complement, as DECIMAL stores it in byte arrays.
std::optional<Int128> BigEndianSigned(std::string_view bytes) {
  if (bytes.empty() || bytes.size() > 16) return std::nullopt;
  UInt128 v =
      static_cast<uint8_t>(bytes[0]) & 0x80 ? ~static_cast<UInt128>(0) : 0;
  for (char b : bytes) v = (v << 8) | static_cast<uint8_t>(b);
  return static_cast<Int128>(v);
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
  int32_t scale = IsDecimal(column) ? column.logical_type.scale : 0;
  switch (column.physical_type) {
    case Type::INT32:
      return NumericText{false, false, ScaleText(Int32Of(cell), scale)};
    case Type::INT64:
      return NumericText{false, false, ScaleText(Int64Of(cell), scale)};
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
    case Type::BYTE_ARRAY:
    case Type::FIXED_LEN_BYTE_ARRAY: {
      std::optional<Int128> unscaled = BigEndianSigned(StringOf(cell));
      if (!unscaled) return std::nullopt;
      return NumericText{false, false, ScaleText(*unscaled, scale)};
    }
    default:
      return std::nullopt;
  }
}

}  // namespace jao::ingest
