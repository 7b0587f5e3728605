// PLAIN decoding of every physical type; expected values are the
// little-endian and IEEE 754 byte patterns written out by hand.
#include "parquet/encoding/plain.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "common/status_matchers_support.h"
#include "parquet/encoding/encoder_support.h"

namespace jao::parquet {
namespace {

using testing::Bytes;
using testing::ToBytes;

TEST(Plain, DecodesInt32LittleEndian) {
  Bytes data{0x01, 0x00, 0x00, 0x00, 0xFE, 0xFF,
             0xFF, 0xFF, 0x00, 0x00, 0x00, 0x80};
  std::vector<int32_t> out(3);
  size_t consumed = 0;
  ASSERT_THAT(DecodePlainFixed<int32_t>(data, 3, out.data(), &consumed),
              IsOk());
  EXPECT_EQ(out, (std::vector<int32_t>{1, -2, INT32_MIN}));
  EXPECT_EQ(consumed, 12u);
}

TEST(Plain, DecodesInt64FromAnUnalignedAddress) {
  Bytes data{0xEE, 0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x81};
  int64_t out = 0;
  size_t consumed = 0;
  ASSERT_THAT(
      DecodePlainFixed<int64_t>(ByteSpan(data).subspan(1), 1, &out, &consumed),
      IsOk());
  EXPECT_EQ(out, static_cast<int64_t>(0x8102030405060708ull));
  EXPECT_EQ(consumed, 8u);
}

TEST(Plain, DecodesFloatAndDouble) {
  Bytes floats{0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0xC0, 0x7F};
  Bytes doubles{0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF8, 0x3F};
  float f[2];
  double d = 0;
  size_t consumed = 0;
  ASSERT_THAT(DecodePlainFixed<float>(floats, 2, f, &consumed), IsOk());
  ASSERT_THAT(DecodePlainFixed<double>(doubles, 1, &d, &consumed), IsOk());
  EXPECT_EQ(f[0], 1.0f);
  EXPECT_TRUE(std::isnan(f[1]));
  EXPECT_EQ(d, 1.5);
}

TEST(Plain, RejectsInt32DataTooShortForTheCount) {
  Bytes data(7, 0);
  int32_t out[2];
  size_t consumed = 0;
  EXPECT_EQ(DecodePlainFixed<int32_t>(data, 2, out, &consumed).message(),
            "plain int32 data has 7 bytes, 2 values need 8");
}

TEST(Plain, RejectsNegativeCount) {
  Bytes data(8, 0);
  double out = 0;
  size_t consumed = 0;
  Status status = DecodePlainFixed<double>(data, -1, &out, &consumed);
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "plain value count -1 is negative");
}

TEST(Plain, DecodesInt96AsNanosThenJulianDay) {
  Bytes data{0x01, 0x02, 0x03, 0x04, 0x05, 0x06,
             0x07, 0x08, 0x8C, 0x3D, 0x25, 0x00};
  Int96 out;
  size_t consumed = 0;
  ASSERT_THAT(DecodePlainInt96(data, 1, &out, &consumed), IsOk());
  EXPECT_EQ(out.nanos_of_day, 0x0807060504030201ull);
  EXPECT_EQ(out.julian_day, 2440588u);
  EXPECT_EQ(consumed, 12u);
}

TEST(Plain, RejectsInt96DataTooShort) {
  Bytes data(20, 0);
  Int96 out[2];
  size_t consumed = 0;
  EXPECT_EQ(DecodePlainInt96(data, 2, out, &consumed).message(),
            "plain int96 data has 20 bytes, 2 values need 24");
}

TEST(Plain, DecodesBooleansLsbFirst) {
  Bytes data{0x05, 0x01};  // 1,0,1,0,0,0,0,0 then 1
  std::vector<uint8_t> out(9);
  size_t consumed = 0;
  ASSERT_THAT(DecodePlainBoolean(data, 9, out.data(), &consumed), IsOk());
  EXPECT_EQ(out, (std::vector<uint8_t>{1, 0, 1, 0, 0, 0, 0, 0, 1}));
  EXPECT_EQ(consumed, 2u);
}

TEST(Plain, RejectsBooleanDataTooShort) {
  Bytes data{0xFF};
  std::vector<uint8_t> out(9);
  size_t consumed = 0;
  EXPECT_EQ(DecodePlainBoolean(data, 9, out.data(), &consumed).message(),
            "plain boolean data has 1 bytes, 9 values need 2");
}

TEST(Plain, DecodesLengthPrefixedByteArrays) {
  Bytes data = ToBytes(std::string("\x03\0\0\0abc\0\0\0\0", 11));
  std::string_view out[2];
  size_t consumed = 0;
  ASSERT_THAT(DecodePlainByteArray(data, 2, out, &consumed), IsOk());
  EXPECT_EQ(out[0], "abc");
  EXPECT_EQ(out[1], "");
  EXPECT_EQ(consumed, 11u);
}

TEST(Plain, RejectsByteArrayLengthBeyondTheData) {
  Bytes data = ToBytes(std::string("\x01\0\0\0a\x05\0\0\0xy", 11));
  std::string_view out[2];
  size_t consumed = 0;
  EXPECT_EQ(DecodePlainByteArray(data, 2, out, &consumed).message(),
            "plain byte_array value 1 has length 5, 2 bytes remain");
}

TEST(Plain, RejectsByteArrayWithoutRoomForItsLength) {
  Bytes data = ToBytes(std::string("\x01\0\0\0a\x05\0", 7));
  std::string_view out[2];
  size_t consumed = 0;
  EXPECT_EQ(DecodePlainByteArray(data, 2, out, &consumed).message(),
            "plain byte_array value 1 of 2 has no length: 2 bytes remain");
}

TEST(Plain, DecodesFixedLenByteArrays) {
  Bytes data = ToBytes("abcdef");
  std::string_view out[2];
  size_t consumed = 0;
  ASSERT_THAT(DecodePlainFixedLenByteArray(data, 3, 2, out, &consumed), IsOk());
  EXPECT_EQ(out[0], "abc");
  EXPECT_EQ(out[1], "def");
  EXPECT_EQ(consumed, 6u);
}

TEST(Plain, RejectsFixedLenByteArrayDataTooShort) {
  Bytes data = ToBytes("abcde");
  std::string_view out[2];
  size_t consumed = 0;
  EXPECT_EQ(DecodePlainFixedLenByteArray(data, 3, 2, out, &consumed).message(),
            "plain fixed_len_byte_array data has 5 bytes, 2 values need 6");
}

TEST(Plain, RejectsFixedLenByteArrayWidthZero) {
  Bytes data = ToBytes("abc");
  std::string_view out[1];
  size_t consumed = 0;
  EXPECT_EQ(DecodePlainFixedLenByteArray(data, 0, 1, out, &consumed).message(),
            "fixed_len_byte_array type_length 0 is not positive");
}

}  // namespace
}  // namespace jao::parquet
