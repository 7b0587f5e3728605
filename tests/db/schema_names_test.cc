// The shared names: the vacancy tables and the lookups, checked against the
// spec's tables (spec/jao-schema.md) read by hand.
#include "db/schema_names.h"

#include <gtest/gtest.h>

#include "db/target_schema.h"

namespace jao::db::schema {
namespace {

TEST(SchemaNames, VacancyTablesAreTheVacancyAndEveryTablePointingAtIt) {
  std::span<const std::string_view> tables = VacancyTables();
  ASSERT_EQ(tables.size(), 11u);
  EXPECT_EQ(tables.front(), "vacancies_vacancy");
  // Every other one has a foreign key to vacancies_vacancy.
  for (std::string_view table : tables.subspan(1)) {
    const target::Table* declared = target::FindTable(table);
    ASSERT_NE(declared, nullptr) << table;
    const target::Column* vacancy_id = declared->Find("vacancy_id");
    ASSERT_NE(vacancy_id, nullptr) << table;
    EXPECT_EQ(vacancy_id->references, "vacancies_vacancy") << table;
  }
}

TEST(SchemaNames, LookupTablesFollowCharacteristics) {
  EXPECT_EQ(TableOf(Lookup::kDepartment).name_column, "name");
  EXPECT_EQ(TableOf(LookupFor(Characteristic::kSexualOrientation)).table,
            "application_statistics_sexualorientation");
  EXPECT_EQ(AllTables().size(), 21u);
}

TEST(SchemaNames, LookupOfTableFindsEachLookupAndNothingElse) {
  EXPECT_EQ(LookupOfTable("roles_grade"), Lookup::kGrade);
  EXPECT_EQ(LookupOfTable("organisations_department"), Lookup::kDepartment);
  EXPECT_EQ(LookupOfTable("application_statistics_gender"),
            LookupFor(Characteristic::kGender));
  EXPECT_EQ(LookupOfTable("vacancies_vacancy"), std::nullopt);
}

}  // namespace
}  // namespace jao::db::schema
