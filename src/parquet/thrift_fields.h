// Typed field readers for the struct decoders of metadata.cc and
// page_header.cc: each checks the field's wire type against the one
// parquet.thrift declares, reads it, and checks sizes for sign, with messages
// that name the field ("compressed_page_size -4 is negative").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"
#include "parquet/thrift_compact.h"

namespace jao::parquet::thrift {

// Which required fields of one struct were seen, by field id (ids < 32).
class Required {
 public:
  void Saw(int16_t id) {
    if (id >= 0 && id < 32) seen_ |= 1u << id;
  }
  // Corrupt when field `id`, which struct `struct_name` requires, was not
  // seen.
  Status Check(std::string_view struct_name, int16_t id,
               std::string_view name) const {
    if (id >= 0 && id < 32 && (seen_ & (1u << id)) != 0) return Status::Ok();
    // A name already qualified by its struct ("KeyValue.key") is not
    // qualified twice.
    std::string prefix = std::string(struct_name) + ".";
    std::string qualified = name.substr(0, prefix.size()) == prefix
                                ? std::string(name)
                                : prefix + std::string(name);
    return Status::Corrupt(qualified + " (field " + std::to_string(id) +
                           ") is missing");
  }

 private:
  uint32_t seen_ = 0;
};

inline Status ExpectType(const FieldHeader& field, CType expected,
                         std::string_view name) {
  const bool same = field.type == expected || (expected == CType::kBoolTrue &&
                                               field.type == CType::kBoolFalse);
  if (same) return Status::Ok();
  return Status::Corrupt(std::string(name) + " (field " +
                         std::to_string(field.id) + ") has wire type " +
                         CTypeName(field.type) + ", expected " +
                         CTypeName(expected));
}

inline Result<int32_t> ReadI32Field(CompactReader& r, const FieldHeader& field,
                                    std::string_view name) {
  RETURN_IF_ERROR(ExpectType(field, CType::kI32, name));
  return r.ReadI32();
}

inline Result<int64_t> ReadI64Field(CompactReader& r, const FieldHeader& field,
                                    std::string_view name) {
  RETURN_IF_ERROR(ExpectType(field, CType::kI64, name));
  return r.ReadI64();
}

// Sizes, counts and offsets: a negative value contradicts the format.
template <typename Int>
inline Result<Int> NonNegative(Result<Int> value, std::string_view name) {
  if (value.ok() && *value < 0) {
    return Status::Corrupt(std::string(name) + " " + std::to_string(*value) +
                           " is negative");
  }
  return value;
}

inline Result<int32_t> ReadCountField(CompactReader& r,
                                      const FieldHeader& field,
                                      std::string_view name) {
  return NonNegative(ReadI32Field(r, field, name), name);
}

inline Result<int64_t> ReadSizeField(CompactReader& r, const FieldHeader& field,
                                     std::string_view name) {
  return NonNegative(ReadI64Field(r, field, name), name);
}

// Enum values the reader does not know are kept as numbers (types.cc names
// them UNKNOWN(n)); negative ones cannot be told from our sentinels.
template <typename Enum>
inline Result<Enum> ReadEnumField(CompactReader& r, const FieldHeader& field,
                                  std::string_view name) {
  ASSIGN_OR_RETURN(int32_t value,
                   NonNegative(ReadI32Field(r, field, name), name));
  return static_cast<Enum>(value);
}

inline Result<bool> ReadBoolField(const FieldHeader& field,
                                  std::string_view name) {
  RETURN_IF_ERROR(ExpectType(field, CType::kBoolTrue, name));
  return field.bool_value();
}

inline Result<std::string> ReadStringField(CompactReader& r,
                                           const FieldHeader& field,
                                           std::string_view name) {
  RETURN_IF_ERROR(ExpectType(field, CType::kBinary, name));
  return r.ReadString();
}

inline Status ExpectStruct(const FieldHeader& field, std::string_view name) {
  return ExpectType(field, CType::kStruct, name);
}

}  // namespace jao::parquet::thrift
