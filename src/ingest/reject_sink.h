// Where rejected rows go. Like leveldb's log::Reader::Reporter: damage that
// is not fatal is handed to an injected reporter and the run goes on.
//
// RejectSink writes one JSON object a line:
//   {"row": 12, "vacancy_id": 4711, "column": "salary_minimum",
//    "value": "TBC", "reason": "not a plain decimal number"}
// and counts them. Used from one thread at a time (the transform thread).
#pragma once

#include <cstdint>
#include <fstream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

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

class RejectSink : public RejectReporter {
 public:
  // `out` may be null: count only. Not owned; must outlive the sink.
  explicit RejectSink(std::ostream* out) : out_(out) {}
  // Opens (truncates) `path`. Io "cannot open rejects file '<path>': <why>".
  static Result<std::unique_ptr<RejectSink>> OpenFile(const std::string& path);

  void Report(const RejectedRow& rejected) override;
  int64_t count() const { return count_; }
  // Io when a write failed ("writing rejects file failed"); flushes.
  Status Finish();

 private:
  std::unique_ptr<std::ofstream> file_;
  std::ostream* out_;
  int64_t count_ = 0;
};

// The JSON line for one rejected row, without the newline. Invalid UTF-8 in
// the raw value is replaced by U+FFFD.
std::string RejectLine(const RejectedRow& rejected);

}  // namespace jao::ingest
