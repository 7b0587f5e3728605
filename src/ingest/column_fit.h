// The database's narrower columns as one more rule of the transform: the
// schema check (db/schema_check.h) accepts a column narrower than the
// declaration (varchar(40) for a title, numeric(6, 2) for a salary,
// smallint for a count) and hands its limit here; a row whose stored value
// would not fit is rejected, naming the column and the limit, so that a COPY
// or INSERT never fails on a value. Used by ChunkBuilder after a row's
// fields and statistics are built.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/schema_check.h"
#include "db/target_schema.h"
#include "db/vacancy_record.h"
#include "ingest/mapping.h"

namespace jao::ingest {

class ColumnFit {
 public:
  ColumnFit() = default;
  // Limits of tables and columns jao-ingest does not fill from a record
  // are ignored (the check refuses those).
  explicit ColumnFit(const std::vector<db::ColumnLimit>& limits);

  bool empty() const { return checks_.empty(); }

  // What does not fit: the field (nullopt for a statistic, then its
  // characteristic and group) and the reason.
  struct Misfit {
    std::optional<Field> field;
    db::Characteristic characteristic = db::Characteristic::kAgeGroup;
    std::string_view group;
    std::string reason;
  };
  // The first value of `record` that does not fit, or nullopt.
  std::optional<Misfit> Check(const db::VacancyRecord& record) const;

 private:
  struct FieldCheck {
    db::ColumnLimit limit;
    std::optional<Field> field;  // nullopt: statistics
    // A vacancy column: measured on the value the loaders take from the
    // record (target::Column::from_record), so that a declared column is
    // checked without a line here.
    const db::target::Column* vacancy_column = nullptr;
    db::Characteristic characteristic = db::Characteristic::kAgeGroup;
    bool group_names = false;  // statistics: the lookup's names, not percents
  };
  std::optional<Misfit> CheckOne(const FieldCheck& check,
                                 const db::VacancyRecord& record) const;
  std::vector<FieldCheck> checks_;
};

}  // namespace jao::ingest
