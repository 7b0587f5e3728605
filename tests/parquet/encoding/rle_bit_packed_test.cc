// RleBitPackedDecoder and ReadLengthPrefixed: the examples of Encodings.md,
// every bit width against a test-side packer, and each way a run can be bad.
#include "parquet/encoding/rle_bit_packed.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/status_matchers_support.h"
#include "parquet/encoding/encoder_support.h"

namespace jao::parquet {
namespace {

using testing::Bytes;

std::vector<uint32_t> Values(std::initializer_list<uint32_t> v) { return v; }

// Decodes `count` values; on failure returns no values and sets *error.
std::vector<uint32_t> Decode(const Bytes& data, int width, int64_t count,
                             std::string* error = nullptr) {
  RleBitPackedDecoder decoder(data, width);
  std::vector<uint32_t> out(static_cast<size_t>(count));
  Status status = decoder.Get(out.data(), count);
  if (error != nullptr) *error = status.message();
  if (!status.ok()) return {};
  return out;
}

std::string ErrorOf(const Bytes& data, int width, int64_t count) {
  std::string error;
  Decode(data, width, count, &error);
  return error;
}

TEST(RleBitPacked, DecodesTheSpecBitPackedExample) {
  // Encodings.md: 0..7 at width 3 pack to 10001000 11000110 11111010.
  EXPECT_EQ(Decode({0x03, 0x88, 0xC6, 0xFA}, 3, 8),
            Values({0, 1, 2, 3, 4, 5, 6, 7}));
}

TEST(RleBitPacked, DecodesAnRleRun) {
  EXPECT_EQ(Decode({0x0A, 0x07}, 3, 5), Values({7, 7, 7, 7, 7}));
}

TEST(RleBitPacked, ReadsRleValueOfTwoBytesLittleEndian) {
  EXPECT_EQ(Decode({0x06, 0x01, 0x01}, 9, 3), Values({257, 257, 257}));
}

TEST(RleBitPacked, ReadsFullWidth32RleValue) {
  EXPECT_EQ(Decode({0x02, 0xFF, 0xFF, 0xFF, 0xFF}, 32, 1),
            Values({0xFFFFFFFFu}));
}

TEST(RleBitPacked, ReadsRunHeaderLongerThanOneByte) {
  // 200 << 1 = 400 = ULEB128 0x90 0x03.
  std::vector<uint32_t> out = Decode({0x90, 0x03, 0x01}, 1, 200);
  EXPECT_EQ(out, std::vector<uint32_t>(200, 1));
}

TEST(RleBitPacked, KeepsItsPlaceAcrossCalls) {
  Bytes data{0x06, 0x02, 0x03, 0x88, 0xC6, 0xFA};
  RleBitPackedDecoder decoder(data, 3);
  std::vector<uint32_t> first(2), second(5);
  ASSERT_THAT(decoder.Get(first.data(), 2), IsOk());
  ASSERT_THAT(decoder.Get(second.data(), 5), IsOk());
  EXPECT_EQ(first, Values({2, 2}));
  EXPECT_EQ(second, Values({2, 0, 1, 2, 3}));
}

TEST(RleBitPacked, WidthZeroRunsNeedNoValueBytes) {
  EXPECT_EQ(Decode({0x08, 0x03}, 0, 12), std::vector<uint32_t>(12, 0));
}

TEST(RleBitPacked, RoundTripsEveryWidthFrom1To32) {
  for (int width = 1; width <= 32; ++width) {
    SCOPED_TRACE(width);
    uint64_t mask = (uint64_t{1} << width) - 1;
    std::vector<uint64_t> values;
    std::vector<uint32_t> expected;
    for (uint64_t i = 0; i < 24; ++i) {
      uint64_t v = (i * 0x9E3779B97F4A7C15ull >> 7) & mask;
      if (i == 0) v = mask;  // the widest value of this width
      values.push_back(v);
      expected.push_back(static_cast<uint32_t>(v));
    }
    Bytes data{0x07};  // 3 groups of 8, bit-packed
    testing::Append(&data, testing::PackBits(values, width));
    EXPECT_EQ(Decode(data, width, 24), expected);
  }
}

TEST(RleBitPacked, ReadsTheValuesPresentInATruncatedLastBitPackedRun) {
  // 8 values announced, 16 bits present: 5 whole values of width 3.
  EXPECT_EQ(Decode({0x03, 0x88, 0xC6}, 3, 5), Values({0, 1, 2, 3, 4}));
}

TEST(RleBitPacked, SkipsAnEmptyBitPackedRun) {
  // A bit-packed header of 0 groups announces no values; accepted and passed.
  EXPECT_EQ(Decode({0x01, 0x04, 0x01}, 1, 2), Values({1, 1}));
}

TEST(RleBitPacked, RejectsBitWidthAbove32) {
  EXPECT_EQ(ErrorOf({0x02, 0x01}, 33, 1),
            "rle/bit-packed bit width 33 is outside 0..32");
}

TEST(RleBitPacked, ReportsDataEndingBeforeTheCount) {
  EXPECT_EQ(ErrorOf({0x0E, 0x01}, 1, 10),
            "rle/bit-packed data ends after 7 of 10 values");
}

TEST(RleBitPacked, ReportsTruncatedLastBitPackedRunPastItsValues) {
  EXPECT_EQ(ErrorOf({0x03, 0x88, 0xC6}, 3, 6),
            "rle/bit-packed data ends after 5 of 6 values");
}

TEST(RleBitPacked, RejectsTruncatedRunHeader) {
  EXPECT_EQ(ErrorOf({0x80}, 1, 1),
            "rle/bit-packed run header at byte 0 is truncated");
}

TEST(RleBitPacked, RejectsRunHeaderAbove32Bits) {
  EXPECT_EQ(ErrorOf({0x80, 0x80, 0x80, 0x80, 0x10}, 1, 1),
            "rle/bit-packed run header at byte 0 is longer than 32 bits");
}

TEST(RleBitPacked, RejectsRleRunMissingValueBytes) {
  EXPECT_EQ(ErrorOf({0x04, 0x01, 0x02, 0x02, 0x01}, 16, 3),
            "rle/bit-packed run at byte 3 needs 2 value bytes, 1 remain");
}

TEST(RleBitPacked, RejectsRleValueWiderThanBitWidth) {
  EXPECT_EQ(ErrorOf({0x02, 0x05}, 2, 1),
            "rle/bit-packed run value 5 does not fit in bit width 2");
}

TEST(RleBitPacked, RejectsNegativeCount) {
  Bytes data{0x02, 0x01};
  RleBitPackedDecoder decoder(data, 1);
  Status status = decoder.Get(nullptr, -1);
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "rle/bit-packed count -1 is negative");
}

TEST(RleLengthPrefixed, ReturnsTheAnnouncedBody) {
  Bytes data{0x02, 0x00, 0x00, 0x00, 0xAA, 0xBB, 0xCC};
  ByteSpan body;
  size_t consumed = 0;
  ASSERT_THAT(ReadLengthPrefixed(data, &body, &consumed), IsOk());
  EXPECT_EQ(Bytes(body.begin(), body.end()), (Bytes{0xAA, 0xBB}));
  EXPECT_EQ(consumed, 6u);
}

TEST(RleLengthPrefixed, RejectsShortPrefix) {
  ByteSpan body;
  size_t consumed = 0;
  Bytes data{0x02, 0x00, 0x00};
  EXPECT_EQ(ReadLengthPrefixed(data, &body, &consumed).message(),
            "length prefix needs 4 bytes, 3 remain");
}

TEST(RleLengthPrefixed, RejectsLengthBeyondTheData) {
  ByteSpan body;
  size_t consumed = 0;
  Bytes data{0x0A, 0x00, 0x00, 0x00, 0x01, 0x02};
  EXPECT_EQ(ReadLengthPrefixed(data, &body, &consumed).message(),
            "length prefix says 10 bytes, 2 remain");
}

}  // namespace
}  // namespace jao::parquet
