// The Parquet format's enumerations, spelled as in parquet.thrift, with names
// for messages and for `jao-ingest inspect`.
#pragma once

#include <cstdint>
#include <string>

namespace jao::parquet {

enum class Type : int32_t {
  BOOLEAN = 0,
  INT32 = 1,
  INT64 = 2,
  INT96 = 3,
  FLOAT = 4,
  DOUBLE = 5,
  BYTE_ARRAY = 6,
  FIXED_LEN_BYTE_ARRAY = 7,
};

enum class ConvertedType : int32_t {
  NONE = -1,  // not in the spec: the field was absent
  UTF8 = 0,
  MAP = 1,
  MAP_KEY_VALUE = 2,
  LIST = 3,
  ENUM = 4,
  DECIMAL = 5,
  DATE = 6,
  TIME_MILLIS = 7,
  TIME_MICROS = 8,
  TIMESTAMP_MILLIS = 9,
  TIMESTAMP_MICROS = 10,
  UINT_8 = 11,
  UINT_16 = 12,
  UINT_32 = 13,
  UINT_64 = 14,
  INT_8 = 15,
  INT_16 = 16,
  INT_32 = 17,
  INT_64 = 18,
  JSON = 19,
  BSON = 20,
  INTERVAL = 21,
};

enum class FieldRepetitionType : int32_t {
  REQUIRED = 0,
  OPTIONAL = 1,
  REPEATED = 2,
};

enum class Encoding : int32_t {
  PLAIN = 0,
  PLAIN_DICTIONARY = 2,
  RLE = 3,
  BIT_PACKED = 4,
  DELTA_BINARY_PACKED = 5,
  DELTA_LENGTH_BYTE_ARRAY = 6,
  DELTA_BYTE_ARRAY = 7,
  RLE_DICTIONARY = 8,
  BYTE_STREAM_SPLIT = 9,
};

enum class CompressionCodec : int32_t {
  UNCOMPRESSED = 0,
  SNAPPY = 1,
  GZIP = 2,
  LZO = 3,
  BROTLI = 4,
  LZ4 = 5,
  ZSTD = 6,
  LZ4_RAW = 7,
};

enum class PageType : int32_t {
  DATA_PAGE = 0,
  INDEX_PAGE = 1,
  DICTIONARY_PAGE = 2,
  DATA_PAGE_V2 = 3,
};

enum class TimeUnit : int32_t { kNone = 0, MILLIS = 1, MICROS = 2, NANOS = 3 };

// Which LogicalType union member was set (field ids of parquet.thrift), or
// kNone when the schema element had none.
enum class LogicalTypeKind : int32_t {
  kNone = 0,
  STRING = 1,
  MAP = 2,
  LIST = 3,
  ENUM = 4,
  DECIMAL = 5,
  DATE = 6,
  TIME = 7,
  TIMESTAMP = 8,
  INTEGER = 10,
  UNKNOWN = 11,
  JSON = 12,
  BSON = 13,
  UUID = 14,
  FLOAT16 = 15,
  VARIANT = 16,
  GEOMETRY = 17,
  GEOGRAPHY = 18,
  FILE = 19,
  kOther = 1000,  // a member this reader does not know
};

// Names as spelled in parquet.thrift; "UNKNOWN(<n>)" for values out of range.
std::string TypeName(Type type);
std::string ConvertedTypeName(ConvertedType type);
std::string RepetitionName(FieldRepetitionType repetition);
std::string EncodingName(Encoding encoding);
std::string CodecName(CompressionCodec codec);
std::string PageTypeName(PageType type);
std::string TimeUnitName(TimeUnit unit);
std::string LogicalTypeKindName(LogicalTypeKind kind);

}  // namespace jao::parquet
