// Statistic columns: `<characteristic>__<group>` (two underscores) names a
// percentage column; characteristic is one of the seven of db::Characteristic,
// group is the text after the first "__", cleaned as a name. Each reported
// group of a row becomes one StatisticValue (the unpivot).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "db/vacancy_record.h"

namespace jao::ingest {

// The characteristic whose column prefix is `prefix` ("age_group"), if any.
std::optional<db::Characteristic> CharacteristicFromPrefix(
    std::string_view prefix);

struct StatisticName {
  db::Characteristic characteristic;
  std::string group;  // cleaned
};

// What a column name means for statistics.
struct StatisticParse {
  std::optional<StatisticName> name;  // a usable statistic column
  // Set when the name looks like one (has "__" after a non-empty prefix) but
  // cannot be used: "'salary' is not a statistic characteristic",
  // "empty group name", "group name longer than 255 characters".
  std::optional<std::string> problem;
};
StatisticParse ParseStatisticColumn(std::string_view column_name);

}  // namespace jao::ingest
