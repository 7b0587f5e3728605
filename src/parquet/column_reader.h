// Decodes one column chunk into ColumnBatches, rows on demand.
//
// Called by the file reader's BatchReader, one ColumnReader per requested
// column and row group. Pages come from a PageReader one at a time; a page
// may be split across batches, and its values are decoded from the page's
// ValueStream as the batch needs them. Flat columns produce one slot per row;
// one-level lists one slot per element, with list_offsets per row (and, for
// lists, dictionary_indices per element slot). Byte arrays stay views into
// the page's buffers (a streamed page's windows), which the batch keeps
// alive. FLOAT16 is widened to
// floats, in batches and in the dictionary they are given.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "common/status.h"
#include "parquet/batch.h"
#include "parquet/level_decoder.h"
#include "parquet/page_reader.h"
#include "parquet/schema.h"
#include "parquet/value_decoder.h"

namespace jao::parquet {

class ColumnReader {
 public:
  // `column` must be readable (no `unsupported` reason) and outlive the
  // reader and its batches.
  ColumnReader(const ColumnDescriptor* column,
               std::unique_ptr<PageReader> pages);

  // Replaces `out` with the chunk's next `rows` rows. Errors: Corrupt when
  // the chunk ends before ("column chunk ends after 90 of 100 rows") or a
  // page contradicts its header; page errors carry "page at offset N".
  Status Read(int64_t rows, ColumnBatch* out);

  // After the row group's last row: Corrupt when the chunk holds more
  // values ("column chunk has values beyond its 100 rows").
  Status CheckExhausted();

  int64_t bytes_read() const { return pages_->bytes_read(); }

 private:
  static constexpr int64_t kLevelChunk = 1024;

  // Loads the next data page with values (reading a dictionary page on the
  // way); *loaded is false at the end of the chunk.
  Status LoadDataPage(bool* loaded);
  Status StartDataPage();
  Status CountPresent(ByteSpan definition, int64_t entries, int64_t* present);
  Status CheckPageCounts() const;
  // Makes buffered levels available; *have false at the end of the chunk.
  Status Refill(bool* have);
  // Adds the levels buf_[begin, end) to `out` and decodes their values.
  Status Consume(size_t begin, size_t end, ColumnBatch* out);
  Status DecodeSlots(int64_t at, int64_t n, const uint8_t* valid,
                     ColumnBatch* out);
  Status PageError(const Status& status) const;

  const ColumnDescriptor* column_;
  std::unique_ptr<PageReader> pages_;
  Type value_type_;        // the type of the arrays values are decoded to
  int16_t element_level_;  // lists: definition level of an element slot

  std::shared_ptr<const ColumnBatch> dictionary_;      // views, for decoding
  std::shared_ptr<const ColumnBatch> dictionary_out_;  // what batches get

  Page page_;
  bool page_loaded_ = false;
  int64_t page_levels_left_ = 0;
  int64_t page_rows_seen_ = 0;
  int64_t page_nulls_seen_ = 0;
  LevelDecoder repetition_;
  LevelDecoder definition_;
  std::unique_ptr<ValueDecoder> values_;

  std::vector<uint8_t> rep_bytes_;  // a v1 page's levels, copied out
  std::vector<uint8_t> def_bytes_;
  std::vector<uint32_t> rep_buf_;
  std::vector<uint32_t> def_buf_;
  size_t buf_pos_ = 0;
  size_t buf_len_ = 0;

  int64_t rows_read_ = 0;  // in this chunk, before the current Read
  // per Read
  int64_t batch_rows_ = 0;
  bool batch_dictionary_added_ = false;
  bool batch_all_dictionary_ = true;
};

}  // namespace jao::parquet
