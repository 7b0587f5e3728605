// Issue 21, item 6, PostgreSQL: `jao-ingest changes` takes the feed's
// run-insert barrier, the advisory lock (0x6a616f66, 0), exclusively while
// it reads the runs. Old code waited for it without limit (and had no
// --lock-timeout): a session holding it hung every reader. Now the wait
// ends after --lock-timeout seconds with an error naming the lock.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <signal.h>

#include <chrono>
#include <thread>

#include "e2e/ingest_run_support.h"

namespace jao::e2e {
namespace {

class ChangesLockTimeout : public IngestRunTest {
 protected:
  void SetUp() override { StartWith(Backend::kPostgresql); }
};

TEST_F(ChangesLockTimeout, EndsAWaitForTheRunInsertBarrierNamingTheLock) {
  ProcessResult ingest =
      Ingest({std::string(JAO_SOURCE_DIR) +
                  "/fixtures/sample/vacancies-sample.parquet",
              "--quiet"});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;

  // Another session of the same database holds the barrier.
  PGconn* holder = PQconnectdb(db_->DbArgument().c_str());
  ASSERT_EQ(PQstatus(holder), CONNECTION_OK) << PQerrorMessage(holder);
  PGresult* locked =
      PQexec(holder, "SELECT pg_advisory_lock(1784770406, 0)");  // 0x6a616f66
  ASSERT_EQ(PQresultStatus(locked), PGRES_TUPLES_OK) << PQerrorMessage(holder);
  PQclear(locked);

  ChildProcess changes(
      {JAO_BINARY, "changes", "--lock-timeout", "1", "--db", db_->DbArgument()},
      "", TempPath("changes.out"), TempPath("changes.err"));
  const auto started = std::chrono::steady_clock::now();
  while (changes.Running() && std::chrono::steady_clock::now() - started <
                                  std::chrono::seconds(20)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const bool ended = !changes.Running();
  if (!ended) kill(changes.pid(), SIGKILL);
  ProcessResult result = changes.Wait();
  const auto took = std::chrono::steady_clock::now() - started;
  PQfinish(holder);

  ASSERT_TRUE(ended) << "changes still waited 20 s after it started";
  EXPECT_LT(took, std::chrono::seconds(10));
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err,
            "jao-ingest: error: jao_ingest_run: lock wait on advisory lock "
            "(1784770406, 0), the change feed's run-insert barrier, exceeded "
            "1 s (another session holds it; see pg_locks)\n");

  // Released, the same command reads the feed.
  ProcessResult again = Changes({"--lock-timeout", "1", "--since", "0"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_FALSE(again.out.empty());
}

}  // namespace
}  // namespace jao::e2e
