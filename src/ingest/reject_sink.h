// Where rejected rows go. Like leveldb's log::Reader::Reporter: damage that
// is not fatal is handed to an injected reporter and the run goes on.
//
// The rejects file holds one JSON object a line:
//   {"row": 12, "vacancy_id": 4711, "column": "salary_minimum",
//    "value": "TBC", "reason": "not a plain decimal number"}
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

#include "common/status.h"
#include "ingest/validators/cell.h"

namespace jao::ingest {

struct RejectedRow {
  int64_t row = 0;                    // 0-based row index in the file
  std::optional<int64_t> vacancy_id;  // when it could be read
  Rejection rejection;
};

class RejectReporter {
 public:
  virtual ~RejectReporter() = default;
  virtual void Report(const RejectedRow& rejected) = 0;
};

// The rejects of one chunk, held in memory as JSON lines until the chunk is
// about to commit. Used from one thread at a time.
class ChunkRejects : public RejectReporter {
 public:
  void Report(const RejectedRow& rejected) override;
  int64_t count() const { return count_; }
  // The lines reported since the last Take, each ending in '\n'; empties.
  std::string Take();

 private:
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
  // Opens (creates, truncates) `path`. Io "cannot open rejects file
  // '<path>': <why>".
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

// The JSON line for one rejected row, without the newline. Invalid UTF-8 in
// the raw value is replaced by U+FFFD.
std::string RejectLine(const RejectedRow& rejected);

}  // namespace jao::ingest
