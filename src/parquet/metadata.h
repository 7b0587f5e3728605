// The file metadata (footer) and page headers of a Parquet file, decoded from
// Thrift compact protocol into plain structs. Only the fields the reader and
// `inspect` use are kept; every other field is skipped by the decoder.
//
// DecodeFileMetaData / DecodePageHeader never trust the bytes: every length,
// count and enum is checked against what is there before anything is
// allocated; failures are Status::Corrupt with the field named.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/bytes.h"
#include "common/status.h"
#include "parquet/types.h"

namespace jao::parquet {

struct LogicalType {
  LogicalTypeKind kind = LogicalTypeKind::kNone;
  // DECIMAL
  int32_t scale = 0;
  int32_t precision = 0;
  // TIME, TIMESTAMP
  bool is_adjusted_to_utc = false;
  TimeUnit unit = TimeUnit::kNone;
  // INTEGER
  int8_t bit_width = 0;
  bool is_signed = true;
};

struct SchemaElement {
  std::optional<Type> type;  // absent for groups
  int32_t type_length = 0;
  std::optional<FieldRepetitionType> repetition_type;
  std::string name;
  int32_t num_children = 0;
  ConvertedType converted_type = ConvertedType::NONE;
  int32_t scale = 0;
  int32_t precision = 0;
  LogicalType logical_type;
};

struct KeyValue {
  std::string key;
  std::optional<std::string> value;
};

struct ColumnMetaData {
  Type type = Type::BOOLEAN;
  std::vector<Encoding> encodings;
  std::vector<std::string> path_in_schema;
  CompressionCodec codec = CompressionCodec::UNCOMPRESSED;
  int64_t num_values = 0;
  int64_t total_uncompressed_size = 0;
  int64_t total_compressed_size = 0;
  int64_t data_page_offset = 0;
  std::optional<int64_t> index_page_offset;
  std::optional<int64_t> dictionary_page_offset;
};

struct ColumnChunk {
  std::optional<std::string> file_path;  // set: data in another file
  int64_t file_offset = 0;
  std::optional<ColumnMetaData> meta_data;
  bool has_crypto_metadata = false;  // field 8 or 9 present: encrypted
};

struct RowGroup {
  std::vector<ColumnChunk> columns;
  int64_t total_byte_size = 0;
  int64_t num_rows = 0;
  std::optional<int64_t> total_compressed_size;
};

struct FileMetaData {
  int32_t version = 0;
  std::vector<SchemaElement> schema;
  int64_t num_rows = 0;
  std::vector<RowGroup> row_groups;
  std::vector<KeyValue> key_value_metadata;
  std::optional<std::string> created_by;
  bool has_encryption_algorithm =
      false;  // field 8: plaintext-footer encryption
};

struct DataPageHeader {
  int32_t num_values = 0;
  Encoding encoding = Encoding::PLAIN;
  Encoding definition_level_encoding = Encoding::RLE;
  Encoding repetition_level_encoding = Encoding::RLE;
};

struct DictionaryPageHeader {
  int32_t num_values = 0;
  Encoding encoding = Encoding::PLAIN;
  bool is_sorted = false;
};

struct DataPageHeaderV2 {
  int32_t num_values = 0;
  int32_t num_nulls = 0;
  int32_t num_rows = 0;
  Encoding encoding = Encoding::PLAIN;
  int32_t definition_levels_byte_length = 0;
  int32_t repetition_levels_byte_length = 0;
  bool is_compressed = true;
};

struct PageHeader {
  PageType type = PageType::DATA_PAGE;
  int32_t uncompressed_page_size = 0;
  int32_t compressed_page_size = 0;
  std::optional<int32_t> crc;
  std::optional<DataPageHeader> data_page_header;
  std::optional<DictionaryPageHeader> dictionary_page_header;
  std::optional<DataPageHeaderV2> data_page_header_v2;
};

// Decodes a whole FileMetaData from exactly `bytes` (the footer's metadata).
Result<FileMetaData> DecodeFileMetaData(ByteSpan bytes);

// Decodes one PageHeader from the start of `bytes`; on success `*consumed` is
// the header's length in bytes. `bytes` may extend past the header.
Result<PageHeader> DecodePageHeader(ByteSpan bytes, size_t* consumed);

}  // namespace jao::parquet
