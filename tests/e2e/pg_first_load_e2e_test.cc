// End to end, PostgreSQL only: what a crash costs in a first load (issue
// 14). The first load into empty tables is one transaction that drops and
// recreates the secondary indexes and foreign keys; killed in the middle,
// it must leave the schema exactly as it was (every index and constraint,
// read from the catalog) and no row, and the rerun starts over and
// converges on the expectation.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "e2e/db_dump_support.h"
#include "e2e/expectation_match_support.h"
#include "e2e/fixture_cache_support.h"
#include "e2e/ingest_run_support.h"
#include "e2e/interrupted_run_support.h"

namespace jao::e2e {
namespace {

using nlohmann::json;

class PgFirstLoad : public IngestRunTest {
 protected:
  void SetUp() override { StartWith(Backend::kPostgresql); }

  // Every index and constraint of Django's tables in the public schema,
  // sorted (the change feed's own tables are not the first load's).
  std::vector<json> SchemaDump() const {
    std::vector<json> indexes = db_->Reader()->Select(
        {{"line", "tablename || ' ' || indexname || ' ' || indexdef",
          CellKind::kText}},
        "pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE "
        "'jao\\_ingest\\_%' ORDER BY 1");
    std::vector<json> constraints = db_->Reader()->Select(
        {{"line",
          "conrelid::regclass || ' ' || conname || ' ' || "
          "pg_get_constraintdef(oid) || ' ' || convalidated",
          CellKind::kText}},
        "pg_constraint WHERE connamespace = 'public'::regnamespace AND "
        "conrelid::regclass::text NOT LIKE 'jao\\_ingest\\_%' ORDER BY 1");
    indexes.insert(indexes.end(), constraints.begin(), constraints.end());
    return indexes;
  }

  // Whether the ingester holds the first load's table locks. Creating the
  // schema takes the same lock mode, so the schema must be committed (seen
  // from this other session) first: a kill while the schema was being
  // created left no schema, and failed this test on a loaded machine.
  bool FirstLoadRunning() {
    if (!db_->Reader()->HasTable("vacancies_vacancy")) return false;
    return db_->AdminQuery(
               "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = "
               "l.database WHERE d.datname = '" +
               db_->name() +
               "' AND l.locktype = 'relation' AND l.granted AND l.mode = "
               "'AccessExclusiveLock'") != "0";
  }
};

TEST_F(PgFirstLoad, KilledMidFirstLoadLeavesTheSchemaAndARerunConverges) {
  if (IsSkipped()) return;
  const std::string file = BigFile();
  const json expected = ExpectedState({file});
  // A few chunks in, before the rebuild.
  ASSERT_TRUE(KillWhileRunning(
      {file, "--chunk-size", "500"}, [&] { return FirstLoadRunning(); },
      std::chrono::milliseconds(300)));

  // The server rolls the transaction back once it notices the client gone.
  for (int i = 0; i < 500 && FirstLoadRunning(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  // The schema the killed run created before its first load began: as
  // Django's migrations make it (spec/jao-schema.md: 20 foreign keys).
  const std::vector<json> schema = SchemaDump();
  int foreign_keys = 0;
  for (const json& line : schema)
    foreign_keys += line["line"].get<std::string>().find(" FOREIGN KEY ") !=
                    std::string::npos;
  EXPECT_EQ(foreign_keys, 20);
  EXPECT_EQ(CommittedVacancies(), 0);

  ProcessResult rerun = Ingest({file, "--chunk-size", "500"});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_NE(rerun.out.find("load path: first load"), std::string::npos)
      << rerun.out;
  EXPECT_TRUE(TablesEqual(Dump(), expected["tables"]));
  // Recreated from the catalog's own definitions: identical.
  EXPECT_EQ(SchemaDump(), schema);
  // The killed run's changes went with its transaction; the rerun's name
  // every vacancy. The killed run's row, committed before the first load
  // began, was left open and the rerun marked it abandoned.
  const std::vector<int64_t> present = PresentIds();
  EXPECT_EQ(FeedVacancyIds(),
            std::set<int64_t>(present.begin(), present.end()));
  EXPECT_EQ(RunOutcomes(),
            (std::vector<std::string>{"abandoned", "completed"}));
}

}  // namespace
}  // namespace jao::e2e
