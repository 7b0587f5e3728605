// The hand-over point between the pipeline's two threads (pipeline.h): the
// transform thread pushes each chunk it built, then the end of the file or
// the error that stops it; the loading thread pops them in order. Used by
// Pipeline only.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

#include "common/status.h"
#include "ingest/chunk_builder.h"

namespace jao::ingest {

// What the transform thread hands to the loading thread.
struct Handoff {
  BuiltChunk built;
  std::string reject_lines;  // the chunk's rejects, JSON lines
  Status error;              // non-ok: stop, after the chunks before it
  bool end = false;          // the file is done
  int64_t bytes_read = 0;
  uint64_t serial = 0;  // set by HandoffQueue::Push
};

// Holds one item at most, and closed by the consumer on failure. Push
// returns once the consumer has taken the item and said its text is freed
// or no longer counts (ReleaseText): the producer builds chunk N+1 while
// chunk N loads, and never a third one. A consumer that lets its loader
// free a chunk's text part-way calls ReleaseText only then, so that the
// producer starts the next chunk only then: one chunk's text at a time.
class HandoffQueue {
 public:
  // False when the consumer has gone away.
  bool Push(Handoff item) {
    std::unique_lock lock(mutex_);
    if (closed_) return false;
    const uint64_t serial = ++pushed_;
    item.serial = serial;
    item_ = std::move(item);
    not_empty_.notify_one();
    released_.wait(lock, [&] { return released_serial_ >= serial || closed_; });
    return !closed_;
  }
  Handoff Pop() {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return item_.has_value(); });
    Handoff item = std::move(*item_);
    item_.reset();
    return item;
  }
  // The text of the item with this serial is freed (or no longer matters).
  // Any thread; more than once is harmless.
  void ReleaseText(uint64_t serial) {
    std::lock_guard lock(mutex_);
    released_serial_ = std::max(released_serial_, serial);
    released_.notify_all();
  }
  // Releases a waiting Push, and makes every later Push return false.
  void Close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    item_.reset();
    released_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable released_;
  std::condition_variable not_empty_;
  std::optional<Handoff> item_;  // one at most: Push waits for its release
  uint64_t pushed_ = 0;
  uint64_t released_serial_ = 0;
  bool closed_ = false;
};

}  // namespace jao::ingest
