// The body of one data page as the value decoders see it: a window of bytes
// that refills from a StreamDecompressor as they consume it, or the whole
// page when it was small enough to be decompressed at once.
//
// Decoders read window(), Consume what they used, and Ensure(n) when the
// next value needs n contiguous bytes. A refill moves the unconsumed bytes
// into a new buffer; byte-array views keep pointing into the old one, which
// lives on while a batch holds it (TakeBuffers hands the batch every buffer
// its views may point into).
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "common/bytes.h"
#include "common/status.h"
#include "parquet/stream_decompressor.h"

namespace jao::parquet {

class ValueStream {
 public:
  // A page held whole: bytes [offset, size) of `page`.
  ValueStream(SharedBuffer page, size_t offset);
  // A page decompressed as it is read, in windows of about `window` bytes.
  ValueStream(std::unique_ptr<StreamDecompressor> source, size_t window);

  // The bytes of the current window not consumed yet.
  ByteSpan window() const {
    return ByteSpan(buffer_ ? buffer_->data() + pos_ : nullptr, end_ - pos_);
  }
  void Consume(size_t n) { pos_ += n; }
  // Makes window() at least `n` bytes, or all the rest of the page when
  // fewer remain. Errors: those of the decompressor.
  Status Ensure(size_t n);
  // Makes window() hold all the rest of the page. Unsupported when that is
  // above `cap` bytes: "<what> of N bytes is above the M MiB limit for
  // decoding a page whole".
  Status EnsureAll(uint64_t cap, std::string_view what);
  // Bytes of the page not consumed yet.
  uint64_t remaining() const { return (end_ - pos_) + source_left_; }
  // Appends to `out` the buffers window() pointed into since the last call,
  // those not already in it; with a null `out` only forgets them (values
  // that are no views).
  void TakeBuffers(std::vector<SharedBuffer>* out);

 private:
  std::unique_ptr<StreamDecompressor> source_;
  uint64_t source_left_ = 0;
  size_t window_ = 0;
  SharedBuffer buffer_;
  size_t pos_ = 0;
  size_t end_ = 0;
  std::vector<SharedBuffer> touched_;
};

}  // namespace jao::parquet
