// The salary rule (salary_minimum, salary_maximum_optional): strings are
// trimmed (common/text.h), one leading '£' and every ',' dropped, then must
// be a plain decimal number; numbers and strings round half away from zero
// to hundredths. Null, empty, NaN and -1 are absent (NULL); -0 is 0.
// Rejected: anything not a number ("TBC", "25k"), values below zero other
// than -1 (IsBelowZero, common/decimal.h), 10^8 or more.
#pragma once

#include <cstdint>
#include <optional>

#include "ingest/validators/cell.h"

namespace jao::ingest {

// Ok for strings and numeric columns (see numeric.h); else the type error.
Status CheckSalaryColumn(const parquet::ColumnDescriptor& column);

// Hundredths, or nullopt when absent. Reasons: "not a plain decimal number",
// "negative salary", "salary of 100000000 or more", plus the text rule's.
Outcome<std::optional<int64_t>> ValidateSalary(const Cell& cell);

}  // namespace jao::ingest
