#include "parquet/footer.h"

#include <cstdio>
#include <string>
#include <string_view>

namespace jao::parquet {
namespace {

constexpr std::string_view kMagic = "PAR1";
// parquet-format Encryption.md: a file whose footer is encrypted ends in PARE.
constexpr std::string_view kEncryptedMagic = "PARE";

// Shows four magic bytes readably: printable ASCII as is, others as \xNN.
std::string Printable(ByteSpan bytes) {
  std::string out;
  for (uint8_t byte : bytes) {
    if (byte >= 0x20 && byte < 0x7f && byte != '\'' && byte != '\\') {
      out.push_back(static_cast<char>(byte));
    } else {
      char escaped[5];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", byte);
      out += escaped;
    }
  }
  return out;
}

uint32_t LoadLittleEndian32(const uint8_t* p) {
  return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 |
         static_cast<uint32_t>(p[2]) << 16 | static_cast<uint32_t>(p[3]) << 24;
}

Status Check(const RandomAccessFile& file, Buffer* scratch, Footer* footer) {
  const int64_t size = file.size();
  if (size < kMinFileSize) {
    return Status::Corrupt(
        "file is " + std::to_string(size) + " bytes, smaller than the " +
        std::to_string(kMinFileSize) + "-byte minimum of a parquet file");
  }
  RETURN_IF_ERROR(file.ReadAt(size - 8, 8, scratch));
  const ByteSpan tail = scratch->span();
  const ByteSpan trailing = tail.subspan(4, 4);
  if (AsStringView(trailing) == kEncryptedMagic) {
    return Status::Unsupported(
        "encrypted footer (PARE magic) is not supported");
  }
  if (AsStringView(trailing) != kMagic) {
    return Status::Corrupt("trailing magic is '" + Printable(trailing) +
                           "', expected 'PAR1'");
  }
  const uint32_t length = LoadLittleEndian32(tail.data());

  RETURN_IF_ERROR(file.ReadAt(0, kMagicSize, scratch));
  if (AsStringView(scratch->span()) != kMagic) {
    return Status::Corrupt("leading magic is '" + Printable(scratch->span()) +
                           "', expected 'PAR1'");
  }

  const int64_t room = size - kMinFileSize;
  if (length == 0) {
    return Status::Corrupt("metadata length is 0");
  }
  if (static_cast<int64_t>(length) > room) {
    return Status::Corrupt("metadata length " + std::to_string(length) +
                           " exceeds the " + std::to_string(room) +
                           " bytes between the magics");
  }
  footer->metadata_length = length;
  footer->metadata_offset = size - 8 - static_cast<int64_t>(length);
  RETURN_IF_ERROR(file.ReadAt(footer->metadata_offset, length, scratch));
  auto metadata = DecodeFileMetaData(scratch->span());
  if (!metadata.ok()) {
    return metadata.status().WithContext("file metadata");
  }
  footer->metadata = std::move(metadata).value();
  if (footer->metadata.has_encryption_algorithm) {
    return Status::Unsupported("encrypted file is not supported");
  }
  return Status::Ok();
}

}  // namespace

Result<Footer> ReadFooter(const RandomAccessFile& file) {
  Buffer scratch;
  Footer footer;
  Status status = Check(file, &scratch, &footer);
  if (!status.ok()) {
    // RandomAccessFile's own errors already name the path.
    if (status.code() == StatusCode::kIo ||
        status.message().starts_with(file.path() + ": ")) {
      return status;
    }
    return status.WithContext(file.path());
  }
  return footer;
}

}  // namespace jao::parquet
