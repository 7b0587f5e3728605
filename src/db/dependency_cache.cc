// See dependency_cache.h.
#include "db/dependency_cache.h"

#include <unordered_set>

namespace jao::db {
namespace {

class DistinctNames {
 public:
  void Add(std::string_view name) {
    if (seen_.insert(name).second) names_.push_back(name);
  }
  std::vector<std::string_view> Take() { return std::move(names_); }

 private:
  std::unordered_set<std::string_view> seen_;
  std::vector<std::string_view> names_;
};

}  // namespace

NamesByLookup DependencyCache::NamesNeeded(
    std::span<const VacancyRecord* const> records) {
  std::array<DistinctNames, schema::kNumLookups> distinct;
  auto at = [&](schema::Lookup lookup) -> DistinctNames& {
    return distinct[static_cast<int>(lookup)];
  };
  for (const VacancyRecord* record : records) {
    if (record->department)
      at(schema::Lookup::kDepartment).Add(*record->department);
    for (std::string_view grade : record->grades)
      at(schema::Lookup::kGrade).Add(grade);
    for (std::string_view role : record->role_types) {
      at(schema::Lookup::kRoleType).Add(role);
    }
    for (const StatisticValue& statistic : record->statistics) {
      at(schema::LookupFor(statistic.characteristic)).Add(statistic.group);
    }
  }
  NamesByLookup names;
  for (int i = 0; i < schema::kNumLookups; ++i) names[i] = distinct[i].Take();
  return names;
}

std::optional<int64_t> DependencyCache::Find(schema::Lookup lookup,
                                             std::string_view name) const {
  const Map& map = ids_[static_cast<int>(lookup)];
  auto it = map.find(name);
  if (it == map.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string_view> DependencyCache::Missing(
    schema::Lookup lookup, std::span<const std::string_view> names) const {
  DistinctNames missing;
  for (std::string_view name : names) {
    if (!Find(lookup, name)) missing.Add(name);
  }
  return missing.Take();
}

void DependencyCache::Add(schema::Lookup lookup, std::string_view name,
                          int64_t id) {
  auto [it, inserted] =
      ids_[static_cast<int>(lookup)].emplace(std::string(name), id);
  if (inserted) {
    uncommitted_.emplace_back(lookup, it->first);
  } else {
    it->second = id;
  }
}

void DependencyCache::Commit() { uncommitted_.clear(); }

void DependencyCache::DiscardUncommitted() {
  for (const auto& [lookup, name] : uncommitted_) {
    ids_[static_cast<int>(lookup)].erase(name);
  }
  uncommitted_.clear();
}

size_t DependencyCache::size(schema::Lookup lookup) const {
  return ids_[static_cast<int>(lookup)].size();
}

}  // namespace jao::db
