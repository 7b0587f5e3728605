// Struct decoders for parquet.thrift's PageHeader and the three page-kind
// headers inside it; implements DecodePageHeader of metadata.h. Sizes and
// counts are refused when negative so the page reader can trust their sign.
#include <string>
#include <utility>

#include "parquet/metadata.h"
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

Status DecodeDataPageHeader(CompactReader& r, DataPageHeader* out) {
  Required required;
  const Status read = r.ReadStruct([&](const FieldHeader& f) -> Status {
    required.Saw(f.id);
    switch (f.id) {
      case 1: {
        ASSIGN_OR_RETURN(out->num_values, ReadCountField(r, f, "num_values"));
        return Status::Ok();
      }
      case 2: {
        ASSIGN_OR_RETURN(out->encoding,
                         ReadEnumField<Encoding>(r, f, "encoding"));
        return Status::Ok();
      }
      case 3: {
        ASSIGN_OR_RETURN(
            out->definition_level_encoding,
            ReadEnumField<Encoding>(r, f, "definition_level_encoding"));
        return Status::Ok();
      }
      case 4: {
        ASSIGN_OR_RETURN(
            out->repetition_level_encoding,
            ReadEnumField<Encoding>(r, f, "repetition_level_encoding"));
        return Status::Ok();
      }
      default:
        return r.Skip(f.type);
    }
  });
  RETURN_IF_ERROR(read);
  return required.Check("DataPageHeader", {{1, "num_values"},
                                           {2, "encoding"},
                                           {3, "definition_level_encoding"},
                                           {4, "repetition_level_encoding"}});
}

Status DecodeDictionaryPageHeader(CompactReader& r, DictionaryPageHeader* out) {
  Required required;
  const Status read = r.ReadStruct([&](const FieldHeader& f) -> Status {
    required.Saw(f.id);
    switch (f.id) {
      case 1: {
        ASSIGN_OR_RETURN(out->num_values, ReadCountField(r, f, "num_values"));
        return Status::Ok();
      }
      case 2: {
        ASSIGN_OR_RETURN(out->encoding,
                         ReadEnumField<Encoding>(r, f, "encoding"));
        return Status::Ok();
      }
      case 3: {
        ASSIGN_OR_RETURN(out->is_sorted, ReadBoolField(f, "is_sorted"));
        return Status::Ok();
      }
      default:
        return r.Skip(f.type);
    }
  });
  RETURN_IF_ERROR(read);
  return required.Check("DictionaryPageHeader",
                        {{1, "num_values"}, {2, "encoding"}});
}

Status DecodeDataPageHeaderV2(CompactReader& r, DataPageHeaderV2* out) {
  Required required;
  const Status read = r.ReadStruct([&](const FieldHeader& f) -> Status {
    required.Saw(f.id);
    switch (f.id) {
      case 1: {
        ASSIGN_OR_RETURN(out->num_values, ReadCountField(r, f, "num_values"));
        return Status::Ok();
      }
      case 2: {
        ASSIGN_OR_RETURN(out->num_nulls, ReadCountField(r, f, "num_nulls"));
        return Status::Ok();
      }
      case 3: {
        ASSIGN_OR_RETURN(out->num_rows, ReadCountField(r, f, "num_rows"));
        return Status::Ok();
      }
      case 4: {
        ASSIGN_OR_RETURN(out->encoding,
                         ReadEnumField<Encoding>(r, f, "encoding"));
        return Status::Ok();
      }
      case 5: {
        ASSIGN_OR_RETURN(out->definition_levels_byte_length,
                         ReadCountField(r, f, "definition_levels_byte_length"));
        return Status::Ok();
      }
      case 6: {
        ASSIGN_OR_RETURN(out->repetition_levels_byte_length,
                         ReadCountField(r, f, "repetition_levels_byte_length"));
        return Status::Ok();
      }
      case 7: {
        ASSIGN_OR_RETURN(out->is_compressed, ReadBoolField(f, "is_compressed"));
        return Status::Ok();
      }
      default:
        return r.Skip(f.type);
    }
  });
  RETURN_IF_ERROR(read);
  return required.Check("DataPageHeaderV2",
                        {{1, "num_values"},
                         {2, "num_nulls"},
                         {3, "num_rows"},
                         {4, "encoding"},
                         {5, "definition_levels_byte_length"},
                         {6, "repetition_levels_byte_length"}});
}

Status DecodePageHeaderStruct(CompactReader& r, PageHeader* out) {
  Required required;
  const Status read = r.ReadStruct([&](const FieldHeader& f) -> Status {
    required.Saw(f.id);
    switch (f.id) {
      case 1: {
        ASSIGN_OR_RETURN(out->type, ReadEnumField<PageType>(r, f, "type"));
        return Status::Ok();
      }
      case 2: {
        ASSIGN_OR_RETURN(out->uncompressed_page_size,
                         ReadCountField(r, f, "uncompressed_page_size"));
        return Status::Ok();
      }
      case 3: {
        ASSIGN_OR_RETURN(out->compressed_page_size,
                         ReadCountField(r, f, "compressed_page_size"));
        return Status::Ok();
      }
      case 4: {
        ASSIGN_OR_RETURN(out->crc, ReadI32Field(r, f, "crc"));
        return Status::Ok();
      }
      case 5:
        RETURN_IF_ERROR(ExpectStruct(f, "data_page_header"));
        out->data_page_header.emplace();
        return DecodeDataPageHeader(r, &*out->data_page_header);
      case 7:
        RETURN_IF_ERROR(ExpectStruct(f, "dictionary_page_header"));
        out->dictionary_page_header.emplace();
        return DecodeDictionaryPageHeader(r, &*out->dictionary_page_header);
      case 8:
        RETURN_IF_ERROR(ExpectStruct(f, "data_page_header_v2"));
        out->data_page_header_v2.emplace();
        return DecodeDataPageHeaderV2(r, &*out->data_page_header_v2);
      default:
        return r.Skip(f.type);
    }
  });
  RETURN_IF_ERROR(read);
  return required.Check("PageHeader", {{1, "type"},
                                       {2, "uncompressed_page_size"},
                                       {3, "compressed_page_size"}});
}

}  // namespace

Result<PageHeader> DecodePageHeader(ByteSpan bytes, size_t* consumed) {
  CompactReader reader(bytes);
  PageHeader header;
  RETURN_IF_ERROR(DecodePageHeaderStruct(reader, &header));
  *consumed = reader.position();
  return header;
}

}  // namespace jao::parquet
