// Django's index and constraint names on PostgreSQL: a few pinned values
// (md5 computed separately with python3 hashlib) and the length rule.
#include "db/postgres/index_names.h"

#include <gtest/gtest.h>

namespace jao::db::postgres {
namespace {

TEST(PgIndexNames, ForeignKeyConstraintIsShortenedAsDjangoDoes) {
  ASSERT_FALSE(ForeignKeyConstraints().empty());
  const schema::IndexName& fk = ForeignKeyConstraints()[0];
  EXPECT_EQ(fk.table, "vacancies_vacancy");
  EXPECT_EQ(fk.name, "vacancies_vacancy_department_id_c5656f94_fk_organisat");
}

TEST(PgIndexNames, LongNamesAreShortenedAsDjangoDoes) {
  int checked = 0;
  for (const schema::IndexName& u : UniqueTogethers()) {
    if (u.table != "application_statistics_genderstatistic") continue;
    ++checked;
    EXPECT_EQ(u.name,
              "application_statistics_g_vacancy_id_gender_id_6e043d14_uniq");
  }
  EXPECT_EQ(checked, 1);
}

TEST(PgIndexNames, EveryNameFitsIn63Characters) {
  const std::span<const schema::IndexName> lists[] = {
      ForeignKeyIndexes(), ForeignKeyConstraints(), UniqueTogethers(),
      LikeIndexes()};
  for (std::span<const schema::IndexName> list : lists) {
    ASSERT_FALSE(list.empty());  // the loop must not pass on nothing
    for (const schema::IndexName& n : list) {
      EXPECT_LE(n.name.size(), 63u) << n.name;
    }
  }
  // spec/jao-schema.md: 20 keys, one of them the unindexed one-to-one; 9
  // unique_together; 10 unique varchar columns.
  EXPECT_EQ(ForeignKeyConstraints().size(), 20u);
  EXPECT_EQ(ForeignKeyIndexes().size(), 19u);
  EXPECT_EQ(UniqueTogethers().size(), 9u);
  EXPECT_EQ(LikeIndexes().size(), 10u);
}

}  // namespace
}  // namespace jao::db::postgres
