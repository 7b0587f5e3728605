// Struct decoders for parquet.thrift's PageHeader and the three page-kind
// headers inside it; implements DecodePageHeader of metadata.h. Each struct's
// fields are one table (thrift_struct.h). Sizes and counts are refused when
// negative so the page reader can trust their sign.
#include <array>

#include "parquet/metadata.h"
#include "parquet/thrift_struct.h"

namespace jao::parquet {
namespace {

using namespace thrift;

Status DecodeDataPageHeader(CompactReader& r, DataPageHeader* out) {
  using H = DataPageHeader;
  static constexpr std::array<FieldSpec<H>, 4> kFields{{
      {1, "num_values", kRequired, Count<&H::num_values>},
      {2, "encoding", kRequired, Enum<&H::encoding>},
      {3, "definition_level_encoding", kRequired,
       Enum<&H::definition_level_encoding>},
      {4, "repetition_level_encoding", kRequired,
       Enum<&H::repetition_level_encoding>},
  }};
  return DecodeStruct<H>(r, "DataPageHeader", kFields, out);
}

Status DecodeDictionaryPageHeader(CompactReader& r, DictionaryPageHeader* out) {
  using H = DictionaryPageHeader;
  static constexpr std::array<FieldSpec<H>, 3> kFields{{
      {1, "num_values", kRequired, Count<&H::num_values>},
      {2, "encoding", kRequired, Enum<&H::encoding>},
      {3, "is_sorted", kOptional, Bool<&H::is_sorted>},
  }};
  return DecodeStruct<H>(r, "DictionaryPageHeader", kFields, out);
}

Status DecodeDataPageHeaderV2(CompactReader& r, DataPageHeaderV2* out) {
  using H = DataPageHeaderV2;
  static constexpr std::array<FieldSpec<H>, 7> kFields{{
      {1, "num_values", kRequired, Count<&H::num_values>},
      {2, "num_nulls", kRequired, Count<&H::num_nulls>},
      {3, "num_rows", kRequired, Count<&H::num_rows>},
      {4, "encoding", kRequired, Enum<&H::encoding>},
      {5, "definition_levels_byte_length", kRequired,
       Count<&H::definition_levels_byte_length>},
      {6, "repetition_levels_byte_length", kRequired,
       Count<&H::repetition_levels_byte_length>},
      {7, "is_compressed", kOptional, Bool<&H::is_compressed>},
  }};
  return DecodeStruct<H>(r, "DataPageHeaderV2", kFields, out);
}

Status DecodePageHeaderStruct(CompactReader& r, PageHeader* out) {
  using H = PageHeader;
  static constexpr std::array<FieldSpec<H>, 7> kFields{{
      {1, "type", kRequired, Enum<&H::type>},
      {2, "uncompressed_page_size", kRequired,
       Count<&H::uncompressed_page_size>},
      {3, "compressed_page_size", kRequired, Count<&H::compressed_page_size>},
      {4, "crc", kOptional, I32<&H::crc>},
      {5, "data_page_header", kOptional,
       Struct<&H::data_page_header, DecodeDataPageHeader>},
      {7, "dictionary_page_header", kOptional,
       Struct<&H::dictionary_page_header, DecodeDictionaryPageHeader>},
      {8, "data_page_header_v2", kOptional,
       Struct<&H::data_page_header_v2, DecodeDataPageHeaderV2>},
  }};
  return DecodeStruct<H>(r, "PageHeader", kFields, out);
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
