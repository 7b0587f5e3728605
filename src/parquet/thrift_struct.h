// Table-driven decoding of parquet.thrift structs. Each struct is described
// once, as a StructSpec: its name and one row a field (field id, name,
// required or not, and how to read the value into which member). Decode reads
// any struct through its spec: wire types checked against the row, unknown
// ids skipped, required ids checked at the end
// ("DataPageHeader.num_values (field 1) is missing"). Nested structs and
// lists of structs name the spec of what they hold, so a whole footer is read
// by the one routine; a union is a struct whose spec also has a member hook.
// A table row reads like the Thrift definition:
//   {1, "num_values", kRequired, Count<&DataPageHeader::num_values>},
// Used by metadata.cc (FileMetaData) and page_header.cc (PageHeader).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
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

// For a union: sees every member's header before the member is read or
// skipped, and records which member it is.
template <typename T>
using MemberHook = Status (*)(const FieldHeader& field, T* out);

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

// A struct as parquet.thrift declares it: its name (for messages), its table,
// and for a union the hook that records which member is present.
template <typename T, size_t N>
struct StructSpec {
  using Value = T;
  const char* name;
  std::array<FieldSpec<T>, N> fields;
  MemberHook<T> on_member;
};

// Not constexpr: a table that reaches it does not compile (Required tracks
// ids 0..31 only).
inline void RequiredFieldIdOutOfRange() {}

// The spec of struct T named `name`, from its rows. Tables are constexpr
// variables, so this runs at compile time (constexpr, not consteval: clang
// 14 refuses one consteval call inside another with the caller's arguments).
template <typename T, size_t N>
constexpr StructSpec<T, N> Describe(const char* name,
                                    const FieldSpec<T> (&fields)[N]) {
  StructSpec<T, N> spec{name, {}, nullptr};
  for (size_t i = 0; i < N; ++i) {
    if (fields[i].required && (fields[i].id < 0 || fields[i].id >= 32)) {
      RequiredFieldIdOutOfRange();
    }
    spec.fields[i] = fields[i];
  }
  return spec;
}

// The spec of union T: `on_member` records which member is present; the rows
// read the members that carry fields the reader keeps.
template <typename T, size_t N>
constexpr StructSpec<T, N> DescribeUnion(const char* name,
                                         MemberHook<T> on_member,
                                         const FieldSpec<T> (&fields)[N]) {
  StructSpec<T, N> spec = Describe(name, fields);
  spec.on_member = on_member;
  return spec;
}

// A union none of whose members carries a field the reader keeps.
template <typename T>
constexpr StructSpec<T, 0> DescribeUnion(const char* name,
                                         MemberHook<T> on_member) {
  return StructSpec<T, 0>{name, {}, on_member};
}

// Reads the value of one field of a struct read through `spec`.
template <typename T, size_t N>
Status DecodeField(CompactReader& r, const StructSpec<T, N>& spec,
                   const FieldHeader& f, T* out) {
  if (spec.on_member != nullptr) RETURN_IF_ERROR(spec.on_member(f, out));
  for (const FieldSpec<T>& field : spec.fields) {
    if (field.id == f.id) return field.read(r, f, field.name, out);
  }
  return r.Skip(f.type);
}

// Reads one struct of type T from `r` through its spec.
template <typename T, size_t N>
Status Decode(CompactReader& r, const StructSpec<T, N>& spec, T* out) {
  Required seen;
  RETURN_IF_ERROR(r.ReadStruct([&](const FieldHeader& f) {
    seen.Saw(f.id);
    return DecodeField(r, spec, f, out);
  }));
  for (const FieldSpec<T>& field : spec.fields) {
    if (!field.required) continue;
    RETURN_IF_ERROR(seen.Check(spec.name, field.id, field.name));
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

// A nested struct, read through `spec`; an optional member is emplaced first.
template <auto M, const auto& spec>
Status Struct(CompactReader& r, const FieldHeader& f, std::string_view name,
              ClassOf<M>* out) {
  RETURN_IF_ERROR(ExpectStruct(f, name));
  if constexpr (std::is_same_v<ValueOf<M>, PlainValueOf<M>>) {
    return Decode(r, spec, &(out->*M));
  } else {
    return Decode(r, spec, &(out->*M).emplace());
  }
}

// A nested struct whose fields are kept on the enclosing object (the members
// of the LogicalType union), read through `spec`.
template <const auto& spec>
Status Merged(CompactReader& r, const FieldHeader& f, std::string_view name,
              typename std::remove_cvref_t<decltype(spec)>::Value* out) {
  RETURN_IF_ERROR(ExpectStruct(f, name));
  return Decode(r, spec, out);
}

// A list of structs, each appended to the vector member and read through
// `spec`.
template <auto M, const auto& spec>
Status StructList(CompactReader& r, const FieldHeader& f, std::string_view name,
                  ClassOf<M>* out) {
  RETURN_IF_ERROR(ExpectType(f, CType::kList, name));
  return r.ReadList(CType::kStruct, name, [&]() -> Status {
    return Decode(r, spec, &(out->*M).emplace_back());
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
