// End to end: the summary on every ending, on SQLite and PostgreSQL. A run
// that fails (here: its rejects file on a full disk, or too many rejects)
// still writes --summary-json with outcome "failed", its error line and the
// counts of what it committed; "--summary-json -" writes the JSON on
// standard output and the text summary on standard error. (Interrupted
// runs: signal_e2e_test.cc.)
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "e2e/expectation_match_support.h"
#include "e2e/fixture_cache_support.h"
#include "e2e/ingest_run_support.h"
#include "e2e/interrupted_run_support.h"

namespace jao::e2e {
namespace {

using nlohmann::json;

class RunSummaryJson : public IngestRunTest,
                       public ::testing::WithParamInterface<Backend> {
 protected:
  void SetUp() override { StartWith(GetParam()); }
};

// Defect: the rejects went through a buffered stream; a full disk under it
// was found only at the end, after every chunk had been committed without
// its rejects.
TEST_P(RunSummaryJson, AFullDiskUnderTheRejectsFailsTheFirstChunkWithRejects) {
  std::string file = BaseFile();
  json expected = ExpectedState({file});
  std::set<int64_t> rejected = RejectedRows(expected);
  ASSERT_FALSE(rejected.empty());
  ASSERT_GE(*rejected.begin(), 6) << "want a few chunks without rejects first";
  // Three whole chunks without a reject, then the first one with one.
  const int64_t chunk = *rejected.begin() / 3;
  const int64_t failing_chunk = *rejected.begin() / chunk;

  ProcessResult run =
      Ingest({file, "--chunk-size", std::to_string(chunk), "--rejects",
              "/dev/full", "--summary-json", TempPath("summary.json")});

  EXPECT_EQ(run.exit_code, 1);
  const std::string message =
      file + ": chunk at row " + std::to_string(failing_chunk * chunk) +
      ": writing rejects file '/dev/full' failed: No space left on device";
  EXPECT_EQ(ErrorLines(run.err),
            std::vector<std::string>{"jao-ingest: error: " + message})
      << run.err;
  std::vector<int64_t> present = PresentIds();
  EXPECT_EQ(WholeChunksLoaded(VacancyIdsByRow(file), rejected, chunk, present),
            failing_chunk)
      << present.size() << " vacancies present";
  json summary = ReadJson(TempPath("summary.json"));
  ASSERT_TRUE(summary.is_object()) << "no summary json";
  EXPECT_EQ(summary["outcome"], "failed");
  EXPECT_EQ(summary["error"], message);
  EXPECT_EQ(summary["committed"]["chunks"], failing_chunk);
  EXPECT_EQ(summary["tables"]["vacancies_vacancy"]["inserted"], present.size());
  EXPECT_EQ(summary["tables"]["vacancies_vacancy"]["rejected"], 0);
}

TEST_P(RunSummaryJson, AFailedRunWritesItsErrorAndWhatItCommitted) {
  const int64_t chunk = 300;
  std::string file = BaseFile();
  json expected = ExpectedState({file});
  std::set<int64_t> rejected = RejectedRows(expected);
  const int64_t stop_chunk = *rejected.begin() / chunk;

  ProcessResult run =
      Ingest({file, "--chunk-size", std::to_string(chunk), "--max-rejects", "0",
              "--summary-json", TempPath("summary.json")});

  ASSERT_EQ(run.exit_code, 1);
  std::vector<std::string> errors = ErrorLines(run.err);
  ASSERT_EQ(errors.size(), 1u) << run.err;
  json summary = ReadJson(TempPath("summary.json"));
  ASSERT_TRUE(summary.is_object()) << "no summary json";
  EXPECT_EQ(summary["schema_version"], 1);
  // The run's row in the change feed, closed with the same outcome.
  ASSERT_TRUE(summary["run_id"].is_number_integer()) << summary["run_id"];
  EXPECT_EQ(
      db_->Reader()->Select({{"id", "id", CellKind::kInteger},
                             {"outcome", "outcome", CellKind::kText}},
                            "jao_ingest_run"),
      (std::vector<json>{{{"id", summary["run_id"]}, {"outcome", "failed"}}}));
  EXPECT_EQ(summary["outcome"], "failed");
  EXPECT_EQ("jao-ingest: error: " + summary["error"].get<std::string>(),
            errors[0]);
  EXPECT_EQ(summary["committed"]["chunks"], stop_chunk);
  EXPECT_EQ(summary["committed"]["rows"], stop_chunk * chunk);
  EXPECT_EQ(summary["tables"]["vacancies_vacancy"]["inserted"],
            PresentIds().size());
  EXPECT_LE(summary["started_at"].get<std::string>(),
            summary["finished_at"].get<std::string>());
  EXPECT_NE(run.err.find("run failed: " + std::to_string(stop_chunk) +
                         " chunks committed"),
            std::string::npos)
      << "no text summary on stderr:\n"
      << run.err;
}

TEST_P(RunSummaryJson, ADashWritesTheJsonOnStandardOutput) {
  std::string file = BaseFile();
  json expected = ExpectedState({file});

  ProcessResult run = Ingest({file, "--summary-json", "-"});

  ASSERT_EQ(run.exit_code, 0) << run.err;
  json summary = json::parse(run.out, nullptr, /*allow_exceptions=*/false);
  ASSERT_TRUE(summary.is_object()) << "stdout is not one JSON document:\n"
                                   << run.out;
  EXPECT_EQ(summary["outcome"], "completed");
  EXPECT_TRUE(summary["error"].is_null());
  EXPECT_TRUE(CountsEqual(summary["tables"], SummedCounts(expected, 0, 1)));
  EXPECT_NE(run.err.find("vacancies_vacancy"), std::string::npos)
      << "no text summary on stderr:\n"
      << run.err;
}

INSTANTIATE_TEST_SUITE_P(E2e, RunSummaryJson,
                         ::testing::Values(Backend::kSqlite,
                                           Backend::kPostgresql),
                         [](const auto& instance) {
                           return BackendName(instance.param);
                         });

}  // namespace
}  // namespace jao::e2e
