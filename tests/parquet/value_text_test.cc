// FormatCellJson on INT64 and INT32 columns: the conformance README's
// integer rule (a number when |v| < 2^53, else a string of its decimal
// digits), unsigned INTEGER annotations read as unsigned.
#include "parquet/value_text.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace jao::parquet {
namespace {

// One present value in `slots` (int64s or int32s) of a batch of `column`.
template <typename T>
std::string Cell(const ColumnDescriptor& column, T value,
                 std::vector<T> ColumnBatch::*slots) {
  ColumnBatch batch;
  batch.column = &column;
  batch.num_rows = 1;
  batch.validity = {1};
  (batch.*slots).push_back(value);
  return FormatCellJson(batch, 0);
}

std::string Int64Cell(const ColumnDescriptor& column, int64_t value) {
  return Cell(column, value, &ColumnBatch::int64s);
}

std::string Int32Cell(const ColumnDescriptor& column, int32_t value) {
  return Cell(column, value, &ColumnBatch::int32s);
}

ColumnDescriptor Int64Column(bool is_signed) {
  ColumnDescriptor column;
  column.name = "n";
  column.path = {"n"};
  column.physical_type = Type::INT64;
  column.logical_type.kind = LogicalTypeKind::INTEGER;
  column.logical_type.bit_width = 64;
  column.logical_type.is_signed = is_signed;
  return column;
}

// Regression: Int64Json wrote every INT64 as a bare number, so values beyond
// 2^53 (which a JSON reader rounds) were not quoted as the README requires.
TEST(ValueFormatInt64, ExtremeSignedValuesAreStrings) {
  ColumnDescriptor column = Int64Column(true);
  EXPECT_EQ(Int64Cell(column, std::numeric_limits<int64_t>::min()),
            "\"-9223372036854775808\"");
  EXPECT_EQ(Int64Cell(column, std::numeric_limits<int64_t>::max()),
            "\"9223372036854775807\"");
}

TEST(ValueFormatInt64, PlainInt64AtAndBelow2To53) {
  ColumnDescriptor column;
  column.name = "n";
  column.path = {"n"};
  column.physical_type = Type::INT64;
  EXPECT_EQ(Int64Cell(column, 9007199254740991), "9007199254740991");
  EXPECT_EQ(Int64Cell(column, -9007199254740992), "\"-9007199254740992\"");
  EXPECT_EQ(Int64Cell(column, 9007199254740992), "\"9007199254740992\"");
}

TEST(ValueFormatInt64, UnsignedMaxIsAString) {
  ColumnDescriptor column = Int64Column(false);
  EXPECT_EQ(Int64Cell(column, -1), "\"18446744073709551615\"");
  EXPECT_EQ(Int64Cell(column, 42), "42");
}

ColumnDescriptor Uint32Column(int8_t bit_width) {
  ColumnDescriptor column = Int64Column(false);
  column.physical_type = Type::INT32;
  column.logical_type.bit_width = bit_width;
  return column;
}

TEST(ValueFormatInt32, UnsignedValuesAreTheStoredBitsReadUnsigned) {
  // 0xffffffff = 2^32 - 1; 0x80000000 = 2^31.
  EXPECT_EQ(Int32Cell(Uint32Column(32), -1), "4294967295");
  EXPECT_EQ(Int32Cell(Uint32Column(32), INT32_MIN), "2147483648");
  EXPECT_EQ(Int32Cell(Uint32Column(8), 255), "255");
}

// Issue 21, item 4: `cat` and the ingest validators read one value. A
// narrow unsigned value beyond its bit width (LogicalTypes.md leaves it to
// the reader) is shown as stored, as the validators read it; old code cut
// it to its low bits (300 in a UINT_8 column printed 44) while signed
// narrow columns were never cut.
TEST(ValueFormatInt32, ANarrowValueBeyondItsWidthIsShownAsStored) {
  EXPECT_EQ(Int32Cell(Uint32Column(8), 300), "300");
  EXPECT_EQ(Int32Cell(Uint32Column(16), 65536), "65536");
  EXPECT_EQ(Int32Cell(Uint32Column(8), -1), "4294967295");
}

}  // namespace
}  // namespace jao::parquet
