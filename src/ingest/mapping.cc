#include "ingest/mapping.h"

#include <set>
#include <utility>

#include "ingest/unpivot.h"
#include "ingest/validators/statistic.h"

namespace jao::ingest {
namespace {

int AddColumn(IngestPlan* plan, const parquet::ColumnDescriptor* column) {
  plan->columns.push_back(column);
  plan->column_indices.push_back(column->index);
  return static_cast<int>(plan->columns.size()) - 1;
}

std::string Quoted(std::string_view name) {
  return "'" + std::string(name) + "'";
}

}  // namespace

Result<IngestPlan> PlanColumns(const parquet::Schema& schema,
                               std::string_view file) {
  IngestPlan plan;
  plan.group_names = std::make_shared<std::vector<std::string>>();
  std::set<std::string_view> used;
  for (const FieldMapping& field : kVacancyFields) {
    const parquet::ColumnDescriptor* column = schema.Find(field.column);
    int position = -1;
    if (column == nullptr) {
      if (field.required) {
        return Status::InvalidArgument(std::string(file) +
                                       ": missing required column " +
                                       Quoted(field.column));
      }
    } else {
      RETURN_IF_ERROR(field.rule.check_column(*column).WithContext(file));
      position = AddColumn(&plan, column);
      used.insert(field.column);
    }
    plan.batch_index[static_cast<int>(field.field)] = position;
  }

  // Group names are stored first, then viewed, so the views stay put.
  std::vector<std::pair<StatisticName, const parquet::ColumnDescriptor*>> found;
  std::set<std::pair<int, std::string>> seen_groups;
  std::vector<std::string> ignored;
  std::set<std::string_view> named;
  for (const parquet::ColumnDescriptor& column : schema.columns()) {
    if (used.count(column.name) > 0 || !named.insert(column.name).second) {
      continue;
    }
    StatisticParse parse = ParseStatisticColumn(column.name);
    if (!parse.name) {
      ignored.push_back(parse.problem
                            ? Quoted(column.name) + " (" + *parse.problem + ")"
                            : Quoted(column.name));
      continue;
    }
    RETURN_IF_ERROR(CheckPercentColumn(column).WithContext(file));
    auto key = std::make_pair(static_cast<int>(parse.name->characteristic),
                              parse.name->group);
    if (!seen_groups.insert(key).second) {
      ignored.push_back(Quoted(column.name) +
                        " (same group as an earlier column)");
      continue;
    }
    found.emplace_back(std::move(*parse.name), &column);
  }
  plan.group_names->reserve(found.size());
  for (auto& [name, column] : found) {
    plan.group_names->push_back(std::move(name.group));
    plan.statistics.push_back(StatisticColumn{name.characteristic,
                                              plan.group_names->back(),
                                              AddColumn(&plan, column)});
  }
  if (!ignored.empty()) {
    std::string warning = "ignoring columns not in the mapping: ";
    for (size_t i = 0; i < ignored.size(); ++i) {
      if (i > 0) warning += ", ";
      warning += ignored[i];
    }
    plan.warnings.push_back(std::move(warning));
  }
  return plan;
}

}  // namespace jao::ingest
