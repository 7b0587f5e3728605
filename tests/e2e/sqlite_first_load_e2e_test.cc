// End to end, SQLite only: what a crash costs in a first load (issue 13).
// The first load into empty tables is one transaction that drops the
// non-unique indexes and builds them again at the end; killed in the
// middle, it must leave the schema exactly as it was (sqlite_master's
// names and texts) and no row, and the rerun starts over and converges on
// the expectation with the same schema.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "e2e/db_dump_support.h"
#include "e2e/expectation_match_support.h"
#include "e2e/fixture_cache_support.h"
#include "e2e/ingest_run_support.h"
#include "e2e/interrupted_run_support.h"

namespace jao::e2e {
namespace {

using nlohmann::json;

class SqliteFirstLoad : public IngestRunTest {
 protected:
  void SetUp() override { StartWith(Backend::kSqlite); }

  // Every schema object's type, name, table and text, by name.
  std::vector<json> SchemaDump() const {
    return db_->Reader()->Select(
        {{"line", "type || ' ' || name || ' ' || tbl_name || ' ' || sql",
          CellKind::kText}},
        "sqlite_master WHERE sql IS NOT NULL ORDER BY name");
  }

  // Whether the ingester is inside its first load: alone with the file, it
  // runs it with SQLite's rollback journal, whose file exists only while
  // that transaction lives (the rest of a run is in WAL mode). Watched
  // from the file system: a connection of ours open at the wrong moment
  // would keep the ingester in WAL (sqlite/first_load.h).
  bool FirstLoadRunning() const {
    return std::filesystem::exists(db_->name() + "-journal");
  }

  // What the next read-write opener (the app, the next ingest) does with
  // the hot journal a killed first load leaves: rolls it back. A read-only
  // connection cannot.
  void OpenReadWriteOnce() const {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open_v2(db_->name().c_str(), &db, SQLITE_OPEN_READWRITE,
                              nullptr),
              SQLITE_OK);
    const int rc = sqlite3_exec(db, "SELECT count(*) FROM sqlite_master",
                                nullptr, nullptr, nullptr);
    sqlite3_close(db);
    ASSERT_EQ(rc, SQLITE_OK);
  }
};

TEST_F(SqliteFirstLoad, KilledMidFirstLoadLeavesTheSchemaAndARerunConverges) {
  const std::string file = BigFile();
  const json expected = ExpectedState({file});
  // A few chunks in, before the rebuild.
  ASSERT_TRUE(KillWhileRunning(
      {file, "--chunk-size", "500"}, [&] { return FirstLoadRunning(); },
      std::chrono::milliseconds(200)));
  // The killed transaction's journal is left behind: hot once the load had
  // written pages to the file (then the next read-write opener rolls it back
  // and deletes it), or, killed before its first write to the file, not hot
  // (SQLite then ignores it and the next write transaction reuses it). The
  // checks below hold either way.
  ASSERT_TRUE(FirstLoadRunning());
  OpenReadWriteOnce();

  // The schema the killed run created before its first load began, with
  // every index of Django's migrations (19 of them non-unique).
  const std::vector<json> schema = SchemaDump();
  int non_unique = 0;
  for (const json& line : schema) {
    const std::string text = line["line"].get<std::string>();
    // Django's tables only: the change feed's own index is not dropped.
    non_unique += text.rfind("index ", 0) == 0 &&
                  text.find("CREATE INDEX") != std::string::npos &&
                  text.find("jao_ingest_") == std::string::npos;
  }
  EXPECT_EQ(non_unique, 19);
  EXPECT_EQ(CommittedVacancies(), 0);
  EXPECT_EQ(SqliteIntegrityCheck(db_->name()), std::vector<std::string>{"ok"});

  ProcessResult rerun = Ingest({file, "--chunk-size", "500"});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_NE(rerun.out.find("load path: first load (one transaction, rollback "
                           "journal;"),
            std::string::npos)
      << rerun.out;
  EXPECT_TRUE(TablesEqual(Dump(), expected["tables"]));
  // Rebuilt from sqlite_master's own text: identical.
  EXPECT_EQ(SchemaDump(), schema);
  EXPECT_EQ(SqliteIntegrityCheck(db_->name()), std::vector<std::string>{"ok"});
  // The killed run's changes went with its transaction; the rerun's name
  // every vacancy. The killed run's row, when it was committed before the
  // kill, was left open and the rerun marked it abandoned.
  const std::vector<int64_t> present = PresentIds();
  EXPECT_EQ(FeedVacancyIds(),
            std::set<int64_t>(present.begin(), present.end()));
  const std::vector<std::string> outcomes = RunOutcomes();
  ASSERT_FALSE(outcomes.empty());
  EXPECT_EQ(outcomes.back(), "completed");
  for (size_t i = 0; i + 1 < outcomes.size(); ++i) {
    EXPECT_EQ(outcomes[i], "abandoned");
  }
}

TEST_F(SqliteFirstLoad, NoFirstLoadCommitsChunkByChunkIntoEmptyTables) {
  const std::string file = BaseFile();

  ProcessResult run = Ingest({file, "--no-first-load"});

  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("load path: chunked (one transaction a chunk)"),
            std::string::npos)
      << run.out;
  EXPECT_TRUE(TablesEqual(Dump(), ExpectedState({file})["tables"]));
}

TEST_F(SqliteFirstLoad, SecondRunIntoALoadedDatabaseTakesTheChunkedPath) {
  ProcessResult first = Ingest({BaseFile()});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("load path: first load"), std::string::npos)
      << first.out;

  ProcessResult later = Ingest({LaterFile()});

  ASSERT_EQ(later.exit_code, 0) << later.err;
  EXPECT_NE(later.out.find("load path: chunked"), std::string::npos)
      << later.out;
  EXPECT_TRUE(
      TablesEqual(Dump(), ExpectedState({BaseFile(), LaterFile()})["tables"]));
}

}  // namespace
}  // namespace jao::e2e
