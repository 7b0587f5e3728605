// The specs of parquet.thrift's PageHeader and the three page-kind headers
// inside it (thrift_struct.h); implements DecodePageHeader of metadata.h.
// Sizes and counts are refused when negative so the page reader can trust
// their sign.
#include "parquet/metadata.h"
#include "parquet/thrift_struct.h"

namespace jao::parquet {
namespace {

using namespace thrift;

constexpr auto kDataPageHeader = Describe<DataPageHeader>(
    "DataPageHeader",
    {
        {1, "num_values", kRequired, Count<&DataPageHeader::num_values>},
        {2, "encoding", kRequired, Enum<&DataPageHeader::encoding>},
        {3, "definition_level_encoding", kRequired,
         Enum<&DataPageHeader::definition_level_encoding>},
        {4, "repetition_level_encoding", kRequired,
         Enum<&DataPageHeader::repetition_level_encoding>},
    });

constexpr auto kDictionaryPageHeader = Describe<DictionaryPageHeader>(
    "DictionaryPageHeader",
    {
        {1, "num_values", kRequired, Count<&DictionaryPageHeader::num_values>},
        {2, "encoding", kRequired, Enum<&DictionaryPageHeader::encoding>},
        {3, "is_sorted", kOptional, Bool<&DictionaryPageHeader::is_sorted>},
    });

constexpr auto kDataPageHeaderV2 = Describe<DataPageHeaderV2>(
    "DataPageHeaderV2",
    {
        {1, "num_values", kRequired, Count<&DataPageHeaderV2::num_values>},
        {2, "num_nulls", kRequired, Count<&DataPageHeaderV2::num_nulls>},
        {3, "num_rows", kRequired, Count<&DataPageHeaderV2::num_rows>},
        {4, "encoding", kRequired, Enum<&DataPageHeaderV2::encoding>},
        {5, "definition_levels_byte_length", kRequired,
         Count<&DataPageHeaderV2::definition_levels_byte_length>},
        {6, "repetition_levels_byte_length", kRequired,
         Count<&DataPageHeaderV2::repetition_levels_byte_length>},
        {7, "is_compressed", kOptional, Bool<&DataPageHeaderV2::is_compressed>},
    });

constexpr auto kPageHeader = Describe<PageHeader>(
    "PageHeader",
    {
        {1, "type", kRequired, Enum<&PageHeader::type>},
        {2, "uncompressed_page_size", kRequired,
         Count<&PageHeader::uncompressed_page_size>},
        {3, "compressed_page_size", kRequired,
         Count<&PageHeader::compressed_page_size>},
        {4, "crc", kOptional, I32<&PageHeader::crc>},
        {5, "data_page_header", kOptional,
         Struct<&PageHeader::data_page_header, kDataPageHeader>},
        {7, "dictionary_page_header", kOptional,
         Struct<&PageHeader::dictionary_page_header, kDictionaryPageHeader>},
        {8, "data_page_header_v2", kOptional,
         Struct<&PageHeader::data_page_header_v2, kDataPageHeaderV2>},
    });

}  // namespace

Result<PageHeader> DecodePageHeader(ByteSpan bytes, size_t* consumed) {
  CompactReader reader(bytes);
  PageHeader header;
  RETURN_IF_ERROR(Decode(reader, kPageHeader, &header));
  *consumed = reader.position();
  return header;
}

}  // namespace jao::parquet
