// The specs of parquet.thrift's FileMetaData and the structs inside it
// (thrift_struct.h), leaves first; field ids are those of
// apache/parquet-format src/main/thrift/parquet.thrift, and fields not listed
// are skipped. PageHeader's specs live in page_header.cc.
#include "parquet/metadata.h"

#include "parquet/thrift_struct.h"

namespace jao::parquet {
namespace {

using namespace thrift;

// ---- LogicalType -------------------------------------------------------

// A union of empty structs: the member's id is the unit (1 MILLIS, 2 MICROS,
// 3 NANOS); a future unit is kept by number.
Status SetTimeUnit(const FieldHeader& f, TimeUnit* out) {
  if (f.id > 0) *out = static_cast<TimeUnit>(f.id);
  return Status::Ok();
}

constexpr auto kTimeUnit = DescribeUnion<TimeUnit>("TimeUnit", SetTimeUnit);

// TimeType and TimestampType share their fields.
constexpr auto kTimeType = Describe<LogicalType>(
    "TimestampType",
    {
        {1, "isAdjustedToUTC", kOptional,
         Bool<&LogicalType::is_adjusted_to_utc>},
        {2, "unit", kOptional, Struct<&LogicalType::unit, kTimeUnit>},
    });

constexpr auto kDecimalType = Describe<LogicalType>(
    "DecimalType",
    {
        {1, "DecimalType.scale", kOptional, I32<&LogicalType::scale>},
        {2, "DecimalType.precision", kOptional, I32<&LogicalType::precision>},
    });

constexpr auto kIntType = Describe<LogicalType>(
    "IntType",
    {
        {1, "IntType.bitWidth", kOptional, I8<&LogicalType::bit_width>},
        {2, "IntType.isSigned", kOptional, Bool<&LogicalType::is_signed>},
    });

// The one member present names the kind: its field id, for the ids
// parquet.thrift defines (9 is unused there).
Status StartLogicalTypeMember(const FieldHeader& f, LogicalType* out) {
  RETURN_IF_ERROR(ExpectStruct(f, "LogicalType member"));
  const bool known = f.id >= 1 && f.id <= 19 && f.id != 9;
  *out = LogicalType{};
  out->kind =
      known ? static_cast<LogicalTypeKind>(f.id) : LogicalTypeKind::kOther;
  return Status::Ok();
}

// Only DECIMAL, TIME, TIMESTAMP and INTEGER carry fields.
constexpr auto kLogicalType = DescribeUnion<LogicalType>(
    "LogicalType", StartLogicalTypeMember,
    {
        {5, "DECIMAL", kOptional, Merged<kDecimalType>},
        {7, "TIME", kOptional, Merged<kTimeType>},
        {8, "TIMESTAMP", kOptional, Merged<kTimeType>},
        {10, "INTEGER", kOptional, Merged<kIntType>},
    });

// ---- FileMetaData ------------------------------------------------------

// num_children is checked against the element list by BuildSchema, which can
// say which element overran.
constexpr auto kSchemaElement = Describe<SchemaElement>(
    "SchemaElement",
    {
        {1, "type", kOptional, Enum<&SchemaElement::type>},
        {2, "type_length", kOptional, I32<&SchemaElement::type_length>},
        {3, "repetition_type", kOptional,
         Enum<&SchemaElement::repetition_type>},
        {4, "name", kRequired, String<&SchemaElement::name>},
        {5, "num_children", kOptional, I32<&SchemaElement::num_children>},
        {6, "converted_type", kOptional, Enum<&SchemaElement::converted_type>},
        {7, "scale", kOptional, I32<&SchemaElement::scale>},
        {8, "precision", kOptional, I32<&SchemaElement::precision>},
        {10, "logicalType", kOptional,
         Struct<&SchemaElement::logical_type, kLogicalType>},
    });

constexpr auto kKeyValue = Describe<KeyValue>(
    "KeyValue", {
                    {1, "KeyValue.key", kRequired, String<&KeyValue::key>},
                    {2, "KeyValue.value", kOptional, String<&KeyValue::value>},
                });

constexpr auto kColumnMetaData = Describe<ColumnMetaData>(
    "ColumnMetaData",
    {
        {1, "type", kRequired, Enum<&ColumnMetaData::type>},
        {2, "encodings", kRequired, EnumList<&ColumnMetaData::encodings>},
        {3, "path_in_schema", kRequired,
         StringList<&ColumnMetaData::path_in_schema>},
        {4, "codec", kRequired, Enum<&ColumnMetaData::codec>},
        {5, "num_values", kRequired, Size<&ColumnMetaData::num_values>},
        {6, "total_uncompressed_size", kRequired,
         Size<&ColumnMetaData::total_uncompressed_size>},
        {7, "total_compressed_size", kRequired,
         Size<&ColumnMetaData::total_compressed_size>},
        {9, "data_page_offset", kRequired,
         Size<&ColumnMetaData::data_page_offset>},
        {10, "index_page_offset", kOptional,
         Size<&ColumnMetaData::index_page_offset>},
        {11, "dictionary_page_offset", kOptional,
         Size<&ColumnMetaData::dictionary_page_offset>},
    });

constexpr auto kColumnChunk = Describe<ColumnChunk>(
    "ColumnChunk",
    {
        {1, "file_path", kOptional, String<&ColumnChunk::file_path>},
        {2, "file_offset", kOptional, I64<&ColumnChunk::file_offset>},
        {3, "meta_data", kOptional,
         Struct<&ColumnChunk::meta_data, kColumnMetaData>},
        {8, "crypto_metadata", kOptional,
         Present<&ColumnChunk::has_crypto_metadata>},
        {9, "encrypted_column_metadata", kOptional,
         Present<&ColumnChunk::has_crypto_metadata>},
    });

constexpr auto kRowGroup = Describe<RowGroup>(
    "RowGroup",
    {
        {1, "columns", kRequired, StructList<&RowGroup::columns, kColumnChunk>},
        {2, "total_byte_size", kRequired, Size<&RowGroup::total_byte_size>},
        {3, "num_rows", kRequired, Size<&RowGroup::num_rows>},
        {6, "total_compressed_size", kOptional,
         Size<&RowGroup::total_compressed_size>},
    });

constexpr auto kFileMetaData = Describe<FileMetaData>(
    "FileMetaData",
    {
        {1, "version", kRequired, I32<&FileMetaData::version>},
        {2, "schema", kRequired,
         StructList<&FileMetaData::schema, kSchemaElement>},
        {3, "num_rows", kRequired, Size<&FileMetaData::num_rows>},
        {4, "row_groups", kRequired,
         StructList<&FileMetaData::row_groups, kRowGroup>},
        {5, "key_value_metadata", kOptional,
         StructList<&FileMetaData::key_value_metadata, kKeyValue>},
        {6, "created_by", kOptional, String<&FileMetaData::created_by>},
        // A plaintext footer of an encrypted file.
        {8, "encryption_algorithm", kOptional,
         Present<&FileMetaData::has_encryption_algorithm>},
    });

}  // namespace

Result<FileMetaData> DecodeFileMetaData(ByteSpan bytes) {
  CompactReader reader(bytes);
  FileMetaData metadata;
  RETURN_IF_ERROR(Decode(reader, kFileMetaData, &metadata));
  return metadata;
}

}  // namespace jao::parquet
