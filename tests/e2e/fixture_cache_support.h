// Test data for the end-to-end tests, made at test time by the independent
// Node.js tools in fixtures/ (generate-legacy.mjs, expect-ingest.mjs and
// DuckDB through @duckdb/node-api; `bash fixtures/install.sh` must have run,
// scripts/test.sh does it).
//
// Every result is cached on disk under the build directory (or
// $JAO_E2E_CACHE), named by a hash of the command and of the fixture
// scripts' content, so the many test processes of one ctest run generate
// each file once; a lock file keeps two processes from making the same one.
//
// Failures throw std::runtime_error naming the command and its stderr;
// gtest reports that as the failure of the test that asked.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace jao::e2e {

// The repository root (JAO_SOURCE_DIR) and its fixtures/ folder.
std::string SourceDir();
std::string FixturesDir();

// A legacy vacancy Parquet file made by
// `node fixtures/generate-legacy.mjs ARGS... --out FILE`.
std::string GeneratedFile(const std::vector<std::string>& args);

// A copy of `file` (same rows, in file order) without `column`, written by
// DuckDB: for the missing-required-column test.
std::string FileWithoutColumn(const std::string& file,
                              const std::string& column);

// A copy of the first `rows` rows of `file` (in file order), written by
// DuckDB: the expected state after a run that committed only those.
std::string FilePrefix(const std::string& file, int64_t rows);

// `vacancy_id` of every row of `file` in file order, as DuckDB reads it
// (nullopt for null).
std::vector<std::optional<int64_t>> VacancyIdsByRow(const std::string& file);

// The document `node fixtures/expect-ingest.mjs --db-state OUT --chunk-size
// N FILES...` writes (format in fixtures/README.md): the expected database
// after ingesting `files` in order into an empty database.
nlohmann::json ExpectedState(const std::vector<std::string>& files,
                             int64_t chunk_size = 5000);

// What `node fixtures/later-export.mjs --base BASE --out-dir DIR` writes: a
// later export of `base` in which groups of vacancies change one kind of
// thing each, and the change feed's expected lines for it (format in the
// script's header).
struct LaterExport {
  std::string file;
  nlohmann::json expected;
};
LaterExport LaterExportOf(const std::string& base);

}  // namespace jao::e2e
