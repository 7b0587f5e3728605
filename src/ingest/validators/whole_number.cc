#include "ingest/validators/whole_number.h"

namespace jao::ingest {

WholeNumber ReadWholeNumber(std::string_view text, int64_t* value) {
  bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  size_t dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  if (dot != std::string_view::npos) {
    for (char c : text.substr(dot + 1)) {
      if (c != '0') return WholeNumber::kFractional;
    }
  }
  while (whole.size() > 1 && whole.front() == '0') whole.remove_prefix(1);
  if (whole.size() > 10) return WholeNumber::kTooLarge;
  int64_t v = 0;
  for (char c : whole) v = v * 10 + (c - '0');
  if (v > 2147483647) return WholeNumber::kTooLarge;
  *value = negative ? -v : v;
  return WholeNumber::kOk;
}

}  // namespace jao::ingest
