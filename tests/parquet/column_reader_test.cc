// Decoding column chunks into batches: levels, encodings, dictionaries,
// pages split across batches, lists, and the count checks. Chunks are built
// inline with page_builder_support.h; expected values are the ones written.
#include "parquet/column_reader.h"

#include <gtest/gtest.h>

#include "common/status_matchers_support.h"
#include "parquet/page_builder_support.h"

namespace jao::parquet {
namespace {

using namespace testing;

class Chunk {
 public:
  Chunk(const ChunkBuilder& builder, ColumnDescriptor column,
        PageReaderOptions options = {})
      : column_(std::move(column)), file_(builder.File()) {
    auto pages = PageReader::Make(file_.get(), builder.Meta(), options);
    EXPECT_THAT(pages, IsOk());
    reader_ =
        std::make_unique<ColumnReader>(&column_, std::move(pages).value());
  }
  ColumnReader& reader() { return *reader_; }
  ColumnBatch Read(int64_t rows) {
    ColumnBatch batch;
    Status status = reader_->Read(rows, &batch);
    EXPECT_THAT(status, IsOk());
    return batch;
  }
  Status ReadStatus(int64_t rows) {
    ColumnBatch batch;
    return reader_->Read(rows, &batch);
  }

 private:
  ColumnDescriptor column_;
  std::unique_ptr<RandomAccessFile> file_;
  std::unique_ptr<ColumnReader> reader_;
};

// Definition levels 1 0 1 1 (value, null, value, value) for max level 1,
// as one bit-packed run of 8 (the last 4 padding).
Bytes DefLevels1011() {
  return LengthPrefixed(BitPackedRun({1, 0, 1, 1, 0, 0, 0, 0}, 1));
}

TEST(ColumnReader, ReadsOptionalInt32WithNulls) {
  ChunkBuilder builder;
  builder.DataPageV1(4, Encoding::PLAIN,
                     Concat({DefLevels1011(), PlainInt32({10, 30, 40})}));
  Chunk chunk(builder, FlatColumn(Type::INT32, true));
  ColumnBatch batch = chunk.Read(4);
  EXPECT_EQ(batch.num_rows, 4);
  EXPECT_EQ(batch.validity, (std::vector<uint8_t>{1, 0, 1, 1}));
  EXPECT_EQ(batch.int32s[0], 10);
  EXPECT_EQ(batch.int32s[2], 30);
  EXPECT_EQ(batch.int32s[3], 40);
  EXPECT_EQ(batch.dictionary, nullptr);
  EXPECT_THAT(chunk.reader().CheckExhausted(), IsOk());
}

TEST(ColumnReader, ContinuesAPageInTheNextBatch) {
  ChunkBuilder builder;
  builder.DataPageV1(4, Encoding::PLAIN,
                     Concat({DefLevels1011(), PlainInt32({10, 30, 40})}));
  Chunk chunk(builder, FlatColumn(Type::INT32, true));
  ColumnBatch first = chunk.Read(3);
  EXPECT_EQ(first.validity, (std::vector<uint8_t>{1, 0, 1}));
  EXPECT_EQ(first.int32s[2], 30);
  ColumnBatch second = chunk.Read(1);
  EXPECT_EQ(second.validity, (std::vector<uint8_t>{1}));
  EXPECT_EQ(second.int32s[0], 40);
}

TEST(ColumnReader, ReadsRequiredValuesAcrossTwoPages) {
  ChunkBuilder builder;
  builder.DataPageV1(2, Encoding::PLAIN, PlainInt32({1, 2}));
  builder.DataPageV1(2, Encoding::PLAIN, PlainInt32({3, 4}));
  Chunk chunk(builder, FlatColumn(Type::INT32, false));
  ColumnBatch batch = chunk.Read(3);
  EXPECT_EQ(batch.int32s, (std::vector<int32_t>{1, 2, 3}));
  EXPECT_EQ(chunk.Read(1).int32s, (std::vector<int32_t>{4}));
}

TEST(ColumnReader, GivesDictionaryIndicesWhenEveryValueCameFromTheDictionary) {
  ChunkBuilder builder;
  builder.DictionaryPage(2, PlainByteArray({"red", "blue"}));
  // bit width 1, then indices 1 0 1 as a bit-packed run of 8.
  builder.DataPageV1(3, Encoding::RLE_DICTIONARY,
                     Concat({{1}, BitPackedRun({1, 0, 1, 0, 0, 0, 0, 0}, 1)}));
  Chunk chunk(builder, FlatColumn(Type::BYTE_ARRAY, false));
  ColumnBatch batch = chunk.Read(3);
  ASSERT_NE(batch.dictionary, nullptr);
  EXPECT_EQ(batch.dictionary->byte_arrays,
            (std::vector<std::string_view>{"red", "blue"}));
  EXPECT_EQ(batch.dictionary_indices, (std::vector<int32_t>{1, 0, 1}));
  EXPECT_EQ(batch.byte_arrays,
            (std::vector<std::string_view>{"blue", "red", "blue"}));
  EXPECT_FALSE(batch.buffers.empty());
}

TEST(ColumnReader, FallsBackToPlainMidChunk) {
  ChunkBuilder builder;
  builder.DictionaryPage(1, PlainByteArray({"red"}));
  builder.DataPageV1(1, Encoding::RLE_DICTIONARY,
                     Concat({{1}, RleRun(0, 1, 1)}));
  builder.DataPageV1(1, Encoding::PLAIN, PlainByteArray({"green"}));
  Chunk chunk(builder, FlatColumn(Type::BYTE_ARRAY, false));
  ColumnBatch first = chunk.Read(1);
  EXPECT_NE(first.dictionary, nullptr);
  ColumnBatch second = chunk.Read(1);
  EXPECT_EQ(second.dictionary, nullptr);
  EXPECT_TRUE(second.dictionary_indices.empty());
  EXPECT_EQ(second.byte_arrays, (std::vector<std::string_view>{"green"}));
}

TEST(ColumnReader, StringViewsOutliveTheReader) {
  ColumnBatch batch;
  {
    ChunkBuilder builder;
    builder.DataPageV1(2, Encoding::PLAIN, PlainByteArray({"ab", "cde"}));
    Chunk chunk(builder, FlatColumn(Type::BYTE_ARRAY, false));
    batch = chunk.Read(2);
  }
  EXPECT_EQ(batch.byte_arrays, (std::vector<std::string_view>{"ab", "cde"}));
}

TEST(ColumnReader, RejectsADictionaryIndexOutOfRange) {
  ChunkBuilder builder;
  builder.DictionaryPage(1, PlainInt32({7}));
  int64_t page = builder.DataPageV1(1, Encoding::RLE_DICTIONARY,
                                    Concat({{2}, RleRun(3, 1, 2)}));
  Chunk chunk(builder, FlatColumn(Type::INT32, false));
  EXPECT_EQ(chunk.ReadStatus(1).message(),
            "page at offset " + std::to_string(page) +
                ": dictionary index 3 is out of range for a dictionary of 1 "
                "values");
}

TEST(ColumnReader, RefusesAnUnknownEncodingByName) {
  ChunkBuilder builder;
  int64_t page = builder.DataPageV1(1, static_cast<Encoding>(42), {0, 0, 0, 0});
  Chunk chunk(builder, FlatColumn(Type::INT32, false));
  Status status = chunk.ReadStatus(1);
  EXPECT_EQ(status.code(), StatusCode::kUnsupported);
  EXPECT_EQ(status.message(), "page at offset " + std::to_string(page) +
                                  ": encoding UNKNOWN(42) is not supported");
}

TEST(ColumnReader, RefusesBitPackedLevelsByName) {
  ChunkBuilder builder;
  int64_t page = builder.DataPageV1(1, Encoding::PLAIN, {1, 5, 0, 0, 0}, {},
                                    Encoding::BIT_PACKED);
  Chunk chunk(builder, FlatColumn(Type::INT32, true));
  Status status = chunk.ReadStatus(1);
  EXPECT_EQ(status.code(), StatusCode::kUnsupported);
  EXPECT_EQ(status.message(),
            "page at offset " + std::to_string(page) +
                ": definition level encoding BIT_PACKED is not supported");
}

TEST(ColumnReader, RejectsAChunkWithFewerRowsThanAsked) {
  ChunkBuilder builder;
  builder.DataPageV1(2, Encoding::PLAIN, PlainInt32({1, 2}));
  Chunk chunk(builder, FlatColumn(Type::INT32, false));
  EXPECT_EQ(chunk.ReadStatus(3).message(),
            "column chunk ends after 2 of 3 rows");
}

TEST(ColumnReader, RejectsAChunkWithMoreRowsThanTheRowGroup) {
  ChunkBuilder builder;
  builder.DataPageV1(3, Encoding::PLAIN, PlainInt32({1, 2, 3}));
  Chunk chunk(builder, FlatColumn(Type::INT32, false));
  chunk.Read(2);
  EXPECT_EQ(chunk.reader().CheckExhausted().message(),
            "column chunk has values beyond its 2 rows");
}

TEST(ColumnReader, RejectsADefinitionLevelAboveTheMaximum) {
  ChunkBuilder builder;
  int64_t page = builder.DataPageV1(
      1, Encoding::PLAIN,
      Concat({LengthPrefixed(RleRun(3, 1, 2)), PlainInt32({1})}));
  ColumnDescriptor column = FlatColumn(Type::INT32, true);
  column.max_definition_level = 2;  // bit width 2, so 3 fits the bits
  Chunk chunk(builder, column);
  EXPECT_EQ(chunk.ReadStatus(1).message(),
            "page at offset " + std::to_string(page) +
                ": definition level 3 is above the maximum 2");
}

TEST(ColumnReader, RejectsADataPageV2WhoseNumRowsDisagrees) {
  ChunkBuilder builder;
  int64_t page =
      builder.DataPageV2(2, 0, 3, Encoding::PLAIN, 0, 0, PlainInt32({1, 2}));
  Chunk chunk(builder, FlatColumn(Type::INT32, false));
  chunk.Read(2);
  EXPECT_EQ(chunk.reader().CheckExhausted().message(),
            "page at offset " + std::to_string(page) +
                ": num_rows 3 but its levels hold 2 rows");
}

TEST(ColumnReader, ReadsDataPageV2WithLevels) {
  ChunkBuilder builder;
  Bytes def = BitPackedRun({1, 0, 1, 1, 0, 0, 0, 0}, 1);
  builder.DataPageV2(4, 1, 4, Encoding::PLAIN, static_cast<int32_t>(def.size()),
                     0, Concat({def, PlainInt32({10, 30, 40})}));
  Chunk chunk(builder, FlatColumn(Type::INT32, true));
  ColumnBatch batch = chunk.Read(4);
  EXPECT_EQ(batch.validity, (std::vector<uint8_t>{1, 0, 1, 1}));
  EXPECT_EQ(batch.int32s[3], 40);
  EXPECT_THAT(chunk.reader().CheckExhausted(), IsOk());
}

// Rows: [1, 2], null, [], [null, 3]: (rep, def) pairs
// (0,3) (1,3) | (0,0) | (0,1) | (0,2) (1,3); max def 3, max rep 1.
Bytes ListPage() {
  Bytes rep = LengthPrefixed(BitPackedRun({0, 1, 0, 0, 0, 1, 0, 0}, 1));
  Bytes def = LengthPrefixed(BitPackedRun({3, 3, 0, 1, 2, 3, 0, 0}, 2));
  return Concat({rep, def, PlainInt32({1, 2, 3})});
}

TEST(ColumnReader, ReadsAOneLevelList) {
  ChunkBuilder builder;
  builder.DataPageV1(6, Encoding::PLAIN, ListPage());
  Chunk chunk(builder, ListColumn(Type::INT32));
  ColumnBatch batch = chunk.Read(4);
  EXPECT_EQ(batch.validity, (std::vector<uint8_t>{1, 0, 1, 1}));
  EXPECT_EQ(batch.list_offsets, (std::vector<int64_t>{0, 2, 2, 2, 4}));
  EXPECT_EQ(batch.element_validity, (std::vector<uint8_t>{1, 1, 0, 1}));
  EXPECT_EQ(batch.int32s[0], 1);
  EXPECT_EQ(batch.int32s[1], 2);
  EXPECT_EQ(batch.int32s[3], 3);
  EXPECT_THAT(chunk.reader().CheckExhausted(), IsOk());
}

TEST(ColumnReader, SplitsListRowsAcrossBatchesAtRowBoundaries) {
  ChunkBuilder builder;
  builder.DataPageV1(6, Encoding::PLAIN, ListPage());
  Chunk chunk(builder, ListColumn(Type::INT32));
  ColumnBatch first = chunk.Read(1);
  EXPECT_EQ(first.list_offsets, (std::vector<int64_t>{0, 2}));
  ColumnBatch rest = chunk.Read(3);
  EXPECT_EQ(rest.list_offsets, (std::vector<int64_t>{0, 0, 0, 2}));
  EXPECT_EQ(rest.int32s[1], 3);
}

// Every data page streams, read 3 bytes at a time into 8-byte windows:
// values cross pieces and windows.
PageReaderOptions Tiny() {
  PageReaderOptions options;
  options.whole_page_limit = 0;
  options.piece_size = 3;
  options.window = 8;
  return options;
}

TEST(ColumnReaderStreamed, ByteArraysLongerThanTheWindowStayValid) {
  ChunkBuilder builder;
  builder.DataPageV1(
      4, Encoding::PLAIN,
      Concat(
          {DefLevels1011(),
           PlainByteArray({"alpha", "a value longer than the window", ""})}));
  Bytes present = RleRun(1, 2, 1);  // v2 levels: no length prefix
  builder.DataPageV2(2, 0, 2, Encoding::PLAIN,
                     static_cast<int32_t>(present.size()), 0,
                     Concat({present, PlainByteArray({"second page", "z"})}));
  Chunk chunk(builder, FlatColumn(Type::BYTE_ARRAY, true), Tiny());
  ColumnBatch batch = chunk.Read(6);
  ASSERT_EQ(batch.num_rows, 6);
  EXPECT_EQ(batch.validity, (std::vector<uint8_t>{1, 0, 1, 1, 1, 1}));
  EXPECT_EQ(batch.byte_arrays[0], "alpha");
  EXPECT_EQ(batch.byte_arrays[2], "a value longer than the window");
  EXPECT_EQ(batch.byte_arrays[3], "");
  EXPECT_EQ(batch.byte_arrays[4], "second page");
  EXPECT_EQ(batch.byte_arrays[5], "z");
  EXPECT_THAT(chunk.reader().CheckExhausted(), IsOk());
}

TEST(ColumnReaderStreamed, Int32sAndDictionaryIndicesAcrossWindows) {
  ChunkBuilder builder;
  builder.DictionaryPage(3, PlainInt32({100, 200, 300}));
  // Bit width 2, then a bit-packed run of 8 indices and an RLE run of 5.
  builder.DataPageV1(
      13, Encoding::RLE_DICTIONARY,
      Concat({Bytes{2}, BitPackedRun({0, 1, 2, 2, 1, 0, 0, 1}, 2),
              RleRun(2, 5, 2)}));
  builder.DataPageV1(5, Encoding::PLAIN, PlainInt32({1, 2, 3, 4, 5}));
  Chunk chunk(builder, FlatColumn(Type::INT32, false), Tiny());
  ColumnBatch batch = chunk.Read(18);
  ASSERT_EQ(batch.num_rows, 18);
  std::vector<int32_t> expected = {100, 200, 300, 300, 200, 100, 100, 200, 300,
                                   300, 300, 300, 300, 1,   2,   3,   4,   5};
  EXPECT_EQ(std::vector<int32_t>(batch.int32s.begin(), batch.int32s.end()),
            expected);
}

TEST(ColumnReaderStreamed, APageWhoseCrcFailsGivesNoValue) {
  ChunkBuilder builder;
  Bytes body = PlainInt32({1, 2, 3});
  builder.DataPageV1(3, Encoding::PLAIN, body, WithCrc(Crc32(body) ^ 1));
  Chunk chunk(builder, FlatColumn(Type::INT32, false), Tiny());
  Status status = chunk.ReadStatus(1);
  EXPECT_EQ(status.code(), StatusCode::kCorrupt);
  EXPECT_NE(status.message().find("crc mismatch"), std::string::npos)
      << status.ToString();
}

TEST(ColumnReaderStreamed, APageWhoseCrcMatchesStreams) {
  ChunkBuilder builder;
  Bytes body = PlainInt32({1, 2, 3});
  builder.DataPageV1(3, Encoding::PLAIN, body, WithCrc(Crc32(body)));
  Chunk chunk(builder, FlatColumn(Type::INT32, false), Tiny());
  ColumnBatch batch = chunk.Read(3);
  EXPECT_EQ(batch.int32s[2], 3);
}

}  // namespace
}  // namespace jao::parquet
