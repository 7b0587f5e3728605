// See database_target.h.
#include "db/database_target.h"

#include <libpq-fe.h>

#include "db/conninfo_redaction.h"

namespace jao::db {
namespace {

bool IsSchemeName(std::string_view scheme) {
  if (scheme.empty()) return false;
  for (char c : scheme) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

// libpq's parser, without connecting: its messages echo the URI or a token
// of it, so they are scrubbed of the password before anything is built.
Status CheckConninfo(std::string_view target) {
  const std::string text(target);
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(text.c_str(), &error);
  if (options != nullptr) PQconninfoFree(options);
  if (options != nullptr && error == nullptr) return Status::Ok();
  std::string reason = error != nullptr ? error : "out of memory";
  if (error != nullptr) PQfreemem(error);
  while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' ')) {
    reason.pop_back();
  }
  return Status::InvalidArgument(
      ScrubConninfoSecrets("invalid postgresql connection string '" +
                               RedactConninfo(target) + "': " + reason,
                           target));
}

bool OnlyWhiteSpace(std::string_view text) {
  return text.find_first_not_of(" \t\n\v\f\r") == std::string_view::npos;
}

// SQLite opens a private in-memory database for "" and ":memory:": a run
// into it reports success and keeps nothing.
Result<DatabaseTarget> SqliteFile(std::string_view path,
                                  std::string_view target) {
  const std::string quoted = "sqlite target '" + std::string(target) + "' ";
  if (path.empty()) {
    return Status::Unsupported(quoted +
                               "names no file (an empty path opens an "
                               "in-memory database, which keeps nothing)");
  }
  if (path == ":memory:") {
    return Status::Unsupported(quoted +
                               "is an in-memory database, which keeps nothing");
  }
  if (OnlyWhiteSpace(path)) {
    return Status::Unsupported(quoted + "names no file (only white space)");
  }
  return DatabaseTarget{DatabaseTarget::Backend::kSqlite, std::string(path)};
}

}  // namespace

Result<DatabaseTarget> ParseDatabaseTarget(std::string_view target) {
  using Backend = DatabaseTarget::Backend;
  if (target.empty())
    return Status::InvalidArgument("database target is empty");
  const size_t scheme_end = target.find("://");
  if (scheme_end == std::string_view::npos) {
    if (target.find('=') == std::string_view::npos) {
      return SqliteFile(target, target);
    }
    RETURN_IF_ERROR(CheckConninfo(target));
    return DatabaseTarget{Backend::kPostgresql, std::string(target)};
  }
  const std::string_view scheme = target.substr(0, scheme_end);
  if (scheme == "postgresql" || scheme == "postgres") {
    RETURN_IF_ERROR(CheckConninfo(target));
    return DatabaseTarget{Backend::kPostgresql, std::string(target)};
  }
  if (scheme == "sqlite") {
    std::string_view path = target.substr(scheme_end + 3);
    if (!path.empty() && path.front() == '/')
      path.remove_prefix(1);  // sqlite:///x -> x
    return SqliteFile(path, target);
  }
  // What precedes "://" is echoed only when it is a scheme name: a mistyped
  // "bob:Secret@db://" must not print its password.
  if (!IsSchemeName(scheme)) {
    return Status::InvalidArgument(
        "database target has no url scheme before '://'");
  }
  return Status::InvalidArgument("unsupported database url scheme '" +
                                 std::string(scheme) + "'");
}

}  // namespace jao::db
