// The end-to-end test fixture: a temporary folder, a fresh target database
// (target_database_support.h) and jao-ingest runs against it; plus the
// generated input files every test shares (fixture_cache_support.h).
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "e2e/process_support.h"
#include "e2e/target_database_support.h"

namespace jao::e2e {

// 3000 rows, seed e2e-base, row groups of 600, INT64 TIMESTAMP NANOS,
// string salary_minimum, string grades, SNAPPY.
std::string BaseFile();
// 2000 rows: a later export of BaseFile (same ids newer, older, equal and
// newer by nanoseconds only; new ids; other statistic columns).
std::string LaterFile();
// 1500 rows: ISO-8601 string timestamps, DOUBLE salary_minimum, ZSTD.
std::string StringTimestampsFile();
// 1500 rows: LIST<STRING> grades and type_of_role, MICROS, uncompressed.
std::string ListGradesFile();
// 20000 rows for the interrupted run, short descriptions.
std::string BigFile();
// 2000 rows in row groups of 500, short descriptions, some rejects: a run
// of many small chunks (40 of 50) for the kill and signal tests.
std::string ManyChunksFile();

class IngestRunTest : public ::testing::Test {
 protected:
  // Makes the folder and the database; skips the test when the backend is
  // not available here. `admin_url`: PostgreSQL only, a server other than
  // JAO_TEST_PG_URL's (never skipped then).
  void StartWith(Backend backend, const std::string& admin_url = "");
  void TearDown() override;

  // `jao-ingest ingest ARGS... --db <database>`; `password` goes into the
  // PostgreSQL URL.
  std::vector<std::string> IngestArgv(const std::vector<std::string>& args,
                                      const std::string& password = "") const;
  ProcessResult Ingest(const std::vector<std::string>& args);
  // `jao-ingest changes ARGS... --db <database>`.
  ProcessResult Changes(const std::vector<std::string>& args);
  // The vacancy ids `jao-ingest changes --since 0` prints (a test failure
  // when it fails or prints runs out of order).
  std::set<int64_t> FeedVacancyIds();
  // jao_ingest_run's outcomes by id, "open" for NULL.
  std::vector<std::string> RunOutcomes() const;
  // The same, left running; `tag` names its output files.
  std::unique_ptr<ChildProcess> StartIngest(
      const std::vector<std::string>& args, const std::string& tag,
      const std::string& password = "");

  // Starts `jao-ingest ingest ARGS...` and SIGKILLs it `grace` after
  // `running` first holds (KillOnceSeen); a failure when it was never seen
  // running or ended before the kill.
  ::testing::AssertionResult KillWhileRunning(
      const std::vector<std::string>& args,
      const std::function<bool()>& running, std::chrono::milliseconds grace);

  // Vacancies committed so far; 0 before the schema exists.
  int64_t CommittedVacancies() const;
  // Every table, as db_dump_support.h reads it.
  nlohmann::json Dump() const;
  // The ids in vacancies_vacancy (none when the table is absent).
  std::vector<int64_t> PresentIds() const;
  // `name` inside the test's temporary folder.
  std::string TempPath(const std::string& name) const;
  // The parsed --summary-json file at `path` (null when unreadable).
  nlohmann::json ReadJson(const std::string& path) const;

  std::string dir_;
  std::unique_ptr<TargetDatabase> db_;
};

}  // namespace jao::e2e
