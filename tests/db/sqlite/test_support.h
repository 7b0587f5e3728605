// Test support for the SQLite backend: a temporary directory, a probe that
// reads a database through its own raw sqlite3 connection (independent of
// the code under test), and vacancy records with fixed, hand-checked values.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "db/chunk.h"
#include "db/vacancy_record.h"

struct sqlite3;

namespace jao::db::testing {

// 2023-01-01 00:00:00 UTC (date -u -d 2023-01-01 +%s = 1672531200).
inline constexpr int64_t kJan1 = 1'672'531'200'000'000;
inline constexpr int64_t kHourUs = 3'600'000'000;

class TempDir {
 public:
  TempDir();
  ~TempDir();
  std::string File(const std::string& name) const {
    return (path_ / name).string();
  }

 private:
  std::filesystem::path path_;
};

class SqliteProbe {
 public:
  explicit SqliteProbe(const std::string& path);
  ~SqliteProbe();
  // Each row's values as text ("NULL" for null), columns joined by '|'.
  std::vector<std::string> Rows(const std::string& sql);
  // The single value of a one-row, one-column query.
  std::string One(const std::string& sql);
  void Exec(const std::string& sql);

 private:
  sqlite3* db_ = nullptr;
};

// A vacancy with required columns only: title "Analyst", no department,
// links or statistics, dates at `last_updated_us`.
VacancyRecord MakeVacancy(int32_t id, int64_t last_updated_us);

Chunk ChunkOf(std::vector<VacancyRecord> records);

}  // namespace jao::db::testing
