// Issue 21, item 2: a SQLite target that names no file loaded into memory
// and reported success. Old code mapped `sqlite://`, `sqlite:///` (what
// DATABASE_URL="sqlite:///$UNSET" gives) and `:memory:` to an in-memory
// database: exit 0, a full success table, nothing kept; `--db " "` created a
// file named a space. `ingest` and `changes` refuse each with exit 2 now,
// nothing created.
#include <gtest/gtest.h>

#include <filesystem>

#include "tools/command_run_support.h"

namespace jao::tools {
namespace {

using testing::RunJao;
using testing::Sample;

class DatabaseArgument : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::FreshTestFolder("jao_database_argument_");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // `jao-ingest ARGS` run in the test's empty folder.
  testing::Run RunHere(const std::string& args,
                       const std::string& environment = "") {
    return RunJao(args, "cd " + dir_ + " && " + environment);
  }
  void ExpectNothingCreated() {
    EXPECT_TRUE(std::filesystem::is_empty(dir_)) << "a file was created";
  }

  std::string dir_;
};

std::string UsageError(const std::string& message, const std::string& command) {
  return "jao-ingest: error: " + message + " (see 'jao-ingest " + command +
         " --help')\n";
}

constexpr char kEmptyPath[] =
    "names no file (an empty path opens an in-memory database, which keeps "
    "nothing)";
constexpr char kMemory[] = "is an in-memory database, which keeps nothing";
constexpr char kBlank[] = "names no file (only white space)";

struct Refusal {
  const char* db;
  const char* why;
};

const Refusal kRefusals[] = {{"sqlite:///", kEmptyPath},
                             {"sqlite://", kEmptyPath},
                             {":memory:", kMemory},
                             {"sqlite:///:memory:", kMemory},
                             {" ", kBlank},
                             {"sqlite:///  ", kBlank}};

TEST_F(DatabaseArgument, IngestRefusesASqliteTargetThatNamesNoFile) {
  for (const Refusal& refusal : kRefusals) {
    testing::Run run =
        RunHere("ingest " + Sample() + " --db '" + refusal.db + "'");
    EXPECT_EQ(run.status, 2) << refusal.db;
    EXPECT_EQ(run.err,
              UsageError("--db: sqlite target '" + std::string(refusal.db) +
                             "' " + refusal.why,
                         "ingest"));
    EXPECT_EQ(run.out, "") << "a summary was printed";
    ExpectNothingCreated();
  }
}

TEST_F(DatabaseArgument, IngestRefusesADatabaseUrlOfAnUnsetVariable) {
  // DATABASE_URL="sqlite:///$UNSET" as the shell expands it.
  testing::Run run = RunHere("ingest " + Sample(), "DATABASE_URL=sqlite:///");
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.err, UsageError("DATABASE_URL: sqlite target 'sqlite:///' " +
                                    std::string(kEmptyPath),
                                "ingest"));
  ExpectNothingCreated();
}

// `--db "$UNSET"` must not fall back to DATABASE_URL silently.
TEST_F(DatabaseArgument, IngestRefusesAnEmptyDbOption) {
  testing::Run run = RunHere("ingest " + Sample() + " --db ''",
                             "DATABASE_URL=sqlite:///elsewhere.sqlite3");
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.err, UsageError("--db is empty", "ingest"));
  ExpectNothingCreated();
}

TEST_F(DatabaseArgument, ChangesRefusesASqliteTargetThatNamesNoFile) {
  for (const Refusal& refusal : kRefusals) {
    testing::Run run =
        RunHere("changes --db '" + std::string(refusal.db) + "'");
    EXPECT_EQ(run.status, 2) << refusal.db;
    EXPECT_EQ(run.err,
              UsageError("--db: sqlite target '" + std::string(refusal.db) +
                             "' " + refusal.why,
                         "changes"));
    EXPECT_EQ(run.out, "");
    ExpectNothingCreated();
  }
  testing::Run run = RunHere("changes", "DATABASE_URL=sqlite:///");
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.err, UsageError("DATABASE_URL: sqlite target 'sqlite:///' " +
                                    std::string(kEmptyPath),
                                "changes"));
  run = RunHere("changes --db ''", "DATABASE_URL=sqlite:///elsewhere.sqlite3");
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.err, UsageError("--db is empty", "changes"));
}

// A file path still works, in every spelling the README gives.
TEST_F(DatabaseArgument, AFilePathStillLoads) {
  testing::Run run =
      RunHere("ingest " + Sample() + " --quiet --db sqlite:///jao.sqlite3");
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_TRUE(std::filesystem::exists(dir_ + "/jao.sqlite3"));
}

}  // namespace
}  // namespace jao::tools
