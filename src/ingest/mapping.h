// THE declared table: for every field of a vacancy, the source column,
// whether the column must exist, and its rule: the column's type check and
// the validators that fill the db::VacancyRecord member (field_rule.h). The
// counterpart of Django's Pydantic ingest schema (alias and validators per
// field). PlanColumns checks a file against it before anything is read, and
// ChunkBuilder builds every row by running it, entry by entry: adding a
// field or changing a validator is one entry here.
//
// Statistic columns (<characteristic>__<group>) are not in the table: they
// are recognised by name (unpivot.h) and validated after the table's fields.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "db/vacancy_record.h"
#include "ingest/field_rule.h"
#include "ingest/validators/count.h"
#include "ingest/validators/id.h"
#include "ingest/validators/list.h"
#include "ingest/validators/name.h"
#include "ingest/validators/salary.h"
#include "ingest/validators/text.h"
#include "ingest/validators/timestamp.h"
#include "parquet/schema.h"

namespace jao::ingest {

// Positions in kVacancyFields, named so code reads field by field.
enum class Field : int {
  kId,
  kLastUpdated,
  kTitle,
  kDescription,
  kSummary,
  kMinSalary,
  kMaxSalary,
  kLiveDate,
  kClosingDate,
  kDepartment,
  kTotalApplications,
  kGrades,
  kRoleTypes,
};
inline constexpr int kNumFields = 13;

struct FieldMapping {
  Field field;
  std::string_view target;  // VacancyRecord member / database column
  std::string_view column;  // source column in the Parquet file
  bool required;            // the column must exist (values may still be null)
  FieldRule rule;
};

// Rows are validated in this order; a row's first failing field is the one
// its rejection names. The id comes first: later rejections name it.
inline constexpr std::array<FieldMapping, kNumFields> kVacancyFields = [] {
  using R = db::VacancyRecord;
  constexpr bool kRequired = true;
  constexpr bool kOptional = false;
  return std::array<FieldMapping, kNumFields>{{
      {Field::kId, "id", "vacancy_id", kRequired,
       CellRule<&R::id, ValidateId>(CheckIdColumn)},
      {Field::kLastUpdated, "last_updated", "row_last_updated", kRequired,
       CellRule<&R::last_updated_us, ValidateTimestamp>(CheckTimestampColumn)},
      // Trimmed, non-empty.
      {Field::kTitle, "title", "vacancy_title", kRequired,
       CellRule<&R::title, ValidateTitle>(CheckTextColumn)},
      // Byte for byte, null allowed.
      {Field::kDescription, "description", "job_description", kRequired,
       CellRule<&R::description, ValidateText>(CheckTextColumn)},
      {Field::kSummary, "summary", "job_summary", kRequired,
       CellRule<&R::summary, ValidateText>(CheckTextColumn)},
      {Field::kMinSalary, "min_salary", "salary_minimum", kRequired,
       CellRule<&R::min_salary_hundredths, ValidateSalary>(CheckSalaryColumn)},
      {Field::kMaxSalary, "max_salary", "salary_maximum_optional", kRequired,
       CellRule<&R::max_salary_hundredths, ValidateSalary>(CheckSalaryColumn)},
      {Field::kLiveDate, "live_date", "live_date", kRequired,
       CellRule<&R::live_date_us, ValidateTimestamp>(CheckTimestampColumn)},
      {Field::kClosingDate, "closing_date", "closing_date", kRequired,
       CellRule<&R::closing_date_us, ValidateTimestamp>(CheckTimestampColumn)},
      {Field::kDepartment, "department", "department", kOptional,
       CellRule<&R::department, ValidateName>(CheckNameColumn)},
      {Field::kTotalApplications, "total_applications",
       "number_of_applications", kOptional,
       CellRule<&R::total_applications, ValidateCount>(CheckCountColumn)},
      // A list column, or comma-separated text.
      {Field::kGrades, "grades", "grades", kOptional,
       ListRule<&R::grades, ValidateListRow, ValidateCommaList>(
           CheckListColumn)},
      {Field::kRoleTypes, "role_types", "type_of_role", kOptional,
       ListRule<&R::role_types, ValidateListRow, ValidateCommaList>(
           CheckListColumn)},
  }};
}();

static_assert(
    [] {
      for (int i = 0; i < kNumFields; ++i) {
        if (static_cast<int>(kVacancyFields[i].field) != i) return false;
      }
      return kVacancyFields[0].field == Field::kId;
    }(),
    "kVacancyFields must follow enum Field, the id first");

// The field whose target (database column or record member) is `target`,
// or nullopt.
constexpr std::optional<Field> FieldOfTarget(std::string_view target) {
  for (const FieldMapping& mapping : kVacancyFields) {
    if (mapping.target == target) return mapping.field;
  }
  return std::nullopt;
}

// A statistic column found in the file.
struct StatisticColumn {
  db::Characteristic characteristic;
  std::string_view group;  // cleaned; owned by the plan's group_names
  int batch_index = 0;     // position in RecordBatch::columns
};

// The mapping bound to one file's schema.
struct IngestPlan {
  // Per Field: position in RecordBatch::columns, -1 when the optional column
  // is absent.
  std::array<int, kNumFields> batch_index{};
  std::vector<const parquet::ColumnDescriptor*> columns;  // read in this order
  std::vector<int> column_indices;  // ColumnDescriptor::index of `columns`
  std::vector<StatisticColumn> statistics;
  std::shared_ptr<std::vector<std::string>> group_names;  // keeps groups alive
  std::vector<std::string> warnings;  // without the "<file>: " prefix
};

// Checks `schema` against kVacancyFields and the statistic names.
// InvalidArgument "<file>: missing required column 'closing_date'" or
// "<file>: column 'vacancy_title' is INT64, expected a string". Columns not in
// the mapping and statistic columns that cannot be used end up in
// plan.warnings, each named once.
Result<IngestPlan> PlanColumns(const parquet::Schema& schema,
                               std::string_view file);

}  // namespace jao::ingest
