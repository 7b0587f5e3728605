// Page iteration over one column chunk: where it starts, how headers and
// sizes are checked, CRCs, skipped page kinds. Chunks are built inline.
#include "parquet/page_reader.h"

#include <gtest/gtest.h>

#include "common/status_matchers_support.h"
#include "parquet/page_builder_support.h"

namespace jao::parquet {
namespace {

using namespace testing;

struct Opened {
  std::unique_ptr<RandomAccessFile> file;
  std::unique_ptr<PageReader> pages;
};

Opened Open(const ChunkBuilder& chunk, ColumnMetaData meta) {
  Opened opened;
  opened.file = chunk.File();
  auto pages = PageReader::Make(opened.file.get(), meta);
  EXPECT_THAT(pages, IsOk());
  if (pages.ok()) opened.pages = std::move(pages).value();
  return opened;
}

Opened Open(const ChunkBuilder& chunk) { return Open(chunk, chunk.Meta()); }

Status NextStatus(PageReader* pages) {
  Page page;
  auto next = pages->Next(&page);
  return next.ok() ? Status::Ok() : next.status();
}

TEST(PageReader, ReadsTheDictionaryPageThenTheDataPage) {
  ChunkBuilder chunk;
  chunk.DictionaryPage(2, PlainInt32({7, 9}));
  int64_t data = chunk.DataPageV1(1, Encoding::RLE_DICTIONARY, {1, 0});
  Opened opened = Open(chunk);
  Page page;
  ASSERT_TRUE(*opened.pages->Next(&page));
  EXPECT_EQ(page.header.type, PageType::DICTIONARY_PAGE);
  EXPECT_EQ(page.offset, 4);
  EXPECT_EQ(page.data->size(), 8u);
  ASSERT_TRUE(*opened.pages->Next(&page));
  EXPECT_EQ(page.header.type, PageType::DATA_PAGE);
  EXPECT_EQ(page.offset, data);
  EXPECT_FALSE(*opened.pages->Next(&page));
}

TEST(PageReader, StartsAtTheDataPageWhenTheDictionaryOffsetIsZero) {
  ChunkBuilder chunk;
  chunk.DataPageV1(1, Encoding::PLAIN, PlainInt32({5}));
  ColumnMetaData meta = chunk.Meta();
  meta.dictionary_page_offset = 0;
  Opened opened = Open(chunk, meta);
  EXPECT_EQ(opened.pages->chunk_start(), 4);
  Page page;
  ASSERT_TRUE(*opened.pages->Next(&page));
  EXPECT_EQ(page.header.type, PageType::DATA_PAGE);
}

TEST(PageReader, RejectsAChunkRunningPastTheFileEnd) {
  ChunkBuilder chunk;
  chunk.DataPageV1(1, Encoding::PLAIN, PlainInt32({5}));
  ColumnMetaData meta = chunk.Meta();
  meta.total_compressed_size = 1000;
  auto file = chunk.File();
  auto pages = PageReader::Make(file.get(), meta);
  ASSERT_THAT(pages,
              StatusIs(::testing::_,
                       "column chunk [4, " + std::to_string(4 + file->size()) +
                           ") runs past the end of the " +
                           std::to_string(file->size()) + "-byte file"));
}

TEST(PageReader, SkipsIndexPages) {
  ChunkBuilder chunk;
  chunk.IndexPage({1, 2, 3});
  chunk.DataPageV1(1, Encoding::PLAIN, PlainInt32({5}));
  ColumnMetaData meta = chunk.Meta();
  meta.data_page_offset = 4;
  Opened opened = Open(chunk, meta);
  Page page;
  ASSERT_TRUE(*opened.pages->Next(&page));
  EXPECT_EQ(page.header.type, PageType::DATA_PAGE);
}

TEST(PageReader, AcceptsAMatchingCrc) {
  ChunkBuilder chunk;
  Bytes body = PlainInt32({5});
  chunk.DataPageV1(1, Encoding::PLAIN, body, WithCrc(Crc32(body)));
  Opened opened = Open(chunk);
  EXPECT_THAT(NextStatus(opened.pages.get()), IsOk());
}

TEST(PageReader, RejectsACrcMismatch) {
  ChunkBuilder chunk;
  Bytes body = PlainInt32({5});
  chunk.DataPageV1(1, Encoding::PLAIN, body, WithCrc(0x1234));
  Opened opened = Open(chunk);
  // zlib's crc32 of 05 00 00 00, computed by hand with Python's zlib.crc32.
  EXPECT_EQ(NextStatus(opened.pages.get()).message(),
            "page at offset 4: crc mismatch (header 0x00001234, computed "
            "0x169a2f2e)");
}

TEST(PageReader, RejectsANegativeCompressedSize) {
  ChunkBuilder chunk;
  chunk.DataPageV1(1, Encoding::PLAIN, PlainInt32({5}), WithCompressedSize(-4));
  Opened opened = Open(chunk);
  EXPECT_EQ(NextStatus(opened.pages.get()).message(),
            "page at offset 4: compressed_page_size -4 is negative");
}

TEST(PageReader, RejectsAPageRunningPastTheChunkEnd) {
  ChunkBuilder chunk;
  chunk.DataPageV1(1, Encoding::PLAIN, PlainInt32({5}), WithCompressedSize(40));
  Opened opened = Open(chunk);
  EXPECT_EQ(NextStatus(opened.pages.get()).message(),
            "page at offset 4: compressed_page_size 40 runs past the column "
            "chunk end at " +
                std::to_string(chunk.Size()));
}

TEST(PageReader, RejectsAnUncompressedSizeAboveTheChunkTotal) {
  ChunkBuilder chunk;
  chunk.DataPageV1(1, Encoding::PLAIN, PlainInt32({5}),
                   WithUncompressedSize(5000));
  Opened opened = Open(chunk);
  EXPECT_EQ(NextStatus(opened.pages.get()).message(),
            "page at offset 4: uncompressed_page_size 5000 is above the column "
            "chunk's total_uncompressed_size " +
                std::to_string(chunk.Size() - 4));
}

TEST(PageReader, RejectsAnUncompressedPageWhoseSizesDisagree) {
  ChunkBuilder chunk;
  chunk.DataPageV1(1, Encoding::PLAIN, PlainInt32({5}),
                   WithUncompressedSize(3));
  Opened opened = Open(chunk);
  EXPECT_EQ(NextStatus(opened.pages.get()).message(),
            "page at offset 4: uncompressed page stores 4 value bytes, header "
            "says 3");
}

TEST(PageReader, KeepsDataPageV2LevelsAheadOfTheValues) {
  ChunkBuilder chunk;
  Bytes levels = RleRun(1, 2, 1);
  Bytes body = Concat({levels, PlainInt32({3, 4})});
  chunk.DataPageV2(2, 0, 2, Encoding::PLAIN,
                   static_cast<int32_t>(levels.size()), 0, body);
  Opened opened = Open(chunk);
  Page page;
  ASSERT_TRUE(*opened.pages->Next(&page));
  ASSERT_EQ(page.data->size(), body.size());
  EXPECT_TRUE(std::equal(body.begin(), body.end(), page.data->data()));
}

TEST(PageReader, WalksHeadersWithoutReadingBodies) {
  ChunkBuilder chunk;
  chunk.DictionaryPage(2, PlainInt32({7, 9}));
  chunk.DataPageV1(1, Encoding::RLE_DICTIONARY, {1, 0}, WithCrc(1));
  Opened opened = Open(chunk);
  Page page;
  int pages = 0;
  while (*opened.pages->NextHeader(&page)) ++pages;
  EXPECT_EQ(pages, 2);
}

}  // namespace
}  // namespace jao::parquet
