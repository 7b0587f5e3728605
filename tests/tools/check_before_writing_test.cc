// Issue 11, item 3: every file named on the command line is opened and its
// columns checked before anything is written, and a run with nothing to
// write opens no database. Old code created the database and the rejects
// file, then loaded the first file, and only then found that the second
// one was missing.
#include <gtest/gtest.h>

#include <filesystem>

#include "tools/command_run_support.h"

namespace jao::tools {
namespace {

using testing::RunJao;
using testing::Sample;

std::string Data(const std::string& name) {
  return std::string(JAO_SOURCE_DIR) + "/tests/tools/data/" + name;
}

class CheckBeforeWriting : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ::testing::TempDir() + "jao_check_before_writing_" +
           std::to_string(getpid());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  // Outputs into the test's empty directory.
  std::string Outputs() const {
    return " --db " + dir_.string() + "/jao.sqlite3 --rejects " +
           dir_.string() + "/rejects.jsonl";
  }
  std::filesystem::path dir_;
};

TEST_F(CheckBeforeWriting, AMissingSecondFileWritesNothing) {
  testing::Run run =
      RunJao("ingest " + Sample() + " /nonexistent/b.parquet" + Outputs());
  EXPECT_EQ(run.status, 1);
  EXPECT_NE(run.err.find("jao-ingest: error: /nonexistent/b.parquet: "),
            std::string::npos)
      << run.err;
  EXPECT_TRUE(std::filesystem::is_empty(dir_))
      << "a database or rejects file was created";
}

TEST_F(CheckBeforeWriting, ASecondFileWithoutTheColumnsWritesNothing) {
  testing::Run run = RunJao("ingest " + Sample() + " " +
                            Data("awkward-names.parquet") + Outputs());
  EXPECT_EQ(run.status, 1);
  EXPECT_NE(run.err.find("jao-ingest: error: " + Data("awkward-names.parquet") +
                         ": missing required column"),
            std::string::npos)
      << run.err;
  EXPECT_TRUE(std::filesystem::is_empty(dir_))
      << "a database or rejects file was created";
}

// no-rows-legacy.parquet: the legacy columns and no row (DuckDB:
// COPY (SELECT * FROM 'small-legacy.parquet' LIMIT 0) TO ...).
TEST_F(CheckBeforeWriting, AFileWithNoRowsCreatesNoDatabase) {
  testing::Run run = RunJao("ingest " + Data("no-rows-legacy.parquet") +
                            Outputs() + " --quiet");
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "jao.sqlite3"));
}

TEST_F(CheckBeforeWriting, TheSameFilesWithRowsDoWrite) {
  testing::Run run = RunJao("ingest " + Data("no-rows-legacy.parquet") + " " +
                            Sample() + Outputs() + " --quiet");
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_TRUE(std::filesystem::exists(dir_ / "jao.sqlite3"));
  EXPECT_TRUE(std::filesystem::exists(dir_ / "rejects.jsonl"));
}

}  // namespace
}  // namespace jao::tools
