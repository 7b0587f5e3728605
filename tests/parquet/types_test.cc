// Names of the format's enums: spelled as in parquet.thrift, and values
// outside the spec printed by number.
#include "parquet/types.h"

#include <gtest/gtest.h>

namespace jao::parquet {
namespace {

TEST(MetadataTypeNames, SpellsPhysicalTypesAsInTheSpec) {
  EXPECT_EQ(TypeName(Type::BOOLEAN), "BOOLEAN");
  EXPECT_EQ(TypeName(Type::FIXED_LEN_BYTE_ARRAY), "FIXED_LEN_BYTE_ARRAY");
  EXPECT_EQ(TypeName(static_cast<Type>(8)), "UNKNOWN(8)");
}

TEST(MetadataTypeNames, SpellsConvertedTypesIncludingAbsent) {
  EXPECT_EQ(ConvertedTypeName(ConvertedType::NONE), "NONE");
  EXPECT_EQ(ConvertedTypeName(ConvertedType::UTF8), "UTF8");
  EXPECT_EQ(ConvertedTypeName(ConvertedType::INTERVAL), "INTERVAL");
  EXPECT_EQ(ConvertedTypeName(static_cast<ConvertedType>(22)), "UNKNOWN(22)");
}

TEST(MetadataTypeNames, LeavesTheRetiredEncodingOneUnnamed) {
  EXPECT_EQ(EncodingName(Encoding::PLAIN), "PLAIN");
  EXPECT_EQ(EncodingName(static_cast<Encoding>(1)), "UNKNOWN(1)");
  EXPECT_EQ(EncodingName(Encoding::BYTE_STREAM_SPLIT), "BYTE_STREAM_SPLIT");
}

TEST(MetadataTypeNames, SpellsCodecsPageTypesRepetitionsAndUnits) {
  EXPECT_EQ(CodecName(CompressionCodec::LZ4_RAW), "LZ4_RAW");
  EXPECT_EQ(CodecName(static_cast<CompressionCodec>(-2)), "UNKNOWN(-2)");
  EXPECT_EQ(PageTypeName(PageType::DATA_PAGE_V2), "DATA_PAGE_V2");
  EXPECT_EQ(RepetitionName(FieldRepetitionType::REPEATED), "REPEATED");
  EXPECT_EQ(TimeUnitName(TimeUnit::NANOS), "NANOS");
}

TEST(MetadataTypeNames, SpellsLogicalTypeKinds) {
  EXPECT_EQ(LogicalTypeKindName(LogicalTypeKind::kNone), "NONE");
  EXPECT_EQ(LogicalTypeKindName(LogicalTypeKind::INTEGER), "INTEGER");
  EXPECT_EQ(LogicalTypeKindName(LogicalTypeKind::FILE), "FILE");
  EXPECT_EQ(LogicalTypeKindName(LogicalTypeKind::kOther), "OTHER");
  EXPECT_EQ(LogicalTypeKindName(static_cast<LogicalTypeKind>(9)), "UNKNOWN(9)");
}

}  // namespace
}  // namespace jao::parquet
