// DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY: Encodings.md's examples with
// their length sections packed by hand, and the checks on lengths and
// prefixes.
#include "parquet/encoding/delta_byte_array.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parquet/encoding/encoder_support.h"

namespace jao::parquet {
namespace {

using testing::Bytes;
using testing::ToBytes;

using Strings = std::vector<std::string>;

// Lengths 5 5 6 6: first 5 (zigzag 10), deltas 0 1 0, min delta 0, width 1,
// packed 0 1 0 -> 0b010; a 32-value miniblock of 1 bit is 4 bytes.
Bytes HelloWorldExample() {
  Bytes data{0x80, 0x01, 0x04, 0x04, 0x0A, 0x00, 0x01,
             0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00};
  testing::Append(&data, ToBytes("HelloWorldFoobarABCDEF"));
  return data;
}

// Prefix lengths 0 2 0 3: first 0, deltas 2 -2 3, min -2 (zigzag 3), packed
// 4 0 5 at width 3 -> bytes 0x44 0x01, miniblock of 12 bytes. Suffix lengths
// 4 2 6 5: first 4 (zigzag 8), deltas -2 4 -1, min -2, packed 0 6 1 at width
// 3 -> bytes 0x70 0x00. Then the suffixes "axislebabbleyhood".
Bytes AxisExample() {
  Bytes data{0x80, 0x01, 0x04, 0x04, 0x00, 0x03, 0x03, 0x00, 0x00, 0x00};
  Bytes miniblock(12, 0);
  miniblock[0] = 0x44;
  miniblock[1] = 0x01;
  testing::Append(&data, miniblock);
  testing::Append(&data,
                  {0x80, 0x01, 0x04, 0x04, 0x08, 0x03, 0x03, 0x00, 0x00, 0x00});
  miniblock.assign(12, 0);
  miniblock[0] = 0x70;
  testing::Append(&data, miniblock);
  testing::Append(&data, ToBytes("axislebabbleyhood"));
  return data;
}

Bytes Lengths(const std::vector<int64_t>& lengths) {
  return testing::EncodeDeltaBinaryPacked(lengths, 128, 4, 32);
}

Strings Views(const std::vector<std::string_view>& views) {
  return Strings(views.begin(), views.end());
}

std::string DeltaLengthError(const Bytes& data, int64_t count) {
  std::vector<std::string_view> out(static_cast<size_t>(count));
  return DecodeDeltaLengthByteArray(data, count, out.data()).message();
}

std::string DeltaError(const Bytes& data, int64_t count) {
  std::vector<std::string_view> out(static_cast<size_t>(count));
  Buffer storage;
  return DecodeDeltaByteArray(data, count, out.data(), &storage).message();
}

TEST(DeltaLengthByteArray, DecodesTheSpecExample) {
  Bytes data = HelloWorldExample();
  std::vector<std::string_view> out(4);
  ASSERT_TRUE(DecodeDeltaLengthByteArray(data, 4, out.data()).ok());
  EXPECT_EQ(Views(out), (Strings{"Hello", "World", "Foobar", "ABCDEF"}));
}

TEST(DeltaLengthByteArray, ViewsPointIntoTheInput) {
  Bytes data = HelloWorldExample();
  std::vector<std::string_view> out(4);
  ASSERT_TRUE(DecodeDeltaLengthByteArray(data, 4, out.data()).ok());
  EXPECT_EQ(reinterpret_cast<const uint8_t*>(out[0].data()), data.data() + 14);
}

TEST(DeltaLengthByteArray, RejectsValueCountOtherThanRequested) {
  EXPECT_EQ(DeltaLengthError(HelloWorldExample(), 3),
            "delta_length_byte_array holds 4 lengths, 3 expected");
}

TEST(DeltaLengthByteArray, RejectsNegativeLength) {
  Bytes data = Lengths({2, -1});
  testing::Append(&data, ToBytes("ab"));
  EXPECT_EQ(DeltaLengthError(data, 2),
            "delta_length_byte_array length -1 of value 1 is negative");
}

TEST(DeltaLengthByteArray, RejectsLengthBeyondTheData) {
  Bytes data = Lengths({1, 5});
  testing::Append(&data, ToBytes("abc"));
  EXPECT_EQ(DeltaLengthError(data, 2),
            "delta_length_byte_array value 1 has length 5, 2 bytes remain");
}

TEST(DeltaByteArray, DecodesTheSpecExample) {
  Bytes data = AxisExample();
  std::vector<std::string_view> out(4);
  Buffer storage;
  ASSERT_TRUE(DecodeDeltaByteArray(data, 4, out.data(), &storage).ok());
  EXPECT_EQ(Views(out), (Strings{"axis", "axle", "babble", "babyhood"}));
}

TEST(DeltaByteArray, DecodesNoValues) {
  Bytes data = Lengths({});
  testing::Append(&data, Lengths({}));
  Buffer storage;
  EXPECT_TRUE(DecodeDeltaByteArray(data, 0, nullptr, &storage).ok());
}

TEST(DeltaByteArray, RejectsPrefixLongerThanThePreviousValue) {
  Bytes data = Lengths({0, 3});
  testing::Append(&data, Lengths({2, 1}));
  testing::Append(&data, ToBytes("abc"));
  EXPECT_EQ(DeltaError(data, 2),
            "delta_byte_array prefix length 3 of value 1 is longer than the "
            "previous value (2 bytes)");
}

TEST(DeltaByteArray, RejectsPrefixOnTheFirstValue) {
  Bytes data = Lengths({1});
  testing::Append(&data, Lengths({1}));
  testing::Append(&data, ToBytes("a"));
  EXPECT_EQ(DeltaError(data, 1),
            "delta_byte_array prefix length 1 of value 0 is longer than the "
            "previous value (0 bytes)");
}

TEST(DeltaByteArray, RejectsNegativePrefixLength) {
  Bytes data = Lengths({0, -2});
  testing::Append(&data, Lengths({1, 1}));
  testing::Append(&data, ToBytes("ab"));
  EXPECT_EQ(DeltaError(data, 2),
            "delta_byte_array prefix length -2 of value 1 is negative");
}

TEST(DeltaByteArray, RejectsSuffixBeyondTheData) {
  Bytes data = Lengths({0, 1});
  testing::Append(&data, Lengths({2, 4}));
  testing::Append(&data, ToBytes("abcd"));
  EXPECT_EQ(DeltaError(data, 2),
            "delta_byte_array value 1 has length 4, 2 bytes remain");
}

TEST(DeltaByteArray, RejectsSuffixCountOtherThanPrefixCount) {
  Bytes data = Lengths({0, 1});
  testing::Append(&data, Lengths({2}));
  testing::Append(&data, ToBytes("ab"));
  EXPECT_EQ(DeltaError(data, 2),
            "delta_byte_array holds 1 suffix lengths, 2 expected");
}

TEST(DeltaByteArray, RejectsValuesExpandingBeyond2GiB) {
  // One 65536-byte value, then 32768 values repeating it as their prefix:
  // 65536 * 32769 bytes, past INT32_MAX at value 32767.
  std::vector<int64_t> prefixes(32769, 65536);
  std::vector<int64_t> suffixes(32769, 0);
  prefixes[0] = 0;
  suffixes[0] = 65536;
  Bytes data = Lengths(prefixes);
  testing::Append(&data, Lengths(suffixes));
  testing::Append(&data, Bytes(65536, 'x'));
  EXPECT_EQ(DeltaError(data, 32769),
            "delta_byte_array values total more than 2147483647 bytes by value "
            "32767");
}

}  // namespace
}  // namespace jao::parquet
