// Issue 22: the schema is checked before anything is written, by `jao-ingest
// check` and as the first step of `ingest` (dry runs with --db included). A
// refused schema exits 3 with a line per difference and writes nothing: no
// table, no feed table, no run row, no rejects file. Old code renamed
// nothing, created an empty roles_grade beside the renamed one and wrote
// links whose key pointed at it (exit 0).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>

#include "tools/command_run_support.h"

namespace jao::tools {
namespace {

using testing::RunJao;
using testing::Sample;

// Runs SQL on `path` through SQLite itself; returns the first column of
// each row joined by ','.
std::string Sql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  std::string out;
  sqlite3_exec(
      db, sql.c_str(),
      [](void* text, int, char** values, char**) {
        auto* s = static_cast<std::string*>(text);
        if (!s->empty()) s->push_back(',');
        s->append(values[0] ? values[0] : "NULL");
        return 0;
      },
      &out, nullptr);
  sqlite3_close(db);
  return out;
}

class SchemaCheckCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        ::testing::TempDir() + "jao_schema_check_" + std::to_string(getpid());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Db() const { return (dir_ / "jao.sqlite3").string(); }
  std::string Rejects() const { return (dir_ / "rejects.jsonl").string(); }
  std::string Tables() const {
    return Sql(Db(),
               "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY "
               "name");
  }
  std::filesystem::path dir_;
};

TEST_F(SchemaCheckCommand, CheckOfAMissingFileSaysItWouldCreateAndCreatesNot) {
  testing::Run run = RunJao("check --db " + Db());
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.out.find("schema: absent; an ingest creates it"),
            std::string::npos)
      << run.out;
  EXPECT_FALSE(std::filesystem::exists(Db()));
}

TEST_F(SchemaCheckCommand, ARenamedTableIsRefusedByCheckAndByIngest) {
  ASSERT_EQ(RunJao("ingest " + Sample() + " --db " + Db() + " --quiet").status,
            0);
  Sql(Db(), "ALTER TABLE roles_grade RENAME TO roles_jobgrade");
  const std::string tables = Tables();
  const std::string runs = Sql(Db(), "SELECT count(*) FROM jao_ingest_run");

  testing::Run check = RunJao("check --db " + Db());
  EXPECT_EQ(check.status, 3);
  EXPECT_NE(check.err.find("jao-ingest: schema: roles_grade: table missing"),
            std::string::npos)
      << check.err;
  EXPECT_NE(check.err.find("jao-ingest: schema: vacancies_vacancygrade."
                           "grade_id: needs a key to roles_grade, the "
                           "database's key points to roles_jobgrade\n"),
            std::string::npos)
      << check.err;
  EXPECT_NE(check.err.find("jao-ingest: error: the database's schema does "
                           "not fit what jao-ingest writes (2 differences); "
                           "nothing was written\n"),
            std::string::npos)
      << check.err;

  testing::Run ingest = RunJao("ingest " + Sample() + " --db " + Db() +
                               " --rejects " + Rejects());
  EXPECT_EQ(ingest.status, 3) << ingest.err;
  EXPECT_NE(ingest.err.find("jao-ingest: schema: roles_grade: table missing"),
            std::string::npos)
      << ingest.err;
  EXPECT_EQ(Tables(), tables) << "a table was created";
  EXPECT_EQ(Sql(Db(), "SELECT count(*) FROM jao_ingest_run"), runs)
      << "a run row was written";
  EXPECT_FALSE(std::filesystem::exists(Rejects()));
  EXPECT_EQ(Sql(Db(), "SELECT count(*) FROM pragma_foreign_key_check"), "0");
}

TEST_F(SchemaCheckCommand, ADryRunWithDbChecksTheSchemaToo) {
  ASSERT_EQ(RunJao("ingest " + Sample() + " --db " + Db() + " --quiet").status,
            0);
  Sql(Db(), "ALTER TABLE vacancies_vacancy DROP COLUMN summary");
  testing::Run run = RunJao("ingest " + Sample() + " --dry-run --db " + Db());
  EXPECT_EQ(run.status, 3);
  EXPECT_NE(run.err.find("jao-ingest: schema: vacancies_vacancy.summary: "
                         "missing; needs text\n"),
            std::string::npos)
      << run.err;
}

TEST_F(SchemaCheckCommand, AnExtraNullableColumnIsListedInTheSummary) {
  ASSERT_EQ(RunJao("ingest " + Sample() + " --db " + Db() + " --quiet").status,
            0);
  Sql(Db(), "ALTER TABLE vacancies_vacancy ADD COLUMN region text NULL");
  testing::Run check = RunJao("check --db " + Db() + " --format json");
  EXPECT_EQ(check.status, 0) << check.err;
  EXPECT_NE(check.out.find(R"("extra_columns":["vacancies_vacancy.region"])"),
            std::string::npos)
      << check.out;
  const std::string summary = (dir_ / "summary.json").string();
  testing::Run ingest = RunJao("ingest " + Sample() + " --db " + Db() +
                               " --summary-json " + summary);
  EXPECT_EQ(ingest.status, 0) << ingest.err;
  EXPECT_NE(ingest.out.find("schema: vacancies_vacancy.region: extra column, "
                            "left to the database (NULL or its default)\n"),
            std::string::npos)
      << ingest.out;
}

TEST_F(SchemaCheckCommand, IngestIntoANewFileSaysItCreatedTheSchema) {
  testing::Run run = RunJao("ingest " + Sample() + " --db " + Db());
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.out.find("schema: none of its tables exist: jao-ingest "
                         "creates the schema"),
            std::string::npos)
      << run.out;
}

// A title column narrowed by the app to varchar(20): accepted, and each row
// whose title does not fit is rejected naming the column and the limit; the
// rows that fit are loaded as before.
TEST_F(SchemaCheckCommand, ANarrowerTitleRejectsTheRowsThatDoNotFit) {
  const std::string reference = (dir_ / "reference.sqlite3").string();
  ASSERT_EQ(
      RunJao("ingest " + Sample() + " --db " + reference + " --quiet").status,
      0);
  // The reference's schema, its title narrowed, into a new file.
  std::string schema =
      Sql(reference,
          "SELECT group_concat(sql, ';') FROM sqlite_master WHERE sql IS NOT "
          "NULL AND name NOT LIKE 'sqlite_%'");
  const std::string title = "\"title\" text NULL";
  ASSERT_NE(schema.find(title), std::string::npos) << schema;
  schema.replace(schema.find(title), title.size(),
                 "\"title\" varchar(20) NULL");
  Sql(Db(), schema);

  testing::Run check = RunJao("check --db " + Db());
  EXPECT_EQ(check.status, 0) << check.err;
  EXPECT_NE(check.out.find("vacancies_vacancy.title: varchar(20) in the "
                           "database: a value over 20 characters rejects its "
                           "row"),
            std::string::npos)
      << check.out;

  testing::Run run = RunJao("ingest " + Sample() + " --db " + Db() +
                            " --rejects " + Rejects() + " --quiet");
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(Sql(Db(),
                "SELECT count(*) FROM vacancies_vacancy WHERE "
                "length(title) > 20"),
            "0");
  // Some of the sample's titles are longer: those rows were rejected, each
  // line naming the file's column and the database's limit.
  const std::string long_titles =
      Sql(reference,
          "SELECT count(*) FROM vacancies_vacancy WHERE length(title) > 20");
  ASSERT_NE(long_titles, "0");
  std::ifstream rejects(Rejects());
  std::string line;
  int title_rejects = 0;
  while (std::getline(rejects, line)) {
    if (line.find(R"("column":"vacancy_title")") == std::string::npos) continue;
    if (line.find("characters; vacancies_vacancy.title is varchar(20) in "
                  "the database") == std::string::npos) {
      continue;
    }
    ++title_rejects;
  }
  EXPECT_GE(title_rejects, std::stoi(long_titles));
  // Every vacancy whose title fits is there as in the reference load.
  EXPECT_EQ(Sql(Db(), "ATTACH '" + reference +
                          "' AS r; SELECT count(*) FROM r.vacancies_vacancy rv "
                          "WHERE length(rv.title) <= 20 AND NOT EXISTS "
                          "(SELECT 1 FROM main.vacancies_vacancy v WHERE v.id "
                          "= rv.id AND v.title = rv.title)"),
            "0");
}

}  // namespace
}  // namespace jao::tools
