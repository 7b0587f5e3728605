#include "ingest/unpivot.h"

#include "common/text.h"
#include "common/utf8.h"
#include "ingest/validators/name.h"

namespace jao::ingest {

std::optional<db::Characteristic> CharacteristicFromPrefix(
    std::string_view prefix) {
  for (int i = 0; i < db::kNumCharacteristics; ++i) {
    auto c = static_cast<db::Characteristic>(i);
    if (db::TablesFor(c).prefix == prefix) return c;
  }
  return std::nullopt;
}

StatisticParse ParseStatisticColumn(std::string_view column_name) {
  StatisticParse parse;
  size_t separator = column_name.find("__");
  if (separator == std::string_view::npos || separator == 0) return parse;
  std::string_view prefix = column_name.substr(0, separator);
  std::optional<db::Characteristic> characteristic =
      CharacteristicFromPrefix(prefix);
  if (!characteristic) {
    parse.problem =
        "'" + std::string(prefix) + "' is not a statistic characteristic";
    return parse;
  }
  std::string_view raw_group = column_name.substr(separator + 2);
  if (!IsValidUtf8(raw_group) || ContainsNul(raw_group)) {
    parse.problem = "group name is not valid text";
    return parse;
  }
  std::string group = CleanName(raw_group);
  if (group.empty()) {
    parse.problem = "empty group name";
  } else if (CountCodePoints(group) > kMaxNameCharacters) {
    parse.problem = "group name longer than 255 characters";
  } else {
    parse.name = StatisticName{*characteristic, std::move(group)};
  }
  return parse;
}

}  // namespace jao::ingest
