// FormatCellJson on INT64 columns: the conformance README's integer rule
// (a number when |v| < 2^53, else a string of its decimal digits).
#include "parquet/value_text.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

namespace jao::parquet {
namespace {

std::string Int64Cell(const ColumnDescriptor& column, int64_t value) {
  ColumnBatch batch;
  batch.column = &column;
  batch.num_rows = 1;
  batch.validity = {1};
  batch.int64s = {value};
  return FormatCellJson(batch, 0);
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

}  // namespace
}  // namespace jao::parquet
