// The one rule deciding between two versions of the same vacancy: the
// incoming version replaces the one held only when its last_updated is
// strictly newer; of two equally new versions the one held stays.
//
// Every place that chooses applies it from here: ChunkBuilder::Keep between
// duplicate ids of one chunk (the first row held), the SQLite chunk writer
// and the PostgreSQL chunk load against the stored row, and the PostgreSQL
// upsert, whose ON CONFLICT clause is SQL and takes SupersedesSql.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace jao::db {

// Both in microseconds since 1970-01-01 UTC (VacancyRecord::last_updated_us).
constexpr bool Supersedes(int64_t incoming_last_updated_us,
                          int64_t held_last_updated_us) {
  return incoming_last_updated_us > held_last_updated_us;
}

// The same comparison as an SQL condition on the last_updated columns of
// `incoming` and `held` (row names as written in the statement, e.g.
// EXCLUDED and "vacancy"): a timestamptz holds microseconds, so it agrees
// with Supersedes on the values the loaders write.
inline std::string SupersedesSql(std::string_view incoming,
                                 std::string_view held) {
  return fmt::format("{}.last_updated > {}.last_updated", incoming, held);
}

}  // namespace jao::db
