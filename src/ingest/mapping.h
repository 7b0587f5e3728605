// THE declared table: for every field of a vacancy, the source column, whether
// the column must exist, and the rule that validates it. The counterpart of
// Django's Pydantic ingest schema; the chunk builder follows it, and
// PlanColumns checks a file against it before anything is read.
//
// Statistic columns (<characteristic>__<group>) are not in the table: they
// are recognised by name (unpivot.h).
#pragma once

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "db/vacancy_record.h"
#include "parquet/schema.h"

namespace jao::ingest {

enum class Rule {
  kId,         // validators/id.h
  kTimestamp,  // validators/timestamp.h
  kTitle,      // validators/text.h, trimmed, non-empty
  kText,       // validators/text.h, byte for byte, null allowed
  kSalary,     // validators/salary.h
  kName,       // validators/name.h
  kList,       // validators/list.h
  kCount,      // validators/count.h
};

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
  kGrades,
  kRoleTypes,
  kTotalApplications,
};
inline constexpr int kNumFields = 13;

struct FieldMapping {
  Field field;
  std::string_view target;  // VacancyRecord member / database column
  std::string_view column;  // source column in the Parquet file
  bool required;            // the column must exist (values may still be null)
  Rule rule;
};

// Rows are validated in this order; a row's first failing field is the one
// its rejection names.
inline constexpr std::array<FieldMapping, kNumFields> kVacancyFields{{
    {Field::kId, "id", "vacancy_id", true, Rule::kId},
    {Field::kLastUpdated, "last_updated", "row_last_updated", true,
     Rule::kTimestamp},
    {Field::kTitle, "title", "vacancy_title", true, Rule::kTitle},
    {Field::kDescription, "description", "job_description", true, Rule::kText},
    {Field::kSummary, "summary", "job_summary", true, Rule::kText},
    {Field::kMinSalary, "min_salary", "salary_minimum", true, Rule::kSalary},
    {Field::kMaxSalary, "max_salary", "salary_maximum_optional", true,
     Rule::kSalary},
    {Field::kLiveDate, "live_date", "live_date", true, Rule::kTimestamp},
    {Field::kClosingDate, "closing_date", "closing_date", true,
     Rule::kTimestamp},
    {Field::kDepartment, "department", "department", false, Rule::kName},
    {Field::kGrades, "grades", "grades", false, Rule::kList},
    {Field::kRoleTypes, "role_types", "type_of_role", false, Rule::kList},
    {Field::kTotalApplications, "total_applications", "number_of_applications",
     false, Rule::kCount},
}};

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

// The rule's type check for one column (validators' Check*Column).
Status CheckColumnType(Rule rule, const parquet::ColumnDescriptor& column);

}  // namespace jao::ingest
