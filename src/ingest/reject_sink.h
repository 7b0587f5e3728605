// Where rejected rows go. Like leveldb's log::Reader::Reporter: damage that
// is not fatal is handed to an injected reporter and the run goes on.
//
// The rejects file holds one JSON object a line:
//   {"file": "export.parquet", "row": 12, "row_group": 0,
//    "vacancy_id": 4711, "column": "salary_minimum", "value": "TBC",
//    "reason": "not a plain decimal number"}
// "row" is 0-based within the file (so with several files a line names its
// row without ambiguity), "row_group" the row group holding it, "value" the
// raw value exactly as the file holds it (RawValue, validators/cell.h:
// decimals scaled, dates and timestamps as text, bytes that are not UTF-8
// as {"base64": "..."}).
// The transform thread reports a chunk's rejects into a ChunkRejects; the
// loading thread appends them to the RejectSink (written, flushed and
// fsynced) before it commits that chunk, and takes them back out when the
// chunk does not commit. So after any ending, a stop by signal included,
// the file holds whole lines only and every reject of every committed chunk.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"
#include "ingest/validators/cell.h"

namespace jao::ingest {

struct RejectedRow {
  int64_t row = 0;                    // 0-based row index in the file
  std::optional<int64_t> vacancy_id;  // when it could be read
  Rejection rejection;
};

// Where the rows of one file come from, for the reject lines.
struct RowOrigin {
  std::string file;
  // The file row index of each row group's first row, ascending ([0] = 0).
  std::vector<int64_t> row_group_first_rows;

  // The row group holding file row `row`.
  int64_t RowGroupOf(int64_t row) const;
};

// One line of the rejects file (without its '\n'); "file" and "row_group"
// only with an origin.
std::string RejectLine(const RejectedRow& rejected,
                       const RowOrigin* origin = nullptr);

class RejectReporter {
 public:
  virtual ~RejectReporter() = default;
  virtual void Report(const RejectedRow& rejected) = 0;
};

// The rejects of one chunk, held in memory as JSON lines until the chunk is
// about to commit. Used from one thread at a time.
class ChunkRejects : public RejectReporter {
 public:
  ChunkRejects() = default;
  explicit ChunkRejects(RowOrigin origin) : origin_(std::move(origin)) {}
  void Report(const RejectedRow& rejected) override;
  int64_t count() const { return count_; }
  // The lines reported since the last Take, each ending in '\n'; empties.
  std::string Take();

 private:
  std::optional<RowOrigin> origin_;
  std::string lines_;
  int64_t count_ = 0;
};

// The rejects file, written by the loading thread only.
class RejectSink {
 public:
  // Counts only; writes nothing.
  RejectSink() = default;
  RejectSink(const RejectSink&) = delete;
  RejectSink& operator=(const RejectSink&) = delete;
  ~RejectSink();
  // Opens (creates, truncates) `path`, without waiting: a fifo without a
  // reader fails at once. Io "cannot open rejects file '<path>': <why>".
  static Result<std::unique_ptr<RejectSink>> OpenFile(const std::string& path);

  // Appends `lines` (whole JSON lines, `count` of them) and makes them
  // durable (fsync) before returning; nothing when `lines` is empty. Io
  // "writing rejects file '<path>' failed: <why>" (e.g. a full disk); the
  // file is then cut back to its previous end, so it never ends mid-line.
  Status Append(std::string_view lines, int64_t count);
  // Takes the lines of the last Append back out of the file (their chunk
  // did not commit). Io when the file cannot be cut back.
  Status DropLastAppend();
  // Lines kept in the file (or counted).
  int64_t count() const { return count_; }
  const std::string& path() const { return path_; }

 private:
  Status Failure(std::string_view what, int error) const;
  Status CutBackTo(int64_t size);

  int fd_ = -1;
  std::string path_;
  int64_t size_ = 0;  // bytes written and kept
  int64_t count_ = 0;
  int64_t last_size_ = 0;  // before the last Append
  int64_t last_count_ = 0;
};

}  // namespace jao::ingest
