// A database Django migrated is used as it is: EnsureSchema creates nothing
// and LoadChunk writes into it. The schema here is typed by hand the way a
// Django project with DEFAULT_AUTO_FIELD = BigAutoField writes it (bigint
// FKs, is_deleted added by a later migration so it comes last), to differ
// from what EnsureSchema would create.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/status_matchers_support.h"
#include "db/sqlite/loader.h"
#include "db/sqlite/test_support.h"

namespace jao::db::sqlite {
namespace {

using testing::ChunkOf;
using testing::kHourUs;
using testing::kJan1;
using testing::MakeVacancy;
using testing::SqliteProbe;
using testing::TempDir;

constexpr const char* kLookups[] = {
    "agegroup", "disability", "ethnicgroup",      "ethnicity",
    "gender",   "religion",   "sexualorientation"};
constexpr const char* kFkColumns[] = {
    "age_group_id", "disability_id", "ethnic_group_id",      "ethnicity_id",
    "gender_id",    "religion_id",   "sexual_orientation_id"};

void CreateDjangoSchema(SqliteProbe& probe) {
  const std::string auto_id =
      "\"id\" integer NOT NULL PRIMARY KEY AUTOINCREMENT";
  const std::string deferred = " DEFERRABLE INITIALLY DEFERRED";
  probe.Exec("CREATE TABLE \"organisations_department\" (" + auto_id +
             ", \"name\" varchar(255) NOT NULL UNIQUE)");
  for (const char* table : {"roles_grade", "roles_roletype"}) {
    probe.Exec("CREATE TABLE \"" + std::string(table) + "\" (" + auto_id +
               ", \"description\" varchar(255) NOT NULL UNIQUE)");
  }
  probe.Exec(
      "CREATE TABLE \"vacancies_vacancy\" (\"id\" integer NOT NULL PRIMARY "
      "KEY, "
      "\"last_updated\" datetime NOT NULL, \"live_date\" datetime NOT NULL, "
      "\"closing_date\" "
      "datetime NOT NULL, \"min_salary\" decimal NULL, \"max_salary\" decimal "
      "NULL, \"title\" "
      "text NULL, \"description\" text NULL, \"summary\" text NULL, "
      "\"department_id\" bigint "
      "NULL REFERENCES \"organisations_department\" (\"id\")" +
      deferred + ", \"is_deleted\" bool NOT NULL)");
  probe.Exec(
      "CREATE TABLE \"vacancies_vacancygrade\" (" + auto_id +
      ", \"grade_id\" bigint NOT NULL REFERENCES \"roles_grade\" (\"id\")" +
      deferred +
      ", \"vacancy_id\" integer NOT NULL REFERENCES \"vacancies_vacancy\" "
      "(\"id\")" +
      deferred + ")");
  probe.Exec("CREATE TABLE \"vacancies_vacancyroletype\" (" + auto_id +
             ", \"role_type_id\" bigint NOT NULL REFERENCES \"roles_roletype\" "
             "(\"id\")" +
             deferred +
             ", \"vacancy_id\" integer NOT NULL REFERENCES "
             "\"vacancies_vacancy\" (\"id\")" +
             deferred + ")");
  probe.Exec("CREATE TABLE \"application_statistics_vacancystatistic\" (" +
             auto_id +
             ", \"total_applications\" integer unsigned NULL CHECK "
             "(\"total_applications\" >= "
             "0), \"updated_at\" datetime NOT NULL, \"vacancy_id\" integer NOT "
             "NULL UNIQUE "
             "REFERENCES \"vacancies_vacancy\" (\"id\")" +
             deferred + ")");
  for (int i = 0; i < 7; ++i) {
    const std::string lookup =
        std::string("application_statistics_") + kLookups[i];
    probe.Exec("CREATE TABLE \"" + lookup + "\" (" + auto_id +
               ", \"description\" varchar(255) NOT NULL UNIQUE)");
    probe.Exec("CREATE TABLE \"" + lookup + "statistic\" (" + auto_id +
               ", \"percent_applications\" decimal NOT NULL, \"updated_at\" "
               "datetime NOT NULL, \"" +
               kFkColumns[i] + "\" bigint NOT NULL REFERENCES \"" + lookup +
               "\" (\"id\")" + deferred +
               ", \"vacancy_id\" integer NOT NULL REFERENCES "
               "\"vacancies_vacancy\" (\"id\")" +
               deferred + ")");
  }
  probe.Exec(
      "INSERT INTO vacancies_vacancy (id, last_updated, live_date, "
      "closing_date, title, "
      "is_deleted) VALUES (5, '2023-01-01 00:00:00', '2023-01-01 00:00:00', "
      "'2023-01-01 "
      "00:00:00', 'Django row', 1);"
      "INSERT INTO application_statistics_vacancystatistic "
      "(total_applications, updated_at, "
      "vacancy_id) VALUES (3, '2023-01-01 00:00:00', 5);");
}

class SqliteExistingSchemaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    CreateDjangoSchema(probe_);
    before_ =
        probe_.Rows("SELECT type, name, sql FROM sqlite_master ORDER BY name");
    auto loader = sqlite::OpenLoader(path_);
    ASSERT_THAT(loader, IsOk());
    loader_ = std::move(*loader);
    Status status = loader_->EnsureSchema();
    ASSERT_THAT(status, IsOk());
  }

  TempDir dir_;
  std::string path_ = dir_.File("django.sqlite3");
  SqliteProbe probe_{path_};
  std::vector<std::string> before_;
  std::unique_ptr<SqliteLoader> loader_;
};

TEST_F(SqliteExistingSchemaTest, EnsureSchemaLeavesItAsItIs) {
  // Only the change feed's own tables were added.
  EXPECT_EQ(probe_.Rows("SELECT type, name, sql FROM sqlite_master WHERE "
                        "tbl_name NOT LIKE 'jao_ingest_%' ORDER BY name"),
            before_);
}

TEST_F(SqliteExistingSchemaTest, LoadUpdatesDjangoRowKeepingIsDeleted) {
  VacancyRecord record = MakeVacancy(5, kJan1 + kHourUs);
  record.title = "Ingested";
  record.department = "DfE";
  record.grades = {"G7"};
  record.statistics = {{Characteristic::kReligion, "None", 2'500}};

  Result<LoadCounts> counts =
      loader_->LoadChunk(ChunkOf({record, MakeVacancy(6, kJan1)}));

  ASSERT_THAT(counts, IsOk());
  EXPECT_EQ((*counts)["vacancies_vacancy"].updated, 1);
  EXPECT_EQ((*counts)["vacancies_vacancy"].inserted, 1);
  EXPECT_EQ((*counts)["application_statistics_vacancystatistic"].updated, 1);
  EXPECT_EQ(probe_.One("SELECT title, is_deleted, last_updated FROM "
                       "vacancies_vacancy WHERE id = 5"),
            "Ingested|1|2023-01-01 01:00:00");
  EXPECT_EQ(
      probe_.One(
          "SELECT count(*) FROM application_statistics_religionstatistic"),
      "1");
  EXPECT_EQ(probe_.One("SELECT count(*) FROM vacancies_vacancygrade"), "1");
  EXPECT_THAT(
      probe_.Rows("SELECT id, vacancy_id, total_applications FROM "
                  "application_statistics_vacancystatistic ORDER BY id"),
      ::testing::ElementsAre("1|5|NULL", "2|6|NULL"));
}

}  // namespace
}  // namespace jao::db::sqlite
