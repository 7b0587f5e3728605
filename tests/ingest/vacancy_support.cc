#include "ingest/vacancy_support.h"

#include "ingest/batch_support.h"

namespace jao::ingest::testing {
namespace {

parquet::SchemaElement Leaf(std::string name, parquet::Type type,
                            bool is_string) {
  parquet::SchemaElement element;
  element.name = std::move(name);
  element.type = type;
  element.repetition_type = parquet::FieldRepetitionType::OPTIONAL;
  if (is_string) {
    element.converted_type = parquet::ConvertedType::UTF8;
    element.logical_type.kind = parquet::LogicalTypeKind::STRING;
  }
  return element;
}

struct Spec {
  const char* name;
  parquet::Type type;
  bool is_string;
};

constexpr Spec kStandard[] = {
    {"vacancy_id", parquet::Type::INT64, false},
    {"row_last_updated", parquet::Type::BYTE_ARRAY, true},
    {"vacancy_title", parquet::Type::BYTE_ARRAY, true},
    {"job_description", parquet::Type::BYTE_ARRAY, true},
    {"job_summary", parquet::Type::BYTE_ARRAY, true},
    {"salary_minimum", parquet::Type::BYTE_ARRAY, true},
    {"salary_maximum_optional", parquet::Type::DOUBLE, false},
    {"live_date", parquet::Type::BYTE_ARRAY, true},
    {"closing_date", parquet::Type::BYTE_ARRAY, true},
    {"department", parquet::Type::BYTE_ARRAY, true},
    {"gender__Female", parquet::Type::DOUBLE, false},
};

class FakeBatchReader : public parquet::BatchReader {
 public:
  FakeBatchReader(std::shared_ptr<const VacancyFile> file,
                  std::vector<int> indices,
                  const std::vector<std::vector<TestRow>>* batches,
                  std::shared_ptr<std::atomic<int>> served)
      : file_(std::move(file)),
        indices_(std::move(indices)),
        batches_(batches),
        served_(std::move(served)) {}
  Result<bool> Next(parquet::RecordBatch* out) override {
    if (next_ == batches_->size()) return false;
    if (served_ != nullptr) ++*served_;
    *out = file_->Batch(indices_, (*batches_)[next_], first_row_);
    first_row_ += static_cast<int64_t>((*batches_)[next_].size());
    ++next_;
    return true;
  }
  int64_t bytes_read() const override { return 0; }

 private:
  std::shared_ptr<const VacancyFile> file_;
  std::vector<int> indices_;
  const std::vector<std::vector<TestRow>>* batches_;
  std::shared_ptr<std::atomic<int>> served_;
  size_t next_ = 0;
  int64_t first_row_ = 0;
};

}  // namespace

VacancyFile::VacancyFile(std::string skip, std::vector<std::string> extra) {
  parquet::SchemaElement root;
  root.name = "schema";
  elements_.push_back(root);
  for (const Spec& spec : kStandard) {
    if (spec.name != skip)
      elements_.push_back(Leaf(spec.name, spec.type, spec.is_string));
  }
  for (std::string& name : extra) {
    elements_.push_back(Leaf(std::move(name), parquet::Type::DOUBLE, false));
  }
  elements_[0].num_children = static_cast<int32_t>(elements_.size() - 1);
  Result<parquet::Schema> schema = parquet::BuildSchema(elements_);
  if (!schema.ok()) std::abort();
  schema_ = std::move(*schema);
}

parquet::RecordBatch VacancyFile::Batch(const std::vector<int>& column_indices,
                                        const std::vector<TestRow>& rows,
                                        int64_t first_row) const {
  parquet::RecordBatch batch;
  batch.first_row = first_row;
  batch.num_rows = static_cast<int64_t>(rows.size());
  for (int index : column_indices) {
    const parquet::ColumnDescriptor* column = &schema_.columns()[index];
    const std::string& name = column->name;
    auto strings = [&](auto member) {
      std::vector<std::optional<std::string>> values;
      for (const TestRow& row : rows) values.push_back(row.*member);
      return Strings(column, values);
    };
    auto doubles = [&](auto member) {
      std::vector<std::optional<double>> values;
      for (const TestRow& row : rows) values.push_back(row.*member);
      return Doubles(column, values);
    };
    if (name == "vacancy_id") {
      std::vector<std::optional<int64_t>> ids;
      for (const TestRow& row : rows) ids.push_back(row.id);
      batch.columns.push_back(Int64s(column, ids));
    } else if (name == "row_last_updated" || name == "live_date" ||
               name == "closing_date") {
      batch.columns.push_back(strings(&TestRow::updated));
    } else if (name == "vacancy_title") {
      batch.columns.push_back(strings(&TestRow::title));
    } else if (name == "job_description" || name == "job_summary") {
      batch.columns.push_back(Strings(
          column, std::vector<std::optional<std::string>>(rows.size())));
    } else if (name == "salary_minimum") {
      batch.columns.push_back(strings(&TestRow::min_salary));
    } else if (name == "salary_maximum_optional") {
      batch.columns.push_back(doubles(&TestRow::max_salary));
    } else if (name == "department") {
      batch.columns.push_back(strings(&TestRow::department));
    } else if (name == "gender__Female") {
      batch.columns.push_back(doubles(&TestRow::female));
    } else {
      batch.columns.push_back(
          Doubles(column, std::vector<std::optional<double>>(rows.size())));
    }
  }
  return batch;
}

FakeFileReader::FakeFileReader(std::shared_ptr<const VacancyFile> file,
                               std::vector<std::vector<TestRow>> batches,
                               std::shared_ptr<std::atomic<int>> batches_served)
    : file_(std::move(file)),
      batches_(std::move(batches)),
      batches_served_(std::move(batches_served)) {
  metadata_.schema = file_->elements();
}

Result<std::unique_ptr<parquet::BatchReader>> FakeFileReader::ReadColumns(
    const std::vector<int>& column_indices, int64_t batch_rows,
    const parquet::PageReaderOptions& /*pages*/) {
  return std::unique_ptr<parquet::BatchReader>(
      std::make_unique<FakeBatchReader>(file_, column_indices, &batches_,
                                        batches_served_));
}

Status RecordingLoader::EnsureSchema() {
  ++ensure_schema_calls;
  return Status::Ok();
}

Result<int64_t> RecordingLoader::BeginRun(const db::RunStart& start) {
  begun.push_back(start.files_json);
  return static_cast<int64_t>(begun.size());
}

Status RecordingLoader::EndRun(db::RunOutcome outcome, std::string_view) {
  ended.push_back(outcome);
  return Status::Ok();
}

Result<db::LoadCounts> RecordingLoader::LoadChunk(db::Chunk& chunk) {
  if (on_load) RETURN_IF_ERROR(on_load(chunk));
  std::vector<int32_t> ids;
  for (const db::VacancyRecord& record : chunk.records)
    ids.push_back(record.id);
  chunk_ids.push_back(std::move(ids));
  db::LoadCounts counts;
  counts["vacancies_vacancy"].inserted =
      static_cast<int64_t>(chunk.records.size());
  return counts;
}

}  // namespace jao::ingest::testing
