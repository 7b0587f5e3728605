// Decompress over snappy, zlib, zstd, brotli and lz4. Every codec writes
// straight into the caller's span and is told its exact capacity, so no
// decompressor can write past it; the produced length must then equal the
// page header's uncompressed size.
#include "parquet/compression.h"

#include <brotli/decode.h>
#include <fmt/format.h>
#include <lz4.h>
#include <snappy.h>
#include <zlib.h>
#include <zstd.h>
#include <zstd_errors.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>

namespace jao::parquet {
namespace {

Status SizeMismatch(std::string_view codec, size_t produced, size_t expected) {
  return Status::Corrupt(
      fmt::format("{} data decompresses to {} bytes, page header says {}",
                  codec, produced, expected));
}

Status TooLarge(std::string_view codec, size_t expected) {
  return Status::Corrupt(
      fmt::format("{} data decompresses to more than {} bytes, page header "
                  "says {}",
                  codec, expected, expected));
}

Status CopyUncompressed(ByteSpan input, std::span<uint8_t> output) {
  if (input.size() != output.size()) {
    return Status::Corrupt(
        fmt::format("uncompressed data is {} bytes, page header says {}",
                    input.size(), output.size()));
  }
  if (!input.empty()) std::memcpy(output.data(), input.data(), input.size());
  return Status::Ok();
}

Status DecompressSnappy(ByteSpan input, std::span<uint8_t> output) {
  const char* in = reinterpret_cast<const char*>(input.data());
  size_t length = 0;
  if (!snappy::GetUncompressedLength(in, input.size(), &length)) {
    return Status::Corrupt("snappy data has a malformed length preamble");
  }
  // The preamble is checked before RawUncompress, which trusts it as the
  // size of the destination.
  if (length != output.size()) {
    return SizeMismatch("snappy", length, output.size());
  }
  if (!snappy::RawUncompress(in, input.size(),
                             reinterpret_cast<char*>(output.data()))) {
    return Status::Corrupt("snappy data is corrupt");
  }
  return Status::Ok();
}

// RFC 1952 members, possibly several back to back (Compression.md asks
// readers to accept that); windowBits 15 + 32 also accepts a zlib header.
Status DecompressGzip(ByteSpan input, std::span<uint8_t> output) {
  if (input.size() > UINT_MAX || output.size() > UINT_MAX) {
    return Status::Unsupported(fmt::format(
        "gzip page of {} bytes is above the 4 GiB zlib limit", input.size()));
  }
  z_stream stream;
  std::memset(&stream, 0, sizeof(stream));
  if (inflateInit2(&stream, 15 + 32) != Z_OK) {
    return Status::Internal("zlib inflateInit2 failed");
  }
  auto end = [](z_stream* s) { inflateEnd(s); };
  std::unique_ptr<z_stream, decltype(end)> guard(&stream, end);
  stream.next_in = const_cast<Bytef*>(input.data());
  stream.avail_in = static_cast<uInt>(input.size());
  stream.next_out = output.data();
  stream.avail_out = static_cast<uInt>(output.size());
  while (true) {
    int rc = inflate(&stream, Z_NO_FLUSH);
    size_t produced = output.size() - stream.avail_out;
    if (rc == Z_STREAM_END) {
      if (stream.avail_in == 0) {
        if (produced != output.size()) {
          return SizeMismatch("gzip", produced, output.size());
        }
        return Status::Ok();
      }
      if (inflateReset(&stream) != Z_OK) {
        return Status::Internal("zlib inflateReset failed");
      }
      continue;
    }
    if (rc == Z_OK) continue;
    if (rc == Z_BUF_ERROR) {
      if (stream.avail_out == 0 && stream.avail_in > 0) {
        return TooLarge("gzip", output.size());
      }
      return Status::Corrupt(fmt::format(
          "gzip data is truncated after {} decompressed bytes", produced));
    }
    return Status::Corrupt(
        fmt::format("gzip data is corrupt: {}",
                    stream.msg ? stream.msg : "inflate failed"));
  }
}

// ZSTD_decompress walks every frame of the input itself; the content sizes
// the frames declare are compared first so that a wrong page header gets a
// size message rather than a generic failure.
Status DecompressZstd(ByteSpan input, std::span<uint8_t> output) {
  uint64_t declared = 0;
  bool all_known = true;
  size_t pos = 0;
  while (pos < input.size()) {
    size_t frame =
        ZSTD_findFrameCompressedSize(input.data() + pos, input.size() - pos);
    if (ZSTD_isError(frame)) {
      return Status::Corrupt(fmt::format("zstd frame at byte {} is corrupt: {}",
                                         pos, ZSTD_getErrorName(frame)));
    }
    unsigned long long size =
        ZSTD_getFrameContentSize(input.data() + pos, input.size() - pos);
    if (size == ZSTD_CONTENTSIZE_UNKNOWN) {
      all_known = false;
    } else if (size != ZSTD_CONTENTSIZE_ERROR) {
      declared += size;  // skippable frames report 0
    }
    pos += frame;
  }
  if (all_known && declared != output.size()) {
    return SizeMismatch("zstd", declared, output.size());
  }
  size_t rc =
      ZSTD_decompress(output.data(), output.size(), input.data(), input.size());
  if (ZSTD_isError(rc)) {
    if (ZSTD_getErrorCode(rc) == ZSTD_error_dstSize_tooSmall) {
      return TooLarge("zstd", output.size());
    }
    return Status::Corrupt(
        fmt::format("zstd data is corrupt: {}", ZSTD_getErrorName(rc)));
  }
  if (rc != output.size()) return SizeMismatch("zstd", rc, output.size());
  return Status::Ok();
}

// The streaming API, unlike BrotliDecoderDecompress, tells a too-small
// output apart from damaged input.
Status DecompressBrotli(ByteSpan input, std::span<uint8_t> output) {
  BrotliDecoderState* state =
      BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
  if (state == nullptr) return Status::Internal("brotli decoder not created");
  std::unique_ptr<BrotliDecoderState, void (*)(BrotliDecoderState*)> guard(
      state, BrotliDecoderDestroyInstance);
  size_t avail_in = input.size();
  const uint8_t* next_in = input.data();
  size_t avail_out = output.size();
  uint8_t* next_out = output.data();
  BrotliDecoderResult rc = BrotliDecoderDecompressStream(
      state, &avail_in, &next_in, &avail_out, &next_out, nullptr);
  size_t produced = output.size() - avail_out;
  switch (rc) {
    case BROTLI_DECODER_RESULT_SUCCESS:
      if (avail_in != 0) {
        return Status::Corrupt(fmt::format(
            "brotli data has {} bytes after the end of its stream", avail_in));
      }
      if (produced != output.size()) {
        return SizeMismatch("brotli", produced, output.size());
      }
      return Status::Ok();
    case BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT:
      return TooLarge("brotli", output.size());
    case BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT:
      return Status::Corrupt(fmt::format(
          "brotli data is truncated after {} decompressed bytes", produced));
    default:
      return Status::Corrupt(fmt::format(
          "brotli data is corrupt: {}",
          BrotliDecoderErrorString(BrotliDecoderGetErrorCode(state))));
  }
}

Status CheckLz4Sizes(std::string_view codec, ByteSpan input,
                     std::span<uint8_t> output) {
  if (input.size() > INT_MAX || output.size() > INT_MAX) {
    return Status::Unsupported(
        fmt::format("{} page of {} bytes is above the 2 GiB lz4 limit", codec,
                    std::max(input.size(), output.size())));
  }
  return Status::Ok();
}

Status DecompressLz4Raw(ByteSpan input, std::span<uint8_t> output) {
  RETURN_IF_ERROR(CheckLz4Sizes("lz4_raw", input, output));
  int rc = LZ4_decompress_safe(reinterpret_cast<const char*>(input.data()),
                               reinterpret_cast<char*>(output.data()),
                               static_cast<int>(input.size()),
                               static_cast<int>(output.size()));
  // LZ4 reports a block that does not fit the capacity like any other damage.
  if (rc < 0) {
    return Status::Corrupt(fmt::format(
        "lz4_raw data is corrupt or decompresses to more than {} bytes",
        output.size()));
  }
  if (static_cast<size_t>(rc) != output.size()) {
    return SizeMismatch("lz4_raw", static_cast<size_t>(rc), output.size());
  }
  return Status::Ok();
}

uint32_t LoadBigEndian32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) |
         (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}

// Hadoop's framing as parquet-mr writes it: frames of [uncompressed length,
// compressed length] (4 bytes big-endian each) and one lz4 block. True only
// when the whole input parses that way and fills `output` exactly.
bool TryHadoopLz4(ByteSpan input, std::span<uint8_t> output) {
  size_t pos = 0;
  size_t out_pos = 0;
  while (pos < input.size()) {
    if (input.size() - pos < 8) return false;
    uint32_t uncompressed = LoadBigEndian32(input.data() + pos);
    uint32_t compressed = LoadBigEndian32(input.data() + pos + 4);
    pos += 8;
    if (compressed > input.size() - pos) return false;
    if (uncompressed > output.size() - out_pos) return false;
    int rc = LZ4_decompress_safe(
        reinterpret_cast<const char*>(input.data() + pos),
        reinterpret_cast<char*>(output.data() + out_pos),
        static_cast<int>(compressed), static_cast<int>(uncompressed));
    if (rc < 0 || static_cast<uint32_t>(rc) != uncompressed) return false;
    pos += compressed;
    out_pos += uncompressed;
  }
  return out_pos == output.size();
}

// Older parquet-cpp wrote LZ4 pages as a bare block (no Hadoop frame); like
// other readers, fall back to that when the framing does not parse.
Status DecompressHadoopLz4(ByteSpan input, std::span<uint8_t> output) {
  RETURN_IF_ERROR(CheckLz4Sizes("lz4", input, output));
  if (TryHadoopLz4(input, output)) return Status::Ok();
  int rc = LZ4_decompress_safe(reinterpret_cast<const char*>(input.data()),
                               reinterpret_cast<char*>(output.data()),
                               static_cast<int>(input.size()),
                               static_cast<int>(output.size()));
  if (rc < 0) {
    return Status::Corrupt(fmt::format(
        "lz4 data is neither hadoop-framed nor a raw lz4 block of at most {} "
        "bytes",
        output.size()));
  }
  if (static_cast<size_t>(rc) != output.size()) {
    return SizeMismatch("lz4", static_cast<size_t>(rc), output.size());
  }
  return Status::Ok();
}

}  // namespace

Status Decompress(CompressionCodec codec, ByteSpan input,
                  std::span<uint8_t> output) {
  // Writers store an empty DataPageHeaderV2 values section as zero bytes
  // whatever the codec (datapage_v2_empty_datapage.snappy.parquet), though
  // no codec's own encoding of nothing is empty.
  if (input.empty() && output.empty() && codec != CompressionCodec::LZO) {
    return Status::Ok();
  }
  switch (codec) {
    case CompressionCodec::UNCOMPRESSED:
      return CopyUncompressed(input, output);
    case CompressionCodec::SNAPPY:
      return DecompressSnappy(input, output);
    case CompressionCodec::GZIP:
      return DecompressGzip(input, output);
    case CompressionCodec::ZSTD:
      return DecompressZstd(input, output);
    case CompressionCodec::BROTLI:
      return DecompressBrotli(input, output);
    case CompressionCodec::LZ4_RAW:
      return DecompressLz4Raw(input, output);
    case CompressionCodec::LZ4:
      return DecompressHadoopLz4(input, output);
    case CompressionCodec::LZO:
      return Status::Unsupported("codec LZO is not supported");
  }
  return Status::Unsupported(
      fmt::format("codec {} is not supported", static_cast<int32_t>(codec)));
}

}  // namespace jao::parquet
