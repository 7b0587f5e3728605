// End to end: runs that stop with an error (too many rejects, a missing
// required column) report one error line and leave whole chunks only,
// on SQLite and PostgreSQL alike.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "e2e/db_dump_support.h"
#include "e2e/expectation_match_support.h"
#include "e2e/fixture_cache_support.h"
#include "e2e/ingest_run_support.h"

namespace jao::e2e {
namespace {

using nlohmann::json;

class StoppedRun : public IngestRunTest,
                   public ::testing::WithParamInterface<Backend> {
 protected:
  void SetUp() override { StartWith(GetParam()); }
};

// The number of expected rejects in rows [0, end).
int64_t RejectsBefore(const std::set<int64_t>& rejected, int64_t end) {
  return static_cast<int64_t>(
      std::distance(rejected.begin(), rejected.lower_bound(end)));
}

TEST_P(StoppedRun, MaxRejectsZeroKeepsOnlyTheWholeChunksBeforeTheFirstReject) {
  std::string file = BaseFile();
  json expected = ExpectedState({file});
  std::set<int64_t> rejected = RejectedRows(expected);
  ASSERT_FALSE(rejected.empty());
  int64_t first_reject = *rejected.begin();
  ASSERT_GE(first_reject, 6) << "want a few whole chunks before the reject";
  // Chunks small enough that three whole ones come before the first reject.
  int64_t chunk = first_reject / 3;
  int64_t stop_chunk = first_reject / chunk;
  // The cap is checked per chunk: the count includes that whole chunk.
  int64_t reported = RejectsBefore(rejected, (stop_chunk + 1) * chunk);

  ProcessResult run = Ingest(
      {file, "--max-rejects", "0", "--chunk-size", std::to_string(chunk)});

  EXPECT_NE(run.exit_code, 0);
  EXPECT_EQ(ErrorLines(run.err),
            std::vector<std::string>{"jao-ingest: error: " + file + ": " +
                                     std::to_string(reported) +
                                     " rows rejected, more than "
                                     "--max-rejects 0"})
      << run.err;
  std::vector<int64_t> present = PresentIds();
  EXPECT_EQ(WholeChunksLoaded(VacancyIdsByRow(file), rejected, chunk, present),
            stop_chunk)
      << present.size() << " vacancies present";
}

TEST_P(StoppedRun, MaxRejectsStopsInTheChunkThatPassesTheCap) {
  std::string file = BaseFile();
  json expected = ExpectedState({file});
  std::set<int64_t> rejected = RejectedRows(expected);
  const int64_t chunk = 300;
  // A cap passed in the fourth chunk or later.
  int64_t cap = RejectsBefore(rejected, 3 * chunk);
  ASSERT_LT(cap, static_cast<int64_t>(rejected.size()));
  int64_t passing_row = *std::next(rejected.begin(), cap);
  int64_t stop_chunk = passing_row / chunk;
  int64_t reported = RejectsBefore(rejected, (stop_chunk + 1) * chunk);

  ProcessResult run = Ingest({file, "--max-rejects", std::to_string(cap),
                              "--chunk-size", std::to_string(chunk)});

  EXPECT_NE(run.exit_code, 0);
  EXPECT_EQ(
      ErrorLines(run.err),
      std::vector<std::string>{
          "jao-ingest: error: " + file + ": " + std::to_string(reported) +
          " rows rejected, more than --max-rejects " + std::to_string(cap)})
      << run.err;
  std::vector<int64_t> present = PresentIds();
  EXPECT_LT(present.size(), expected["tables"]["vacancies_vacancy"].size());
  EXPECT_EQ(WholeChunksLoaded(VacancyIdsByRow(file), rejected, chunk, present),
            stop_chunk)
      << present.size() << " vacancies present";
}

TEST_P(StoppedRun, MissingRequiredColumnFailsBeforeWritingAnyVacancy) {
  std::string file = FileWithoutColumn(BaseFile(), "closing_date");

  ProcessResult run = Ingest({file});

  EXPECT_NE(run.exit_code, 0);
  EXPECT_EQ(ErrorLines(run.err),
            std::vector<std::string>{"jao-ingest: error: " + file +
                                     ": missing required column "
                                     "'closing_date'"})
      << run.err;
  EXPECT_TRUE(PresentIds().empty());
}

INSTANTIATE_TEST_SUITE_P(
    E2e, StoppedRun, ::testing::Values(Backend::kSqlite, Backend::kPostgresql),
    [](const auto& instance) { return BackendName(instance.param); });

}  // namespace
}  // namespace jao::e2e
