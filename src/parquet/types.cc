// Names of the format's enumerations, spelled as in parquet.thrift. Values a
// newer writer may use are printed as UNKNOWN(<n>) rather than refused: the
// metadata keeps them by number and the layer that needs one refuses it.
#include "parquet/types.h"

#include <array>
#include <string_view>

namespace jao::parquet {
namespace {

std::string Unknown(int32_t value) {
  return "UNKNOWN(" + std::to_string(value) + ")";
}

// Looks `value` up in a table indexed from `first`; empty entries are gaps.
template <size_t N>
std::string FromTable(const std::array<std::string_view, N>& names,
                      int32_t value, int32_t first = 0) {
  const int64_t index = static_cast<int64_t>(value) - first;
  if (index < 0 || index >= static_cast<int64_t>(N) || names[index].empty()) {
    return Unknown(value);
  }
  return std::string(names[index]);
}

}  // namespace

std::string TypeName(Type type) {
  static constexpr std::array<std::string_view, 8> kNames = {
      "BOOLEAN", "INT32",  "INT64",      "INT96",
      "FLOAT",   "DOUBLE", "BYTE_ARRAY", "FIXED_LEN_BYTE_ARRAY"};
  return FromTable(kNames, static_cast<int32_t>(type));
}

std::string ConvertedTypeName(ConvertedType type) {
  static constexpr std::array<std::string_view, 23> kNames = {
      "NONE",
      "UTF8",
      "MAP",
      "MAP_KEY_VALUE",
      "LIST",
      "ENUM",
      "DECIMAL",
      "DATE",
      "TIME_MILLIS",
      "TIME_MICROS",
      "TIMESTAMP_MILLIS",
      "TIMESTAMP_MICROS",
      "UINT_8",
      "UINT_16",
      "UINT_32",
      "UINT_64",
      "INT_8",
      "INT_16",
      "INT_32",
      "INT_64",
      "JSON",
      "BSON",
      "INTERVAL"};
  return FromTable(kNames, static_cast<int32_t>(type), -1);
}

std::string RepetitionName(FieldRepetitionType repetition) {
  static constexpr std::array<std::string_view, 3> kNames = {
      "REQUIRED", "OPTIONAL", "REPEATED"};
  return FromTable(kNames, static_cast<int32_t>(repetition));
}

std::string EncodingName(Encoding encoding) {
  // 1 was GROUP_VAR_INT, never used and removed from the format.
  static constexpr std::array<std::string_view, 10> kNames = {
      "PLAIN",
      "",
      "PLAIN_DICTIONARY",
      "RLE",
      "BIT_PACKED",
      "DELTA_BINARY_PACKED",
      "DELTA_LENGTH_BYTE_ARRAY",
      "DELTA_BYTE_ARRAY",
      "RLE_DICTIONARY",
      "BYTE_STREAM_SPLIT"};
  return FromTable(kNames, static_cast<int32_t>(encoding));
}

std::string CodecName(CompressionCodec codec) {
  static constexpr std::array<std::string_view, 8> kNames = {
      "UNCOMPRESSED", "SNAPPY", "GZIP", "LZO",
      "BROTLI",       "LZ4",    "ZSTD", "LZ4_RAW"};
  return FromTable(kNames, static_cast<int32_t>(codec));
}

std::string PageTypeName(PageType type) {
  static constexpr std::array<std::string_view, 4> kNames = {
      "DATA_PAGE", "INDEX_PAGE", "DICTIONARY_PAGE", "DATA_PAGE_V2"};
  return FromTable(kNames, static_cast<int32_t>(type));
}

std::string TimeUnitName(TimeUnit unit) {
  static constexpr std::array<std::string_view, 4> kNames = {"NONE", "MILLIS",
                                                             "MICROS", "NANOS"};
  return FromTable(kNames, static_cast<int32_t>(unit));
}

std::string LogicalTypeKindName(LogicalTypeKind kind) {
  if (kind == LogicalTypeKind::kOther) return "OTHER";
  // 9 is unused in parquet.thrift's LogicalType union.
  static constexpr std::array<std::string_view, 20> kNames = {
      "NONE",    "STRING",  "MAP",      "LIST",      "ENUM",
      "DECIMAL", "DATE",    "TIME",     "TIMESTAMP", "",
      "INTEGER", "UNKNOWN", "JSON",     "BSON",      "UUID",
      "FLOAT16", "VARIANT", "GEOMETRY", "GEOGRAPHY", "FILE"};
  return FromTable(kNames, static_cast<int32_t>(kind));
}

}  // namespace jao::parquet
