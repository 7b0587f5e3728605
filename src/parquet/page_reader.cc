#include "parquet/page_reader.h"

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>

#include "parquet/compression.h"
#include "parquet/stream_decompressor.h"

namespace jao::parquet {
namespace {

constexpr int64_t kInitialHeaderWindow = 4 << 10;

std::string Hex(uint32_t value) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%08x", value);
  return text;
}

std::string AtOffset(int64_t offset) {
  return "page at offset " + std::to_string(offset);
}

// Bytes [offset, offset + length) of a file, read a piece at a time.
class FilePieces : public PieceSource {
 public:
  FilePieces(const RandomAccessFile* file, int64_t offset, int64_t length,
             size_t piece_size, int64_t* bytes_read)
      : file_(file),
        offset_(offset),
        length_(length),
        piece_size_(static_cast<int64_t>(std::max<size_t>(piece_size, 1))),
        bytes_read_(bytes_read) {}

  Status Next(ByteSpan* piece) override {
    int64_t n = std::min(piece_size_, length_ - pos_);
    if (n <= 0) {
      *piece = ByteSpan();
      return Status::Ok();
    }
    RETURN_IF_ERROR(file_->ReadAt(offset_ + pos_, n, &buffer_));
    *bytes_read_ += n;
    pos_ += n;
    *piece = buffer_.span();
    return Status::Ok();
  }
  void Rewind() override { pos_ = 0; }
  uint64_t size() const override { return static_cast<uint64_t>(length_); }

 private:
  const RandomAccessFile* file_;
  int64_t offset_;
  int64_t length_;
  int64_t piece_size_;
  int64_t* bytes_read_;
  int64_t pos_ = 0;
  Buffer buffer_;
};

Status CompareCrc(uint32_t computed, const PageHeader& header) {
  uint32_t expected = static_cast<uint32_t>(*header.crc);
  if (computed != expected) {
    return Status::Corrupt("crc mismatch (header " + Hex(expected) +
                           ", computed " + Hex(computed) + ")");
  }
  return Status::Ok();
}

// The byte length of a DATA_PAGE_V2's levels (0 for other pages), checked
// against the page sizes.
Status LevelBytes(const PageHeader& header, int64_t* levels) {
  *levels = 0;
  if (header.type != PageType::DATA_PAGE_V2) return Status::Ok();
  const DataPageHeaderV2& v2 = *header.data_page_header_v2;
  if (v2.definition_levels_byte_length < 0 ||
      v2.repetition_levels_byte_length < 0) {
    return Status::Corrupt("level byte lengths " +
                           std::to_string(v2.repetition_levels_byte_length) +
                           " and " +
                           std::to_string(v2.definition_levels_byte_length) +
                           " include a negative length");
  }
  *levels = int64_t{v2.definition_levels_byte_length} +
            v2.repetition_levels_byte_length;
  int64_t smaller =
      std::min(header.compressed_page_size, header.uncompressed_page_size);
  if (*levels > smaller) {
    return Status::Corrupt("level byte length " + std::to_string(*levels) +
                           " is above the page size " +
                           std::to_string(smaller));
  }
  return Status::Ok();
}

Status SizesDisagree(int64_t stored, int64_t said) {
  return Status::Corrupt("uncompressed page stores " + std::to_string(stored) +
                         " value bytes, header says " + std::to_string(said));
}

}  // namespace

Result<std::unique_ptr<PageReader>> PageReader::Make(
    const RandomAccessFile* source, const ColumnMetaData& meta,
    PageReaderOptions options) {
  int64_t start = meta.data_page_offset;
  // Some writers store dictionary_page_offset 0 to mean "none"; a dictionary
  // page after the first data page cannot be the chunk's start either.
  if (meta.dictionary_page_offset && *meta.dictionary_page_offset > 0 &&
      *meta.dictionary_page_offset < meta.data_page_offset) {
    start = *meta.dictionary_page_offset;
  }
  if (start < 0) {
    return Status::Corrupt("column chunk start " + std::to_string(start) +
                           " is negative");
  }
  if (meta.total_compressed_size < 0) {
    return Status::Corrupt("total_compressed_size " +
                           std::to_string(meta.total_compressed_size) +
                           " is negative");
  }
  if (start > source->size() ||
      meta.total_compressed_size > source->size() - start) {
    return Status::Corrupt(
        "column chunk [" + std::to_string(start) + ", " +
        std::to_string(start +
                       std::min(meta.total_compressed_size, source->size())) +
        ") runs past the end of the " + std::to_string(source->size()) +
        "-byte file");
  }
  return std::unique_ptr<PageReader>(new PageReader(
      source, meta, start, start + meta.total_compressed_size, options));
}

PageReader::PageReader(const RandomAccessFile* source,
                       const ColumnMetaData& meta, int64_t start, int64_t end,
                       PageReaderOptions options)
    : source_(source),
      options_(options),
      codec_(meta.codec),
      total_uncompressed_size_(meta.total_uncompressed_size),
      start_(start),
      end_(end),
      pos_(start) {}

bool PageReader::Known(PageType type) const {
  return type == PageType::DATA_PAGE || type == PageType::DATA_PAGE_V2 ||
         type == PageType::DICTIONARY_PAGE;
}

Status PageReader::ReadHeader(PageHeader* header, int64_t* body_offset) {
  int64_t remaining = end_ - pos_;
  int64_t limit = std::min(remaining, kMaxHeaderSize);
  int64_t window = std::min(limit, kInitialHeaderWindow);
  while (true) {
    RETURN_IF_ERROR(source_->ReadAt(pos_, window, &header_window_));
    bytes_read_ += window;
    size_t consumed = 0;
    Result<PageHeader> decoded =
        DecodePageHeader(header_window_.span(), &consumed);
    if (decoded.ok()) {
      *header = std::move(decoded).value();
      *body_offset = pos_ + static_cast<int64_t>(consumed);
      return Status::Ok();
    }
    // A header longer than the window (large statistics) decodes as
    // truncated: retry with a larger window until the cap or the chunk end.
    if (window >= limit) return std::move(decoded).TakeStatus();
    window = std::min(limit, window * 4);
  }
}

Status PageReader::CheckSizes(const PageHeader& header,
                              int64_t body_offset) const {
  if (header.compressed_page_size < 0) {
    return Status::Corrupt("compressed_page_size " +
                           std::to_string(header.compressed_page_size) +
                           " is negative");
  }
  if (header.uncompressed_page_size < 0) {
    return Status::Corrupt("uncompressed_page_size " +
                           std::to_string(header.uncompressed_page_size) +
                           " is negative");
  }
  if (header.compressed_page_size > end_ - body_offset) {
    return Status::Corrupt(
        "compressed_page_size " + std::to_string(header.compressed_page_size) +
        " runs past the column chunk end at " + std::to_string(end_));
  }
  if (!Known(header.type)) return Status::Ok();
  if (header.uncompressed_page_size > kMaxPageSize) {
    return Status::Corrupt("uncompressed_page_size " +
                           std::to_string(header.uncompressed_page_size) +
                           " is above the " + std::to_string(kMaxPageSize) +
                           "-byte limit");
  }
  if (header.uncompressed_page_size > total_uncompressed_size_) {
    return Status::Corrupt("uncompressed_page_size " +
                           std::to_string(header.uncompressed_page_size) +
                           " is above the column chunk's "
                           "total_uncompressed_size " +
                           std::to_string(total_uncompressed_size_));
  }
  bool has_body_header =
      (header.type == PageType::DATA_PAGE && header.data_page_header) ||
      (header.type == PageType::DATA_PAGE_V2 && header.data_page_header_v2) ||
      (header.type == PageType::DICTIONARY_PAGE &&
       header.dictionary_page_header);
  if (!has_body_header) {
    return Status::Corrupt(PageTypeName(header.type) +
                           " header lacks its type-specific header");
  }
  return Status::Ok();
}

Status PageReader::ReadBody(const PageHeader& header, int64_t body_offset,
                            Page* page) {
  const int64_t compressed_size = header.compressed_page_size;
  const int64_t uncompressed_size = header.uncompressed_page_size;
  if (header.type == PageType::DICTIONARY_PAGE &&
      uncompressed_size > kMaxDictionaryPageSize) {
    return Status::Unsupported(
        "dictionary page of " + std::to_string(uncompressed_size) +
        " bytes is above the " + std::to_string(kMaxDictionaryPageSize >> 20) +
        " MiB dictionary limit");
  }
  RETURN_IF_ERROR(source_->ReadAt(body_offset, compressed_size, &compressed_));
  bytes_read_ += compressed_size;
  if (header.crc) {
    RETURN_IF_ERROR(CompareCrc(
        static_cast<uint32_t>(
            crc32(0L, compressed_.data(), static_cast<uInt>(compressed_size))),
        header));
  }
  auto body = std::make_shared<Buffer>(static_cast<size_t>(uncompressed_size));
  int64_t levels = 0;
  RETURN_IF_ERROR(LevelBytes(header, &levels));
  bool compressed = codec_ != CompressionCodec::UNCOMPRESSED;
  if (header.type == PageType::DATA_PAGE_V2) {
    if (levels > 0) std::memcpy(body->data(), compressed_.data(), levels);
    compressed = compressed && header.data_page_header_v2->is_compressed;
  }
  ByteSpan input(compressed_.data() + levels,
                 static_cast<size_t>(compressed_size - levels));
  std::span<uint8_t> output(body->data() + levels,
                            static_cast<size_t>(uncompressed_size - levels));
  if (!compressed || (input.empty() && output.empty())) {
    if (input.size() != output.size()) {
      return SizesDisagree(static_cast<int64_t>(input.size()),
                           static_cast<int64_t>(output.size()));
    }
    if (!input.empty()) std::memcpy(output.data(), input.data(), input.size());
  } else {
    RETURN_IF_ERROR(Decompress(codec_, input, output));
  }
  // Every column holds one page while a batch is read: the compressed copy
  // need not stay beside it.
  compressed_.Release();
  page->data = std::move(body);
  if (header.type != PageType::DICTIONARY_PAGE) {
    page->values =
        std::make_unique<ValueStream>(page->data, static_cast<size_t>(levels));
  }
  return Status::Ok();
}

Status PageReader::CheckCrcInPieces(const PageHeader& header,
                                    int64_t body_offset) {
  FilePieces pieces(source_, body_offset, header.compressed_page_size,
                    options_.piece_size, &bytes_read_);
  uLong crc = crc32(0L, Z_NULL, 0);
  while (true) {
    ByteSpan piece;
    RETURN_IF_ERROR(pieces.Next(&piece));
    if (piece.empty()) break;
    crc = crc32(crc, piece.data(), static_cast<uInt>(piece.size()));
  }
  return CompareCrc(static_cast<uint32_t>(crc), header);
}

Status PageReader::OpenBody(const PageHeader& header, int64_t body_offset,
                            Page* page) {
  int64_t levels = 0;
  RETURN_IF_ERROR(LevelBytes(header, &levels));
  if (header.crc) RETURN_IF_ERROR(CheckCrcInPieces(header, body_offset));
  bool compressed = codec_ != CompressionCodec::UNCOMPRESSED;
  if (header.type == PageType::DATA_PAGE_V2) {
    compressed = compressed && header.data_page_header_v2->is_compressed;
    auto level_bytes = std::make_shared<Buffer>();
    RETURN_IF_ERROR(source_->ReadAt(body_offset, levels, level_bytes.get()));
    bytes_read_ += levels;
    page->data = std::move(level_bytes);
  }
  int64_t input = header.compressed_page_size - levels;
  int64_t output = header.uncompressed_page_size - levels;
  if (!compressed && input != output) return SizesDisagree(input, output);
  auto pieces = std::make_unique<FilePieces>(
      source_, body_offset + levels, input, options_.piece_size, &bytes_read_);
  ASSIGN_OR_RETURN(auto stream,
                   MakeStreamDecompressor(
                       compressed ? codec_ : CompressionCodec::UNCOMPRESSED,
                       std::move(pieces), static_cast<uint64_t>(output)));
  page->values =
      std::make_unique<ValueStream>(std::move(stream), options_.window);
  return Status::Ok();
}

Result<bool> PageReader::NextKnown(Page* page, int64_t* body_offset) {
  while (pos_ < end_) {
    int64_t offset = pos_;
    PageHeader header;
    Status status = ReadHeader(&header, body_offset);
    if (status.ok()) status = CheckSizes(header, *body_offset);
    if (!status.ok()) return status.WithContext(AtOffset(offset));
    pos_ = *body_offset + header.compressed_page_size;
    if (!Known(header.type)) continue;
    page->offset = offset;
    page->header = std::move(header);
    page->data.reset();
    page->values.reset();
    return true;
  }
  return false;
}

Result<bool> PageReader::Next(Page* page) {
  int64_t body_offset = 0;
  ASSIGN_OR_RETURN(bool got, NextKnown(page, &body_offset));
  if (!got) return false;
  Status status = ReadBody(page->header, body_offset, page);
  if (!status.ok()) return status.WithContext(AtOffset(page->offset));
  return true;
}

Result<bool> PageReader::NextStreamed(Page* page) {
  int64_t body_offset = 0;
  ASSIGN_OR_RETURN(bool got, NextKnown(page, &body_offset));
  if (!got) return false;
  const PageHeader& header = page->header;
  bool whole = header.type == PageType::DICTIONARY_PAGE ||
               header.uncompressed_page_size <= options_.whole_page_limit;
  Status status = whole ? ReadBody(header, body_offset, page)
                        : OpenBody(header, body_offset, page);
  if (!status.ok()) return status.WithContext(AtOffset(page->offset));
  return true;
}

Result<bool> PageReader::NextHeader(Page* page) {
  int64_t body_offset = 0;
  return NextKnown(page, &body_offset);
}

}  // namespace jao::parquet
