// Struct decoders for parquet.thrift's FileMetaData (and the LogicalType
// union inside SchemaElement) over the compact protocol. Field ids are those
// of apache/parquet-format src/main/thrift/parquet.thrift; fields not listed
// here are skipped. PageHeader lives in page_header.cc.
#include "parquet/metadata.h"

#include <string>
#include <utility>

#include "parquet/thrift_compact.h"
#include "parquet/thrift_fields.h"

namespace jao::parquet {
namespace {

using thrift::CompactReader;
using thrift::CType;
using thrift::ExpectStruct;
using thrift::ExpectType;
using thrift::FieldHeader;
using thrift::ReadBoolField;
using thrift::ReadCountField;
using thrift::ReadEnumField;
using thrift::ReadI32Field;
using thrift::ReadI64Field;
using thrift::ReadSizeField;
using thrift::ReadStringField;
using thrift::Required;

// ---- LogicalType -------------------------------------------------------

Status DecodeTimeUnit(CompactReader& r, TimeUnit* out) {
  return r.ReadStruct([&](const FieldHeader& f) -> Status {
    // Union of empty structs: the member's id is the unit (1 MILLIS,
    // 2 MICROS, 3 NANOS); a future unit is kept by number.
    if (f.id > 0) *out = static_cast<TimeUnit>(f.id);
    return r.Skip(f.type);
  });
}

Status DecodeTimeOrTimestamp(CompactReader& r, LogicalType* out) {
  return r.ReadStruct([&](const FieldHeader& f) -> Status {
    switch (f.id) {
      case 1: {
        ASSIGN_OR_RETURN(out->is_adjusted_to_utc,
                         ReadBoolField(f, "isAdjustedToUTC"));
        return Status::Ok();
      }
      case 2:
        RETURN_IF_ERROR(ExpectStruct(f, "unit"));
        return DecodeTimeUnit(r, &out->unit);
      default:
        return r.Skip(f.type);
    }
  });
}

Status DecodeDecimalType(CompactReader& r, LogicalType* out) {
  return r.ReadStruct([&](const FieldHeader& f) -> Status {
    switch (f.id) {
      case 1: {
        ASSIGN_OR_RETURN(out->scale, ReadI32Field(r, f, "DecimalType.scale"));
        return Status::Ok();
      }
      case 2: {
        ASSIGN_OR_RETURN(out->precision,
                         ReadI32Field(r, f, "DecimalType.precision"));
        return Status::Ok();
      }
      default:
        return r.Skip(f.type);
    }
  });
}

Status DecodeIntType(CompactReader& r, LogicalType* out) {
  return r.ReadStruct([&](const FieldHeader& f) -> Status {
    switch (f.id) {
      case 1: {
        RETURN_IF_ERROR(ExpectType(f, CType::kByte, "IntType.bitWidth"));
        ASSIGN_OR_RETURN(out->bit_width, r.ReadI8());
        return Status::Ok();
      }
      case 2: {
        ASSIGN_OR_RETURN(out->is_signed, ReadBoolField(f, "IntType.isSigned"));
        return Status::Ok();
      }
      default:
        return r.Skip(f.type);
    }
  });
}

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
  Required required;
  const Status read = r.ReadStruct([&](const FieldHeader& f) -> Status {
    required.Saw(f.id);
    switch (f.id) {
      case 1: {
        ASSIGN_OR_RETURN(out->type, ReadEnumField<Type>(r, f, "type"));
        return Status::Ok();
      }
      case 2: {
        ASSIGN_OR_RETURN(out->type_length, ReadI32Field(r, f, "type_length"));
        return Status::Ok();
      }
      case 3: {
        ASSIGN_OR_RETURN(
            out->repetition_type,
            ReadEnumField<FieldRepetitionType>(r, f, "repetition_type"));
        return Status::Ok();
      }
      case 4: {
        ASSIGN_OR_RETURN(out->name, ReadStringField(r, f, "name"));
        return Status::Ok();
      }
      case 5: {
        // Checked against the element list by BuildSchema, which can say
        // which element overran.
        ASSIGN_OR_RETURN(out->num_children, ReadI32Field(r, f, "num_children"));
        return Status::Ok();
      }
      case 6: {
        ASSIGN_OR_RETURN(out->converted_type,
                         ReadEnumField<ConvertedType>(r, f, "converted_type"));
        return Status::Ok();
      }
      case 7: {
        ASSIGN_OR_RETURN(out->scale, ReadI32Field(r, f, "scale"));
        return Status::Ok();
      }
      case 8: {
        ASSIGN_OR_RETURN(out->precision, ReadI32Field(r, f, "precision"));
        return Status::Ok();
      }
      case 10:
        RETURN_IF_ERROR(ExpectStruct(f, "logicalType"));
        return DecodeLogicalType(r, &out->logical_type);
      default:
        return r.Skip(f.type);
    }
  });
  RETURN_IF_ERROR(read);
  return required.Check("SchemaElement", {{4, "name"}});
}

Status DecodeKeyValue(CompactReader& r, KeyValue* out) {
  Required required;
  const Status read = r.ReadStruct([&](const FieldHeader& f) -> Status {
    required.Saw(f.id);
    switch (f.id) {
      case 1: {
        ASSIGN_OR_RETURN(out->key, ReadStringField(r, f, "KeyValue.key"));
        return Status::Ok();
      }
      case 2: {
        ASSIGN_OR_RETURN(out->value, ReadStringField(r, f, "KeyValue.value"));
        return Status::Ok();
      }
      default:
        return r.Skip(f.type);
    }
  });
  RETURN_IF_ERROR(read);
  return required.Check("KeyValue", {{1, "key"}});
}

Status DecodeColumnMetaData(CompactReader& r, ColumnMetaData* out) {
  Required required;
  const Status read = r.ReadStruct([&](const FieldHeader& f) -> Status {
    required.Saw(f.id);
    switch (f.id) {
      case 1: {
        ASSIGN_OR_RETURN(out->type, ReadEnumField<Type>(r, f, "type"));
        return Status::Ok();
      }
      case 2:
        RETURN_IF_ERROR(ExpectType(f, CType::kList, "encodings"));
        return r.ReadList(CType::kI32, "encodings", [&]() -> Status {
          ASSIGN_OR_RETURN(int32_t value, r.ReadI32());
          if (value < 0) {
            return Status::Corrupt("encoding " + std::to_string(value) +
                                   " is negative");
          }
          out->encodings.push_back(static_cast<Encoding>(value));
          return Status::Ok();
        });
      case 3:
        RETURN_IF_ERROR(ExpectType(f, CType::kList, "path_in_schema"));
        return r.ReadList(CType::kBinary, "path_in_schema", [&]() -> Status {
          ASSIGN_OR_RETURN(std::string part, r.ReadString());
          out->path_in_schema.push_back(std::move(part));
          return Status::Ok();
        });
      case 4: {
        ASSIGN_OR_RETURN(out->codec,
                         ReadEnumField<CompressionCodec>(r, f, "codec"));
        return Status::Ok();
      }
      case 5: {
        ASSIGN_OR_RETURN(out->num_values, ReadSizeField(r, f, "num_values"));
        return Status::Ok();
      }
      case 6: {
        ASSIGN_OR_RETURN(out->total_uncompressed_size,
                         ReadSizeField(r, f, "total_uncompressed_size"));
        return Status::Ok();
      }
      case 7: {
        ASSIGN_OR_RETURN(out->total_compressed_size,
                         ReadSizeField(r, f, "total_compressed_size"));
        return Status::Ok();
      }
      case 9: {
        ASSIGN_OR_RETURN(out->data_page_offset,
                         ReadSizeField(r, f, "data_page_offset"));
        return Status::Ok();
      }
      case 10: {
        ASSIGN_OR_RETURN(out->index_page_offset,
                         ReadSizeField(r, f, "index_page_offset"));
        return Status::Ok();
      }
      case 11: {
        ASSIGN_OR_RETURN(out->dictionary_page_offset,
                         ReadSizeField(r, f, "dictionary_page_offset"));
        return Status::Ok();
      }
      default:
        return r.Skip(f.type);
    }
  });
  RETURN_IF_ERROR(read);
  return required.Check("ColumnMetaData", {{1, "type"},
                                           {2, "encodings"},
                                           {3, "path_in_schema"},
                                           {4, "codec"},
                                           {5, "num_values"},
                                           {6, "total_uncompressed_size"},
                                           {7, "total_compressed_size"},
                                           {9, "data_page_offset"}});
}

Status DecodeColumnChunk(CompactReader& r, ColumnChunk* out) {
  return r.ReadStruct([&](const FieldHeader& f) -> Status {
    switch (f.id) {
      case 1: {
        ASSIGN_OR_RETURN(out->file_path, ReadStringField(r, f, "file_path"));
        return Status::Ok();
      }
      case 2: {
        ASSIGN_OR_RETURN(out->file_offset, ReadI64Field(r, f, "file_offset"));
        return Status::Ok();
      }
      case 3:
        RETURN_IF_ERROR(ExpectStruct(f, "meta_data"));
        out->meta_data.emplace();
        return DecodeColumnMetaData(r, &*out->meta_data);
      case 8:  // crypto_metadata
      case 9:  // encrypted_column_metadata
        out->has_crypto_metadata = true;
        return r.Skip(f.type);
      default:
        return r.Skip(f.type);
    }
  });
}

Status DecodeRowGroup(CompactReader& r, RowGroup* out) {
  Required required;
  const Status read = r.ReadStruct([&](const FieldHeader& f) -> Status {
    required.Saw(f.id);
    switch (f.id) {
      case 1:
        RETURN_IF_ERROR(ExpectType(f, CType::kList, "columns"));
        return r.ReadList(CType::kStruct, "columns", [&]() -> Status {
          out->columns.emplace_back();
          return DecodeColumnChunk(r, &out->columns.back());
        });
      case 2: {
        ASSIGN_OR_RETURN(out->total_byte_size,
                         ReadSizeField(r, f, "total_byte_size"));
        return Status::Ok();
      }
      case 3: {
        ASSIGN_OR_RETURN(out->num_rows, ReadSizeField(r, f, "num_rows"));
        return Status::Ok();
      }
      case 6: {
        ASSIGN_OR_RETURN(out->total_compressed_size,
                         ReadSizeField(r, f, "total_compressed_size"));
        return Status::Ok();
      }
      default:
        return r.Skip(f.type);
    }
  });
  RETURN_IF_ERROR(read);
  return required.Check(
      "RowGroup", {{1, "columns"}, {2, "total_byte_size"}, {3, "num_rows"}});
}

Status DecodeFileMetaDataStruct(CompactReader& r, FileMetaData* out) {
  Required required;
  const Status read = r.ReadStruct([&](const FieldHeader& f) -> Status {
    required.Saw(f.id);
    switch (f.id) {
      case 1: {
        ASSIGN_OR_RETURN(out->version, ReadI32Field(r, f, "version"));
        return Status::Ok();
      }
      case 2:
        RETURN_IF_ERROR(ExpectType(f, CType::kList, "schema"));
        return r.ReadList(CType::kStruct, "schema", [&]() -> Status {
          out->schema.emplace_back();
          return DecodeSchemaElement(r, &out->schema.back());
        });
      case 3: {
        ASSIGN_OR_RETURN(out->num_rows, ReadSizeField(r, f, "num_rows"));
        return Status::Ok();
      }
      case 4:
        RETURN_IF_ERROR(ExpectType(f, CType::kList, "row_groups"));
        return r.ReadList(CType::kStruct, "row_groups", [&]() -> Status {
          out->row_groups.emplace_back();
          return DecodeRowGroup(r, &out->row_groups.back());
        });
      case 5:
        RETURN_IF_ERROR(ExpectType(f, CType::kList, "key_value_metadata"));
        return r.ReadList(
            CType::kStruct, "key_value_metadata", [&]() -> Status {
              out->key_value_metadata.emplace_back();
              return DecodeKeyValue(r, &out->key_value_metadata.back());
            });
      case 6: {
        ASSIGN_OR_RETURN(out->created_by, ReadStringField(r, f, "created_by"));
        return Status::Ok();
      }
      case 8:  // encryption_algorithm: a plaintext footer of an encrypted file
        out->has_encryption_algorithm = true;
        return r.Skip(f.type);
      default:
        return r.Skip(f.type);
    }
  });
  RETURN_IF_ERROR(read);
  return required.Check(
      "FileMetaData",
      {{1, "version"}, {2, "schema"}, {3, "num_rows"}, {4, "row_groups"}});
}

}  // namespace

Result<FileMetaData> DecodeFileMetaData(ByteSpan bytes) {
  CompactReader reader(bytes);
  FileMetaData metadata;
  RETURN_IF_ERROR(DecodeFileMetaDataStruct(reader, &metadata));
  return metadata;
}

}  // namespace jao::parquet
