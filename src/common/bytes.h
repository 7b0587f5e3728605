// Byte views and owned byte buffers shared by the reader's stages.
//
// ByteSpan is a non-owning view. Buffer is an owned, immutable-after-fill block
// held by shared_ptr so that decoded string views can outlive the page reader
// that produced them (a batch keeps the buffers its views point into).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace jao {

using ByteSpan = std::span<const uint8_t>;

// A growable byte block; vector<uint8_t> without value-initialising on resize,
// since every byte is about to be overwritten by a read or a decompressor.
class Buffer {
 public:
  Buffer() = default;
  explicit Buffer(size_t size) { Resize(size); }
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;

  void Resize(size_t size) {
    if (size > capacity_) {
      data_.reset(new uint8_t[size]);
      capacity_ = size;
    }
    size_ = size;
  }
  // Frees the block (a buffer kept per column would otherwise hold its
  // largest page for the whole column chunk).
  void Release() {
    data_.reset();
    size_ = capacity_ = 0;
  }
  uint8_t* data() { return data_.get(); }
  const uint8_t* data() const { return data_.get(); }
  size_t size() const { return size_; }
  ByteSpan span() const { return ByteSpan(data_.get(), size_); }

 private:
  std::unique_ptr<uint8_t[]> data_;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

using SharedBuffer = std::shared_ptr<const Buffer>;

inline std::string_view AsStringView(ByteSpan bytes) {
  return std::string_view(reinterpret_cast<const char*>(bytes.data()),
                          bytes.size());
}

}  // namespace jao
