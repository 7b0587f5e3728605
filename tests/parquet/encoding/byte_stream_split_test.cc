// DecodeByteStreamSplit: Encodings.md's example and other widths, all
// transposed by hand.
#include "parquet/encoding/byte_stream_split.h"

#include <gtest/gtest.h>

#include <vector>

#include "common/status_matchers_support.h"
#include "parquet/encoding/encoder_support.h"

namespace jao::parquet {
namespace {

using testing::Bytes;

Bytes Decode(const Bytes& data, int width, int64_t count) {
  Bytes out(static_cast<size_t>(count * width));
  Status status = DecodeByteStreamSplit(data, width, count, out.data());
  EXPECT_THAT(status, IsOk());
  return out;
}

std::string ErrorOf(const Bytes& data, int width, int64_t count) {
  Bytes out(64);
  return DecodeByteStreamSplit(data, width, count, out.data()).message();
}

TEST(ByteStreamSplit, DecodesTheSpecExampleOfThreeFloats) {
  Bytes data{0xAA, 0x00, 0xA3, 0xBB, 0x11, 0xB4,
             0xCC, 0x22, 0xC5, 0xDD, 0x33, 0xD6};
  EXPECT_EQ(Decode(data, 4, 3), (Bytes{0xAA, 0xBB, 0xCC, 0xDD, 0x00, 0x11, 0x22,
                                       0x33, 0xA3, 0xB4, 0xC5, 0xD6}));
}

TEST(ByteStreamSplit, DecodesWidth2) {
  EXPECT_EQ(Decode({0x01, 0x03, 0x05, 0x02, 0x04, 0x06}, 2, 3),
            (Bytes{0x01, 0x02, 0x03, 0x04, 0x05, 0x06}));
}

TEST(ByteStreamSplit, DecodesWidth8) {
  Bytes data{0x10, 0x20, 0x11, 0x21, 0x12, 0x22, 0x13, 0x23,
             0x14, 0x24, 0x15, 0x25, 0x16, 0x26, 0x17, 0x27};
  EXPECT_EQ(Decode(data, 8, 2),
            (Bytes{0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x20, 0x21,
                   0x22, 0x23, 0x24, 0x25, 0x26, 0x27}));
}

TEST(ByteStreamSplit, DecodesOddFixedLenByteArrayWidth) {
  // Values "abc" "def": streams "ad" "be" "cf".
  EXPECT_EQ(Decode(testing::ToBytes("adbecf"), 3, 2),
            testing::ToBytes("abcdef"));
}

TEST(ByteStreamSplit, DecodesNoValues) { EXPECT_EQ(Decode({}, 4, 0), Bytes{}); }

TEST(ByteStreamSplit, RejectsDataShorterThanTheValues) {
  EXPECT_EQ(ErrorOf(Bytes(11, 0), 4, 3),
            "byte_stream_split data has 11 bytes, 3 values of width 4 need 12");
}

TEST(ByteStreamSplit, RejectsPaddingAfterTheStreams) {
  EXPECT_EQ(ErrorOf(Bytes(13, 0), 4, 3),
            "byte_stream_split data has 13 bytes, 3 values of width 4 need 12");
}

TEST(ByteStreamSplit, RejectsWidthZero) {
  EXPECT_EQ(ErrorOf(Bytes(4, 0), 0, 3),
            "byte_stream_split value width 0 is not positive");
}

}  // namespace
}  // namespace jao::parquet
