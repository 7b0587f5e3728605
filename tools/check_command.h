// `jao-ingest check [--db PATH_OR_URL] [--format text|json]`: reads the
// database's catalog and compares it with what jao-ingest writes
// (db/schema_check.h), writing nothing. Prints whether an ingest would
// create the schema, use it as it is, or refuse it, with the extra columns
// it would leave to the database and the narrower columns whose rows it
// would reject. Without --db, DATABASE_URL; without either, a usage error.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace jao::tools {

struct CheckOptions {
  std::string db;  // empty: DATABASE_URL
  bool db_given = false;
  std::string format = "text";
};

CLI::App* AddCheckCommand(CLI::App& app, CheckOptions* options);

// 0 when an ingest may write (the schema fits, or will be created); 3 after
// a line per difference when it does not; 1 on a database error; 2 when no
// database was named.
int RunCheck(const CheckOptions& options);

}  // namespace jao::tools
