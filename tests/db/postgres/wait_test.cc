// Waits that must end: a server that accepts and never answers ends the
// connect after connect_timeout, and a lock held by another session ends
// the chunk after lock_timeout with the table named and nothing written.
// Each call runs under a guard far longer than the timeout: before the
// timeouts existed (issue 9, defect 5) these calls hung, and the guard
// unblocks them and fails the test instead of hanging the suite.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <thread>
#include <vector>

#include "common/status_matchers_support.h"
#include "db/backends.h"
#include "test_support.h"

namespace jao::db::postgres {
namespace {

constexpr auto kGuard = std::chrono::seconds(40);

// Runs `work` on a thread. If it has not returned within kGuard, calls
// `unblock` (which must make it return) and returns false.
bool FinishesWithinGuard(const std::function<void()>& work,
                         const std::function<void()>& unblock) {
  std::promise<void> done;
  std::future<void> finished = done.get_future();
  std::thread worker([&] {
    work();
    done.set_value();
  });
  const bool in_time = finished.wait_for(kGuard) == std::future_status::ready;
  if (!in_time) unblock();
  worker.join();
  return in_time;
}

// A TCP listener on 127.0.0.1 that accepts connections and never sends a
// byte, until Stop() closes them.
class SilentServer {
 public:
  SilentServer() {
    listener_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    if (bind(listener_, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
        listen(listener_, 4) != 0 ||
        getsockname(listener_, reinterpret_cast<sockaddr*>(&address),
                    &length) != 0) {
      ADD_FAILURE() << "cannot listen on 127.0.0.1";
      return;
    }
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { Accept(); });
  }
  ~SilentServer() { Stop(); }

  int port() const { return port_; }
  void Stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    for (int fd : accepted_) {
      shutdown(fd, SHUT_RDWR);
      close(fd);
    }
    accepted_.clear();
    if (listener_ >= 0) close(listener_);
    listener_ = -1;
  }
  // Closes the accepted connections now (the client then sees EOF).
  void HangUp() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    for (int fd : accepted_) shutdown(fd, SHUT_RDWR);
  }

 private:
  void Accept() {
    while (!stop_) {
      pollfd p{listener_, POLLIN, 0};
      if (poll(&p, 1, 100) > 0) {
        const int fd = accept(listener_, nullptr, nullptr);
        if (fd >= 0) accepted_.push_back(fd);
      }
    }
  }

  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::vector<int> accepted_;
};

std::string SilentUrl(const SilentServer& server, std::string_view query) {
  return "postgresql://jao@127.0.0.1:" + std::to_string(server.port()) +
         "/jao" + std::string(query);
}

TEST(PgConnectTimeout, SilentServerEndsAfterTheUrlsConnectTimeout) {
  SilentServer server;
  Result<std::unique_ptr<Loader>> loader =
      Status::Internal("OpenLoader never returned");
  ASSERT_TRUE(FinishesWithinGuard(
      [&] { loader = OpenLoader(SilentUrl(server, "?connect_timeout=2")); },
      [&] { server.HangUp(); }))
      << "the connect did not end within the guard";
  ASSERT_THAT(
      loader,
      StatusIs(::testing::_,
               "postgresql connection to postgresql://jao@127.0.0.1:" +
                   std::to_string(server.port()) +
                   "/jao failed: connection to server at \"127.0.0.1\", port " +
                   std::to_string(server.port()) + " failed: timeout expired"));
}

TEST(PgConnectTimeout, SilentServerEndsAfterTheDefaultConnectTimeout) {
  if (std::getenv("PGCONNECT_TIMEOUT") != nullptr) {
    GTEST_SKIP() << "PGCONNECT_TIMEOUT is set: the default is not used";
  }
  SilentServer server;
  Result<std::unique_ptr<Loader>> loader =
      Status::Internal("OpenLoader never returned");
  const auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(
      FinishesWithinGuard([&] { loader = OpenLoader(SilentUrl(server, "")); },
                          [&] { server.HangUp(); }))
      << "the connect did not end within the guard";
  ASSERT_FALSE(loader.ok());
  EXPECT_TRUE(loader.status().message().ends_with("failed: timeout expired"))
      << loader.status().message();
  // Not a speed check: it must not have ended before the default timeout.
  EXPECT_GE(std::chrono::steady_clock::now() - start,
            std::chrono::seconds(kDefaultConnectTimeoutSeconds - 1));
}

class PgLockTimeoutTest : public PgTest {
 protected:
  void SetUp() override {
    PgTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto connection = PgConnection::Connect(Conninfo());
    ASSERT_THAT(connection, IsOk());
    loader_ = std::make_unique<PostgresLoader>(std::move(*connection));
    ASSERT_THAT(loader_->EnsureSchema(), IsOk());
    ASSERT_THAT(loader_->connection().SetLockTimeout(1000), IsOk());
    other_ = ConnectOrDie();
  }

  // Loads `chunk` under the guard; the other session's transaction is
  // rolled back if the guard fires.
  Result<LoadCounts> LoadGuarded(Chunk chunk) {
    Result<LoadCounts> counts = Status::Internal("LoadChunk never returned");
    EXPECT_TRUE(FinishesWithinGuard([&] { counts = loader_->LoadChunk(chunk); },
                                    [&] {
                                      (void)other_->Exec(
                                          "SELECT pg_cancel_backend(pid) "
                                          "FROM pg_stat_activity WHERE "
                                          "pid <> pg_backend_pid() AND "
                                          "wait_event_type = 'Lock'");
                                    }))
        << "the chunk did not end within the guard";
    return counts;
  }

  std::unique_ptr<PostgresLoader> loader_;
  std::unique_ptr<PgConnection> other_;
};

TEST_F(PgLockTimeoutTest, LockedTableEndsTheChunkNamingTheTable) {
  ASSERT_THAT(other_->Exec("BEGIN"), IsOk());
  ASSERT_THAT(
      other_->Exec(
          "LOCK TABLE application_statistics_vacancystatistic IN ACCESS "
          "EXCLUSIVE MODE"),
      IsOk());
  Result<LoadCounts> counts = LoadGuarded(ChunkOf({SampleVacancy(1, kMay1Us)}));
  ASSERT_THAT(
      counts,
      StatusIs(::testing::_,
               "lock wait on table \"application_statistics_vacancystatistic\" "
               "exceeded 1 s "
               "(another session holds a lock)"));
  ASSERT_THAT(other_->Exec("ROLLBACK"), IsOk());
  // The vacancy was COPYed before the statistic table was reached: rolled
  // back with the chunk.
  EXPECT_EQ(Query("SELECT count(*) FROM vacancies_vacancy"), "0");
  EXPECT_EQ(Query("SELECT count(*) FROM organisations_department"), "0");
  // The loader goes on once the lock is gone.
  ASSERT_THAT(loader_->LoadChunk(ChunkOf({SampleVacancy(1, kMay1Us)})), IsOk());
  EXPECT_EQ(Query("SELECT count(*) FROM vacancies_vacancy"), "1");
}

TEST_F(PgLockTimeoutTest, LockedRowEndsTheChunkNamingTheTableAndRow) {
  ASSERT_THAT(loader_->LoadChunk(ChunkOf({SampleVacancy(1, kMay1Us)})), IsOk());
  ASSERT_THAT(other_->Exec("BEGIN"), IsOk());
  ASSERT_THAT(
      other_->Exec("SELECT 1 FROM vacancies_vacancy WHERE id = 1 FOR UPDATE"),
      IsOk());
  Result<LoadCounts> counts = LoadGuarded(
      ChunkOf({SampleVacancy(1, kJune1Us), SampleVacancy(2, kJune1Us)}));
  ASSERT_THAT(
      counts,
      StatusIs(::testing::_,
               "lock wait on table \"vacancies_vacancy\" exceeded 1 s (another "
               "session holds a lock on row (0,1))"));
  ASSERT_THAT(other_->Exec("ROLLBACK"), IsOk());
  EXPECT_EQ(Query("SELECT count(*) FROM vacancies_vacancy"), "1");
  EXPECT_EQ(Query("SELECT last_updated = '2023-05-01Z' FROM vacancies_vacancy"),
            "t");
}

// A record the database already holds at its version is skipped before any
// lock is taken: a row another session holds (the app editing it) does not
// stop a later export that does not write it. Before, every stored row of
// the chunk was locked first, and this chunk waited out the lock timeout.
TEST_F(PgLockTimeoutTest, LockedRowTheChunkDoesNotSupersedeIsSkippedUnwaited) {
  ASSERT_THAT(loader_->LoadChunk(ChunkOf({SampleVacancy(1, kJune1Us)})),
              IsOk());
  ASSERT_THAT(other_->Exec("BEGIN"), IsOk());
  ASSERT_THAT(
      other_->Exec("SELECT 1 FROM vacancies_vacancy WHERE id = 1 FOR UPDATE"),
      IsOk());
  Result<LoadCounts> counts = LoadGuarded(
      ChunkOf({SampleVacancy(1, kJune1Us), SampleVacancy(2, kJune1Us)}));
  ASSERT_THAT(counts, IsOk());
  EXPECT_EQ((*counts)["vacancies_vacancy"].skipped, 1);
  EXPECT_EQ((*counts)["vacancies_vacancy"].inserted, 1);
  ASSERT_THAT(other_->Exec("ROLLBACK"), IsOk());
  EXPECT_EQ(Query("SELECT string_agg(id::text, ',' ORDER BY id) FROM "
                  "vacancies_vacancy"),
            "1,2");
}

// Issue 21, defect 8: the first load's statements named every vacancy
// table at once, and a wait on any of them was reported as
// "vacancies_vacancy", the first one named. Each table a lock is held on
// (ACCESS EXCLUSIVE: the emptiness probe waits; SHARE: the first load's
// own lock does) must be the one the message names.
class PgFirstLoadLockTest : public PgTest,
                            public ::testing::WithParamInterface<
                                std::tuple<const char*, const char*, bool>> {};

TEST_P(PgFirstLoadLockTest, NamesTheTableTheLockIsHeldOn) {
  const auto [table, mode, loaded] = GetParam();
  PgLoaderOptions options;
  options.first_load = true;
  std::unique_ptr<PostgresLoader> loader = OpenReadyLoader(options);
  ASSERT_NE(loader, nullptr);
  if (loaded) {
    ASSERT_THAT(loader->LoadChunk(ChunkOf({SampleVacancy(1, kMay1Us)})),
                IsOk());
    ASSERT_THAT(loader->Finish(), IsOk());
    loader = OpenReadyLoader(options);
    ASSERT_NE(loader, nullptr);
  }
  ASSERT_THAT(loader->connection().SetLockTimeout(1000), IsOk());
  std::unique_ptr<PgConnection> other = ConnectOrDie();
  ASSERT_THAT(other->Exec("BEGIN"), IsOk());
  ASSERT_THAT(other->Exec(std::string("LOCK TABLE \"") + table + "\" IN " +
                          mode + " MODE"),
              IsOk());
  Chunk chunk = ChunkOf({SampleVacancy(2, kJune1Us)});
  Result<LoadCounts> counts = Status::Internal("LoadChunk never returned");
  ASSERT_TRUE(FinishesWithinGuard(
      [&] { counts = loader->LoadChunk(chunk); },
      [&] {
        (void)other->Exec(
            "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE "
            "pid <> pg_backend_pid() AND wait_event_type = 'Lock'");
      }))
      << "the chunk did not end within the guard";
  ASSERT_FALSE(counts.ok());
  EXPECT_EQ(counts.status().message(),
            std::string("lock wait on table \"") + table +
                "\" exceeded 1 s (another session holds a lock)");
  ASSERT_THAT(other->Exec("ROLLBACK"), IsOk());
}

INSTANTIATE_TEST_SUITE_P(
    Db, PgFirstLoadLockTest,
    ::testing::Values(std::make_tuple("application_statistics_genderstatistic",
                                      "ACCESS EXCLUSIVE", false),
                      std::make_tuple("application_statistics_genderstatistic",
                                      "SHARE", false),
                      std::make_tuple("application_statistics_genderstatistic",
                                      "ACCESS EXCLUSIVE", true),
                      std::make_tuple("roles_grade", "SHARE", false),
                      std::make_tuple("vacancies_vacancyroletype",
                                      "ACCESS EXCLUSIVE", false)));

}  // namespace
}  // namespace jao::db::postgres
