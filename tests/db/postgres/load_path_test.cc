// The loader's write paths on PostgreSQL (issue 14): the first load into
// empty tables (one transaction, schema dropped and recreated), its
// fallbacks, and the chunked path without foreign-key triggers where the
// role may set session_replication_role. The schema to compare against is
// the one EnsureSchema creates before any load touches it.
#include <gtest/gtest.h>

#include "common/status_matchers_support.h"
#include "test_support.h"

namespace jao::db::postgres {
namespace {

// Every index and constraint of the public schema, one line each.
constexpr const char* kSchemaDumpSql =
    "SELECT string_agg(line, E'\\n' ORDER BY line) FROM ("
    "SELECT 'index ' || tablename || ' ' || indexname || ' ' || indexdef AS "
    "line FROM pg_indexes WHERE schemaname = 'public' UNION ALL "
    "SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || "
    "pg_get_constraintdef(oid) || ' valid=' || convalidated FROM "
    "pg_constraint WHERE connamespace = 'public'::regnamespace) s";

class PgLoadPathTest : public PgTest {
 protected:
  void SetUp() override {
    PgTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_THAT(OpenLoaderOrDie()->EnsureSchema(), IsOk());
    schema_ = Query(kSchemaDumpSql);
  }

  std::unique_ptr<PostgresLoader> Open(PgLoaderOptions options,
                                       const std::string& conninfo = "") {
    return OpenReadyLoader(options, conninfo);
  }
  static PgLoaderOptions FirstLoad() { return {.first_load = true}; }
  static PgLoaderOptions SkipTriggers() { return {.skip_triggers = true}; }

  // A role that may log in with a password and write every table, owning
  // none of them.
  std::string WriterConninfo() {
    const std::string role = database_ + "_w";
    EXPECT_THAT(
        db_->Exec("CREATE ROLE " + role + " LOGIN PASSWORD 'pw' NOSUPERUSER"),
        IsOk());
    EXPECT_THAT(
        db_->Exec("GRANT ALL ON ALL TABLES IN SCHEMA public TO " + role +
                  "; GRANT ALL ON ALL SEQUENCES IN SCHEMA "
                  "public TO " +
                  role + "; GRANT CONNECT ON DATABASE " + database_ + " TO " +
                  role),
        IsOk());
    return "host='" + host_ + "' port='" + port_ + "' user='" + role +
           "' password='pw' dbname='" + database_ + "'";
  }
  void DropWriterRole() {
    (void)db_->Exec("DROP OWNED BY " + database_ + "_w");
    (void)admin_->Exec("DROP ROLE IF EXISTS " + database_ + "_w");
  }

  std::string schema_;
};

// The planner needs statistics of the growing tables to look a later
// chunk's updated vacancies up by index instead of scanning the whole
// child table each chunk (postgres/first_load.h): the first chunk gives them.
TEST_F(PgLoadPathTest, FirstLoadGivesThePlannerStatisticsAfterItsFirstChunk) {
  auto loader = Open(FirstLoad());
  const std::string reltuples =
      "SELECT reltuples::bigint FROM pg_class WHERE oid = "
      "'application_statistics_genderstatistic'::regclass";
  // Never analyzed: PostgreSQL says -1, "unknown".
  EXPECT_EQ(loader->connection().Exec(reltuples)->Text(0, 0), "-1");
  std::vector<VacancyRecord> records;
  for (int32_t id = 1; id <= 3; ++id)
    records.push_back(SampleVacancy(id, kMay1Us));
  ASSERT_THAT(loader->LoadChunk(ChunkOf(records)), IsOk());

  const std::string rows(
      loader->connection()
          .Exec("SELECT count(*) FROM application_statistics_genderstatistic")
          ->Text(0, 0));
  EXPECT_NE(rows, "0");
  EXPECT_EQ(loader->connection().Exec(reltuples)->Text(0, 0), rows);
  ASSERT_THAT(loader->Finish(), IsOk());
}

TEST_F(PgLoadPathTest, FirstLoadRecreatesTheSchemaAsItWasAndKeepsTheRows) {
  auto loader = Open(FirstLoad());
  ASSERT_THAT(loader->LoadChunk(ChunkOf(
                  {SampleVacancy(1, kMay1Us), SampleVacancy(2, kMay1Us)})),
              IsOk());
  ASSERT_THAT(loader->LoadChunk(ChunkOf({SampleVacancy(3, kMay1Us)})), IsOk());
  // Inside the first load the other sessions still see the old catalog;
  // the load's own session has no foreign key on the statistic tables.
  EXPECT_EQ(loader->connection()
                .Exec("SELECT count(*) FROM pg_constraint WHERE contype = 'f' "
                      "AND conrelid::regclass::text NOT LIKE 'jao_ingest_%'")
                ->Text(0, 0),
            "0");
  ASSERT_THAT(loader->Finish(), IsOk());
  EXPECT_EQ(Query(kSchemaDumpSql), schema_);
  EXPECT_EQ(Query("SELECT count(*) FROM vacancies_vacancy"), "3");
  EXPECT_EQ(Query("SELECT count(*) FROM application_statistics_"
                  "genderstatistic"),
            "3");
  EXPECT_EQ(Query("SELECT count(*) FROM vacancies_vacancygrade"), "6");
  EXPECT_EQ(loader->LoadPath(),
            "first load (one transaction; indexes and foreign keys rebuilt "
            "at the end)");
}

TEST_F(PgLoadPathTest, AbandonedFirstLoadLeavesSchemaAndTablesAsTheyWere) {
  auto loader = Open(FirstLoad());
  ASSERT_THAT(loader->LoadChunk(ChunkOf({SampleVacancy(1, kMay1Us)})), IsOk());
  loader.reset();  // the connection closes mid-transaction, as in a crash
  EXPECT_EQ(Query(kSchemaDumpSql), schema_);
  EXPECT_EQ(Query("SELECT count(*) FROM vacancies_vacancy"), "0");
  EXPECT_EQ(Query("SELECT count(*) FROM roles_grade"), "0");
}

TEST_F(PgLoadPathTest, FailedChunkRollsTheWholeFirstLoadBack) {
  auto loader = Open(FirstLoad());
  ASSERT_THAT(loader->LoadChunk(ChunkOf({SampleVacancy(1, kMay1Us)})), IsOk());
  VacancyRecord bad = SampleVacancy(2, kMay1Us);
  bad.department = std::string(300, 'd');  // varchar(255)
  Result<LoadCounts> failed = loader->LoadChunk(ChunkOf({bad}));
  ASSERT_FALSE(failed.ok());
  EXPECT_TRUE(failed.status().message().ends_with(
      "(first load: every chunk of this run rolled back)"))
      << failed.status().message();
  EXPECT_THAT(loader->Finish(), IsOk());
  EXPECT_EQ(Query(kSchemaDumpSql), schema_);
  EXPECT_EQ(Query("SELECT count(*) FROM vacancies_vacancy"), "0");
}

// Exports re-export an id in a later row: the first load updates it in
// place, its old links and statistic rows replaced.
TEST_F(PgLoadPathTest, VacancyTwiceInAFirstLoadIsUpdatedWithinIt) {
  auto loader = Open(FirstLoad());
  ASSERT_THAT(loader->LoadChunk(ChunkOf(
                  {SampleVacancy(1, kMay1Us), SampleVacancy(2, kMay1Us)})),
              IsOk());
  VacancyRecord newer = SampleVacancy(2, kJune1Us);
  newer.title = "Lead analyst";
  newer.grades = {"G7"};
  auto counts = loader->LoadChunk(ChunkOf({newer, SampleVacancy(3, kMay1Us)}));
  ASSERT_THAT(counts, IsOk());
  EXPECT_EQ((*counts)["vacancies_vacancy"].updated, 1);
  EXPECT_EQ((*counts)["vacancies_vacancy"].inserted, 1);
  EXPECT_EQ((*counts)["vacancies_vacancygrade"].deleted, 2);
  // A second chunk with updates in the same transaction (its staging tables
  // must not collide with the first one's).
  VacancyRecord newest = SampleVacancy(1, kJuly1Us);
  newest.title = "Head of analysis";
  counts = loader->LoadChunk(ChunkOf({newest}));
  ASSERT_THAT(counts, IsOk());
  EXPECT_EQ((*counts)["vacancies_vacancy"].updated, 1);
  ASSERT_THAT(loader->Finish(), IsOk());
  EXPECT_EQ(Query(kSchemaDumpSql), schema_);
  EXPECT_EQ(Query("SELECT id || ' ' || title FROM vacancies_vacancy ORDER BY "
                  "id"),
            "1 Head of analysis|2 Lead analyst|3 Analyst");
  EXPECT_EQ(Query("SELECT count(*) FROM application_statistics_"
                  "genderstatistic"),
            "3");
  EXPECT_EQ(Query("SELECT string_agg(g.description, ',' ORDER BY "
                  "g.description) FROM vacancies_vacancygrade l JOIN "
                  "roles_grade g ON g.id = l.grade_id WHERE l.vacancy_id = 2"),
            "G7");
  EXPECT_EQ(loader->LoadPath(),
            "first load (one transaction; indexes and foreign keys rebuilt "
            "at the end)");
}

TEST_F(PgLoadPathTest, TablesWithRowsTakeTheChunkedPath) {
  ASSERT_THAT(
      OpenLoaderOrDie()->LoadChunk(ChunkOf({SampleVacancy(1, kMay1Us)})),
      IsOk());
  auto loader = Open(FirstLoad());
  ASSERT_THAT(loader->LoadChunk(ChunkOf({SampleVacancy(2, kMay1Us)})), IsOk());
  ASSERT_THAT(loader->Finish(), IsOk());
  EXPECT_EQ(loader->LoadPath(), "chunked, foreign-key triggers");
  EXPECT_EQ(Query("SELECT count(*) FROM vacancies_vacancy"), "2");
}

TEST_F(PgLoadPathTest, RoleThatOwnsNoTableTakesTheChunkedPathAndSaysWhy) {
  const std::string conninfo = WriterConninfo();
  {
    auto loader = Open(FirstLoad(), conninfo);
    ASSERT_NE(loader, nullptr);
    ASSERT_THAT(loader->LoadChunk(ChunkOf({SampleVacancy(1, kMay1Us)})),
                IsOk());
    ASSERT_THAT(loader->Finish(), IsOk());
    EXPECT_EQ(loader->LoadPath(),
              "chunked, foreign-key triggers; no first load: the role does "
              "not own every table");
  }
  EXPECT_EQ(Query(kSchemaDumpSql), schema_);
  EXPECT_EQ(Query("SELECT count(*) FROM vacancies_vacancy"), "1");
  DropWriterRole();
}

TEST_F(PgLoadPathTest, SuperuserLoadsWithoutTriggersAndChecksLookupsItself) {
  auto loader = Open(SkipTriggers());
  ASSERT_THAT(loader->LoadChunk(ChunkOf({SampleVacancy(1, kMay1Us)})), IsOk());
  EXPECT_EQ(loader->LoadPath(),
            "chunked, references checked by the loader "
            "(session_replication_role = replica)");
  // Another session removes a department the loader has cached.
  ASSERT_THAT(db_->Exec("DELETE FROM application_statistics_genderstatistic; "
                        "DELETE FROM application_statistics_agegroupstatistic; "
                        "DELETE FROM application_statistics_vacancystatistic; "
                        "DELETE FROM vacancies_vacancygrade; "
                        "DELETE FROM vacancies_vacancyroletype; "
                        "DELETE FROM vacancies_vacancy; "
                        "DELETE FROM organisations_department"),
              IsOk());
  Result<LoadCounts> counts =
      loader->LoadChunk(ChunkOf({SampleVacancy(2, kMay1Us)}));
  ASSERT_THAT(
      counts,
      StatusIs(
          ::testing::_,
          "organisations_department id 1 ('Cabinet Office'), cached by this "
          "run, no longer exists"));
  EXPECT_EQ(Query("SELECT count(*) FROM vacancies_vacancy"), "0");
}

TEST_F(PgLoadPathTest, RoleWithoutTheParameterGrantKeepsTheTriggers) {
  const std::string conninfo = WriterConninfo();
  {
    auto loader = Open(SkipTriggers(), conninfo);
    ASSERT_NE(loader, nullptr);
    ASSERT_THAT(loader->LoadChunk(ChunkOf({SampleVacancy(1, kMay1Us)})),
                IsOk());
    EXPECT_EQ(loader->LoadPath(), "chunked, foreign-key triggers");
  }
  ASSERT_THAT(db_->Exec("GRANT SET ON PARAMETER session_replication_role TO " +
                        database_ + "_w"),
              IsOk());
  {
    auto loader = Open(SkipTriggers(), conninfo);
    ASSERT_NE(loader, nullptr);
    ASSERT_THAT(loader->LoadChunk(ChunkOf({SampleVacancy(2, kMay1Us)})),
                IsOk());
    EXPECT_EQ(loader->LoadPath(),
              "chunked, references checked by the loader "
              "(session_replication_role = replica)");
  }
  ASSERT_THAT(db_->Exec("REVOKE SET ON PARAMETER session_replication_role "
                        "FROM " +
                        database_ + "_w"),
              IsOk());
  EXPECT_EQ(Query("SELECT count(*) FROM vacancies_vacancy"), "2");
  DropWriterRole();
}

}  // namespace
}  // namespace jao::db::postgres
