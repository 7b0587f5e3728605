// The list rule (grades, type_of_role): a string is split on ','; each item
// is cleaned as a name; empty items dropped; an item listed twice kept once
// (the first). A one-level LIST<string> column gets the same treatment per
// element (null elements dropped).
#pragma once

#include <string_view>
#include <vector>

#include "ingest/validators/cell.h"
#include "ingest/validators/string_store.h"

namespace jao::ingest {

// Ok for string columns and one-level lists of strings.
Status CheckListColumn(const parquet::ColumnDescriptor& column);

// A comma-separated string cell; null -> no items.
Outcome<std::vector<std::string_view>> ValidateCommaList(const Cell& cell,
                                                         StringStore* store);

// Row `row` of a LIST column batch (column->is_list).
Outcome<std::vector<std::string_view>> ValidateListRow(
    const parquet::ColumnBatch& batch, int64_t row, StringStore* store);

}  // namespace jao::ingest
