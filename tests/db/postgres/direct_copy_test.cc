// The direct COPY of new vacancies into the final tables: used on the
// tables jao-ingest creates, and left aside (the staging path loads
// instead) where a database has other column types, such as the bigint
// foreign keys of a Django project whose DEFAULT_AUTO_FIELD is
// BigAutoField, which a binary int4 cannot fill.
#include "db/postgres/direct_copy.h"

#include <gtest/gtest.h>

#include "common/status_matchers_support.h"
#include "test_support.h"

namespace jao::db::postgres {
namespace {

class PgDirectCopyTest : public PgTest {
 protected:
  void SetUp() override {
    PgTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    Status status = OpenLoaderOrDie()->EnsureSchema();
    ASSERT_THAT(status, IsOk());
  }
  bool TakesBinaryCopy() {
    Result<bool> takes = FinalTablesTakeBinaryCopy(*db_);
    EXPECT_THAT(takes, IsOk());
    return takes.ok() && *takes;
  }
};

constexpr char kBigintGradeLink[] =
    "ALTER TABLE vacancies_vacancygrade ALTER grade_id TYPE bigint";

TEST_F(PgDirectCopyTest, TablesJaoIngestCreatesTakeBinaryCopy) {
  EXPECT_TRUE(TakesBinaryCopy());
}

TEST_F(PgDirectCopyTest, VarcharTextColumnsStillTakeBinaryCopy) {
  ASSERT_THAT(
      db_->Exec("ALTER TABLE vacancies_vacancy ALTER title TYPE varchar(200)"),
      IsOk());
  EXPECT_TRUE(TakesBinaryCopy());
}

TEST_F(PgDirectCopyTest, ABigintForeignKeyDoesNotTakeBinaryCopy) {
  ASSERT_THAT(db_->Exec(kBigintGradeLink), IsOk());
  EXPECT_FALSE(TakesBinaryCopy());
}

TEST_F(PgDirectCopyTest, LoaderFallsBackToStagingOnBigintForeignKeys) {
  ASSERT_THAT(db_->Exec(kBigintGradeLink), IsOk());
  auto loader = OpenLoaderOrDie();
  auto counts = loader->LoadChunk(ChunkOf({SampleVacancy(7, kMay1Us)}));
  ASSERT_THAT(counts, IsOk());
  EXPECT_EQ((*counts)["vacancies_vacancy"].inserted, 1);
  EXPECT_EQ((*counts)["vacancies_vacancygrade"].inserted, 2);
  EXPECT_EQ(Query("SELECT g.description FROM vacancies_vacancygrade l JOIN "
                  "roles_grade g ON g.id = l.grade_id ORDER BY 1"),
            "HEO|SEO");
}

}  // namespace
}  // namespace jao::db::postgres
