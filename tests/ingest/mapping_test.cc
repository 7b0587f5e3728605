#include "ingest/mapping.h"

#include <gtest/gtest.h>

#include "common/status_matchers_support.h"
#include "ingest/vacancy_support.h"

namespace jao::ingest {
namespace {

using testing::VacancyFile;

TEST(Mapping, MissingRequiredColumnIsNamedWithTheFile) {
  VacancyFile file("closing_date");
  Result<IngestPlan> plan = PlanColumns(file.schema(), "jobs.parquet");
  ASSERT_THAT(plan,
              StatusIs(StatusCode::kInvalidArgument,
                       "jobs.parquet: missing required column 'closing_date'"));
}

TEST(Mapping, MissingOptionalColumnIsAllowed) {
  VacancyFile file("department");
  Result<IngestPlan> plan = PlanColumns(file.schema(), "jobs.parquet");
  ASSERT_THAT(plan, IsOk());
  EXPECT_EQ(plan->batch_index[static_cast<int>(Field::kDepartment)], -1);
}

TEST(Mapping, WrongPhysicalTypeIsAnErrorBeforeReading) {
  parquet::SchemaElement title;
  title.name = "vacancy_title";
  title.type = parquet::Type::INT64;
  title.repetition_type = parquet::FieldRepetitionType::OPTIONAL;
  // Every required column present, vacancy_title as INT64.
  VacancyFile file("vacancy_title", {});
  std::vector<parquet::SchemaElement> elements = file.elements();
  elements.push_back(title);
  elements[0].num_children += 1;
  Result<parquet::Schema> schema = parquet::BuildSchema(elements);
  ASSERT_THAT(schema, IsOk());
  Result<IngestPlan> plan = PlanColumns(*schema, "jobs.parquet");
  ASSERT_THAT(
      plan,
      StatusIs(
          ::testing::_,
          "jobs.parquet: column 'vacancy_title' is INT64, expected a string"));
}

TEST(Mapping, UnknownColumnsAreNamedOnceInOneWarning) {
  VacancyFile file("", {"__index_level_0__", "height__Tall", "legacy"});
  Result<IngestPlan> plan = PlanColumns(file.schema(), "jobs.parquet");
  ASSERT_THAT(plan, IsOk());
  ASSERT_EQ(plan->warnings.size(), 1u);
  EXPECT_EQ(
      plan->warnings[0],
      "ignoring columns not in the mapping: '__index_level_0__', "
      "'height__Tall' ('height' is not a statistic characteristic), 'legacy'");
}

TEST(Mapping, StatisticColumnsAreRecognisedWithCleanedGroups) {
  VacancyFile file("", {"ethnicity__White  - Irish", "age_group__25-34"});
  Result<IngestPlan> plan = PlanColumns(file.schema(), "jobs.parquet");
  ASSERT_THAT(plan, IsOk());
  ASSERT_EQ(plan->statistics.size(), 3u);
  EXPECT_EQ(plan->statistics[0].characteristic, db::Characteristic::kGender);
  EXPECT_EQ(plan->statistics[0].group, "Female");
  EXPECT_EQ(plan->statistics[1].characteristic, db::Characteristic::kEthnicity);
  EXPECT_EQ(plan->statistics[1].group, "White - Irish");
  EXPECT_EQ(plan->statistics[2].characteristic, db::Characteristic::kAgeGroup);
  EXPECT_EQ(plan->statistics[2].group, "25-34");
  EXPECT_TRUE(plan->warnings.empty());
}

TEST(Mapping, TwoColumnsForTheSameGroupKeepTheFirst) {
  VacancyFile file("", {"gender__ Female"});
  Result<IngestPlan> plan = PlanColumns(file.schema(), "jobs.parquet");
  ASSERT_THAT(plan, IsOk());
  EXPECT_EQ(plan->statistics.size(), 1u);
  ASSERT_EQ(plan->warnings.size(), 1u);
  EXPECT_EQ(
      plan->warnings[0],
      "ignoring columns not in the mapping: 'gender__ Female' (same group "
      "as an earlier column)");
}

TEST(Mapping, EveryRequiredColumnOfTheSpecIsRequired) {
  std::vector<std::string_view> required;
  for (const FieldMapping& field : kVacancyFields) {
    if (field.required) required.push_back(field.column);
  }
  EXPECT_EQ(required,
            (std::vector<std::string_view>{
                "vacancy_id", "row_last_updated", "vacancy_title",
                "job_description", "job_summary", "salary_minimum",
                "salary_maximum_optional", "live_date", "closing_date"}));
}

// Today's observable order: a row bad in its application count and its
// grades is rejected for the count, and the table says so.
TEST(Mapping, FieldsAreDeclaredInTheOrderRowsAreValidated) {
  std::vector<std::string_view> columns;
  for (const FieldMapping& field : kVacancyFields) {
    columns.push_back(field.column);
  }
  EXPECT_EQ(columns, (std::vector<std::string_view>{
                         "vacancy_id", "row_last_updated", "vacancy_title",
                         "job_description", "job_summary", "salary_minimum",
                         "salary_maximum_optional", "live_date", "closing_date",
                         "department", "number_of_applications", "grades",
                         "type_of_role"}));
}

}  // namespace
}  // namespace jao::ingest
