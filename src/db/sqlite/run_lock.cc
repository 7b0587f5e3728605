// See sqlite/run_lock.h.
#include "db/sqlite/run_lock.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

namespace jao::db::sqlite {
namespace {

// The byte of the directory that stands for inode `ino`. Two inodes that
// share a byte (above 2^63) only make each other look alive.
off_t ByteOf(ino_t ino) {
  return static_cast<off_t>(static_cast<uint64_t>(ino) &
                            0x7fff'ffff'ffff'ffffULL);
}

// fcntl(F_OFD_SETLK / F_OFD_GETLK) on one byte; `lock` as the kernel left
// it. -1 with errno on failure.
int LockByte(int fd, ino_t ino, int command, short type, struct flock& lock) {
  lock = {};
  lock.l_type = type;
  lock.l_whence = SEEK_SET;
  lock.l_start = ByteOf(ino);
  lock.l_len = 1;
  return ::fcntl(fd, command, &lock);
}

}  // namespace

Status RefuseSeveralNames(const std::string& database_path) {
  struct stat file;
  if (::stat(database_path.c_str(), &file) != 0 || file.st_nlink <= 1) {
    return Status::Ok();  // absent (SQLite reports what it cannot open)
  }
  return Status::InvalidArgument(
      "sqlite database '" + database_path + "' has " +
      std::to_string(file.st_nlink) +
      " hard links: sqlite keeps a -wal and a -shm file beside each name, "
      "and two names in use at once corrupt the database; keep one name (a "
      "symbolic link is fine)");
}

Result<std::unique_ptr<RunLock>> RunLock::Open(
    const std::string& database_path) {
  char* resolved = ::realpath(database_path.c_str(), nullptr);
  if (resolved == nullptr) {
    return Status::Io("cannot resolve the sqlite database path '" +
                      database_path + "': " + std::strerror(errno));
  }
  const std::filesystem::path real(resolved);
  std::free(resolved);
  std::string directory = real.parent_path().string();
  if (directory.empty()) directory = "/";
  const std::string name = real.filename().string();
  const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    return Status::Io("cannot open directory '" + directory +
                      "' for the run lock of '" + database_path +
                      "': " + std::strerror(errno));
  }
  struct stat file;
  std::string why;
  if (::fstatat(fd, name.c_str(), &file, AT_SYMLINK_NOFOLLOW) != 0) {
    why = std::strerror(errno);
  } else if (!S_ISREG(file.st_mode)) {
    why = "not a regular file";
  }
  if (!why.empty()) {
    ::close(fd);
    return Status::Io("sqlite database '" + real.string() + "' (from '" +
                      database_path + "'): " + why);
  }
  return std::unique_ptr<RunLock>(
      new RunLock(directory, name, fd, file.st_dev, file.st_ino));
}

RunLock::~RunLock() { ::close(fd_); }

Status RunLock::Hold() {
  struct flock lock;
  if (LockByte(fd_, ino_, F_OFD_SETLK, F_RDLCK, lock) != 0) {
    return Status::Io("cannot take the run lock on directory '" + directory_ +
                      "': " + std::strerror(errno));
  }
  return Status::Ok();
}

Result<bool> RunLock::NobodyElseHolds() {
  struct flock lock;
  if (LockByte(fd_, ino_, F_OFD_GETLK, F_WRLCK, lock) != 0) {
    return Status::Io("cannot test the run lock on directory '" + directory_ +
                      "': " + std::strerror(errno));
  }
  if (lock.l_type != F_UNLCK) return false;
  // Counted after the byte is tested: an ingester through a name in
  // another directory made that name before it held its lock there, and
  // so before its run row was committed. A run row the caller has read
  // (or that is in its write transaction's view) therefore comes with a
  // name counted here.
  ASSIGN_OR_RETURN(Links links, CountLinks());
  return links.here > 0 && links.here == links.total;
}

Result<bool> RunLock::StillInDirectory() {
  ASSIGN_OR_RETURN(Links links, CountLinks());
  return links.here > 0;
}

Result<RunLock::Links> RunLock::CountLinks() {
  struct stat file;
  if (::fstatat(fd_, name_.c_str(), &file, AT_SYMLINK_NOFOLLOW) == 0 &&
      file.st_dev == dev_ && file.st_ino == ino_ && file.st_nlink == 1) {
    return Links{1, 1};
  }
  return ScanDirectory();
}

// Only when the file has several links or was renamed: every entry's inode
// is read (d_ino is not the inode on every file system, e.g. overlayfs).
Result<RunLock::Links> RunLock::ScanDirectory() {
  const int scan_fd = ::openat(fd_, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  DIR* entries = scan_fd < 0 ? nullptr : ::fdopendir(scan_fd);
  if (entries == nullptr) {
    const int error = errno;
    if (scan_fd >= 0) ::close(scan_fd);
    return Status::Io("cannot list directory '" + directory_ +
                      "' for the run lock: " + std::strerror(error));
  }
  Links links;
  while (true) {
    errno = 0;
    const dirent* entry = ::readdir(entries);
    if (entry == nullptr) break;
    if (entry->d_type != DT_REG && entry->d_type != DT_UNKNOWN) continue;
    struct stat file;
    if (::fstatat(fd_, entry->d_name, &file, AT_SYMLINK_NOFOLLOW) != 0 ||
        file.st_dev != dev_ || file.st_ino != ino_) {
      continue;  // another file, or gone meanwhile
    }
    ++links.here;
    links.total = file.st_nlink;
    name_ = entry->d_name;
  }
  const int error = errno;
  ::closedir(entries);
  if (error != 0) {
    return Status::Io("cannot list directory '" + directory_ +
                      "' for the run lock: " + std::strerror(error));
  }
  return links;
}

}  // namespace jao::db::sqlite
