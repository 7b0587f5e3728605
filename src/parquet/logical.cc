#include "parquet/logical.h"

#include "common/decimal.h"
#include "common/timestamp.h"

namespace jao::parquet {
namespace {

std::optional<int64_t> InstantOf(TimeUnit unit, int64_t value) {
  switch (unit) {
    case TimeUnit::MILLIS:
      return MicrosFromMillis(value);
    case TimeUnit::MICROS:
      return value;
    case TimeUnit::NANOS:
      return MicrosFromNanos(value);
    case TimeUnit::kNone:
      break;
  }
  return std::nullopt;
}

void DecodeInstants(ColumnBatch* batch) {
  const ColumnDescriptor& column = *batch->column;
  std::vector<int64_t>& out = batch->instants_us;
  auto store = [](std::optional<int64_t> micros) {
    return micros.value_or(kInstantOutOfRange);
  };
  switch (column.physical_type) {
    case Type::INT64:
      out.resize(batch->int64s.size());
      for (size_t i = 0; i < out.size(); ++i) {
        out[i] = store(InstantOf(column.logical_type.unit, batch->int64s[i]));
      }
      return;
    case Type::INT32:  // DATE: days
      out.resize(batch->int32s.size());
      for (size_t i = 0; i < out.size(); ++i) {
        out[i] = store(MicrosFromDays(batch->int32s[i]));
      }
      return;
    case Type::INT96:
      out.resize(batch->int96s.size());
      for (size_t i = 0; i < out.size(); ++i) {
        const Int96& v = batch->int96s[i];
        out[i] = store(MicrosFromInt96(v.nanos_of_day, v.julian_day));
      }
      return;
    default:
      return;
  }
}

void DecodeDecimals(ColumnBatch* batch) {
  std::vector<std::optional<Int128>>& out = batch->decimals;
  switch (batch->column->physical_type) {
    case Type::INT32:
      out.assign(batch->int32s.begin(), batch->int32s.end());
      return;
    case Type::INT64:
      out.assign(batch->int64s.begin(), batch->int64s.end());
      return;
    case Type::BYTE_ARRAY:
    case Type::FIXED_LEN_BYTE_ARRAY:
      out.resize(batch->byte_arrays.size());
      for (size_t i = 0; i < out.size(); ++i) {
        out[i] = BigEndianInt128(batch->byte_arrays[i]);
      }
      return;
    default:
      return;
  }
}

}  // namespace

LogicalValues LogicalValuesOf(const ColumnDescriptor& column) {
  const LogicalTypeKind kind = column.logical_type.kind;
  switch (column.physical_type) {
    case Type::INT96:
      return LogicalValues::kInstant;
    case Type::INT64:
      if (kind == LogicalTypeKind::TIMESTAMP &&
          column.logical_type.unit != TimeUnit::kNone) {
        return LogicalValues::kInstant;
      }
      return kind == LogicalTypeKind::DECIMAL ? LogicalValues::kDecimal
                                              : LogicalValues::kNone;
    case Type::INT32:
      if (kind == LogicalTypeKind::DATE) return LogicalValues::kInstant;
      return kind == LogicalTypeKind::DECIMAL ? LogicalValues::kDecimal
                                              : LogicalValues::kNone;
    case Type::BYTE_ARRAY:
    case Type::FIXED_LEN_BYTE_ARRAY:
      return kind == LogicalTypeKind::DECIMAL ? LogicalValues::kDecimal
                                              : LogicalValues::kNone;
    default:
      return LogicalValues::kNone;
  }
}

bool IsUnsignedInteger(const ColumnDescriptor& column) {
  return column.logical_type.kind == LogicalTypeKind::INTEGER &&
         !column.logical_type.is_signed &&
         (column.physical_type == Type::INT32 ||
          column.physical_type == Type::INT64);
}

Int128 IntegerValue(const ColumnDescriptor& column, int64_t stored) {
  if (!IsUnsignedInteger(column)) return stored;
  if (column.physical_type == Type::INT32) {
    return static_cast<uint32_t>(static_cast<int32_t>(stored));
  }
  return static_cast<uint64_t>(stored);
}

void DecodeLogicalValues(ColumnBatch* batch) {
  switch (LogicalValuesOf(*batch->column)) {
    case LogicalValues::kInstant:
      return DecodeInstants(batch);
    case LogicalValues::kDecimal:
      return DecodeDecimals(batch);
    case LogicalValues::kNone:
      return;
  }
}

}  // namespace jao::parquet
