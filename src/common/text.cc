#include "common/text.h"

namespace jao {

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
         c == '\r';
}

std::string_view TrimAscii(std::string_view text) {
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && IsAsciiSpace(text[begin])) ++begin;
  while (end > begin && IsAsciiSpace(text[end - 1])) --end;
  return text.substr(begin, end - begin);
}

bool IsCleanName(std::string_view text) {
  if (TrimAscii(text).size() != text.size()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    if (!IsAsciiSpace(text[i])) continue;
    // A single plain space between two words is already clean.
    if (text[i] != ' ' || IsAsciiSpace(text[i + 1])) return false;
  }
  return true;
}

std::string CleanName(std::string_view text) {
  std::string_view trimmed = TrimAscii(text);
  std::string out;
  out.reserve(trimmed.size());
  bool in_space = false;
  for (char c : trimmed) {
    if (IsAsciiSpace(c)) {
      in_space = true;
      continue;
    }
    if (in_space) out.push_back(' ');
    in_space = false;
    out.push_back(c);
  }
  return out;
}

}  // namespace jao
