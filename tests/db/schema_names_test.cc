// The generated Django names: a few pinned values (md5 computed separately
// with python3 hashlib) and the length and shape rules for all of them.
#include "db/schema_names.h"

#include <gtest/gtest.h>

namespace jao::db::schema {
namespace {

TEST(SchemaNames, VacancyTablesAreTheVacancyAndEveryTablePointingAtIt) {
  std::span<const std::string_view> tables = VacancyTables();
  ASSERT_EQ(tables.size(), 11u);
  EXPECT_EQ(tables.front(), "vacancies_vacancy");
  // Every other one has a foreign key to vacancies_vacancy.
  for (std::string_view table : tables.subspan(1)) {
    bool points_at_vacancy = false;
    for (const ForeignKeyNames& fk : ForeignKeys()) {
      points_at_vacancy |=
          fk.table == table && fk.referenced_table == "vacancies_vacancy";
    }
    EXPECT_TRUE(points_at_vacancy) << table;
  }
}

TEST(SchemaNames, ForeignKeyIndexNameIsTableColumnAndDigest) {
  const ForeignKeyNames& fk = ForeignKeys()[0];
  EXPECT_EQ(fk.table, "vacancies_vacancy");
  EXPECT_EQ(fk.sqlite_index, "vacancies_vacancy_department_id_c5656f94");
  EXPECT_EQ(fk.postgresql_constraint,
            "vacancies_vacancy_department_id_c5656f94_fk_organisat");
}

TEST(SchemaNames, PostgresqlShortensLongNamesAsDjangoDoes) {
  int checked = 0;
  for (const UniqueTogetherNames& unique : UniqueTogethers()) {
    if (unique.table != "application_statistics_genderstatistic") continue;
    ++checked;
    EXPECT_EQ(unique.sqlite_name,
              "application_statistics_genderstatistic_vacancy_id_gender_id_"
              "6e043d14_uniq");
    EXPECT_EQ(unique.postgresql_name,
              "application_statistics_g_vacancy_id_gender_id_6e043d14_uniq");
  }
  EXPECT_EQ(checked, 1);
}

TEST(SchemaNames, EveryPostgresqlNameFitsIn63Characters) {
  // The loops below must not pass by having nothing to check.
  ASSERT_FALSE(ForeignKeys().empty());
  ASSERT_FALSE(UniqueTogethers().empty());
  ASSERT_FALSE(LikeIndexes().empty());
  for (const ForeignKeyNames& fk : ForeignKeys()) {
    EXPECT_LE(fk.postgresql_index.size(), 63u) << fk.postgresql_index;
    EXPECT_LE(fk.postgresql_constraint.size(), 63u) << fk.postgresql_constraint;
  }
  for (const UniqueTogetherNames& unique : UniqueTogethers()) {
    EXPECT_LE(unique.postgresql_name.size(), 63u) << unique.postgresql_name;
  }
  for (const LikeIndexNames& like : LikeIndexes()) {
    EXPECT_LE(like.postgresql_name.size(), 63u) << like.postgresql_name;
  }
}

TEST(SchemaNames, OnlyTheOneToOneForeignKeyIsUnindexed) {
  int unindexed = 0;
  for (const ForeignKeyNames& fk : ForeignKeys()) {
    if (!fk.sqlite_index.empty()) continue;
    ++unindexed;
    EXPECT_EQ(fk.table, kVacancyStatisticTable);
    EXPECT_EQ(fk.column, "vacancy_id");
  }
  EXPECT_EQ(unindexed, 1);
  EXPECT_EQ(ForeignKeys().size(), 20u);
  EXPECT_EQ(UniqueTogethers().size(), 9u);
  EXPECT_EQ(LikeIndexes().size(), 10u);
}

TEST(SchemaNames, SqliteNamesStartWithTableAndColumns) {
  int checked = 0;
  for (const ForeignKeyNames& fk : ForeignKeys()) {
    if (fk.sqlite_index.empty()) continue;
    ++checked;
    const std::string prefix =
        std::string(fk.table) + "_" + std::string(fk.column) + "_";
    EXPECT_EQ(fk.sqlite_index.substr(0, prefix.size()), prefix);
    EXPECT_EQ(fk.sqlite_index.size(), prefix.size() + 8);
  }
  // All but the one-to-one key (OnlyTheOneToOneForeignKeyIsUnindexed).
  EXPECT_EQ(checked, 19);
}

TEST(SchemaNames, LookupTablesFollowCharacteristics) {
  EXPECT_EQ(TableOf(Lookup::kDepartment).name_column, "name");
  EXPECT_EQ(TableOf(LookupFor(Characteristic::kSexualOrientation)).table,
            "application_statistics_sexualorientation");
  EXPECT_EQ(AllTables().size(), 21u);
}

}  // namespace
}  // namespace jao::db::schema
