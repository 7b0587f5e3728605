// The sentinel rule: in numeric columns (and salary strings) -1, NaN and
// null all mean "absent". Called by the salary, statistic and count
// validators before their own checks.
#pragma once

#include <string_view>

#include "ingest/validators/numeric.h"

namespace jao::ingest {

// True when decimal text `text` equals -1 exactly: "-1", "-1.0", "-01.00".
bool IsMinusOneText(std::string_view text);

// True for null, NaN, and any numeric spelling of -1.
bool IsAbsentNumber(const Cell& cell, const NumericText& number);

}  // namespace jao::ingest
