// The declaration's vacancy columns say how a loader takes each value from
// a record; expected values are written by hand from spec/jao-schema.md.
#include "db/target_schema.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "db/schema_names.h"
#include "db/vacancy_record.h"

namespace jao::db::target {
namespace {

using Type = RecordValue::Type;

TEST(TargetSchema, EveryVacancyColumnSaysHowToTakeItFromARecord) {
  for (const Column& column : VacancyTable().columns) {
    EXPECT_NE(column.from_record, nullptr) << column.name;
    if (column.kind == Kind::kForeignKey) {
      EXPECT_TRUE(schema::LookupOfTable(column.references).has_value())
          << column.name << " references " << column.references;
    }
  }
}

TEST(TargetSchema, VacancyColumnsAreDjangosInTheirOrderTheIdFirst) {
  std::vector<std::string> names;
  for (const Column& column : VacancyTable().columns) {
    names.emplace_back(column.name);
  }
  EXPECT_EQ(names, (std::vector<std::string>{
                       "id", "last_updated", "live_date", "closing_date",
                       "is_deleted", "min_salary", "max_salary", "title",
                       "description", "summary", "department_id"}));
}

TEST(TargetSchema, OnlyIsDeletedIsKeptOnUpdate) {
  for (const Column& column : VacancyTable().columns) {
    EXPECT_EQ(column.kept_on_update, column.name == "is_deleted")
        << column.name;
  }
}

RecordValue ValueOf(std::string_view column, const VacancyRecord& record) {
  const Column* declared = VacancyTable().Find(column);
  EXPECT_NE(declared, nullptr) << column;
  return declared ? declared->from_record(record) : RecordValue{};
}

TEST(TargetSchema, ValuesComeFromTheRecordsMembers) {
  VacancyRecord r;
  r.id = 4711;
  r.last_updated_us = 1'700'000'000'000'001;
  r.live_date_us = 1'600'000'000'000'000;
  r.closing_date_us = 1'800'000'000'000'000;
  r.min_salary_hundredths = 2'550'000;
  r.title = "Policy Adviser";
  r.summary = "";
  r.department = "Cabinet Office";

  EXPECT_EQ(ValueOf("id", r).type, Type::kInteger);
  EXPECT_EQ(ValueOf("id", r).number, 4711);
  EXPECT_EQ(ValueOf("last_updated", r).type, Type::kDateTime);
  EXPECT_EQ(ValueOf("last_updated", r).number, 1'700'000'000'000'001);
  EXPECT_EQ(ValueOf("live_date", r).number, 1'600'000'000'000'000);
  EXPECT_EQ(ValueOf("closing_date", r).number, 1'800'000'000'000'000);
  EXPECT_EQ(ValueOf("is_deleted", r).type, Type::kBoolean);
  EXPECT_EQ(ValueOf("is_deleted", r).number, 0);
  EXPECT_EQ(ValueOf("min_salary", r).type, Type::kHundredths);
  EXPECT_EQ(ValueOf("min_salary", r).number, 2'550'000);
  EXPECT_EQ(ValueOf("max_salary", r).type, Type::kNull);
  EXPECT_EQ(ValueOf("title", r).type, Type::kText);
  EXPECT_EQ(ValueOf("title", r).text, "Policy Adviser");
  EXPECT_EQ(ValueOf("description", r).type, Type::kNull);
  // An empty text is a value, not NULL.
  EXPECT_EQ(ValueOf("summary", r).type, Type::kText);
  EXPECT_EQ(ValueOf("summary", r).text, "");
  EXPECT_EQ(ValueOf("department_id", r).type, Type::kLookupName);
  EXPECT_EQ(ValueOf("department_id", r).text, "Cabinet Office");

  r.department.reset();
  EXPECT_EQ(ValueOf("department_id", r).type, Type::kNull);
}

TEST(TargetSchema, QuotedNamesQuoteAndJoin) {
  const Column* id = VacancyTable().Find("id");
  const Column* title = VacancyTable().Find("title");
  const std::vector<const Column*> columns = {id, title};
  EXPECT_EQ(QuotedNames(columns), R"("id", "title")");
}

}  // namespace
}  // namespace jao::db::target
