#include "ingest/chunk_builder.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "common/status_matchers_support.h"
#include "ingest/vacancy_support.h"

namespace jao::ingest {
namespace {

using testing::TestRow;

class RecordingReporter : public RejectReporter {
 public:
  void Report(const RejectedRow& rejected) override {
    lines.push_back(RejectLine(rejected));
  }
  std::vector<std::string> lines;
};

// Builds one chunk of `rows` through the real plan of a VacancyFile.
struct Built {
  BuiltChunk built;
  std::vector<std::string> rejects;
};
Built BuildRows(const std::vector<TestRow>& rows, int64_t first_row = 0) {
  static testing::VacancyFile file;
  Result<IngestPlan> plan = PlanColumns(file.schema(), "t.parquet");
  EXPECT_THAT(plan, IsOk());
  RecordingReporter reporter;
  ChunkBuilder builder(&*plan, &reporter);
  builder.Add(std::make_shared<parquet::RecordBatch>(
      file.Batch(plan->column_indices, rows, first_row)));
  return Built{builder.Finish(), reporter.lines};
}

TEST(ChunkBuilder, ValidRowBecomesARecordInDatabaseUnits) {
  TestRow row;
  row.id = 42;
  row.department = "  HM   Treasury ";
  Built out = BuildRows({row}, 7);
  ASSERT_EQ(out.built.chunk.records.size(), 1u);
  const db::VacancyRecord& record = out.built.chunk.records[0];
  EXPECT_EQ(record.id, 42);
  EXPECT_EQ(record.file_row, 7);
  EXPECT_EQ(record.last_updated_us, 1680307200LL * 1000000);
  EXPECT_EQ(record.title, "Analyst");
  EXPECT_EQ(record.min_salary_hundredths, 2500000);
  EXPECT_EQ(record.max_salary_hundredths, 3000000);
  EXPECT_EQ(record.department, "HM Treasury");
  EXPECT_EQ(record.description, std::nullopt);
  EXPECT_EQ(record.total_applications, std::nullopt);  // column absent
  ASSERT_EQ(record.statistics.size(), 1u);
  EXPECT_EQ(record.statistics[0].characteristic, db::Characteristic::kGender);
  EXPECT_EQ(record.statistics[0].group, "Female");
  EXPECT_EQ(record.statistics[0].percent_hundredths, 5000);
}

TEST(ChunkBuilder, AbsentPercentMakesNoStatisticRow) {
  TestRow row;
  row.female = -1.0;
  Built out = BuildRows({row});
  ASSERT_EQ(out.built.chunk.records.size(), 1u);
  EXPECT_TRUE(out.built.chunk.records[0].statistics.empty());
}

TEST(ChunkBuilder, RejectedRowIsReportedWithItsFileRowAndId) {
  TestRow good;
  TestRow bad;
  bad.id = 2;
  bad.min_salary = "TBC";
  Built out = BuildRows({good, bad}, 100);
  EXPECT_EQ(out.built.rejected, 1);
  EXPECT_EQ(out.built.chunk.records.size(), 1u);
  ASSERT_EQ(out.rejects.size(), 1u);
  EXPECT_EQ(
      out.rejects[0],
      R"({"row":101,"vacancy_id":2,"column":"salary_minimum","value":"TBC",)"
      R"("reason":"not a plain decimal number"})");
}

// Regression: an id read but outside 1..2147483647 was reported with
// "vacancy_id":null; the spec wants the vacancy_id whenever it could be read.
TEST(ChunkBuilder, OutOfRangeIdIsReportedAsTheIntegerRead) {
  std::vector<TestRow> rows(3);
  rows[0].id = 0;
  rows[1].id = -7;
  rows[2].id = 2147483648;
  Built out = BuildRows(rows);
  ASSERT_EQ(out.rejects.size(), 3u);
  EXPECT_EQ(out.rejects[0],
            R"({"row":0,"vacancy_id":0,"column":"vacancy_id","value":0,)"
            R"("reason":"vacancy_id outside 1..2147483647"})");
  EXPECT_EQ(out.rejects[1],
            R"({"row":1,"vacancy_id":-7,"column":"vacancy_id","value":-7,)"
            R"("reason":"vacancy_id outside 1..2147483647"})");
  EXPECT_EQ(
      out.rejects[2],
      R"({"row":2,"vacancy_id":2147483648,"column":"vacancy_id",)"
      R"("value":2147483648,"reason":"vacancy_id outside 1..2147483647"})");
}

// One way to make each field of a TestRow fail, by source column; the
// statistic column comes after every field of kVacancyFields.
struct Breakage {
  std::string_view column;
  void (*apply)(TestRow& row);
};
constexpr Breakage kBreakages[] = {
    {"vacancy_id", [](TestRow& row) { row.id = 0; }},
    {"row_last_updated", [](TestRow& row) { row.updated = std::nullopt; }},
    {"vacancy_title", [](TestRow& row) { row.title = " "; }},
    {"salary_minimum", [](TestRow& row) { row.min_salary = "TBC"; }},
    {"salary_maximum_optional", [](TestRow& row) { row.max_salary = -5.0; }},
    {"department",
     [](TestRow& row) { row.department = std::string(300, 'x'); }},
    {"gender__Female", [](TestRow& row) { row.female = 150.0; }},
};

// The position of `column` in kVacancyFields; statistics after them all.
int DeclaredPosition(std::string_view column) {
  for (int i = 0; i < kNumFields; ++i) {
    if (kVacancyFields[i].column == column) return i;
  }
  return kNumFields;
}

std::string RejectedColumn(const std::vector<TestRow>& rows) {
  Built out = BuildRows(rows);
  if (out.rejects.size() != 1)
    return "rejects: " + std::to_string(out.rejects.size());
  return nlohmann::json::parse(out.rejects[0])["column"].get<std::string>();
}

TEST(ChunkBuilder, EachDeclaredFieldsRuleRejectsItsOwnColumn) {
  for (const Breakage& breakage : kBreakages) {
    TestRow row;
    breakage.apply(row);
    EXPECT_EQ(RejectedColumn({row}), breakage.column);
  }
}

TEST(ChunkBuilder, RowBadInTwoFieldsIsRejectedNamingTheFirstDeclared) {
  for (const Breakage& first : kBreakages) {
    for (const Breakage& second : kBreakages) {
      if (first.column == second.column) continue;
      TestRow row;
      first.apply(row);
      second.apply(row);
      const bool first_declared_first =
          DeclaredPosition(first.column) < DeclaredPosition(second.column);
      EXPECT_EQ(RejectedColumn({row}),
                first_declared_first ? first.column : second.column)
          << first.column << " and " << second.column;
    }
  }
}

TEST(ChunkBuilder, DuplicateIdKeepsTheNewerRow) {
  TestRow old_row;
  old_row.id = 5;
  old_row.updated = "2023-01-01";
  old_row.title = "Old";
  TestRow new_row = old_row;
  new_row.updated = "2023-06-01";
  new_row.title = "New";
  Built out = BuildRows({old_row, new_row});
  ASSERT_EQ(out.built.chunk.records.size(), 1u);
  EXPECT_EQ(out.built.chunk.records[0].title, "New");
  EXPECT_EQ(out.built.chunk.records[0].file_row, 1);
  EXPECT_EQ(out.built.duplicates, 1);
}

TEST(ChunkBuilder, DuplicateIdKeepsTheNewerRowWhenItComesFirst) {
  TestRow newer;
  newer.id = 5;
  newer.updated = "2023-06-01";
  newer.title = "New";
  TestRow older = newer;
  older.updated = "2023-01-01";
  older.title = "Old";
  Built out = BuildRows({newer, older});
  ASSERT_EQ(out.built.chunk.records.size(), 1u);
  EXPECT_EQ(out.built.chunk.records[0].title, "New");
  EXPECT_EQ(out.built.duplicates, 1);
}

TEST(ChunkBuilder, EquallyNewDuplicatesKeepTheFirst) {
  TestRow first;
  first.id = 5;
  first.title = "First";
  TestRow second = first;
  second.title = "Second";
  Built out = BuildRows({first, second, first});
  ASSERT_EQ(out.built.chunk.records.size(), 1u);
  EXPECT_EQ(out.built.chunk.records[0].title, "First");
  EXPECT_EQ(out.built.duplicates, 2);
}

TEST(ChunkBuilder, RowsRejectedAndDuplicatesAreCounted) {
  TestRow a;
  a.id = 1;
  TestRow b;
  b.id = 2;
  b.title = " ";
  Built out = BuildRows({a, b, a});
  EXPECT_EQ(out.built.rows, 3);
  EXPECT_EQ(out.built.rejected, 1);
  EXPECT_EQ(out.built.duplicates, 1);
  EXPECT_EQ(out.built.chunk.records.size(), 1u);
}

}  // namespace
}  // namespace jao::ingest
