#include "parquet/random_access_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "common/file_kind.h"

namespace jao::parquet {
namespace {

std::string ErrnoText(int error) { return std::strerror(error); }

// "<path>: not a regular file (a fifo)".
Status NotRegular(const std::string& path, mode_t mode) {
  return Status::Io(path + ": not a regular file (" +
                    std::string(FileKindName(mode)) + ")");
}

class PosixFile final : public RandomAccessFile {
 public:
  PosixFile(std::string path, int fd, int64_t size)
      : path_(std::move(path)), fd_(fd), size_(size) {}
  ~PosixFile() override { ::close(fd_); }
  PosixFile(const PosixFile&) = delete;
  PosixFile& operator=(const PosixFile&) = delete;

  const std::string& path() const override { return path_; }
  int64_t size() const override { return size_; }

  Status ReadRange(int64_t offset, int64_t length, Buffer* out) const override {
    out->Resize(static_cast<size_t>(length));
    int64_t done = 0;
    while (done < length) {
      const ssize_t n =
          ::pread(fd_, out->data() + done, static_cast<size_t>(length - done),
                  static_cast<off_t>(offset + done));
      if (n < 0) {
        if (errno == EINTR) continue;
        return Status::Io(path_ + ": read of " + std::to_string(length) +
                          " bytes at offset " + std::to_string(offset) +
                          " failed: " + ErrnoText(errno));
      }
      if (n == 0) {
        return Status::Io(path_ + ": file ended at offset " +
                          std::to_string(offset + done) + ", expected " +
                          std::to_string(size_) +
                          " bytes (was it truncated while reading?)");
      }
      done += n;
    }
    return Status::Ok();
  }

 private:
  std::string path_;
  int fd_;
  int64_t size_;
};

class MemoryFile final : public RandomAccessFile {
 public:
  MemoryFile(std::string name, std::vector<uint8_t> bytes)
      : name_(std::move(name)), bytes_(std::move(bytes)) {}

  const std::string& path() const override { return name_; }
  int64_t size() const override { return static_cast<int64_t>(bytes_.size()); }

  Status ReadRange(int64_t offset, int64_t length, Buffer* out) const override {
    out->Resize(static_cast<size_t>(length));
    if (length > 0) std::memcpy(out->data(), bytes_.data() + offset, length);
    return Status::Ok();
  }

 private:
  std::string name_;
  std::vector<uint8_t> bytes_;
};

}  // namespace

Status RandomAccessFile::ReadAt(int64_t offset, int64_t length,
                                Buffer* out) const {
  if (offset < 0 || length < 0) {
    return Status::Corrupt(path() + ": read of " + std::to_string(length) +
                           " bytes at offset " + std::to_string(offset) +
                           " is negative");
  }
  // Compare without forming offset + length, which could overflow.
  if (offset > size() || length > size() - offset) {
    return Status::Corrupt(path() + ": read of " + std::to_string(length) +
                           " bytes at offset " + std::to_string(offset) +
                           " runs past the end of the " +
                           std::to_string(size()) + "-byte file");
  }
  RETURN_IF_ERROR(ReadRange(offset, length, out));
  if (out->size() != static_cast<size_t>(length)) {
    return Status::Io(path() + ": short read at offset " +
                      std::to_string(offset) + ": " +
                      std::to_string(out->size()) + " of " +
                      std::to_string(length) + " bytes");
  }
  return Status::Ok();
}

Result<std::unique_ptr<RandomAccessFile>> RandomAccessFile::Open(
    const std::string& path) {
  // Looked at before it is opened: open(2) of a fifo waits for a writer,
  // for ever when none comes. O_NONBLOCK covers a path replaced by a fifo
  // in between (open returns at once; fstat then refuses it); it changes
  // nothing for a regular file.
  struct stat info;
  if (::stat(path.c_str(), &info) != 0) {
    return Status::Io(path + ": cannot open: " + ErrnoText(errno));
  }
  if (!S_ISREG(info.st_mode)) return NotRegular(path, info.st_mode);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    return Status::Io(path + ": cannot open: " + ErrnoText(errno));
  }
  if (::fstat(fd, &info) != 0) {
    const int error = errno;
    ::close(fd);
    return Status::Io(path + ": cannot stat: " + ErrnoText(error));
  }
  if (!S_ISREG(info.st_mode)) {
    ::close(fd);
    return NotRegular(path, info.st_mode);
  }
  return std::unique_ptr<RandomAccessFile>(
      new PosixFile(path, fd, static_cast<int64_t>(info.st_size)));
}

std::unique_ptr<RandomAccessFile> RandomAccessFile::FromBytes(
    std::string name, std::vector<uint8_t> bytes) {
  return std::make_unique<MemoryFile>(std::move(name), std::move(bytes));
}

}  // namespace jao::parquet
