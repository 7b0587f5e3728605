// Name -> id cache of the ten lookup tables (departments, grades, role types,
// the seven statistic lookups), shared by both backends so that each name is
// looked up or created once per run, not once per row.
//
// A backend asks NamesNeeded(chunk) for what a chunk points at, Missing() for
// the names it must create or fetch, then Add()s their ids. Ids added during a
// transaction that later rolls back no longer exist: the backend then calls
// DiscardUncommitted(); after a COMMIT it calls Commit().
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "db/schema_names.h"
#include "db/vacancy_record.h"

namespace jao::db {

// Per lookup, the distinct names in first-seen order.
using NamesByLookup =
    std::array<std::vector<std::string_view>, schema::kNumLookups>;

class DependencyCache {
 public:
  // The names `records` point at, per lookup table, deduplicated (exact,
  // case-sensitive match) in first-seen order.
  static NamesByLookup NamesNeeded(
      std::span<const VacancyRecord* const> records);

  std::optional<int64_t> Find(schema::Lookup lookup,
                              std::string_view name) const;

  // The names not in the cache, deduplicated, in first-seen order. The views
  // point into `names`.
  std::vector<std::string_view> Missing(
      schema::Lookup lookup, std::span<const std::string_view> names) const;

  // Records an id; the name is copied. Uncommitted until Commit().
  void Add(schema::Lookup lookup, std::string_view name, int64_t id);

  void Commit();
  // Forgets every Add() since the last Commit().
  void DiscardUncommitted();

  size_t size(schema::Lookup lookup) const;

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const {
      return std::hash<std::string_view>{}(s);
    }
  };
  using Map = std::unordered_map<std::string, int64_t, Hash, std::equal_to<>>;

  std::array<Map, schema::kNumLookups> ids_;
  std::vector<std::pair<schema::Lookup, std::string>> uncommitted_;
};

}  // namespace jao::db
