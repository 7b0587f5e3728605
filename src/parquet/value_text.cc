#include "parquet/value_text.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string_view>
#include <vector>

#include "common/base64.h"
#include "common/decimal.h"
#include "common/timestamp.h"
#include "common/utf8.h"
#include "parquet/logical.h"

namespace jao::parquet {
namespace {

int UnitDigits(TimeUnit unit) {
  return unit == TimeUnit::MILLIS ? 3 : unit == TimeUnit::MICROS ? 6 : 9;
}

// Shortest round-trip digits laid out as ECMAScript Number::toString does:
// plain notation for decimal exponents -6..20, else d.ddde+N.
template <typename F>
std::string FloatText(F value) {
  if (std::isnan(value)) return "\"NaN\"";
  if (std::isinf(value)) return value > 0 ? "\"Infinity\"" : "\"-Infinity\"";
  if (value == 0) return std::signbit(value) ? "-0" : "0";
  char text[64];
  auto result = std::to_chars(text, text + sizeof text, value,
                              std::chars_format::scientific);
  std::string_view sci(text, result.ptr - text);
  std::string sign;
  if (sci.front() == '-') {
    sign = "-";
    sci.remove_prefix(1);
  }
  size_t e = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e)) {
    if (c != '.') digits += c;
  }
  int n = std::stoi(std::string(sci.substr(e + 1))) + 1;
  int k = static_cast<int>(digits.size());
  std::string out;
  if (k <= n && n <= 21) {
    out = digits + std::string(static_cast<size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out = digits.substr(0, n) + "." + digits.substr(n);
  } else if (-6 < n && n <= 0) {
    out = "0." + std::string(static_cast<size_t>(-n), '0') + digits;
  } else {
    out = digits.substr(0, 1);
    if (k > 1) out += "." + digits.substr(1);
    out += (n - 1 >= 0 ? "e+" : "e-") + std::to_string(std::abs(n - 1));
  }
  return sign + out;
}

// Integers beyond what a double holds exactly (2^53) are quoted.
std::string IntegerText(Int128 value) {
  constexpr Int128 kTwo53 = Int128{1} << 53;
  std::string text = ScaledDecimalText(value, 0);
  return -kTwo53 < value && value < kTwo53 ? text : "\"" + text + "\"";
}

std::string Quoted(const std::string& text) { return JsonString(text); }

bool IsText(LogicalTypeKind kind) {
  return kind == LogicalTypeKind::STRING || kind == LogicalTypeKind::ENUM ||
         kind == LogicalTypeKind::JSON;
}

// An INT32 (`is_int64` false) or INT64 value's logical text: DATE on INT32
// and TIMESTAMP on INT64 only, as the format pairs them; TIME and DECIMAL
// on either.
std::optional<std::string> IntegerLogicalText(const LogicalType& logical,
                                              int64_t value, bool is_int64) {
  switch (logical.kind) {
    case LogicalTypeKind::DATE:
      if (!is_int64) return IsoDateText(value);
      break;
    case LogicalTypeKind::TIMESTAMP:
      if (is_int64) return IsoTimestampText(value, UnitDigits(logical.unit));
      break;
    case LogicalTypeKind::TIME:
      return IsoTimeOfDayText(value, UnitDigits(logical.unit));
    case LogicalTypeKind::DECIMAL:
      return ScaledDecimalText(value, logical.scale);
    default:
      break;
  }
  return std::nullopt;
}

// Bytes without a logical value text: a decimal wider than 16 bytes
// (precision above 38) is shown as its bytes.
std::string BytesJson(const ColumnDescriptor& column, std::string_view bytes) {
  if (IsText(column.logical_type.kind) && IsValidUtf8(bytes)) {
    return JsonString(bytes);
  }
  return "{\"base64\":\"" + Base64(bytes) + "\"}";
}

std::string Int64Json(const ColumnDescriptor& column, int64_t value) {
  return IntegerText(IntegerValue(column, value));
}

std::string Int32Json(const ColumnDescriptor& column, int32_t value) {
  return IntegerText(IntegerValue(column, value));
}

// The JSON text of slot `slot` (present) of the typed array.
std::string SlotJson(const ColumnBatch& batch, size_t slot) {
  const ColumnDescriptor& column = *batch.column;
  if (column.logical_type.kind == LogicalTypeKind::FLOAT16) {
    return FloatText(batch.floats[slot]);
  }
  if (std::optional<std::string> text = LogicalValueText(column, batch, slot)) {
    return Quoted(*text);
  }
  switch (column.physical_type) {
    case Type::BOOLEAN:
      return batch.booleans[slot] ? "true" : "false";
    case Type::INT32:
      return Int32Json(column, batch.int32s[slot]);
    case Type::INT64:
      return Int64Json(column, batch.int64s[slot]);
    case Type::INT96:
      return Quoted(Int96Text(batch.int96s[slot]));
    case Type::FLOAT:
      return FloatText(batch.floats[slot]);
    case Type::DOUBLE:
      return FloatText(batch.doubles[slot]);
    case Type::BYTE_ARRAY:
    case Type::FIXED_LEN_BYTE_ARRAY:
      return BytesJson(column, batch.byte_arrays[slot]);
  }
  return "null";
}

bool IsStringLike(const ColumnBatch& batch, size_t slot) {
  const ColumnDescriptor& column = *batch.column;
  return (column.physical_type == Type::BYTE_ARRAY ||
          column.physical_type == Type::FIXED_LEN_BYTE_ARRAY) &&
         IsText(column.logical_type.kind) &&
         IsValidUtf8(batch.byte_arrays[slot]);
}

}  // namespace

std::optional<std::string> LogicalValueText(const ColumnDescriptor& column,
                                            const ColumnBatch& values,
                                            size_t slot) {
  const LogicalType& logical = column.logical_type;
  switch (column.physical_type) {
    case Type::INT32:
      return IntegerLogicalText(logical, values.int32s[slot], false);
    case Type::INT64:
      return IntegerLogicalText(logical, values.int64s[slot], true);
    case Type::BYTE_ARRAY:
    case Type::FIXED_LEN_BYTE_ARRAY:
      if (logical.kind == LogicalTypeKind::DECIMAL) {
        if (std::optional<Int128> unscaled =
                BigEndianInt128(values.byte_arrays[slot])) {
          return ScaledDecimalText(*unscaled, logical.scale);
        }
      }
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

std::string Int96Text(const Int96& value) {
  // Days and nanoseconds kept apart: an instant beyond int64 nanoseconds
  // (before 1677, after 2262) must not wrap.
  const Int96Instant instant = SplitInt96(value.nanos_of_day, value.julian_day);
  return IsoDateText(instant.days) + "T" +
         IsoTimeOfDayText(instant.nanos_of_day, 9) + "Z";
}

std::string CsvField(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    return std::string(text);
  }
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string JsonString(std::string_view raw) {
  // Names come from the file: invalid UTF-8 becomes U+FFFD, so the line
  // stays JSON.
  const std::string replaced =
      IsValidUtf8(raw) ? std::string() : ReplaceInvalidUtf8(raw);
  const std::string_view text = replaced.empty() ? raw : replaced;
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (static_cast<uint8_t>(c) < 0x20) {
          char escape[8];
          std::snprintf(escape, sizeof escape, "\\u%04x", c);
          out += escape;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string FormatCellJson(const ColumnBatch& batch, int64_t row) {
  if (!batch.validity[row]) return "null";
  if (!batch.column->is_list) return SlotJson(batch, static_cast<size_t>(row));
  std::string out = "[";
  for (int64_t i = batch.list_offsets[row]; i < batch.list_offsets[row + 1];
       ++i) {
    if (i > batch.list_offsets[row]) out += ",";
    out += batch.element_validity[i] ? SlotJson(batch, static_cast<size_t>(i))
                                     : "null";
  }
  return out + "]";
}

std::string FormatCellCsv(const ColumnBatch& batch, int64_t row) {
  if (!batch.validity[row]) return "";
  if (!batch.column->is_list && IsStringLike(batch, static_cast<size_t>(row))) {
    return CsvField(batch.byte_arrays[row]);
  }
  std::string json = FormatCellJson(batch, row);
  if (json.size() >= 2 && json.front() == '"' && json.back() == '"' &&
      json.find('\\') == std::string::npos) {
    return CsvField(std::string_view(json).substr(1, json.size() - 2));
  }
  return CsvField(json);
}

}  // namespace jao::parquet
