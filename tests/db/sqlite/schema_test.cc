// EnsureSchema on SQLite: the tables, columns, types, constraints and index
// names Django's SQLite migrations create for spec/jao-schema.md. Expected
// values are typed from the spec and Django's conventions; index hashes were
// computed separately (python3 hashlib md5 of table + columns, 8 hex digits);
// column orders are those Django 3.2's migrations of tests/django give (the
// foreign keys last, by name).
#include "db/sqlite/schema.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/status_matchers_support.h"
#include "db/sqlite/loader.h"
#include "db/sqlite/test_support.h"

namespace jao::db::sqlite {
namespace {

using ::testing::ElementsAre;
using testing::SqliteProbe;
using testing::TempDir;
using ::testing::UnorderedElementsAre;

class SqliteSchemaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loader = sqlite::OpenLoader(path_);
    ASSERT_THAT(loader, IsOk());
    loader_ = std::move(*loader);
    Status status = loader_->EnsureSchema();
    ASSERT_THAT(status, IsOk());
  }

  // "name|type|notnull|pk" per column, in table order. The type is lowered:
  // SQLite >= 3.37 reports the standard names (INTEGER, TEXT) in capitals
  // whatever the DDL said; sqlite_master keeps Django's spelling.
  std::vector<std::string> Columns(const std::string& table) {
    return probe_.Rows(
        "SELECT name, lower(type), \"notnull\", pk FROM pragma_table_info('" +
        table + "') ORDER BY cid");
  }
  // "index name|unique|origin|columns" per index.
  std::vector<std::string> Indexes(const std::string& table) {
    return probe_.Rows(
        "SELECT l.name, l.\"unique\", l.origin, (SELECT group_concat(name, "
        "',') FROM "
        "pragma_index_info(l.name)) FROM pragma_index_list('" +
        table + "') AS l");
  }
  // "from|table|to" per foreign key.
  std::vector<std::string> ForeignKeys(const std::string& table) {
    return probe_.Rows(
        "SELECT \"from\", \"table\", \"to\" FROM pragma_foreign_key_list('" +
        table + "')");
  }

  TempDir dir_;
  std::string path_ = dir_.File("jao.sqlite3");
  std::unique_ptr<SqliteLoader> loader_;
  SqliteProbe probe_{path_};
};

TEST_F(SqliteSchemaTest, CreatesExactlyTheSpecTables) {
  EXPECT_THAT(
      probe_.Rows("SELECT name FROM sqlite_master WHERE type = 'table' AND "
                  "name NOT LIKE 'sqlite_%' AND name NOT LIKE 'jao_ingest_%'"),
      UnorderedElementsAre(
          "organisations_department", "roles_grade", "roles_roletype",
          "vacancies_vacancy", "vacancies_vacancygrade",
          "vacancies_vacancyroletype", "application_statistics_agegroup",
          "application_statistics_disability",
          "application_statistics_ethnicgroup",
          "application_statistics_ethnicity", "application_statistics_gender",
          "application_statistics_religion",
          "application_statistics_sexualorientation",
          "application_statistics_vacancystatistic",
          "application_statistics_agegroupstatistic",
          "application_statistics_disabilitystatistic",
          "application_statistics_ethnicgroupstatistic",
          "application_statistics_ethnicitystatistic",
          "application_statistics_genderstatistic",
          "application_statistics_religionstatistic",
          "application_statistics_sexualorientationstatistic"));
}

TEST_F(SqliteSchemaTest, VacancyTableIsWrittenAsDjangoWritesIt) {
  EXPECT_EQ(
      probe_.One(
          "SELECT sql FROM sqlite_master WHERE name = 'vacancies_vacancy'"),
      "CREATE TABLE \"vacancies_vacancy\" (\"id\" integer NOT NULL PRIMARY "
      "KEY, "
      "\"last_updated\" datetime NOT NULL, \"live_date\" datetime NOT NULL, "
      "\"closing_date\" datetime NOT NULL, \"is_deleted\" bool NOT NULL, "
      "\"min_salary\" decimal NULL, \"max_salary\" decimal NULL, \"title\" "
      "text NULL, "
      "\"description\" text NULL, \"summary\" text NULL, \"department_id\" "
      "integer NULL "
      "REFERENCES \"organisations_department\" (\"id\") DEFERRABLE INITIALLY "
      "DEFERRED)");
}

TEST_F(SqliteSchemaTest, VacancyIdIsNotGenerated) {
  EXPECT_EQ(probe_.One("SELECT count(*) FROM sqlite_master WHERE name = "
                       "'sqlite_sequence' AND "
                       "sql LIKE '%vacancies_vacancy%'"),
            "0");
  EXPECT_THAT(
      probe_.One(
          "SELECT sql FROM sqlite_master WHERE name = 'vacancies_vacancy'"),
      ::testing::Not(::testing::HasSubstr("AUTOINCREMENT")));
}

TEST_F(SqliteSchemaTest, LookupTablesHaveAutoIdAndUniqueName) {
  EXPECT_EQ(
      probe_.One("SELECT sql FROM sqlite_master WHERE name = 'roles_grade'"),
      "CREATE TABLE \"roles_grade\" (\"id\" integer NOT NULL PRIMARY KEY "
      "AUTOINCREMENT, "
      "\"description\" varchar(255) NOT NULL UNIQUE)");
  EXPECT_THAT(Columns("organisations_department"),
              ElementsAre("id|integer|1|1", "name|varchar(255)|1|0"));
  EXPECT_THAT(
      Indexes("organisations_department"),
      ElementsAre("sqlite_autoindex_organisations_department_1|1|u|name"));
  for (const char* table :
       {"roles_roletype", "application_statistics_agegroup",
        "application_statistics_disability",
        "application_statistics_ethnicgroup",
        "application_statistics_ethnicity", "application_statistics_gender",
        "application_statistics_religion",
        "application_statistics_sexualorientation"}) {
    EXPECT_THAT(Columns(table),
                ElementsAre("id|integer|1|1", "description|varchar(255)|1|0"))
        << table;
  }
}

TEST_F(SqliteSchemaTest, VacancyColumnsHaveSpecTypes) {
  EXPECT_THAT(Columns("vacancies_vacancy"),
              ElementsAre("id|integer|1|1", "last_updated|datetime|1|0",
                          "live_date|datetime|1|0", "closing_date|datetime|1|0",
                          "is_deleted|bool|1|0", "min_salary|decimal|0|0",
                          "max_salary|decimal|0|0", "title|text|0|0",
                          "description|text|0|0", "summary|text|0|0",
                          "department_id|integer|0|0"));
  EXPECT_THAT(ForeignKeys("vacancies_vacancy"),
              ElementsAre("department_id|organisations_department|id"));
  EXPECT_THAT(
      Indexes("vacancies_vacancy"),
      ElementsAre(
          "vacancies_vacancy_department_id_c5656f94|0|c|department_id"));
}

TEST_F(SqliteSchemaTest, GradeLinksAreUniqueTogetherWithIndexedForeignKeys) {
  EXPECT_THAT(Columns("vacancies_vacancygrade"),
              ElementsAre("id|integer|1|1", "grade_id|integer|1|0",
                          "vacancy_id|integer|1|0"));
  EXPECT_THAT(ForeignKeys("vacancies_vacancygrade"),
              UnorderedElementsAre("vacancy_id|vacancies_vacancy|id",
                                   "grade_id|roles_grade|id"));
  EXPECT_THAT(Indexes("vacancies_vacancygrade"),
              UnorderedElementsAre(
                  "vacancies_vacancygrade_vacancy_id_grade_id_c244f03a_uniq|1|"
                  "c|vacancy_id,grade_id",
                  "vacancies_vacancygrade_vacancy_id_b771ce46|0|c|vacancy_id",
                  "vacancies_vacancygrade_grade_id_c778e379|0|c|grade_id"));
}

TEST_F(SqliteSchemaTest, RoleTypeLinksReferenceRoleTypes) {
  EXPECT_THAT(Columns("vacancies_vacancyroletype"),
              ElementsAre("id|integer|1|1", "role_type_id|integer|1|0",
                          "vacancy_id|integer|1|0"));
  EXPECT_THAT(ForeignKeys("vacancies_vacancyroletype"),
              UnorderedElementsAre("vacancy_id|vacancies_vacancy|id",
                                   "role_type_id|roles_roletype|id"));
  EXPECT_EQ(Indexes("vacancies_vacancyroletype").size(), 3u);
}

TEST_F(SqliteSchemaTest, VacancyStatisticIsOneToOneWithNonNegativeTotal) {
  EXPECT_THAT(
      Columns("application_statistics_vacancystatistic"),
      ElementsAre("id|integer|1|1", "total_applications|integer unsigned|0|0",
                  "updated_at|datetime|1|0", "vacancy_id|integer|1|0"));
  // A unique FK gets Django's inline UNIQUE only, no second index.
  EXPECT_THAT(
      Indexes("application_statistics_vacancystatistic"),
      ElementsAre(
          "sqlite_autoindex_application_statistics_vacancystatistic_1|1|u|"
          "vacancy_id"));
  EXPECT_THAT(probe_.One("SELECT sql FROM sqlite_master WHERE name = "
                         "'application_statistics_vacancystatistic'"),
              ::testing::HasSubstr("CHECK (\"total_applications\" >= 0)"));
}

TEST_F(SqliteSchemaTest, StatisticTablesAreUniquePerVacancyAndGroup) {
  EXPECT_THAT(Columns("application_statistics_genderstatistic"),
              ElementsAre("id|integer|1|1", "percent_applications|decimal|1|0",
                          "updated_at|datetime|1|0", "gender_id|integer|1|0",
                          "vacancy_id|integer|1|0"));
  EXPECT_THAT(
      ForeignKeys("application_statistics_genderstatistic"),
      UnorderedElementsAre("vacancy_id|vacancies_vacancy|id",
                           "gender_id|application_statistics_gender|id"));
  EXPECT_THAT(
      Indexes("application_statistics_genderstatistic"),
      UnorderedElementsAre(
          "application_statistics_genderstatistic_vacancy_id_gender_id_"
          "6e043d14_uniq|1|c|vacancy_id,gender_id",
          "application_statistics_genderstatistic_vacancy_id_c5a87779|0|"
          "c|vacancy_id",
          "application_statistics_genderstatistic_gender_id_5ebd49de|0|"
          "c|gender_id"));
  EXPECT_THAT(Columns("application_statistics_sexualorientationstatistic"),
              ElementsAre("id|integer|1|1", "percent_applications|decimal|1|0",
                          "updated_at|datetime|1|0",
                          "sexual_orientation_id|integer|1|0",
                          "vacancy_id|integer|1|0"));
}

TEST_F(SqliteSchemaTest, EveryForeignKeyIsDeferrable) {
  EXPECT_EQ(
      probe_.One(
          "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND sql "
          "LIKE "
          "'%REFERENCES%' AND sql NOT LIKE '%DEFERRABLE INITIALLY DEFERRED%' "
          "AND name NOT LIKE 'jao_ingest_%'"),
      "0");
  // Django's tables' keys; jao_ingest_change.run_id is the 21st.
  EXPECT_EQ(probe_.One("SELECT count(*) FROM sqlite_master AS m, "
                       "pragma_foreign_key_list(m.name) "
                       "WHERE m.type = 'table' AND m.name NOT LIKE "
                       "'jao_ingest_%'"),
            "20");
}

TEST_F(SqliteSchemaTest, SecondEnsureSchemaChangesNothing) {
  std::vector<std::string> before =
      probe_.Rows("SELECT type, name, sql FROM sqlite_master");
  Status status = loader_->EnsureSchema();
  ASSERT_THAT(status, IsOk());
  EXPECT_EQ(probe_.Rows("SELECT type, name, sql FROM sqlite_master"), before);
}

}  // namespace
}  // namespace jao::db::sqlite
