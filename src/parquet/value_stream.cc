#include "parquet/value_stream.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

namespace jao::parquet {

ValueStream::ValueStream(SharedBuffer page, size_t offset)
    : buffer_(std::move(page)),
      pos_(std::min(offset, buffer_->size())),
      end_(buffer_->size()),
      touched_{buffer_} {}

ValueStream::ValueStream(std::unique_ptr<StreamDecompressor> source,
                         size_t window)
    : source_(std::move(source)),
      source_left_(source_->size()),
      window_(std::max<size_t>(window, 1)) {}

Status ValueStream::Ensure(size_t n) {
  size_t have = end_ - pos_;
  if (have >= n || source_left_ == 0) return Status::Ok();
  uint64_t size = std::min<uint64_t>(std::max(window_, n), have + source_left_);
  auto next = std::make_shared<Buffer>(static_cast<size_t>(size));
  if (have > 0) std::memcpy(next->data(), buffer_->data() + pos_, have);
  size_t produced = 0;
  RETURN_IF_ERROR(source_->Read(
      std::span<uint8_t>(next->data() + have, next->size() - have), &produced));
  if (produced != next->size() - have) {
    return Status::Internal("page stream ended before its size");
  }
  source_left_ -= produced;
  buffer_ = std::move(next);
  pos_ = 0;
  end_ = buffer_->size();
  touched_.push_back(buffer_);
  return Status::Ok();
}

Status ValueStream::EnsureAll(uint64_t cap, std::string_view what) {
  if (remaining() > cap) {
    return Status::Unsupported(fmt::format(
        "{} of {} bytes is above the {} MiB limit for decoding a page whole",
        what, remaining(), cap >> 20));
  }
  return Ensure(static_cast<size_t>(remaining()));
}

void ValueStream::TakeBuffers(std::vector<SharedBuffer>* out) {
  for (const SharedBuffer& buffer : touched_) {
    if (out != nullptr &&
        std::find(out->begin(), out->end(), buffer) == out->end()) {
      out->push_back(buffer);
    }
  }
  touched_.clear();
  if (buffer_) touched_.push_back(buffer_);
}

}  // namespace jao::parquet
