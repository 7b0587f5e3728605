#include "ingest/validators/text.h"

#include "common/text.h"
#include "common/utf8.h"

namespace jao::ingest {

std::optional<std::string> TextProblem(std::string_view text) {
  if (!IsValidUtf8(text)) return "invalid utf-8";
  if (ContainsNul(text)) return "contains a nul byte";
  return std::nullopt;
}

Status CheckTextColumn(const parquet::ColumnDescriptor& column) {
  if (IsStringColumn(column)) return Status::Ok();
  return WrongType(column, "a string");
}

Outcome<std::optional<std::string_view>> ValidateText(const Cell& cell) {
  if (cell.is_null) return std::optional<std::string_view>();
  std::string_view text = StringOf(cell);
  if (std::optional<std::string> reason = TextProblem(text)) {
    return Reject(cell, *reason);
  }
  return std::optional<std::string_view>(text);
}

Outcome<std::string_view> ValidateTitle(const Cell& cell) {
  if (cell.is_null) return Reject(cell, "missing title");
  std::string_view text = StringOf(cell);
  if (std::optional<std::string> reason = TextProblem(text)) {
    return Reject(cell, *reason);
  }
  std::string_view trimmed = TrimWhiteSpace(text);
  if (trimmed.empty()) return Reject(cell, "empty title");
  return trimmed;
}

}  // namespace jao::ingest
