// End to end, SQLite only: the change feed never skips a run that is still
// loading, whatever path reaches the database. A first jao-ingest loads a
// file of many small chunks into <tmp>/jao.sqlite3 by its absolute path and
// is held (SIGSTOP) between two chunks, alive; a second one runs to the end
// through another spelling of the same file (a symbolic link, relative
// paths), or through the same path after every file beside the database
// was removed (a lock file deleted by a clean-up), or is refused through a
// hard link (SQLite keeps a -wal and a -shm beside each name, so two names
// in use at once corrupt the file). Meanwhile `jao-ingest changes` polls
// through that spelling as the README's embedding task does: print the
// changes since the cursor, keep the largest run id printed as the new
// cursor. The live run must stay open (never 'abandoned'), the union of
// everything the polls printed must name every vacancy in the database at
// the end (read back independently), and the file must stay sound.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "e2e/ingest_run_support.h"
#include "e2e/interrupted_run_support.h"

namespace jao::e2e {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kChunk = 20;

// How the second ingester and the reader reach the database.
enum class Spelling {
  kSymlink,             // link.sqlite3 -> <tmp>/jao.sqlite3
  kRelativeSymlink,     // deploy/current.sqlite3 -> ../jao.sqlite3
  kHardLink,            // hard.sqlite3, a second name in the same folder
  kHardLinkElsewhere,   // other/hard.sqlite3
  kRelative,            // jao.sqlite3 from <tmp>
  kDotRelative,         // ./jao.sqlite3 from <tmp>
  kDotDotRelative,      // ../jao.sqlite3 from <tmp>/other
  kFilesBesideRemoved,  // the same path, the files beside it removed
};

std::string NameOf(Spelling spelling) {
  switch (spelling) {
    case Spelling::kSymlink:
      return "symlink";
    case Spelling::kRelativeSymlink:
      return "relative_symlink_in_another_folder";
    case Spelling::kHardLink:
      return "hard_link";
    case Spelling::kHardLinkElsewhere:
      return "hard_link_in_another_folder";
    case Spelling::kRelative:
      return "relative_path";
    case Spelling::kDotRelative:
      return "dot_slash_path";
    case Spelling::kDotDotRelative:
      return "dot_dot_path";
    case Spelling::kFilesBesideRemoved:
      return "files_beside_the_database_removed";
  }
  return "";
}

bool IsHardLink(Spelling spelling) {
  return spelling == Spelling::kHardLink ||
         spelling == Spelling::kHardLinkElsewhere;
}

// The state letter of /proc/<pid>/stat ('T': stopped).
char ProcessState(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)),
                   std::istreambuf_iterator<char>());
  const size_t paren = text.rfind(')');
  return paren == std::string::npos || paren + 2 >= text.size()
             ? '?'
             : text[paren + 2];
}

// Whether a write transaction can begin on the file now (nobody holds
// SQLite's write lock).
bool WriteLockFree(const std::string& path) {
  sqlite3* db = nullptr;
  bool free = false;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) ==
      SQLITE_OK) {
    free = sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) ==
           SQLITE_OK;
    if (free) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  sqlite3_close(db);
  return free;
}

// Sends SIGCONT when it goes, so that a failed assertion never leaves a
// stopped child for ~ChildProcess to wait on for ever.
class Continuer {
 public:
  explicit Continuer(pid_t pid) : pid_(pid) {}
  ~Continuer() { kill(pid_, SIGCONT); }

 private:
  pid_t pid_;
};

class RunLockThroughAnotherPath
    : public IngestRunTest,
      public ::testing::WithParamInterface<Spelling> {
 protected:
  void SetUp() override {
    StartWith(Backend::kSqlite);
    fs::create_directories(TempPath("logs"));
    fs::create_directories(TempPath("deploy"));
    fs::create_directories(TempPath("other"));
    spelling_ = db_->name();
  }

  // Makes the links; sets spelling_ and cwd_ (the working directory of the
  // second ingester and of the reader).
  void Respell(Spelling spelling) {
    const std::string real = db_->name();
    cwd_ = dir_;
    switch (spelling) {
      case Spelling::kSymlink:
        spelling_ = TempPath("link.sqlite3");
        fs::create_symlink(real, spelling_);
        break;
      case Spelling::kRelativeSymlink:
        spelling_ = TempPath("deploy/current.sqlite3");
        fs::create_symlink("../jao.sqlite3", spelling_);
        break;
      case Spelling::kHardLink:
        spelling_ = TempPath("hard.sqlite3");
        fs::create_hard_link(real, spelling_);
        break;
      case Spelling::kHardLinkElsewhere:
        spelling_ = TempPath("other/hard.sqlite3");
        fs::create_hard_link(real, spelling_);
        break;
      case Spelling::kRelative:
        spelling_ = "jao.sqlite3";
        break;
      case Spelling::kDotRelative:
        spelling_ = "./jao.sqlite3";
        break;
      case Spelling::kDotDotRelative:
        spelling_ = "../jao.sqlite3";
        cwd_ = TempPath("other");
        break;
      case Spelling::kFilesBesideRemoved:
        spelling_ = real;
        for (const fs::directory_entry& entry : fs::directory_iterator(dir_)) {
          const std::string name = entry.path().filename().string();
          if (entry.is_regular_file() && name != "jao.sqlite3" &&
              name != "jao.sqlite3-wal" && name != "jao.sqlite3-shm" &&
              name != "jao.sqlite3-journal") {
            fs::remove(entry.path());
          }
        }
        break;
    }
  }

  // `changes --since cursor_` through the spelling, as the embedding task
  // runs it.
  ProcessResult Changes() {
    return RunProcess({JAO_BINARY, "changes", "--since",
                       std::to_string(cursor_), "--db", spelling_},
                      cwd_, TempPath("logs"));
  }

  // One poll of the embedding task: `changes --since cursor_`; every
  // vacancy printed joins fed_, the largest run id printed is the cursor.
  void Poll() {
    ProcessResult feed = Changes();
    ASSERT_EQ(feed.exit_code, 0) << feed.err;
    std::istringstream lines(feed.out);
    int64_t largest = cursor_;
    for (std::string line; std::getline(lines, line);) {
      const nlohmann::json change = nlohmann::json::parse(line);
      largest = std::max(largest, change.at("run_id").get<int64_t>());
      fed_.insert(change.at("vacancy_id").get<int64_t>());
    }
    cursor_ = largest;
    ++polls_;
  }

  // SIGSTOPs `run` between two chunks: stopped while it holds no SQLite
  // write lock (else continued and tried again). False when it ended first.
  bool StopBetweenChunks(ChildProcess& run) {
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (run.Running() && std::chrono::steady_clock::now() < deadline) {
      kill(run.pid(), SIGSTOP);
      while (run.Running() && ProcessState(run.pid()) != 'T') {
        std::this_thread::sleep_for(std::chrono::microseconds(100));
      }
      if (!run.Running()) return false;
      if (WriteLockFree(db_->name())) return true;
      kill(run.pid(), SIGCONT);
      std::this_thread::sleep_for(std::chrono::microseconds(300));
    }
    return false;
  }

  std::string spelling_;
  std::string cwd_;
  int64_t cursor_ = 0;
  std::set<int64_t> fed_;
  int polls_ = 0;
};

TEST_P(RunLockThroughAnotherPath, LiveRunIsNeverSkippedByTheFeed) {
  const std::string first_file = ManyChunksFile();
  const std::string second_file = BaseFile();
  std::unique_ptr<ChildProcess> first = std::make_unique<ChildProcess>(
      std::vector<std::string>{JAO_BINARY, "ingest", first_file,
                               "--no-first-load", "--chunk-size",
                               std::to_string(kChunk), "--db", db_->name()},
      "", TempPath("logs/first.out"), TempPath("logs/first.err"));
  Continuer continuer(first->pid());
  CommitWatcher watcher(*db_);
  // A few chunks in: its run row and some change rows are committed.
  while (first->Running() && watcher.Count() < 5 * kChunk) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ASSERT_TRUE(StopBetweenChunks(*first))
      << "the first run ended before it could be held: " << first->Wait().err;

  Poll();
  Respell(GetParam());
  ProcessResult second =
      RunProcess({JAO_BINARY, "ingest", second_file, "--db", spelling_}, cwd_,
                 TempPath("logs"));
  if (IsHardLink(GetParam())) {
    // SQLite keeps a -wal and a -shm beside each name: writing through the
    // second name while the first is in use corrupts the file. Refused,
    // and so is reading through either name while both exist.
    const std::string refused = "' has 2 hard links: ";
    EXPECT_EQ(second.exit_code, 1) << second.err;
    EXPECT_NE(second.err.find(refused), std::string::npos) << second.err;
    ProcessResult read = Changes();
    EXPECT_EQ(read.exit_code, 1) << read.err;
    EXPECT_NE(read.err.find(refused), std::string::npos) << read.err;
    fs::remove(spelling_);  // as told; the reader goes on by the one name
    spelling_ = db_->name();
  } else {
    ASSERT_EQ(second.exit_code, 0) << second.err;
  }
  std::vector<std::string> outcomes = RunOutcomes();
  ASSERT_FALSE(outcomes.empty());
  EXPECT_EQ(outcomes.front(), "open")
      << "the first run, alive and held, was closed by the second ingest";
  Poll();
  Poll();

  kill(first->pid(), SIGCONT);
  while (first->Running()) {
    Poll();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ProcessResult first_result = first->Wait();
  ASSERT_EQ(first_result.exit_code, 0) << first_result.err;
  Poll();
  Poll();

  const std::vector<int64_t> present = PresentIds();
  const std::set<int64_t> in_table(present.begin(), present.end());
  std::vector<int64_t> missed;
  std::set_difference(in_table.begin(), in_table.end(), fed_.begin(),
                      fed_.end(), std::back_inserter(missed));
  EXPECT_TRUE(missed.empty())
      << missed.size() << " of " << in_table.size()
      << " vacancies never printed by the " << polls_
      << " polls (cursor rule), e.g. " << (missed.empty() ? 0 : missed[0]);
  EXPECT_EQ(fed_, FeedVacancyIds());
  EXPECT_EQ(SqliteIntegrityCheck(db_->name()), std::vector<std::string>{"ok"});
  for (const std::string& outcome : RunOutcomes()) {
    EXPECT_NE(outcome, "abandoned");
    EXPECT_NE(outcome, "open");
  }
}

INSTANTIATE_TEST_SUITE_P(
    E2e, RunLockThroughAnotherPath,
    ::testing::Values(Spelling::kSymlink, Spelling::kRelativeSymlink,
                      Spelling::kHardLink, Spelling::kHardLinkElsewhere,
                      Spelling::kRelative, Spelling::kDotRelative,
                      Spelling::kDotDotRelative, Spelling::kFilesBesideRemoved),
    [](const auto& instance) { return NameOf(instance.param); });

}  // namespace
}  // namespace jao::e2e
