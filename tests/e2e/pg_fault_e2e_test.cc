// End to end, PostgreSQL only: the server drops the ingester mid-run.
//
// How the fault is made: once the first chunks are committed (polling
// count(*) of vacancies_vacancy), the admin connection calls
// pg_terminate_backend on every backend of the test's database, which is
// what the ingester sees when the server is shut down or restarted (its
// connection is closed mid-transaction, "terminating connection due to
// administrator command"). Stopping the whole throwaway cluster instead
// would also take down the other tests running in parallel, and killing the
// server process from a test is racy; terminating the backend is the
// reliable way to cut exactly this run's connection.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "e2e/db_dump_support.h"
#include "e2e/expectation_match_support.h"
#include "e2e/fixture_cache_support.h"
#include "e2e/ingest_run_support.h"

namespace jao::e2e {
namespace {

using nlohmann::json;

class PgFault : public IngestRunTest {
 protected:
  void SetUp() override { StartWith(Backend::kPostgresql); }

  // Vacancies committed so far; 0 before the schema exists.
  int64_t CommittedVacancies() {
    std::unique_ptr<DatabaseReader> reader = db_->Reader();
    if (!reader->HasTable("vacancies_vacancy")) return 0;
    return reader
        ->Select({{"n", "count(*)", CellKind::kInteger}}, "vacancies_vacancy")
        .at(0)
        .at("n")
        .get<int64_t>();
  }
};

TEST_F(PgFault,
       TerminatedConnectionStopsTheRunWithWholeChunksAndARerunConverges) {
  const std::string kPassword = "pw-e2e-s3cret";
  const int64_t chunk = 500;
  std::string file = BigFile();
  json expected = ExpectedState({file});
  std::vector<std::optional<int64_t>> ids = VacancyIdsByRow(file);
  int64_t chunks = (static_cast<int64_t>(ids.size()) + chunk - 1) / chunk;

  std::unique_ptr<ChildProcess> run = StartIngest(
      {file, "--chunk-size", std::to_string(chunk)}, "ingest", kPassword);
  bool terminated = false;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (run->Running() && std::chrono::steady_clock::now() < deadline) {
    if (CommittedVacancies() > 0) {
      db_->AdminQuery(
          "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
          "WHERE datname = '" +
          db_->name() + "'");
      terminated = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ProcessResult result = run->Wait();

  ASSERT_TRUE(terminated) << "the ingest ended (exit " << result.exit_code
                          << ") before any chunk was seen committed";
  EXPECT_NE(result.exit_code, 0) << "the ingest finished before the fault";
  std::vector<std::string> errors = ErrorLines(result.err);
  ASSERT_EQ(errors.size(), 1u) << result.err;
  RecordProperty("error_line", errors[0]);
  // The pipeline names the file and the chunk; the loader the failure.
  EXPECT_EQ(
      errors[0].rfind("jao-ingest: error: " + file + ": chunk at row ", 0), 0u)
      << errors[0];
  EXPECT_EQ(result.err.find(kPassword), std::string::npos) << result.err;
  EXPECT_EQ(result.out.find(kPassword), std::string::npos) << result.out;

  std::optional<int64_t> whole =
      WholeChunksLoaded(ids, RejectedRows(expected), chunk, PresentIds());
  ASSERT_TRUE(whole.has_value()) << "vacancies present are not whole chunks";
  EXPECT_GE(*whole, 1);
  EXPECT_LT(*whole, chunks);
  RecordProperty("chunks_committed_before_the_fault", static_cast<int>(*whole));

  ProcessResult rerun = Ingest({file, "--chunk-size", std::to_string(chunk)});

  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_TRUE(TablesEqual(Dump(), expected["tables"]));
}

}  // namespace
}  // namespace jao::e2e
