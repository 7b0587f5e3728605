// The text forms in which the database layer writes values: Django's SQLite
// datetime text and exact decimals. Shared by both backends (PostgreSQL
// accepts the same text for timestamptz when "+00" is appended, and for
// numeric).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace jao::db {

// Microseconds since 1970-01-01 UTC as "YYYY-MM-DD HH:MM:SS" when the
// micros are 0, else "YYYY-MM-DD HH:MM:SS.ffffff" (Django's format). Years
// outside 0001..9999 are written as they are (the ingest layer bounds them).
std::string FormatDatetimeText(int64_t micros);

// Parses a stored datetime back to microseconds: "YYYY-MM-DD", or
// "YYYY-MM-DD[ T]HH:MM:SS[.f{1,6}]" optionally followed by "Z" or "+00:00"
// (what Django or another writer may have left). InvalidArgument otherwise:
// "datetime text '<text>' is not YYYY-MM-DD HH:MM:SS[.ffffff]".
Result<int64_t> ParseDatetimeText(std::string_view text);

// Hundredths as a plain decimal: 1234560 -> "12345.60", -5 -> "-0.05".
std::string FormatHundredths(int64_t hundredths);

}  // namespace jao::db
