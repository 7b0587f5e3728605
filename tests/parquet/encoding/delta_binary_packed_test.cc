// DeltaBinaryPackedDecoder: Encodings.md's two examples (re-blocked to the
// smallest legal block of 128 values in 4 miniblocks of 32, since the spec's
// block of 8 is illegal), wrapping arithmetic, round trips through a
// test-side encoder, and each malformed header.
#include "parquet/encoding/delta_binary_packed.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

#include "common/status_matchers_support.h"
#include "parquet/encoding/encoder_support.h"

namespace jao::parquet {
namespace {

using testing::Bytes;

// Example 1 (1, 2, 3, 4, 5): header 128, 4, 5, zigzag(1) = 2; block: min
// delta zigzag(1) = 2, bit widths 0 0 0 0, no packed data.
const Bytes kExample1{0x80, 0x01, 0x04, 0x05, 0x02,
                      0x02, 0x00, 0x00, 0x00, 0x00};

// Example 2 (7, 5, 3, 1, 2, 3, 4, 5): header 128, 4, 8, zigzag(7) = 14; block:
// min delta zigzag(-2) = 3, widths 2 0 0 0, then 32 values of 2 bits whose
// first seven are 0 0 0 3 3 3 3: bytes 11000000 00111111, then six zeros.
const Bytes kExample2{0x80, 0x01, 0x04, 0x08, 0x0E, 0x03, 0x02, 0x00, 0x00,
                      0x00, 0xC0, 0x3F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};

template <typename T>
std::vector<T> DecodeAll(const Bytes& data, std::string* error = nullptr) {
  DeltaBinaryPackedDecoder decoder;
  Status status = decoder.Init(data);
  std::vector<T> out;
  if (status.ok()) {
    out.resize(static_cast<size_t>(decoder.total_values()));
    status = decoder.Decode<T>(out.data(), decoder.total_values());
  }
  if (error != nullptr) *error = status.message();
  if (!status.ok()) out.clear();
  return out;
}

template <typename T = int64_t>
std::string ErrorOf(const Bytes& data) {
  std::string error;
  DecodeAll<T>(data, &error);
  return error;
}

TEST(DeltaBinaryPacked, DecodesSpecExample1) {
  EXPECT_EQ(DecodeAll<int32_t>(kExample1),
            (std::vector<int32_t>{1, 2, 3, 4, 5}));
}

TEST(DeltaBinaryPacked, DecodesSpecExample2) {
  EXPECT_EQ(DecodeAll<int64_t>(kExample2),
            (std::vector<int64_t>{7, 5, 3, 1, 2, 3, 4, 5}));
}

TEST(DeltaBinaryPacked, ConsumedEndsAfterTheLastMiniblockUsed) {
  Bytes data = kExample2;
  data.push_back(0xAB);  // what follows, e.g. DELTA_LENGTH_BYTE_ARRAY bytes
  DeltaBinaryPackedDecoder decoder;
  ASSERT_THAT(decoder.Init(data), IsOk());
  std::vector<int32_t> out(8);
  ASSERT_THAT(decoder.Decode<int32_t>(out.data(), 8), IsOk());
  EXPECT_EQ(decoder.consumed(), 18u);
}

TEST(DeltaBinaryPacked, ConsumedIsTheHeaderForASingleValue) {
  Bytes data{0x80, 0x01, 0x04, 0x01, 0x07, 0xFF};
  DeltaBinaryPackedDecoder decoder;
  ASSERT_THAT(decoder.Init(data), IsOk());
  int64_t value = 0;
  ASSERT_THAT(decoder.Decode<int64_t>(&value, 1), IsOk());
  EXPECT_EQ(value, -4);  // zigzag 7
  EXPECT_EQ(decoder.consumed(), 5u);
}

TEST(DeltaBinaryPacked, DecodesInPieces) {
  DeltaBinaryPackedDecoder decoder;
  ASSERT_THAT(decoder.Init(kExample2), IsOk());
  std::vector<int32_t> first(3), second(5);
  ASSERT_THAT(decoder.Decode<int32_t>(first.data(), 3), IsOk());
  ASSERT_THAT(decoder.Decode<int32_t>(second.data(), 5), IsOk());
  EXPECT_EQ(first, (std::vector<int32_t>{7, 5, 3}));
  EXPECT_EQ(second, (std::vector<int32_t>{1, 2, 3, 4, 5}));
}

TEST(DeltaBinaryPacked, IgnoresBitWidthsOfMiniblocksTheLastBlockDoesNotUse) {
  Bytes data = kExample2;
  data[7] = 0xFF;  // widths of miniblocks 2..4: arbitrary per Encodings.md
  data[8] = 0x41;
  data[9] = 0x99;
  EXPECT_EQ(DecodeAll<int64_t>(data),
            (std::vector<int64_t>{7, 5, 3, 1, 2, 3, 4, 5}));
}

TEST(DeltaBinaryPacked, WrapsInt64AroundLikeTwosComplement) {
  const int64_t max = std::numeric_limits<int64_t>::max();
  const int64_t min = std::numeric_limits<int64_t>::min();
  std::vector<int64_t> values{max, min, max, 0, min};
  EXPECT_EQ(DecodeAll<int64_t>(testing::EncodeDeltaBinaryPacked(values)),
            values);
}

TEST(DeltaBinaryPacked, WrapsInt32AroundLikeTwosComplement) {
  // first value INT32_MAX, min delta 1, width 0: the next value wraps.
  Bytes data{0x80, 0x01, 0x04, 0x02, 0xFE, 0xFF, 0xFF,
             0xFF, 0x0F, 0x02, 0x00, 0x00, 0x00, 0x00};
  EXPECT_EQ(DecodeAll<int32_t>(data),
            (std::vector<int32_t>{std::numeric_limits<int32_t>::max(),
                                  std::numeric_limits<int32_t>::min()}));
}

TEST(DeltaBinaryPacked, RoundTripsManyBlocksOfMixedWidths) {
  std::vector<int64_t> values;
  uint64_t x = 12345;
  for (int i = 0; i < 1000; ++i) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    int shift = i % 64;  // deltas of every magnitude, up to 64 bits
    values.push_back(static_cast<int64_t>(x >> shift));
  }
  EXPECT_EQ(DecodeAll<int64_t>(testing::EncodeDeltaBinaryPacked(values)),
            values);
}

TEST(DeltaBinaryPacked, RoundTripsInt32WithBlockOf256In2Miniblocks) {
  std::vector<int64_t> wide;
  std::vector<int32_t> values;
  for (int i = 0; i < 600; ++i) {
    int32_t v = (i % 7 == 0) ? std::numeric_limits<int32_t>::min() + i
                             : i * 1000 - 300000;
    values.push_back(v);
    wide.push_back(v);
  }
  EXPECT_EQ(
      DecodeAll<int32_t>(testing::EncodeDeltaBinaryPacked(wide, 256, 2, 32)),
      values);
}

TEST(DeltaBinaryPacked, RejectsBlockSizeNotAMultipleOf128) {
  EXPECT_EQ(ErrorOf(Bytes{0x64, 0x01, 0x01, 0x00}),
            "delta_binary_packed block size 100 is not a multiple of 128");
}

TEST(DeltaBinaryPacked, RejectsMiniblocksOfFewerThan32Values) {
  EXPECT_EQ(ErrorOf(Bytes{0x80, 0x01, 0x08, 0x01, 0x00}),
            "delta_binary_packed miniblock count 8 does not split block size "
            "128 into multiples of 32 values");
}

TEST(DeltaBinaryPacked, RejectsMiniblockCountThatDoesNotDivideTheBlock) {
  EXPECT_EQ(ErrorOf(Bytes{0x80, 0x01, 0x03, 0x01, 0x00}),
            "delta_binary_packed miniblock count 3 does not split block size "
            "128 into multiples of 32 values");
}

TEST(DeltaBinaryPacked, RejectsTruncatedHeader) {
  EXPECT_EQ(ErrorOf(Bytes{0x80, 0x01, 0x04}),
            "delta_binary_packed total value count at byte 3 is truncated");
}

TEST(DeltaBinaryPacked, RejectsVarintLongerThan64Bits) {
  EXPECT_EQ(ErrorOf(Bytes{0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
                          0x02}),
            "delta_binary_packed block size at byte 0 is longer than 64 bits");
}

// Regression: INT32 miniblocks of bit width 33 were refused ("bit width 33
// is above 32"), but writers computing INT32 deltas in 64 bits (DuckDB
// 1.5.6) write them; the format's arithmetic wraps modulo 2^32 for INT32,
// so decoding in 64 bits and keeping the low 32 bits is exact.
TEST(DeltaBinaryPacked, DecodesInt32MiniblockOfBitWidth33) {
  // 2147483647, -2147483648, 2147483647: deltas -4294967295 and 4294967295
  // in 64 bits, so min delta -4294967295 and packed 0, 8589934590 (33
  // bits). A third packed 8589934591 makes 2147483647 + 4294967296, which
  // wraps to 2147483647 again.
  Bytes data{0x80, 0x01, 0x04, 0x04};
  testing::AppendZigZag(&data, 2147483647);
  testing::AppendZigZag(&data, -4294967295LL);
  testing::Append(&data, Bytes{33, 0, 0, 0});
  std::vector<uint64_t> packed(32, 0);
  packed[1] = 8589934590ULL;
  packed[2] = 8589934591ULL;
  testing::Append(&data, testing::PackBits(packed, 33));
  EXPECT_EQ(DecodeAll<int32_t>(data),
            (std::vector<int32_t>{2147483647, -2147483647 - 1, 2147483647,
                                  2147483647}));
}

TEST(DeltaBinaryPacked, RejectsBitWidth65ForInt32) {
  Bytes data = kExample2;
  data[6] = 65;
  EXPECT_EQ(ErrorOf<int32_t>(data),
            "delta_binary_packed miniblock bit width 65 is above 64");
}

TEST(DeltaBinaryPacked, RejectsBitWidth65ForInt64) {
  Bytes data = kExample2;
  data[6] = 65;
  EXPECT_EQ(ErrorOf<int64_t>(data),
            "delta_binary_packed miniblock bit width 65 is above 64");
}

TEST(DeltaBinaryPacked, RejectsMiniblockShorterThanItsValues) {
  Bytes data(kExample2.begin(), kExample2.begin() + 11);  // 1 packed byte
  EXPECT_EQ(ErrorOf(data),
            "delta_binary_packed miniblock at byte 10 has 1 bytes, too few for "
            "7 values of bit width 2");
}

TEST(DeltaBinaryPacked, RejectsBlockMissingItsBitWidths) {
  Bytes data(kExample1.begin(), kExample1.begin() + 8);
  EXPECT_EQ(ErrorOf(data),
            "delta_binary_packed block at byte 6 needs 4 bit widths, 2 bytes "
            "remain");
}

TEST(DeltaBinaryPacked, RejectsTruncatedMinDelta) {
  Bytes data(kExample1.begin(), kExample1.begin() + 5);
  EXPECT_EQ(ErrorOf(data),
            "delta_binary_packed min delta at byte 5 is truncated");
}

TEST(DeltaBinaryPacked, RejectsRequestBeyondTotalValueCount) {
  DeltaBinaryPackedDecoder decoder;
  ASSERT_THAT(decoder.Init(kExample1), IsOk());
  std::vector<int32_t> out(6);
  EXPECT_EQ(decoder.Decode<int32_t>(out.data(), 6).message(),
            "delta_binary_packed holds 5 values, 0 read, 6 more requested");
}

}  // namespace
}  // namespace jao::parquet
