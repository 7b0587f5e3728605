// A cell as the validators see it: the type named in a column's type error
// and the raw value a reject line shows.
//
// The raw value of a reject line (RawValue). Issue 21, item 5: a value with
// a logical type is shown as that type's value, as `cat` prints it; old
// code showed the physical integer or bytes (DECIMAL(18,2) 21474836.47 as
// 2147483647, a DATE as its day number).
#include "ingest/validators/cell.h"

#include <gtest/gtest.h>

#include "ingest/batch_support.h"
#include "ingest/validators/count.h"
#include "ingest/validators/id.h"
#include "ingest/validators/statistic.h"
#include "ingest/validators/text.h"
#include "ingest/validators/timestamp.h"

namespace jao::ingest {
namespace {

using parquet::TimeUnit;
using parquet::Type;

// Issue 21, item 8: a TIMESTAMP vacancy_id was described as "is INT64,
// expected an integer", which reads as if an INT64 were refused; the
// message names the logical type, then the physical one, as `inspect`
// spells them.
TEST(TypeError, NamesTheLogicalTypeBeforeThePhysicalOne) {
  EXPECT_EQ(
      CheckIdColumn(testing::TimestampColumn("vacancy_id", TimeUnit::MICROS))
          .message(),
      "column 'vacancy_id' is TIMESTAMP(MICROS, utc=false) (INT64), expected "
      "an integer");
  EXPECT_EQ(
      CheckCountColumn(testing::DateColumn("number_of_applications")).message(),
      "column 'number_of_applications' is DATE (INT32), expected a "
      "number");
  EXPECT_EQ(CheckPercentColumn(testing::StringColumn("gender__Male")).message(),
            "column 'gender__Male' is STRING (BYTE_ARRAY), expected a number");
}

TEST(TypeError, AColumnWithoutALogicalTypeIsNamedByItsPhysicalType) {
  EXPECT_EQ(CheckTextColumn(testing::PlainColumn("vacancy_title", Type::INT64))
                .message(),
            "column 'vacancy_title' is INT64, expected a string");
  parquet::ColumnDescriptor list = testing::StringListColumn("vacancy_id");
  EXPECT_EQ(CheckIdColumn(list).message(),
            "column 'vacancy_id' is a list of STRING (BYTE_ARRAY), expected an "
            "integer");
}

// Issue 21, item 11: the sixth value of int96_from_spark.parquet
// (parquet-testing), its 12 bytes as stored (tests/parquet/conformance/
// corpus_expectations_test.cc reads them from the file and works the
// instant by hand): -294554-12-13T14:58:10.448384000Z, what `cat` prints.
// Old code rejected it with the value
// "int96(julian_day=4189105064, nanos_of_day=18446711564157935616)": both
// fields read unsigned, a third reading of the same bytes.
TEST(RawValue, AnInt96OutsideTheDatabaseRangeIsShownAsCatPrintsIt) {
  testing::OneValue v = testing::Value(
      testing::PlainColumn("row_last_updated", Type::INT96),
      testing::Int96s(nullptr,
                      {parquet::Int96{18446711564157935616u, 4189105064u}}));
  Outcome<int64_t> outcome = ValidateTimestamp(v.cell());
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.rejection().column, "row_last_updated");
  EXPECT_EQ(outcome.rejection().value, "-294554-12-13T14:58:10.448384000Z");
  EXPECT_EQ(outcome.rejection().reason, "timestamp outside years 1..9999");
}

TEST(RawValue, AnInt96KeepsItsNanoseconds) {
  // Julian day 2460036 = 2023-04-01; 34200000000001 ns = 09:30:00 and 1 ns.
  testing::OneValue v = testing::Value(
      testing::PlainColumn("live_date", Type::INT96),
      testing::Int96s(nullptr, {parquet::Int96{34200000000001u, 2460036}}));
  EXPECT_EQ(RawValue(v.cell()), "2023-04-01T09:30:00.000000001Z");
}

TEST(RawValue, DecimalIsItsScaledValueOnEveryPhysicalType) {
  auto on_int32 = testing::DecimalValue(Type::INT32, 9, 2, 550);
  auto on_int64 = testing::DecimalValue(Type::INT64, 18, 2, 2147483647);
  // 12345 = 0x3039; -1 is 0xFF at any width.
  auto on_bytes = testing::DecimalBytesValue(Type::BYTE_ARRAY, 9, 3,
                                             std::string("\x30\x39", 2));
  auto on_fixed = testing::DecimalBytesValue(Type::FIXED_LEN_BYTE_ARRAY, 9, 2,
                                             std::string("\xFF\xFF\xFF", 3));
  EXPECT_EQ(RawValue(on_int32.cell()), "5.50");
  EXPECT_EQ(RawValue(on_int64.cell()), "21474836.47");
  EXPECT_EQ(RawValue(on_bytes.cell()), "12.345");
  EXPECT_EQ(RawValue(on_fixed.cell()), "-0.01");
}

TEST(RawValue, DecimalWiderThanSixteenBytesStaysBytes) {
  // Precision above 38 cannot be scaled here: shown exactly, as base64
  // (seventeen 0x00 bytes: "AAAAAAAAAAAAAAAAAAAAAAA=" by hand).
  auto wide = testing::DecimalBytesValue(Type::FIXED_LEN_BYTE_ARRAY, 40, 2,
                                         std::string(17, '\0'));
  EXPECT_EQ(RawValue(wide.cell()),
            nlohmann::json({{"base64", "AAAAAAAAAAAAAAAAAAAAAAA="}}));
}

TEST(RawValue, TimestampDateAndTimeAreTheirIsoText) {
  // 2023-04-01 09:30:00 UTC is 1680341400 s (date -u -d '2023-04-01 09:30'
  // +%s); 2023-04-01 is day 19448.
  auto millis =
      testing::Value(testing::TimestampColumn("c", parquet::TimeUnit::MILLIS),
                     testing::Int64s(nullptr, {1680341400123}));
  auto nanos =
      testing::Value(testing::TimestampColumn("c", parquet::TimeUnit::NANOS),
                     testing::Int64s(nullptr, {1680341400000000001}));
  auto date = testing::Value(testing::DateColumn("c"),
                             testing::Int32s(nullptr, {19448}));
  parquet::ColumnDescriptor time_column =
      testing::PlainColumn("c", Type::INT32);
  time_column.logical_type.kind = parquet::LogicalTypeKind::TIME;
  time_column.logical_type.unit = parquet::TimeUnit::MILLIS;
  auto time = testing::Value(time_column, testing::Int32s(nullptr, {34200000}));
  EXPECT_EQ(RawValue(millis.cell()), "2023-04-01T09:30:00.123Z");
  EXPECT_EQ(RawValue(nanos.cell()), "2023-04-01T09:30:00.000000001Z");
  EXPECT_EQ(RawValue(date.cell()), "2023-04-01");
  EXPECT_EQ(RawValue(time.cell()), "09:30:00.000");
}

TEST(RawValue, PlainNumbersAndTextStayAsTheyAre) {
  EXPECT_EQ(RawValue(testing::Int64Value(2147483648).cell()), 2147483648);
  EXPECT_EQ(RawValue(testing::Int32Value(-5).cell()), -5);
  EXPECT_EQ(RawValue(testing::DoubleValue(2.5).cell()), 2.5);
  EXPECT_EQ(RawValue(testing::StringValue("TBC").cell()), "TBC");
  EXPECT_EQ(RawValue(testing::StringValue(std::nullopt).cell()), nullptr);
}

}  // namespace
}  // namespace jao::ingest
