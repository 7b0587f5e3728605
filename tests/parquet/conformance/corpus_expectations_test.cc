// Corpus files whose expected values come from the corpus itself rather
// than a DuckDB golden: delta_binary_packed.parquet (its golden is too
// large to commit) against the corpus's delta_binary_packed_expect.csv, and
// the BYTE_STREAM_SPLIT columns DuckDB cannot read, against their PLAIN
// twins in the same file (whose values the goldens check).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "common/status_matchers_support.h"
#include "parquet/conformance/corpus_support.h"
#include "parquet/value_text.h"

namespace jao::parquet {
namespace {

using namespace testing;

TEST(CorpusExpectations, DeltaBinaryPackedMatchesItsExpectCsv) {
  std::string file = CorpusFile("delta_binary_packed.parquet");
  std::ifstream expect(CorpusFile("delta_binary_packed_expect.csv"));
  if (!Exists(file) || !expect) GTEST_SKIP() << "corpus file missing: " << file;
  auto reader = FileReader::Open(file);
  ASSERT_THAT(reader, IsOk());
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
  ASSERT_THAT(batches, IsOk());
  RecordBatch batch;
  int64_t row = 0;
  while (*(*batches)->Next(&batch)) {
    for (int64_t i = 0; i < batch.num_rows; ++i, ++row) {
      std::string text;
      for (size_t c = 0; c < batch.columns.size(); ++c) {
        if (c > 0) text += ',';
        text += FormatCellCsv(batch.columns[c], i);
      }
      ASSERT_TRUE(std::getline(expect, line)) << "expect ends at row " << row;
      ASSERT_EQ(text, line) << "row " << row;
    }
  }
  EXPECT_EQ(row, 200);
  EXPECT_FALSE(std::getline(expect, line));
}

// INT96 has no DuckDB golden (MANIFEST skips it: DuckDB wraps row 5). Rows
// 0..3 as DuckDB 1.5.6 reads them (`a::varchar`, microseconds; the file's
// nanoseconds below them are 0, checked in its bytes); row 5 decoded by
// hand from the bytes (Julian day -105862232, -32509551616000 ns: Spark's
// own overflow of +290000-12-30) with its date from DuckDB's date
// arithmetic. Old code printed 1816-03-29 and 2147-08-27 for rows 2 and 5.
TEST(CorpusExpectations, Int96FromSparkDoesNotWrap) {
  std::string file = CorpusFile("int96_from_spark.parquet");
  if (!Exists(file)) GTEST_SKIP() << "corpus file missing: " << file;
  auto reader = FileReader::Open(file);
  ASSERT_THAT(reader, IsOk());
  auto batches = (*reader)->ReadColumns({0}, 64);
  ASSERT_THAT(batches, IsOk());
  RecordBatch batch;
  ASSERT_TRUE(*(*batches)->Next(&batch));
  std::vector<std::string> rows;
  for (int64_t i = 0; i < batch.num_rows; ++i) {
    rows.push_back(FormatCellJson(batch.columns[0], i));
  }
  EXPECT_THAT(
      rows, ::testing::ElementsAre("\"2024-01-01T20:34:56.123456000Z\"",
                                   "\"2024-01-01T01:00:00.000000000Z\"",
                                   "\"9999-12-31T03:00:00.000000000Z\"",
                                   "\"2024-12-30T23:00:00.000000000Z\"", "null",
                                   "\"-294554-12-13T14:58:10.448384000Z\""));
  // The reader's logical instants: the same rows as microseconds since the
  // epoch (`date -u -d '2024-01-01 20:34:56' +%s` and so on), and row 5,
  // before the year -290308 where int64 microseconds end, as out of range
  // rather than wrapped. The column is dictionary-encoded: the instants are
  // the dictionary's, decoded once.
  const ColumnBatch& column = batch.columns[0];
  auto instant = [&column](int64_t row) {
    if (!column.dictionary) return column.instants_us.at(row);
    return column.dictionary->instants_us.at(column.dictionary_indices[row]);
  };
  EXPECT_EQ(instant(0), int64_t{1704141296} * 1000000 + 123456);
  EXPECT_EQ(instant(1), int64_t{1704070800} * 1000000);
  EXPECT_EQ(instant(2), int64_t{253402225200} * 1000000);
  EXPECT_EQ(instant(3), int64_t{1735599600} * 1000000);
  EXPECT_EQ(instant(5), kInstantOutOfRange);
}

class ByteStreamSplitTwin : public ::testing::TestWithParam<std::string> {};

TEST_P(ByteStreamSplitTwin, ReadsAsItsPlainTwin) {
  std::string file = CorpusFile("byte_stream_split_extended.gzip.parquet");
  if (!Exists(file)) GTEST_SKIP() << "corpus file missing: " << file;
  auto reader = FileReader::Open(file);
  ASSERT_THAT(reader, IsOk());
  const Schema& schema = (*reader)->schema();
  const ColumnDescriptor* plain = schema.Find(GetParam() + "_plain");
  const ColumnDescriptor* split =
      schema.Find(GetParam() + "_byte_stream_split");
  ASSERT_NE(plain, nullptr);
  ASSERT_NE(split, nullptr);
  auto batches = (*reader)->ReadColumns({plain->index, split->index}, 50);
  ASSERT_THAT(batches, IsOk());
  RecordBatch batch;
  int64_t rows = 0;
  while (*(*batches)->Next(&batch)) {
    for (int64_t i = 0; i < batch.num_rows; ++i) {
      EXPECT_EQ(FormatCellJson(batch.columns[0], i),
                FormatCellJson(batch.columns[1], i))
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
