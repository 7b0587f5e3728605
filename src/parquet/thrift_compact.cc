#include "parquet/thrift_compact.h"

#include <cstring>
#include <limits>

namespace jao::parquet::thrift {
namespace {

int64_t ZigZagDecode(uint64_t v) {
  return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
}

bool IsKnownType(uint8_t t) {
  return t <= static_cast<uint8_t>(CType::kStruct);
}

// The fewest bytes one element of `type` can take on the wire: the bound
// used to refuse counts the remaining bytes cannot possibly hold.
size_t MinElementSize(CType type) {
  switch (type) {
    case CType::kDouble:
      return 8;
    default:
      return 1;
  }
}

}  // namespace

std::string CTypeName(CType type) {
  switch (type) {
    case CType::kStop:
      return "stop";
    case CType::kBoolTrue:
    case CType::kBoolFalse:
      return "bool";
    case CType::kByte:
      return "i8";
    case CType::kI16:
      return "i16";
    case CType::kI32:
      return "i32";
    case CType::kI64:
      return "i64";
    case CType::kDouble:
      return "double";
    case CType::kBinary:
      return "binary";
    case CType::kList:
      return "list";
    case CType::kSet:
      return "set";
    case CType::kMap:
      return "map";
    case CType::kStruct:
      return "struct";
  }
  return "type " + std::to_string(static_cast<int>(type));
}

Status CompactReader::Need(size_t count, std::string_view what) const {
  if (count > remaining()) {
    return Status::Corrupt(std::string(what) + " at offset " +
                           std::to_string(pos_) + " needs " +
                           std::to_string(count) + " bytes, only " +
                           std::to_string(remaining()) + " remain");
  }
  return Status::Ok();
}

Status CompactReader::EnterNested() {
  if (depth_ >= max_depth_) {
    return Status::Corrupt("nesting depth exceeds the limit of " +
                           std::to_string(max_depth_) + " at offset " +
                           std::to_string(pos_));
  }
  ++depth_;
  return Status::Ok();
}

Result<uint64_t> CompactReader::ReadVarint() {
  const size_t start = pos_;
  uint64_t value = 0;
  for (int i = 0; i < 10; ++i) {
    if (pos_ >= bytes_.size()) {
      return Status::Corrupt("varint at offset " + std::to_string(start) +
                             " is truncated after " + std::to_string(i) +
                             " bytes");
    }
    const uint8_t byte = bytes_[pos_++];
    // The tenth byte may carry only the 64th bit.
    if (i == 9 && (byte & 0x7f) > 1) {
      return Status::Corrupt("varint at offset " + std::to_string(start) +
                             " overflows 64 bits");
    }
    value |= static_cast<uint64_t>(byte & 0x7f) << (7 * i);
    if ((byte & 0x80) == 0) return value;
  }
  return Status::Corrupt("varint at offset " + std::to_string(start) +
                         " is longer than 10 bytes");
}

Result<int8_t> CompactReader::ReadI8() {
  RETURN_IF_ERROR(Need(1, "i8"));
  return static_cast<int8_t>(bytes_[pos_++]);
}

namespace {

// An i16 or i32: a zigzag varint that must fit the type; `range` names the
// type's range in the error.
template <typename T>
Result<T> ReadNarrow(CompactReader& reader, size_t start, std::string_view type,
                     std::string_view range) {
  ASSIGN_OR_RETURN(int64_t v, reader.ReadI64());
  if (v < std::numeric_limits<T>::min() || v > std::numeric_limits<T>::max()) {
    return Status::Corrupt(
        std::string(type) + " at offset " + std::to_string(start) +
        " has value " + std::to_string(v) + ", outside " + std::string(range));
  }
  return static_cast<T>(v);
}

}  // namespace

Result<int16_t> CompactReader::ReadI16() {
  return ReadNarrow<int16_t>(*this, pos_, "i16", "-32768..32767");
}

Result<int32_t> CompactReader::ReadI32() {
  return ReadNarrow<int32_t>(*this, pos_, "i32", "the 32-bit range");
}

Result<int64_t> CompactReader::ReadI64() {
  ASSIGN_OR_RETURN(uint64_t v, ReadVarint());
  return ZigZagDecode(v);
}

Result<double> CompactReader::ReadDouble() {
  RETURN_IF_ERROR(Need(8, "double"));
  uint64_t bits = 0;
  for (int i = 7; i >= 0; --i) bits = (bits << 8) | bytes_[pos_ + i];
  pos_ += 8;
  double value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

Result<bool> CompactReader::ReadBoolElement() {
  RETURN_IF_ERROR(Need(1, "bool"));
  const uint8_t byte = bytes_[pos_];
  if (byte > 2) {
    return Status::Corrupt("bool at offset " + std::to_string(pos_) +
                           " has byte " + std::to_string(byte) +
                           ", expected 0, 1 or 2");
  }
  ++pos_;
  return byte == 1;
}

// Lengths and counts are unsigned varints on the wire, but writers hold them
// in an int32: a value with the top bit set is a negative length.
Result<uint32_t> CompactReader::ReadLength(std::string_view what) {
  ASSIGN_OR_RETURN(uint64_t v, ReadVarint());
  if (v > std::numeric_limits<uint32_t>::max()) {
    return Status::Corrupt(std::string(what) + " " + std::to_string(v) +
                           " exceeds 32 bits");
  }
  const auto as_signed = static_cast<int32_t>(static_cast<uint32_t>(v));
  if (as_signed < 0) {
    return Status::Corrupt(std::string(what) + " " + std::to_string(as_signed) +
                           " is negative");
  }
  return static_cast<uint32_t>(v);
}

Result<ByteSpan> CompactReader::ReadBinary() {
  ASSIGN_OR_RETURN(uint32_t length, ReadLength("binary length"));
  if (length > remaining()) {
    return Status::Corrupt("binary of " + std::to_string(length) +
                           " bytes exceeds the " + std::to_string(remaining()) +
                           " remaining bytes");
  }
  ByteSpan out = bytes_.subspan(pos_, length);
  pos_ += length;
  return out;
}

Result<std::string> CompactReader::ReadString() {
  ASSIGN_OR_RETURN(ByteSpan bytes, ReadBinary());
  return std::string(AsStringView(bytes));
}

Result<FieldHeader> CompactReader::ReadFieldHeader(int16_t* last_id) {
  RETURN_IF_ERROR(Need(1, "field header"));
  const size_t start = pos_;
  const uint8_t byte = bytes_[pos_++];
  FieldHeader header;
  const uint8_t type = byte & 0x0f;
  if (!IsKnownType(type)) {
    return Status::Corrupt("field header at offset " + std::to_string(start) +
                           " has unknown type " + std::to_string(type));
  }
  header.type = static_cast<CType>(type);
  if (header.type == CType::kStop) return header;
  const int delta = byte >> 4;
  if (delta != 0) {
    const int id = *last_id + delta;
    if (id > std::numeric_limits<int16_t>::max()) {
      return Status::Corrupt("field id " + std::to_string(id) + " at offset " +
                             std::to_string(start) + " exceeds 32767");
    }
    header.id = static_cast<int16_t>(id);
  } else {
    ASSIGN_OR_RETURN(header.id, ReadI16());
  }
  *last_id = header.id;
  return header;
}

Result<ListHeader> CompactReader::ReadListHeader() {
  RETURN_IF_ERROR(Need(1, "list header"));
  const size_t start = pos_;
  const uint8_t byte = bytes_[pos_++];
  const uint8_t type = byte & 0x0f;
  if (!IsKnownType(type) || type == 0) {
    return Status::Corrupt("list header at offset " + std::to_string(start) +
                           " has unknown element type " + std::to_string(type));
  }
  ListHeader header;
  header.element_type = static_cast<CType>(type);
  header.size = byte >> 4;
  if (header.size == 15) {
    ASSIGN_OR_RETURN(header.size, ReadLength("list size"));
  }
  const size_t min_size = MinElementSize(header.element_type);
  // Divide rather than multiply: size * min_size could overflow on 32 bits.
  if (header.size > remaining() / min_size) {
    return Status::Corrupt("list of " + std::to_string(header.size) +
                           " elements exceeds the " +
                           std::to_string(remaining()) + " remaining bytes");
  }
  return header;
}

Status CompactReader::SkipMap() {
  RETURN_IF_ERROR(EnterNested());
  ASSIGN_OR_RETURN(uint32_t size, ReadLength("map size"));
  if (size != 0) {
    RETURN_IF_ERROR(Need(1, "map types"));
    const uint8_t types = bytes_[pos_++];
    const uint8_t key = types >> 4;
    const uint8_t value = types & 0x0f;
    if (!IsKnownType(key) || key == 0 || !IsKnownType(value) || value == 0) {
      return Status::Corrupt("map at offset " + std::to_string(pos_ - 1) +
                             " has unknown key/value types " +
                             std::to_string(types));
    }
    // Each entry needs at least one byte for its key and one for its value.
    if (size > remaining() / 2) {
      return Status::Corrupt("map of " + std::to_string(size) +
                             " entries exceeds the " +
                             std::to_string(remaining()) + " remaining bytes");
    }
    for (uint32_t i = 0; i < size; ++i) {
      RETURN_IF_ERROR(SkipElement(static_cast<CType>(key)));
      RETURN_IF_ERROR(SkipElement(static_cast<CType>(value)));
    }
  }
  LeaveNested();
  return Status::Ok();
}

// Inside lists, sets and maps a bool is a byte of its own.
Status CompactReader::SkipElement(CType type) {
  if (type == CType::kBoolTrue || type == CType::kBoolFalse) {
    return ReadBoolElement().status();
  }
  return Skip(type);
}

Status CompactReader::Skip(CType type) {
  switch (type) {
    case CType::kBoolTrue:
    case CType::kBoolFalse:
      // A bool field carries its value in the header (see SkipElement).
      return Status::Ok();
    case CType::kByte:
      return ReadI8().status();
    case CType::kI16:
    case CType::kI32:
    case CType::kI64:
      return ReadVarint().status();
    case CType::kDouble:
      return ReadDouble().status();
    case CType::kBinary:
      return ReadBinary().status();
    case CType::kList:
    case CType::kSet: {
      RETURN_IF_ERROR(EnterNested());
      ASSIGN_OR_RETURN(ListHeader header, ReadListHeader());
      for (uint32_t i = 0; i < header.size; ++i) {
        RETURN_IF_ERROR(SkipElement(header.element_type));
      }
      LeaveNested();
      return Status::Ok();
    }
    case CType::kMap:
      return SkipMap();
    case CType::kStruct:
      return ReadStruct(
          [this](const FieldHeader& field) { return Skip(field.type); });
    case CType::kStop:
      break;
  }
  return Status::Corrupt("cannot skip a value of " + CTypeName(type) +
                         " at offset " + std::to_string(pos_));
}

}  // namespace jao::parquet::thrift
