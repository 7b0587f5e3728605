// See summary_json_file.h.
#include "tools/summary_json_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "tools/output_paths.h"

namespace jao::tools {
namespace {

// Writes all of `text` to `fd`; false with errno set when it cannot.
bool WriteAll(int fd, const std::string& text) {
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n == 0) errno = ENOSPC;
      return false;
    }
    done += static_cast<size_t>(n);
  }
  return true;
}

std::string FolderOf(const std::string& path) {
  const std::string folder = std::filesystem::path(path).parent_path();
  return folder.empty() ? "." : folder;
}

}  // namespace

SummaryJsonFile::~SummaryJsonFile() {
  if (device_fd_ >= 0) ::close(device_fd_);
}

Status SummaryJsonFile::Failure(const std::string& what, int error) const {
  return Status::Io(what + " summary file '" + path_ +
                    "': " + std::strerror(error));
}

Status SummaryJsonFile::Open(const std::string& path) {
  path_ = path;
  if (path.empty() || to_stdout()) return Status::Ok();
  target_ = ResolvedPath(path);
  struct stat info;
  if (::stat(target_.c_str(), &info) == 0 &&
      (S_ISCHR(info.st_mode) || S_ISFIFO(info.st_mode))) {
    // Written in place. O_NONBLOCK: a fifo without a reader fails now
    // (ENXIO) instead of waiting; cleared again for the write.
    device_fd_ =
        ::open(target_.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
    if (device_fd_ < 0 || ::fcntl(device_fd_, F_SETFL, 0) != 0) {
      return Failure("cannot open", errno);
    }
    return Status::Ok();
  }
  if (::stat(target_.c_str(), &info) == 0 && S_ISDIR(info.st_mode)) {
    return Failure("cannot open", EISDIR);
  }
  // Creating the temporary file and renaming it need these two.
  if (::access(FolderOf(target_).c_str(), W_OK | X_OK) != 0) {
    return Failure("cannot open", errno);
  }
  return Status::Ok();
}

Status SummaryJsonFile::Write(const ingest::RunSummary& summary) {
  if (path_.empty()) return Status::Ok();
  // A file name need not be UTF-8: replace, never throw (type_error.316).
  const std::string text =
      ingest::SummaryJson(summary).dump(
          2, ' ', false, nlohmann::json::error_handler_t::replace) +
      '\n';
  if (to_stdout()) {
    std::cout << text;
    std::cout.flush();
    if (!std::cout) return Failure("cannot write", EIO);
    return Status::Ok();
  }
  if (device_fd_ >= 0) {
    const bool written = WriteAll(device_fd_, text);
    const int error = errno;
    ::close(device_fd_);
    device_fd_ = -1;
    return written ? Status::Ok() : Failure("cannot write", error);
  }
  return WriteReplacing(text);
}

Status SummaryJsonFile::WriteReplacing(const std::string& text) {
  // Beside the target, so that the rename stays on one file system. The
  // process id keeps two runs apart; a file of ours left by an earlier
  // process of the same id (killed mid-write) is replaced.
  const std::string temporary =
      target_ + "." + std::to_string(::getpid()) + ".tmp";
  ::unlink(temporary.c_str());
  const int fd =
      ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) return Failure("cannot write", errno);
  bool done = WriteAll(fd, text) && ::fsync(fd) == 0;
  int error = errno;
  if (::close(fd) != 0 && done) {
    done = false;
    error = errno;
  }
  if (done && ::rename(temporary.c_str(), target_.c_str()) != 0) {
    done = false;
    error = errno;
  }
  if (!done) {
    ::unlink(temporary.c_str());
    return Failure("cannot write", error);
  }
  // The rename itself outlives a crash once the folder is synced.
  const int folder =
      ::open(FolderOf(target_).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (folder >= 0) {
    (void)::fsync(folder);
    ::close(folder);
  }
  return Status::Ok();
}

}  // namespace jao::tools
