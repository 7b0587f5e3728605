// A tiny Thrift compact-protocol writer for tests: builds the bytes a test
// feeds to the decoders, written from the protocol spec
// (thrift doc/specs/thrift-compact-protocol.md), not from the reader.
//
//   ThriftWriter w;
//   w.I32(1, 7).BeginStruct(2).String(1, "x").EndStruct().Stop();
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace jao::parquet::testing {

// Compact type ids.
enum : uint8_t {
  kTStop = 0,
  kTTrue = 1,
  kTFalse = 2,
  kTByte = 3,
  kTI16 = 4,
  kTI32 = 5,
  kTI64 = 6,
  kTDouble = 7,
  kTBinary = 8,
  kTList = 9,
  kTSet = 10,
  kTMap = 11,
  kTStruct = 12,
};

class ThriftWriter {
 public:
  ThriftWriter() { last_ids_.push_back(0); }

  const std::vector<uint8_t>& bytes() const { return bytes_; }

  // ---- raw pieces
  ThriftWriter& Byte(uint8_t b) {
    bytes_.push_back(b);
    return *this;
  }
  ThriftWriter& Varint(uint64_t v) {
    while (v >= 0x80) {
      bytes_.push_back(static_cast<uint8_t>(v | 0x80));
      v >>= 7;
    }
    bytes_.push_back(static_cast<uint8_t>(v));
    return *this;
  }
  ThriftWriter& ZigZag(int64_t v) {
    return Varint((static_cast<uint64_t>(v) << 1) ^
                  static_cast<uint64_t>(v >> 63));
  }
  ThriftWriter& Raw(std::string_view text) {
    bytes_.insert(bytes_.end(), text.begin(), text.end());
    return *this;
  }
  ThriftWriter& BinaryValue(std::string_view text) {
    Varint(text.size());
    return Raw(text);
  }
  ThriftWriter& DoubleValue(double d) {
    uint64_t bits;
    std::memcpy(&bits, &d, 8);
    for (int i = 0; i < 8; ++i)
      bytes_.push_back(static_cast<uint8_t>(bits >> (8 * i)));
    return *this;
  }

  // ---- field headers: short form when the delta is 1..15, else long form
  ThriftWriter& Field(int16_t id, uint8_t type) {
    const int delta = id - last_ids_.back();
    if (delta > 0 && delta <= 15) {
      bytes_.push_back(static_cast<uint8_t>(delta << 4 | type));
    } else {
      bytes_.push_back(type);
      ZigZag(id);
    }
    last_ids_.back() = id;
    return *this;
  }
  ThriftWriter& FieldLong(int16_t id, uint8_t type) {
    bytes_.push_back(type);
    ZigZag(id);
    last_ids_.back() = id;
    return *this;
  }
  ThriftWriter& Stop() { return Byte(kTStop); }

  // ---- whole fields
  ThriftWriter& I8(int16_t id, int8_t v) {
    return Field(id, kTByte).Byte(static_cast<uint8_t>(v));
  }
  ThriftWriter& I32(int16_t id, int32_t v) {
    return Field(id, kTI32).ZigZag(v);
  }
  ThriftWriter& I64(int16_t id, int64_t v) {
    return Field(id, kTI64).ZigZag(v);
  }
  ThriftWriter& Bool(int16_t id, bool v) {
    return Field(id, v ? kTTrue : kTFalse);
  }
  ThriftWriter& String(int16_t id, std::string_view s) {
    return Field(id, kTBinary).BinaryValue(s);
  }
  // A struct field: header, then the struct's fields until EndStruct().
  ThriftWriter& BeginStruct(int16_t id) {
    Field(id, kTStruct);
    last_ids_.push_back(0);
    return *this;
  }
  // A struct that is a list element (no field header).
  ThriftWriter& BeginElement() {
    last_ids_.push_back(0);
    return *this;
  }
  ThriftWriter& EndStruct() {
    last_ids_.pop_back();
    return Stop();
  }
  // An empty struct field (a union member such as StringType).
  ThriftWriter& EmptyStruct(int16_t id) { return BeginStruct(id).EndStruct(); }

  // A list header (no field header); sizes >= 15 use the varint form.
  ThriftWriter& ListHeader(uint8_t element_type, uint64_t size) {
    if (size < 15) return Byte(static_cast<uint8_t>(size << 4 | element_type));
    Byte(static_cast<uint8_t>(0xf0 | element_type));
    return Varint(size);
  }
  ThriftWriter& ListField(int16_t id, uint8_t element_type, uint64_t size) {
    Field(id, kTList);
    return ListHeader(element_type, size);
  }

 private:
  std::vector<uint8_t> bytes_;
  std::vector<int> last_ids_;
};

}  // namespace jao::parquet::testing
