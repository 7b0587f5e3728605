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

#include "db/backends.h"
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
           "= c.vacancy_id ORDER BY c.run_id, c.vacancy_id")) {
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
// Issue 23: a run whose three vacancies were made stale behind
// jao-ingest's back, then re-ingested: run 1 inserted 24, run 2 updated 3.
class ChangesOverTwoRuns : public ChangesCommand {
 protected:
  void SetUp() override {
    ChangesCommand::SetUp();
    ASSERT_EQ(Ingest().status, 0);
    older_ = Sql(db_, "SELECT id FROM vacancies_vacancy ORDER BY id LIMIT 3");
    Sql(db_,
        "UPDATE vacancies_vacancy SET last_updated = '2000-01-01 00:00:00' "
        "WHERE id IN (" +
            older_[0] + ", " + older_[1] + ", " + older_[2] + ")");
    ASSERT_EQ(Ingest().status, 0);
  }
  // "run|vacancy|change" of each line of `out`.
  static std::vector<std::string> Keys(const std::string& out) {
    std::vector<std::string> keys;
    for (const std::string& line : Lines(out)) {
      auto field = [&](const std::string& name) {
        const std::string key = "\"" + name + "\":";
        const size_t at = line.find(key) + key.size();
        const size_t end = line.find_first_of(",}", at);
        std::string value = line.substr(at, end - at);
        if (!value.empty() && value.front() == '"') {
          value = value.substr(1, value.size() - 2);
        }
        return value;
      };
      keys.push_back(field("run_id") + "|" + field("vacancy_id") + "|" +
                     field("change"));
    }
    return keys;
  }
  std::vector<std::string> older_;
};

TEST_F(ChangesOverTwoRuns, UntilStopsAtTheRunGiven) {
  testing::Run run = RunJao("changes --db " + db_ + " --until 1");
  EXPECT_EQ(run.status, 0) << run.err;
  const std::vector<std::string> keys = Keys(run.out);
  EXPECT_EQ(keys.size(), 24u);
  for (const std::string& key : keys) EXPECT_EQ(key.substr(0, 2), "1|");
}

TEST_F(ChangesOverTwoRuns, DistinctGivesEachVacancyItsLastChange) {
  testing::Run run = RunJao("changes --db " + db_ + " --distinct");
  EXPECT_EQ(run.status, 0) << run.err;
  std::vector<std::string> keys = Keys(run.out);
  EXPECT_EQ(keys.size(), 24u);
  std::set<std::string> ids;
  for (const std::string& key : keys) {
    ids.insert(key.substr(key.find('|') + 1));
  }
  EXPECT_EQ(ids.size(), 24u);
  // The three vacancies run 2 updated come last, as run 2's.
  const std::vector<std::string> last(keys.end() - 3, keys.end());
  EXPECT_EQ(last, (std::vector<std::string>{"2|" + older_[0] + "|updated",
                                            "2|" + older_[1] + "|updated",
                                            "2|" + older_[2] + "|updated"}));
}

TEST_F(ChangesOverTwoRuns, SincePastTheLastRunPrintsNothingAndSaysSo) {
  testing::Run run = RunJao("changes --db " + db_ + " --since 9");
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err,
            "jao-ingest: note: no run after run 9 (the last run is 2): "
            "nothing to print\n");
  EXPECT_EQ(RunJao("changes --db " + db_ + " --since 9 --quiet").err, "");
}

TEST_F(ChangesOverTwoRuns, PruneThroughDeletesTheFinishedRunsRowsOnly) {
  const std::string after_before =
      RunJao("changes --db " + db_ + " --since 1").out;
  testing::Run prune = RunJao("changes --db " + db_ + " --prune-through 1");
  EXPECT_EQ(prune.status, 0) << prune.err;
  EXPECT_EQ(prune.out, "");
  EXPECT_EQ(prune.err,
            "jao-ingest: deleted 24 change rows of the finished runs through "
            "run 1\n");
  EXPECT_EQ(Sql(db_, "SELECT DISTINCT run_id FROM jao_ingest_change"),
            std::vector<std::string>{"2"});
  EXPECT_EQ(RunJao("changes --db " + db_ + " --since 1").out, after_before);
}

TEST_F(ChangesOverTwoRuns, PruneThroughAnOpenRunIsRefused) {
  // Run 2 reopened as if still loading (nobody holds its lock: a reader
  // would take it for dead, but pruning goes by its row).
  Sql(db_, "UPDATE jao_ingest_run SET outcome = NULL WHERE id = 2");
  testing::Run prune = RunJao("changes --db " + db_ + " --prune-through 2");
  EXPECT_EQ(prune.status, 1);
  EXPECT_EQ(prune.err,
            "jao-ingest: error: run 2 is still open (loading, or killed and "
            "not yet proven dead): its change rows are not pruned; prune "
            "through an earlier run, or after it ends\n");
  EXPECT_EQ(Sql(db_, "SELECT count(*) FROM jao_ingest_change"),
            std::vector<std::string>{"27"});
}

// Issue 23, point 3: a run still loading ends the output before it, and
// one line on stderr says which run.
TEST_F(ChangesCommand, OutputStopsBeforeARunStillLoadingAndSaysWhichRun) {
  ASSERT_EQ(Ingest().status, 0);
  Result<std::unique_ptr<db::Loader>> loading = db::OpenLoader(db_);
  ASSERT_TRUE(loading.ok()) << loading.status().message();
  ASSERT_TRUE((*loading)->EnsureSchema().ok());
  Result<int64_t> run = (*loading)->BeginRun({"[]", "test"});
  ASSERT_TRUE(run.ok()) << run.status().message();
  ASSERT_EQ(*run, 2);

  testing::Run changes = RunJao("changes --db " + db_);
  EXPECT_EQ(changes.status, 0) << changes.err;
  EXPECT_EQ(Lines(changes.out).size(), 24u);  // run 1's
  EXPECT_EQ(changes.err,
            "jao-ingest: note: stopped before run 2, which is still loading; "
            "its changes and later runs' come in a later read\n");
  EXPECT_EQ(RunJao("changes --db " + db_ + " --until 1").err, "");

  ASSERT_TRUE((*loading)->EndRun(db::RunOutcome::kCompleted, "{}").ok());
  EXPECT_EQ(RunJao("changes --db " + db_).err, "");
}

}  // namespace jao::tools
