// See postgres/reference_check.h.
#include "db/postgres/reference_check.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "db/schema_names.h"

namespace jao::db::postgres {

Status CheckCachedReferences(PgConnection& connection,
                             const std::vector<const VacancyRecord*>& records,
                             const DependencyCache& cache) {
  const NamesByLookup needed = DependencyCache::NamesNeeded(records);
  for (int i = 0; i < schema::kNumLookups; ++i) {
    if (needed[i].empty()) continue;
    const auto lookup = static_cast<schema::Lookup>(i);
    std::map<int32_t, std::string_view> names;  // sorted: locks in id order
    for (std::string_view name : needed[i]) {
      const std::optional<int64_t> id = cache.Find(lookup, name);
      if (!id) {
        return Status::Internal(
            fmt::format("'{}' is not in the run's cache", name));
      }
      names.emplace(static_cast<int32_t>(*id), name);
    }
    std::vector<int32_t> ids;
    for (const auto& [id, name] : names) ids.push_back(id);
    const std::string_view table = schema::TableOf(lookup).table;
    ASSIGN_OR_RETURN(
        PgResult found,
        connection.ExecParams(
            fmt::format("SELECT id FROM \"{}\" WHERE id = ANY($1::int4[]) "
                        "ORDER BY id FOR KEY SHARE",
                        table),
            {IntArrayLiteral(ids)}));
    if (found.rows() == static_cast<int>(ids.size())) continue;
    for (int row = 0; row < found.rows(); ++row) {
      ASSIGN_OR_RETURN(int64_t id, found.Int(row, 0));
      names.erase(static_cast<int32_t>(id));
    }
    const auto& [id, name] = *names.begin();
    return Status::Database(
        fmt::format("{} id {} ('{}'), cached by this run, no longer exists",
                    table, id, name));
  }
  return Status::Ok();
}

}  // namespace jao::db::postgres
