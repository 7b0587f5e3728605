#include "ingest/validators/list.h"

#include <algorithm>

#include "ingest/validators/name.h"

namespace jao::ingest {
namespace {

// Adds a cleaned item unless empty or already there; returns the problem.
std::optional<std::string> AddItem(std::string_view raw, StringStore* store,
                                   std::vector<std::string_view>* items) {
  NameResult result = CleanNameValue(raw, store);
  if (result.problem) return result.problem;
  if (!result.name) return std::nullopt;
  if (std::find(items->begin(), items->end(), *result.name) == items->end()) {
    items->push_back(*result.name);
  }
  return std::nullopt;
}

}  // namespace

Status CheckListColumn(const parquet::ColumnDescriptor& column) {
  if (IsStringColumn(column)) return Status::Ok();
  if (column.is_list && column.physical_type == parquet::Type::BYTE_ARRAY) {
    return Status::Ok();
  }
  return WrongType(column, "a string or a list of strings");
}

Outcome<std::vector<std::string_view>> ValidateCommaList(const Cell& cell,
                                                         StringStore* store) {
  std::vector<std::string_view> items;
  if (cell.is_null) return items;
  std::string_view text = StringOf(cell);
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t comma = text.find(',', begin);
    if (comma == std::string_view::npos) comma = text.size();
    if (auto problem =
            AddItem(text.substr(begin, comma - begin), store, &items)) {
      return Reject(cell, *problem);
    }
    begin = comma + 1;
  }
  return items;
}

Outcome<std::vector<std::string_view>> ValidateListRow(
    const parquet::ColumnBatch& batch, int64_t row, StringStore* store) {
  std::vector<std::string_view> items;
  if (!batch.validity.empty() && batch.validity[row] == 0) return items;
  for (int64_t e = batch.list_offsets[row]; e < batch.list_offsets[row + 1];
       ++e) {
    Cell element = ElementAt(batch, e);
    if (element.is_null) continue;
    if (auto problem = AddItem(StringOf(element), store, &items)) {
      Rejection reject = Reject(element, *problem);
      return reject;
    }
  }
  return items;
}

}  // namespace jao::ingest
