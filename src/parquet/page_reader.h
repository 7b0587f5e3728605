// Iterates the pages of one column chunk, lazily, one page in flight.
//
// Called by the column reader (values) and by `inspect` (headers only). For
// each page: reads the header from a bounded window, checks its sizes
// against the chunk, verifies the CRC32 when the header has one, and
// decompresses. DATA_PAGE_V2 levels are stored uncompressed before the
// values. INDEX_PAGE and unknown page types are skipped.
//
// Next gives the whole page body in Page::data. NextStreamed, for the
// column reader, bounds a data page's memory: a page above
// whole_page_limit is read from the file in pieces and decompressed as its
// ValueStream is consumed (CRC: a first pass reads the compressed bytes in
// pieces and checks them, then the second pass streams, so no value of a
// damaged page is decoded). Dictionary pages are always whole, at most
// kMaxDictionaryPageSize bytes.
#pragma once

#include <cstdint>
#include <memory>

#include "common/bytes.h"
#include "common/status.h"
#include "parquet/metadata.h"
#include "parquet/random_access_file.h"
#include "parquet/value_stream.h"

namespace jao::parquet {

struct Page {
  PageHeader header;
  int64_t offset = 0;  // file offset of the page header
  // Next: the uncompressed page body. NextStreamed: the same for dictionary
  // pages and pages decoded whole; for streamed v2 pages, the levels only.
  SharedBuffer data;
  // NextStreamed, data pages: the body after any v2 levels (a v1 page's
  // levels come first in it).
  std::unique_ptr<ValueStream> values;
};

// Every column of a batch holds one page in flight, so these bound the
// reader's memory by the column count, whatever the writer's page size: a
// streamed page costs a window, a piece and the codec's own state (64 KiB
// of history and a 64 KiB span for Snappy and LZ4; zstd and brotli keep
// their frame's window).
struct PageReaderOptions {
  // Data pages up to this uncompressed size are read and decompressed whole
  // (the codec libraries' one-shot calls); larger ones stream.
  int64_t whole_page_limit = int64_t{256} << 10;
  // Compressed bytes read from the file at a time.
  size_t piece_size = size_t{32} << 10;
  // Decompressed bytes a ValueStream window holds (a longer value widens it).
  size_t window = size_t{64} << 10;
};

class PageReader {
 public:
  // The largest uncompressed page this reader accepts.
  static constexpr int64_t kMaxPageSize = int64_t{1} << 30;
  // The largest page header this reader accepts.
  static constexpr int64_t kMaxHeaderSize = int64_t{16} << 20;
  // The largest dictionary page this reader accepts (dictionaries are whole).
  static constexpr int64_t kMaxDictionaryPageSize = int64_t{256} << 20;

  // Checks the chunk's range ([start, start + total_compressed_size), start
  // being the dictionary page offset when it is set, > 0 and before the
  // first data page, else data_page_offset) against the source size.
  // `source` must outlive the reader. Errors: Corrupt naming the field.
  static Result<std::unique_ptr<PageReader>> Make(
      const RandomAccessFile* source, const ColumnMetaData& meta,
      PageReaderOptions options = {});

  // Reads the next dictionary or data page into `page` and returns true, or
  // returns false at the end of the chunk. Errors: Corrupt "page at offset
  // N: ...", Unsupported for codecs or page kinds refused by name.
  Result<bool> Next(Page* page);

  // Like Next, but data pages come as Page::values (see above). The reader
  // must outlive the page's stream.
  Result<bool> NextStreamed(Page* page);

  // Like Next, but reads only the header and skips the body (no CRC check,
  // no decompression): for `inspect`. Returns false at the end of the chunk.
  Result<bool> NextHeader(Page* page);

  int64_t chunk_start() const { return start_; }
  int64_t chunk_end() const { return end_; }
  // Bytes read from the source so far.
  int64_t bytes_read() const { return bytes_read_; }

 private:
  PageReader(const RandomAccessFile* source, const ColumnMetaData& meta,
             int64_t start, int64_t end, PageReaderOptions options);
  // Reads headers up to the next dictionary or data page into `page`
  // (header and offset); false at the end of the chunk.
  Result<bool> NextKnown(Page* page, int64_t* body_offset);
  // Reads and checks the header at pos_; sets *body_offset.
  Status ReadHeader(PageHeader* header, int64_t* body_offset);
  Status CheckSizes(const PageHeader& header, int64_t body_offset) const;
  Status ReadBody(const PageHeader& header, int64_t body_offset, Page* page);
  // Reads a data page's v2 levels and opens a stream over its values.
  Status OpenBody(const PageHeader& header, int64_t body_offset, Page* page);
  Status CheckCrcInPieces(const PageHeader& header, int64_t body_offset);
  bool Known(PageType type) const;

  const RandomAccessFile* source_;
  PageReaderOptions options_;
  CompressionCodec codec_;
  int64_t total_uncompressed_size_;
  int64_t start_;
  int64_t end_;
  int64_t pos_;
  int64_t bytes_read_ = 0;
  Buffer header_window_;
  Buffer compressed_;
};

}  // namespace jao::parquet
