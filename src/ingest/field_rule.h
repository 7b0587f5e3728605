// How one field of kVacancyFields (mapping.h) is validated: a FieldRule is
// the type check its column must pass before anything is read (PlanColumns)
// and the FieldRun that validates a row's value and stores it in its
// db::VacancyRecord member (ChunkBuilder). The table declares each rule with
// CellRule or ListRule, which bind the validators and the target member at
// compile time: a validator whose output does not fit the member does not
// compile, and the builder runs exactly what the table says.
//
// A FieldRun owns its field's DictionaryMemo, so a builder validates a
// dictionary entry once per row group rather than once per row.
#pragma once

#include <cstdint>
#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

#include "common/status.h"
#include "db/vacancy_record.h"
#include "ingest/dictionary_memo.h"
#include "ingest/validators/cell.h"
#include "ingest/validators/string_store.h"
#include "parquet/batch.h"
#include "parquet/schema.h"

namespace jao::ingest {

// One field's validation for one builder. Not thread-safe; one per builder.
class FieldRun {
 public:
  virtual ~FieldRun() = default;

  // Validates row `row` of `column` (the field's column in the batch) and
  // stores the value in its member of *record; false, with *rejection set,
  // when the value rejects the row. Strings the validators make go into
  // `row_store` or the memo's own store (TakeStores).
  virtual bool Run(const parquet::ColumnBatch& column, int64_t row,
                   StringStore* row_store, db::VacancyRecord* record,
                   Rejection* rejection) = 0;

  // Appends the owners of every string the memo's cached results point into
  // (DictionaryMemo::TakeStores); once per chunk.
  virtual void TakeStores(std::vector<std::shared_ptr<const void>>* keep) = 0;
};

struct FieldRule {
  // InvalidArgument "column 'vacancy_title' is INT64, expected a string".
  Status (*check_column)(const parquet::ColumnDescriptor& column);
  // A fresh run with an empty memo.
  std::unique_ptr<FieldRun> (*make_run)();
};

namespace field_rule_internal {

template <typename T>
struct OutcomeValue;
template <typename T>
struct OutcomeValue<Outcome<T>> {
  using type = T;
};

// Every validator in the memo's (cell, store) shape; validators that make no
// strings take the cell only.
template <auto kValidate>
auto Validate(const Cell& cell, StringStore* store) {
  if constexpr (std::is_invocable_v<decltype(kValidate), const Cell&,
                                    StringStore*>) {
    return kValidate(cell, store);
  } else {
    return kValidate(cell);
  }
}

template <auto kValidate>
using ValueOf = typename OutcomeValue<decltype(Validate<kValidate>(
    std::declval<const Cell&>(), nullptr))>::type;

template <auto kTarget, typename T>
bool Store(const Outcome<T>& outcome, db::VacancyRecord* record,
           Rejection* rejection) {
  if (!outcome.ok()) {
    *rejection = outcome.rejection();
    return false;
  }
  record->*kTarget = outcome.value();
  return true;
}

// One cell a row, validated by kValidate through the memo.
template <auto kTarget, auto kValidate>
class CellRun final : public FieldRun {
 public:
  bool Run(const parquet::ColumnBatch& column, int64_t row,
           StringStore* row_store, db::VacancyRecord* record,
           Rejection* rejection) override {
    return Store<kTarget>(
        memo_.Get(CellAt(column, row), row_store, Validate<kValidate>), record,
        rejection);
  }
  void TakeStores(std::vector<std::shared_ptr<const void>>* keep) override {
    for (auto& store : memo_.TakeStores()) keep->push_back(std::move(store));
  }

 private:
  DictionaryMemo<ValueOf<kValidate>> memo_;
};

// A list column's elements row by row through kValidateRow (no memo: a row
// is no dictionary entry), or one text cell a row through kValidateText.
template <auto kTarget, auto kValidateRow, auto kValidateText>
class ListRun final : public FieldRun {
 public:
  bool Run(const parquet::ColumnBatch& column, int64_t row,
           StringStore* row_store, db::VacancyRecord* record,
           Rejection* rejection) override {
    if (column.column->is_list) {
      return Store<kTarget>(kValidateRow(column, row, row_store), record,
                            rejection);
    }
    return text_.Run(column, row, row_store, record, rejection);
  }
  void TakeStores(std::vector<std::shared_ptr<const void>>* keep) override {
    text_.TakeStores(keep);
  }

 private:
  CellRun<kTarget, kValidateText> text_;
};

template <typename Run>
std::unique_ptr<FieldRun> MakeRun() {
  return std::make_unique<Run>();
}

}  // namespace field_rule_internal

// A field read one cell a row: `check_column`, then kValidate (Outcome<T>
// validate(const Cell&[, StringStore*])) into record->*kTarget.
template <auto kTarget, auto kValidate>
constexpr FieldRule CellRule(
    Status (*check_column)(const parquet::ColumnDescriptor&)) {
  using Run = field_rule_internal::CellRun<kTarget, kValidate>;
  return FieldRule{check_column, &field_rule_internal::MakeRun<Run>};
}

// A list field: `check_column`, then kValidateRow for a list column or
// kValidateText for a text column, into record->*kTarget.
template <auto kTarget, auto kValidateRow, auto kValidateText>
constexpr FieldRule ListRule(
    Status (*check_column)(const parquet::ColumnDescriptor&)) {
  using Run =
      field_rule_internal::ListRun<kTarget, kValidateRow, kValidateText>;
  return FieldRule{check_column, &field_rule_internal::MakeRun<Run>};
}

}  // namespace jao::ingest
