// The schema check on PostgreSQL (db/schema_check.h through pg_catalog): the
// schema jao-ingest creates fits; each change an app's next migration could
// make gives the outcome issue 22 names. Schemas are changed with plain SQL
// on the test's own connection; the expected lines are typed from the
// declaration in spec/jao-schema.md.
#include "db/postgres/catalog.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/status_matchers_support.h"
#include "test_support.h"

namespace jao::db::postgres {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

class PgCatalogTest : public PgTest {
 protected:
  void CreateSchema() {
    auto loader = OpenLoaderOrDie();
    ASSERT_THAT(loader->EnsureSchema(), IsOk());
  }
  void Alter(const std::string& sql) { ASSERT_THAT(db_->Exec(sql), IsOk()); }
  SchemaReport Inspect() {
    Result<SchemaReport> report = postgres::InspectSchema(Conninfo());
    EXPECT_THAT(report, IsOk());
    return report.ok() ? *report : SchemaReport{};
  }
};

TEST_F(PgCatalogTest, AnEmptyDatabaseGetsTheSchemaCreated) {
  const SchemaReport report = Inspect();
  EXPECT_TRUE(report.creates_schema);
  EXPECT_FALSE(report.refused());
}

TEST_F(PgCatalogTest, TheSchemaJaoIngestCreatesFitsWithNothingToSay) {
  CreateSchema();
  const SchemaReport report = Inspect();
  EXPECT_FALSE(report.creates_schema);
  EXPECT_THAT(report.refusals, IsEmpty());
  EXPECT_THAT(report.Notes(), IsEmpty());
}

TEST_F(PgCatalogTest, ARenamedLookupTableIsRefused) {
  CreateSchema();
  Alter("ALTER TABLE roles_grade RENAME TO roles_jobgrade");
  EXPECT_THAT(Inspect().refusals,
              ElementsAre(HasSubstr("roles_grade: table missing (the "
                                    "database holds 20 of the 21"),
                          "vacancies_vacancygrade.grade_id: needs a key to "
                          "roles_grade, the database's key points to "
                          "roles_jobgrade"));
}

TEST_F(PgCatalogTest, ADroppedColumnIsRefused) {
  CreateSchema();
  Alter("ALTER TABLE vacancies_vacancy DROP COLUMN summary");
  EXPECT_THAT(Inspect().refusals,
              ElementsAre("vacancies_vacancy.summary: missing; needs text"));
}

TEST_F(PgCatalogTest, AnExtraNotNullColumnWithoutDefaultIsRefused) {
  CreateSchema();
  Alter(
      "ALTER TABLE vacancies_vacancy ADD COLUMN region varchar(20) NOT "
      "NULL");
  EXPECT_THAT(Inspect().refusals,
              ElementsAre("vacancies_vacancy.region: extra column "
                          "character varying(20) NOT NULL without a "
                          "default: jao-ingest cannot fill it"));
}

TEST_F(PgCatalogTest, ExtraColumnsThatTheDatabaseFillsAreAccepted) {
  CreateSchema();
  Alter(
      "ALTER TABLE vacancies_vacancy ADD COLUMN region text NULL, ADD "
      "COLUMN source text NOT NULL DEFAULT 'legacy', ADD COLUMN seq int "
      "GENERATED ALWAYS AS IDENTITY");
  const SchemaReport report = Inspect();
  EXPECT_THAT(report.refusals, IsEmpty());
  EXPECT_EQ(report.extra_columns,
            (std::vector<std::string>{"vacancies_vacancy.region",
                                      "vacancies_vacancy.source",
                                      "vacancies_vacancy.seq"}));
}

TEST_F(PgCatalogTest, NarrowerTextAndNumbersAreAcceptedWithTheirLimits) {
  CreateSchema();
  Alter(
      "ALTER TABLE vacancies_vacancy ALTER COLUMN title TYPE varchar(40), "
      "ALTER COLUMN min_salary TYPE numeric(6, 2)");
  const SchemaReport report = Inspect();
  EXPECT_THAT(report.refusals, IsEmpty());
  EXPECT_THAT(report.Notes(),
              ElementsAre("vacancies_vacancy.min_salary: numeric(6,2) in the "
                          "database: a value of more than 4 digits before "
                          "the point rejects its row",
                          "vacancies_vacancy.title: character varying(40) in "
                          "the database: a value over 40 characters rejects "
                          "its row"));
}

TEST_F(PgCatalogTest, ADecimalWithFewerPlacesIsRefused) {
  CreateSchema();
  Alter(
      "ALTER TABLE vacancies_vacancy ALTER COLUMN max_salary TYPE "
      "numeric(10, 0)");
  EXPECT_THAT(Inspect().refusals,
              ElementsAre("vacancies_vacancy.max_salary: needs a decimal(10, "
                          "2), the database has numeric(10,0), which rounds "
                          "the last decimal places"));
}

TEST_F(PgCatalogTest, ABigintKeyIsRefusedBecauseCopyWritesInt4) {
  CreateSchema();
  Alter(
      "ALTER TABLE vacancies_vacancygrade ALTER COLUMN grade_id TYPE "
      "bigint");
  EXPECT_THAT(Inspect().refusals,
              ElementsAre("vacancies_vacancygrade.grade_id: needs an integer "
                          "of 4 bytes (the loader's binary COPY writes "
                          "int4), the database has bigint"));
}

TEST_F(PgCatalogTest, AMissingUniqueConstraintIsRefused) {
  CreateSchema();
  Alter("ALTER TABLE roles_grade DROP CONSTRAINT roles_grade_description_key");
  EXPECT_THAT(Inspect().refusals,
              ElementsAre("roles_grade.description: needs a unique key (or "
                          "the primary key) on it, the database has none"));
}

TEST_F(PgCatalogTest, ATimestampWithoutTimeZoneIsRefused) {
  CreateSchema();
  Alter("ALTER TABLE vacancies_vacancy ALTER COLUMN live_date TYPE timestamp");
  EXPECT_THAT(Inspect().refusals,
              Contains("vacancies_vacancy.live_date: needs a date and time, "
                       "the database has timestamp without time zone"));
}

TEST_F(PgCatalogTest, EnsureSchemaRefusesAndCreatesNothing) {
  CreateSchema();
  Alter("DROP TABLE jao_ingest_change, jao_ingest_run");
  Alter("ALTER TABLE roles_grade RENAME TO roles_jobgrade");
  auto loader = OpenLoaderOrDie();
  EXPECT_THAT(loader->EnsureSchema(),
              StatusIs(StatusCode::kSchema, HasSubstr("roles_grade: table "
                                                      "missing")));
  EXPECT_EQ(Query("SELECT count(*) FROM pg_tables WHERE tablename IN "
                  "('roles_grade', 'jao_ingest_run', 'jao_ingest_change')"),
            "0");
}

}  // namespace
}  // namespace jao::db::postgres
