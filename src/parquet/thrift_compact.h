// A reader for the Thrift compact protocol, the encoding of Parquet's footer
// and page headers. metadata.cc builds its struct decoders on top of it.
//
// The reader works on a borrowed ByteSpan and never trusts it: every varint is
// limited to 10 bytes, every length and element count is checked against the
// bytes that remain BEFORE anything is allocated, and structs, lists, sets and
// maps may nest at most `max_depth` levels (so a hostile footer cannot blow
// the stack). All failures are Status::Corrupt with a lower-case message that
// names what was found and what was allowed.
//
// Wire format (thrift doc/specs/thrift-compact-protocol.md):
//   field header  1 byte: high nibble = field id delta (1..15), low = type;
//                 delta 0 = long form, a zigzag varint i16 field id follows
//   i16/i32/i64   zigzag ULEB128 varints;  i8 one byte;  double 8 bytes LE
//   binary        ULEB128 length, then the bytes
//   list / set    1 byte: high nibble = size (15 = a varint size follows),
//                 low nibble = element type
//   map           varint size; when non-zero 1 byte key type | value type
//   bool          field: the type nibble itself (1 true, 2 false);
//                 list element: one byte (1 true, 0 or 2 false)
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/bytes.h"
#include "common/status.h"

namespace jao::parquet::thrift {

// Compact-protocol type ids, as on the wire.
enum class CType : uint8_t {
  kStop = 0,
  kBoolTrue = 1,
  kBoolFalse = 2,
  kByte = 3,
  kI16 = 4,
  kI32 = 5,
  kI64 = 6,
  kDouble = 7,
  kBinary = 8,
  kList = 9,
  kSet = 10,
  kMap = 11,
  kStruct = 12,
};

// "i32", "binary", "struct", ...; "type 13" for ids outside the protocol.
std::string CTypeName(CType type);

// One field of a struct. For bool fields the value travels in the header.
struct FieldHeader {
  int16_t id = 0;
  CType type = CType::kStop;
  bool bool_value() const { return type == CType::kBoolTrue; }
};

struct ListHeader {
  CType element_type = CType::kStop;
  uint32_t size = 0;
};

inline constexpr int kDefaultMaxDepth = 64;

class CompactReader {
 public:
  explicit CompactReader(ByteSpan bytes, int max_depth = kDefaultMaxDepth)
      : bytes_(bytes), max_depth_(max_depth) {}

  size_t position() const { return pos_; }
  size_t remaining() const { return bytes_.size() - pos_; }

  // Scalars. Varints longer than 10 bytes, or whose value does not fit the
  // requested width, are Corrupt.
  Result<uint64_t> ReadVarint();
  Result<int8_t> ReadI8();
  Result<int16_t> ReadI16();
  Result<int32_t> ReadI32();
  Result<int64_t> ReadI64();
  Result<double> ReadDouble();
  // A list/set element of type bool (one byte).
  Result<bool> ReadBoolElement();
  // A binary/string: a view into the reader's bytes (valid while they are).
  Result<ByteSpan> ReadBinary();
  Result<std::string> ReadString();

  // Reads a whole struct: calls `on_field(const FieldHeader&) -> Status` once
  // per field until the stop byte. `on_field` must consume the field's value
  // (read it, or Skip(header.type)). Counts one level of nesting.
  template <typename OnField>
  Status ReadStruct(OnField&& on_field);

  // Reads a list or set header; its size is checked against the remaining
  // bytes (each element needs at least one byte, a double eight).
  Result<ListHeader> ReadListHeader();

  // Reads a list/set: header, check of the element type, then
  // `on_element() -> Status` `size` times. Counts one level of nesting.
  template <typename OnElement>
  Status ReadList(CType element_type, std::string_view what,
                  OnElement&& on_element);

  // Skips the value of a field of `type`, recursing into structs, lists, sets
  // and maps (a bool field's value is in its header: nothing to skip).
  Status Skip(CType type);

 private:
  Result<FieldHeader> ReadFieldHeader(int16_t* last_id);
  Status Need(size_t count, std::string_view what) const;
  Status EnterNested();
  void LeaveNested() { --depth_; }
  Result<uint32_t> ReadLength(std::string_view what);
  Status SkipMap();
  Status SkipElement(CType type);

  ByteSpan bytes_;
  size_t pos_ = 0;
  int depth_ = 0;
  int max_depth_;
};

template <typename OnField>
Status CompactReader::ReadStruct(OnField&& on_field) {
  RETURN_IF_ERROR(EnterNested());
  int16_t last_id = 0;
  while (true) {
    auto header = ReadFieldHeader(&last_id);
    if (!header.ok()) return std::move(header).TakeStatus();
    if (header->type == CType::kStop) break;
    RETURN_IF_ERROR(on_field(*header));
  }
  LeaveNested();
  return Status::Ok();
}

template <typename OnElement>
Status CompactReader::ReadList(CType element_type, std::string_view what,
                               OnElement&& on_element) {
  RETURN_IF_ERROR(EnterNested());
  auto header = ReadListHeader();
  if (!header.ok()) return std::move(header).TakeStatus();
  bool same = header->element_type == element_type ||
              (element_type == CType::kBoolTrue &&
               header->element_type == CType::kBoolFalse);
  // An empty list's element type is whatever the writer put there.
  if (!same && header->size != 0) {
    return Status::Corrupt(std::string(what) + " is a list of " +
                           CTypeName(header->element_type) + ", expected " +
                           CTypeName(element_type));
  }
  for (uint32_t i = 0; i < header->size; ++i) {
    RETURN_IF_ERROR(on_element());
  }
  LeaveNested();
  return Status::Ok();
}

}  // namespace jao::parquet::thrift
