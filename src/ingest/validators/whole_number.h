// Whole numbers from exact decimal text, shared by the count and id rules:
// "42", "42.0" and "4.2E1"-free forms only (text comes from numeric.h).
#pragma once

#include <cstdint>
#include <string_view>

namespace jao::ingest {

enum class WholeNumber { kOk, kFractional, kTooLarge };

// Reads `text` (`-?[0-9]+(\.[0-9]+)?`) into *value when it has no fraction
// (trailing zeros allowed) and |value| <= 2147483647.
WholeNumber ReadWholeNumber(std::string_view text, int64_t* value);

}  // namespace jao::ingest
