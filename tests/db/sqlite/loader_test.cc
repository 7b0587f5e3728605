// SqliteLoader::LoadChunk on what is SQLite's own: the stored forms of
// datetimes and decimals, names deleted by another writer, foreign keys,
// refused binds, the exact messages, the page cache and WAL. What every
// backend must do (newer wins, lookups created once, text release, a
// refused chunk) is tests/db/loader_contract_test.cc. The database is read
// back through an independent raw sqlite3 connection (SqliteProbe).
#include "db/sqlite/loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "common/status_matchers_support.h"
#include "db/sqlite/test_support.h"

namespace jao::db::sqlite {
namespace {

using testing::ChunkOf;
using ::testing::ElementsAre;
using testing::kHourUs;
using testing::kJan1;
using testing::MakeVacancy;
using testing::SqliteProbe;
using testing::TempDir;

constexpr int64_t kDayUs = 24 * kHourUs;

class SqliteLoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loader = sqlite::OpenLoader(path_);
    ASSERT_THAT(loader, IsOk());
    loader_ = std::move(*loader);
    Status status = loader_->EnsureSchema();
    ASSERT_THAT(status, IsOk());
  }

  LoadCounts Load(std::vector<VacancyRecord> records) {
    Result<LoadCounts> counts = loader_->LoadChunk(ChunkOf(std::move(records)));
    EXPECT_THAT(counts, IsOk());
    return counts.ok() ? *counts : LoadCounts{};
  }

  std::string Count(const std::string& table) {
    return probe_.One("SELECT count(*) FROM \"" + table + "\"");
  }

  TempDir dir_;
  std::string path_ = dir_.File("jao.sqlite3");
  std::unique_ptr<SqliteLoader> loader_;
  SqliteProbe probe_{path_};
};

VacancyRecord WithGrades(VacancyRecord record,
                         std::vector<std::string_view> grades) {
  record.grades = std::move(grades);
  return record;
}

StatisticValue Gender(std::string_view group, int32_t hundredths) {
  return {Characteristic::kGender, group, hundredths};
}

TEST_F(SqliteLoaderTest, InsertsNewVacancyWithEveryColumn) {
  VacancyRecord record = MakeVacancy(42, kJan1 + 1);
  record.live_date_us = kJan1;
  record.closing_date_us = kJan1 + 30 * kDayUs + 12 * kHourUs + 500'000;
  record.min_salary_hundredths = 2'500'050;
  record.max_salary_hundredths = 3'000'000;
  record.title = "Data Analyst";
  record.description = "[b]Role[/b]";
  record.department = "HM Treasury";

  LoadCounts counts = Load({record});

  EXPECT_EQ(counts["vacancies_vacancy"].inserted, 1);
  EXPECT_EQ(counts["organisations_department"].inserted, 1);
  EXPECT_EQ(
      probe_.One(
          "SELECT v.id, last_updated, live_date, closing_date, is_deleted, "
          "title, description, summary, d.name FROM vacancies_vacancy AS v "
          "JOIN organisations_department AS d ON d.id = v.department_id"),
      "42|2023-01-01 00:00:00.000001|2023-01-01 00:00:00|2023-01-31 "
      "12:00:00.500000|0|Data Analyst|[b]Role[/b]|NULL|HM Treasury");
}

TEST_F(SqliteLoaderTest, DecimalsAreStoredAsNumbers) {
  VacancyRecord record = MakeVacancy(1, kJan1);
  record.min_salary_hundredths = 2'500'050;  // 25000.50
  record.max_salary_hundredths = 3'000'000;  // 30000.00
  Load({record});

  EXPECT_EQ(probe_.One("SELECT typeof(min_salary), min_salary = 25000.5, "
                       "typeof(max_salary), "
                       "max_salary = 30000 FROM vacancies_vacancy"),
            "real|1|integer|1");
}

// Percentages are bound as numbers, not as Django's text: every
// decimal(5,2) value must be stored with the type and value SQLite gives the
// text Django writes ("-0.05", "12.50", "100.00"), parsed here by SQLite
// itself from text built in SQL.
TEST_F(SqliteLoaderTest, EveryPercentIsStoredAsDjangosTextWouldBe) {
  std::vector<std::string> groups;
  for (int32_t h = -99'999; h <= 99'999; ++h) {
    groups.push_back("g" + std::to_string(h));
  }
  std::vector<VacancyRecord> records;
  constexpr int kPerVacancy = 1000;
  for (size_t first = 0; first < groups.size(); first += kPerVacancy) {
    VacancyRecord record =
        MakeVacancy(static_cast<int32_t>(first / kPerVacancy + 1), kJan1);
    for (size_t i = first; i < std::min(groups.size(), first + kPerVacancy);
         ++i) {
      record.statistics.push_back(
          Gender(groups[i], static_cast<int32_t>(i) - 99'999));
    }
    records.push_back(std::move(record));
  }
  Load(std::move(records));
  probe_.Exec(
      "CREATE TABLE expect (h integer, v decimal);"
      "WITH RECURSIVE n(h) AS (SELECT -99999 UNION ALL SELECT h + 1 FROM n "
      "WHERE h < 99999) INSERT INTO expect SELECT h, CASE WHEN h < 0 THEN "
      "'-' ELSE '' END || printf('%d.%02d', abs(h) / 100, abs(h) % 100) "
      "FROM n;");

  EXPECT_EQ(
      probe_.One(
          "SELECT count(*) FROM application_statistics_genderstatistic "
          "AS s JOIN application_statistics_gender AS g ON g.id = "
          "s.gender_id JOIN expect AS e ON e.h = CAST(substr(g.description, 2) "
          "AS INTEGER) WHERE typeof(s.percent_applications) = "
          "typeof(e.v) AND s.percent_applications = e.v"),
      "199999");
  EXPECT_EQ(probe_.One("SELECT count(*) FROM expect WHERE typeof(v) = 'real'"),
            std::to_string(199'999 - 1'999));
}

TEST_F(SqliteLoaderTest, AbsentSalariesAreNull) {
  Load({MakeVacancy(1, kJan1)});
  EXPECT_EQ(probe_.One("SELECT typeof(min_salary), typeof(max_salary) FROM "
                       "vacancies_vacancy"),
            "null|null");
}

TEST_F(SqliteLoaderTest, EveryVacancyGetsOneVacancyStatisticRow) {
  VacancyRecord counted = MakeVacancy(1, kJan1 + kHourUs);
  counted.total_applications = 17;
  LoadCounts counts = Load({counted, MakeVacancy(2, kJan1)});

  EXPECT_EQ(counts["application_statistics_vacancystatistic"].inserted, 2);
  EXPECT_THAT(
      probe_.Rows(
          "SELECT vacancy_id, total_applications, updated_at FROM "
          "application_statistics_vacancystatistic ORDER BY vacancy_id"),
      ElementsAre("1|17|2023-01-01 01:00:00", "2|NULL|2023-01-01 00:00:00"));
}

TEST_F(SqliteLoaderTest, StatisticRowsCarryPercentAndLastUpdated) {
  VacancyRecord record = MakeVacancy(1, kJan1);
  record.statistics = {Gender("Female", 5'025),
                       {Characteristic::kAgeGroup, "25-34", 10'000}};
  LoadCounts counts = Load({record});

  EXPECT_EQ(counts["application_statistics_genderstatistic"].inserted, 1);
  EXPECT_EQ(counts["application_statistics_agegroup"].inserted, 1);
  EXPECT_EQ(
      probe_.One(
          "SELECT g.description, s.percent_applications, "
          "typeof(s.percent_applications), "
          "s.updated_at FROM application_statistics_genderstatistic AS s JOIN "
          "application_statistics_gender AS g ON g.id = s.gender_id"),
      "Female|50.25|real|2023-01-01 00:00:00");
  EXPECT_EQ(
      probe_.One(
          "SELECT a.description, s.percent_applications FROM "
          "application_statistics_agegroupstatistic AS s JOIN "
          "application_statistics_agegroup AS a ON a.id = s.age_group_id"),
      "25-34|100");
}

// Foreign keys are not enforced per row (see sqlite/connection.cc): a name
// cached by an earlier chunk and deleted since by another writer must stop
// the chunk before any row points at it.
TEST_F(SqliteLoaderTest, CachedNameDeletedByAnotherWriterFailsTheChunkWhole) {
  VacancyRecord first = MakeVacancy(1, kJan1);
  first.department = "DfE";
  Load({first});
  probe_.Exec("UPDATE vacancies_vacancy SET department_id = NULL");
  probe_.Exec("DELETE FROM organisations_department");
  VacancyRecord second = MakeVacancy(2, kJan1);
  second.department = "DfE";

  Result<LoadCounts> counts = loader_->LoadChunk(ChunkOf({second}));

  ASSERT_THAT(
      counts,
      StatusIs(
          ::testing::_,
          "organisations_department: 1 of the 1 names this chunk uses were "
          "deleted by another writer during the run; nothing of the chunk "
          "was written, run the ingest again"));
  EXPECT_EQ(Count("vacancies_vacancy"), "1");
  EXPECT_EQ(Count("application_statistics_vacancystatistic"), "1");
}

TEST_F(SqliteLoaderTest, LoadedRowsSatisfyEveryForeignKey) {
  VacancyRecord record = WithGrades(MakeVacancy(1, kJan1), {"G6", "G7"});
  record.department = "DfE";
  record.role_types = {"Digital"};
  record.statistics = {Gender("Female", 4'000)};
  Load({record, WithGrades(MakeVacancy(2, kJan1), {"G7"})});
  VacancyRecord newer = WithGrades(MakeVacancy(1, kJan1 + 1), {"SCS1"});
  newer.statistics = {Gender("Male", 5'000)};
  Load({newer});

  EXPECT_THAT(probe_.Rows("PRAGMA foreign_key_check"), ElementsAre());
  EXPECT_EQ(Count("vacancies_vacancygrade"), "2");
  EXPECT_EQ(Count("application_statistics_genderstatistic"), "1");
}

// A chunk whose text was released is never written again: its views
// dangle. The loader aborts before binding any of them.
TEST_F(SqliteLoaderTest, LoadingAChunkWhoseTextWasReleasedAborts) {
  Chunk chunk = ChunkOf({MakeVacancy(1, kJan1)});
  chunk.StartLoading();
  ASSERT_THAT(loader_->LoadChunk(chunk), IsOk());
  ASSERT_EQ(chunk.stage(), Chunk::Stage::kTextReleased);

  EXPECT_DEATH((void)loader_->LoadChunk(chunk),
               "chunk text read after it was released");
}

TEST_F(SqliteLoaderTest, NamesDifferingOnlyInCaseAreDistinct) {
  VacancyRecord record = MakeVacancy(1, kJan1);
  record.statistics = {Gender("Female", 4'000), Gender("female", 1'000)};

  LoadCounts counts = Load({record});

  EXPECT_EQ(counts["application_statistics_gender"].inserted, 2);
  EXPECT_THAT(
      probe_.Rows(
          "SELECT description FROM application_statistics_gender ORDER BY id"),
      ElementsAre("Female", "female"));
}

TEST_F(SqliteLoaderTest, CountsNameEveryTableOfTheSchema) {
  LoadCounts counts = Load({MakeVacancy(1, kJan1)});
  EXPECT_EQ(counts.size(), 21u);
  EXPECT_EQ(counts.count("application_statistics_sexualorientationstatistic"),
            1u);
}

TEST_F(SqliteLoaderTest, FailingChunkLeavesNothingOfIt) {
  probe_.Exec(
      "CREATE TRIGGER reject_high BEFORE INSERT ON "
      "application_statistics_genderstatistic "
      "WHEN NEW.percent_applications > 90 BEGIN SELECT RAISE(ABORT, 'percent "
      "too high'); END");
  VacancyRecord fine = MakeVacancy(1, kJan1);
  fine.department = "DfE";
  VacancyRecord failing = MakeVacancy(2, kJan1);
  failing.statistics = {Gender("Female", 9'900)};

  Result<LoadCounts> counts = loader_->LoadChunk(ChunkOf({fine, failing}));

  ASSERT_THAT(
      counts,
      StatusIs(StatusCode::kDatabase,
               "application_statistics_genderstatistic: percent too high"));
  EXPECT_EQ(Count("vacancies_vacancy"), "0");
  EXPECT_EQ(Count("organisations_department"), "0");
  EXPECT_EQ(Count("application_statistics_gender"), "0");
  EXPECT_EQ(Count("application_statistics_vacancystatistic"), "0");
}

// What broke (issue 9, defect 1): a bind refused by SQLite (here a text
// above the connection's length limit) was ignored and the vacancy stored
// with a NULL description.
TEST_F(SqliteLoaderTest, RefusedBindFailsTheChunkNamingTableAndColumn) {
  sqlite3_limit(loader_->connection().handle(), SQLITE_LIMIT_LENGTH, 500);
  const std::string description(600, 'd');
  VacancyRecord record = MakeVacancy(1, kJan1);
  record.description = description;

  Result<LoadCounts> counts = loader_->LoadChunk(ChunkOf({record}));

  ASSERT_THAT(
      counts,
      StatusIs(
          StatusCode::kDatabase,
          "vacancies_vacancy: column 'description': string or blob too big"));
  EXPECT_EQ(Count("vacancies_vacancy"), "0");
}

TEST_F(SqliteLoaderTest, UnparsableStoredLastUpdatedFailsTheChunk) {
  Load({MakeVacancy(1, kJan1)});
  probe_.Exec("UPDATE vacancies_vacancy SET last_updated = 'yesterday'");

  Result<LoadCounts> counts =
      loader_->LoadChunk(ChunkOf({MakeVacancy(1, kJan1)}));

  ASSERT_THAT(
      counts,
      StatusIs(::testing::_,
               "vacancies_vacancy: stored last_updated of id 1: datetime text "
               "'yesterday' is not "
               "YYYY-MM-DD HH:MM:SS[.ffffff]"));
}

TEST_F(SqliteLoaderTest, DescribeNamesThePath) {
  EXPECT_EQ(loader_->Describe(), "sqlite:///" + path_);
}

TEST_F(SqliteLoaderTest, LargeChunkIsFoundWithOneQueryAndUpdatedWhole) {
  std::vector<VacancyRecord> first, second;
  for (int32_t id = 1; id <= 5000; ++id) {
    first.push_back(WithGrades(MakeVacancy(id, kJan1), {"G7"}));
    second.push_back(
        WithGrades(MakeVacancy(id, id % 2 ? kJan1 + 1 : kJan1), {"SEO"}));
  }
  Load(first);

  LoadCounts counts = Load(second);

  EXPECT_EQ(counts["vacancies_vacancy"].updated, 2500);
  EXPECT_EQ(counts["vacancies_vacancy"].skipped, 2500);
  EXPECT_EQ(counts["vacancies_vacancygrade"].deleted, 2500);
  EXPECT_EQ(counts["vacancies_vacancygrade"].inserted, 2500);
  EXPECT_EQ(Count("vacancies_vacancygrade"), "5000");
}

// Both count in the RSS of a run (issue 13: below 100 MiB in all).
TEST_F(SqliteLoaderTest, PageCacheIsTwoMebibytesAndNothingIsMemoryMapped) {
  auto read = [&](const std::string& pragma) {
    Result<Statement*> statement = loader_->connection().Cached(pragma);
    EXPECT_THAT(statement, IsOk());
    EXPECT_THAT((*statement)->Step(), IsOk());
    const int64_t value = (*statement)->ColumnInt64(0);
    (*statement)->Reset();
    return value;
  };
  EXPECT_EQ(read("PRAGMA cache_size"), -2000);
  EXPECT_EQ(read("PRAGMA mmap_size"), 0);
}

TEST_F(SqliteLoaderTest, DatabaseFileIsInWalMode) {
  EXPECT_EQ(probe_.One("PRAGMA journal_mode"), "wal");
}

}  // namespace
}  // namespace jao::db::sqlite
