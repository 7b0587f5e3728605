// Text checks every string from the file passes before it is stored: the
// database columns hold UTF-8, and PostgreSQL refuses NUL bytes in text.
// Called by ingest/validators/text.*.
#pragma once

#include <string>
#include <string_view>

namespace jao {

// True when `text` is well-formed UTF-8 (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view text);

// `text` with each byte that starts no well-formed sequence replaced by
// U+FFFD (for messages and JSON written from names we do not control).
std::string ReplaceInvalidUtf8(std::string_view text);

// True when `text` contains a 0 byte.
bool ContainsNul(std::string_view text);

// Number of code points in `text`, which must be valid UTF-8.
size_t CountCodePoints(std::string_view text);

}  // namespace jao
