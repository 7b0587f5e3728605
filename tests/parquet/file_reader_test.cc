// The file reader over real corpus files: batches and row groups, column
// selection, refusals. Expected facts from DuckDB (parquet_metadata and the
// goldens in conformance/golden/).
#include "parquet/file_reader.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "common/status_matchers_support.h"
#include "parquet/corpus_path_support.h"
#include "parquet/random_access_file.h"

namespace jao::parquet {
namespace {

using testing::CorpusFile;
using testing::Exists;

std::unique_ptr<FileReader> OpenCorpus(const std::string& name) {
  auto reader = FileReader::Open(CorpusFile(name));
  EXPECT_THAT(reader, IsOk());
  return reader.ok() ? std::move(reader).value() : nullptr;
}

#define SKIP_WITHOUT(name)                                       \
  if (!Exists(CorpusFile(name))) {                               \
    GTEST_SKIP() << "corpus file missing: " << CorpusFile(name); \
  }

TEST(FileReader, BatchesNeverCrossARowGroup) {
  SKIP_WITHOUT("sort_columns.parquet");  // 2 row groups of 3 rows
  auto reader = OpenCorpus("sort_columns.parquet");
  ASSERT_NE(reader, nullptr);
  auto batches = reader->ReadColumns({0}, 5);
  ASSERT_THAT(batches, IsOk());
  RecordBatch batch;
  ASSERT_TRUE(*(*batches)->Next(&batch));
  EXPECT_EQ(batch.row_group, 0);
  EXPECT_EQ(batch.first_row, 0);
  EXPECT_EQ(batch.num_rows, 3);
  ASSERT_TRUE(*(*batches)->Next(&batch));
  EXPECT_EQ(batch.row_group, 1);
  EXPECT_EQ(batch.first_row, 3);
  EXPECT_EQ(batch.num_rows, 3);
  EXPECT_FALSE(*(*batches)->Next(&batch));
  EXPECT_GT((*batches)->bytes_read(), 0);
}

TEST(FileReader, ReadsColumnsInTheOrderAsked) {
  SKIP_WITHOUT("sort_columns.parquet");
  auto reader = OpenCorpus("sort_columns.parquet");
  ASSERT_NE(reader, nullptr);
  auto batches = reader->ReadColumns({1, 0}, 2);
  ASSERT_THAT(batches, IsOk());
  RecordBatch batch;
  ASSERT_TRUE(*(*batches)->Next(&batch));
  ASSERT_EQ(batch.columns.size(), 2u);
  // Golden rows 0 and 1: {"a":null,"b":"a"}, {"a":2,"b":"b"}.
  EXPECT_EQ(batch.columns[0].column->name, "b");
  EXPECT_EQ(batch.columns[0].byte_arrays[0], "a");
  EXPECT_EQ(batch.columns[1].validity, (std::vector<uint8_t>{0, 1}));
  EXPECT_EQ(batch.columns[1].int64s[1], 2);
}

TEST(FileReader, RefusesAnUnsupportedColumnByName) {
  SKIP_WITHOUT("nested_maps.snappy.parquet");
  auto reader = OpenCorpus("nested_maps.snappy.parquet");
  ASSERT_NE(reader, nullptr);
  const ColumnDescriptor& column = reader->schema().columns()[0];
  ASSERT_TRUE(column.unsupported.has_value());
  auto batches = reader->ReadColumns({0}, 10);
  ASSERT_THAT(batches,
              StatusIs(StatusCode::kUnsupported,
                       CorpusFile("nested_maps.snappy.parquet") + ": column '" +
                           column.name + "': " + *column.unsupported));
}

TEST(FileReader, RefusesAColumnIndexOutsideTheSchema) {
  SKIP_WITHOUT("sort_columns.parquet");
  auto reader = OpenCorpus("sort_columns.parquet");
  ASSERT_NE(reader, nullptr);
  auto batches = reader->ReadColumns({2}, 10);
  ASSERT_THAT(
      batches,
      StatusIs(::testing::_, CorpusFile("sort_columns.parquet") +
                                 ": column index 2 is outside the 2 columns"));
}

TEST(FileReader, NamesFileRowGroupAndColumnInPageErrors) {
  SKIP_WITHOUT("datapage_v1-corrupt-checksum.parquet");
  auto reader = OpenCorpus("datapage_v1-corrupt-checksum.parquet");
  ASSERT_NE(reader, nullptr);
  auto batches = reader->ReadColumns({0}, 100000);
  ASSERT_THAT(batches, IsOk());
  RecordBatch batch;
  auto next = (*batches)->Next(&batch);
  ASSERT_THAT(next, StatusIs(StatusCode::kCorrupt));
  EXPECT_EQ(next.status().message().rfind(
                CorpusFile("datapage_v1-corrupt-checksum.parquet") +
                    ": row group 0, column 'a': page at offset ",
                0),
            0u)
      << next.status().message();
}

TEST(FileReader, SkipsAnEmptyRowGroupWithoutReadingItsPages) {
  // Regression: column_chunk_key_value_metadata.parquet has a 0-row row
  // group whose chunks point at offset 0; reading it failed.
  SKIP_WITHOUT("column_chunk_key_value_metadata.parquet");
  auto reader = OpenCorpus("column_chunk_key_value_metadata.parquet");
  ASSERT_NE(reader, nullptr);
  auto batches = reader->ReadColumns({0, 1}, 10);
  ASSERT_THAT(batches, IsOk());
  RecordBatch batch;
  auto next = (*batches)->Next(&batch);
  ASSERT_THAT(next, IsOk());
  EXPECT_FALSE(*next);
}

// A hand-made file: alltypes_plain.parquet with every "double_col" of its
// footer renamed "bigint_col" (same length), so two leaves share a name.
TEST(FileReader, RefusesTwoColumnsOfOneNameNamingTheColumn) {
  SKIP_WITHOUT("alltypes_plain.parquet");
  std::ifstream in(CorpusFile("alltypes_plain.parquet"), std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)),
                    std::istreambuf_iterator<char>());
  int renamed = 0;
  for (size_t at = bytes.find("double_col"); at != std::string::npos;
       at = bytes.find("double_col", at)) {
    bytes.replace(at, 10, "bigint_col");
    ++renamed;
  }
  ASSERT_GT(renamed, 0);
  auto reader = FileReader::Open(RandomAccessFile::FromBytes(
      "twins.parquet", std::vector<uint8_t>(bytes.begin(), bytes.end())));
  ASSERT_THAT(
      reader,
      StatusIs(::testing::_,
               "twins.parquet: schema has two fields named 'bigint_col' at the "
               "top level"));
}

TEST(FileReader, NamesAMissingFile) {
  auto reader = FileReader::Open("/nonexistent/x.parquet");
  ASSERT_THAT(
      reader,
      StatusIs(
          StatusCode::kIo,
          "/nonexistent/x.parquet: cannot open: No such file or directory"));
}

}  // namespace
}  // namespace jao::parquet
