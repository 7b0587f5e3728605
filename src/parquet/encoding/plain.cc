// PLAIN decoding. Values are copied with memcpy (the page buffer has no
// alignment guarantee) and assembled from little-endian bytes.
#include "parquet/encoding/plain.h"

#include <fmt/format.h>

#include <cstring>
#include <type_traits>

namespace jao::parquet {
namespace {

Status CheckCount(int64_t count) {
  if (count < 0) {
    return Status::InvalidArgument(
        fmt::format("plain value count {} is negative", count));
  }
  return Status::Ok();
}

Status CheckFixedSize(std::string_view type, ByteSpan data, int64_t count,
                      size_t width) {
  return CheckPlainFixedSize(type, data.size(), count, width);
}

uint32_t LoadLittleEndian32(const uint8_t* p) {
  return uint32_t{p[0]} | (uint32_t{p[1]} << 8) | (uint32_t{p[2]} << 16) |
         (uint32_t{p[3]} << 24);
}

uint64_t LoadLittleEndian64(const uint8_t* p) {
  return uint64_t{LoadLittleEndian32(p)} |
         (uint64_t{LoadLittleEndian32(p + 4)} << 32);
}

template <typename T>
constexpr std::string_view PlainTypeName() {
  if constexpr (std::is_same_v<T, int32_t>) return PlainTypeName(Type::INT32);
  if constexpr (std::is_same_v<T, int64_t>) return PlainTypeName(Type::INT64);
  if constexpr (std::is_same_v<T, float>) return PlainTypeName(Type::FLOAT);
  if constexpr (std::is_same_v<T, double>) return PlainTypeName(Type::DOUBLE);
}

}  // namespace

std::string_view PlainTypeName(Type type) {
  switch (type) {
    case Type::BOOLEAN:
      return "boolean";
    case Type::INT32:
      return "int32";
    case Type::INT64:
      return "int64";
    case Type::INT96:
      return "int96";
    case Type::FLOAT:
      return "float";
    case Type::DOUBLE:
      return "double";
    case Type::BYTE_ARRAY:
      return "byte_array";
    case Type::FIXED_LEN_BYTE_ARRAY:
      return "fixed_len_byte_array";
  }
  return "unknown";
}

Status CheckPlainFixedSize(std::string_view type, uint64_t available,
                           int64_t count, size_t width) {
  RETURN_IF_ERROR(CheckCount(count));
  if (static_cast<uint64_t>(count) > available / width) {
    return Status::Corrupt(
        fmt::format("plain {} data has {} bytes, {} values need {}", type,
                    available, count, static_cast<uint64_t>(count) * width));
  }
  return Status::Ok();
}

template <typename T>
Status DecodePlainFixed(ByteSpan data, int64_t count, T* out,
                        size_t* consumed) {
  static_assert(sizeof(T) == 4 || sizeof(T) == 8);
  RETURN_IF_ERROR(CheckFixedSize(PlainTypeName<T>(), data, count, sizeof(T)));
  for (int64_t i = 0; i < count; ++i) {
    const uint8_t* p = data.data() + static_cast<size_t>(i) * sizeof(T);
    if constexpr (sizeof(T) == 4) {
      uint32_t bits = LoadLittleEndian32(p);
      std::memcpy(&out[i], &bits, sizeof(T));
    } else {
      uint64_t bits = LoadLittleEndian64(p);
      std::memcpy(&out[i], &bits, sizeof(T));
    }
  }
  *consumed = static_cast<size_t>(count) * sizeof(T);
  return Status::Ok();
}

template Status DecodePlainFixed<int32_t>(ByteSpan, int64_t, int32_t*, size_t*);
template Status DecodePlainFixed<int64_t>(ByteSpan, int64_t, int64_t*, size_t*);
template Status DecodePlainFixed<float>(ByteSpan, int64_t, float*, size_t*);
template Status DecodePlainFixed<double>(ByteSpan, int64_t, double*, size_t*);

Status DecodePlainInt96(ByteSpan data, int64_t count, Int96* out,
                        size_t* consumed) {
  RETURN_IF_ERROR(CheckFixedSize(PlainTypeName(Type::INT96), data, count, 12));
  for (int64_t i = 0; i < count; ++i) {
    const uint8_t* p = data.data() + static_cast<size_t>(i) * 12;
    out[i].nanos_of_day = LoadLittleEndian64(p);
    out[i].julian_day = LoadLittleEndian32(p + 8);
  }
  *consumed = static_cast<size_t>(count) * 12;
  return Status::Ok();
}

Status DecodePlainBoolean(ByteSpan data, int64_t count, uint8_t* out,
                          size_t* consumed) {
  RETURN_IF_ERROR(CheckCount(count));
  uint64_t bytes = (static_cast<uint64_t>(count) + 7) / 8;
  if (bytes > data.size()) {
    return Status::Corrupt(
        fmt::format("plain boolean data has {} bytes, {} values need {}",
                    data.size(), count, bytes));
  }
  for (int64_t i = 0; i < count; ++i) {
    out[i] = (data[static_cast<size_t>(i / 8)] >> (i % 8)) & 1;
  }
  *consumed = static_cast<size_t>(bytes);
  return Status::Ok();
}

int64_t DecodePlainByteArrayPrefix(ByteSpan data, int64_t count,
                                   std::string_view* out, size_t* consumed) {
  size_t pos = 0;
  int64_t i = 0;
  for (; i < count; ++i) {
    if (data.size() - pos < 4) break;
    uint32_t length = LoadLittleEndian32(data.data() + pos);
    if (length > data.size() - pos - 4) break;
    out[i] = AsStringView(data.subspan(pos + 4, length));
    pos += 4 + length;
  }
  *consumed = pos;
  return i;
}

Status DecodePlainByteArray(ByteSpan data, int64_t count, std::string_view* out,
                            size_t* consumed) {
  RETURN_IF_ERROR(CheckCount(count));
  int64_t i = DecodePlainByteArrayPrefix(data, count, out, consumed);
  if (i == count) return Status::Ok();
  size_t pos = *consumed;
  if (data.size() - pos < 4) {
    return Status::Corrupt(fmt::format(
        "plain byte_array value {} of {} has no length: {} bytes remain", i,
        count, data.size() - pos));
  }
  return Status::Corrupt(fmt::format(
      "plain byte_array value {} has length {}, {} bytes remain", i,
      LoadLittleEndian32(data.data() + pos), data.size() - pos - 4));
}

Status DecodePlainFixedLenByteArray(ByteSpan data, int32_t type_length,
                                    int64_t count, std::string_view* out,
                                    size_t* consumed) {
  if (type_length <= 0) {
    return Status::Corrupt(fmt::format(
        "fixed_len_byte_array type_length {} is not positive", type_length));
  }
  size_t width = static_cast<size_t>(type_length);
  RETURN_IF_ERROR(CheckFixedSize(PlainTypeName(Type::FIXED_LEN_BYTE_ARRAY),
                                 data, count, width));
  for (int64_t i = 0; i < count; ++i) {
    out[i] = AsStringView(data.subspan(static_cast<size_t>(i) * width, width));
  }
  *consumed = static_cast<size_t>(count) * width;
  return Status::Ok();
}

}  // namespace jao::parquet
