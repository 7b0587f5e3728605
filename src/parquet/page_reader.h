// Iterates the pages of one column chunk, lazily, one page in flight.
//
// Called by the column reader (values) and by `inspect` (headers only). For
// each page: reads the header from a bounded window, checks its sizes
// against the chunk, verifies the CRC32 when the header has one, and
// decompresses. DATA_PAGE_V2 levels are stored uncompressed before the
// values; Page::data holds levels then decompressed values, as one buffer.
// INDEX_PAGE and unknown page types are skipped.
#pragma once

#include <cstdint>
#include <memory>

#include "common/bytes.h"
#include "common/status.h"
#include "parquet/metadata.h"
#include "parquet/random_access_file.h"

namespace jao::parquet {

struct Page {
  PageHeader header;
  int64_t offset = 0;  // file offset of the page header
  SharedBuffer data;   // the uncompressed page body
};

class PageReader {
 public:
  // The largest uncompressed page this reader accepts.
  static constexpr int64_t kMaxPageSize = int64_t{1} << 30;
  // The largest page header this reader accepts.
  static constexpr int64_t kMaxHeaderSize = int64_t{16} << 20;

  // Checks the chunk's range ([start, start + total_compressed_size), start
  // being the dictionary page offset when it is set, > 0 and before the
  // first data page, else data_page_offset) against the source size.
  // `source` must outlive the reader. Errors: Corrupt naming the field.
  static Result<std::unique_ptr<PageReader>> Make(
      const RandomAccessFile* source, const ColumnMetaData& meta);

  // Reads the next dictionary or data page into `page` and returns true, or
  // returns false at the end of the chunk. Errors: Corrupt "page at offset
  // N: ...", Unsupported for codecs or page kinds refused by name.
  Result<bool> Next(Page* page);

  // Like Next, but reads only the header and skips the body (no CRC check,
  // no decompression): for `inspect`. Returns false at the end of the chunk.
  Result<bool> NextHeader(Page* page);

  int64_t chunk_start() const { return start_; }
  int64_t chunk_end() const { return end_; }
  // Bytes read from the source so far.
  int64_t bytes_read() const { return bytes_read_; }

 private:
  PageReader(const RandomAccessFile* source, const ColumnMetaData& meta,
             int64_t start, int64_t end);
  // Reads and checks the header at pos_; sets *body_offset.
  Status ReadHeader(PageHeader* header, int64_t* body_offset);
  Status CheckSizes(const PageHeader& header, int64_t body_offset) const;
  Status ReadBody(const PageHeader& header, int64_t body_offset, Page* page);
  bool Known(PageType type) const;

  const RandomAccessFile* source_;
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
