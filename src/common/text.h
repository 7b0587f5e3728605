// String clean-up shared by the value rules: trimming ASCII white space and
// the name rule (trim, runs of white space become one space, case kept).
// Called by ingest/validators/{text,name,list}.* and ingest/unpivot.*.
#pragma once

#include <string>
#include <string_view>

namespace jao {

// Space, tab, line feed, vertical tab, form feed, carriage return.
bool IsAsciiSpace(char c);

// `text` without leading and trailing ASCII white space (a view into it).
std::string_view TrimAscii(std::string_view text);

// True when CleanName(text) == text, i.e. no clean-up is needed.
bool IsCleanName(std::string_view text);

// Trims `text` and replaces each run of ASCII white space inside it by one
// space: "  Senior \t Executive  Officer " -> "Senior Executive Officer".
std::string CleanName(std::string_view text);

}  // namespace jao
