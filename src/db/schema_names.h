// The names of the target schema (spec/jao-schema.md) exactly as Django's
// migrations name them, shared by the SQLite and PostgreSQL backends: tables
// and the lookup tables the dependency cache fills. The generated index and
// constraint names differ by backend and live in each backend's folder
// (index_names.h).
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string_view>

#include "db/vacancy_record.h"

namespace jao::db::schema {

inline constexpr std::string_view kDepartmentTable = "organisations_department";
inline constexpr std::string_view kGradeTable = "roles_grade";
inline constexpr std::string_view kRoleTypeTable = "roles_roletype";
inline constexpr std::string_view kVacancyTable = "vacancies_vacancy";
inline constexpr std::string_view kVacancyGradeTable = "vacancies_vacancygrade";
inline constexpr std::string_view kVacancyRoleTypeTable =
    "vacancies_vacancyroletype";
inline constexpr std::string_view kVacancyStatisticTable =
    "application_statistics_vacancystatistic";

// The ten name -> id tables: departments, grades, role types, then the seven
// statistic lookups in Characteristic order.
enum class Lookup : int {
  kDepartment = 0,
  kGrade,
  kRoleType,
  kFirstCharacteristic,  // + static_cast<int>(Characteristic)
};
inline constexpr int kNumLookups = 3 + kNumCharacteristics;

inline Lookup LookupFor(Characteristic c) {
  return static_cast<Lookup>(static_cast<int>(Lookup::kFirstCharacteristic) +
                             static_cast<int>(c));
}

struct LookupTable {
  std::string_view table;        // "roles_grade"
  std::string_view name_column;  // "description" ("name" for departments)
};
const LookupTable& TableOf(Lookup lookup);
// The lookup whose table is `table` (a foreign key's referenced table), or
// nullopt.
std::optional<Lookup> LookupOfTable(std::string_view table);

// Every table of the schema, dependencies first (lookups, vacancies, links,
// statistics): the order to create them in and to report counts in.
std::span<const std::string_view> AllTables();
// vacancies_vacancy and every table that points at it (AllTables() past
// the lookups), in that order: the tables a first load finds empty.
std::span<const std::string_view> VacancyTables();

// A generated index or constraint name and what it covers; each backend
// lists its own (sqlite/index_names.h, postgres/index_names.h).
struct IndexName {
  std::string_view table;
  std::array<std::string_view, 2> columns;  // the second empty for one
  std::string_view name;
};

}  // namespace jao::db::schema
