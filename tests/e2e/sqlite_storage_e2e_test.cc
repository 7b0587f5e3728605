// End to end, SQLite only: the database file read back the way Django reads
// it (spec/jao-schema.md "How values are stored"): datetimes are TEXT
// `YYYY-MM-DD HH:MM:SS[.ffffff]` (no zero fraction, no offset), decimals sit
// in `decimal` columns as REAL or INTEGER, booleans as 0/1.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <regex>
#include <string>
#include <vector>

#include "e2e/ingest_run_support.h"

namespace jao::e2e {
namespace {

struct StoredColumn {
  std::string table;
  std::string column;
};

const std::vector<StoredColumn>& DatetimeColumns() {
  static const std::vector<StoredColumn> columns = [] {
    std::vector<StoredColumn> c = {
        {"vacancies_vacancy", "last_updated"},
        {"vacancies_vacancy", "live_date"},
        {"vacancies_vacancy", "closing_date"},
        {"application_statistics_vacancystatistic", "updated_at"}};
    for (const char* x : {"agegroup", "disability", "ethnicgroup", "ethnicity",
                          "gender", "religion", "sexualorientation"}) {
      c.push_back({std::string("application_statistics_") + x + "statistic",
                   "updated_at"});
    }
    return c;
  }();
  return columns;
}

const std::vector<StoredColumn>& DecimalColumns() {
  static const std::vector<StoredColumn> columns = [] {
    std::vector<StoredColumn> c = {{"vacancies_vacancy", "min_salary"},
                                   {"vacancies_vacancy", "max_salary"}};
    for (const char* x : {"agegroup", "disability", "ethnicgroup", "ethnicity",
                          "gender", "religion", "sexualorientation"}) {
      c.push_back({std::string("application_statistics_") + x + "statistic",
                   "percent_applications"});
    }
    return c;
  }();
  return columns;
}

class SqliteStorage : public IngestRunTest {
 protected:
  void SetUp() override {
    StartWith(Backend::kSqlite);
    ProcessResult run = Ingest({BaseFile()});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    ASSERT_EQ(sqlite3_open_v2(db_->name().c_str(), &sqlite_,
                              SQLITE_OPEN_READONLY, nullptr),
              SQLITE_OK);
  }
  void TearDown() override {
    sqlite3_close(sqlite_);
    IngestRunTest::TearDown();
  }

  // Each row of `sql` as its columns' text ("NULL" for null).
  std::vector<std::vector<std::string>> Rows(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    std::vector<std::vector<std::string>> rows;
    EXPECT_EQ(sqlite3_prepare_v2(sqlite_, sql.c_str(), -1, &stmt, nullptr),
              SQLITE_OK)
        << sql << ": " << sqlite3_errmsg(sqlite_);
    while (stmt != nullptr && sqlite3_step(stmt) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
        const auto* text =
            reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
        row.push_back(text == nullptr ? "NULL" : text);
      }
      rows.push_back(std::move(row));
    }
    sqlite3_finalize(stmt);
    return rows;
  }

  // The declared type of `column` (PRAGMA table_info).
  std::string DeclaredType(const StoredColumn& c) {
    for (const auto& row : Rows("PRAGMA table_info(" + c.table + ")")) {
      if (row[1] == c.column) return row[2];
    }
    return "(no column)";
  }

  sqlite3* sqlite_ = nullptr;
};

TEST_F(SqliteStorage, DatetimesAreDjangoTextInUtc) {
  const std::regex django(R"(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{6})?)");
  int64_t checked = 0;
  int64_t with_fraction = 0;
  for (const StoredColumn& c : DatetimeColumns()) {
    for (const auto& row : Rows("SELECT typeof(" + c.column + "), " + c.column +
                                " FROM " + c.table)) {
      ++checked;
      ASSERT_EQ(row[0], "text") << c.table << "." << c.column << " " << row[1];
      ASSERT_TRUE(std::regex_match(row[1], django))
          << c.table << "." << c.column << " '" << row[1] << "'";
      ASSERT_NE(row[1].substr(19), ".000000")
          << c.table << "." << c.column << ": Django writes no zero fraction";
      if (row[1].size() > 19) ++with_fraction;
    }
  }
  EXPECT_GT(checked, 1000);
  EXPECT_GT(with_fraction, 0);
}

TEST_F(SqliteStorage, DecimalsAreNumbersInDecimalColumns) {
  int64_t checked = 0;
  for (const StoredColumn& c : DecimalColumns()) {
    EXPECT_EQ(DeclaredType(c), "decimal") << c.table << "." << c.column;
    for (const auto& row : Rows("SELECT typeof(" + c.column + "), count(*) " +
                                "FROM " + c.table + " GROUP BY 1")) {
      EXPECT_TRUE(row[0] == "real" || row[0] == "integer" ||
                  (row[0] == "null" && c.table == "vacancies_vacancy"))
          << c.table << "." << c.column << ": " << row[1] << " values of type "
          << row[0];
      checked += std::stoll(row[1]);
    }
  }
  EXPECT_GT(checked, 1000);
}

TEST_F(SqliteStorage, IsDeletedIsFalseAsZero) {
  EXPECT_EQ(Rows("SELECT DISTINCT typeof(is_deleted), is_deleted FROM "
                 "vacancies_vacancy"),
            (std::vector<std::vector<std::string>>{{"integer", "0"}}));
}

}  // namespace
}  // namespace jao::e2e
