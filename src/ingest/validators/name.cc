#include "ingest/validators/name.h"

#include "common/text.h"
#include "common/utf8.h"
#include "ingest/validators/text.h"

namespace jao::ingest {

NameResult CleanNameValue(std::string_view text, StringStore* store) {
  NameResult result;
  if (std::optional<std::string> reason = TextProblem(text)) {
    result.problem = std::move(reason);
    return result;
  }
  std::string_view name;
  if (IsCleanName(text)) {
    name = text;
  } else {
    std::string cleaned = CleanName(text);
    if (cleaned.empty()) return result;
    name = store->Keep(std::move(cleaned));
  }
  if (name.empty()) return result;
  if (CountCodePoints(name) > kMaxNameCharacters) {
    result.problem = "name longer than 255 characters";
    return result;
  }
  result.name = name;
  return result;
}

Status CheckNameColumn(const parquet::ColumnDescriptor& column) {
  if (IsStringColumn(column)) return Status::Ok();
  return WrongType(column, "a string");
}

Outcome<std::optional<std::string_view>> ValidateName(const Cell& cell,
                                                      StringStore* store) {
  if (cell.is_null) return std::optional<std::string_view>();
  NameResult result = CleanNameValue(StringOf(cell), store);
  if (result.problem) return Reject(cell, *result.problem);
  return result.name;
}

}  // namespace jao::ingest
