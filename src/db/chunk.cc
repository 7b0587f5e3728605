// See chunk.h.
#include "db/chunk.h"

#include <utility>

#include "common/check.h"

namespace jao::db {

void Chunk::KeepAlive(std::shared_ptr<const void> owner) {
  keep_alive_.push_back(std::move(owner));
}

void Chunk::AdoptText(std::shared_ptr<const void> owner) {
  JAO_CHECK(stage_ == Stage::kBuilt, "chunk text adopted after loading began");
  text_ = std::move(owner);
}

void Chunk::StartLoading(std::function<void()> on_text_released) {
  JAO_CHECK(stage_ == Stage::kBuilt, "chunk handed to a loader twice");
  on_text_released_ = std::move(on_text_released);
  stage_ = Stage::kLoading;
}

void Chunk::ReleaseText() {
  JAO_CHECK(stage_ != Stage::kTextReleased, "chunk text released twice");
  JAO_CHECK(stage_ == Stage::kLoading,
            "chunk text released by a loader not allowed to free it");
  stage_ = Stage::kTextReleased;
  text_.reset();
  // Moved out first: the hook runs once, and what it captured goes with it.
  std::function<void()> released = std::exchange(on_text_released_, nullptr);
  if (released) released();
}

void Chunk::CheckTextReadable() const {
  JAO_CHECK(stage_ != Stage::kTextReleased,
            "chunk text read after it was released");
}

}  // namespace jao::db
