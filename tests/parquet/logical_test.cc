// The reader's logical values (parquet/logical.h), on hand-built batches.
// Expected values come from the format's definitions worked by hand: a
// TIMESTAMP counts its unit since 1970-01-01 UTC, DATE counts days, INT96
// is nanoseconds into a Julian day (2440588 is 1970-01-01), DECIMAL is a
// two's complement unscaled integer (big-endian in byte arrays).
#include "parquet/logical.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace jao::parquet {
namespace {

constexpr int64_t kDay = int64_t{86400} * 1000000;
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

ColumnDescriptor Column(Type type, LogicalTypeKind kind,
                        TimeUnit unit = TimeUnit::kNone) {
  ColumnDescriptor column;
  column.name = "c";
  column.physical_type = type;
  column.logical_type.kind = kind;
  column.logical_type.unit = unit;
  return column;
}

std::vector<int64_t> Instants(const ColumnDescriptor& column,
                              ColumnBatch batch) {
  batch.column = &column;
  DecodeLogicalValues(&batch);
  return batch.instants_us;
}

using Micros = std::vector<int64_t>;
constexpr int64_t kOut = kInstantOutOfRange;

TEST(LogicalValues, TimestampMillisBecomeMicros) {
  ColumnDescriptor column =
      Column(Type::INT64, LogicalTypeKind::TIMESTAMP, TimeUnit::MILLIS);
  ColumnBatch batch;
  batch.int64s = {0, 1, -1, 1704067200123, kMax};
  EXPECT_EQ(Instants(column, batch),
            (Micros{0, 1000, -1000, int64_t{1704067200123} * 1000, kOut}));
}

TEST(LogicalValues, TimestampMicrosPassThrough) {
  ColumnDescriptor column =
      Column(Type::INT64, LogicalTypeKind::TIMESTAMP, TimeUnit::MICROS);
  ColumnBatch batch;
  // -2^63 itself is the out-of-range marker (documented in batch.h).
  batch.int64s = {0, -1, kMax, kMin + 1, kMin};
  EXPECT_EQ(Instants(column, batch), (Micros{0, -1, kMax, kMin + 1, kOut}));
}

TEST(LogicalValues, TimestampNanosAreFloorDivided) {
  ColumnDescriptor column =
      Column(Type::INT64, LogicalTypeKind::TIMESTAMP, TimeUnit::NANOS);
  ColumnBatch batch;
  batch.int64s = {1999, -1, -1000, -1001, kMin};
  // kMin ns = -9223372036854775808 ns, floor to -9223372036854776 us.
  EXPECT_EQ(Instants(column, batch),
            (Micros{1, -1, -1, -2, int64_t{-9223372036854776}}));
}

TEST(LogicalValues, DatesBecomeMidnight) {
  ColumnDescriptor column = Column(Type::INT32, LogicalTypeKind::DATE);
  ColumnBatch batch;
  batch.int32s = {0, 1, -1, 19723, std::numeric_limits<int32_t>::max()};
  // 19723 days: 2024-01-01. 2^31-1 days is about 1.9e20 us: beyond int64.
  EXPECT_EQ(Instants(column, batch),
            (Micros{0, kDay, -kDay, 19723 * kDay, kOut}));
}

TEST(LogicalValues, Int96CarriesNanosIntoDaysWithoutWrapping) {
  ColumnDescriptor column = Column(Type::INT96, LogicalTypeKind::kNone);
  ColumnBatch batch;
  const uint64_t day_nanos = uint64_t{86400} * 1000000000;
  batch.int96s = {
      {0, 2440588},                             // 1970-01-01
      {1999, 2440588},                          // 1999 ns: 1 us
      {day_nanos + 1000, 2440588},              // a day and 1 us, carried
      {static_cast<uint64_t>(-1000), 2440588},  // -1 us: signed nanoseconds
      {0, 0x80000000u},  // Julian day -2^31: far before int64 us
  };
  EXPECT_EQ(Instants(column, batch), (Micros{0, 1, kDay + 1, -1, kOut}));
}

TEST(LogicalValues, DecimalsOfEveryPhysicalTypeAreUnscaledIntegers) {
  using Decimals = std::vector<std::optional<Int128>>;
  ColumnDescriptor int32 = Column(Type::INT32, LogicalTypeKind::DECIMAL);
  ColumnBatch a;
  a.column = &int32;
  a.int32s = {-123, 45};
  DecodeLogicalValues(&a);
  EXPECT_EQ(a.decimals, (Decimals{Int128{-123}, Int128{45}}));

  ColumnDescriptor int64 = Column(Type::INT64, LogicalTypeKind::DECIMAL);
  ColumnBatch b;
  b.column = &int64;
  b.int64s = {kMin};
  DecodeLogicalValues(&b);
  EXPECT_EQ(b.decimals, (Decimals{Int128{kMin}}));

  ColumnDescriptor bytes = Column(Type::BYTE_ARRAY, LogicalTypeKind::DECIMAL);
  ColumnBatch c;
  c.column = &bytes;
  const std::string minus_123("\xff\x85", 2);
  const std::string wide(17, '\x01');
  c.byte_arrays = {minus_123, wide, std::string_view()};
  DecodeLogicalValues(&c);
  EXPECT_EQ(c.decimals, (Decimals{Int128{-123}, std::nullopt, std::nullopt}));

  ColumnDescriptor fixed =
      Column(Type::FIXED_LEN_BYTE_ARRAY, LogicalTypeKind::DECIMAL);
  ColumnBatch d;
  d.column = &fixed;
  const std::string sixteen = std::string(15, '\0') + "\x07";
  d.byte_arrays = {sixteen};
  DecodeLogicalValues(&d);
  EXPECT_EQ(d.decimals, (Decimals{Int128{7}}));
}

TEST(LogicalValues, OtherColumnsHaveNone) {
  for (const ColumnDescriptor& column :
       {Column(Type::INT64, LogicalTypeKind::kNone),
        Column(Type::INT64, LogicalTypeKind::INTEGER),
        Column(Type::INT64, LogicalTypeKind::TIME, TimeUnit::MICROS),
        Column(Type::BYTE_ARRAY, LogicalTypeKind::STRING),
        Column(Type::DOUBLE, LogicalTypeKind::kNone)}) {
    EXPECT_EQ(LogicalValuesOf(column), LogicalValues::kNone);
    ColumnBatch batch;
    batch.column = &column;
    batch.int64s = {1};
    batch.byte_arrays = {"x"};
    batch.doubles = {1.0};
    DecodeLogicalValues(&batch);
    EXPECT_TRUE(batch.instants_us.empty());
    EXPECT_TRUE(batch.decimals.empty());
  }
}

}  // namespace
}  // namespace jao::parquet
