// Struct decoders for parquet.thrift's FileMetaData (and the LogicalType
// union inside SchemaElement) over the compact protocol. Each struct's
// fields are one table (thrift_struct.h) whose ids are those of
// apache/parquet-format src/main/thrift/parquet.thrift; fields not listed
// are skipped. PageHeader lives in page_header.cc.
#include "parquet/metadata.h"

#include <array>

#include "parquet/thrift_struct.h"

namespace jao::parquet {
namespace {

using namespace thrift;

// ---- LogicalType -------------------------------------------------------

Status DecodeTimeUnit(CompactReader& r, TimeUnit* out) {
  return r.ReadStruct([&](const FieldHeader& f) -> Status {
    // Union of empty structs: the member's id is the unit (1 MILLIS,
    // 2 MICROS, 3 NANOS); a future unit is kept by number.
    if (f.id > 0) *out = static_cast<TimeUnit>(f.id);
    return r.Skip(f.type);
  });
}

// TimeType and TimestampType share their fields.
Status DecodeTimeOrTimestamp(CompactReader& r, LogicalType* out) {
  using T = LogicalType;
  static constexpr std::array<FieldSpec<T>, 2> kFields{{
      {1, "isAdjustedToUTC", kOptional, Bool<&T::is_adjusted_to_utc>},
      {2, "unit", kOptional, Struct<&T::unit, DecodeTimeUnit>},
  }};
  return DecodeStruct<T>(r, "TimestampType", kFields, out);
}

Status DecodeDecimalType(CompactReader& r, LogicalType* out) {
  using T = LogicalType;
  static constexpr std::array<FieldSpec<T>, 2> kFields{{
      {1, "DecimalType.scale", kOptional, I32<&T::scale>},
      {2, "DecimalType.precision", kOptional, I32<&T::precision>},
  }};
  return DecodeStruct<T>(r, "DecimalType", kFields, out);
}

Status DecodeIntType(CompactReader& r, LogicalType* out) {
  using T = LogicalType;
  static constexpr std::array<FieldSpec<T>, 2> kFields{{
      {1, "IntType.bitWidth", kOptional, I8<&T::bit_width>},
      {2, "IntType.isSigned", kOptional, Bool<&T::is_signed>},
  }};
  return DecodeStruct<T>(r, "IntType", kFields, out);
}

// A union: the one member present names the kind; three kinds carry fields.
Status DecodeLogicalType(CompactReader& r, LogicalType* out) {
  return r.ReadStruct([&](const FieldHeader& f) -> Status {
    RETURN_IF_ERROR(ExpectStruct(f, "LogicalType member"));
    *out = LogicalType{};
    switch (f.id) {
      case 5:
        out->kind = LogicalTypeKind::DECIMAL;
        return DecodeDecimalType(r, out);
      case 7:
      case 8:
        out->kind = static_cast<LogicalTypeKind>(f.id);
        return DecodeTimeOrTimestamp(r, out);
      case 10:
        out->kind = LogicalTypeKind::INTEGER;
        return DecodeIntType(r, out);
      case 1:
      case 2:
      case 3:
      case 4:
      case 6:
      case 11:
      case 12:
      case 13:
      case 14:
      case 15:
      case 16:
      case 17:
      case 18:
      case 19:
        out->kind = static_cast<LogicalTypeKind>(f.id);
        return r.Skip(f.type);
      default:
        out->kind = LogicalTypeKind::kOther;
        return r.Skip(f.type);
    }
  });
}

// ---- FileMetaData ------------------------------------------------------

Status DecodeSchemaElement(CompactReader& r, SchemaElement* out) {
  using T = SchemaElement;
  // num_children is checked against the element list by BuildSchema, which
  // can say which element overran.
  static constexpr std::array<FieldSpec<T>, 9> kFields{{
      {1, "type", kOptional, Enum<&T::type>},
      {2, "type_length", kOptional, I32<&T::type_length>},
      {3, "repetition_type", kOptional, Enum<&T::repetition_type>},
      {4, "name", kRequired, String<&T::name>},
      {5, "num_children", kOptional, I32<&T::num_children>},
      {6, "converted_type", kOptional, Enum<&T::converted_type>},
      {7, "scale", kOptional, I32<&T::scale>},
      {8, "precision", kOptional, I32<&T::precision>},
      {10, "logicalType", kOptional,
       Struct<&T::logical_type, DecodeLogicalType>},
  }};
  return DecodeStruct<T>(r, "SchemaElement", kFields, out);
}

Status DecodeKeyValue(CompactReader& r, KeyValue* out) {
  using T = KeyValue;
  static constexpr std::array<FieldSpec<T>, 2> kFields{{
      {1, "KeyValue.key", kRequired, String<&T::key>},
      {2, "KeyValue.value", kOptional, String<&T::value>},
  }};
  return DecodeStruct<T>(r, "KeyValue", kFields, out);
}

Status DecodeColumnMetaData(CompactReader& r, ColumnMetaData* out) {
  using T = ColumnMetaData;
  static constexpr std::array<FieldSpec<T>, 10> kFields{{
      {1, "type", kRequired, Enum<&T::type>},
      {2, "encodings", kRequired, EnumList<&T::encodings>},
      {3, "path_in_schema", kRequired, StringList<&T::path_in_schema>},
      {4, "codec", kRequired, Enum<&T::codec>},
      {5, "num_values", kRequired, Size<&T::num_values>},
      {6, "total_uncompressed_size", kRequired,
       Size<&T::total_uncompressed_size>},
      {7, "total_compressed_size", kRequired, Size<&T::total_compressed_size>},
      {9, "data_page_offset", kRequired, Size<&T::data_page_offset>},
      {10, "index_page_offset", kOptional, Size<&T::index_page_offset>},
      {11, "dictionary_page_offset", kOptional,
       Size<&T::dictionary_page_offset>},
  }};
  return DecodeStruct<T>(r, "ColumnMetaData", kFields, out);
}

Status DecodeColumnChunk(CompactReader& r, ColumnChunk* out) {
  using T = ColumnChunk;
  static constexpr std::array<FieldSpec<T>, 5> kFields{{
      {1, "file_path", kOptional, String<&T::file_path>},
      {2, "file_offset", kOptional, I64<&T::file_offset>},
      {3, "meta_data", kOptional, Struct<&T::meta_data, DecodeColumnMetaData>},
      {8, "crypto_metadata", kOptional, Present<&T::has_crypto_metadata>},
      {9, "encrypted_column_metadata", kOptional,
       Present<&T::has_crypto_metadata>},
  }};
  return DecodeStruct<T>(r, "ColumnChunk", kFields, out);
}

Status DecodeRowGroup(CompactReader& r, RowGroup* out) {
  using T = RowGroup;
  static constexpr std::array<FieldSpec<T>, 4> kFields{{
      {1, "columns", kRequired, StructList<&T::columns, DecodeColumnChunk>},
      {2, "total_byte_size", kRequired, Size<&T::total_byte_size>},
      {3, "num_rows", kRequired, Size<&T::num_rows>},
      {6, "total_compressed_size", kOptional, Size<&T::total_compressed_size>},
  }};
  return DecodeStruct<T>(r, "RowGroup", kFields, out);
}

Status DecodeFileMetaDataStruct(CompactReader& r, FileMetaData* out) {
  using T = FileMetaData;
  static constexpr std::array<FieldSpec<T>, 7> kFields{{
      {1, "version", kRequired, I32<&T::version>},
      {2, "schema", kRequired, StructList<&T::schema, DecodeSchemaElement>},
      {3, "num_rows", kRequired, Size<&T::num_rows>},
      {4, "row_groups", kRequired, StructList<&T::row_groups, DecodeRowGroup>},
      {5, "key_value_metadata", kOptional,
       StructList<&T::key_value_metadata, DecodeKeyValue>},
      {6, "created_by", kOptional, String<&T::created_by>},
      // A plaintext footer of an encrypted file.
      {8, "encryption_algorithm", kOptional,
       Present<&T::has_encryption_algorithm>},
  }};
  return DecodeStruct<T>(r, "FileMetaData", kFields, out);
}

}  // namespace

Result<FileMetaData> DecodeFileMetaData(ByteSpan bytes) {
  CompactReader reader(bytes);
  FileMetaData metadata;
  RETURN_IF_ERROR(DecodeFileMetaDataStruct(reader, &metadata));
  return metadata;
}

}  // namespace jao::parquet
