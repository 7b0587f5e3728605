// The names of the target schema (spec/jao-schema.md) exactly as Django's
// migrations name them, shared by the SQLite and PostgreSQL backends: tables,
// the lookup tables the dependency cache fills, and the generated index and
// constraint names ("<table>_<columns>_<md5[:8]><suffix>", shortened on
// PostgreSQL past 63 characters). The generated names are constants computed
// once by scripts/django_names.py; nothing here hashes at run time.
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

struct ForeignKeyNames {
  std::string_view table;
  std::string_view column;
  std::string_view referenced_table;  // always referenced on "id"
  // Django indexes every FK column except a unique one (the OneToOneField
  // vacancystatistic.vacancy_id): then both index names are empty.
  std::string_view sqlite_index;
  std::string_view postgresql_index;
  // PostgreSQL's named FK constraint (SQLite's FKs are inline and unnamed).
  std::string_view postgresql_constraint;
};
std::span<const ForeignKeyNames> ForeignKeys();

// unique_together of the link and statistic tables: a CREATE UNIQUE INDEX on
// SQLite, a named UNIQUE constraint on PostgreSQL.
struct UniqueTogetherNames {
  std::string_view table;
  std::array<std::string_view, 2> columns;
  std::string_view sqlite_name;
  std::string_view postgresql_name;
};
std::span<const UniqueTogetherNames> UniqueTogethers();

// PostgreSQL only: Django's extra varchar_pattern_ops index on each unique
// varchar column.
struct LikeIndexNames {
  std::string_view table;
  std::string_view column;
  std::string_view postgresql_name;
};
std::span<const LikeIndexNames> LikeIndexes();

}  // namespace jao::db::schema
