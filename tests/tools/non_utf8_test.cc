// Names that are not UTF-8 (a file name, a column name) reach the JSON
// writers: they replace the bad bytes with U+FFFD and never throw. Old
// code aborted with nlohmann's type_error.316 (exit 134) on --summary-json.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "parquet/corpus_path_support.h"
#include "tools/command_run_support.h"

namespace jao::tools {
namespace {

using testing::RunJao;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(NonUtf8, SummaryJsonOfAFileWhoseNameIsNotUtf8) {
  const std::string dir =
      ::testing::TempDir() + "non_utf8_" + std::to_string(getpid()) + "/";
  std::filesystem::create_directories(dir);
  const std::string input = dir + "vacancies-\xff\xfe.parquet";
  std::filesystem::copy_file(
      std::string(JAO_SOURCE_DIR) + "/fixtures/sample/vacancies-sample.parquet",
      input, std::filesystem::copy_options::overwrite_existing);
  const std::string summary = dir + "summary.json";
  const std::string rejects = dir + "rejects.jsonl";
  std::filesystem::remove(dir + "jao.sqlite3");
  testing::Run run = RunJao("ingest '" + input + "' --db '" + dir +
                            "jao.sqlite3' --summary-json '" + summary +
                            "' --rejects '" + rejects + "'");
  EXPECT_EQ(run.status, 0) << run.err;
  const std::string text = ReadAll(summary);
  ASSERT_TRUE(nlohmann::json::accept(text)) << text;
  EXPECT_NE(text.find("vacancies-\xEF\xBF\xBD\xEF\xBF\xBD.parquet"),
            std::string::npos)
      << text;
  std::ifstream lines(rejects);
  for (std::string line; std::getline(lines, line);) {
    EXPECT_TRUE(nlohmann::json::accept(line)) << line;
  }
  std::filesystem::remove_all(dir);
}

// alltypes_plain.parquet with its column "double_col" renamed to
// "double\xffcol" (same length): `cat` prints the key as valid JSON.
TEST(NonUtf8, CatPrintsAColumnNameThatIsNotUtf8AsValidJson) {
  const std::string corpus =
      parquet::testing::CorpusFile("alltypes_plain.parquet");
  if (!parquet::testing::Exists(corpus)) GTEST_SKIP() << "corpus missing";
  std::string bytes = ReadAll(corpus);
  for (size_t at = bytes.find("double_col"); at != std::string::npos;
       at = bytes.find("double_col", at)) {
    bytes.replace(at, 10,
                  "double\xff"
                  "col");
  }
  const std::string file = ::testing::TempDir() + "bad_name_" +
                           std::to_string(getpid()) + ".parquet";
  std::ofstream(file, std::ios::binary) << bytes;
  testing::Run run = RunJao("cat " + file + " --limit 1");
  EXPECT_EQ(run.status, 0) << run.err;
  ASSERT_TRUE(nlohmann::json::accept(run.out)) << run.out;
  EXPECT_NE(run.out.find("\"double\xEF\xBF\xBD"
                         "col\":0"),
            std::string::npos)
      << run.out;
  std::filesystem::remove(file);
}

}  // namespace
}  // namespace jao::tools
