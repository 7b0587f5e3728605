// The streaming decompressors over the libraries' streaming interfaces
// (zstd, zlib, brotli) and the plain copy; the block formats are in
// block_decompressor.cc.
#include "parquet/stream_decompressor.h"

#include <brotli/decode.h>
#include <fmt/format.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <climits>
#include <cstring>

#include "parquet/block_decompressor.h"

namespace jao::parquet {

SpanPieces::SpanPieces(ByteSpan data, size_t piece_size)
    : data_(data), piece_size_(std::max<size_t>(piece_size, 1)) {}

Status SpanPieces::Next(ByteSpan* piece) {
  size_t n = std::min(piece_size_, data_.size() - pos_);
  *piece = data_.subspan(pos_, n);
  pos_ += n;
  return Status::Ok();
}

Status StreamDecompressor::Read(std::span<uint8_t> out, size_t* produced) {
  *produced = 0;
  size_t want =
      static_cast<size_t>(std::min<uint64_t>(out.size(), size_ - done_));
  if (want > 0) {
    size_t got = 0;
    RETURN_IF_ERROR(Produce(out.first(want), &got));
    done_ += got;
    *produced = got;
    if (got < want) {
      return Status::Corrupt(
          fmt::format("{} data decompresses to {} bytes, page header says {}",
                      codec_, done_, size_));
    }
  }
  if (done_ == size_ && !end_checked_) {
    // One byte more must not come: the page would be larger than its header.
    end_checked_ = true;
    uint8_t extra = 0;
    size_t got = 0;
    RETURN_IF_ERROR(Produce(std::span<uint8_t>(&extra, 1), &got));
    if (got != 0) {
      return Status::Corrupt(fmt::format(
          "{} data decompresses to more than {} bytes, page header says {}",
          codec_, size_, size_));
    }
  }
  return Status::Ok();
}

namespace {

Status Truncated(std::string_view codec, uint64_t produced) {
  return Status::Corrupt(fmt::format(
      "{} data is truncated after {} decompressed bytes", codec, produced));
}

class CopyStream : public StreamDecompressor {
 public:
  CopyStream(std::unique_ptr<PieceSource> input, uint64_t size)
      : StreamDecompressor("uncompressed", size), input_(std::move(input)) {}

  Status Produce(std::span<uint8_t> out, size_t* produced) override {
    size_t n = 0;
    while (n < out.size()) {
      if (piece_.empty()) {
        RETURN_IF_ERROR(input_->Next(&piece_));
        if (piece_.empty()) break;
      }
      size_t k = std::min(piece_.size(), out.size() - n);
      std::memcpy(out.data() + n, piece_.data(), k);
      piece_ = piece_.subspan(k);
      n += k;
    }
    *produced = n;
    return Status::Ok();
  }

 private:
  std::unique_ptr<PieceSource> input_;
  ByteSpan piece_;
};

// Frames back to back are decoded in turn (the decoder starts a new frame
// after one ends); the input may end only between frames.
class ZstdStream : public StreamDecompressor {
 public:
  ZstdStream(std::unique_ptr<PieceSource> input, uint64_t size)
      : StreamDecompressor("zstd", size),
        input_(std::move(input)),
        stream_(ZSTD_createDStream()) {}
  ~ZstdStream() override { ZSTD_freeDStream(stream_); }

  Status Produce(std::span<uint8_t> out, size_t* produced) override {
    if (stream_ == nullptr) return Status::Internal("zstd stream not created");
    ZSTD_outBuffer output{out.data(), out.size(), 0};
    while (output.pos < output.size) {
      if (in_.pos == in_.size && !input_done_) {
        ByteSpan piece;
        RETURN_IF_ERROR(input_->Next(&piece));
        input_done_ = piece.empty();
        in_ = ZSTD_inBuffer{piece.data(), piece.size(), 0};
      }
      size_t before_out = output.pos;
      size_t before_in = in_.pos;
      size_t rc = ZSTD_decompressStream(stream_, &output, &in_);
      if (ZSTD_isError(rc)) {
        return Status::Corrupt(
            fmt::format("zstd data is corrupt: {}", ZSTD_getErrorName(rc)));
      }
      bool progress = output.pos != before_out || in_.pos != before_in;
      // 0 from the last call that made progress: every frame is complete.
      if (progress) frame_open_ = rc != 0;
      if (input_done_ && !progress) {
        if (frame_open_) return Truncated("zstd", total_ + output.pos);
        break;
      }
    }
    total_ += output.pos;
    *produced = output.pos;
    return Status::Ok();
  }

 private:
  std::unique_ptr<PieceSource> input_;
  ZSTD_DStream* stream_;
  ZSTD_inBuffer in_{nullptr, 0, 0};
  bool input_done_ = false;
  bool frame_open_ = true;  // until a frame completes
  uint64_t total_ = 0;
};

// RFC 1952 members back to back; windowBits 15 + 32 also accepts zlib.
class GzipStream : public StreamDecompressor {
 public:
  GzipStream(std::unique_ptr<PieceSource> input, uint64_t size)
      : StreamDecompressor("gzip", size), input_(std::move(input)) {
    std::memset(&stream_, 0, sizeof(stream_));
    ready_ = inflateInit2(&stream_, 15 + 32) == Z_OK;
  }
  ~GzipStream() override {
    if (ready_) inflateEnd(&stream_);
  }

  Status Produce(std::span<uint8_t> out, size_t* produced) override {
    if (!ready_) return Status::Internal("zlib inflateInit2 failed");
    size_t n = 0;
    while (n < out.size() && !finished_) {
      if (stream_.avail_in == 0 && !input_done_) RETURN_IF_ERROR(Fill());
      size_t chunk = std::min<size_t>(out.size() - n, UINT_MAX);
      stream_.next_out = out.data() + n;
      stream_.avail_out = static_cast<uInt>(chunk);
      int rc = inflate(&stream_, Z_NO_FLUSH);
      n += chunk - stream_.avail_out;
      if (rc == Z_STREAM_END) {
        // Another member may follow.
        if (stream_.avail_in == 0 && !input_done_) RETURN_IF_ERROR(Fill());
        if (stream_.avail_in == 0) {
          finished_ = true;
        } else if (inflateReset(&stream_) != Z_OK) {
          return Status::Internal("zlib inflateReset failed");
        }
        continue;
      }
      if (rc == Z_OK) continue;
      if (rc == Z_BUF_ERROR) {
        if (stream_.avail_in == 0 && input_done_) {
          return Truncated("gzip", total_ + n);
        }
        if (stream_.avail_in == 0) continue;
        return Status::Corrupt(
            "gzip data is corrupt: inflate made no progress");
      }
      return Status::Corrupt(
          fmt::format("gzip data is corrupt: {}",
                      stream_.msg ? stream_.msg : "inflate failed"));
    }
    total_ += n;
    *produced = n;
    return Status::Ok();
  }

 private:
  Status Fill() {
    ByteSpan piece;
    RETURN_IF_ERROR(input_->Next(&piece));
    input_done_ = piece.empty();
    stream_.next_in = const_cast<Bytef*>(piece.data());
    stream_.avail_in = static_cast<uInt>(piece.size());
    return Status::Ok();
  }

  std::unique_ptr<PieceSource> input_;
  z_stream stream_;
  bool ready_ = false;
  bool input_done_ = false;
  bool finished_ = false;
  uint64_t total_ = 0;
};

class BrotliStream : public StreamDecompressor {
 public:
  BrotliStream(std::unique_ptr<PieceSource> input, uint64_t size)
      : StreamDecompressor("brotli", size),
        input_(std::move(input)),
        state_(BrotliDecoderCreateInstance(nullptr, nullptr, nullptr)) {}
  ~BrotliStream() override {
    if (state_) BrotliDecoderDestroyInstance(state_);
  }

  Status Produce(std::span<uint8_t> out, size_t* produced) override {
    if (state_ == nullptr) return Status::Internal("brotli decoder not made");
    size_t avail_out = out.size();
    uint8_t* next_out = out.data();
    while (avail_out > 0 && !finished_) {
      BrotliDecoderResult rc = BrotliDecoderDecompressStream(
          state_, &avail_in_, &next_in_, &avail_out, &next_out, nullptr);
      if (rc == BROTLI_DECODER_RESULT_SUCCESS) {
        finished_ = true;
        if (avail_in_ == 0) RETURN_IF_ERROR(Fill());
        if (avail_in_ != 0) {
          return Status::Corrupt("brotli data has bytes after its stream end");
        }
      } else if (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT) {
        RETURN_IF_ERROR(Fill());
        if (avail_in_ == 0) {
          return Truncated("brotli", total_ + (out.size() - avail_out));
        }
      } else if (rc == BROTLI_DECODER_RESULT_ERROR) {
        return Status::Corrupt(fmt::format(
            "brotli data is corrupt: {}",
            BrotliDecoderErrorString(BrotliDecoderGetErrorCode(state_))));
      }
    }
    *produced = out.size() - avail_out;
    total_ += *produced;
    return Status::Ok();
  }

 private:
  Status Fill() {
    ByteSpan piece;
    RETURN_IF_ERROR(input_->Next(&piece));
    next_in_ = piece.data();
    avail_in_ = piece.size();
    return Status::Ok();
  }

  std::unique_ptr<PieceSource> input_;
  BrotliDecoderState* state_;
  const uint8_t* next_in_ = nullptr;
  size_t avail_in_ = 0;
  bool finished_ = false;
  uint64_t total_ = 0;
};

}  // namespace

Result<std::unique_ptr<StreamDecompressor>> MakeStreamDecompressor(
    CompressionCodec codec, std::unique_ptr<PieceSource> input, uint64_t size) {
  // Writers store an empty DataPageHeaderV2 values section as zero bytes
  // whatever the codec, though no codec's own encoding of nothing is empty.
  if (input->size() == 0 && size == 0 && codec != CompressionCodec::LZO) {
    codec = CompressionCodec::UNCOMPRESSED;
  }
  switch (codec) {
    case CompressionCodec::UNCOMPRESSED:
      return std::unique_ptr<StreamDecompressor>(
          new CopyStream(std::move(input), size));
    case CompressionCodec::SNAPPY:
      return MakeSnappyStream(std::move(input), size);
    case CompressionCodec::GZIP:
      return std::unique_ptr<StreamDecompressor>(
          new GzipStream(std::move(input), size));
    case CompressionCodec::ZSTD:
      return std::unique_ptr<StreamDecompressor>(
          new ZstdStream(std::move(input), size));
    case CompressionCodec::BROTLI:
      return std::unique_ptr<StreamDecompressor>(
          new BrotliStream(std::move(input), size));
    case CompressionCodec::LZ4_RAW:
      return MakeLz4Stream(std::move(input), size, /*hadoop=*/false);
    case CompressionCodec::LZ4:
      return MakeLz4Stream(std::move(input), size, /*hadoop=*/true);
    case CompressionCodec::LZO:
      return Status::Unsupported("codec LZO is not supported");
  }
  return Status::Unsupported(
      fmt::format("codec {} is not supported", static_cast<int32_t>(codec)));
}

}  // namespace jao::parquet
