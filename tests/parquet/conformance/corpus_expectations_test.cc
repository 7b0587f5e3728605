// Corpus files whose expected values come from the corpus itself rather
// than a DuckDB golden: delta_binary_packed.parquet (its golden is too
// large to commit) against the corpus's delta_binary_packed_expect.csv, and
// the BYTE_STREAM_SPLIT columns DuckDB cannot read, against their PLAIN
// twins in the same file (whose values the goldens check).
#include <gtest/gtest.h>

#include <fstream>

#include "parquet/conformance/corpus_support.h"
#include "tools/value_format.h"

namespace jao::parquet {
namespace {

using namespace testing;

TEST(CorpusExpectations, DeltaBinaryPackedMatchesItsExpectCsv) {
  std::string file = CorpusFile("delta_binary_packed.parquet");
  std::ifstream expect(CorpusFile("delta_binary_packed_expect.csv"));
  if (!Exists(file) || !expect) GTEST_SKIP() << "corpus file missing: " << file;
  auto reader = FileReader::Open(file);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  std::vector<int> indices;
  std::string header;
  for (const ColumnDescriptor& column : (*reader)->schema().columns()) {
    indices.push_back(column.index);
    header += (header.empty() ? "" : ",") + column.name;
  }
  std::string line;
  ASSERT_TRUE(std::getline(expect, line));
  EXPECT_EQ(header, line);
  auto batches = (*reader)->ReadColumns(indices, 64);
  ASSERT_TRUE(batches.ok());
  RecordBatch batch;
  int64_t row = 0;
  while (*(*batches)->Next(&batch)) {
    for (int64_t i = 0; i < batch.num_rows; ++i, ++row) {
      std::string text;
      for (size_t c = 0; c < batch.columns.size(); ++c) {
        if (c > 0) text += ',';
        text += tools::FormatCellCsv(batch.columns[c], i);
      }
      ASSERT_TRUE(std::getline(expect, line)) << "expect ends at row " << row;
      ASSERT_EQ(text, line) << "row " << row;
    }
  }
  EXPECT_EQ(row, 200);
  EXPECT_FALSE(std::getline(expect, line));
}

class ByteStreamSplitTwin : public ::testing::TestWithParam<std::string> {};

TEST_P(ByteStreamSplitTwin, ReadsAsItsPlainTwin) {
  std::string file = CorpusFile("byte_stream_split_extended.gzip.parquet");
  if (!Exists(file)) GTEST_SKIP() << "corpus file missing: " << file;
  auto reader = FileReader::Open(file);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  const Schema& schema = (*reader)->schema();
  const ColumnDescriptor* plain = schema.Find(GetParam() + "_plain");
  const ColumnDescriptor* split =
      schema.Find(GetParam() + "_byte_stream_split");
  ASSERT_NE(plain, nullptr);
  ASSERT_NE(split, nullptr);
  auto batches = (*reader)->ReadColumns({plain->index, split->index}, 50);
  ASSERT_TRUE(batches.ok());
  RecordBatch batch;
  int64_t rows = 0;
  while (*(*batches)->Next(&batch)) {
    for (int64_t i = 0; i < batch.num_rows; ++i) {
      EXPECT_EQ(tools::FormatCellJson(batch.columns[0], i),
                tools::FormatCellJson(batch.columns[1], i))
          << "row " << rows + i;
    }
    rows += batch.num_rows;
  }
  EXPECT_EQ(rows, 200);
}

INSTANTIATE_TEST_SUITE_P(Corpus, ByteStreamSplitTwin,
                         ::testing::Values("float16", "float", "double",
                                           "int32", "int64", "flba5",
                                           "decimal"));

}  // namespace
}  // namespace jao::parquet
