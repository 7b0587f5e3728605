// The database a command works on, from --db or DATABASE_URL, checked before
// anything runs: shared by `ingest` and `changes` so that both read and
// refuse it the same way.
#pragma once

#include <string>

#include "common/status.h"

namespace jao::tools {

struct DatabaseArgument {
  std::string text;    // --db's text, or DATABASE_URL's; empty: none
  std::string source;  // "--db" or "DATABASE_URL"
  // The SQLite file it names; empty for PostgreSQL or a target that does
  // not parse (the command's open reports that, exit 1).
  std::string sqlite_path;

  // "--db 'jao.sqlite3'", "DATABASE_URL 'sqlite:///jao.sqlite3'": for
  // messages, SQLite only (a PostgreSQL target may hold a password).
  std::string Label() const;
};

// `option`: --db's value; `given`: whether --db was on the command line;
// `required`: whether the command needs a database (a dry run does not).
// InvalidArgument, a usage error, when --db is given empty ("--db is
// empty": an unset variable must not fall back to DATABASE_URL), when it is
// required and there is neither, or when the target is a SQLite one that
// names no file ("--db: sqlite target 'sqlite://' names no file ...", see
// db::ParseDatabaseTarget). Without `required`, DATABASE_URL is read only
// to protect its file (text and sqlite_path empty when it is unusable).
Result<DatabaseArgument> ResolveDatabase(const std::string& option, bool given,
                                         bool required);

}  // namespace jao::tools
