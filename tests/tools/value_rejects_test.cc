// Issue 21, items 5, 9 and 10, through the command: a reject line's "value"
// is the value as the file holds it, scaled and in its logical type. Old
// code wrote DECIMAL(18,2) 21474836.47 as 2147483647 (and, the integer
// looking like an id, named that other, valid id as the row's vacancy_id),
// DECIMAL -5.50 as -550, a TIMESTAMP(MILLIS) or DATE as its physical
// integer; it rejected a DOUBLE -0.0 count as negative and kept a title of
// U+3000 alone (Unicode white space was not trimmed).
//
// value-rejects.parquet was written by DuckDB 1.5.6 (@duckdb/node-api):
//   COPY (SELECT id::DECIMAL(18,2) AS vacancy_id,
//     upd::TIMESTAMP_MS AS row_last_updated, title AS vacancy_title,
//     'd' AS job_description, 's' AS job_summary,
//     smin::DECIMAL(9,2) AS salary_minimum,
//     smax::DECIMAL(38,3) AS salary_maximum_optional,
//     live::DATE AS live_date, '2024-02-01'::TIMESTAMP_MS AS closing_date,
//     apps::DOUBLE AS number_of_applications,
//     female::DECIMAL(5,2) AS "gender__Female"
//   FROM (VALUES
//     (0, '21474836.47', '2024-01-01', 'a', '5.50', '6.00', '2024-01-02',
//      '12', '50.00'),
//     (1, '2.00', '10000-01-01', 'b', ...same...),
//     (2, '3.00', '2024-01-01', 'c', '-5.50', ...),
//     (3, '4.00', ..., 'd', '5.50', '99999999.995', ...),
//     (4, '5.00', ..., 'e', ..., '10000-01-01', '12', '50.00'),
//     (5, '6.00', ..., 'f', ..., '100.01'),
//     (6, '7.00', ..., chr(12288), ...),
//     (7, '8.00', ..., 'g', ..., '-0.0', '50.00'),
//     (8, '9.00', ..., chr(160) || 'x' || chr(160), ...))
//   AS t(n, id, upd, title, smin, smax, live, apps, female) ORDER BY n)
//   TO 'value-rejects.parquet' (FORMAT parquet)
// (rows not shown in full repeat row 0's values). DuckDB stores the id as
// INT64, salary_minimum and the statistic as INT32, salary_maximum_optional
// as a 16-byte FIXED_LEN_BYTE_ARRAY, live_date as INT32 DATE.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tools/command_run_support.h"

namespace jao::tools {
namespace {

using testing::RunJao;

struct ExpectedReject {
  int64_t row;
  nlohmann::json vacancy_id;
  std::string column;
  std::string value;
  std::string reason;
};

// Worked by hand: the DECIMAL values are the literals above at their
// declared scale; 10000-01-01 is day 2932897 after 1970-01-01, written in
// ISO-8601's expanded years as ECMAScript does (+010000), the
// TIMESTAMP(MILLIS) with its unit's three digits.
const std::vector<ExpectedReject> kExpected = {
    {0, nullptr, "vacancy_id", "21474836.47", "fractional vacancy_id"},
    {1, 2, "row_last_updated", "+010000-01-01T00:00:00.000Z",
     "timestamp outside years 1..9999"},
    {2, 3, "salary_minimum", "-5.50", "negative salary"},
    {3, 4, "salary_maximum_optional", "99999999.995",
     "salary of 100000000 or more"},
    {4, 5, "live_date", "+010000-01-01", "timestamp outside years 1..9999"},
    {5, 6, "gender__Female", "100.01", "percent outside 0..100"},
    {6, 7, "vacancy_title", "\xE3\x80\x80", "empty title"},
};

class ValueRejects : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        ::testing::TempDir() + "jao_value_rejects_" + std::to_string(getpid());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = dir_ + "/jao.sqlite3";
    rejects_ = dir_ + "/rejects.jsonl";
    testing::Run run = RunJao("ingest " + std::string(JAO_SOURCE_DIR) +
                              "/tests/tools/data/value-rejects.parquet --db " +
                              db_ + " --rejects " + rejects_ + " --quiet");
    ASSERT_EQ(run.status, 0) << run.err;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // The one text value of `sql`, or "<none>".
  std::string Query(const std::string& sql) const {
    sqlite3* db = nullptr;
    std::string out = "<none>";
    if (sqlite3_open_v2(db_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) ==
        SQLITE_OK) {
      sqlite3_stmt* statement = nullptr;
      if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) ==
              SQLITE_OK &&
          sqlite3_step(statement) == SQLITE_ROW) {
        const unsigned char* text = sqlite3_column_text(statement, 0);
        out = text == nullptr ? "<null>" : reinterpret_cast<const char*>(text);
      }
      sqlite3_finalize(statement);
    }
    sqlite3_close(db);
    return out;
  }

  std::string dir_;
  std::string db_;
  std::string rejects_;
};

TEST_F(ValueRejects, EachRejectLineHoldsTheValueAsTheFileHoldsIt) {
  std::ifstream in(rejects_);
  std::vector<nlohmann::json> lines;
  for (std::string line; std::getline(in, line);) {
    lines.push_back(nlohmann::json::parse(line));
  }
  ASSERT_EQ(lines.size(), kExpected.size());
  for (size_t i = 0; i < kExpected.size(); ++i) {
    const ExpectedReject& want = kExpected[i];
    SCOPED_TRACE(lines[i].dump());
    EXPECT_EQ(lines[i]["row"], want.row);
    EXPECT_EQ(lines[i]["vacancy_id"], want.vacancy_id);
    EXPECT_EQ(lines[i]["column"], want.column);
    EXPECT_EQ(lines[i]["value"], want.value);
    EXPECT_EQ(lines[i]["reason"], want.reason);
  }
}

TEST_F(ValueRejects, NegativeZeroCountIsZeroAndUnicodeSpaceIsTrimmed) {
  EXPECT_EQ(Query("SELECT count(*) FROM vacancies_vacancy"), "2");
  EXPECT_EQ(Query("SELECT total_applications FROM "
                  "application_statistics_vacancystatistic "
                  "WHERE vacancy_id = 8"),
            "0");
  EXPECT_EQ(Query("SELECT title FROM vacancies_vacancy WHERE id = 9"), "x");
}

}  // namespace
}  // namespace jao::tools
