// RunLock (sqlite/run_lock.h) on its own: one lock for every spelling of a
// database file and every name of it in its directory (hard links too),
// none shared with another file, our own hold not counted, never proven
// free while the file has a name in another directory, kept when the files
// beside the database are removed; a file moved out of its directory is
// noticed. The loader and reader built on it: sqlite/feed_liveness_test.cc.
#include "db/sqlite/run_lock.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "common/status_matchers_support.h"
#include "db/sqlite/test_support.h"

namespace jao::db::sqlite {
namespace {

namespace fs = std::filesystem;
using testing::SqliteProbe;
using testing::TempDir;

class RunLockKeying : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(root_ / "db");
    fs::create_directories(root_ / "other");
    SqliteProbe(path_).Exec("CREATE TABLE t (x int)");
  }
  void TearDown() override { fs::current_path(cwd_); }

  static std::unique_ptr<RunLock> Held(const std::string& path) {
    auto lock = RunLock::Open(path);
    EXPECT_THAT(lock, IsOk());
    if (!lock.ok()) return nullptr;
    EXPECT_THAT((*lock)->Hold(), IsOk());
    return std::move(*lock);
  }
  // NobodyElseHolds through `path`, false on error (after a failure).
  static bool Free(const std::string& path) {
    auto lock = RunLock::Open(path);
    EXPECT_THAT(lock, IsOk());
    if (!lock.ok()) return false;
    Result<bool> free = (*lock)->NobodyElseHolds();
    EXPECT_THAT(free, IsOk());
    return free.ok() && *free;
  }

  fs::path cwd_ = fs::current_path();
  TempDir dir_;
  fs::path root_ = fs::path(dir_.File(""));
  std::string path_ = (root_ / "db/jao.sqlite3").string();
};

TEST_F(RunLockKeying, EverySpellingInTheDirectoryFindsTheOneLock) {
  fs::create_symlink(path_, root_ / "link.sqlite3");
  fs::create_symlink("../db/jao.sqlite3", root_ / "other/link.sqlite3");
  fs::create_directory_symlink(root_ / "db", root_ / "dblink");
  fs::create_hard_link(path_, root_ / "db/hard.sqlite3");
  fs::current_path(root_ / "other");
  const std::vector<std::string> spellings = {
      path_,
      (root_ / "link.sqlite3").string(),
      (root_ / "other/link.sqlite3").string(),
      (root_ / "dblink/jao.sqlite3").string(),
      (root_ / "db/hard.sqlite3").string(),
      "../db/jao.sqlite3",
      "./link.sqlite3",
      "../db/./hard.sqlite3"};
  for (const std::string& held_through : spellings) {
    auto held = Held(held_through);
    for (const std::string& seen_through : spellings) {
      EXPECT_FALSE(Free(seen_through)) << "held through " << held_through
                                       << ", seen through " << seen_through;
    }
  }
  // Released with its holder (the last one went with the loop).
  for (const std::string& seen_through : spellings) {
    EXPECT_TRUE(Free(seen_through)) << seen_through;
  }
}

TEST_F(RunLockKeying, OwnHoldDoesNotCount) {
  auto held = Held(path_);
  Result<bool> free = held->NobodyElseHolds();
  ASSERT_THAT(free, IsOk());
  EXPECT_TRUE(*free);
  EXPECT_FALSE(Free(path_));
}

TEST_F(RunLockKeying, AnotherDatabaseInTheDirectoryHasItsOwnLock) {
  const std::string neighbour = (root_ / "db/neighbour.sqlite3").string();
  SqliteProbe(neighbour).Exec("CREATE TABLE t (x int)");
  auto held = Held(path_);
  EXPECT_TRUE(Free(neighbour));
  EXPECT_FALSE(Free(path_));
}

// Its lock there is in another directory, out of sight: whether or not
// anyone holds it, nothing can be proven.
TEST_F(RunLockKeying, HardLinkInAnotherDirectoryIsNeverProvenFree) {
  const std::string elsewhere = (root_ / "other/hard.sqlite3").string();
  fs::create_hard_link(path_, elsewhere);
  EXPECT_FALSE(Free(path_));
  EXPECT_FALSE(Free(elsewhere));
  {
    auto held = Held(elsewhere);
    EXPECT_FALSE(Free(path_));
  }
  fs::remove(elsewhere);
  EXPECT_TRUE(Free(path_));
}

TEST_F(RunLockKeying, RemovingTheFilesBesideTheDatabaseKeepsTheLock) {
  auto held = Held(path_);
  for (const fs::directory_entry& entry :
       fs::directory_iterator(root_ / "db")) {
    if (entry.path() != path_) fs::remove_all(entry.path());
  }
  EXPECT_FALSE(Free(path_));
}

TEST_F(RunLockKeying, FileMovedOutOfItsDirectoryIsNoLongerCovered) {
  auto held = Held(path_);
  const std::string renamed = (root_ / "db/renamed.sqlite3").string();
  fs::rename(path_, renamed);
  Result<bool> covered = held->StillInDirectory();
  ASSERT_THAT(covered, IsOk());
  EXPECT_TRUE(*covered) << "renamed in its directory: the same lock";
  EXPECT_FALSE(Free(renamed));

  fs::rename(renamed, root_ / "other/moved.sqlite3");
  covered = held->StillInDirectory();
  ASSERT_THAT(covered, IsOk());
  EXPECT_FALSE(*covered);
}

TEST_F(RunLockKeying, MissingDatabaseIsAnErrorNamingThePath) {
  const std::string missing = (root_ / "db/missing.sqlite3").string();
  EXPECT_THAT(
      RunLock::Open(missing),
      StatusIs(StatusCode::kIo, "cannot resolve the sqlite database path '" +
                                    missing + "': No such file or directory"));
}

TEST_F(RunLockKeying, SeveralNamesAreRefusedOneIsNot) {
  EXPECT_THAT(RefuseSeveralNames(path_), IsOk());
  EXPECT_THAT(RefuseSeveralNames((root_ / "db/absent.sqlite3").string()),
              IsOk());
  fs::create_hard_link(path_, root_ / "other/hard.sqlite3");
  EXPECT_THAT(RefuseSeveralNames(path_),
              StatusIs(StatusCode::kInvalidArgument,
                       ::testing::StartsWith("sqlite database '" + path_ +
                                             "' has 2 hard links: ")));
}

}  // namespace
}  // namespace jao::db::sqlite
