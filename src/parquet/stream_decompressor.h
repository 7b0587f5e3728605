// Decompression of one page a piece at a time, so that neither the
// compressed nor the decompressed page is ever held whole.
//
// The compressed bytes come from a PieceSource (the page reader reads the
// file in pieces; tests hand a span out in pieces of any size). Codecs with
// a streaming interface use it: zstd (ZSTD_decompressStream), gzip/zlib
// (inflate, concatenated members too), brotli (BrotliDecoderDecompressStream).
// The block formats are decoded here over a bounded history window:
// LZ4_RAW and Hadoop-framed LZ4 (offsets are at most 64 KiB by format) and
// Snappy. Snappy allows copies from further back than 64 KiB, which the
// reference compressor (64 KiB fragments) never writes; such a page is
// decoded again, whole, when it is at most kSnappyWholePageCap bytes, else
// refused as Unsupported.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "common/bytes.h"
#include "common/status.h"
#include "parquet/types.h"

namespace jao::parquet {

// The compressed bytes of one page, handed out in pieces.
class PieceSource {
 public:
  virtual ~PieceSource() = default;
  // Sets `*piece` to the next bytes, valid until the next call; empty at the
  // end.
  virtual Status Next(ByteSpan* piece) = 0;
  // Starts again from the first byte.
  virtual void Rewind() = 0;
  // All the bytes the source hands out.
  virtual uint64_t size() const = 0;
};

// A span held in memory, handed out in pieces of `piece_size` bytes.
class SpanPieces : public PieceSource {
 public:
  SpanPieces(ByteSpan data, size_t piece_size);
  Status Next(ByteSpan* piece) override;
  void Rewind() override { pos_ = 0; }
  uint64_t size() const override { return data_.size(); }

 private:
  ByteSpan data_;
  size_t piece_size_;
  size_t pos_ = 0;
};

class StreamDecompressor {
 public:
  virtual ~StreamDecompressor() = default;
  // Fills `out` with the next decompressed bytes; `*produced` is below
  // out.size() only once all `size` bytes are out. Errors: Corrupt when the
  // data is damaged, ends early ("snappy data decompresses to 90 bytes, page
  // header says 100") or holds more than `size` bytes.
  Status Read(std::span<uint8_t> out, size_t* produced);
  uint64_t size() const { return size_; }

 protected:
  StreamDecompressor(std::string codec, uint64_t size)
      : codec_(std::move(codec)), size_(size) {}
  // Fills `out` from the codec; fewer bytes only at the end of the data,
  // which must then be complete (Corrupt "... is truncated" otherwise).
  virtual Status Produce(std::span<uint8_t> out, size_t* produced) = 0;
  const std::string& codec() const { return codec_; }

 private:
  std::string codec_;
  uint64_t size_;
  uint64_t done_ = 0;
  bool end_checked_ = false;
};

// The largest Snappy page decoded whole when a copy reaches past the window.
inline constexpr uint64_t kSnappyWholePageCap = uint64_t{256} << 20;
// History kept by the block decoders: every LZ4 offset, and every offset the
// reference Snappy compressor writes, reaches at most this far back.
inline constexpr size_t kBlockHistory = size_t{64} << 10;

// A decompressor producing exactly `size` bytes from `input`. Errors:
// Unsupported for LZO and unknown codecs.
Result<std::unique_ptr<StreamDecompressor>> MakeStreamDecompressor(
    CompressionCodec codec, std::unique_ptr<PieceSource> input, uint64_t size);

}  // namespace jao::parquet
