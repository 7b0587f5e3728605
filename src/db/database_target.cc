// See database_target.h.
#include "db/database_target.h"

namespace jao::db {

Result<DatabaseTarget> ParseDatabaseTarget(std::string_view target) {
  using Backend = DatabaseTarget::Backend;
  if (target.empty())
    return Status::InvalidArgument("database target is empty");
  const size_t scheme_end = target.find("://");
  if (scheme_end == std::string_view::npos) {
    const bool conninfo = target.find('=') != std::string_view::npos;
    return DatabaseTarget{conninfo ? Backend::kPostgresql : Backend::kSqlite,
                          std::string(target)};
  }
  const std::string_view scheme = target.substr(0, scheme_end);
  if (scheme == "postgresql" || scheme == "postgres") {
    return DatabaseTarget{Backend::kPostgresql, std::string(target)};
  }
  if (scheme == "sqlite") {
    std::string_view path = target.substr(scheme_end + 3);
    if (!path.empty() && path.front() == '/')
      path.remove_prefix(1);  // sqlite:///x -> x
    return DatabaseTarget{Backend::kSqlite,
                          path.empty() ? ":memory:" : std::string(path)};
  }
  return Status::InvalidArgument("unsupported database url scheme '" +
                                 std::string(scheme) + "'");
}

}  // namespace jao::db
