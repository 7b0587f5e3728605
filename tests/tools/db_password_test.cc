// The binary itself never prints a password given in --db, whichever way
// the text fails (issue 9, defect 6): stderr is checked for the password.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace jao::tools
