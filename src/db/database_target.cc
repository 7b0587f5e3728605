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

// libpq's reason for refusing `target`, without the text it quotes from
// it: a quoted echo of the whole target is dropped (the message shows the
// redacted target), and any other quoted piece of more than one character
// is kept only where the redacted target shows that text too; otherwise
// it may be (part of) the password, and is masked. Decided by where the
// echo comes from, never by looking for the password in the reason.
std::string WithoutEchoes(std::string reason, std::string_view target) {
  const std::string redacted = RedactConninfo(target);
  std::string out;
  size_t at = 0;
  while (at < reason.size()) {
    const size_t open = reason.find('"', at);
    const size_t close =
        open == std::string::npos ? open : reason.find('"', open + 1);
    if (close == std::string::npos) break;
    const std::string_view echo(reason.data() + open + 1, close - open - 1);
    out.append(reason, at, open - at);
    if (echo == target) {
      while (!out.empty() && (out.back() == ' ' || out.back() == ':'))
        out.pop_back();
    } else if (echo.size() > 1 && redacted.find(echo) == std::string::npos) {
      out += "\"***\"";
    } else {
      out.append(reason, open, close - open + 1);
    }
    at = close + 1;
  }
  out.append(reason, std::min(at, reason.size()));
  return out;
}

// libpq's parser, without connecting. libpq must read the password where
// RedactConninfo masks it: then every other piece of the target it quotes
// later (a port, a host, a user, a database) is, by position, not the
// password, and its messages are shown as they are.
Status CheckConninfo(std::string_view target) {
  const std::string text(target);
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(text.c_str(), &error);
  if (options == nullptr || error != nullptr) {
    if (options != nullptr) PQconninfoFree(options);
    std::string reason = error != nullptr ? error : "out of memory";
    if (error != nullptr) PQfreemem(error);
    while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' ')) {
      reason.pop_back();
    }
    return Status::InvalidArgument("invalid postgresql connection string '" +
                                   RedactConninfo(target) +
                                   "': " + WithoutEchoes(reason, target));
  }
  std::string libpq_password;
  for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (std::string_view(o->keyword) == "password" && o->val != nullptr) {
      libpq_password = o->val;
    }
  }
  PQconninfoFree(options);
  const TypedPassword typed = FindTypedPassword(target);
  if (!typed.ambiguous && typed.value == libpq_password) return Status::Ok();
  if (!typed.ambiguous && typed.value.empty()) {
    // The target cannot be shown: its password is where nothing masks it.
    return Status::InvalidArgument(
        "invalid postgresql connection string: libpq reads a password in it "
        "that cannot be masked (give it as user:password@host, ?password= or "
        "password=)");
  }
  return Status::InvalidArgument(
      "invalid postgresql connection string '" + RedactConninfo(target) +
      "': libpq does not read the text masked as *** as the password (write "
      "user:password@host, with any '@', '/' or ':' in the password "
      "percent-encoded)");
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
