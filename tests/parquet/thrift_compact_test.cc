// The compact-protocol reader: scalars, headers, skipping, and every way its
// bytes can lie about lengths, counts and nesting.
#include "parquet/thrift_compact.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "common/status_matchers_support.h"
#include "parquet/thrift_writer_support.h"

namespace jao::parquet::thrift {
namespace {

using testing::ThriftWriter;

ByteSpan Span(const std::vector<uint8_t>& bytes) { return ByteSpan(bytes); }

TEST(ThriftCompact, ReadsTheLargestTenByteVarint) {
  const std::vector<uint8_t> bytes = {0xff, 0xff, 0xff, 0xff, 0xff,
                                      0xff, 0xff, 0xff, 0xff, 0x01};
  CompactReader reader(Span(bytes));
  auto value = reader.ReadVarint();
  ASSERT_THAT(value, IsOk());
  EXPECT_EQ(*value, UINT64_MAX);
  EXPECT_EQ(reader.remaining(), 0u);
}

TEST(ThriftCompact, RejectsAVarintLongerThanTenBytes) {
  const std::vector<uint8_t> bytes = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
                                      0x80, 0x80, 0x80, 0x80, 0x00};
  CompactReader reader(Span(bytes));
  EXPECT_EQ(reader.ReadVarint().status().ToString(),
            "corrupt: varint at offset 0 is longer than 10 bytes");
}

TEST(ThriftCompact, RejectsATenthVarintByteBeyondSixtyFourBits) {
  const std::vector<uint8_t> bytes = {0xff, 0xff, 0xff, 0xff, 0xff,
                                      0xff, 0xff, 0xff, 0xff, 0x02};
  CompactReader reader(Span(bytes));
  EXPECT_EQ(reader.ReadVarint().status().ToString(),
            "corrupt: varint at offset 0 overflows 64 bits");
}

// Zigzag (the compact protocol's signed encoding): 2^15 is 2^16 on the
// wire, varint 80 80 04. The byte before it (05, a 1-byte i8) puts the value
// at offset 1.
TEST(ThriftCompact, RejectsAnI16OutsideSixteenBits) {
  const std::vector<uint8_t> bytes = {0x05, 0x80, 0x80, 0x04};
  CompactReader reader(Span(bytes));
  ASSERT_THAT(reader.ReadI8(), IsOk());
  EXPECT_EQ(reader.ReadI16().status().ToString(),
            "corrupt: i16 at offset 1 has value 32768, outside -32768..32767");
}

TEST(ThriftCompact, RejectsATruncatedVarint) {
  const std::vector<uint8_t> bytes = {0x05, 0x80, 0x80};
  CompactReader reader(Span(bytes));
  ASSERT_THAT(reader.ReadI8(), IsOk());
  EXPECT_EQ(reader.ReadVarint().status().ToString(),
            "corrupt: varint at offset 1 is truncated after 2 bytes");
}

TEST(ThriftCompact, DecodesZigZagIntegers) {
  // zigzag: 0 -> 0, -1 -> 1, 1 -> 2, -2 -> 3; INT32_MIN -> 0xffffffff.
  ThriftWriter w;
  w.Byte(0x00).Byte(0x01).Byte(0x02).Byte(0x03).Varint(0xffffffffu);
  CompactReader reader(Span(w.bytes()));
  EXPECT_EQ(*reader.ReadI32(), 0);
  EXPECT_EQ(*reader.ReadI32(), -1);
  EXPECT_EQ(*reader.ReadI32(), 1);
  EXPECT_EQ(*reader.ReadI32(), -2);
  EXPECT_EQ(*reader.ReadI32(), INT32_MIN);
}

TEST(ThriftCompact, RejectsAnI32OutsideThirtyTwoBits) {
  ThriftWriter w;
  w.ZigZag(int64_t{1} << 31);
  CompactReader reader(Span(w.bytes()));
  EXPECT_EQ(reader.ReadI32().status().ToString(),
            "corrupt: i32 at offset 0 has value 2147483648, outside the "
            "32-bit range");
}

TEST(ThriftCompact, ReadsALittleEndianDouble) {
  const std::vector<uint8_t> bytes = {0, 0, 0, 0, 0, 0, 0xf8, 0x3f};  // 1.5
  CompactReader reader(Span(bytes));
  EXPECT_EQ(*reader.ReadDouble(), 1.5);
}

TEST(ThriftCompact, RejectsATruncatedDouble) {
  const std::vector<uint8_t> bytes = {0, 0, 0};
  CompactReader reader(Span(bytes));
  EXPECT_EQ(reader.ReadDouble().status().ToString(),
            "corrupt: double at offset 0 needs 8 bytes, only 3 remain");
}

TEST(ThriftCompact, ReadsABinary) {
  ThriftWriter w;
  w.BinaryValue("abc");
  CompactReader reader(Span(w.bytes()));
  EXPECT_EQ(*reader.ReadString(), "abc");
}

TEST(ThriftCompact, RejectsANegativeBinaryLength) {
  ThriftWriter w;
  w.Varint(static_cast<uint32_t>(-3)).Raw("abc");
  CompactReader reader(Span(w.bytes()));
  EXPECT_EQ(reader.ReadBinary().status().ToString(),
            "corrupt: binary length -3 is negative");
}

TEST(ThriftCompact, RejectsABinaryLongerThanTheRemainingBytes) {
  ThriftWriter w;
  w.Varint(100).Raw("abcde");
  CompactReader reader(Span(w.bytes()));
  EXPECT_EQ(reader.ReadBinary().status().ToString(),
            "corrupt: binary of 100 bytes exceeds the 5 remaining bytes");
}

TEST(ThriftCompact, RejectsABinaryLengthBeyondThirtyTwoBits) {
  ThriftWriter w;
  w.Varint(uint64_t{1} << 32);
  CompactReader reader(Span(w.bytes()));
  EXPECT_EQ(reader.ReadBinary().status().ToString(),
            "corrupt: binary length 4294967296 exceeds 32 bits");
}

TEST(ThriftCompact, ReadsShortAndLongFieldHeaders) {
  ThriftWriter w;
  w.I32(1, 10).I32(3, 30).FieldLong(200, testing::kTI32).ZigZag(2000).Stop();
  CompactReader reader(Span(w.bytes()));
  std::vector<std::pair<int, int32_t>> seen;
  Status status = reader.ReadStruct([&](const FieldHeader& f) -> Status {
    auto v = reader.ReadI32();
    if (!v.ok()) return v.status();
    seen.emplace_back(f.id, *v);
    return Status::Ok();
  });
  ASSERT_THAT(status, IsOk());
  EXPECT_EQ(seen, (std::vector<std::pair<int, int32_t>>{
                      {1, 10}, {3, 30}, {200, 2000}}));
  EXPECT_EQ(reader.remaining(), 0u);
}

TEST(ThriftCompact, CarriesABoolFieldInItsHeader) {
  ThriftWriter w;
  w.Bool(1, true).Bool(2, false).Stop();
  CompactReader reader(Span(w.bytes()));
  std::vector<bool> values;
  Status status = reader.ReadStruct([&](const FieldHeader& f) -> Status {
    values.push_back(f.bool_value());
    return Status::Ok();
  });
  ASSERT_THAT(status, IsOk());
  EXPECT_EQ(values, (std::vector<bool>{true, false}));
}

TEST(ThriftCompact, RejectsAFieldTruncatedBeforeItsValue) {
  ThriftWriter w;
  w.Field(1, testing::kTI32);  // header, no value, no stop
  CompactReader reader(Span(w.bytes()));
  Status status = reader.ReadStruct(
      [&](const FieldHeader& f) -> Status { return reader.Skip(f.type); });
  EXPECT_EQ(status.ToString(),
            "corrupt: varint at offset 1 is truncated after 0 bytes");
}

TEST(ThriftCompact, RejectsAStructWithoutItsStopByte) {
  ThriftWriter w;
  w.I32(1, 5);
  CompactReader reader(Span(w.bytes()));
  Status status = reader.ReadStruct(
      [&](const FieldHeader& f) -> Status { return reader.Skip(f.type); });
  EXPECT_EQ(status.ToString(),
            "corrupt: field header at offset 2 needs 1 bytes, only 0 remain");
}

TEST(ThriftCompact, RejectsAnUnknownFieldType) {
  const std::vector<uint8_t> bytes = {0x1d, 0x00};  // id delta 1, type 13
  CompactReader reader(Span(bytes));
  Status status = reader.ReadStruct(
      [&](const FieldHeader& f) -> Status { return reader.Skip(f.type); });
  EXPECT_EQ(status.ToString(),
            "corrupt: field header at offset 0 has unknown type 13");
}

TEST(ThriftCompact, RejectsAHugeListCountBeforeAllocating) {
  // 2^31 - 1 one-byte elements claimed by a 20-byte buffer.
  ThriftWriter w;
  w.ListHeader(testing::kTI32, 0x7fffffff);
  while (w.bytes().size() < 20) w.Byte(0);
  CompactReader reader(Span(w.bytes()));
  EXPECT_EQ(reader.ReadListHeader().status().ToString(),
            "corrupt: list of 2147483647 elements exceeds the 14 remaining "
            "bytes");
}

TEST(ThriftCompact, RejectsAListCountOfTwoToTheThirtyFirstAsNegative) {
  ThriftWriter w;
  w.ListHeader(testing::kTByte, uint64_t{1} << 31);
  while (w.bytes().size() < 20) w.Byte(0);
  CompactReader reader(Span(w.bytes()));
  EXPECT_EQ(reader.ReadListHeader().status().ToString(),
            "corrupt: list size -2147483648 is negative");
}

TEST(ThriftCompact, CountsEightBytesPerDoubleInAListBound) {
  ThriftWriter w;
  w.ListHeader(testing::kTDouble, 3);
  for (int i = 0; i < 16; ++i) w.Byte(0);
  CompactReader reader(Span(w.bytes()));
  EXPECT_EQ(reader.ReadListHeader().status().ToString(),
            "corrupt: list of 3 elements exceeds the 16 remaining bytes");
}

TEST(ThriftCompact, ReadsAListOfStrings) {
  ThriftWriter w;
  w.ListHeader(testing::kTBinary, 2).BinaryValue("a").BinaryValue("bc");
  CompactReader reader(Span(w.bytes()));
  std::vector<std::string> out;
  Status status = reader.ReadList(CType::kBinary, "names", [&]() -> Status {
    auto s = reader.ReadString();
    if (!s.ok()) return s.status();
    out.push_back(*s);
    return Status::Ok();
  });
  ASSERT_THAT(status, IsOk());
  EXPECT_EQ(out, (std::vector<std::string>{"a", "bc"}));
}

TEST(ThriftCompact, RejectsAListOfTheWrongElementType) {
  ThriftWriter w;
  w.ListHeader(testing::kTI64, 1).ZigZag(1);
  CompactReader reader(Span(w.bytes()));
  Status status = reader.ReadList(CType::kBinary, "path_in_schema",
                                  [&]() { return Status::Ok(); });
  EXPECT_EQ(status.ToString(),
            "corrupt: path_in_schema is a list of i64, expected binary");
}

TEST(ThriftCompact, SkipsUnknownFieldsOfEveryTypeIncludingNestedStructs) {
  ThriftWriter w;
  w.I32(1, 7);
  // Field 2: a struct holding every type, itself holding a struct.
  w.BeginStruct(2)
      .Bool(1, true)
      .I8(2, -1)
      .Field(3, testing::kTI16)
      .ZigZag(-300)
      .I64(4, int64_t{1} << 40)
      .Field(5, testing::kTDouble)
      .DoubleValue(2.5)
      .String(6, "skip me")
      .ListField(7, testing::kTTrue, 3)
      .Byte(1)
      .Byte(2)
      .Byte(1)
      .Field(8, testing::kTSet)
      .ListHeader(testing::kTStruct, 1)
      .BeginElement()
      .String(1, "inner")
      .EndStruct()
      .Field(9, testing::kTMap)
      .Varint(2)
      .Byte(testing::kTBinary << 4 | testing::kTI32)
      .BinaryValue("k1")
      .ZigZag(1)
      .BinaryValue("k2")
      .ZigZag(2)
      .Field(10, testing::kTMap)
      .Varint(0)  // an empty map has no type byte
      .BeginStruct(11)
      .BeginStruct(1)
      .I32(1, 99)
      .EndStruct()
      .EndStruct()
      .EndStruct();
  w.I32(3, 9).Stop();
  CompactReader reader(Span(w.bytes()));
  std::vector<std::pair<int, int32_t>> kept;
  Status status = reader.ReadStruct([&](const FieldHeader& f) -> Status {
    if (f.id == 2) return reader.Skip(f.type);
    auto v = reader.ReadI32();
    if (!v.ok()) return v.status();
    kept.emplace_back(f.id, *v);
    return Status::Ok();
  });
  ASSERT_THAT(status, IsOk());
  EXPECT_EQ(kept, (std::vector<std::pair<int, int32_t>>{{1, 7}, {3, 9}}));
  EXPECT_EQ(reader.remaining(), 0u);
}

TEST(ThriftCompact, RejectsNestingDeeperThanTheLimit) {
  // 65 structs, each field 1 of its parent: one level past the default 64.
  ThriftWriter w;
  for (int i = 0; i < 64; ++i) w.BeginStruct(1);
  for (int i = 0; i < 64; ++i) w.EndStruct();
  w.Stop();
  CompactReader reader(Span(w.bytes()));
  EXPECT_EQ(reader.Skip(CType::kStruct).ToString(),
            "corrupt: nesting depth exceeds the limit of 64 at offset 64");
}

TEST(ThriftCompact, AcceptsNestingExactlyAtTheLimit) {
  ThriftWriter w;
  for (int i = 0; i < 63; ++i) w.BeginStruct(1);
  for (int i = 0; i < 63; ++i) w.EndStruct();
  w.Stop();
  CompactReader reader(Span(w.bytes()));
  EXPECT_THAT(reader.Skip(CType::kStruct), IsOk());
  EXPECT_EQ(reader.remaining(), 0u);
}

TEST(ThriftCompact, CountsListsTowardTheNestingLimit) {
  // list<list<list<i32>>> with a limit of 2.
  ThriftWriter w;
  w.ListHeader(testing::kTList, 1)
      .ListHeader(testing::kTList, 1)
      .ListHeader(testing::kTI32, 1)
      .ZigZag(1);
  CompactReader reader(Span(w.bytes()), 2);
  EXPECT_EQ(reader.Skip(CType::kList).ToString(),
            "corrupt: nesting depth exceeds the limit of 2 at offset 2");
}

TEST(ThriftCompact, RejectsAMapCountBeyondTheRemainingBytes) {
  ThriftWriter w;
  w.Varint(10).Byte(testing::kTI32 << 4 | testing::kTI32).ZigZag(1).ZigZag(2);
  CompactReader reader(Span(w.bytes()));
  EXPECT_EQ(reader.Skip(CType::kMap).ToString(),
            "corrupt: map of 10 entries exceeds the 2 remaining bytes");
}

}  // namespace
}  // namespace jao::parquet::thrift
