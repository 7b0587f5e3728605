// The database an end-to-end test ingests into: a new SQLite file in the
// test's temporary folder, or a new PostgreSQL database created through the
// admin connection JAO_TEST_PG_URL (scripts/with-postgres.sh sets it) and
// dropped (WITH FORCE) afterwards, so tests run in parallel under ctest -j.
#pragma once

#include <libpq-fe.h>

#include <memory>
#include <optional>
#include <string>

#include "e2e/db_dump_support.h"

namespace jao::e2e {

enum class Backend { kSqlite, kPostgresql };

// "sqlite" / "postgresql" (test parameter names).
std::string BackendName(Backend backend);

// Why the backend cannot run here (PostgreSQL without JAO_TEST_PG_URL), or
// nullopt.
std::optional<std::string> SkipReason(Backend backend);

class TargetDatabase {
 public:
  // `dir`: the test's temporary folder (SQLite puts its file there).
  // `admin_url`: the PostgreSQL server's admin URL; empty means
  // JAO_TEST_PG_URL. Throws std::runtime_error when PostgreSQL cannot create
  // the database.
  TargetDatabase(Backend backend, const std::string& dir,
                 const std::string& admin_url = "");
  TargetDatabase(const TargetDatabase&) = delete;
  TargetDatabase& operator=(const TargetDatabase&) = delete;
  ~TargetDatabase();

  Backend backend() const { return backend_; }
  // The --db argument for jao-ingest: the SQLite path or a postgresql:// URL
  // (with `password` in it when given; trust authentication ignores it).
  std::string DbArgument(const std::string& password = "") const;
  // A reader on this database (a new connection each call).
  std::unique_ptr<DatabaseReader> Reader() const;
  // The database name (PostgreSQL) or file path (SQLite).
  const std::string& name() const { return name_; }

  // PostgreSQL only: runs `sql` on the admin connection; returns the first
  // cell of the first row ("" when there is none). Throws on error.
  std::string AdminQuery(const std::string& sql);

 private:
  Backend backend_;
  std::string name_;
  std::string host_, port_, user_;
  PGconn* admin_ = nullptr;
};

}  // namespace jao::e2e
