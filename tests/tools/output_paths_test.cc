// Issue 21, item 1: an output path that is the database or an input
// destroyed it. Old code opened --rejects with truncation before SQLite
// opened the database (`--rejects z.sqlite3` emptied the loaded database and
// loaded into a fresh file, exit 0), wrote --summary-json over the database,
// and truncated an input named as an output. Each is refused now with exit
// 2 before anything is opened for writing, by file identity (a symlink, a
// hard link, another spelling) or, for a file not there yet, by resolved
// path. The summary JSON replaces the previous one atomically: old code
// truncated it at the start, so a run killed mid-way left it empty.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "tools/background_run_support.h"
#include "tools/command_run_support.h"

namespace jao::tools {
namespace {

using testing::RunJao;
using testing::Sample;

std::string Small() {
  return std::string(JAO_SOURCE_DIR) +
         "/tests/ingest/data/small-legacy.parquet";
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void WriteAll(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

// The whole stderr of a refused run: one usage-error line.
std::string UsageError(const std::string& message) {
  return "jao-ingest: error: " + message +
         " (see 'jao-ingest ingest --help')\n";
}

std::string SameFile(const std::string& a, const std::string& b) {
  return a + " and " + b +
         " are the same file: writing one would destroy the other";
}

class OutputPaths : public ::testing::Test {
 protected:
  // A folder a test (ctest runs them in parallel) and a loaded database.
  void SetUp() override {
    dir_ = testing::FreshTestFolder("jao_output_paths_");
    db_ = dir_ + "/z.sqlite3";
    testing::Run first = RunJao("ingest " + Small() + " --quiet --db " + db_);
    ASSERT_EQ(first.status, 0) << first.err;
    db_bytes_ = ReadAll(db_);
    ASSERT_GT(db_bytes_.size(), 0u);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // `ingest <later file> --db <db> ARGS`, expected to be refused with
  // `message`, the database left byte for byte as it was.
  void ExpectRefused(const std::string& args, const std::string& message) {
    testing::Run run =
        RunJao("ingest " + Sample() + " --quiet --db " + db_ + " " + args);
    EXPECT_EQ(run.status, 2) << args;
    EXPECT_EQ(run.err, UsageError(message)) << args;
    EXPECT_TRUE(ReadAll(db_) == db_bytes_) << "the database changed: " << args;
  }
  // A copy of the sample export in the folder, as an input to protect.
  std::string InputCopy() {
    const std::string input = dir_ + "/x.parquet";
    std::filesystem::copy_file(Sample(), input);
    return input;
  }

  std::string dir_;
  std::string db_;
  std::string db_bytes_;
};

TEST_F(OutputPaths, RejectsNamingTheDatabaseIsRefused) {
  ExpectRefused("--rejects " + db_,
                SameFile("--rejects '" + db_ + "'", "--db '" + db_ + "'"));
}

TEST_F(OutputPaths, RejectsNamingTheDatabaseIsRefusedInADryRunToo) {
  ExpectRefused("--dry-run --rejects " + db_,
                SameFile("--rejects '" + db_ + "'", "--db '" + db_ + "'"));
}

TEST_F(OutputPaths, SummaryJsonNamingTheDatabaseIsRefused) {
  ExpectRefused("--summary-json " + db_,
                SameFile("--summary-json '" + db_ + "'", "--db '" + db_ + "'"));
}

TEST_F(OutputPaths, ASymlinkToTheDatabaseAsRejectsIsRefused) {
  const std::string link = dir_ + "/link.jsonl";
  std::filesystem::create_symlink(db_, link);
  ExpectRefused("--rejects " + link,
                SameFile("--rejects '" + link + "'", "--db '" + db_ + "'"));
}

TEST_F(OutputPaths, AHardLinkToTheDatabaseAsRejectsIsRefused) {
  const std::string link = dir_ + "/hard.jsonl";
  std::filesystem::create_hard_link(db_, link);
  ExpectRefused("--rejects " + link,
                SameFile("--rejects '" + link + "'", "--db '" + db_ + "'"));
}

TEST_F(OutputPaths, AnotherSpellingOfTheDatabaseIsRefused) {
  // Relative database, absolute and dotted outputs, from the folder.
  testing::Run run = RunJao(
      "ingest " + Sample() + " --quiet --db z.sqlite3 --rejects ./z.sqlite3",
      "cd " + dir_ + " &&");
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.err, UsageError(SameFile("--rejects './z.sqlite3'",
                                         "--db 'z.sqlite3'")));
  run =
      RunJao("ingest " + Sample() + " --quiet --db sqlite:///z.sqlite3 " +
                 "--summary-json " + dir_ + "/../" +
                 std::filesystem::path(dir_).filename().string() + "/z.sqlite3",
             "cd " + dir_ + " &&");
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("and --db 'sqlite:///z.sqlite3' are the same file"),
            std::string::npos)
      << run.err;
  EXPECT_TRUE(ReadAll(db_) == db_bytes_);
}

TEST_F(OutputPaths, TheDatabaseFromDatabaseUrlIsProtectedToo) {
  testing::Run run = RunJao("ingest " + Sample() + " --quiet --rejects " + db_,
                            "DATABASE_URL=sqlite:///" + db_);
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.err,
            UsageError(SameFile("--rejects '" + db_ + "'",
                                "DATABASE_URL 'sqlite:///" + db_ + "'")));
  EXPECT_TRUE(ReadAll(db_) == db_bytes_);
}

// The side files SQLite keeps beside the database: -wal and -shm exist only
// while it is open (the run lock keeps no file).
TEST_F(OutputPaths, TheDatabasesSideFilesAreRefusedAsOutputs) {
  for (const std::string suffix : {"-wal", "-shm", "-journal"}) {
    const std::string side = db_ + suffix;
    ExpectRefused("--rejects " + side,
                  "--rejects '" + side + "' is the " + suffix +
                      " file of --db '" + db_ +
                      "': writing it would damage the database");
    ExpectRefused("--summary-json " + dir_ + "/./z.sqlite3" + suffix,
                  "--summary-json '" + dir_ + "/./z.sqlite3" + suffix +
                      "' is the " + suffix + " file of --db '" + db_ +
                      "': writing it would damage the database");
  }
}

TEST_F(OutputPaths, AnOutputNamingAnInputIsRefusedAndTheInputSurvives) {
  const std::string input = InputCopy();
  const std::string other_db = dir_ + "/other.sqlite3";
  for (const std::string option : {"--rejects", "--summary-json"}) {
    // The input second, after one that loads.
    testing::Run run =
        RunJao("ingest " + Small() + " " + input + " --quiet --db " + other_db +
               " " + option + " " + input);
    EXPECT_EQ(run.status, 2) << option;
    EXPECT_EQ(run.err, UsageError(SameFile(option + " '" + input + "'",
                                           "input '" + input + "'")));
    EXPECT_TRUE(ReadAll(input) == ReadAll(Sample())) << "the input changed";
    EXPECT_FALSE(std::filesystem::exists(other_db));
  }
}

TEST_F(OutputPaths, TheDatabaseNamingAnInputIsRefused) {
  const std::string input = InputCopy();
  testing::Run run = RunJao("ingest " + input + " --quiet --db " + input);
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.err, UsageError(SameFile("--db '" + input + "'",
                                         "input '" + input + "'")));
  EXPECT_TRUE(ReadAll(input) == ReadAll(Sample())) << "the input changed";
}

TEST_F(OutputPaths, RejectsAndSummaryJsonNamingOneFileAreRefused) {
  const std::string out = dir_ + "/out.txt";
  testing::Run run = RunJao("ingest " + Sample() + " --quiet --db " + dir_ +
                            "/other.sqlite3 --rejects " + out +
                            " --summary-json " + dir_ + "/./out.txt");
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.err,
            UsageError(SameFile("--summary-json '" + dir_ + "/./out.txt'",
                                "--rejects '" + out + "'")));
  EXPECT_FALSE(std::filesystem::exists(out));
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/other.sqlite3"));
}

// Old code truncated the summary file at the start: a run killed while it
// waited (here for the test's write lock) left it empty.
TEST_F(OutputPaths, ARunKilledMidWayLeavesThePreviousSummaryJson) {
  const std::string summary = dir_ + "/summary.json";
  const std::string previous = "{\"previous\": true}\n";
  WriteAll(summary, previous);
  {
    testing::HeldSqliteWriteLock lock(db_);
    ASSERT_TRUE(lock.held());
    testing::BackgroundJao run("ingest " + Sample() + " --quiet --db " + db_ +
                                   " --lock-timeout 0 --summary-json " +
                                   summary,
                               dir_ + "/stderr.txt");
    ASSERT_TRUE(run.started());
    std::this_thread::sleep_for(std::chrono::seconds(1));
    ASSERT_TRUE(run.Running())
        << "the run did not wait for the lock: " << run.Stderr();
    kill(run.pid(), SIGKILL);
    EXPECT_EQ(run.WaitFor(std::chrono::seconds(10)), 128 + SIGKILL);
  }
  EXPECT_EQ(ReadAll(summary), previous);
  // Nothing of the killed run's is left beside it but what a kill leaves.
  testing::Run finished = RunJao("ingest " + Sample() + " --quiet --db " + db_ +
                                 " --summary-json " + summary);
  ASSERT_EQ(finished.status, 0) << finished.err;
  nlohmann::json json = nlohmann::json::parse(ReadAll(summary), nullptr,
                                              /*allow_exceptions=*/false);
  ASSERT_TRUE(json.is_object()) << ReadAll(summary);
  EXPECT_EQ(json["outcome"], "completed");
  for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
    EXPECT_EQ(entry.path().filename().string().find("summary.json."),
              std::string::npos)
        << "a temporary file was left: " << entry.path();
  }
}

// The promise kept from the old code: a summary that cannot be written is
// found before any work, nothing created.
TEST_F(OutputPaths, AnUnwritableSummaryPathIsFoundBeforeAnyWork) {
  const std::string other_db = dir_ + "/other.sqlite3";
  const std::string summary = dir_ + "/no-such-dir/summary.json";
  testing::Run run = RunJao("ingest " + Sample() + " --quiet --db " + other_db +
                            " --summary-json " + summary);
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(run.err, "jao-ingest: error: cannot open summary file '" + summary +
                         "': No such file or directory\n");
  EXPECT_FALSE(std::filesystem::exists(other_db));
}

}  // namespace
}  // namespace jao::tools
