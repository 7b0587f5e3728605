// DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY (parquet-format Encodings.md):
// the checks that need only the length sections at the start of a page. The
// value decoders (value_decoder.cc) then stream the bytes that follow, a
// batch's values at a time, and cannot run out or expand past a cap.
//
// DELTA_LENGTH: one section of lengths, then the values' bytes concatenated.
// DELTA_BYTE_ARRAY: prefix lengths, suffix lengths, then the suffixes; value
// i is the first prefix[i] bytes of value i-1 followed by suffix i.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "common/bytes.h"
#include "common/status.h"

namespace jao::parquet {

// The most bytes the values of one DELTA_BYTE_ARRAY page may rebuild to
// (byte array lengths are int32): a long prefix repeated many times could
// otherwise expand a small page without bound.
inline constexpr uint64_t kMaxDeltaByteArrayPageBytes = 2147483647;

// Decodes the section of `count` lengths at the start of `data` (a
// DELTA_BINARY_PACKED int32 sequence holding exactly `count` values, all
// non-negative) into *out; *end is where the section ends. `encoding` and
// `what` ("length", "prefix length") name them in errors.
Status DecodeLengthSection(std::string_view encoding, std::string_view what,
                           ByteSpan data, int64_t count,
                           std::vector<int32_t>* out, size_t* end);

// Checks that values of these lengths, in order, fit in `available` bytes:
// Corrupt "<encoding> value 3 has length 10, 4 bytes remain" names the first
// that does not.
Status CheckLengthsFit(std::string_view encoding,
                       const std::vector<int32_t>& lengths, uint64_t available);

// Checks DELTA_BYTE_ARRAY's prefix rule over a page (each prefix at most the
// previous value's length, none on the first) and that the rebuilt values
// total at most kMaxDeltaByteArrayPageBytes; both vectors have one entry a
// value.
Status CheckPrefixes(const std::vector<int32_t>& prefixes,
                     const std::vector<int32_t>& suffix_lengths);

}  // namespace jao::parquet
