// Issue 21, item 4: unsigned integers (INT(bitWidth, isSigned=false) and the
// legacy UINT_8..UINT_64, LogicalTypes.md "Unsigned Integers") are read as
// unsigned by every numeric rule. Old code read the stored bits as signed:
// a UINT64 number_of_applications of 2^64-1 and a UINT32 statistic of
// 4294967295 became -1, the "absent" sentinel, so the row was stored with
// NULL instead of rejected, and an unsigned id was reported as -1.
// Expected values: the unsigned number the bits stand for, worked by hand
// (0xFFFFFFFF = 2^32-1 = 4294967295, all 64 bits = 2^64-1 =
// 18446744073709551615), against the spec's ranges
// (../shared/spec/legacy-parquet.md: the sentinel is the value -1 only).
#include <gtest/gtest.h>

#include <cstdint>

#include "ingest/batch_support.h"
#include "ingest/validators/count.h"
#include "ingest/validators/id.h"
#include "ingest/validators/salary.h"
#include "ingest/validators/statistic.h"

namespace jao::ingest {
namespace {

using parquet::Type;

constexpr uint64_t kUint64Max = 18446744073709551615u;
constexpr uint64_t kUint32Max = 4294967295u;

// An INT64 column annotated INT(64, false) holding `stored` (two's
// complement bits, as the file holds them).
testing::OneValue Uint64Value(int64_t stored, std::string name) {
  parquet::ColumnDescriptor column = testing::PlainColumn(name, Type::INT64);
  column.logical_type.kind = parquet::LogicalTypeKind::INTEGER;
  column.logical_type.bit_width = 64;
  column.logical_type.is_signed = false;
  return testing::Value(column, testing::Int64s(nullptr, {stored}));
}

// An INT32 column annotated INT(bit_width, false).
testing::OneValue Uint32Value(int32_t stored, std::string name,
                              int8_t bit_width = 32) {
  parquet::ColumnDescriptor column = testing::PlainColumn(name, Type::INT32);
  column.logical_type.kind = parquet::LogicalTypeKind::INTEGER;
  column.logical_type.bit_width = bit_width;
  column.logical_type.is_signed = false;
  return testing::Value(column, testing::Int32s(nullptr, {stored}));
}

// `validate` rejects `v` naming its column, with `value` as the raw value.
template <typename Validate>
void ExpectRejected(Validate validate, const testing::OneValue& v,
                    uint64_t value, const std::string& reason) {
  auto outcome = validate(v.cell());
  ASSERT_FALSE(outcome.ok()) << "accepted";
  EXPECT_EQ(outcome.rejection().column, v.column->name);
  EXPECT_EQ(outcome.rejection().value.dump(), std::to_string(value));
  EXPECT_EQ(outcome.rejection().reason, reason);
}

// Each rule that reads numbers: the unsigned maximum is a value out of its
// range, not the "absent" sentinel -1.
TEST(UnsignedIntegers, AllOnesIsRejectedNotAbsent) {
  ExpectRejected(ValidateCount, Uint64Value(-1, "number_of_applications"),
                 kUint64Max, "count above 2147483647");
  ExpectRejected(ValidatePercent, Uint32Value(-1, "gender__Female"), kUint32Max,
                 "percent outside 0..100");
  ExpectRejected(ValidateSalary, Uint32Value(-1, "salary_minimum"), kUint32Max,
                 "salary of 100000000 or more");
}

TEST(UnsignedIntegers, IdsAboveTheRangeAreReportedAsTheirUnsignedValue) {
  const std::string reason = "vacancy_id outside 1..2147483647";
  ExpectRejected(ValidateId, Uint64Value(-1, "vacancy_id"), kUint64Max, reason);
  ExpectRejected(ValidateId, Uint32Value(-1, "vacancy_id"), kUint32Max, reason);
  // 2^31 = 2147483648: stored as INT32 -2147483648, the first unsigned value
  // beyond the id range.
  ExpectRejected(ValidateId, Uint32Value(INT32_MIN, "vacancy_id"), 2147483648u,
                 reason);
}

TEST(UnsignedIntegers, ValuesInRangeAreRead) {
  testing::OneValue id = Uint32Value(2147483647, "vacancy_id");
  EXPECT_EQ(ValidateId(id.cell()).value(), 2147483647);
  testing::OneValue count = Uint64Value(2147483647, "number_of_applications");
  EXPECT_EQ(ValidateCount(count.cell()).value(), 2147483647);
  testing::OneValue percent = Uint32Value(100, "gender__Female", 8);
  EXPECT_EQ(ValidatePercent(percent.cell()).value(), 10000);
}

// A narrow unsigned column's stored value beyond its bit width is the
// writer's error (LogicalTypes.md leaves it to the reader): it is read as
// stored, 300, and rejected, never cut to its low 8 bits (44) and accepted.
TEST(UnsignedIntegers, ANarrowValueBeyondItsWidthIsNotCut) {
  ExpectRejected(ValidatePercent, Uint32Value(300, "gender__Female", 8), 300,
                 "percent outside 0..100");
}

// The sentinel is the signed value -1 only: a signed column's -1 is still
// absent.
TEST(UnsignedIntegers, SignedMinusOneIsStillAbsent) {
  EXPECT_EQ(ValidateCount(testing::Int64Value(-1).cell()).value(),
            std::nullopt);
  EXPECT_EQ(ValidatePercent(testing::Int32Value(-1).cell()).value(),
            std::nullopt);
}

}  // namespace
}  // namespace jao::ingest
