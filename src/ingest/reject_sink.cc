#include "ingest/reject_sink.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

namespace jao::ingest {

int64_t RowOrigin::RowGroupOf(int64_t row) const {
  auto after = std::upper_bound(row_group_first_rows.begin(),
                                row_group_first_rows.end(), row);
  return std::max<int64_t>(0, after - row_group_first_rows.begin() - 1);
}

std::string RejectLine(const RejectedRow& rejected, const RowOrigin* origin) {
  nlohmann::ordered_json line;
  if (origin != nullptr) line["file"] = origin->file;
  line["row"] = rejected.row;
  if (origin != nullptr) line["row_group"] = origin->RowGroupOf(rejected.row);
  if (rejected.vacancy_id) {
    line["vacancy_id"] = *rejected.vacancy_id;
  } else {
    line["vacancy_id"] = nullptr;
  }
  line["column"] = rejected.rejection.column;
  line["value"] = rejected.rejection.value;
  line["reason"] = rejected.rejection.reason;
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void ChunkRejects::Report(const RejectedRow& rejected) {
  ++count_;
  lines_ += RejectLine(rejected, origin_ ? &*origin_ : nullptr);
  lines_ += '\n';
}

std::string ChunkRejects::Take() {
  count_ = 0;
  return std::exchange(lines_, std::string());
}

RejectSink::~RejectSink() {
  if (fd_ >= 0) ::close(fd_);
}

Result<std::unique_ptr<RejectSink>> RejectSink::OpenFile(
    const std::string& path) {
  // O_APPEND: after a cut back (ftruncate) the next lines go to the new end.
  // O_NONBLOCK: a fifo without a reader fails at once (ENXIO) instead of
  // waiting for one; it is cleared again for the writes.
  int fd = ::open(
      path.c_str(),
      O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC | O_NONBLOCK, 0644);
  if (fd < 0 || ::fcntl(fd, F_SETFL, O_APPEND) != 0) {
    const int error = errno;
    if (fd >= 0) ::close(fd);
    return Status::Io("cannot open rejects file '" + path +
                      "': " + std::strerror(error));
  }
  auto sink = std::make_unique<RejectSink>();
  sink->fd_ = fd;
  sink->path_ = path;
  return sink;
}

Status RejectSink::Failure(std::string_view what, int error) const {
  return Status::Io("writing rejects file '" + path_ +
                    "' failed: " + std::string(what) + std::strerror(error));
}

Status RejectSink::Append(std::string_view lines, int64_t count) {
  last_size_ = size_;
  last_count_ = count_;
  count_ += count;
  if (fd_ < 0 || lines.empty()) return Status::Ok();
  size_t done = 0;
  while (done < lines.size()) {
    ssize_t n = ::write(fd_, lines.data() + done, lines.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int error = n < 0 ? errno : ENOSPC;
      // Whatever part was written goes again, so that no line is cut.
      (void)CutBackTo(last_size_);
      count_ = last_count_;
      return Failure("", error);
    }
    done += static_cast<size_t>(n);
  }
  size_ += static_cast<int64_t>(lines.size());
  // Pipes and terminals cannot be synced (EINVAL); a file can.
  if (::fsync(fd_) != 0 && errno != EINVAL && errno != EROFS) {
    int error = errno;
    (void)CutBackTo(last_size_);
    size_ = last_size_;
    count_ = last_count_;
    return Failure("fsync: ", error);
  }
  return Status::Ok();
}

Status RejectSink::CutBackTo(int64_t size) {
  struct stat st {};
  // Only a regular file can be cut; a pipe keeps what it was given.
  if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) return Status::Ok();
  if (::ftruncate(fd_, size) != 0) return Failure("truncate: ", errno);
  if (::fsync(fd_) != 0) return Failure("fsync: ", errno);
  return Status::Ok();
}

Status RejectSink::DropLastAppend() {
  count_ = last_count_;
  if (fd_ < 0 || size_ == last_size_) return Status::Ok();
  size_ = last_size_;
  return CutBackTo(last_size_);
}

}  // namespace jao::ingest
