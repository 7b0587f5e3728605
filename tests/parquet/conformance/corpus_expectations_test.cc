// Corpus files whose expected values come from the corpus itself rather
// than a DuckDB golden: delta_binary_packed.parquet (its golden is too
// large to commit) against the corpus's delta_binary_packed_expect.csv, the
// BYTE_STREAM_SPLIT columns DuckDB cannot read, against their PLAIN twins
// in the same file (whose values the goldens check), and the INT96 value
// of int96_from_spark.parquet DuckDB misreads, worked from its bytes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

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

// Rows 0..3 as DuckDB 1.5.6 reads them (`a::varchar`, microseconds; the
// file's nanoseconds below them are 0, checked in its bytes); row 5 decoded
// by hand from the bytes (Int96SixthValueWorkedByHandFromItsBytes below:
// DuckDB misreads it, golden-exceptions.tsv). Old code printed 1816-03-29
// and 2147-08-27 for rows 2 and 5.
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

// Issue 21, item 11: the issue found three readings of one INT96 instant
// (`cat`: -294554-12-13T14:58:10.448384Z, DuckDB: 226414 BC, hyparquet:
// about 4127 BC). The format settles it: an INT96 timestamp is 8 bytes of
// nanoseconds then a 4-byte Julian day, little-endian, and parquet.thrift
// (ColumnOrder, INT96 timestamp order) compares the days as a signed 32-bit and
// the nanoseconds as a signed 64-bit integer; parquet-mr's NanoTime (this
// file's writer) and Trino read them as Java's signed long and int (DuckDB
// reads the day as uint32). The sixth value, the dictionary's last entry, is
// at file offset 69 (the SNAPPY page holds it as a literal):
//   00 60 b9 c7 6e e2 ff ff | a8 ab b0 f9
//   nanoseconds: 0xffffe26ec7b96000 - 2^64 = -32509551616000
//                = -(9 h 01 min 49.551616 s)
//   Julian day:  0xf9b0aba8 - 2^32 = -105862232 (unsigned: 4189105064)
//   days since 1970-01-01: -105862232 - 2440588 = -108302820
//   midnight of that day minus 9:01:49.551616
//     = day -108302821 at 24:00:00 - 9:01:49.551616 = 14:58:10.448384
//   its date: 742 cycles of 400 Gregorian years are 742 * 146097 = 108403974
//     days; -108302821 + 108403974 = 101153 days after 1970-01-01 is
//     2246-12-13 (`date -u -d '1970-01-01 + 101153 days'`), so the day is
//     (2246 - 742 * 400)-12-13 = -294554-12-13.
// So -294554-12-13T14:58:10.448384000Z: `cat` prints it (INT96 with 9
// digits), the reader's microsecond instant refuses it as beyond int64
// (kInstantOutOfRange), and the ingest validators reject it by its column.
// DuckDB's reading is the day read unsigned and int64 microseconds wrapped
// (golden-exceptions.tsv records it).
TEST(CorpusExpectations, Int96SixthValueWorkedByHandFromItsBytes) {
  std::string file = CorpusFile("int96_from_spark.parquet");
  if (!Exists(file)) GTEST_SKIP() << "corpus file missing: " << file;
  std::ifstream in(file, std::ios::binary);
  std::string bytes(std::istreambuf_iterator<char>(in), {});
  ASSERT_GE(bytes.size(), 81u);
  EXPECT_EQ(bytes.substr(69, 12), std::string("\x00\x60\xb9\xc7\x6e\xe2\xff\xff"
                                              "\xa8\xab\xb0\xf9",
                                              12));
  // The same bytes as the reader's Int96 (both fields little-endian), in
  // `cat`'s text; Int96FromSparkDoesNotWrap reads the file's row 5 so.
  EXPECT_EQ(Int96Text(Int96{0xffffe26ec7b96000u, 0xf9b0aba8u}),
            "-294554-12-13T14:58:10.448384000Z");
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
