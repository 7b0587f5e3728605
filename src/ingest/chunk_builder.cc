#include "ingest/chunk_builder.h"

#include <cstdint>
#include <limits>
#include <utility>

#include "common/check.h"
#include "db/newer_wins.h"
#include "db/vacancy_digest.h"
#include "ingest/validators/statistic.h"

namespace jao::ingest {
namespace {

// The vacancy id a rejection of the id itself reports: an id out of range
// was still read, so the integer (the raw value of an INT32 / INT64 cell);
// null, fractional or text ids stay null, and so does an unsigned id beyond
// int64 (2^64-1 is not -1).
std::optional<int64_t> IdRead(const Rejection& rejection) {
  const nlohmann::json& raw = rejection.value;
  if (raw.is_number_unsigned()) {
    const uint64_t id = raw.get<uint64_t>();
    if (id > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      return std::nullopt;
    }
    return static_cast<int64_t>(id);
  }
  if (raw.is_number_integer()) return raw.get<int64_t>();
  return std::nullopt;
}

}  // namespace

ChunkBuilder::ChunkBuilder(const IngestPlan* plan, RejectReporter* rejects,
                           const ColumnFit* fit)
    : plan_(plan),
      rejects_(rejects),
      fit_(fit != nullptr && !fit->empty() ? fit : nullptr),
      statistic_memos_(plan->statistics.size()) {
  for (int i = 0; i < kNumFields; ++i) {
    runs_[i] = kVacancyFields[i].rule.make_run();
  }
}

void ChunkBuilder::Add(std::shared_ptr<const parquet::RecordBatch> batch,
                       int64_t begin, int64_t end) {
  if (end < 0) end = batch->num_rows;
  for (int64_t row = begin; row < end; ++row) {
    db::VacancyRecord record;
    record.file_row = batch->first_row + row;
    ++built_.rows;
    std::optional<RejectedRow> rejected = BuildRow(*batch, row, &record);
    if (!rejected && fit_ != nullptr) rejected = CheckFit(*batch, row, record);
    if (rejected) {
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
  // Here, on the transform thread, rather than on the loader's: the change
  // feed compares these with the stored ones (db/vacancy_digest.h).
  record.digest = db::DigestOf(record);
  auto [it, inserted] =
      position_of_id_.emplace(record.id, built_.chunk.records.size());
  if (inserted) {
    built_.chunk.records.push_back(std::move(record));
    return;
  }
  ++built_.duplicates;
  db::VacancyRecord& kept = built_.chunk.records[it->second];
  if (db::Supersedes(record.last_updated_us, kept.last_updated_us)) {
    kept = std::move(record);
  }
}

std::optional<RejectedRow> ChunkBuilder::BuildRow(
    const parquet::RecordBatch& batch, int64_t row, db::VacancyRecord* record) {
  Rejection rejection;
  for (int i = 0; i < kNumFields; ++i) {
    const int index = plan_->batch_index[i];
    if (index < 0) continue;  // an optional column the file lacks
    if (!runs_[i]->Run(batch.columns[index], row, &row_store_, record,
                       &rejection)) {
      std::optional<int64_t> id = record->id;
      if (kVacancyFields[i].field == Field::kId) id = IdRead(rejection);
      return RejectedRow{batch.first_row + row, id, std::move(rejection)};
    }
  }
  if (!BuildStatistics(batch, row, record, &rejection)) {
    return RejectedRow{batch.first_row + row, record->id, std::move(rejection)};
  }
  return std::nullopt;
}

std::optional<RejectedRow> ChunkBuilder::CheckFit(
    const parquet::RecordBatch& batch, int64_t row,
    const db::VacancyRecord& record) const {
  std::optional<ColumnFit::Misfit> misfit = fit_->Check(record);
  if (!misfit) return std::nullopt;
  // The value is named by the file's column it came from.
  int index = -1;
  if (misfit->field) {
    index = BatchIndexOf(*misfit->field);
  } else {
    for (const StatisticColumn& statistic : plan_->statistics) {
      if (statistic.characteristic == misfit->characteristic &&
          statistic.group == misfit->group) {
        index = statistic.batch_index;
      }
    }
  }
  JAO_CHECK(index >= 0, "a value that does not fit came from no column");
  return RejectedRow{
      batch.first_row + row, record.id,
      Reject(CellAt(batch.columns[index], row), std::move(misfit->reason))};
}

bool ChunkBuilder::BuildStatistics(const parquet::RecordBatch& batch,
                                   int64_t row, db::VacancyRecord* record,
                                   Rejection* rejection) {
  record->statistics.reserve(plan_->statistics.size());
  for (size_t i = 0; i < plan_->statistics.size(); ++i) {
    const StatisticColumn& statistic = plan_->statistics[i];
    auto outcome = statistic_memos_[i].Get(
        CellAt(batch.columns[statistic.batch_index], row), &row_store_,
        [](const Cell& cell, StringStore*) { return ValidatePercent(cell); });
    if (!outcome.ok()) {
      *rejection = outcome.rejection();
      return false;
    }
    if (outcome.value()) {
      record->statistics.push_back(db::StatisticValue{
          statistic.characteristic, statistic.group, *outcome.value()});
    }
  }
  return true;
}

BuiltChunk ChunkBuilder::Finish() {
  db::Chunk& chunk = built_.chunk;
  std::vector<std::shared_ptr<const void>> stores;
  for (auto& run : runs_) run->TakeStores(&stores);
  for (auto& store : stores) chunk.KeepAlive(std::move(store));
  if (row_store_.size() > 0) chunk.KeepAlive(row_store_.Share());
  chunk.KeepAlive(plan_->group_names);
  row_store_ = StringStore();
  position_of_id_.clear();
  chunk.AdoptText(std::exchange(text_, std::make_shared<TextArena>()));
  return std::exchange(built_, BuiltChunk());
}

}  // namespace jao::ingest
