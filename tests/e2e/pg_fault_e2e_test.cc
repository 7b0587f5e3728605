// End to end, PostgreSQL only: the ingester loses its server mid-run.
//
// Two faults, made once the first chunks are committed (polling count(*)
// of vacancies_vacancy):
//  - the admin connection of the shared cluster calls pg_terminate_backend
//    on every backend of the test's database: what the ingester sees when
//    the server is restarted under it ("terminating connection due to
//    administrator command"), without touching the other tests' databases;
//  - the test's own private cluster (private_cluster_support.h) is really
//    stopped (pg_ctl stop), then started again for the checks and the
//    rerun. The shared cluster cannot be stopped: other tests run against
//    it in parallel.
// Either way: exit non-zero with one error line and no password, whole
// chunks only in the database, and a rerun converges on the expectation.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "e2e/db_dump_support.h"
#include "e2e/expectation_match_support.h"
#include "e2e/fixture_cache_support.h"
#include "e2e/ingest_run_support.h"
#include "e2e/private_cluster_support.h"

namespace jao::e2e {
namespace {

using nlohmann::json;

class PgFault : public IngestRunTest {
 protected:
  // Ingests BigFile in chunks of 500 (chunk by chunk: --no-first-load;
  // pg_first_load_e2e_test.cc kills a first load), runs `fault` once a chunk is
  // committed, then `recover` (the database reachable again), and checks
  // the stopped run and the rerun.
  void CheckFaultThenRerun(const std::function<void()>& fault,
                           const std::function<void()>& recover) {
    const std::string kPassword = "pw-e2e-s3cret";
    const int64_t chunk = 500;
    std::string file = BigFile();
    json expected = ExpectedState({file});
    std::vector<std::optional<int64_t>> ids = VacancyIdsByRow(file);
    int64_t chunks = (static_cast<int64_t>(ids.size()) + chunk - 1) / chunk;

    std::unique_ptr<ChildProcess> run = StartIngest(
        {file, "--chunk-size", std::to_string(chunk), "--no-first-load"},
        "ingest", kPassword);
    bool faulted = false;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (run->Running() && std::chrono::steady_clock::now() < deadline) {
      if (CommittedVacancies() > 0) {
        fault();
        faulted = true;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ProcessResult result = run->Wait();
    recover();

    ASSERT_TRUE(faulted) << "the ingest ended (exit " << result.exit_code
                         << ") before any chunk was seen committed";
    EXPECT_NE(result.exit_code, 0) << "the ingest finished before the fault";
    std::vector<std::string> errors = ErrorLines(result.err);
    ASSERT_EQ(errors.size(), 1u) << result.err;
    RecordProperty("error_line", errors[0]);
    // The pipeline names the file and the chunk; the loader the failure.
    const std::string prefix = "jao-ingest: error: " + file + ": chunk at row ";
    EXPECT_EQ(errors[0].rfind(prefix, 0), 0u) << errors[0];
    EXPECT_NE(errors[0].find(": postgresql connection lost: server closed "
                             "the connection unexpectedly"),
              std::string::npos)
        << errors[0];
    EXPECT_EQ(result.err.find(kPassword), std::string::npos) << result.err;
    EXPECT_EQ(result.out.find(kPassword), std::string::npos) << result.out;

    std::vector<int64_t> present = PresentIds();
    std::optional<int64_t> whole =
        WholeChunksLoaded(ids, RejectedRows(expected), chunk, present);
    ASSERT_TRUE(whole.has_value()) << "vacancies present are not whole chunks";
    EXPECT_GE(*whole, 1);
    EXPECT_LT(*whole, chunks);
    RecordProperty("chunks_committed_before_the_fault",
                   static_cast<int>(*whole));
    // Each committed vacancy came with all of its rows: one vacancystatistic
    // each, and the vacancies whose rows all lie in the committed chunks are
    // already in their final state, links and statistics included.
    json dump = Dump();
    EXPECT_EQ(dump["application_statistics_vacancystatistic"].size(),
              present.size());
    std::set<int64_t> settled = IdsOnlyBefore(ids, *whole * chunk);
    EXPECT_TRUE(TablesEqual(RowsOfVacancies(dump, settled),
                            RowsOfVacancies(expected["tables"], settled)));

    ProcessResult rerun = Ingest({file, "--chunk-size", std::to_string(chunk)});

    ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
    EXPECT_TRUE(TablesEqual(Dump(), expected["tables"]));
  }
};

TEST_F(PgFault,
       TerminatedConnectionStopsTheRunWithWholeChunksAndARerunConverges) {
  StartWith(Backend::kPostgresql);
  if (IsSkipped()) return;

  CheckFaultThenRerun(
      [&] {
        db_->AdminQuery(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = '" +
            db_->name() + "'");
      },
      [] {});
}

TEST_F(PgFault, StoppedServerStopsTheRunWithWholeChunksAndARerunConverges) {
  if (std::optional<std::string> reason = PrivateClusterSkipReason()) {
    GTEST_SKIP() << *reason;
  }
  PrivateCluster cluster;
  StartWith(Backend::kPostgresql, cluster.admin_url());

  CheckFaultThenRerun([&] { cluster.Stop("fast"); }, [&] { cluster.Start(); });
  // The test's database goes before its cluster.
  db_.reset();
}

}  // namespace
}  // namespace jao::e2e
