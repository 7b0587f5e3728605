#include "db/sqlite/test_support.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>

namespace jao::db::testing {

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  path_ = std::filesystem::temp_directory_path() /
          ("jao-db-test-" + std::to_string(getpid()) + "-" +
           std::to_string(counter++));
  std::filesystem::remove_all(path_);
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

SqliteProbe::SqliteProbe(const std::string& path) {
  if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) {
    ADD_FAILURE() << "probe cannot open " << path << ": "
                  << sqlite3_errmsg(db_);
  }
}

SqliteProbe::~SqliteProbe() { sqlite3_close(db_); }

std::vector<std::string> SqliteProbe::Rows(const std::string& sql) {
  std::vector<std::string> rows;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db_);
    return rows;
  }
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    std::string row;
    for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
      if (i > 0) row += '|';
      const unsigned char* text = sqlite3_column_text(stmt, i);
      row += text ? reinterpret_cast<const char*>(text) : "NULL";
    }
    rows.push_back(row);
  }
  if (rc != SQLITE_DONE) ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db_);
  sqlite3_finalize(stmt);
  return rows;
}

std::string SqliteProbe::One(const std::string& sql) {
  std::vector<std::string> rows = Rows(sql);
  if (rows.size() != 1) {
    ADD_FAILURE() << sql << " returned " << rows.size() << " rows";
    return "";
  }
  return rows[0];
}

void SqliteProbe::Exec(const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    ADD_FAILURE() << sql << ": " << (message ? message : "");
  }
  sqlite3_free(message);
}

VacancyRecord MakeVacancy(int32_t id, int64_t last_updated_us) {
  VacancyRecord record;
  record.id = id;
  record.last_updated_us = last_updated_us;
  record.live_date_us = last_updated_us;
  record.closing_date_us = last_updated_us;
  record.title = "Analyst";
  return record;
}

Chunk ChunkOf(std::vector<VacancyRecord> records) {
  Chunk chunk;
  chunk.records = std::move(records);
  return chunk;
}

}  // namespace jao::db::testing
