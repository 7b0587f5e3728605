// Name constants of the schema; see schema_names.h.
#include "db/schema_names.h"

#include <vector>

#include "db/target_schema.h"

namespace jao::db::schema {

const LookupTable& TableOf(Lookup lookup) {
  static const std::array<LookupTable, kNumLookups> kTables{{
      {kDepartmentTable, "name"},
      {kGradeTable, "description"},
      {kRoleTypeTable, "description"},
      {"application_statistics_agegroup", "description"},
      {"application_statistics_disability", "description"},
      {"application_statistics_ethnicgroup", "description"},
      {"application_statistics_ethnicity", "description"},
      {"application_statistics_gender", "description"},
      {"application_statistics_religion", "description"},
      {"application_statistics_sexualorientation", "description"},
  }};
  return kTables[static_cast<int>(lookup)];
}

std::optional<Lookup> LookupOfTable(std::string_view table) {
  for (int i = 0; i < kNumLookups; ++i) {
    const auto lookup = static_cast<Lookup>(i);
    if (TableOf(lookup).table == table) return lookup;
  }
  return std::nullopt;
}

std::span<const std::string_view> AllTables() {
  static const std::vector<std::string_view> kTables = [] {
    std::vector<std::string_view> names;
    for (const target::Table& table : target::Tables()) {
      names.push_back(table.name);
    }
    return names;
  }();
  return kTables;
}

std::span<const std::string_view> VacancyTables() {
  return AllTables().subspan(kNumLookups);
}

}  // namespace jao::db::schema
