#include "ingest/summary.h"

#include <gtest/gtest.h>

#include "ingest/progress.h"

namespace jao::ingest {
namespace {

TEST(Summary, JsonHasPerTableCountsAndTimes) {
  RunSummary summary;
  summary.database = "sqlite:///tmp/jao.sqlite3";
  summary.tables["vacancies_vacancy"] = db::TableCounts{3, 1, 2, 0, 4};
  FileSummary file;
  file.path = "a.parquet";
  file.rows_read = 10;
  file.rows_rejected = 4;
  summary.files.push_back(file);
  summary.load_seconds = 1.5;
  nlohmann::ordered_json json = SummaryJson(summary);
  EXPECT_EQ(
      json["tables"]["vacancies_vacancy"].dump(),
      R"({"inserted":3,"updated":1,"skipped":2,"deleted":0,"rejected":4})");
  EXPECT_EQ(json["rows_read"], 10);
  EXPECT_EQ(json["rows_rejected"], 4);
  EXPECT_EQ(json["seconds"]["load"], 1.5);
  EXPECT_EQ(json["database"], "sqlite:///tmp/jao.sqlite3");
}

TEST(Summary, JsonSaysHowAndWhenTheRunEnded) {
  using namespace std::chrono;
  RunSummary summary;
  summary.outcome = RunOutcome::kInterrupted;
  summary.stopped_by = "SIGTERM";
  summary.started_at =
      sys_days{year{2026} / 1 / 31} + hours{8} + milliseconds{123};
  summary.finished_at = sys_days{year{2026} / 2 / 1} + seconds{61};
  FileSummary file;
  file.path = "a.parquet";
  file.rows_committed = 100;
  file.chunks = 2;
  summary.files = {file, file};

  nlohmann::ordered_json json = SummaryJson(summary);

  EXPECT_EQ(json["schema_version"], 1);
  EXPECT_TRUE(json["run_id"].is_null());
  EXPECT_EQ(json["outcome"], "interrupted");
  EXPECT_TRUE(json["error"].is_null());
  EXPECT_EQ(json["stopped_by"], "SIGTERM");
  EXPECT_EQ(json["started_at"], "2026-01-31T08:00:00.123Z");
  EXPECT_EQ(json["finished_at"], "2026-02-01T00:01:01.000Z");
  EXPECT_EQ(json["committed"].dump(), R"({"chunks":4,"rows":200})");
  EXPECT_EQ(json["files"][1]["rows_committed"], 100);
}

TEST(Summary, JsonOfAFailedRunCarriesTheErrorLine) {
  RunSummary summary;
  summary.outcome = RunOutcome::kFailed;
  summary.error = "a.parquet: chunk at row 5: database is locked";
  nlohmann::ordered_json json = SummaryJson(summary);
  EXPECT_EQ(json["outcome"], "failed");
  EXPECT_EQ(json["error"], "a.parquet: chunk at row 5: database is locked");
  EXPECT_TRUE(json["stopped_by"].is_null());
}

TEST(Summary, TextOfAStoppedRunEndsWithWhatWasCommitted) {
  RunSummary summary;
  summary.outcome = RunOutcome::kInterrupted;
  summary.stopped_by = "SIGINT";
  FileSummary file;
  file.rows_committed = 150;
  file.chunks = 3;
  summary.files = {file};
  std::string text = FormatSummary(summary);
  EXPECT_EQ(text.substr(text.rfind('\n', text.size() - 2) + 1),
            "run interrupted by SIGINT: 3 chunks committed (150 rows)\n");
}

TEST(Summary, TextTableHasAHeaderAndARowPerTable) {
  RunSummary summary;
  summary.tables["roles_grade"] = db::TableCounts{2, 0, 0, 0, 0};
  std::string text = FormatSummary(summary);
  EXPECT_NE(text.find("table"), std::string::npos);
  EXPECT_NE(text.find("roles_grade"), std::string::npos);
  EXPECT_EQ(text.find("dry run"), std::string::npos);
}

// Issue 21, defect 7: how the run was asked for can be unsafe (a password
// on the command line): the summary says so, in both forms.
TEST(Summary, WarningsAreOneLineEachInTheTextAndAListInTheJson) {
  RunSummary summary;
  summary.outcome = RunOutcome::kFailed;
  summary.warnings = {"the password in --db is visible"};
  const std::string text = FormatSummary(summary);
  EXPECT_NE(text.find("\nwarning: the password in --db is visible\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.substr(text.rfind('\n', text.size() - 2) + 1),
            "run failed: 0 chunks committed (0 rows)\n");
  EXPECT_EQ(SummaryJson(summary)["warnings"],
            nlohmann::ordered_json::array({"the password in --db is visible"}));
  EXPECT_EQ(SummaryJson(RunSummary{})["warnings"],
            nlohmann::ordered_json::array());
  EXPECT_EQ(FormatSummary(RunSummary{}).find("warning"), std::string::npos);
}

TEST(Summary, PeakRssIsPositive) { EXPECT_GT(PeakRssBytes(), 0); }

// Worked by hand: 40000 of 100000 rows in 8 s is 5000 rows/s, and the
// 60000 rows left take 12 s.
TEST(Progress, LineShowsRowsOutOfTheFilesRateAndTimeLeft) {
  EXPECT_EQ(Progress::Line("a.parquet", 40000, 100000, 8.0),
            "a.parquet: 40000 of 100000 rows (40%), 5000 rows/s, 0:12 left");
  EXPECT_EQ(Progress::Line("b.parquet", 1000, 7201000, 1.0),
            "b.parquet: 1000 of 7201000 rows (0%), 1000 rows/s, 2:00:00 left");
  EXPECT_EQ(Progress::Line("a.parquet", 0, 100, 0.0),
            "a.parquet: 0 of 100 rows (0%)");
}

TEST(Progress, EnabledProgressDrawsTheLine) {
  std::FILE* out = std::tmpfile();
  ASSERT_NE(out, nullptr);
  Progress progress(out, true);
  progress.Start(100);
  progress.StartFile("a.parquet");
  progress.Update(10);
  std::fflush(out);
  std::rewind(out);
  char text[256] = {};
  const size_t n = std::fread(text, 1, sizeof text - 1, out);
  EXPECT_EQ(std::string(text, n).substr(0, 34),
            "\ra.parquet: 10 of 100 rows (10%), ");
  std::fclose(out);
}

TEST(Progress, DisabledProgressPrintsNothing) {
  std::FILE* out = std::tmpfile();
  ASSERT_NE(out, nullptr);
  Progress progress(out, false);
  progress.Start(100);
  progress.StartFile("a.parquet");
  progress.Update(10);
  progress.Finish();
  EXPECT_EQ(std::ftell(out), 0);
  std::fclose(out);
}

TEST(Summary, JsonCarriesTheRunIdOnceTheRunIsRecorded) {
  RunSummary summary;
  summary.run_id = 42;
  EXPECT_EQ(SummaryJson(summary)["run_id"], 42);
}

TEST(Summary, CountsJsonHoldsTheCommittedFilesAndTablesOnly) {
  RunSummary summary;
  summary.tables["vacancies_vacancy"].inserted = 3;
  nlohmann::ordered_json counts = CountsJson(summary);
  EXPECT_EQ(counts.dump(),
            R"({"committed":{"chunks":0,"rows":0},"files":[],"tables":)"
            R"({"vacancies_vacancy":{"inserted":3,"updated":0,"skipped":0,)"
            R"("deleted":0,"rejected":0}}})");
}

}  // namespace
}  // namespace jao::ingest
