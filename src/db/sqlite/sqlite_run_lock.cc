// See sqlite_run_lock.h.
#include "db/sqlite/sqlite_run_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace jao::db::sqlite {

std::string RunLockFile::PathFor(std::string_view database_path) {
  return std::string(database_path) + ".jao-ingest.lock";
}

Result<std::unique_ptr<RunLockFile>> RunLockFile::Open(const std::string& path,
                                                       bool create) {
  const int fd = create
                     ? ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666)
                     : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (!create && errno == ENOENT) return std::unique_ptr<RunLockFile>();
    return Status::Io("cannot open run lock file '" + path +
                      "': " + std::strerror(errno));
  }
  return std::unique_ptr<RunLockFile>(new RunLockFile(path, fd));
}

RunLockFile::~RunLockFile() { ::close(fd_); }

bool RunLockFile::TryExclusive() {
  int rc;
  do {
    rc = ::flock(fd_, LOCK_EX | LOCK_NB);
  } while (rc != 0 && errno == EINTR);
  return rc == 0;
}

Status RunLockFile::Shared() {
  int rc;
  do {
    rc = ::flock(fd_, LOCK_SH);
  } while (rc != 0 && errno == EINTR);
  if (rc != 0) {
    return Status::Io("cannot lock run lock file '" + path_ +
                      "': " + std::strerror(errno));
  }
  return Status::Ok();
}

void RunLockFile::Unlock() { (void)::flock(fd_, LOCK_UN); }

}  // namespace jao::db::sqlite
