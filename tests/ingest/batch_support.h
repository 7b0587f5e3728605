// Hand-built columns and batches for ingest tests: a ColumnDescriptor of a
// given Parquet type and a ColumnBatch of given values (nullopt = null), as
// the reader would hand them over.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/validators/cell.h"
#include "parquet/batch.h"
#include "parquet/schema.h"

namespace jao::ingest::testing {

parquet::ColumnDescriptor StringColumn(std::string name);
parquet::ColumnDescriptor PlainColumn(std::string name, parquet::Type type);
parquet::ColumnDescriptor TimestampColumn(std::string name,
                                          parquet::TimeUnit unit);
parquet::ColumnDescriptor DateColumn(std::string name);
parquet::ColumnDescriptor DecimalColumn(std::string name, parquet::Type type,
                                        int32_t precision, int32_t scale);
parquet::ColumnDescriptor StringListColumn(std::string name);

// Views point into storage owned by the test process (never freed).
std::string_view Persist(std::string text);

parquet::ColumnBatch Strings(
    const parquet::ColumnDescriptor* column,
    const std::vector<std::optional<std::string>>& values);
parquet::ColumnBatch Doubles(const parquet::ColumnDescriptor* column,
                             const std::vector<std::optional<double>>& values);
parquet::ColumnBatch Floats(const parquet::ColumnDescriptor* column,
                            const std::vector<std::optional<float>>& values);
parquet::ColumnBatch Int64s(const parquet::ColumnDescriptor* column,
                            const std::vector<std::optional<int64_t>>& values);
parquet::ColumnBatch Int32s(const parquet::ColumnDescriptor* column,
                            const std::vector<std::optional<int32_t>>& values);
parquet::ColumnBatch Int96s(
    const parquet::ColumnDescriptor* column,
    const std::vector<std::optional<parquet::Int96>>& values);
// A LIST<string> column: one vector of (nullable) elements a row, or null.
parquet::ColumnBatch StringLists(
    const parquet::ColumnDescriptor* column,
    const std::vector<std::optional<std::vector<std::optional<std::string>>>>&
        rows);

// A single value with its own column, for validator tests.
struct OneValue {
  std::unique_ptr<parquet::ColumnDescriptor> column;
  std::unique_ptr<parquet::ColumnBatch> batch;
  Cell cell() const { return CellAt(*batch, 0); }
};
OneValue StringValue(std::optional<std::string> value, std::string name = "c");
OneValue DoubleValue(std::optional<double> value, std::string name = "c");
OneValue FloatValue(float value, std::string name = "c");
OneValue Int64Value(std::optional<int64_t> value, std::string name = "c");
OneValue Int32Value(int32_t value, std::string name = "c");
OneValue Value(parquet::ColumnDescriptor column, parquet::ColumnBatch batch);
// A DECIMAL(precision, scale) value: `unscaled` on INT32 or INT64, or the
// big-endian two's complement `bytes` on BYTE_ARRAY / FIXED_LEN_BYTE_ARRAY.
OneValue DecimalValue(parquet::Type type, int32_t precision, int32_t scale,
                      int64_t unscaled);
OneValue DecimalBytesValue(parquet::Type type, int32_t precision, int32_t scale,
                           std::string bytes);

}  // namespace jao::ingest::testing
