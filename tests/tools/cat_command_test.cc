// `jao-ingest cat`, run as a process on corpus files. Expected rows are the
// DuckDB golden's (tests/parquet/conformance/golden/alltypes_plain...).
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include "parquet/corpus_path_support.h"
#include "tools/command_run_support.h"

namespace jao::tools {
namespace {

using parquet::testing::CorpusFile;
using parquet::testing::Exists;
using testing::RunJao;

class CatCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    file_ = CorpusFile("alltypes_plain.parquet");
    if (!Exists(file_)) GTEST_SKIP() << "corpus file missing: " << file_;
  }
  std::string file_;
};

TEST_F(CatCommand, PrintsJsonLinesOfTheChosenColumns) {
  testing::Run run =
      RunJao("cat " + file_ + " --columns id,bool_col --limit 2");
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.out,
            "{\"id\":4,\"bool_col\":true}\n{\"id\":5,\"bool_col\":false}\n");
}

TEST_F(CatCommand, PrintsCsvWithAHeader) {
  testing::Run run =
      RunJao("cat " + file_ + " --columns id,bool_col --limit 2 --format csv");
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.out, "id,bool_col\n4,true\n5,false\n");
}

TEST_F(CatCommand, PrintsEveryRowWithoutALimit) {
  testing::Run run = RunJao("cat " + file_ + " --columns id");
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.out,
            "{\"id\":4}\n{\"id\":5}\n{\"id\":6}\n{\"id\":7}\n{\"id\":2}\n"
            "{\"id\":3}\n{\"id\":0}\n{\"id\":1}\n");
}

TEST_F(CatCommand, RefusesAnUnknownColumn) {
  testing::Run run = RunJao("cat " + file_ + " --columns nope");
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(run.err, "jao-ingest: error: " + file_ + ": no column 'nope'\n");
}

TEST_F(CatCommand, NamesATruncatedFileOnOneErrorLine) {
  std::ifstream in(file_, std::ios::binary);
  std::string bytes(std::istreambuf_iterator<char>(in), {});
  std::string cut = ::testing::TempDir() + "cut.parquet";
  std::ofstream(cut, std::ios::binary) << bytes.substr(0, 10);
  testing::Run run = RunJao("cat " + cut);
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(run.err, "jao-ingest: error: " + cut +
                         ": file is 10 bytes, smaller than the 12-byte "
                         "minimum of a parquet file\n");
  EXPECT_EQ(run.out, "");
}

// Regression: output to a full disk printed nothing and exited 0.
TEST_F(CatCommand, FailsWithExitOneWhenStdoutCannotBeWritten) {
  testing::Run run = RunJao("cat " + file_ + " > /dev/full");
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(run.err.rfind("jao-ingest: error: cannot write to stdout: ", 0), 0u)
      << run.err;
}

// Regression: header names were written unquoted, so a name holding a comma
// or a quote split into several CSV fields. The file was written by DuckDB
// with the columns [salary, min], [say "hi"] and [plain].
TEST(CatCommandCsv, QuotesHeaderNamesLikeValues) {
  std::string file =
      std::string(JAO_SOURCE_DIR) + "/tests/tools/data/awkward-names.parquet";
  testing::Run run = RunJao("cat " + file + " --format csv");
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.out, R"("salary, min","say ""hi""",plain)"
                     "\n1,x,2\n");
}

// Old code printed one `{}` a row and exited 0.
TEST(CatCommandArguments, RefusesAFileWithNoReadableColumn) {
  const std::string file = CorpusFile("old_list_structure.parquet");
  if (!Exists(file)) GTEST_SKIP() << "corpus file missing: " << file;
  testing::Run run = RunJao("cat " + file);
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err, "jao-ingest: error: " + file +
                         ": no column can be read: every one is unsupported: "
                         "'a'; the first: column 'a.array.array' is a nested "
                         "list (unsupported)\n");
}

// Issue 21, item 8: the refusal names every column (top-level names as
// DuckDB's DESCRIBE lists them), on one line.
TEST(CatCommandArguments, ARefusalNamesEveryUnsupportedColumnOnOneLine) {
  const std::string file = CorpusFile("nested_structs.rust.parquet");
  if (!Exists(file)) GTEST_SKIP() << "corpus file missing: " << file;
  testing::Run run = RunJao("cat " + file);
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(run.out, "");
  const std::string start =
      "jao-ingest: error: " + file +
      ": no column can be read: every one is unsupported: 'roll_num', "
      "'PC_CUR', 'CVA_2012', 'CVA_2016', 'BIA_3', ";
  EXPECT_EQ(run.err.substr(0, start.size()), start) << run.err;
  const std::string end =
      "'ul_observation_date', 'ul_tz_offset_minutes_ul_observation_date'; "
      "the first: column 'roll_num.min' is nested in a struct "
      "(unsupported)\n";
  ASSERT_GE(run.err.size(), end.size());
  EXPECT_EQ(run.err.substr(run.err.size() - end.size()), end) << run.err;
  EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
}

// Issue 21, item 8: ARROW-GH-41321.parquet (bad_data) has 45 leaf columns
// cat cannot read (structs, lists of structs, maps) beside a corrupt page.
// Old code printed one warning per unsupported leaf, then the error: the
// refusal is the one error line, nothing before it.
TEST(CatCommandArguments, ACorruptFilePrintsOnlyItsError) {
  const std::string file =
      parquet::testing::CorpusDir() + "/bad_data/ARROW-GH-41321.parquet";
  if (!Exists(file)) GTEST_SKIP() << "corpus file missing: " << file;
  testing::Run run = RunJao("cat " + file);
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err, "jao-ingest: error: " + file +
                         ": row group 0, column 'int64': page at offset 1313: "
                         "dictionary index bit width 254 is above 32\n");
}

// A file read to its end names the columns it skipped in one warning, not
// one line per leaf (nonnullable.impala.parquet: 11 unsupported leaves in 4
// columns).
TEST(CatCommandArguments, SkippedColumnsAreOneWarning) {
  const std::string file = CorpusFile("nonnullable.impala.parquet");
  if (!Exists(file)) GTEST_SKIP() << "corpus file missing: " << file;
  testing::Run run = RunJao("cat " + file);
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.err, "jao-ingest: warning: " + file +
                         ": unsupported columns skipped: 'int_array_array', "
                         "'Int_Map', 'int_map_array', 'nested_Struct'; the "
                         "first: column 'int_array_array.list.element.list."
                         "element' is a nested list (unsupported)\n");
}

TEST(CatCommandArguments, RefusesAnUnsupportedColumnAskedByName) {
  const std::string file = CorpusFile("nested_structs.rust.parquet");
  if (!Exists(file)) GTEST_SKIP() << "corpus file missing: " << file;
  testing::Run run = RunJao("cat " + file + " --columns roll_num");
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find("column 'roll_num.min' is nested in a struct"),
            std::string::npos)
      << run.err;
}

TEST(CatCommandArguments, NamesAMissingFileOnOneErrorLine) {
  testing::Run run = RunJao("cat /nonexistent/x.parquet");
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(run.err,
            "jao-ingest: error: /nonexistent/x.parquet: cannot open: No such "
            "file or directory\n");
}

}  // namespace
}  // namespace jao::tools
