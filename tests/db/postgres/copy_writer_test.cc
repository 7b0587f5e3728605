// Binary COPY encoders against bytes worked out by hand from PostgreSQL's
// documentation (COPY binary format) and numeric.c's send format.
#include "db/postgres/copy_writer.h"

#include <gtest/gtest.h>

#include <string>

namespace jao::db::postgres {
namespace {

std::string Bytes(std::initializer_list<int> bytes) {
  std::string out;
  for (int b : bytes) out.push_back(static_cast<char>(b));
  return out;
}

TEST(PgCopyEncoding, Int4IsBigEndian) {
  EXPECT_EQ(EncodeInt4(0x01020304), Bytes({1, 2, 3, 4}));
  EXPECT_EQ(EncodeInt4(-2), Bytes({0xff, 0xff, 0xff, 0xfe}));
}

TEST(PgCopyEncoding, Int8IsBigEndian) {
  EXPECT_EQ(EncodeInt8(0x0102030405060708LL), Bytes({1, 2, 3, 4, 5, 6, 7, 8}));
}

TEST(PgCopyEncoding, BoolIsOneByte) {
  EXPECT_EQ(EncodeBool(true), Bytes({1}));
  EXPECT_EQ(EncodeBool(false), Bytes({0}));
}

TEST(PgCopyEncoding, TimestamptzOf2000IsZero) {
  // 2000-01-01 00:00:00 UTC is 946684800 s after the Unix epoch.
  EXPECT_EQ(EncodeTimestamptz(946684800LL * 1000000),
            Bytes({0, 0, 0, 0, 0, 0, 0, 0}));
}

TEST(PgCopyEncoding, TimestamptzBefore2000IsNegative) {
  // 1999-12-31 23:59:59.999999 UTC: one microsecond before PostgreSQL's epoch.
  EXPECT_EQ(EncodeTimestamptz(946684800LL * 1000000 - 1),
            Bytes({0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}));
}

TEST(PgCopyEncoding, Numeric12345Point67HasThreeBase10000Digits) {
  // 12345.67 = 1 * 10000^1 + 2345 * 10000^0 + 6700 * 10000^-1:
  // ndigits 3, weight 1, sign +, dscale 2, digits 0x0001 0x0929 0x1A2C.
  EXPECT_EQ(
      EncodeNumericHundredths(1234567),
      Bytes({0, 3, 0, 1, 0, 0, 0, 2, 0x00, 0x01, 0x09, 0x29, 0x1a, 0x2c}));
}

TEST(PgCopyEncoding, NumericZeroHasNoDigits) {
  EXPECT_EQ(EncodeNumericHundredths(0), Bytes({0, 0, 0, 0, 0, 0, 0, 2}));
}

TEST(PgCopyEncoding, NumericFractionOnlyHasNegativeWeight) {
  // 0.05 = 500 * 10000^-1.
  EXPECT_EQ(EncodeNumericHundredths(5),
            Bytes({0, 1, 0xff, 0xff, 0, 0, 0, 2, 0x01, 0xf4}));
}

TEST(PgCopyEncoding, NumericDropsTrailingZeroDigits) {
  // 20000.00 = 2 * 10000^1.
  EXPECT_EQ(EncodeNumericHundredths(2000000),
            Bytes({0, 1, 0, 1, 0, 0, 0, 2, 0, 2}));
}

TEST(PgCopyEncoding, NegativeNumericSetsSignWord) {
  // -1.50 = -(1 * 10000^0 + 5000 * 10000^-1).
  EXPECT_EQ(EncodeNumericHundredths(-150),
            Bytes({0, 2, 0, 0, 0x40, 0, 0, 2, 0, 1, 0x13, 0x88}));
}

TEST(PgCopyWriter, WritesHeaderTupleAndTrailer) {
  CopyWriter writer;
  writer.BeginTuple(2);
  writer.AddInt4(7);
  writer.AddNull();
  EXPECT_EQ(std::move(writer).Finish(),
            Bytes({'P',  'G',  'C',  'O',  'P', 'Y', '\n', 0xff,
                   '\r', '\n', 0,        // signature
                   0,    0,    0,    0,  // flags
                   0,    0,    0,    0,  // extension length
                   0,    2,              // field count
                   0,    0,    0,    4,    0,   0,   0,    7,  // int4 7
                   0xff, 0xff, 0xff, 0xff,                     // NULL
                   0xff, 0xff}));                              // trailer
}

TEST(PgCopyWriter, TextIsSentAsItsBytes) {
  CopyWriter writer;
  writer.BeginTuple(1);
  writer.AddText("h\xc3\xa9");
  const std::string bytes = std::move(writer).Finish();
  EXPECT_EQ(bytes.substr(19),
            Bytes({0, 1, 0, 0, 0, 3, 'h', 0xc3, 0xa9, 0xff, 0xff}));
}

TEST(PgCopyWriter, TakenPiecesThenFinishMakeTheWholeStream) {
  CopyWriter whole, pieces;
  std::string sent, piece;
  for (int32_t i = 0; i < 3; ++i) {
    for (CopyWriter* w : {&whole, &pieces}) {
      w->BeginTuple(2);
      w->AddInt4(i);
      w->AddText("row");
    }
    pieces.TakeBytes(&piece);
    EXPECT_FALSE(piece.empty());
    EXPECT_EQ(pieces.buffered_bytes(), 0u);
    sent += piece;
  }
  sent += std::move(pieces).Finish();
  EXPECT_EQ(sent, std::move(whole).Finish());
  EXPECT_EQ(pieces.tuples(), 3);
}

}  // namespace
}  // namespace jao::db::postgres
