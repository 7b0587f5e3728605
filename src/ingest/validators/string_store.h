// Owner of strings made by clean-up (a name whose white space changed) that
// records point at. A Chunk keeps the stores its views point into alive
// through Share(); adding strings never moves earlier ones.
#pragma once

#include <deque>
#include <memory>
#include <string>
#include <string_view>

namespace jao::ingest {

class StringStore {
 public:
  // Stores `text` and returns a view valid while this store or a Share() of
  // it lives.
  std::string_view Keep(std::string text) {
    strings_->push_back(std::move(text));
    return strings_->back();
  }
  std::shared_ptr<const void> Share() const { return strings_; }
  size_t size() const { return strings_->size(); }

 private:
  std::shared_ptr<std::deque<std::string>> strings_ =
      std::make_shared<std::deque<std::string>>();
};

}  // namespace jao::ingest
