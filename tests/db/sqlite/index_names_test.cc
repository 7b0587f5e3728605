// Django's index names on SQLite: a few pinned values (md5 computed
// separately with python3 hashlib) and the shape rules for all of them.
#include "db/sqlite/index_names.h"

#include <gtest/gtest.h>

#include <string>

namespace jao::db::sqlite {
namespace {

TEST(SqliteIndexNames, ForeignKeyIndexNameIsTableColumnAndDigest) {
  ASSERT_FALSE(ForeignKeyIndexes().empty());
  const schema::IndexName& fk = ForeignKeyIndexes()[0];
  EXPECT_EQ(fk.table, "vacancies_vacancy");
  EXPECT_EQ(fk.columns[0], "department_id");
  EXPECT_EQ(fk.name, "vacancies_vacancy_department_id_c5656f94");
}

TEST(SqliteIndexNames, NamesAreNotShortened) {
  int checked = 0;
  for (const schema::IndexName& u : UniqueTogethers()) {
    if (u.table != "application_statistics_genderstatistic") continue;
    ++checked;
    EXPECT_EQ(u.name,
              "application_statistics_genderstatistic_vacancy_id_gender_id_"
              "6e043d14_uniq");
  }
  EXPECT_EQ(checked, 1);
}

TEST(SqliteIndexNames, EveryKeyButTheOneToOneIsIndexedByTableColumnDigest) {
  int checked = 0;
  for (const schema::IndexName& fk : ForeignKeyIndexes()) {
    ++checked;
    EXPECT_FALSE(fk.table == "application_statistics_vacancystatistic" &&
                 fk.columns[0] == "vacancy_id");
    const std::string prefix =
        std::string(fk.table) + "_" + std::string(fk.columns[0]) + "_";
    EXPECT_EQ(fk.name.substr(0, prefix.size()), prefix);
    EXPECT_EQ(fk.name.size(), prefix.size() + 8);
  }
  // 20 keys (spec/jao-schema.md), all but the one-to-one.
  EXPECT_EQ(checked, 19);
  EXPECT_EQ(UniqueTogethers().size(), 9u);
}

}  // namespace
}  // namespace jao::db::sqlite
