// DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY length sections. Both are
// DELTA_BINARY_PACKED int32 sequences whose value count must equal the count
// asked for: the byte data starts only after all of them.
#include "parquet/encoding/delta_byte_array.h"

#include <fmt/format.h>

#include "parquet/encoding/delta_binary_packed.h"

namespace jao::parquet {

Status DecodeLengthSection(std::string_view encoding, std::string_view what,
                           ByteSpan data, int64_t count,
                           std::vector<int32_t>* out, size_t* end) {
  if (count < 0) {
    return Status::InvalidArgument(
        fmt::format("{} count {} is negative", encoding, count));
  }
  DeltaBinaryPackedDecoder decoder;
  RETURN_IF_ERROR(decoder.Init(data));
  if (decoder.total_values() != count) {
    return Status::Corrupt(fmt::format("{} holds {} {}s, {} expected", encoding,
                                       decoder.total_values(), what, count));
  }
  out->resize(static_cast<size_t>(count));
  RETURN_IF_ERROR(decoder.Decode<int32_t>(out->data(), count));
  for (int64_t i = 0; i < count; ++i) {
    if ((*out)[i] < 0) {
      return Status::Corrupt(fmt::format("{} {} {} of value {} is negative",
                                         encoding, what, (*out)[i], i));
    }
  }
  *end = decoder.consumed();
  return Status::Ok();
}

Status CheckLengthsFit(std::string_view encoding,
                       const std::vector<int32_t>& lengths,
                       uint64_t available) {
  uint64_t used = 0;
  for (size_t i = 0; i < lengths.size(); ++i) {
    uint64_t length = static_cast<uint64_t>(lengths[i]);
    if (length > available - used) {
      return Status::Corrupt(
          fmt::format("{} value {} has length {}, {} bytes remain", encoding, i,
                      length, available - used));
    }
    used += length;
  }
  return Status::Ok();
}

Status CheckPrefixes(const std::vector<int32_t>& prefixes,
                     const std::vector<int32_t>& suffix_lengths) {
  constexpr std::string_view kName = "delta_byte_array";
  uint64_t total = 0;
  uint64_t previous_length = 0;
  for (size_t i = 0; i < prefixes.size(); ++i) {
    uint64_t prefix = static_cast<uint64_t>(prefixes[i]);
    if (prefix > previous_length) {
      return Status::Corrupt(fmt::format(
          "{} prefix length {} of value {} is longer than the previous value "
          "({} bytes)",
          kName, prefix, i, previous_length));
    }
    previous_length = prefix + static_cast<uint64_t>(suffix_lengths[i]);
    total += previous_length;
    if (total > kMaxDeltaByteArrayPageBytes) {
      return Status::Corrupt(
          fmt::format("{} values total more than {} bytes by value {}", kName,
                      kMaxDeltaByteArrayPageBytes, i));
    }
  }
  return Status::Ok();
}

}  // namespace jao::parquet
