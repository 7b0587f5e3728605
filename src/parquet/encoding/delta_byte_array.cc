// DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY decoding. Both sections of
// lengths are DELTA_BINARY_PACKED int32 sequences whose value count must equal
// the count asked for: the byte data starts only after all of them.
#include "parquet/encoding/delta_byte_array.h"

#include <fmt/format.h>

#include <cstring>
#include <limits>
#include <vector>

#include "parquet/encoding/delta_binary_packed.h"

namespace jao::parquet {
namespace {

// Delta-decoded int32 lengths: `count` of them, all non-negative. `*end` is
// where the section ends.
Status DecodeLengths(std::string_view encoding, std::string_view what,
                     ByteSpan data, int64_t count, std::vector<int32_t>* out,
                     size_t* end) {
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

Status SplitByLengths(std::string_view encoding,
                      const std::vector<int32_t>& lengths, ByteSpan bytes,
                      std::string_view* out) {
  size_t pos = 0;
  for (size_t i = 0; i < lengths.size(); ++i) {
    size_t length = static_cast<size_t>(lengths[i]);
    if (length > bytes.size() - pos) {
      return Status::Corrupt(
          fmt::format("{} value {} has length {}, {} bytes remain", encoding, i,
                      length, bytes.size() - pos));
    }
    out[i] = AsStringView(bytes.subspan(pos, length));
    pos += length;
  }
  return Status::Ok();
}

}  // namespace

Status DecodeDeltaLengthByteArray(ByteSpan data, int64_t count,
                                  std::string_view* out) {
  std::vector<int32_t> lengths;
  size_t end = 0;
  RETURN_IF_ERROR(DecodeLengths("delta_length_byte_array", "length", data,
                                count, &lengths, &end));
  return SplitByLengths("delta_length_byte_array", lengths, data.subspan(end),
                        out);
}

Status DecodeDeltaByteArray(ByteSpan data, int64_t count, std::string_view* out,
                            Buffer* storage) {
  constexpr std::string_view kName = "delta_byte_array";
  std::vector<int32_t> prefixes;
  size_t end = 0;
  RETURN_IF_ERROR(
      DecodeLengths(kName, "prefix length", data, count, &prefixes, &end));
  std::vector<int32_t> suffix_lengths;
  ByteSpan rest = data.subspan(end);
  RETURN_IF_ERROR(DecodeLengths(kName, "suffix length", rest, count,
                                &suffix_lengths, &end));
  std::vector<std::string_view> suffixes(static_cast<size_t>(count));
  RETURN_IF_ERROR(SplitByLengths(kName, suffix_lengths, rest.subspan(end),
                                 suffixes.data()));

  // Prefixes are checked and the output sized before anything is copied; a
  // long shared prefix repeated many times could otherwise expand a small
  // page without bound, hence the cap (byte array lengths are int32 anyway).
  constexpr uint64_t kMaxTotal = std::numeric_limits<int32_t>::max();
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
    previous_length = prefix + suffixes[i].size();
    total += previous_length;
    if (total > kMaxTotal) {
      return Status::Corrupt(
          fmt::format("{} values total more than {} bytes by value {}", kName,
                      kMaxTotal, i));
    }
  }
  storage->Resize(static_cast<size_t>(total));
  char* base = reinterpret_cast<char*>(storage->data());
  size_t pos = 0;
  const char* previous = base;
  for (size_t i = 0; i < prefixes.size(); ++i) {
    size_t prefix = static_cast<size_t>(prefixes[i]);
    char* value = base + pos;
    // The previous value lies wholly before this one: no overlap.
    if (prefix > 0) std::memcpy(value, previous, prefix);
    if (!suffixes[i].empty()) {
      std::memcpy(value + prefix, suffixes[i].data(), suffixes[i].size());
    }
    size_t length = prefix + suffixes[i].size();
    out[i] = std::string_view(value, length);
    previous = value;
    pos += length;
  }
  return Status::Ok();
}

}  // namespace jao::parquet
