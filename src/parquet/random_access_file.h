// Positional reads from a file: what the footer and page readers use to fetch
// byte ranges. The POSIX implementation reads with pread, so one open file
// can serve several readers without a shared cursor.
//
// Every error names the file: "<path>: cannot open: No such file or
// directory". Reads are bounds-checked against size() first, so a range taken
// from a corrupt footer fails with a message instead of a short read.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/bytes.h"
#include "common/status.h"

namespace jao::parquet {

class RandomAccessFile {
 public:
  virtual ~RandomAccessFile() = default;

  // Opens `path` read-only and takes its size. Io error when it cannot be
  // opened, or "<path>: not a regular file (a fifo)" (FileKindName) for
  // anything but a regular file, found without waiting: a fifo is refused,
  // never opened for a writer that may not come.
  static Result<std::unique_ptr<RandomAccessFile>> Open(
      const std::string& path);

  // A file held in memory (tests, fuzzing); `name` stands for the path in
  // messages.
  static std::unique_ptr<RandomAccessFile> FromBytes(
      std::string name, std::vector<uint8_t> bytes);

  virtual const std::string& path() const = 0;
  virtual int64_t size() const = 0;

  // Replaces `*out`'s contents with bytes [offset, offset + length).
  // Corrupt when the range is negative or runs past size(); Io when the
  // operating system fails, the file shrank under us, or an implementation
  // hands back fewer bytes than asked (never trusted: a short buffer would
  // be read past its end).
  Status ReadAt(int64_t offset, int64_t length, Buffer* out) const;

 protected:
  // The read itself, for a range ReadAt has already bounds-checked.
  virtual Status ReadRange(int64_t offset, int64_t length,
                           Buffer* out) const = 0;
};

}  // namespace jao::parquet
