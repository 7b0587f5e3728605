// Per-table counts of what a load did, summed across chunks for the summary.
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace jao::db {

struct TableCounts {
  int64_t inserted = 0;
  int64_t updated = 0;
  int64_t skipped = 0;   // incoming not strictly newer (older or equal)
  int64_t deleted = 0;   // links and statistic rows replaced by an update
  int64_t rejected = 0;  // filled by ingest/, never by a loader

  TableCounts& operator+=(const TableCounts& other) {
    inserted += other.inserted;
    updated += other.updated;
    skipped += other.skipped;
    deleted += other.deleted;
    rejected += other.rejected;
    return *this;
  }
};

// Keyed by table name as in the schema spec ("vacancies_vacancy").
using LoadCounts = std::map<std::string, TableCounts>;

inline void Accumulate(LoadCounts& total, const LoadCounts& more) {
  for (const auto& [table, counts] : more) total[table] += counts;
}

}  // namespace jao::db
