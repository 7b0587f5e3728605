// `jao-ingest inspect`, run as a process on corpus files. Expected facts
// come from DuckDB's parquet_metadata() / parquet_file_metadata().
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "parquet/corpus_path_support.h"
#include "tools/command_run_support.h"

namespace jao::tools {
namespace {

using parquet::testing::CorpusFile;
using parquet::testing::Exists;
using testing::RunJao;

TEST(InspectCommand, ShowsCreatorRowGroupsAndColumnChunks) {
  std::string file = CorpusFile("alltypes_plain.parquet");
  if (!Exists(file)) GTEST_SKIP() << "corpus file missing: " << file;
  testing::Run run = RunJao("inspect " + file);
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.out.find("created_by: impala version 1.3.0-INTERNAL (build "
                         "8a48ddb1eff84592b3fc06bc6f51ec120e1fffc9)\n"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("rows: 8 in 1 row groups\n"), std::string::npos);
  EXPECT_NE(run.out.find("row group 0: 8 rows"), std::string::npos);
  EXPECT_NE(run.out.find("  column 'id': UNCOMPRESSED, encodings [RLE, "
                         "PLAIN_DICTIONARY, PLAIN], 8 values, 73 bytes "
                         "compressed"),
            std::string::npos)
      << run.out;
}

// The same facts as the text report, for scripts; expected values are
// DuckDB's parquet_metadata() of the file, as in the test above.
TEST(InspectCommand, JsonFormatHoldsTheSameFacts) {
  std::string file = CorpusFile("alltypes_plain.parquet");
  if (!Exists(file)) GTEST_SKIP() << "corpus file missing: " << file;
  testing::Run run = RunJao("inspect " + file + " --format json");
  ASSERT_EQ(run.status, 0) << run.err;
  nlohmann::json report = nlohmann::json::parse(run.out);
  EXPECT_EQ(report["num_rows"], 8);
  ASSERT_EQ(report["row_groups"].size(), 1u);
  const nlohmann::json& id = report["row_groups"][0]["columns"][0];
  EXPECT_EQ(id["column"], "id");
  EXPECT_EQ(id["codec"], "UNCOMPRESSED");
  EXPECT_EQ(id["num_values"], 8);
  EXPECT_EQ(id["total_compressed_size"], 73);
  EXPECT_EQ(report["schema"][0]["path"], "id");
}

// What the reader must hold of a column chunk, worked from the format.
// alltypes_plain's `id` (optional INT32) holds eight distinct values: a PLAIN
// dictionary of 8 x 4 = 32 bytes, and one v1 data page of 11 bytes: the
// definition levels (4-byte length, then one RLE run: a header byte and the
// level 1) are 6 bytes, the indices 5 (bit width 3, a bit-packed run header,
// 8 x 3 bits = 3 bytes).
TEST(InspectCommand, ShowsTheDictionaryAndLargestPageSizes) {
  std::string file = CorpusFile("alltypes_plain.parquet");
  if (!Exists(file)) GTEST_SKIP() << "corpus file missing: " << file;
  testing::Run run = RunJao("inspect " + file + " --format json");
  ASSERT_EQ(run.status, 0) << run.err;
  const nlohmann::json report = nlohmann::json::parse(run.out);
  const nlohmann::json& pages = report["row_groups"][0]["columns"][0]["pages"];
  EXPECT_EQ(pages["dictionary_bytes"], 32);
  EXPECT_EQ(pages["largest_data_page_bytes"], 11);
}

TEST(InspectCommand, NamesAMissingFileOnOneErrorLine) {
  testing::Run run = RunJao("inspect /nonexistent/x.parquet");
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(run.err,
            "jao-ingest: error: /nonexistent/x.parquet: cannot open: No such "
            "file or directory\n");
  EXPECT_EQ(run.out, "");
}

TEST(InspectCommand, ShowsHelp) {
  testing::Run run = RunJao("inspect --help");
  EXPECT_EQ(run.status, 0);
  EXPECT_NE(run.out.find("FILE"), std::string::npos) << run.out;
}

}  // namespace
}  // namespace jao::tools
