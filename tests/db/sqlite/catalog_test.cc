// The schema check on SQLite (db/schema_check.h through sqlite/catalog): a
// schema as jao-ingest (or Django) creates it fits; each change an app's
// next migration could make gives the outcome issue 22 names. Schemas are
// changed with plain SQL through the probe's own connection; the expected
// lines are typed from the declaration in spec/jao-schema.md.
#include "db/sqlite/catalog.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "common/status_matchers_support.h"
#include "db/sqlite/loader.h"
#include "db/sqlite/schema.h"
#include "db/sqlite/test_support.h"

namespace jao::db::sqlite {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::SqliteProbe;
using testing::TempDir;

class SqliteCatalogTest : public ::testing::Test {
 protected:
  // The schema as jao-ingest creates it.
  void CreateSchema() {
    auto loader = sqlite::OpenLoader(path_);
    ASSERT_THAT(loader, IsOk());
    ASSERT_THAT((*loader)->EnsureSchema(), IsOk());
  }
  SchemaReport Inspect() {
    Result<SchemaReport> report = sqlite::InspectSchema(path_);
    EXPECT_THAT(report, IsOk());
    return report.ok() ? *report : SchemaReport{};
  }
  // Replaces `table` by one created with `create` the way Django's SQLite
  // schema editor remakes a table (SQLite cannot change a column's type or
  // add a NOT NULL column without a default in place): the new table under
  // another name, the old one dropped, the new one renamed, so that the
  // keys pointing at the name are untouched.
  void Remake(const std::string& table, std::string create) {
    const std::string name = "\"" + table + "\"";
    create.replace(create.find(name), name.size(), "\"new__" + table + "\"");
    probe_.Exec("PRAGMA foreign_keys = OFF; BEGIN; " + create +
                "; DROP TABLE \"" + table + "\"; ALTER TABLE \"new__" + table +
                "\" RENAME TO \"" + table + "\"; COMMIT;");
  }

  TempDir dir_;
  std::string path_ = dir_.File("jao.sqlite3");
  SqliteProbe probe_{path_};
};

constexpr const char* kVacancyWith = R"(CREATE TABLE "vacancies_vacancy" (
  "id" integer NOT NULL PRIMARY KEY, "last_updated" datetime NOT NULL,
  "live_date" datetime NOT NULL, "closing_date" datetime NOT NULL,
  "is_deleted" bool NOT NULL, "min_salary" decimal NULL,
  "max_salary" decimal NULL, "title" %s, "description" text NULL,
  "summary" text NULL, "department_id" integer NULL REFERENCES
  "organisations_department" ("id") DEFERRABLE INITIALLY DEFERRED%s))";

std::string VacancyTable(const std::string& title,
                         const std::string& extra = "") {
  char sql[1024];
  std::snprintf(sql, sizeof sql, kVacancyWith, title.c_str(), extra.c_str());
  return sql;
}

TEST_F(SqliteCatalogTest, AMissingFileIsAnAbsentSchemaAndIsNotCreated) {
  const std::string missing = dir_.File("nothing-here.sqlite3");
  Result<SchemaReport> report = sqlite::InspectSchema(missing);
  ASSERT_THAT(report, IsOk());
  EXPECT_TRUE(report->creates_schema);
  EXPECT_FALSE(report->refused());
  EXPECT_FALSE(std::filesystem::exists(missing));
}

TEST_F(SqliteCatalogTest, AnEmptyDatabaseGetsTheSchemaCreated) {
  probe_.Exec("CREATE TABLE unrelated (x)");
  SchemaReport report = Inspect();
  EXPECT_TRUE(report.creates_schema);
  EXPECT_FALSE(report.refused());
}

TEST_F(SqliteCatalogTest, TheSchemaJaoIngestCreatesFitsWithNothingToSay) {
  CreateSchema();
  SchemaReport report = Inspect();
  EXPECT_FALSE(report.creates_schema);
  EXPECT_THAT(report.refusals, IsEmpty());
  EXPECT_THAT(report.Notes(), IsEmpty());
}

TEST_F(SqliteCatalogTest, ARenamedLookupTableIsRefusedWithTheKeyThatMoved) {
  CreateSchema();
  // SQLite (legacy_alter_table off) rewrites the keys that point at it.
  probe_.Exec("ALTER TABLE roles_grade RENAME TO roles_jobgrade");
  EXPECT_THAT(Inspect().refusals,
              ElementsAre("roles_grade: table missing (the database holds 20 "
                          "of the 21 tables jao-ingest writes; it creates "
                          "them only into a database that has none)",
                          "vacancies_vacancygrade.grade_id: needs a key to "
                          "roles_grade, the database's key points to "
                          "roles_jobgrade"));
}

TEST_F(SqliteCatalogTest, ARenamedVacancyTableIsRefusedByName) {
  CreateSchema();
  probe_.Exec("ALTER TABLE vacancies_vacancy RENAME TO vacancies_advert");
  const SchemaReport report = Inspect();
  ASSERT_FALSE(report.refusals.empty());
  EXPECT_THAT(report.refusals[0], HasSubstr("vacancies_vacancy: table "
                                            "missing"));
  // Every child key now points at the new name.
  EXPECT_THAT(
      report.refusals,
      ::testing::Contains("vacancies_vacancygrade.vacancy_id: needs a key to "
                          "vacancies_vacancy, the database's key points to "
                          "vacancies_advert"));
}

TEST_F(SqliteCatalogTest, ADroppedColumnIsRefused) {
  CreateSchema();
  probe_.Exec("ALTER TABLE vacancies_vacancy DROP COLUMN summary");
  EXPECT_THAT(Inspect().refusals,
              ElementsAre("vacancies_vacancy.summary: missing; needs text"));
}

TEST_F(SqliteCatalogTest, AnExtraNullableColumnIsAcceptedAndNoted) {
  CreateSchema();
  probe_.Exec("ALTER TABLE vacancies_vacancy ADD COLUMN region text NULL");
  const SchemaReport report = Inspect();
  EXPECT_THAT(report.refusals, IsEmpty());
  EXPECT_THAT(report.Notes(),
              ElementsAre("vacancies_vacancy.region: extra column, left to "
                          "the database (NULL or its default)"));
}

TEST_F(SqliteCatalogTest, AnExtraNotNullColumnWithADefaultIsAccepted) {
  CreateSchema();
  probe_.Exec(
      "ALTER TABLE vacancies_vacancy ADD COLUMN region text NOT NULL "
      "DEFAULT 'uk'");
  EXPECT_THAT(Inspect().refusals, IsEmpty());
}

TEST_F(SqliteCatalogTest, AnExtraNotNullColumnWithoutDefaultIsRefused) {
  CreateSchema();
  Remake("vacancies_vacancy",
         VacancyTable("text NULL", R"(, "region" varchar(20) NOT NULL)"));
  EXPECT_THAT(Inspect().refusals,
              ElementsAre("vacancies_vacancy.region: extra column "
                          "varchar(20) NOT NULL without a default: "
                          "jao-ingest cannot fill it"));
}

TEST_F(SqliteCatalogTest, ANarrowerTitleIsAcceptedWithItsLimit) {
  CreateSchema();
  Remake("vacancies_vacancy", VacancyTable("varchar(40) NULL"));
  const SchemaReport report = Inspect();
  EXPECT_THAT(report.refusals, IsEmpty());
  ASSERT_EQ(report.limits.size(), 1u);
  EXPECT_EQ(report.limits[0].table, "vacancies_vacancy");
  EXPECT_EQ(report.limits[0].column, "title");
  EXPECT_EQ(report.limits[0].kind, ColumnLimit::Kind::kChars);
  EXPECT_EQ(report.limits[0].value, 40);
}

TEST_F(SqliteCatalogTest, ATitleThatRefusesNullIsRefused) {
  CreateSchema();
  Remake("vacancies_vacancy", VacancyTable("text NOT NULL"));
  EXPECT_THAT(Inspect().refusals,
              ElementsAre("vacancies_vacancy.title: needs NULL allowed, the "
                          "database has text NOT NULL"));
}

TEST_F(SqliteCatalogTest, ATitleOfAnotherTypeIsRefused) {
  CreateSchema();
  Remake("vacancies_vacancy", VacancyTable("integer NULL"));
  EXPECT_THAT(Inspect().refusals,
              ElementsAre("vacancies_vacancy.title: needs text, the database "
                          "has integer"));
}

TEST_F(SqliteCatalogTest, ALookupNameWithoutItsUniqueKeyIsRefused) {
  CreateSchema();
  // INSERT OR IGNORE of the names relies on it.
  Remake("roles_grade",
         R"(CREATE TABLE "roles_grade" ("id" integer NOT NULL PRIMARY KEY )"
         R"(AUTOINCREMENT, "description" varchar(255) NOT NULL))");
  EXPECT_THAT(Inspect().refusals,
              ElementsAre("roles_grade.description: needs a unique key (or "
                          "the primary key) on it, the database has none"));
}

TEST_F(SqliteCatalogTest, AnIdTheDatabaseDoesNotGenerateIsRefused) {
  CreateSchema();
  Remake("roles_roletype",
         R"(CREATE TABLE "roles_roletype" ("id" bigint NOT NULL PRIMARY KEY, )"
         R"("description" varchar(255) NOT NULL UNIQUE))");
  EXPECT_THAT(Inspect().refusals,
              ElementsAre("roles_roletype.id: needs an integer id the "
                          "database generates, the database has bigint with "
                          "no default"));
}

TEST_F(SqliteCatalogTest, SomeTablesWithoutTheOthersAreRefusedNotCompleted) {
  CreateSchema();
  probe_.Exec(
      "DROP TABLE application_statistics_genderstatistic; DROP TABLE "
      "application_statistics_gender");
  const SchemaReport report = Inspect();
  EXPECT_FALSE(report.creates_schema);
  EXPECT_THAT(report.refusals,
              ElementsAre(HasSubstr("application_statistics_gender: table "
                                    "missing (the database holds 19 of the "
                                    "21"),
                          HasSubstr("application_statistics_genderstatistic: "
                                    "table missing")));
}

TEST_F(SqliteCatalogTest, EnsureSchemaRefusesAndWritesNothing) {
  CreateSchema();
  probe_.Exec("ALTER TABLE roles_grade RENAME TO roles_jobgrade");
  const std::string before = probe_.One(
      "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master "
      "ORDER BY name)");
  auto loader = sqlite::OpenLoader(path_);
  ASSERT_THAT(loader, IsOk());
  EXPECT_THAT((*loader)->EnsureSchema(),
              StatusIs(StatusCode::kSchema, HasSubstr("roles_grade: table "
                                                      "missing")));
  EXPECT_EQ(probe_.One("SELECT group_concat(name, ',') FROM (SELECT name "
                       "FROM sqlite_master ORDER BY name)"),
            before);
}

TEST_F(SqliteCatalogTest, ParsesDeclaredTypesAsSqliteReadsThem) {
  EXPECT_EQ(ParseSqliteType("varchar(40)").family, LiveType::Family::kText);
  EXPECT_EQ(ParseSqliteType("varchar(40)").max_chars, 40);
  EXPECT_EQ(ParseSqliteType("TEXT").max_chars, 0);
  EXPECT_EQ(ParseSqliteType("integer unsigned").family,
            LiveType::Family::kInteger);
  EXPECT_EQ(ParseSqliteType("smallint").integer_bytes, 2);
  EXPECT_EQ(ParseSqliteType("bool").family, LiveType::Family::kBoolean);
  EXPECT_EQ(ParseSqliteType("datetime").family, LiveType::Family::kDateTime);
  EXPECT_EQ(ParseSqliteType("decimal(8, 2)").precision, 8);
  EXPECT_EQ(ParseSqliteType("decimal(8, 2)").scale, 2);
  EXPECT_EQ(ParseSqliteType("real").family, LiveType::Family::kOther);
}

}  // namespace
}  // namespace jao::db::sqlite
