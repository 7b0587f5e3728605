// Owner of a chunk's long text (titles, descriptions, summaries), copied out
// of the decoded pages. The chunk then keeps no text page alive, and the
// loader can drop the text as soon as the vacancy rows are written, while
// the chunk's other rows are still loading (see db::Chunk::ReleaseText).
#pragma once

#include <algorithm>
#include <memory>
#include <string_view>
#include <vector>

namespace jao::ingest {

class TextArena {
 public:
  // A copy of `text`, valid while the arena lives; never moved by later
  // copies.
  std::string_view Copy(std::string_view text) {
    if (text.size() > free_) {
      const size_t size = std::max(kBlockBytes, text.size());
      blocks_.push_back(std::make_unique<char[]>(size));
      next_ = blocks_.back().get();
      free_ = size;
    }
    char* out = next_;
    std::copy(text.begin(), text.end(), out);
    next_ += text.size();
    free_ -= text.size();
    return std::string_view(out, text.size());
  }

 private:
  static constexpr size_t kBlockBytes = size_t{1} << 20;
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* next_ = nullptr;
  size_t free_ = 0;
};

}  // namespace jao::ingest
