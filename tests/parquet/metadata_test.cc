// FileMetaData and PageHeader decoding: field ids of parquet.thrift, every
// LogicalType member, required fields, negative sizes, unknown fields and
// enum values, encryption markers, and a real footer from the corpus.
#include "parquet/metadata.h"

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <iterator>
#include <vector>

#include "common/status_matchers_support.h"
#include "parquet/corpus_path_support.h"
#include "parquet/thrift_writer_support.h"

namespace jao::parquet {
namespace {

using testing::ThriftWriter;
namespace t = testing;

// A FileMetaData with a root and one INT32 leaf; `leaf_extra` writes more
// SchemaElement fields (ids above 4) into the leaf, `tail` more FileMetaData
// fields (ids above 4).
std::vector<uint8_t> FileMetaDataBytes(
    const std::function<void(ThriftWriter&)>& leaf_extra = {},
    const std::function<void(ThriftWriter&)>& tail = {}) {
  ThriftWriter w;
  w.I32(1, 2);
  w.ListField(2, t::kTStruct, 2);
  w.BeginElement().String(4, "schema").I32(5, 1).EndStruct();
  w.BeginElement().I32(1, 1).I32(3, 1).String(4, "id");
  if (leaf_extra) leaf_extra(w);
  w.EndStruct();
  w.I64(3, 8);
  w.ListField(4, t::kTStruct, 0);
  if (tail) tail(w);
  w.Stop();
  return w.bytes();
}

Result<FileMetaData> Decode(const std::vector<uint8_t>& bytes) {
  return DecodeFileMetaData(ByteSpan(bytes));
}

// Decodes a leaf whose logicalType union holds what `member` writes.
LogicalType DecodeLogicalType(
    const std::function<void(ThriftWriter&)>& member) {
  auto metadata = Decode(FileMetaDataBytes([&](ThriftWriter& w) {
    w.BeginStruct(10);
    member(w);
    w.EndStruct();
  }));
  EXPECT_THAT(metadata, IsOk());
  if (!metadata.ok() || metadata->schema.size() != 2) return {};
  return metadata->schema[1].logical_type;
}

TEST(Metadata, DecodesAMinimalFileMetaData) {
  auto metadata = Decode(FileMetaDataBytes());
  ASSERT_THAT(metadata, IsOk());
  EXPECT_EQ(metadata->version, 2);
  EXPECT_EQ(metadata->num_rows, 8);
  ASSERT_EQ(metadata->schema.size(), 2u);
  EXPECT_EQ(metadata->schema[0].name, "schema");
  EXPECT_EQ(metadata->schema[0].num_children, 1);
  EXPECT_FALSE(metadata->schema[0].type.has_value());
  EXPECT_EQ(metadata->schema[1].type, Type::INT32);
  EXPECT_EQ(metadata->schema[1].repetition_type, FieldRepetitionType::OPTIONAL);
  EXPECT_EQ(metadata->schema[1].converted_type, ConvertedType::NONE);
  EXPECT_EQ(metadata->schema[1].logical_type.kind, LogicalTypeKind::kNone);
  EXPECT_TRUE(metadata->row_groups.empty());
  EXPECT_FALSE(metadata->created_by.has_value());
  EXPECT_FALSE(metadata->has_encryption_algorithm);
}

TEST(Metadata, DecodesRowGroupsColumnChunksAndKeyValues) {
  auto metadata = Decode(FileMetaDataBytes({}, [](ThriftWriter& w) {
    w.ListField(5, t::kTStruct, 2);
    w.BeginElement().String(1, "k").String(2, "v").EndStruct();
    w.BeginElement().String(1, "only_key").EndStruct();
    w.String(6, "writer 1.0");
  }));
  ASSERT_THAT(metadata, IsOk());
  ASSERT_EQ(metadata->key_value_metadata.size(), 2u);
  EXPECT_EQ(metadata->key_value_metadata[0].key, "k");
  EXPECT_EQ(metadata->key_value_metadata[0].value, "v");
  EXPECT_FALSE(metadata->key_value_metadata[1].value.has_value());
  EXPECT_EQ(metadata->created_by, "writer 1.0");
}

// FileMetaData whose row_groups list holds one RowGroup of one ColumnChunk
// written by `chunk`.
std::vector<uint8_t> WithOneChunk(
    const std::function<void(ThriftWriter&)>& chunk) {
  ThriftWriter w;
  w.I32(1, 1);
  w.ListField(2, t::kTStruct, 1);
  w.BeginElement().String(4, "schema").I32(5, 0).EndStruct();
  w.I64(3, 3);
  w.ListField(4, t::kTStruct, 1);
  w.BeginElement();
  w.ListField(1, t::kTStruct, 1);
  w.BeginElement();
  chunk(w);
  w.EndStruct();
  w.I64(2, 100).I64(3, 3).I64(6, 90);
  w.EndStruct();
  w.Stop();
  return w.bytes();
}

void WriteColumnMetaData(ThriftWriter& w) {
  w.BeginStruct(3);
  w.I32(1, 6);  // BYTE_ARRAY
  w.ListField(2, t::kTI32, 3).ZigZag(0).ZigZag(3).ZigZag(8);
  w.ListField(3, t::kTBinary, 3)
      .BinaryValue("grades")
      .BinaryValue("list")
      .BinaryValue("element");
  w.I32(4, 6);  // ZSTD
  w.I64(5, 10).I64(6, 200).I64(7, 150);
  w.ListField(8, t::kTStruct, 1);  // key_value_metadata: skipped
  w.BeginElement().String(1, "a").EndStruct();
  w.I64(9, 4).I64(11, 100);
  w.EndStruct();
}

TEST(Metadata, DecodesColumnMetaData) {
  auto metadata = Decode(WithOneChunk([](ThriftWriter& w) {
    w.I64(2, 1234);
    WriteColumnMetaData(w);
  }));
  ASSERT_THAT(metadata, IsOk());
  ASSERT_EQ(metadata->row_groups.size(), 1u);
  const RowGroup& group = metadata->row_groups[0];
  EXPECT_EQ(group.total_byte_size, 100);
  EXPECT_EQ(group.num_rows, 3);
  EXPECT_EQ(group.total_compressed_size, 90);
  ASSERT_EQ(group.columns.size(), 1u);
  const ColumnChunk& chunk = group.columns[0];
  EXPECT_EQ(chunk.file_offset, 1234);
  EXPECT_FALSE(chunk.has_crypto_metadata);
  ASSERT_TRUE(chunk.meta_data.has_value());
  const ColumnMetaData& column = *chunk.meta_data;
  EXPECT_EQ(column.type, Type::BYTE_ARRAY);
  EXPECT_EQ(column.encodings,
            (std::vector<Encoding>{Encoding::PLAIN, Encoding::RLE,
                                   Encoding::RLE_DICTIONARY}));
  EXPECT_EQ(column.path_in_schema,
            (std::vector<std::string>{"grades", "list", "element"}));
  EXPECT_EQ(column.codec, CompressionCodec::ZSTD);
  EXPECT_EQ(column.num_values, 10);
  EXPECT_EQ(column.total_uncompressed_size, 200);
  EXPECT_EQ(column.total_compressed_size, 150);
  EXPECT_EQ(column.data_page_offset, 4);
  EXPECT_FALSE(column.index_page_offset.has_value());
  EXPECT_EQ(column.dictionary_page_offset, 100);
}

TEST(Metadata, MarksAColumnChunkWithCryptoMetadata) {
  auto metadata = Decode(WithOneChunk([](ThriftWriter& w) {
    w.I64(2, 4);
    w.BeginStruct(8).EmptyStruct(1).EndStruct();  // ENCRYPTION_WITH_FOOTER_KEY
  }));
  ASSERT_THAT(metadata, IsOk());
  EXPECT_TRUE(metadata->row_groups[0].columns[0].has_crypto_metadata);
  EXPECT_FALSE(metadata->row_groups[0].columns[0].meta_data.has_value());
}

TEST(Metadata, MarksAColumnChunkWithEncryptedColumnMetadata) {
  auto metadata = Decode(WithOneChunk(
      [](ThriftWriter& w) { w.I64(2, 4).String(9, "\x01\x02\x03"); }));
  ASSERT_THAT(metadata, IsOk());
  EXPECT_TRUE(metadata->row_groups[0].columns[0].has_crypto_metadata);
}

TEST(Metadata, MarksAPlaintextFooterWithAnEncryptionAlgorithm) {
  auto metadata = Decode(FileMetaDataBytes({}, [](ThriftWriter& w) {
    w.BeginStruct(8).BeginStruct(1).String(1, "prefix").EndStruct().EndStruct();
  }));
  ASSERT_THAT(metadata, IsOk());
  EXPECT_TRUE(metadata->has_encryption_algorithm);
}

TEST(Metadata, SkipsUnknownAndUnusedFields) {
  auto metadata = Decode(FileMetaDataBytes(
      [](ThriftWriter& w) {
        w.I32(9, 42);  // field_id
        w.FieldLong(300, t::kTList).ListHeader(t::kTStruct, 1);
        w.BeginElement().BeginStruct(1).I32(1, 1).EndStruct().EndStruct();
      },
      [](ThriftWriter& w) {
        w.ListField(7, t::kTStruct, 1);  // column_orders
        w.BeginElement().EmptyStruct(1).EndStruct();
        w.String(9, "signing key");
        w.BeginStruct(1000).Bool(1, true).EndStruct();
      }));
  ASSERT_THAT(metadata, IsOk());
  EXPECT_EQ(metadata->schema[1].name, "id");
  EXPECT_FALSE(metadata->has_encryption_algorithm);
}

TEST(Metadata, RejectsAMissingRequiredField) {
  ThriftWriter w;
  w.I32(1, 1).ListField(2, t::kTStruct, 0).ListField(4, t::kTStruct, 0).Stop();
  EXPECT_EQ(Decode(w.bytes()).status().ToString(),
            "corrupt: FileMetaData.num_rows (field 3) is missing");
}

TEST(Metadata, RejectsASchemaElementWithoutAName) {
  ThriftWriter w;
  w.I32(1, 1).ListField(2, t::kTStruct, 1);
  w.BeginElement().I32(5, 0).EndStruct();
  w.I64(3, 0).ListField(4, t::kTStruct, 0).Stop();
  EXPECT_EQ(Decode(w.bytes()).status().ToString(),
            "corrupt: SchemaElement.name (field 4) is missing");
}

TEST(Metadata, RejectsANegativeRowCount) {
  ThriftWriter w;
  w.I32(1, 1).ListField(2, t::kTStruct, 0).I64(3, -5);
  w.ListField(4, t::kTStruct, 0).Stop();
  EXPECT_EQ(Decode(w.bytes()).status().ToString(),
            "corrupt: num_rows -5 is negative");
}

TEST(Metadata, RejectsAFieldOfTheWrongWireType) {
  ThriftWriter w;
  w.I32(1, 1).ListField(2, t::kTStruct, 0).String(3, "8");
  w.ListField(4, t::kTStruct, 0).Stop();
  EXPECT_EQ(Decode(w.bytes()).status().ToString(),
            "corrupt: num_rows (field 3) has wire type binary, expected i64");
}

TEST(Metadata, RejectsASchemaListClaimingMoreElementsThanBytes) {
  ThriftWriter w;
  w.I32(1, 1).ListField(2, t::kTStruct, 4000000);
  for (int i = 0; i < 37; ++i) w.Byte(0);
  EXPECT_EQ(Decode(w.bytes()).status().ToString(),
            "corrupt: list of 4000000 elements exceeds the 37 remaining bytes");
}

TEST(Metadata, KeepsAnUnknownPhysicalTypeByNumber) {
  ThriftWriter w;
  w.I32(1, 1).ListField(2, t::kTStruct, 1);
  w.BeginElement().I32(1, 42).String(4, "x").EndStruct();
  w.I64(3, 0).ListField(4, t::kTStruct, 0).Stop();
  auto metadata = Decode(w.bytes());
  ASSERT_THAT(metadata, IsOk());
  EXPECT_EQ(TypeName(*metadata->schema[0].type), "UNKNOWN(42)");
}

TEST(Metadata, RejectsANegativeEnumValue) {
  ThriftWriter w;
  w.I32(1, 1).ListField(2, t::kTStruct, 1);
  w.BeginElement().I32(6, -1).String(4, "x").EndStruct();
  EXPECT_EQ(Decode(w.bytes()).status().ToString(),
            "corrupt: converted_type -1 is negative");
}

TEST(Metadata, DecodesLegacyConvertedTypeScaleAndPrecision) {
  auto metadata = Decode(FileMetaDataBytes(
      [](ThriftWriter& w) { w.I32(6, 5).I32(7, 2).I32(8, 9); }));
  ASSERT_THAT(metadata, IsOk());
  EXPECT_EQ(metadata->schema[1].converted_type, ConvertedType::DECIMAL);
  EXPECT_EQ(metadata->schema[1].scale, 2);
  EXPECT_EQ(metadata->schema[1].precision, 9);
}

// ---- LogicalType: every member of the union ------------------------------

struct EmptyMember {
  int id;
  LogicalTypeKind kind;
};

class LogicalTypeEmptyMember : public ::testing::TestWithParam<EmptyMember> {};

TEST_P(LogicalTypeEmptyMember, DecodesTheMemberFromItsFieldId) {
  const EmptyMember member = GetParam();
  LogicalType type = DecodeLogicalType(
      [&](ThriftWriter& w) { w.EmptyStruct(static_cast<int16_t>(member.id)); });
  EXPECT_EQ(type.kind, member.kind);
}

INSTANTIATE_TEST_SUITE_P(
    Metadata, LogicalTypeEmptyMember,
    ::testing::Values(EmptyMember{1, LogicalTypeKind::STRING},
                      EmptyMember{2, LogicalTypeKind::MAP},
                      EmptyMember{3, LogicalTypeKind::LIST},
                      EmptyMember{4, LogicalTypeKind::ENUM},
                      EmptyMember{6, LogicalTypeKind::DATE},
                      EmptyMember{11, LogicalTypeKind::UNKNOWN},
                      EmptyMember{12, LogicalTypeKind::JSON},
                      EmptyMember{13, LogicalTypeKind::BSON},
                      EmptyMember{14, LogicalTypeKind::UUID},
                      EmptyMember{15, LogicalTypeKind::FLOAT16},
                      EmptyMember{16, LogicalTypeKind::VARIANT},
                      EmptyMember{17, LogicalTypeKind::GEOMETRY},
                      EmptyMember{18, LogicalTypeKind::GEOGRAPHY},
                      EmptyMember{19, LogicalTypeKind::FILE},
                      EmptyMember{9, LogicalTypeKind::kOther},
                      EmptyMember{25, LogicalTypeKind::kOther}));

TEST(Metadata, DecodesADecimalLogicalType) {
  LogicalType type = DecodeLogicalType([](ThriftWriter& w) {
    w.BeginStruct(5).I32(1, 2).I32(2, 10).EndStruct();
  });
  EXPECT_EQ(type.kind, LogicalTypeKind::DECIMAL);
  EXPECT_EQ(type.scale, 2);
  EXPECT_EQ(type.precision, 10);
}

TEST(Metadata, DecodesATimeLogicalType) {
  LogicalType type = DecodeLogicalType([](ThriftWriter& w) {
    w.BeginStruct(7).Bool(1, false).BeginStruct(2).EmptyStruct(1);
    w.EndStruct().EndStruct();
  });
  EXPECT_EQ(type.kind, LogicalTypeKind::TIME);
  EXPECT_FALSE(type.is_adjusted_to_utc);
  EXPECT_EQ(type.unit, TimeUnit::MILLIS);
}

TEST(Metadata, DecodesATimestampLogicalTypeInMicros) {
  LogicalType type = DecodeLogicalType([](ThriftWriter& w) {
    w.BeginStruct(8).Bool(1, true).BeginStruct(2).EmptyStruct(2);
    w.EndStruct().EndStruct();
  });
  EXPECT_EQ(type.kind, LogicalTypeKind::TIMESTAMP);
  EXPECT_TRUE(type.is_adjusted_to_utc);
  EXPECT_EQ(type.unit, TimeUnit::MICROS);
}

TEST(Metadata, DecodesATimestampLogicalTypeInNanos) {
  LogicalType type = DecodeLogicalType([](ThriftWriter& w) {
    w.BeginStruct(8).Bool(1, false).BeginStruct(2).EmptyStruct(3);
    w.EndStruct().EndStruct();
  });
  EXPECT_EQ(type.kind, LogicalTypeKind::TIMESTAMP);
  EXPECT_FALSE(type.is_adjusted_to_utc);
  EXPECT_EQ(type.unit, TimeUnit::NANOS);
}

TEST(Metadata, KeepsAnUnknownTimeUnitByNumber) {
  LogicalType type = DecodeLogicalType([](ThriftWriter& w) {
    w.BeginStruct(8).Bool(1, true).BeginStruct(2).EmptyStruct(7);
    w.EndStruct().EndStruct();
  });
  EXPECT_EQ(TimeUnitName(type.unit), "UNKNOWN(7)");
}

TEST(Metadata, DecodesAnUnsignedIntegerLogicalType) {
  LogicalType type = DecodeLogicalType([](ThriftWriter& w) {
    w.BeginStruct(10).I8(1, 16).Bool(2, false).EndStruct();
  });
  EXPECT_EQ(type.kind, LogicalTypeKind::INTEGER);
  EXPECT_EQ(type.bit_width, 16);
  EXPECT_FALSE(type.is_signed);
}

TEST(Metadata, DecodesASignedIntegerLogicalType) {
  LogicalType type = DecodeLogicalType([](ThriftWriter& w) {
    w.BeginStruct(10).I8(1, 64).Bool(2, true).EndStruct();
  });
  EXPECT_EQ(type.kind, LogicalTypeKind::INTEGER);
  EXPECT_EQ(type.bit_width, 64);
  EXPECT_TRUE(type.is_signed);
}

TEST(Metadata, RejectsALogicalTypeMemberThatIsNotAStruct) {
  auto metadata = Decode(FileMetaDataBytes(
      [](ThriftWriter& w) { w.BeginStruct(10).I32(1, 0).EndStruct(); }));
  EXPECT_EQ(metadata.status().ToString(),
            "corrupt: LogicalType member (field 1) has wire type i32, expected "
            "struct");
}

// ---- PageHeader -------------------------------------------------------------

TEST(Metadata, DecodesADataPageHeaderWithCrcAndReportsItsLength) {
  ThriftWriter w;
  w.I32(1, 0).I32(2, 100).I32(3, 80).I32(4, -123456);
  w.BeginStruct(5).I32(1, 10).I32(2, 8).I32(3, 3).I32(4, 3);
  w.BeginStruct(5).String(1, "max").EndStruct();  // statistics: skipped
  w.EndStruct().Stop();
  const size_t header_length = w.bytes().size();
  w.Raw("page data");
  size_t consumed = 0;
  auto header = DecodePageHeader(ByteSpan(w.bytes()), &consumed);
  ASSERT_THAT(header, IsOk());
  EXPECT_EQ(consumed, header_length);
  EXPECT_EQ(header->type, PageType::DATA_PAGE);
  EXPECT_EQ(header->uncompressed_page_size, 100);
  EXPECT_EQ(header->compressed_page_size, 80);
  EXPECT_EQ(header->crc, -123456);
  ASSERT_TRUE(header->data_page_header.has_value());
  EXPECT_EQ(header->data_page_header->num_values, 10);
  EXPECT_EQ(header->data_page_header->encoding, Encoding::RLE_DICTIONARY);
  EXPECT_EQ(header->data_page_header->definition_level_encoding, Encoding::RLE);
  EXPECT_FALSE(header->dictionary_page_header.has_value());
}

TEST(Metadata, DecodesADictionaryPageHeader) {
  ThriftWriter w;
  w.I32(1, 2).I32(2, 40).I32(3, 40);
  w.BeginStruct(7).I32(1, 5).I32(2, 0).Bool(3, true).EndStruct().Stop();
  size_t consumed = 0;
  auto header = DecodePageHeader(ByteSpan(w.bytes()), &consumed);
  ASSERT_THAT(header, IsOk());
  EXPECT_EQ(header->type, PageType::DICTIONARY_PAGE);
  EXPECT_FALSE(header->crc.has_value());
  ASSERT_TRUE(header->dictionary_page_header.has_value());
  EXPECT_EQ(header->dictionary_page_header->num_values, 5);
  EXPECT_EQ(header->dictionary_page_header->encoding, Encoding::PLAIN);
  EXPECT_TRUE(header->dictionary_page_header->is_sorted);
}

TEST(Metadata, DecodesADataPageHeaderV2) {
  ThriftWriter w;
  w.I32(1, 3).I32(2, 50).I32(3, 30);
  w.BeginStruct(8).I32(1, 7).I32(2, 2).I32(3, 5).I32(4, 0).I32(5, 4).I32(6, 0);
  w.Bool(7, false).EndStruct().Stop();
  size_t consumed = 0;
  auto header = DecodePageHeader(ByteSpan(w.bytes()), &consumed);
  ASSERT_THAT(header, IsOk());
  ASSERT_TRUE(header->data_page_header_v2.has_value());
  const DataPageHeaderV2& v2 = *header->data_page_header_v2;
  EXPECT_EQ(v2.num_values, 7);
  EXPECT_EQ(v2.num_nulls, 2);
  EXPECT_EQ(v2.num_rows, 5);
  EXPECT_EQ(v2.definition_levels_byte_length, 4);
  EXPECT_EQ(v2.repetition_levels_byte_length, 0);
  EXPECT_FALSE(v2.is_compressed);
}

TEST(Metadata, DefaultsDataPageHeaderV2IsCompressedToTrue) {
  ThriftWriter w;
  w.I32(1, 3).I32(2, 50).I32(3, 30);
  w.BeginStruct(8).I32(1, 7).I32(2, 2).I32(3, 5).I32(4, 0).I32(5, 4).I32(6, 0);
  w.EndStruct().Stop();
  size_t consumed = 0;
  auto header = DecodePageHeader(ByteSpan(w.bytes()), &consumed);
  ASSERT_THAT(header, IsOk());
  EXPECT_TRUE(header->data_page_header_v2->is_compressed);
}

TEST(Metadata, RejectsANegativeCompressedPageSize) {
  ThriftWriter w;
  w.I32(1, 0).I32(2, 100).I32(3, -4).Stop();
  size_t consumed = 0;
  EXPECT_EQ(
      DecodePageHeader(ByteSpan(w.bytes()), &consumed).status().ToString(),
      "corrupt: compressed_page_size -4 is negative");
}

TEST(Metadata, RejectsANegativeDefinitionLevelsByteLength) {
  ThriftWriter w;
  w.I32(1, 3).I32(2, 50).I32(3, 30);
  w.BeginStruct(8).I32(1, 7).I32(2, 2).I32(3, 5).I32(4, 0).I32(5, -1);
  size_t consumed = 0;
  EXPECT_EQ(
      DecodePageHeader(ByteSpan(w.bytes()), &consumed).status().ToString(),
      "corrupt: definition_levels_byte_length -1 is negative");
}

TEST(Metadata, RejectsADataPageHeaderWithoutItsEncoding) {
  ThriftWriter w;
  w.I32(1, 0).I32(2, 10).I32(3, 10);
  w.BeginStruct(5).I32(1, 1).I32(3, 3).I32(4, 3).EndStruct().Stop();
  size_t consumed = 0;
  EXPECT_EQ(
      DecodePageHeader(ByteSpan(w.bytes()), &consumed).status().ToString(),
      "corrupt: DataPageHeader.encoding (field 2) is missing");
}

TEST(Metadata, RejectsAPageHeaderCutShort) {
  ThriftWriter w;
  w.I32(1, 0).I32(2, 100);
  size_t consumed = 0;
  EXPECT_EQ(
      DecodePageHeader(ByteSpan(w.bytes()), &consumed).status().ToString(),
      "corrupt: field header at offset 5 needs 1 bytes, only 0 remain");
}

TEST(Metadata, KeepsAnUnknownPageTypeByNumber) {
  ThriftWriter w;
  w.I32(1, 9).I32(2, 0).I32(3, 0).Stop();
  size_t consumed = 0;
  auto header = DecodePageHeader(ByteSpan(w.bytes()), &consumed);
  ASSERT_THAT(header, IsOk());
  EXPECT_EQ(PageTypeName(header->type), "UNKNOWN(9)");
}

// ---- a real footer
// -----------------------------------------------------------

// Expected values read with DuckDB 1.x parquet_file_metadata() /
// parquet_schema() / parquet_metadata() on the same file.
TEST(Metadata, DecodesTheFooterOfAlltypesPlain) {
  const std::string path = t::CorpusFile("alltypes_plain.parquet");
  if (!t::Exists(path)) GTEST_SKIP() << "missing corpus file " << path;
  std::ifstream in(path, std::ios::binary);
  std::vector<uint8_t> file((std::istreambuf_iterator<char>(in)),
                            std::istreambuf_iterator<char>());
  ASSERT_EQ(file.size(), 1851u);
  // The last 8 bytes: u32 LE metadata length (730 per DuckDB), "PAR1".
  const size_t length = 730;
  auto metadata = DecodeFileMetaData(
      ByteSpan(file).subspan(file.size() - 8 - length, length));
  ASSERT_THAT(metadata, IsOk());
  EXPECT_EQ(metadata->version, 1);
  EXPECT_EQ(metadata->num_rows, 8);
  EXPECT_EQ(metadata->created_by,
            "impala version 1.3.0-INTERNAL (build "
            "8a48ddb1eff84592b3fc06bc6f51ec120e1fffc9)");
  ASSERT_EQ(metadata->schema.size(), 12u);
  EXPECT_EQ(metadata->schema[0].name, "schema");
  EXPECT_EQ(metadata->schema[0].num_children, 11);
  EXPECT_EQ(metadata->schema[11].name, "timestamp_col");
  EXPECT_EQ(metadata->schema[11].type, Type::INT96);
  ASSERT_EQ(metadata->row_groups.size(), 1u);
  const RowGroup& group = metadata->row_groups[0];
  EXPECT_EQ(group.num_rows, 8);
  ASSERT_EQ(group.columns.size(), 11u);
  const ColumnMetaData& id = *group.columns[0].meta_data;
  EXPECT_EQ(id.path_in_schema, std::vector<std::string>{"id"});
  EXPECT_EQ(id.type, Type::INT32);
  EXPECT_EQ(id.codec, CompressionCodec::UNCOMPRESSED);
  EXPECT_EQ(id.num_values, 8);
  EXPECT_EQ(id.total_compressed_size, 73);
  EXPECT_EQ(id.data_page_offset, 49);
  EXPECT_EQ(id.dictionary_page_offset, 4);
  const ColumnMetaData& ts = *group.columns[10].meta_data;
  EXPECT_EQ(ts.type, Type::INT96);
  EXPECT_EQ(ts.total_compressed_size, 139);
  EXPECT_EQ(ts.data_page_offset, 1040);
  EXPECT_EQ(ts.dictionary_page_offset, 929);
}

}  // namespace
}  // namespace jao::parquet
