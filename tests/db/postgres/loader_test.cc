// LoadChunk on PostgreSQL: the values as Django stores them, names and
// UTF-8 text byte for byte, a large chunk set-wise, and the id sequence
// left consistent. What every backend must do (newer wins, lookups created
// once, counts) is tests/db/loader_contract_test.cc. Expected values typed
// from the spec.
#include <gtest/gtest.h>

#include "common/status_matchers_support.h"
#include "test_support.h"

namespace jao::db::postgres {
namespace {

class PgLoadTest : public PgTest {
 protected:
  void SetUp() override {
    PgTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    loader_ = OpenLoaderOrDie();
    Status status = loader_->EnsureSchema();
    ASSERT_THAT(status, IsOk());
  }
  LoadCounts Load(std::vector<VacancyRecord> records) {
    auto counts = loader_->LoadChunk(ChunkOf(std::move(records)));
    EXPECT_THAT(counts, IsOk());
    return counts.ok() ? *counts : LoadCounts{};
  }
  std::string VacancyRow(int id) {
    return Query(
        "SELECT concat_ws(',', last_updated, live_date, closing_date, "
        "is_deleted, coalesce(min_salary::text, 'null'), "
        "coalesce(max_salary::text, 'null'), title, description, "
        "coalesce(summary, 'null'), coalesce(d.name, 'null')) FROM "
        "vacancies_vacancy v LEFT JOIN organisations_department d ON d.id = "
        "v.department_id WHERE v.id = " +
        std::to_string(id));
  }
  std::string Grades(int id) {
    return Query(
        "SELECT g.description FROM vacancies_vacancygrade l JOIN roles_grade g "
        "ON g.id = l.grade_id WHERE l.vacancy_id = " +
        std::to_string(id) + " ORDER BY 1");
  }
  std::string Statistics(int id) {
    return Query(
        "SELECT 'gender ' || g.description || ' ' || s.percent_applications || "
        "' ' || s.updated_at FROM application_statistics_genderstatistic s "
        "JOIN "
        "application_statistics_gender g ON g.id = s.gender_id WHERE "
        "s.vacancy_id = " +
        std::to_string(id) +
        " UNION ALL SELECT 'age ' || g.description || ' ' || "
        "s.percent_applications FROM application_statistics_agegroupstatistic "
        "s "
        "JOIN application_statistics_agegroup g ON g.id = s.age_group_id WHERE "
        "s.vacancy_id = " +
        std::to_string(id) + " ORDER BY 1");
  }

  std::unique_ptr<PostgresLoader> loader_;
};

TEST_F(PgLoadTest, InsertsANewVacancyWithDjangoValues) {
  VacancyRecord r = SampleVacancy(7, kApril1At0930Us + 123456);
  Load({r});
  EXPECT_EQ(VacancyRow(7),
            "2023-04-01 09:30:00.123456+00,2023-04-01 09:30:00+00,"
            "2023-05-01 00:00:00+00,f,12345.67,null,Analyst,[b]Role[/b],null,"
            "Cabinet Office");
  EXPECT_EQ(Grades(7), "HEO|SEO");
  EXPECT_EQ(
      Statistics(7),
      "age 25-34 100.00|gender Female 55.50 2023-04-01 09:30:00.123456+00");
  EXPECT_EQ(
      Query("SELECT total_applications || ' ' || updated_at FROM "
            "application_statistics_vacancystatistic WHERE vacancy_id = 7"),
      "42 2023-04-01 09:30:00.123456+00");
}

TEST_F(PgLoadTest, StoresNamesWithQuotesAndBackslashesExactly) {
  VacancyRecord r = SampleVacancy(7, kMay1Us);
  r.department = "Dept \"A\" \\ {B}, C";
  Load({r});
  EXPECT_EQ(Query("SELECT name FROM organisations_department"),
            "Dept \"A\" \\ {B}, C");
}

TEST_F(PgLoadTest, AdvancesASerialIdSequencePastExplicitIds) {
  ASSERT_THAT(db_->Exec("CREATE SEQUENCE vacancy_id_seq OWNED BY "
                        "vacancies_vacancy.id; ALTER TABLE vacancies_vacancy "
                        "ALTER id SET DEFAULT nextval('vacancy_id_seq')"),
              IsOk());
  Load({SampleVacancy(500, kMay1Us), SampleVacancy(20, kMay1Us)});
  EXPECT_EQ(Query("SELECT nextval('vacancy_id_seq')"), "501");
}

TEST_F(PgLoadTest, LeavesDjangosPlainIntegerIdWithoutSequence) {
  Load({SampleVacancy(500, kMay1Us)});
  EXPECT_EQ(Query("SELECT pg_get_serial_sequence('vacancies_vacancy', 'id')"),
            "null");
}

TEST_F(PgLoadTest, LoadsAFiveThousandRowChunkSetWise) {
  std::vector<std::string> groups;
  for (int i = 0; i < 50; ++i) groups.push_back("group " + std::to_string(i));
  std::vector<VacancyRecord> records;
  for (int id = 1; id <= 5000; ++id) {
    VacancyRecord r = SampleVacancy(id, kMay1Us);
    r.statistics = {
        {Characteristic::kEthnicity, groups[id % 50], 100 * (id % 101)}};
    records.push_back(r);
  }
  LoadCounts counts = Load(records);
  EXPECT_EQ(counts["vacancies_vacancy"].inserted, 5000);
  EXPECT_EQ(counts["application_statistics_ethnicity"].inserted, 50);
  EXPECT_EQ(Query("SELECT count(*) || ' ' || sum(percent_applications) FROM "
                  "application_statistics_ethnicitystatistic"),
            // sum of id % 101 over ids 1..5000: 49 full cycles 1..100,0
            // (247450) plus ids 4950..5000, i.e. residues 1..51 (1326).
            "5000 248776.00");
}

TEST_F(PgLoadTest, StoresUtf8TextByteForByte) {
  VacancyRecord r = SampleVacancy(7, kMay1Us);
  r.title =
      "Caf\xc3\xa9 \xe2\x80\x93 \xc2\xa3"
      "30k";
  Load({r});
  EXPECT_EQ(Query("SELECT encode(convert_to(title, 'UTF8'), 'hex') FROM "
                  "vacancies_vacancy"),
            "436166c3a920e2809320c2a333306b");
}

}  // namespace
}  // namespace jao::db::postgres
