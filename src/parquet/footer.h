// The tail of a Parquet file: where reading starts. Layout (parquet-format
// README, "File Format"):
//
//   "PAR1" | column chunks ... | FileMetaData | u32 LE length | "PAR1"
//
// ReadFooter checks, in order and each with its own message: the file is at
// least 12 bytes; the trailing magic is "PAR1" ("PARE", an encrypted footer,
// is Unsupported); the leading magic is "PAR1"; the metadata length fits
// between the two magics; then decodes FileMetaData and refuses files whose
// plaintext footer announces encryption (Unsupported).
#pragma once

#include <cstdint>

#include "common/status.h"
#include "parquet/metadata.h"
#include "parquet/random_access_file.h"

namespace jao::parquet {

inline constexpr int64_t kMagicSize = 4;
// Leading magic + metadata length + trailing magic.
inline constexpr int64_t kMinFileSize = 12;

struct Footer {
  FileMetaData metadata;
  int64_t metadata_offset = 0;  // where the FileMetaData bytes start
  int64_t metadata_length = 0;
};

// Reads and decodes the footer of `file`. Every error is prefixed once with
// the file's path: "<path>: trailing magic is 'PAR0', expected 'PAR1'".
// Corrupt for damaged files, Unsupported for encrypted ones, Io from reads.
Result<Footer> ReadFooter(const RandomAccessFile& file);

}  // namespace jao::parquet
