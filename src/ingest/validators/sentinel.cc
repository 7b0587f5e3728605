#include "ingest/validators/sentinel.h"

namespace jao::ingest {

bool IsMinusOneText(std::string_view text) {
  if (text.empty() || text.front() != '-') return false;
  text.remove_prefix(1);
  size_t dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view fraction =
      dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  while (whole.size() > 1 && whole.front() == '0') whole.remove_prefix(1);
  if (whole != "1") return false;
  for (char c : fraction) {
    if (c != '0') return false;
  }
  return true;
}

bool IsAbsentNumber(const Cell& cell, const NumericText& number) {
  return cell.is_null || number.is_nan || IsMinusOneText(number.text);
}

}  // namespace jao::ingest
