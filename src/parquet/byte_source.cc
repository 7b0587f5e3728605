#include "parquet/byte_source.h"

#include <cstring>
#include <string>

namespace jao::parquet {

Status MemoryByteSource::ReadAt(int64_t offset, int64_t length, Buffer* out) {
  if (offset < 0 || length < 0 || offset > size() || length > size() - offset) {
    return Status::Corrupt("read of " + std::to_string(length) +
                           " bytes at offset " + std::to_string(offset) +
                           " is outside the " + std::to_string(size()) +
                           "-byte input");
  }
  out->Resize(static_cast<size_t>(length));
  if (length > 0) std::memcpy(out->data(), bytes_.data() + offset, length);
  return Status::Ok();
}

}  // namespace jao::parquet
