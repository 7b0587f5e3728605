// The text rule (every string stored: valid UTF-8 without NUL bytes) and the
// two plain text fields: vacancy_title (trimmed; null or empty rejects) and
// job_description / job_summary (null allowed, stored byte for byte).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ingest/validators/cell.h"

namespace jao::ingest {

// Nullopt when `text` may be stored; else "invalid utf-8" or
// "contains a nul byte".
std::optional<std::string> TextProblem(std::string_view text);

// Ok for string columns; else "column 'x' is INT64, expected a string".
Status CheckTextColumn(const parquet::ColumnDescriptor& column);

// The value as it is (a view into the batch), nullopt when null.
Outcome<std::optional<std::string_view>> ValidateText(const Cell& cell);

// The trimmed title. Reasons: "missing title", "empty title", text rule's.
Outcome<std::string_view> ValidateTitle(const Cell& cell);

}  // namespace jao::ingest
