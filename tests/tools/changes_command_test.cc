// `jao-ingest changes` (issue 11, item 1) as a scheduler's embedding task
// runs it: JSON lines or CSV, --since, exit codes, a missing database, a
// database without the feed, write errors. Expected vacancy ids are read
// back from vacancies_vacancy through a raw sqlite3 connection, never from
// the feed code.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <set>
#include <sstream>

#include "tools/command_run_support.h"

namespace jao::tools {
namespace {

using testing::RunJao;

std::string Small() {
  return std::string(JAO_SOURCE_DIR) +
         "/tests/ingest/data/small-legacy.parquet";
}

// Runs `sql` on `path` with a raw sqlite3 connection; the first column of
// each row.
std::vector<std::string> Sql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::vector<std::string> rows;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
    ADD_FAILURE() << sqlite3_errmsg(db);
    sqlite3_close(db);
    return rows;
  }
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) !=
      SQLITE_OK) {
    ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db);
  }
  while (statement != nullptr && sqlite3_step(statement) == SQLITE_ROW) {
    const unsigned char* text = sqlite3_column_text(statement, 0);
    rows.emplace_back(text ? reinterpret_cast<const char*>(text) : "NULL");
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return rows;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

class ChangesCommand : public ::testing::Test {
 protected:
  // A folder a test: ctest runs the tests of this suite in parallel.
  void SetUp() override {
    dir_ = ::testing::TempDir() + "jao_changes_" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
    db_ = dir_ + "/jao.sqlite3";
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  testing::Run Ingest() {
    return RunJao("ingest " + Small() + " --quiet --db " + db_);
  }
  // The JSON line of a change that names every field (an insert, or an
  // update of a row jao-ingest knows nothing of), as the contract spells
  // it; `last_updated` as the database stores it.
  static std::string Line(const std::string& run, const std::string& id,
                          const std::string& change,
                          const std::string& last_updated) {
    return R"({"run_id":)" + run + R"(,"vacancy_id":)" + id + R"(,"change":")" +
           change + R"(","text_changed":true,"fields":[)" + kAllFieldNames +
           R"(],"last_updated":")" + last_updated + "\"}";
  }
  static constexpr const char* kAllFieldNames =
      R"("title","summary","description","last_updated","live_date","closing_date","min_salary","max_salary","department","grades","role_types","statistics")";
  // id|ISO-8601 last_updated of the stored vacancies.
  std::vector<std::string> StoredVersions(const std::string& where = "") {
    return Sql(db_,
               "SELECT id || '|' || replace(last_updated, ' ', 'T') || 'Z' "
               "FROM vacancies_vacancy " +
                   where + " ORDER BY id");
  }

  std::string dir_;
  std::string db_;
};

TEST_F(ChangesCommand, FirstRunPrintsEveryVacancyItInserted) {
  ASSERT_EQ(Ingest().status, 0);
  testing::Run run = RunJao("changes --db " + db_);
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.err, "");
  std::set<std::string> expected;
  for (const std::string& row : StoredVersions()) {
    const size_t bar = row.find('|');
    expected.insert(
        Line("1", row.substr(0, bar), "inserted", row.substr(bar + 1)));
  }
  ASSERT_EQ(expected.size(), 24u);
  const std::vector<std::string> lines = Lines(run.out);
  EXPECT_EQ(lines.size(), expected.size());
  EXPECT_EQ(std::set<std::string>(lines.begin(), lines.end()), expected);
}

TEST_F(ChangesCommand, SinceSkipsTheRunsUpToTheCursor) {
  ASSERT_EQ(Ingest().status, 0);
  const std::vector<std::string> older =
      Sql(db_, "SELECT id FROM vacancies_vacancy ORDER BY id LIMIT 3");
  const std::vector<std::string> versions = StoredVersions(
      "WHERE id IN (" + older[0] + ", " + older[1] + ", " + older[2] + ")");
  // Changed behind jao-ingest's back (as the app may): its digests no
  // longer describe the row, so the update names every field.
  Sql(db_,
      "UPDATE vacancies_vacancy SET last_updated = '2000-01-01 00:00:00' "
      "WHERE id IN (" +
          older[0] + ", " + older[1] + ", " + older[2] + ")");
  ASSERT_EQ(Ingest().status, 0);

  testing::Run second = RunJao("changes --db " + db_ + " --since 1");
  EXPECT_EQ(second.status, 0) << second.err;
  std::vector<std::string> expected;
  for (const std::string& row : versions) {
    const size_t bar = row.find('|');
    expected.push_back(
        Line("2", row.substr(0, bar), "updated", row.substr(bar + 1)));
  }
  EXPECT_EQ(Lines(second.out), expected);
  EXPECT_EQ(Lines(RunJao("changes --db " + db_).out).size(), 24u + 3u);
  testing::Run none = RunJao("changes --db " + db_ + " --since 2");
  EXPECT_EQ(none.status, 0);
  EXPECT_EQ(none.out, "");
}

TEST_F(ChangesCommand, UnchangedReingestPrintsNothingAfterTheFirstRun) {
  ASSERT_EQ(Ingest().status, 0);
  ASSERT_EQ(Ingest().status, 0);
  EXPECT_EQ(Sql(db_, "SELECT count(*) FROM jao_ingest_run"),
            std::vector<std::string>{"2"});
  testing::Run run = RunJao("changes --db " + db_ + " --since 1");
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.out, "");
}

TEST_F(ChangesCommand, CsvHasItsHeaderThenTheSameChanges) {
  ASSERT_EQ(Ingest().status, 0);
  testing::Run csv = RunJao("changes --format csv --db " + db_);
  EXPECT_EQ(csv.status, 0) << csv.err;
  std::vector<std::string> lines = Lines(csv.out);
  ASSERT_FALSE(lines.empty());
  const std::string header =
      "run_id,vacancy_id,change,text_changed,fields,last_updated";
  EXPECT_EQ(lines.front(), header);
  std::vector<std::string> expected = {header};
  for (const std::string& row :
       Sql(db_,
           "SELECT c.vacancy_id || '|' || replace(v.last_updated, ' ', 'T') "
           "|| 'Z' FROM jao_ingest_change c JOIN vacancies_vacancy v ON v.id "
           "= c.vacancy_id ORDER BY c.seq")) {
    const size_t bar = row.find('|');
    expected.push_back(
        "1," + row.substr(0, bar) +
        ",inserted,true,title;summary;description;last_updated;live_date;"
        "closing_date;min_salary;max_salary;department;grades;role_types;"
        "statistics," +
        row.substr(bar + 1));
  }
  EXPECT_EQ(lines, expected);
}

TEST_F(ChangesCommand, TakesTheDatabaseFromDatabaseUrl) {
  ASSERT_EQ(Ingest().status, 0);
  testing::Run run = RunJao("changes", "DATABASE_URL=sqlite:///" + db_);
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(Lines(run.out).size(), 24u);
}

TEST_F(ChangesCommand, WithoutDbOrDatabaseUrlIsAUsageError) {
  testing::Run run = RunJao("changes", "env -u DATABASE_URL");
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.err,
            "jao-ingest: error: no database: give --db (e.g. --db "
            "jao.sqlite3) or set DATABASE_URL (see 'jao-ingest changes "
            "--help')\n");
}

TEST_F(ChangesCommand, SinceThatIsNotAWholeNumberIsAUsageError) {
  testing::Run run = RunJao("changes --db " + db_ + " --since -1");
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.err.rfind("jao-ingest: error: --since must be a whole "
                          "number from 0 to ",
                          0),
            0u)
      << run.err;
}

TEST_F(ChangesCommand, MissingSqliteFileIsAnErrorAndIsNotCreated) {
  const std::string missing = dir_ + "/missing.sqlite3";
  testing::Run run = RunJao("changes --db " + missing);
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(run.err,
            "jao-ingest: error: no sqlite database at '" + missing + "'\n");
  EXPECT_FALSE(std::filesystem::exists(missing));
}

TEST_F(ChangesCommand, DatabaseWithoutTheFeedPrintsNothing) {
  Sql(db_, "CREATE TABLE unrelated (x int)");
  testing::Run run = RunJao("changes --db " + db_);
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(Sql(db_, "SELECT count(*) FROM sqlite_master"),
            std::vector<std::string>{"1"});
}

TEST_F(ChangesCommand, AWriteErrorExitsOne) {
  ASSERT_EQ(Ingest().status, 0);
  testing::Run run = RunJao("changes --db " + db_ + " >/dev/full");
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(run.err,
            "jao-ingest: error: cannot write to stdout: No space left on "
            "device\n");
}

}  // namespace
}  // namespace jao::tools
