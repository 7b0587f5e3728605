#include "ingest/batch_support.h"

#include <deque>
#include <mutex>

#include "parquet/logical.h"

namespace jao::ingest::testing {
namespace {

template <typename T, typename Out>
parquet::ColumnBatch Fill(const parquet::ColumnDescriptor* column,
                          const std::vector<std::optional<T>>& values,
                          std::vector<Out> parquet::ColumnBatch::*slots) {
  parquet::ColumnBatch batch;
  batch.column = column;
  batch.num_rows = static_cast<int64_t>(values.size());
  for (const std::optional<T>& value : values) {
    batch.validity.push_back(value.has_value() ? 1 : 0);
    (batch.*slots).push_back(value ? Out(*value) : Out());
  }
  // As the reader does (Value() does it once the column is known).
  if (column != nullptr) parquet::DecodeLogicalValues(&batch);
  return batch;
}

}  // namespace

parquet::ColumnDescriptor PlainColumn(std::string name, parquet::Type type) {
  parquet::ColumnDescriptor column;
  column.path = {name};
  column.name = std::move(name);
  column.physical_type = type;
  column.optional = true;
  column.max_definition_level = 1;
  return column;
}

parquet::ColumnDescriptor StringColumn(std::string name) {
  parquet::ColumnDescriptor column =
      PlainColumn(std::move(name), parquet::Type::BYTE_ARRAY);
  column.logical_type.kind = parquet::LogicalTypeKind::STRING;
  column.converted_type = parquet::ConvertedType::UTF8;
  return column;
}

parquet::ColumnDescriptor TimestampColumn(std::string name,
                                          parquet::TimeUnit unit) {
  parquet::ColumnDescriptor column =
      PlainColumn(std::move(name), parquet::Type::INT64);
  column.logical_type.kind = parquet::LogicalTypeKind::TIMESTAMP;
  column.logical_type.unit = unit;
  return column;
}

parquet::ColumnDescriptor DateColumn(std::string name) {
  parquet::ColumnDescriptor column =
      PlainColumn(std::move(name), parquet::Type::INT32);
  column.logical_type.kind = parquet::LogicalTypeKind::DATE;
  return column;
}

parquet::ColumnDescriptor DecimalColumn(std::string name, parquet::Type type,
                                        int32_t precision, int32_t scale) {
  parquet::ColumnDescriptor column = PlainColumn(std::move(name), type);
  column.logical_type.kind = parquet::LogicalTypeKind::DECIMAL;
  column.logical_type.precision = precision;
  column.logical_type.scale = scale;
  return column;
}

parquet::ColumnDescriptor StringListColumn(std::string name) {
  parquet::ColumnDescriptor column = StringColumn(std::move(name));
  column.path = {column.name, "list", "element"};
  column.is_list = true;
  column.max_definition_level = 3;
  column.max_repetition_level = 1;
  return column;
}

std::string_view Persist(std::string text) {
  static std::mutex mutex;
  static std::deque<std::string> storage;
  std::lock_guard lock(mutex);
  storage.push_back(std::move(text));
  return storage.back();
}

parquet::ColumnBatch Strings(
    const parquet::ColumnDescriptor* column,
    const std::vector<std::optional<std::string>>& values) {
  std::vector<std::optional<std::string_view>> views;
  for (const auto& value : values) {
    views.push_back(value ? std::optional(Persist(*value)) : std::nullopt);
  }
  return Fill(column, views, &parquet::ColumnBatch::byte_arrays);
}

parquet::ColumnBatch Doubles(const parquet::ColumnDescriptor* column,
                             const std::vector<std::optional<double>>& values) {
  return Fill(column, values, &parquet::ColumnBatch::doubles);
}

parquet::ColumnBatch Floats(const parquet::ColumnDescriptor* column,
                            const std::vector<std::optional<float>>& values) {
  return Fill(column, values, &parquet::ColumnBatch::floats);
}

parquet::ColumnBatch Int64s(const parquet::ColumnDescriptor* column,
                            const std::vector<std::optional<int64_t>>& values) {
  return Fill(column, values, &parquet::ColumnBatch::int64s);
}

parquet::ColumnBatch Int32s(const parquet::ColumnDescriptor* column,
                            const std::vector<std::optional<int32_t>>& values) {
  return Fill(column, values, &parquet::ColumnBatch::int32s);
}

parquet::ColumnBatch Int96s(
    const parquet::ColumnDescriptor* column,
    const std::vector<std::optional<parquet::Int96>>& values) {
  return Fill(column, values, &parquet::ColumnBatch::int96s);
}

parquet::ColumnBatch StringLists(
    const parquet::ColumnDescriptor* column,
    const std::vector<std::optional<std::vector<std::optional<std::string>>>>&
        rows) {
  parquet::ColumnBatch batch;
  batch.column = column;
  batch.num_rows = static_cast<int64_t>(rows.size());
  batch.list_offsets.push_back(0);
  for (const auto& row : rows) {
    batch.validity.push_back(row ? 1 : 0);
    if (row) {
      for (const auto& element : *row) {
        batch.element_validity.push_back(element ? 1 : 0);
        batch.byte_arrays.push_back(element ? Persist(*element)
                                            : std::string_view());
      }
    }
    batch.list_offsets.push_back(
        static_cast<int64_t>(batch.byte_arrays.size()));
  }
  return batch;
}

OneValue Value(parquet::ColumnDescriptor column, parquet::ColumnBatch batch) {
  OneValue one;
  one.column = std::make_unique<parquet::ColumnDescriptor>(std::move(column));
  one.batch = std::make_unique<parquet::ColumnBatch>(std::move(batch));
  one.batch->column = one.column.get();
  parquet::DecodeLogicalValues(one.batch.get());
  return one;
}

OneValue DecimalValue(parquet::Type type, int32_t precision, int32_t scale,
                      int64_t unscaled) {
  parquet::ColumnDescriptor column = DecimalColumn("c", type, precision, scale);
  if (type == parquet::Type::INT32) {
    return Value(std::move(column),
                 Int32s(nullptr, {static_cast<int32_t>(unscaled)}));
  }
  return Value(std::move(column), Int64s(nullptr, {unscaled}));
}

OneValue DecimalBytesValue(parquet::Type type, int32_t precision, int32_t scale,
                           std::string bytes) {
  return Value(DecimalColumn("c", type, precision, scale),
               Strings(nullptr, {std::move(bytes)}));
}

OneValue StringValue(std::optional<std::string> value, std::string name) {
  return Value(StringColumn(std::move(name)), Strings(nullptr, {value}));
}

OneValue DoubleValue(std::optional<double> value, std::string name) {
  return Value(PlainColumn(std::move(name), parquet::Type::DOUBLE),
               Doubles(nullptr, {value}));
}

OneValue FloatValue(float value, std::string name) {
  return Value(PlainColumn(std::move(name), parquet::Type::FLOAT),
               Floats(nullptr, {value}));
}

OneValue Int64Value(std::optional<int64_t> value, std::string name) {
  return Value(PlainColumn(std::move(name), parquet::Type::INT64),
               Int64s(nullptr, {value}));
}

OneValue Int32Value(int32_t value, std::string name) {
  return Value(PlainColumn(std::move(name), parquet::Type::INT32),
               Int32s(nullptr, {value}));
}

}  // namespace jao::ingest::testing
