// A small vacancy file for chunk builder and pipeline tests: a real Schema
// (through BuildSchema) with every required column plus department,
// gender__Female and any extra columns, rows given as TestRow, and batches
// with the columns in the order a plan asks for, as the reader returns them.
// Also a fake FileReader over those batches and a Loader that records chunks.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "db/loader.h"
#include "parquet/batch.h"
#include "parquet/file_reader.h"
#include "parquet/schema.h"

namespace jao::ingest::testing {

struct TestRow {
  int64_t id = 1;
  std::optional<std::string> updated = "2023-04-01";
  std::optional<std::string> title = "Analyst";
  std::optional<std::string> min_salary =
      "\xC2\xA3"
      "25,000";
  std::optional<double> max_salary = 30000.0;
  std::optional<std::string> department = "HM Treasury";
  std::optional<double> female = 50.0;
};

class VacancyFile {
 public:
  // `skip` names a standard column to leave out; `extra` adds DOUBLE columns.
  explicit VacancyFile(std::string skip = "",
                       std::vector<std::string> extra = {});
  VacancyFile(const VacancyFile&) = delete;

  const parquet::Schema& schema() const { return schema_; }
  const std::vector<parquet::SchemaElement>& elements() const {
    return elements_;
  }

  // Columns in `column_indices` order; extra columns are all null.
  parquet::RecordBatch Batch(const std::vector<int>& column_indices,
                             const std::vector<TestRow>& rows,
                             int64_t first_row) const;

 private:
  std::vector<parquet::SchemaElement> elements_;
  parquet::Schema schema_;
};

// Serves `batches` (rows per batch) of `file`, whatever batch size is asked;
// counts the batches served into `batches_served` when given.
class FakeFileReader : public parquet::FileReader {
 public:
  FakeFileReader(std::shared_ptr<const VacancyFile> file,
                 std::vector<std::vector<TestRow>> batches,
                 std::shared_ptr<std::atomic<int>> batches_served = nullptr);
  const std::string& path() const override { return path_; }
  int64_t file_size() const override { return 1000; }
  const parquet::FileMetaData& metadata() const override { return metadata_; }
  const parquet::Schema& schema() const override { return file_->schema(); }
  Result<std::unique_ptr<parquet::BatchReader>> ReadColumns(
      const std::vector<int>& column_indices, int64_t batch_rows,
      const parquet::PageReaderOptions& pages) override;

 private:
  std::string path_ = "fake.parquet";
  parquet::FileMetaData metadata_;
  std::shared_ptr<const VacancyFile> file_;
  std::vector<std::vector<TestRow>> batches_;
  std::shared_ptr<std::atomic<int>> batches_served_;
};

// Records what it is asked to load; every record counts as inserted.
class RecordingLoader : public db::Loader {
 public:
  Status EnsureSchema() override;
  Result<int64_t> BeginRun(const db::RunStart& start) override;
  Result<db::LoadCounts> LoadChunk(db::Chunk& chunk) override;
  Status EndRun(db::RunOutcome outcome, std::string_view counts_json) override;
  std::string Describe() const override { return "recording"; }

  int ensure_schema_calls = 0;
  std::vector<std::string> begun;  // files_json of each BeginRun
  // The outcome of each EndRun.
  std::vector<db::RunOutcome> ended;
  std::vector<std::vector<int32_t>> chunk_ids;  // ids of each loaded chunk
  // When set, runs first in LoadChunk; an error fails the chunk (not
  // recorded in chunk_ids).
  std::function<Status(const db::Chunk&)> on_load;
};

}  // namespace jao::ingest::testing
