// The name rule (department, grade, role type, statistic group): trimmed,
// runs of white space become one space, case kept; empty means absent;
// longer than 255 characters rejects (Django's max_length=255).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ingest/validators/cell.h"
#include "ingest/validators/string_store.h"

namespace jao::ingest {

inline constexpr size_t kMaxNameCharacters = 255;

// The cleaned name (a view into `text` when already clean, else into
// `store`), nullopt when empty, or the reason it cannot be stored:
// "invalid utf-8", "contains a nul byte", "name longer than 255 characters".
struct NameResult {
  std::optional<std::string_view> name;
  std::optional<std::string> problem;
};
NameResult CleanNameValue(std::string_view text, StringStore* store);

Status CheckNameColumn(const parquet::ColumnDescriptor& column);

// department: null or empty after clean-up -> nullopt.
Outcome<std::optional<std::string_view>> ValidateName(const Cell& cell,
                                                      StringStore* store);

}  // namespace jao::ingest
