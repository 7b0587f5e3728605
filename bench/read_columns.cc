// Reader benchmark: decodes every supported column of a Parquet file in
// batches (as ingest would) and folds every value into a checksum so nothing
// can be skipped. Compared against DuckDB reading the same columns with one
// thread (duckdb_read.mjs) by bench/run.sh.
//
//   read_columns FILE [BATCH_ROWS]
//
// Prints one JSON line: {"rows": N, "columns": C, "seconds": S, "checksum": X}.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "parquet/file_reader.h"

namespace {

uint64_t Fold(const jao::parquet::ColumnBatch& c) {
  uint64_t sum = 0;
  for (int64_t i = 0; i < c.num_rows; ++i) sum += c.validity[i];
  for (auto v : c.int32s) sum += static_cast<uint32_t>(v);
  for (auto v : c.int64s) sum += static_cast<uint64_t>(v);
  for (auto v : c.booleans) sum += v;
  for (auto v : c.doubles) {
    uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    sum += bits;
  }
  for (auto v : c.floats) {
    uint32_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    sum += bits;
  }
  for (const auto& v : c.int96s) sum += v.nanos_of_day + v.julian_day;
  for (auto v : c.byte_arrays) {
    sum += v.size();
    if (!v.empty()) sum += static_cast<uint8_t>(v.back());
  }
  return sum;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: read_columns FILE [BATCH_ROWS]\n");
    return 2;
  }
  const int64_t batch_rows = argc > 2 ? std::atoll(argv[2]) : 5000;
  const auto start = std::chrono::steady_clock::now();
  auto file = jao::parquet::FileReader::Open(argv[1]);
  if (!file.ok()) {
    std::fprintf(stderr, "read_columns: %s\n", file.status().message().c_str());
    return 1;
  }
  std::vector<int> columns;
  for (const auto& column : (*file)->schema().columns()) {
    if (!column.unsupported) columns.push_back(column.index);
  }
  auto batches = (*file)->ReadColumns(columns, batch_rows);
  if (!batches.ok()) {
    std::fprintf(stderr, "read_columns: %s\n",
                 batches.status().message().c_str());
    return 1;
  }
  jao::parquet::RecordBatch batch;
  int64_t rows = 0;
  uint64_t checksum = 0;
  while (true) {
    auto more = (*batches)->Next(&batch);
    if (!more.ok()) {
      std::fprintf(stderr, "read_columns: %s\n",
                   more.status().message().c_str());
      return 1;
    }
    if (!*more) break;
    rows += batch.num_rows;
    for (const auto& column : batch.columns) checksum += Fold(column);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  std::printf(
      "{\"rows\": %lld, \"columns\": %zu, \"seconds\": %.4f, \"checksum\": "
      "%llu}\n",
      static_cast<long long>(rows), columns.size(), seconds,
      static_cast<unsigned long long>(checksum));
  return 0;
}
