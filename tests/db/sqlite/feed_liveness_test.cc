// Whether a run is alive, as the loader and the feed reader see it on
// SQLite: a run begun through one spelling of the database stays alive for
// an ingester and a reader that reach the file through another (a symbolic
// link, a linked directory, a relative path), and removing the files beside
// the database does not make it look dead; a file with several names (hard
// links) is refused by both; a run closed by someone else while it loads,
// or whose file moved to another directory, commits nothing more. (RunLock
// itself: sqlite/run_lock_test.cc.) Expected rows are written out by hand and
// read back through SqliteProbe (a raw sqlite3 connection), apart from the
// reader's own output.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "common/status_matchers_support.h"
#include "db/change_feed.h"
#include "db/sqlite/feed.h"
#include "db/sqlite/loader.h"
#include "db/sqlite/test_support.h"

namespace jao::db::sqlite {
namespace {

namespace fs = std::filesystem;
using testing::ChunkOf;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::kJan1;
using testing::MakeVacancy;
using testing::SqliteProbe;
using testing::TempDir;

// How the second ingester and the reader spell the database
// "<tmp>/db/jao.sqlite3" that the first one opened by its absolute path.
enum class Spelling {
  kSame,
  kSymlink,             // <tmp>/link.sqlite3 -> <tmp>/db/jao.sqlite3
  kRelativeSymlink,     // <tmp>/other/link.sqlite3 -> ../db/jao.sqlite3
  kLinkedDirectory,     // <tmp>/dblink/jao.sqlite3, dblink -> db
  kRelative,            // db/jao.sqlite3 from <tmp>
  kDotRelative,         // ./jao.sqlite3 from <tmp>/db
  kFilesBesideRemoved,  // the same path, every other file in db/ removed
};

std::string NameOf(Spelling spelling) {
  switch (spelling) {
    case Spelling::kSame:
      return "same_path";
    case Spelling::kSymlink:
      return "symlink";
    case Spelling::kRelativeSymlink:
      return "relative_symlink_in_another_directory";
    case Spelling::kLinkedDirectory:
      return "linked_directory";
    case Spelling::kRelative:
      return "relative_path";
    case Spelling::kDotRelative:
      return "dot_relative_path";
    case Spelling::kFilesBesideRemoved:
      return "files_beside_the_database_removed";
  }
  return "";
}

std::unique_ptr<SqliteLoader> Open(const std::string& path) {
  auto loader = sqlite::OpenLoader(path);
  EXPECT_THAT(loader, IsOk());
  if (!loader.ok()) return nullptr;
  EXPECT_THAT((*loader)->EnsureSchema(), IsOk());
  return std::move(*loader);
}

void Load(SqliteLoader& loader, std::vector<VacancyRecord> records) {
  EXPECT_THAT(loader.LoadChunk(ChunkOf(std::move(records))), IsOk());
}

// A loader on `path` that began run 1 (files ["a.parquet"]) and loaded
// vacancy 1; nullptr after a test failure.
std::unique_ptr<SqliteLoader> LoaderInRunOne(const std::string& path) {
  std::unique_ptr<SqliteLoader> loader = Open(path);
  if (loader == nullptr) return nullptr;
  EXPECT_THAT(loader->BeginRun({R"(["a.parquet"])", "test"}), IsOk());
  Load(*loader, {MakeVacancy(1, kJan1)});
  return loader;
}

class RunLockSpelling : public ::testing::TestWithParam<Spelling> {
 protected:
  void SetUp() override {
    fs::create_directories(root_ / "db");
    fs::create_directories(root_ / "other");
  }
  void TearDown() override { fs::current_path(cwd_); }

  // The second spelling of path_, made (links, working directory) here.
  std::string Respell(Spelling spelling) {
    switch (spelling) {
      case Spelling::kSame:
        return path_;
      case Spelling::kSymlink:
        fs::create_symlink(path_, root_ / "link.sqlite3");
        return (root_ / "link.sqlite3").string();
      case Spelling::kRelativeSymlink:
        fs::create_symlink("../db/jao.sqlite3", root_ / "other/link.sqlite3");
        return (root_ / "other/link.sqlite3").string();
      case Spelling::kLinkedDirectory:
        fs::create_directory_symlink(root_ / "db", root_ / "dblink");
        return (root_ / "dblink/jao.sqlite3").string();
      case Spelling::kRelative:
        fs::current_path(root_);
        return "db/jao.sqlite3";
      case Spelling::kDotRelative:
        fs::current_path(root_ / "db");
        return "./jao.sqlite3";
      case Spelling::kFilesBesideRemoved:
        // Whatever jao-ingest keeps beside the database (a lock file), as a
        // clean-up script or a redeploy would remove it.
        for (const fs::directory_entry& entry :
             fs::directory_iterator(root_ / "db")) {
          const std::string name = entry.path().filename().string();
          if (name != "jao.sqlite3" && name != "jao.sqlite3-wal" &&
              name != "jao.sqlite3-shm" && name != "jao.sqlite3-journal") {
            fs::remove_all(entry.path());
          }
        }
        return path_;
    }
    return path_;
  }

  // What `jao-ingest changes --db path --since 0` prints, "run|vacancy|change".
  static std::vector<std::string> Read(const std::string& path) {
    auto reader = sqlite::OpenFeedReader(path);
    EXPECT_THAT(reader, IsOk());
    std::vector<std::string> lines;
    if (!reader.ok()) return lines;
    EXPECT_THAT((*reader)->Read(0,
                                [&](const Change& change) {
                                  lines.push_back(
                                      std::to_string(change.run_id) + "|" +
                                      std::to_string(change.vacancy_id) + "|" +
                                      std::string(ChangeName(change)));
                                  return Status::Ok();
                                }),
                IsOk());
    return lines;
  }
  std::string Outcomes() {
    SqliteProbe probe(path_);
    return probe.One(
        "SELECT group_concat(coalesce(outcome, 'open')) FROM (SELECT outcome "
        "FROM jao_ingest_run ORDER BY id)");
  }

  fs::path cwd_ = fs::current_path();
  TempDir dir_;
  fs::path root_ = fs::path(dir_.File(""));
  std::string path_ = (root_ / "db/jao.sqlite3").string();
};

TEST_P(RunLockSpelling, LiveRunIsNeitherAbandonedNorSkippedThroughIt) {
  auto first = LoaderInRunOne(path_);
  ASSERT_NE(first, nullptr);

  const std::string other = Respell(GetParam());
  {
    auto second = Open(other);
    ASSERT_NE(second, nullptr);
    ASSERT_THAT(second->BeginRun({R"(["b.parquet"])", "test"}), IsOk());
    Load(*second, {MakeVacancy(2, kJan1)});
    ASSERT_THAT(second->EndRun(RunOutcome::kCompleted, "{}"), IsOk());
  }

  // Run 1 is alive: still open, and no reader may go past it.
  EXPECT_EQ(Outcomes(), "open,completed");
  EXPECT_THAT(Read(other), IsEmpty());
  EXPECT_THAT(Read(path_), IsEmpty());

  Load(*first, {MakeVacancy(3, kJan1)});
  ASSERT_THAT(first->EndRun(RunOutcome::kCompleted, "{}"), IsOk());
  EXPECT_EQ(Outcomes(), "completed,completed");
  EXPECT_THAT(Read(other),
              ElementsAre("1|1|inserted", "1|3|inserted", "2|2|inserted"));
}

INSTANTIATE_TEST_SUITE_P(
    Spellings, RunLockSpelling,
    ::testing::Values(Spelling::kSame, Spelling::kSymlink,
                      Spelling::kRelativeSymlink, Spelling::kLinkedDirectory,
                      Spelling::kRelative, Spelling::kDotRelative,
                      Spelling::kFilesBesideRemoved),
    [](const auto& instance) { return NameOf(instance.param); });

// SQLite keeps a -wal and a -shm beside each name: two names in use at once
// corrupt the file, so neither name is opened.
TEST(HardLinkedDatabase, IsRefusedByTheLoaderAndTheReader) {
  TempDir dir;
  const std::string path = dir.File("jao.sqlite3");
  const std::string link = dir.File("hard.sqlite3");
  SqliteProbe(path).Exec("CREATE TABLE t (x int)");
  fs::create_hard_link(path, link);
  for (const std::string& name : {path, link}) {
    const std::string message =
        "sqlite database '" + name +
        "' has 2 hard links: sqlite keeps a -wal and a -shm file beside each "
        "name, and two names in use at once corrupt the database; keep one "
        "name (a symbolic link is fine)";
    EXPECT_THAT(sqlite::OpenLoader(name),
                StatusIs(StatusCode::kInvalidArgument, message));
    EXPECT_THAT(sqlite::OpenFeedReader(name),
                StatusIs(StatusCode::kInvalidArgument, message));
  }
  EXPECT_FALSE(fs::exists(path + "-wal"));
  EXPECT_FALSE(fs::exists(link + "-wal"));
  fs::remove(link);
  EXPECT_THAT(sqlite::OpenLoader(path), IsOk());
}

// Whatever closed it (an ingester that wrongly proved it dead, a hand-made
// UPDATE), a run no longer open commits no further chunk: a reader that
// went past it when it was closed would never see that chunk.
TEST(RunClosedWhileLoading, NextChunkIsRolledBackAndFails) {
  TempDir dir;
  const std::string path = dir.File("jao.sqlite3");
  auto loader = LoaderInRunOne(path);
  ASSERT_NE(loader, nullptr);
  SqliteProbe probe(path);
  probe.Exec(
      "UPDATE jao_ingest_run SET outcome = 'abandoned', finished_at = "
      "'2024-01-01 00:00:00.000' WHERE id = 1");

  Result<LoadCounts> counts =
      loader->LoadChunk(ChunkOf({MakeVacancy(2, kJan1)}));

  EXPECT_THAT(counts,
              StatusIs(::testing::_,
                       "jao_ingest_run: run 1 was marked 'abandoned' by "
                       "another process while it loaded; this chunk is rolled "
                       "back"));
  EXPECT_EQ(probe.One("SELECT group_concat(id) FROM vacancies_vacancy"), "1");
  EXPECT_THAT(probe.Rows("SELECT run_id || '|' || vacancy_id FROM "
                         "jao_ingest_change ORDER BY run_id, vacancy_id"),
              ElementsAre("1|1"));
}

// Moved to another directory, the file is covered by that directory's lock,
// which this run does not hold: the run stops before its next commit.
TEST(DatabaseMovedWhileLoading, NextChunkIsRolledBackAndFails) {
  TempDir dir;
  fs::create_directories(dir.File("db"));
  fs::create_directories(dir.File("moved"));
  const std::string path = dir.File("db/jao.sqlite3");
  const std::string moved = dir.File("moved/jao.sqlite3");
  auto loader = LoaderInRunOne(path);
  ASSERT_NE(loader, nullptr);
  fs::rename(path, moved);

  Result<LoadCounts> counts =
      loader->LoadChunk(ChunkOf({MakeVacancy(2, kJan1)}));

  EXPECT_THAT(counts, StatusIs(StatusCode::kDatabase,
                               "sqlite database '" + path +
                                   "' was moved out of '" + dir.File("db") +
                                   "' while run 1 loaded: its run lock no "
                                   "longer covers it; this chunk is rolled "
                                   "back"));
  // Read through the loader's own connection: the committed chunk is in
  // the WAL left at the old path (moving a file SQLite has open is unsafe
  // for SQLite itself; this only shows that nothing more was committed).
  auto count = loader->connection().Cached(
      "SELECT count(*) || '|' || group_concat(id) FROM vacancies_vacancy");
  ASSERT_THAT(count, IsOk());
  ASSERT_THAT((*count)->Step(), IsOk());
  EXPECT_EQ((*count)->ColumnText(0), "1|1");
  (*count)->Reset();
}

}  // namespace
}  // namespace jao::db::sqlite
