#include "ingest/chunk_builder.h"

#include <utility>

#include "ingest/validators/count.h"
#include "ingest/validators/id.h"
#include "ingest/validators/list.h"
#include "ingest/validators/name.h"
#include "ingest/validators/salary.h"
#include "ingest/validators/statistic.h"
#include "ingest/validators/text.h"
#include "ingest/validators/timestamp.h"

namespace jao::ingest {
namespace {

// Adapters giving every validator the memo's (cell, store) shape.
auto NoStore(auto validate) {
  return [validate](const Cell& cell, StringStore*) { return validate(cell); };
}

}  // namespace

ChunkBuilder::ChunkBuilder(const IngestPlan* plan, RejectReporter* rejects)
    : plan_(plan),
      rejects_(rejects),
      statistic_memos_(plan->statistics.size()) {}

const parquet::ColumnBatch* ChunkBuilder::ColumnOf(
    const parquet::RecordBatch& batch, Field field) const {
  int index = BatchIndexOf(field);
  return index < 0 ? nullptr : &batch.columns[index];
}

void ChunkBuilder::Add(std::shared_ptr<const parquet::RecordBatch> batch,
                       int64_t begin, int64_t end) {
  if (end < 0) end = batch->num_rows;
  for (int64_t row = begin; row < end; ++row) {
    db::VacancyRecord record;
    record.file_row = batch->first_row + row;
    ++built_.rows;
    if (std::optional<RejectedRow> rejected = BuildRow(*batch, row, &record)) {
      ++built_.rejected;
      rejects_->Report(*rejected);
      continue;
    }
    Keep(std::move(record));
  }
  // What the records point into, except the long text they now own a copy
  // of: the text columns' pages are freed with the batch.
  db::Chunk& chunk = built_.chunk;
  for (int i = 0; i < static_cast<int>(batch->columns.size()); ++i) {
    if (i == BatchIndexOf(Field::kTitle) ||
        i == BatchIndexOf(Field::kDescription) ||
        i == BatchIndexOf(Field::kSummary)) {
      continue;
    }
    const parquet::ColumnBatch& column = batch->columns[i];
    for (const SharedBuffer& buffer : column.buffers) chunk.KeepAlive(buffer);
    if (column.dictionary) chunk.KeepAlive(column.dictionary);
  }
}

int ChunkBuilder::BatchIndexOf(Field field) const {
  return plan_->batch_index[static_cast<int>(field)];
}

void ChunkBuilder::Keep(db::VacancyRecord record) {
  for (std::optional<std::string_view>* text :
       {&record.title, &record.description, &record.summary}) {
    if (*text) *text = text_->Copy(**text);
  }
  auto [it, inserted] =
      position_of_id_.emplace(record.id, built_.chunk.records.size());
  if (inserted) {
    built_.chunk.records.push_back(std::move(record));
    return;
  }
  ++built_.duplicates;
  db::VacancyRecord& kept = built_.chunk.records[it->second];
  if (record.last_updated_us > kept.last_updated_us) kept = std::move(record);
}

std::optional<RejectedRow> ChunkBuilder::BuildRow(
    const parquet::RecordBatch& batch, int64_t row, db::VacancyRecord* record) {
  RejectedRow rejected;
  rejected.row = batch.first_row + row;
  StringStore* store = &row_store_;
  // Runs `memo` on the field's cell; on a rejection fills `rejected`.
  auto check = [&](auto& memo, Field field, auto validate, auto* out) -> bool {
    const parquet::ColumnBatch* column = ColumnOf(batch, field);
    if (column == nullptr) return true;
    auto outcome = memo.Get(CellAt(*column, row), store, validate);
    if (!outcome.ok()) {
      rejected.rejection = outcome.rejection();
      return false;
    }
    *out = outcome.value();
    return true;
  };

  if (!check(id_memo_, Field::kId, NoStore(ValidateId), &record->id)) {
    // An id out of range was still read: report the integer (the raw value
    // of an INT32 / INT64 cell); null, fractional or text ids stay null.
    const nlohmann::json& raw = rejected.rejection.value;
    if (raw.is_number_integer() && !raw.is_number_unsigned()) {
      rejected.vacancy_id = raw.get<int64_t>();
    }
    return rejected;
  }
  rejected.vacancy_id = record->id;
  auto timestamp = NoStore(ValidateTimestamp);
  auto salary = NoStore(ValidateSalary);
  auto text = NoStore(ValidateText);
  std::optional<std::string_view> title;
  bool ok =
      check(time_memos_[0], Field::kLastUpdated, timestamp,
            &record->last_updated_us) &&
      check(title_memo_, Field::kTitle, NoStore(ValidateTitle), &title) &&
      check(text_memos_[0], Field::kDescription, text, &record->description) &&
      check(text_memos_[1], Field::kSummary, text, &record->summary) &&
      check(salary_memos_[0], Field::kMinSalary, salary,
            &record->min_salary_hundredths) &&
      check(salary_memos_[1], Field::kMaxSalary, salary,
            &record->max_salary_hundredths) &&
      check(time_memos_[1], Field::kLiveDate, timestamp,
            &record->live_date_us) &&
      check(time_memos_[2], Field::kClosingDate, timestamp,
            &record->closing_date_us) &&
      check(department_memo_, Field::kDepartment, ValidateName,
            &record->department) &&
      check(count_memo_, Field::kTotalApplications, NoStore(ValidateCount),
            &record->total_applications);
  if (!ok) return rejected;
  record->title = title;

  const std::pair<Field, std::vector<std::string_view>*> lists[] = {
      {Field::kGrades, &record->grades},
      {Field::kRoleTypes, &record->role_types}};
  for (size_t i = 0; i < 2; ++i) {
    auto [field, out] = lists[i];
    const parquet::ColumnBatch* column = ColumnOf(batch, field);
    if (column == nullptr) continue;
    if (column->column->is_list) {
      auto outcome = ValidateListRow(*column, row, store);
      if (!outcome.ok()) {
        rejected.rejection = outcome.rejection();
        return rejected;
      }
      *out = outcome.value();
    } else if (!check(list_memos_[i], field, ValidateCommaList, out)) {
      return rejected;
    }
  }

  record->statistics.reserve(plan_->statistics.size());
  for (size_t i = 0; i < plan_->statistics.size(); ++i) {
    const StatisticColumn& statistic = plan_->statistics[i];
    Cell cell = CellAt(batch.columns[statistic.batch_index], row);
    auto outcome =
        statistic_memos_[i].Get(cell, store, NoStore(ValidatePercent));
    if (!outcome.ok()) {
      rejected.rejection = outcome.rejection();
      return rejected;
    }
    if (outcome.value()) {
      record->statistics.push_back(db::StatisticValue{
          statistic.characteristic, statistic.group, *outcome.value()});
    }
  }
  return std::nullopt;
}

BuiltChunk ChunkBuilder::Finish() {
  db::Chunk& chunk = built_.chunk;
  auto take = [&chunk](auto& memo) {
    for (auto& store : memo.TakeStores()) chunk.KeepAlive(std::move(store));
  };
  take(department_memo_);
  for (auto& memo : list_memos_) take(memo);
  if (row_store_.size() > 0) chunk.KeepAlive(row_store_.Share());
  chunk.KeepAlive(plan_->group_names);
  row_store_ = StringStore();
  position_of_id_.clear();
  chunk.AdoptText(std::exchange(text_, std::make_shared<TextArena>()));
  return std::exchange(built_, BuiltChunk());
}

}  // namespace jao::ingest
