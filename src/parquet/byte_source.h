// Where the page reader gets its bytes: an interface over "read N bytes at
// offset O", so the file reader can hand it a file and tests an in-memory
// buffer. Implementations: FileByteSource (file_reader.cc), MemoryByteSource.
#pragma once

#include <cstdint>
#include <vector>

#include "common/bytes.h"
#include "common/status.h"

namespace jao::parquet {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual int64_t size() const = 0;
  // Fills `out` (resized to `length`) with the bytes at [offset, offset +
  // length). Errors: Corrupt when the range is outside [0, size()), Io when
  // the read fails.
  virtual Status ReadAt(int64_t offset, int64_t length, Buffer* out) = 0;
};

// A ByteSource over bytes held in memory (tests, fuzzing).
class MemoryByteSource : public ByteSource {
 public:
  explicit MemoryByteSource(std::vector<uint8_t> bytes)
      : bytes_(std::move(bytes)) {}
  int64_t size() const override { return static_cast<int64_t>(bytes_.size()); }
  Status ReadAt(int64_t offset, int64_t length, Buffer* out) override;

 private:
  std::vector<uint8_t> bytes_;
};

}  // namespace jao::parquet
