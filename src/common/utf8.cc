#include "common/utf8.h"

#include <cstdint>
#include <cstring>

namespace jao {

namespace {

// Length of the well-formed sequence at `p`, 0 when it is not one.
int SequenceLength(const uint8_t* p, const uint8_t* end) {
  uint8_t b = *p;
  if (b < 0x80) return 1;
  int extra;
  uint8_t lo = 0x80;
  uint8_t hi = 0xBF;
  // The first continuation byte's range is narrowed to exclude overlong
  // forms (E0, F0), surrogates (ED) and code points above U+10FFFF (F4).
  if (b >= 0xC2 && b <= 0xDF) {
    extra = 1;
  } else if (b >= 0xE0 && b <= 0xEF) {
    extra = 2;
    if (b == 0xE0) lo = 0xA0;
    if (b == 0xED) hi = 0x9F;
  } else if (b >= 0xF0 && b <= 0xF4) {
    extra = 3;
    if (b == 0xF0) lo = 0x90;
    if (b == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (end - p <= extra) return 0;
  if (p[1] < lo || p[1] > hi) return 0;
  for (int i = 2; i <= extra; ++i) {
    if ((p[i] & 0xC0) != 0x80) return 0;
  }
  return extra + 1;
}

}  // namespace

bool IsValidUtf8(std::string_view text) {
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const uint8_t* end = p + text.size();
  while (p < end) {
    const int length = SequenceLength(p, end);
    if (length == 0) return false;
    p += length;
  }
  return true;
}

std::string ReplaceInvalidUtf8(std::string_view text) {
  const auto* begin = reinterpret_cast<const uint8_t*>(text.data());
  const uint8_t* end = begin + text.size();
  std::string out;
  out.reserve(text.size());
  for (const uint8_t* p = begin; p < end;) {
    const int length = SequenceLength(p, end);
    if (length == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++p;
    } else {
      out.append(reinterpret_cast<const char*>(p), length);
      p += length;
    }
  }
  return out;
}

bool ContainsNul(std::string_view text) {
  return std::memchr(text.data(), 0, text.size()) != nullptr;
}

size_t CountCodePoints(std::string_view text) {
  size_t count = 0;
  for (char c : text) {
    if ((static_cast<uint8_t>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

}  // namespace jao
