// Whether an SQLite run is alive: an ingester holds a shared flock on a side
// file, "<database path>.jao-ingest.lock", from before its run row is
// inserted until the row is closed (or the process ends: the kernel drops
// the lock). Whoever takes the exclusive lock without waiting knows that
// nobody is ingesting, so every run still open is dead. Only jao-ingest
// touches the side file: locking the database file itself would be unsafe
// (closing any descriptor of it drops SQLite's own POSIX locks). Used by
// SqliteLoader::BeginRun and the SQLite feed reader.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"

namespace jao::db::sqlite {

class RunLockFile {
 public:
  // "<database_path>.jao-ingest.lock".
  static std::string PathFor(std::string_view database_path);

  // Opens the lock file, creating it when `create`; nullptr when it is
  // absent and not `create`. Io status naming the path otherwise.
  static Result<std::unique_ptr<RunLockFile>> Open(const std::string& path,
                                                   bool create);
  ~RunLockFile();
  RunLockFile(const RunLockFile&) = delete;
  RunLockFile& operator=(const RunLockFile&) = delete;

  // flock(LOCK_EX | LOCK_NB): true when taken (nobody holds the file).
  bool TryExclusive();
  // flock(LOCK_SH), waiting for an exclusive holder (a reader or a starting
  // run, each holding it briefly); converts an exclusive lock of ours.
  Status Shared();
  void Unlock();

 private:
  RunLockFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}

  std::string path_;
  int fd_;
};

}  // namespace jao::db::sqlite
