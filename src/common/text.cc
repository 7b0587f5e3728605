#include "common/text.h"

namespace jao {
namespace {

// The white space beyond ASCII, as UTF-8: each starts with a lead byte
// (0xC2, 0xE1, 0xE2, 0xE3), so a match at either end of a text is a whole
// character, never the tail of another.
constexpr std::string_view kWideWhiteSpace[] = {
    "\xC2\x85",      // U+0085 NEXT LINE
    "\xC2\xA0",      // U+00A0 NO-BREAK SPACE
    "\xE1\x9A\x80",  // U+1680 OGHAM SPACE MARK
    "\xE2\x80\x80",  // U+2000 EN QUAD
    "\xE2\x80\x81",  // U+2001 EM QUAD
    "\xE2\x80\x82",  // U+2002 EN SPACE
    "\xE2\x80\x83",  // U+2003 EM SPACE
    "\xE2\x80\x84",  // U+2004 THREE-PER-EM SPACE
    "\xE2\x80\x85",  // U+2005 FOUR-PER-EM SPACE
    "\xE2\x80\x86",  // U+2006 SIX-PER-EM SPACE
    "\xE2\x80\x87",  // U+2007 FIGURE SPACE
    "\xE2\x80\x88",  // U+2008 PUNCTUATION SPACE
    "\xE2\x80\x89",  // U+2009 THIN SPACE
    "\xE2\x80\x8A",  // U+200A HAIR SPACE
    "\xE2\x80\xA8",  // U+2028 LINE SEPARATOR
    "\xE2\x80\xA9",  // U+2029 PARAGRAPH SEPARATOR
    "\xE2\x80\xAF",  // U+202F NARROW NO-BREAK SPACE
    "\xE2\x81\x9F",  // U+205F MEDIUM MATHEMATICAL SPACE
    "\xE3\x80\x80",  // U+3000 IDEOGRAPHIC SPACE
};

// \t \n \v \f \r, the information separators U+001C..U+001F, and space.
bool IsAsciiWhiteSpace(unsigned char c) {
  return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20);
}

bool IsWideWhiteSpaceLead(unsigned char c) {
  return c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3;
}

// The byte length of the white space character `text` ends with, or 0.
size_t WhiteSpaceLengthBefore(std::string_view text) {
  if (text.empty()) return 0;
  const auto last = static_cast<unsigned char>(text.back());
  if (last < 0x80) return IsAsciiWhiteSpace(last) ? 1 : 0;
  for (std::string_view space : kWideWhiteSpace) {
    if (text.ends_with(space)) return space.size();
  }
  return 0;
}

}  // namespace

size_t WhiteSpaceLengthAt(std::string_view text) {
  if (text.empty()) return 0;
  const auto first = static_cast<unsigned char>(text.front());
  if (first < 0x80) return IsAsciiWhiteSpace(first) ? 1 : 0;
  if (!IsWideWhiteSpaceLead(first)) return 0;
  for (std::string_view space : kWideWhiteSpace) {
    if (text.starts_with(space)) return space.size();
  }
  return 0;
}

std::string_view TrimWhiteSpace(std::string_view text) {
  while (size_t n = WhiteSpaceLengthAt(text)) text.remove_prefix(n);
  while (size_t n = WhiteSpaceLengthBefore(text)) text.remove_suffix(n);
  return text;
}

bool IsCleanName(std::string_view text) {
  bool after_word = false;  // the previous character is not white space
  for (size_t i = 0; i < text.size();) {
    const size_t n = WhiteSpaceLengthAt(text.substr(i));
    if (n == 0) {
      after_word = true;
      ++i;
      continue;
    }
    // Only a single plain space between two words is already clean.
    if (!after_word || text[i] != ' ' || i + 1 == text.size() ||
        WhiteSpaceLengthAt(text.substr(i + 1)) != 0) {
      return false;
    }
    after_word = false;
    ++i;
  }
  return true;
}

std::string CleanName(std::string_view text) {
  std::string_view trimmed = TrimWhiteSpace(text);
  std::string out;
  out.reserve(trimmed.size());
  bool in_space = false;
  for (size_t i = 0; i < trimmed.size();) {
    if (const size_t n = WhiteSpaceLengthAt(trimmed.substr(i))) {
      in_space = true;
      i += n;
      continue;
    }
    if (in_space) out.push_back(' ');
    in_space = false;
    out.push_back(trimmed[i++]);
  }
  return out;
}

}  // namespace jao
