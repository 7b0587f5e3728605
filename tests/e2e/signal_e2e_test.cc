// End to end: SIGTERM and SIGINT while chunks are being loaded, on SQLite and
// PostgreSQL. The chunk in flight commits or rolls back whole, the rejects
// file holds exactly the rejects of the committed chunks in whole lines, the
// summary (text and --summary-json) says "interrupted", one stderr line
// tells how many chunks were committed, the exit status is 128 + the signal,
// and a rerun converges on the expectation.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "e2e/expectation_match_support.h"
#include "e2e/fixture_cache_support.h"
#include "e2e/ingest_run_support.h"
#include "e2e/interrupted_run_support.h"

namespace jao::e2e {
namespace {

using nlohmann::json;

class StoppedBySignal
    : public IngestRunTest,
      public ::testing::WithParamInterface<std::tuple<Backend, int>> {
 protected:
  void SetUp() override { StartWith(std::get<0>(GetParam())); }
};

TEST_P(StoppedBySignal, LeavesWholeChunksTheirRejectsAndAnInterruptedSummary) {
  const int signal_number = std::get<1>(GetParam());
  const std::string signal_name =
      signal_number == SIGINT ? "SIGINT" : "SIGTERM";
  const int64_t chunk = 50;
  std::string file = ManyChunksFile();
  json expected = ExpectedState({file});
  std::vector<std::optional<int64_t>> ids = VacancyIdsByRow(file);
  const int64_t chunks = (static_cast<int64_t>(ids.size()) + chunk - 1) / chunk;
  std::vector<std::string> args = {file,
                                   "--chunk-size",
                                   std::to_string(chunk),
                                   "--rejects",
                                   TempPath("rejects.jsonl"),
                                   "--summary-json",
                                   TempPath("summary.json")};
  // A first load into empty tables is one transaction committed at the
  // end; this test signals once a chunk is seen committed, so it takes the
  // chunked path.
  args.push_back("--no-first-load");

  std::unique_ptr<ChildProcess> run = StartIngest(args, "ingest");
  CommitWatcher watcher(*db_);
  bool signalled = false;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (run->Running() && std::chrono::steady_clock::now() < deadline) {
    if (watcher.Count() > 0) {
      kill(run->pid(), signal_number);
      signalled = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ProcessResult result = run->Wait();

  ASSERT_TRUE(signalled) << "the ingest ended (exit " << result.exit_code
                         << ") before any chunk was seen committed";
  EXPECT_EQ(result.exit_code, 128 + signal_number) << result.err;
  EXPECT_TRUE(ErrorLines(result.err).empty()) << result.err;
  std::optional<int64_t> reported = ChunksInStopLine(result.err);
  ASSERT_TRUE(reported.has_value()) << "no stop line:\n" << result.err;
  EXPECT_GE(*reported, 1);
  EXPECT_LT(*reported, chunks) << "every chunk was committed";
  RecordProperty("chunks_committed", static_cast<int>(*reported));

  std::vector<int64_t> present = PresentIds();
  EXPECT_EQ(WholeChunksLoaded(ids, RejectedRows(expected), chunk, present),
            reported)
      << present.size() << " vacancies present";
  std::string rejects = ReadFileText(TempPath("rejects.jsonl"));
  EXPECT_TRUE(WholeJsonLines(rejects));
  EXPECT_EQ(RejectFileKeys(rejects),
            ExpectedRejectKeysBefore(expected, *reported * chunk));

  json summary = ReadJson(TempPath("summary.json"));
  ASSERT_TRUE(summary.is_object()) << "no summary json";
  EXPECT_EQ(summary["outcome"], "interrupted");
  EXPECT_EQ(RunOutcomes(), std::vector<std::string>{"interrupted"});
  EXPECT_EQ(summary["stopped_by"], signal_name);
  EXPECT_TRUE(summary["error"].is_null());
  EXPECT_EQ(summary["committed"]["chunks"], *reported);
  EXPECT_EQ(summary["committed"]["rows"], *reported * chunk);
  EXPECT_EQ(summary["tables"]["vacancies_vacancy"]["inserted"], present.size());
  EXPECT_NE(result.err.find("run interrupted by " + signal_name),
            std::string::npos)
      << "no text summary on stderr:\n"
      << result.err;

  ProcessResult rerun = Ingest(args);

  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_TRUE(TablesEqual(Dump(), expected["tables"]));
  EXPECT_EQ(RejectFileKeys(ReadFileText(TempPath("rejects.jsonl"))),
            ExpectedRejectKeys(expected));
  EXPECT_EQ(ReadJson(TempPath("summary.json"))["outcome"], "completed");
}

INSTANTIATE_TEST_SUITE_P(
    E2e, StoppedBySignal,
    ::testing::Combine(::testing::Values(Backend::kSqlite,
                                         Backend::kPostgresql),
                       ::testing::Values(SIGTERM, SIGINT)),
    [](const auto& instance) {
      return BackendName(std::get<0>(instance.param)) +
             (std::get<1>(instance.param) == SIGINT ? "_sigint" : "_sigterm");
    });

}  // namespace
}  // namespace jao::e2e
