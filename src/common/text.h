// String clean-up shared by the value rules: trimming white space and the
// name rule (trim, runs of white space become one space, case kept).
//
// White space is the spec's (../shared/spec/legacy-parquet.md, "White
// space"): what the seed design's Python strips and splits on, i.e.
// str.isspace(): the Unicode White_Space property plus the bidirectional
// classes WS, B and S. Those are 29 code points: U+0009..U+000D,
// U+001C..U+0020, U+0085, U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029,
// U+202F, U+205F, U+3000. Text is UTF-8; bytes that do not spell one of
// them whole are not white space (a lone 0xA0 is not NBSP).
// Called by ingest/validators/{text,name,list,salary}.*, ingest/unpivot.*
// and common/timestamp.* (ISO-8601 strings).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace jao {

// The byte length of the white space character `text` starts with; 0 when
// it starts with none (or is empty).
size_t WhiteSpaceLengthAt(std::string_view text);

// `text` without leading and trailing white space (a view into it), as
// Python's text.strip().
std::string_view TrimWhiteSpace(std::string_view text);

// True when CleanName(text) == text, i.e. no clean-up is needed.
bool IsCleanName(std::string_view text);

// Trims `text` and replaces each run of white space inside it by one
// space, as Python's " ".join(text.split()):
// "  Senior \t Executive\u00A0 Officer " -> "Senior Executive Officer".
std::string CleanName(std::string_view text);

}  // namespace jao
