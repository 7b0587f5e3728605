// Table-driven decoding of parquet.thrift structs: each struct's fields are
// described once (field id, name, required or not, and how to read the value
// into which member) and DecodeStruct reads any struct through its table:
// wire types checked against the table, unknown ids skipped, required ids
// checked at the end ("DataPageHeader.num_values (field 1) is missing").
// The field readers are templates on a pointer to the member they fill, so a
// table row reads like the Thrift definition:
//   {1, "num_values", kRequired, Count<&DataPageHeader::num_values>},
// Used by metadata.cc (FileMetaData) and page_header.cc (PageHeader).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "common/status.h"
#include "parquet/thrift_compact.h"
#include "parquet/thrift_fields.h"

namespace jao::parquet::thrift {

template <typename T>
using FieldReader = Status (*)(CompactReader& r, const FieldHeader& field,
                               std::string_view name, T* out);

inline constexpr bool kRequired = true;
inline constexpr bool kOptional = false;

// One row of a struct's table.
template <typename T>
struct FieldSpec {
  int16_t id;
  const char* name;
  bool required;
  FieldReader<T> read;
};

// Reads one struct of type T from `r` through its table `fields`.
template <typename T>
Status DecodeStruct(CompactReader& r, std::string_view struct_name,
                    std::span<const FieldSpec<T>> fields, T* out) {
  Required seen;
  RETURN_IF_ERROR(r.ReadStruct([&](const FieldHeader& f) -> Status {
    seen.Saw(f.id);
    for (const FieldSpec<T>& spec : fields) {
      if (spec.id == f.id) return spec.read(r, f, spec.name, out);
    }
    return r.Skip(f.type);
  }));
  for (const FieldSpec<T>& spec : fields) {
    if (!spec.required) continue;
    RETURN_IF_ERROR(seen.Check(struct_name, {{spec.id, spec.name}}));
  }
  return Status::Ok();
}

// ---- what a member pointer points into ----------------------------------

template <typename M>
struct MemberTraits;
template <typename C, typename V>
struct MemberTraits<V C::*> {
  using Class = C;
  using Value = V;
};
template <auto M>
using ClassOf = typename MemberTraits<decltype(M)>::Class;
template <auto M>
using ValueOf = typename MemberTraits<decltype(M)>::Value;

template <typename V>
struct Unwrapped {
  using Type = V;
};
template <typename V>
struct Unwrapped<std::optional<V>> {
  using Type = V;
};
// The value type of a member, without std::optional around it.
template <auto M>
using PlainValueOf = typename Unwrapped<ValueOf<M>>::Type;

// ---- field readers, one per kind of value --------------------------------

// Reads a value with `read` (one of thrift_fields.h's typed readers) into
// the member.
template <auto M, auto read>
Status Assign(CompactReader& r, const FieldHeader& f, std::string_view name,
              ClassOf<M>* out) {
  ASSIGN_OR_RETURN(out->*M, read(r, f, name));
  return Status::Ok();
}

inline Result<int8_t> ReadI8Field(CompactReader& r, const FieldHeader& f,
                                  std::string_view name) {
  RETURN_IF_ERROR(ExpectType(f, CType::kByte, name));
  return r.ReadI8();
}

// A bool travels in the field header; the reader is not needed.
inline Result<bool> ReadBoolInHeader(CompactReader&, const FieldHeader& f,
                                     std::string_view name) {
  return ReadBoolField(f, name);
}

template <auto M>
inline constexpr FieldReader<ClassOf<M>> I32 = Assign<M, ReadI32Field>;
template <auto M>
inline constexpr FieldReader<ClassOf<M>> I64 = Assign<M, ReadI64Field>;
// An i8 (the compact protocol's "byte").
template <auto M>
inline constexpr FieldReader<ClassOf<M>> I8 = Assign<M, ReadI8Field>;
// An i32 count or size: negative values contradict the format.
template <auto M>
inline constexpr FieldReader<ClassOf<M>> Count = Assign<M, ReadCountField>;
// An i64 size or offset: negative values contradict the format.
template <auto M>
inline constexpr FieldReader<ClassOf<M>> Size = Assign<M, ReadSizeField>;
template <auto M>
inline constexpr FieldReader<ClassOf<M>> Enum =
    Assign<M, ReadEnumField<PlainValueOf<M>>>;
template <auto M>
inline constexpr FieldReader<ClassOf<M>> Bool = Assign<M, ReadBoolInHeader>;
template <auto M>
inline constexpr FieldReader<ClassOf<M>> String = Assign<M, ReadStringField>;

// A field whose presence is the fact (e.g. crypto metadata): sets the bool
// member and skips the value.
template <auto M>
Status Present(CompactReader& r, const FieldHeader& f, std::string_view name,
               ClassOf<M>* out) {
  out->*M = true;
  return r.Skip(f.type);
}

// A nested struct, read by `decode`; an optional member is emplaced first.
template <auto M, Status (*decode)(CompactReader&, PlainValueOf<M>*)>
Status Struct(CompactReader& r, const FieldHeader& f, std::string_view name,
              ClassOf<M>* out) {
  RETURN_IF_ERROR(ExpectStruct(f, name));
  if constexpr (std::is_same_v<ValueOf<M>, PlainValueOf<M>>) {
    return decode(r, &(out->*M));
  } else {
    return decode(r, &(out->*M).emplace());
  }
}

// A list of structs, each appended to the vector member and read by `decode`.
template <auto M,
          Status (*decode)(CompactReader&, typename ValueOf<M>::value_type*)>
Status StructList(CompactReader& r, const FieldHeader& f, std::string_view name,
                  ClassOf<M>* out) {
  RETURN_IF_ERROR(ExpectType(f, CType::kList, name));
  return r.ReadList(CType::kStruct, name, [&]() -> Status {
    return decode(r, &(out->*M).emplace_back());
  });
}

// A list of strings, appended to the vector member.
template <auto M>
Status StringList(CompactReader& r, const FieldHeader& f, std::string_view name,
                  ClassOf<M>* out) {
  RETURN_IF_ERROR(ExpectType(f, CType::kList, name));
  return r.ReadList(CType::kBinary, name, [&]() -> Status {
    ASSIGN_OR_RETURN(std::string item, r.ReadString());
    (out->*M).push_back(std::move(item));
    return Status::Ok();
  });
}

// A list of enum values (i32), each refused when negative.
template <auto M>
Status EnumList(CompactReader& r, const FieldHeader& f, std::string_view name,
                ClassOf<M>* out) {
  RETURN_IF_ERROR(ExpectType(f, CType::kList, name));
  return r.ReadList(CType::kI32, name, [&]() -> Status {
    ASSIGN_OR_RETURN(int32_t value, r.ReadI32());
    if (value < 0) {
      // The singular of the list's name: "encoding -1 is negative".
      std::string_view item = name;
      if (!item.empty() && item.back() == 's') item.remove_suffix(1);
      return Status::Corrupt(std::string(item) + " " + std::to_string(value) +
                             " is negative");
    }
    (out->*M).push_back(static_cast<typename ValueOf<M>::value_type>(value));
    return Status::Ok();
  });
}

}  // namespace jao::parquet::thrift
