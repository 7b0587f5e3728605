// A RandomAccessFile that fails one chosen read: the reader's and the
// pipeline's fault tests run a file once cleanly to count its reads, then
// once per read with that read failing (an I/O error, or a short read: an
// implementation handing back fewer bytes than asked), or throwing (as an
// allocation failure would, wherever the read runs).
#pragma once

#include <memory>
#include <new>
#include <string>
#include <utility>

#include "parquet/random_access_file.h"

namespace jao::parquet::testing {

enum class Fault { kNone, kError, kShortRead, kThrow };

// What a FaultInjectingFile saw, shared so that it outlives the file (the
// reader that owns the file may be gone when a test looks).
struct FaultLog {
  int reads = 0;               // ReadAt calls, the failed one included
  int64_t failed_offset = -1;  // the offset of the injected read, or -1
};

class FaultInjectingFile final : public RandomAccessFile {
 public:
  // Read number `fail_at` (0-based, in call order) gets `fault`.
  FaultInjectingFile(std::unique_ptr<RandomAccessFile> inner, Fault fault,
                     int fail_at)
      : inner_(std::move(inner)), fault_(fault), fail_at_(fail_at) {}

  const std::string& path() const override { return inner_->path(); }
  int64_t size() const override { return inner_->size(); }
  // Reads so far (ReadAt calls, failed one included).
  int reads() const { return log_->reads; }
  // The offset of the injected read, -1 before it happened.
  int64_t failed_offset() const { return log_->failed_offset; }
  // The same counts, valid after the file is destroyed.
  std::shared_ptr<const FaultLog> log() const { return log_; }

 protected:
  Status ReadRange(int64_t offset, int64_t length, Buffer* out) const override {
    const int read = log_->reads++;
    if (fault_ == Fault::kNone || read != fail_at_) {
      return inner_->ReadAt(offset, length, out);
    }
    log_->failed_offset = offset;
    if (fault_ == Fault::kThrow) throw std::bad_alloc();
    if (fault_ == Fault::kError) {
      return Status::Io(path() + ": injected read error at offset " +
                        std::to_string(offset));
    }
    RETURN_IF_ERROR(inner_->ReadAt(offset, length, out));
    out->Resize(out->size() / 2);
    return Status::Ok();
  }

 private:
  std::unique_ptr<RandomAccessFile> inner_;
  Fault fault_;
  int fail_at_;
  std::shared_ptr<FaultLog> log_ = std::make_shared<FaultLog>();
};

}  // namespace jao::parquet::testing
