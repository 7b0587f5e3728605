// The binary itself never prints a password given in --db, whichever way
// the text fails (issue 9, defect 6): stderr is checked for the password.
// A password equal to another part of the target leaves the messages as
// they read (issue 21, defect 7), and a password typed on the command line,
// which every user sees in `ps`, is noted in the summary.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "common/closed_port_support.h"
#include "tools/command_run_support.h"

namespace jao::tools {
namespace {

using testing::RunJao;

class DbPasswordOnStderr : public ::testing::TestWithParam<const char*> {};

TEST_P(DbPasswordOnStderr, IsNeverPrinted) {
  const std::string sample =
      std::string(JAO_SOURCE_DIR) + "/fixtures/sample/vacancies-sample.parquet";
  testing::Run run = RunJao("ingest " + sample + " --db '" + GetParam() + "'");
  EXPECT_EQ(run.status, 1) << run.err;
  EXPECT_NE(run.err.find("jao-ingest: error: "), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find("Secret"), std::string::npos) << run.err;
  EXPECT_EQ(run.out.find("Secret"), std::string::npos) << run.out;
}

INSTANTIATE_TEST_SUITE_P(
    Tools, DbPasswordOnStderr,
    ::testing::Values("postgresql://bob:Secret@[::1",
                      "postgresql://bob:Se%zzcret@db/jao",
                      "postgresql://bob:Secret@db:x/jao",
                      "postgresql://bob:Secret@db/jao?sslmode",
                      "host=db password=Secret port=x"));

nlohmann::json ReadJson(const std::string& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
}

constexpr std::string_view kPasswordWarning =
    "the password in --db is visible to every user of this machine (ps): "
    "give it in PGPASSWORD, ~/.pgpass or DATABASE_URL instead";

// Issue 21, defect 7: a password equal to the user ("bob") or a word of
// the message ("connection") was masked in the error line and the summary
// JSON wherever that text stood.
class DbPasswordEqualToAnotherPart
    : public ::testing::TestWithParam<const char*> {};

TEST_P(DbPasswordEqualToAnotherPart, LeavesTheErrorLineAndSummaryWhole) {
  const std::string port = ClosedLoopbackPort();
  const std::string json = ::testing::TempDir() + "db_password_summary_" +
                           std::to_string(getpid()) + ".json";
  testing::Run run = RunJao(
      "ingest " + testing::Sample() + " --db 'postgresql://bob:" + GetParam() +
      "@127.0.0.1:" + port + "/jao' --summary-json " + json);
  const std::string message =
      "postgresql connection to postgresql://bob@127.0.0.1:" + port +
      "/jao failed: connection to server at \"127.0.0.1\", port " + port +
      " failed: Connection refused";
  EXPECT_EQ(run.status, 1) << run.err;
  EXPECT_NE(run.err.find("\njao-ingest: error: " + message + "\n"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("\nwarning: " + std::string(kPasswordWarning) + "\n"),
            std::string::npos)
      << run.err;
  const nlohmann::json summary = ReadJson(json);
  EXPECT_EQ(summary["error"], message);
  EXPECT_EQ(summary["warnings"],
            nlohmann::json::array({std::string(kPasswordWarning)}));
  std::remove(json.c_str());
}

INSTANTIATE_TEST_SUITE_P(Tools, DbPasswordEqualToAnotherPart,
                         ::testing::Values("bob", "jao", "connection", "server",
                                           "e", "Xq7vW2"));

TEST(DbPasswordWarning, NotGivenWhenThePasswordComesFromTheEnvironment) {
  const std::string port = ClosedLoopbackPort();
  const std::string json = ::testing::TempDir() + "db_password_env_" +
                           std::to_string(getpid()) + ".json";
  for (const std::string& environment :
       {"DATABASE_URL='postgresql://bob:pw@127.0.0.1:" + port + "/jao'",
        "PGPASSWORD=pw DATABASE_URL='postgresql://bob@127.0.0.1:" + port +
            "/jao'"}) {
    testing::Run run = RunJao(
        "ingest " + testing::Sample() + " --summary-json " + json, environment);
    EXPECT_EQ(run.status, 1) << run.err;
    EXPECT_EQ(run.err.find("warning: the password"), std::string::npos)
        << run.err;
    EXPECT_EQ(ReadJson(json)["warnings"], nlohmann::json::array())
        << environment;
  }
  testing::Run no_password = RunJao("ingest " + testing::Sample() +
                                    " --db postgresql://bob@127.0.0.1:" + port +
                                    "/jao --summary-json " + json);
  EXPECT_EQ(ReadJson(json)["warnings"], nlohmann::json::array())
      << no_password.err;
  std::remove(json.c_str());
}

TEST(DbPasswordHelp, RecommendsTheEnvironmentOverTheCommandLine) {
  for (std::string command : {"ingest", "changes"}) {
    testing::Run run = RunJao(command + " --help");
    EXPECT_EQ(run.status, 0) << command;
    EXPECT_NE(
        run.out.find(
            "  PGPASSWORD     the PostgreSQL password, or ~/.pgpass; never "
            "printed. A\n"
            "                 password in --db is visible to every user in "
            "`ps`: give it\n"
            "                 in PGPASSWORD, ~/.pgpass or DATABASE_URL "
            "instead\n"),
        std::string::npos)
        << run.out;
  }
}

}  // namespace
}  // namespace jao::tools
