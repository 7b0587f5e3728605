// jao-ingest left running while a test acts on it (a signal, a SIGKILL), and
// an SQLite write lock held by the test so that a run waits for it: the
// command-line tests of a run stopped in the middle of a wait.
#pragma once

#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <thread>

namespace jao::tools::testing {

// `jao-ingest ARGS` (shell text) started in the background, stderr written to
// `err_path`. Killed with SIGKILL and reaped when the test did not wait for
// it, so that a hung binary never outlives its test.
class BackgroundJao {
 public:
  BackgroundJao(const std::string& args, std::string err_path)
      : err_path_(std::move(err_path)) {
    const std::string command = "exec " + std::string(JAO_BINARY) + " " + args +
                                " >/dev/null 2>" + err_path_;
    pid_ = fork();
    if (pid_ == 0) {
      execl("/bin/sh", "sh", "-c", command.c_str(),
            static_cast<char*>(nullptr));
      _exit(127);
    }
  }
  BackgroundJao(const BackgroundJao&) = delete;
  BackgroundJao& operator=(const BackgroundJao&) = delete;
  ~BackgroundJao() {
    if (pid_ > 0 && !status_) {
      kill(pid_, SIGKILL);
      int raw = 0;
      waitpid(pid_, &raw, 0);
    }
  }

  pid_t pid() const { return pid_; }
  bool started() const { return pid_ > 0; }

  // True while the process has not exited (it is reaped when it has).
  bool Running() {
    if (status_) return false;
    int raw = 0;
    if (waitpid(pid_, &raw, WNOHANG) == 0) return true;
    status_ = Decode(raw);
    return false;
  }

  // The exit status (128 + the signal when killed by one), or nullopt when
  // the process is still running after `limit`.
  std::optional<int> WaitFor(std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (Running()) {
      if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return status_;
  }

  std::string Stderr() const {
    std::ifstream in(err_path_);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

 private:
  static int Decode(int raw) {
    if (WIFEXITED(raw)) return WEXITSTATUS(raw);
    if (WIFSIGNALED(raw)) return 128 + WTERMSIG(raw);
    return -1;
  }

  pid_t pid_ = -1;
  std::string err_path_;
  std::optional<int> status_;
};

// The write lock of the SQLite database at `path`, held from construction
// (BEGIN EXCLUSIVE on a connection of the test's own) until destruction: a
// run on that database waits for it as long as its lock timeout allows.
class HeldSqliteWriteLock {
 public:
  explicit HeldSqliteWriteLock(const std::string& path) {
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) return;
    held_ = sqlite3_exec(db_, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) ==
            SQLITE_OK;
  }
  HeldSqliteWriteLock(const HeldSqliteWriteLock&) = delete;
  HeldSqliteWriteLock& operator=(const HeldSqliteWriteLock&) = delete;
  ~HeldSqliteWriteLock() {
    if (held_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(db_);
  }
  bool held() const { return held_; }

 private:
  sqlite3* db_ = nullptr;
  bool held_ = false;
};

}  // namespace jao::tools::testing
