// ColumnFit: the database's narrower columns as a rule on built records.
// Limits and values are typed by hand; characters are code points, as
// PostgreSQL's varchar(n) counts them.
#include "ingest/column_fit.h"

#include <gtest/gtest.h>

namespace jao::ingest {
namespace {

using Kind = db::ColumnLimit::Kind;

db::VacancyRecord Record() {
  db::VacancyRecord r;
  r.id = 7;
  r.title = "Analyst";
  r.min_salary_hundredths = 999'999;  // 9999.99
  return r;
}

TEST(ColumnFit, AValueWithinEveryLimitFits) {
  ColumnFit fit(
      {{"vacancies_vacancy", "title", Kind::kChars, 7, "varchar(7)"},
       {"vacancies_vacancy", "min_salary", Kind::kDigits, 4, "numeric(6,2)"}});
  EXPECT_FALSE(fit.Check(Record()).has_value());
}

TEST(ColumnFit, ATitleOverTheLimitNamesTheColumnAndTheLimit) {
  ColumnFit fit(
      {{"vacancies_vacancy", "title", Kind::kChars, 6, "varchar(6)"}});
  auto misfit = fit.Check(Record());
  ASSERT_TRUE(misfit.has_value());
  EXPECT_EQ(misfit->field, Field::kTitle);
  EXPECT_EQ(misfit->reason,
            "7 characters; vacancies_vacancy.title is varchar(6) in the "
            "database");
}

TEST(ColumnFit, ANarrowedIdNamesTheIdField) {
  ColumnFit fit(
      {{"vacancies_vacancy", "id", Kind::kMaxInteger, 5, "smallint"}});
  auto misfit = fit.Check(Record());
  ASSERT_TRUE(misfit.has_value());
  EXPECT_EQ(misfit->field, Field::kId);
  EXPECT_EQ(misfit->reason,
            "7 is above 5; vacancies_vacancy.id is smallint in the database");
}

// A vacancy column the database may narrow (text, decimal, integer) is
// checked through the declaration; its rejection quotes the cell of the
// mapping field of the same name, which must exist.
TEST(ColumnFit, EveryNarrowableVacancyColumnHasAMappingField) {
  using db::target::Kind;
  int checked = 0;
  for (const db::target::Column& column : db::target::VacancyTable().columns) {
    if (column.kind != Kind::kText && column.kind != Kind::kVarchar &&
        column.kind != Kind::kDecimal && column.kind != Kind::kSourceId &&
        column.kind != Kind::kPositiveInteger) {
      continue;
    }
    ++checked;
    EXPECT_TRUE(FieldOfTarget(column.name).has_value()) << column.name;
  }
  EXPECT_EQ(checked, 6);  // id, two salaries, title, description, summary
}

TEST(ColumnFit, CharactersAreCodePointsNotBytes) {
  db::VacancyRecord r = Record();
  r.title = "\xC3\xA9t\xC3\xA9";  // "été": 3 characters, 5 bytes
  ColumnFit fit(
      {{"vacancies_vacancy", "title", Kind::kChars, 3, "varchar(3)"}});
  EXPECT_FALSE(fit.Check(r).has_value());
}

TEST(ColumnFit, ASalaryWithMoreDigitsBeforeThePointDoesNotFit) {
  db::VacancyRecord r = Record();
  r.min_salary_hundredths = 1'000'000;  // 10000.00: five digits
  ColumnFit fit(
      {{"vacancies_vacancy", "min_salary", Kind::kDigits, 4, "numeric(6,2)"}});
  auto misfit = fit.Check(r);
  ASSERT_TRUE(misfit.has_value());
  EXPECT_EQ(misfit->field, Field::kMinSalary);
  EXPECT_EQ(misfit->reason,
            "5 digits before the point; vacancies_vacancy.min_salary is "
            "numeric(6,2) in the database");
}

TEST(ColumnFit, AGradeNameOverItsLookupsLimitDoesNotFit) {
  db::VacancyRecord r = Record();
  r.grades = {"G7", "Senior Executive Officer"};
  ColumnFit fit(
      {{"roles_grade", "description", Kind::kChars, 10, "varchar(10)"}});
  auto misfit = fit.Check(r);
  ASSERT_TRUE(misfit.has_value());
  EXPECT_EQ(misfit->field, Field::kGrades);
}

TEST(ColumnFit, AStatisticGroupNameIsCheckedAgainstItsLookup) {
  db::VacancyRecord r = Record();
  r.statistics = {{db::Characteristic::kGender, "Prefer not to say", 1000},
                  {db::Characteristic::kAgeGroup, "Prefer not to say", 1000}};
  ColumnFit fit({{"application_statistics_gender", "description", Kind::kChars,
                  6, "varchar(6)"}});
  auto misfit = fit.Check(r);
  ASSERT_TRUE(misfit.has_value());
  EXPECT_FALSE(misfit->field.has_value());
  EXPECT_EQ(misfit->characteristic, db::Characteristic::kGender);
  EXPECT_EQ(misfit->group, "Prefer not to say");
}

TEST(ColumnFit, ACountAboveASmallintDoesNotFit) {
  db::VacancyRecord r = Record();
  r.total_applications = 32768;
  ColumnFit fit({{"application_statistics_vacancystatistic",
                  "total_applications", Kind::kMaxInteger, 32767, "smallint"}});
  auto misfit = fit.Check(r);
  ASSERT_TRUE(misfit.has_value());
  EXPECT_EQ(misfit->reason,
            "32768 is above 32767; "
            "application_statistics_vacancystatistic.total_applications is "
            "smallint in the database");
}

TEST(ColumnFit, NullValuesAlwaysFit) {
  db::VacancyRecord r = Record();
  r.title.reset();
  r.min_salary_hundredths.reset();
  ColumnFit fit(
      {{"vacancies_vacancy", "title", Kind::kChars, 1, "varchar(1)"},
       {"vacancies_vacancy", "min_salary", Kind::kDigits, 1, "numeric(3,2)"}});
  EXPECT_FALSE(fit.Check(r).has_value());
}

}  // namespace
}  // namespace jao::ingest
