// Issue 21, item 6: hangs. Old code opened a FIFO given as the input, which
// blocks in open() until a writer comes, and its SIGTERM handler restarted
// the call: `timeout` never ended `ingest`. `inspect` and `cat` blocked in
// the same open(). A first SIGTERM during any wait that does not return (a
// lock held for ever, with --lock-timeout 0) was only a flag nobody read.
// Now a path that is not a regular file is refused without opening it, and
// a first signal ends the process within 30 s even when no stop point comes.
// Every run here goes through `timeout` (or a deadline), so a regression
// fails instead of hanging the suite.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "tools/background_run_support.h"
#include "tools/command_run_support.h"

namespace jao::tools {
namespace {

using testing::RunJao;
using testing::Sample;

// Ends a hung binary: SIGTERM after 10 s, SIGKILL 2 s later (exit 124 or
// 137 then, never the expected status).
constexpr char kGuard[] = "timeout -k 2 10";

// The last line of `err` (the sample's column warning comes first).
std::string LastLine(const std::string& err) {
  if (err.size() < 2) return err;
  const size_t start = err.rfind('\n', err.size() - 2);
  return start == std::string::npos ? err : err.substr(start + 1);
}

class BlockingWait : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::FreshTestFolder("jao_blocking_wait_");
    fifo_ = dir_ + "/f.parquet";
    ASSERT_EQ(mkfifo(fifo_.c_str(), 0600), 0);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string dir_;
  std::string fifo_;
};

TEST_F(BlockingWait, IngestRefusesAFifoInputAtOnce) {
  testing::Run run = RunJao(
      "ingest " + fifo_ + " --quiet --db " + dir_ + "/x.sqlite3", kGuard);
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(run.err,
            "jao-ingest: error: " + fifo_ + ": not a regular file (a fifo)\n");
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/x.sqlite3"));
}

TEST_F(BlockingWait, IngestRefusesAFifoAsTheSecondInputBeforeWriting) {
  testing::Run run = RunJao("ingest " + Sample() + " " + fifo_ +
                                " --quiet --db " + dir_ + "/x.sqlite3",
                            kGuard);
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(LastLine(run.err),
            "jao-ingest: error: " + fifo_ + ": not a regular file (a fifo)\n");
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/x.sqlite3"));
}

TEST_F(BlockingWait, InspectRefusesAFifoAtOnce) {
  testing::Run run = RunJao("inspect " + fifo_, kGuard);
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(run.err,
            "jao-ingest: error: " + fifo_ + ": not a regular file (a fifo)\n");
}

TEST_F(BlockingWait, CatRefusesAFifoAtOnce) {
  testing::Run run = RunJao("cat " + fifo_, kGuard);
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(run.err,
            "jao-ingest: error: " + fifo_ + ": not a regular file (a fifo)\n");
}

// A fifo as an output blocked in open() the same way, until a reader came.
// Now one without a reader fails at once, before any database is made.
TEST_F(BlockingWait, AFifoOutputWithoutAReaderFailsAtOnce) {
  for (const std::string option : {"--rejects", "--summary-json"}) {
    const std::string file = option == "--rejects" ? "rejects" : "summary";
    testing::Run run = RunJao("ingest " + Sample() + " --quiet --db " + dir_ +
                                  "/x.sqlite3 " + option + " " + fifo_,
                              kGuard);
    EXPECT_EQ(run.status, 1) << option;
    EXPECT_EQ(LastLine(run.err), "jao-ingest: error: cannot open " + file +
                                     " file '" + fifo_ +
                                     "': No such device or address\n");
    EXPECT_FALSE(std::filesystem::exists(dir_ + "/x.sqlite3"));
  }
}

// One a reader has open is written in place, as before.
TEST_F(BlockingWait, AFifoOutputWithAReaderGetsTheOutput) {
  const std::string got = dir_ + "/got.jsonl";
  testing::Run run =
      RunJao("ingest " + Sample() + " --quiet --db " + dir_ +
                 "/x.sqlite3 --rejects " + fifo_,
             "(cat " + fifo_ + " > " + got + " &) && sleep 0.3 && " + kGuard);
  EXPECT_EQ(run.status, 0) << run.err;
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(5);
  std::string text;
  while (std::chrono::steady_clock::now() < deadline &&
         (text.empty() || text.back() != '\n')) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::ifstream in(got);
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  EXPECT_NE(text.find("\"reason\":"), std::string::npos) << text;
}

TEST_F(BlockingWait, ADirectoryAsAnOutputIsAUsageError) {
  testing::Run run = RunJao("ingest " + Sample() + " --quiet --db " + dir_ +
                            "/x.sqlite3 --rejects " + dir_);
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.err, "jao-ingest: error: --rejects '" + dir_ +
                         "' is not a regular file (a directory) (see "
                         "'jao-ingest ingest --help')\n");
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/x.sqlite3"));
}

// The test holds the database's write lock and the run waits for it without
// limit (--lock-timeout 0): one SIGTERM, and the process still ends.
TEST_F(BlockingWait, ASigtermEndsARunBlockedInAWaitThatNeverReturns) {
  const std::string db = dir_ + "/x.sqlite3";
  testing::Run first =
      RunJao("ingest " + Sample() + " --quiet --db " + db + " --no-first-load",
             kGuard);
  ASSERT_EQ(first.status, 0) << first.err;
  testing::HeldSqliteWriteLock lock(db);
  ASSERT_TRUE(lock.held());
  testing::BackgroundJao run(
      "ingest " + Sample() + " --quiet --db " + db + " --lock-timeout 0",
      dir_ + "/stderr.txt");
  ASSERT_TRUE(run.started());
  std::this_thread::sleep_for(std::chrono::seconds(1));
  ASSERT_TRUE(run.Running()) << "the run did not wait: " << run.Stderr();
  const auto signalled = std::chrono::steady_clock::now();
  kill(run.pid(), SIGTERM);
  // 30 s of grace, and some time to spare on a loaded machine.
  std::optional<int> status = run.WaitFor(std::chrono::seconds(45));
  ASSERT_TRUE(status.has_value()) << "still running 45 s after SIGTERM";
  EXPECT_EQ(*status, 128 + SIGTERM);
  EXPECT_GE(std::chrono::steady_clock::now() - signalled,
            std::chrono::seconds(29))
      << "ended before its grace";
  EXPECT_EQ(LastLine(run.Stderr()),
            "jao-ingest: SIGTERM: no stop point reached within 30 s: stopping "
            "now; the database rolls back the chunk in flight\n");
}

TEST_F(BlockingWait, ChangesTakesALockTimeout) {
  const std::string db = dir_ + "/x.sqlite3";
  testing::Run first = RunJao("ingest " + Sample() + " --quiet --db " + db);
  ASSERT_EQ(first.status, 0) << first.err;
  testing::Run changes =
      RunJao("changes --db " + db + " --lock-timeout 1 --since 0", kGuard);
  EXPECT_EQ(changes.status, 0) << changes.err;
  EXPECT_EQ(changes.out.rfind("{\"run_id\":1,", 0), 0u);
  testing::Run bad = RunJao("changes --db " + db + " --lock-timeout -1");
  EXPECT_EQ(bad.status, 2) << bad.err;
}

}  // namespace
}  // namespace jao::tools
