// The command line's contract for schedulers and scripts (issue 11, item 4):
// usage errors exit 2 with one "jao-ingest: error:" line and a hint, runtime
// errors exit 1, no silent default database, --version, --quiet, and --help
// that names examples and the environment. Expected texts are the contract
// written by hand, not the code's output.
#include <gtest/gtest.h>

#include <filesystem>

#include "tools/command_run_support.h"

namespace jao::tools {
namespace {

using testing::RunJao;
using testing::Sample;

// Exactly one line on stderr, starting with the error prefix.
void ExpectOneErrorLine(const testing::Run& run) {
  EXPECT_EQ(run.err.rfind("jao-ingest: error: ", 0), 0u) << run.err;
  ASSERT_FALSE(run.err.empty());
  EXPECT_EQ(run.err.find('\n'), run.err.size() - 1) << run.err;
}

TEST(CommandLine, VersionPrintsTheNameAndAVersion) {
  testing::Run run = RunJao("--version");
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.out.rfind("jao-ingest ", 0), 0u) << run.out;
  EXPECT_NE(run.out.find_first_of("0123456789"), std::string::npos);
}

TEST(CommandLine, NoCommandIsAUsageErrorWithExitTwo) {
  testing::Run run = RunJao("");
  EXPECT_EQ(run.status, 2);
  ExpectOneErrorLine(run);
  EXPECT_NE(run.err.find("--help"), std::string::npos) << run.err;
}

TEST(CommandLine, MissingFileArgumentIsAUsageErrorNamingTheCommandHelp) {
  testing::Run run = RunJao("ingest --db x.sqlite3");
  EXPECT_EQ(run.status, 2);
  ExpectOneErrorLine(run);
  EXPECT_NE(run.err.find("jao-ingest ingest --help"), std::string::npos)
      << run.err;
}

TEST(CommandLine, UnknownOptionIsAUsageError) {
  testing::Run run = RunJao("cat " + Sample() + " --no-such-option");
  EXPECT_EQ(run.status, 2);
  ExpectOneErrorLine(run);
}

TEST(CommandLine, ChunkSizeThatIsNotAWholeNumberSaysWhatIsAllowed) {
  for (std::string bad : {"abc", "0", "-3", "2.5", "99999999999999999999"}) {
    testing::Run ingest =
        RunJao("ingest " + Sample() + " --dry-run --chunk-size " + bad);
    EXPECT_EQ(ingest.status, 2) << bad;
    ExpectOneErrorLine(ingest);
    EXPECT_NE(ingest.err.find("--chunk-size must be a whole number from 1 to "),
              std::string::npos)
        << ingest.err;
    EXPECT_NE(ingest.err.find("got '" + bad + "'"), std::string::npos)
        << ingest.err;
  }
}

TEST(CommandLine, CatLimitThatIsNegativeIsAUsageError) {
  testing::Run run = RunJao("cat " + Sample() + " --limit -1");
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("--limit must be a whole number from 0 to "),
            std::string::npos)
      << run.err;
}

TEST(CommandLine, IngestWithoutDbOrDatabaseUrlIsAUsageErrorAndWritesNothing) {
  std::filesystem::path dir = ::testing::TempDir() + "jao_no_db_test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  testing::Run run = RunJao("ingest " + Sample(),
                            "cd " + dir.string() + " && env -u DATABASE_URL");
  EXPECT_EQ(run.status, 2);
  ExpectOneErrorLine(run);
  EXPECT_NE(run.err.find("DATABASE_URL"), std::string::npos) << run.err;
  // The old silent default wrote ./jao.sqlite3.
  EXPECT_TRUE(std::filesystem::is_empty(dir));
}

TEST(CommandLine, IngestTakesTheDatabaseFromDatabaseUrl) {
  std::filesystem::path db = ::testing::TempDir() + "jao_database_url.sqlite3";
  std::filesystem::remove(db);
  testing::Run run = RunJao("ingest " + Sample() + " --quiet",
                            "DATABASE_URL=sqlite:///" + db.string());
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_TRUE(std::filesystem::exists(db)) << db;
  std::filesystem::remove(db);
}

TEST(CommandLine, QuietPrintsNoSummary) {
  testing::Run loud = RunJao("ingest " + Sample() + " --dry-run");
  ASSERT_EQ(loud.status, 0) << loud.err;
  EXPECT_FALSE(loud.out.empty()) << "the summary goes to stdout";
  testing::Run quiet = RunJao("ingest " + Sample() + " --dry-run --quiet");
  EXPECT_EQ(quiet.status, 0) << quiet.err;
  EXPECT_EQ(quiet.out, "");
}

TEST(CommandLine, RuntimeErrorsExitOne) {
  testing::Run run = RunJao("ingest /nonexistent/x.parquet --dry-run");
  EXPECT_EQ(run.status, 1);
  // The summary of the failed run comes first on stderr; the error line ends
  // it.
  const std::string error_line =
      "jao-ingest: error: /nonexistent/x.parquet: cannot open: No such file "
      "or directory\n";
  ASSERT_GE(run.err.size(), error_line.size());
  EXPECT_EQ(run.err.substr(run.err.size() - error_line.size()), error_line)
      << run.err;
}

TEST(CommandLine, QuietRuntimeErrorIsTheOneErrorLineAlone) {
  testing::Run run = RunJao("ingest /nonexistent/x.parquet --dry-run --quiet");
  EXPECT_EQ(run.status, 1);
  ExpectOneErrorLine(run);
}

TEST(CommandLine, EachCommandsHelpHasExamplesAndItsEnvironment) {
  for (std::string command : {"ingest", "cat", "inspect", "changes"}) {
    testing::Run run = RunJao(command + " --help");
    EXPECT_EQ(run.status, 0) << command;
    EXPECT_NE(run.out.find("Examples:"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("Environment"), std::string::npos) << run.out;
  }
  testing::Run ingest = RunJao("ingest --help");
  EXPECT_NE(ingest.out.find("DATABASE_URL"), std::string::npos);
  EXPECT_NE(ingest.out.find("PGPASSWORD"), std::string::npos);
  testing::Run changes = RunJao("changes --help");
  EXPECT_NE(changes.out.find("DATABASE_URL"), std::string::npos);
  EXPECT_NE(changes.out.find("--since"), std::string::npos);
}

}  // namespace
}  // namespace jao::tools
