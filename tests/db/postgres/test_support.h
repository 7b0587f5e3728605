// Test fixtures for the PostgreSQL backend: a fresh database per test on the
// server that scripts/with-postgres.sh starts (JAO_TEST_PG_URL), dropped
// afterwards, so that tests run in parallel under ctest -j.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "db/chunk.h"
#include "db/postgres/connection.h"
#include "db/postgres/loader.h"
#include "db/vacancy_record.h"

namespace jao::db::postgres {

// 2023-04-01 09:30:00 UTC (`date -u -d '2023-04-01 09:30:00' +%s`).
inline constexpr int64_t kApril1At0930Us = 1680341400LL * 1000000;
// 2023-05-01, 2023-06-01 and 2023-07-01 00:00:00 UTC.
inline constexpr int64_t kMay1Us = 1682899200LL * 1000000;
inline constexpr int64_t kJune1Us = 1685577600LL * 1000000;
inline constexpr int64_t kJuly1Us = 1688169600LL * 1000000;

// A fresh database on the server scripts/with-postgres.sh starts, dropped by
// Drop (or at the end): what PgTest stands on, and what a fixture that is
// not a PgTest (one parameterised over both backends) uses itself.
class PgTestDatabase {
 public:
  ~PgTestDatabase() { Drop(); }
  // Creates the database and connects to it. GTEST_SKIP when no server is
  // configured (JAO_TEST_PG_URL unset), a fatal failure when the server
  // refuses: the caller checks IsSkipped() and HasFatalFailure().
  void Create();
  void Drop();

  // key=value conninfo of this test's database (host/port/user of the URL).
  std::string Conninfo() const;
  std::string ConninfoFor(const std::string& database) const;
  // One more plain connection to this test's database.
  std::unique_ptr<PgConnection> ConnectOrDie();
  // Runs `sql` on the test connection and returns the first column of every
  // row joined by "|" (NULL as "null").
  std::string Query(const std::string& sql);

  const std::string& database() const { return database_; }
  const std::string& host() const { return host_; }
  const std::string& port() const { return port_; }
  // On the URL's own database; on this test's database.
  PgConnection& admin() { return *admin_; }
  PgConnection& db() { return *db_; }

 protected:
  std::string url_;
  std::string host_, port_, user_;
  std::string database_;
  std::unique_ptr<PgConnection> admin_;  // on the URL's own database
  std::unique_ptr<PgConnection> db_;     // on this test's database
};

class PgTest : public ::testing::Test, protected PgTestDatabase {
 protected:
  void SetUp() override { Create(); }
  void TearDown() override { Drop(); }

  std::unique_ptr<PostgresLoader> OpenLoaderOrDie();
  // A loader with `options` on `conninfo` (default: this test's database)
  // whose EnsureSchema ran (a test failure when it failed); null, with a
  // test failure, when the connection failed.
  std::unique_ptr<PostgresLoader> OpenReadyLoader(
      PgLoaderOptions options, const std::string& conninfo = "");
};

// A vacancy with every column set, dated `last_updated_us`.
VacancyRecord SampleVacancy(int32_t id, int64_t last_updated_us);

Chunk ChunkOf(std::vector<VacancyRecord> records);

}  // namespace jao::db::postgres
