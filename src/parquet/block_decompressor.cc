// Snappy and LZ4 blocks decoded element by element into a buffer holding
// kBlockHistory bytes of history plus kSpan bytes of new output; when the
// buffer is full its last kBlockHistory bytes slide to the front. A literal
// or copy that does not fit stays pending and resumes after the slide.
#include "parquet/block_decompressor.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "parquet/compression.h"

namespace jao::parquet {
namespace {

constexpr size_t kSpan = size_t{64} << 10;
constexpr size_t kCapacity = kBlockHistory + kSpan;
// Bytes allocated past kCapacity, so that the fast path may copy a short
// element as one fixed 16-byte move (the bytes past it are overwritten
// later or never handed out).
constexpr size_t kSlack = 16;
// No real literal or match is this long; a longer one is damage.
constexpr uint64_t kMaxElement = uint64_t{1} << 40;

// Reads a PieceSource in runs or byte by byte, within an optional limit (a
// Hadoop frame's block).
class Cursor {
 public:
  explicit Cursor(PieceSource* source) : source_(source) {}

  // The next contiguous bytes within the limit; empty at the end.
  Status Peek(ByteSpan* available) {
    if (piece_.empty() && limit_ > 0) RETURN_IF_ERROR(source_->Next(&piece_));
    *available = piece_.first(
        static_cast<size_t>(std::min<uint64_t>(piece_.size(), limit_)));
    return Status::Ok();
  }
  void Advance(size_t n) {
    piece_ = piece_.subspan(n);
    limit_ -= n;
  }
  // Copies up to n bytes to `out`; *got is below n only at the end.
  Status Read(uint8_t* out, size_t n, size_t* got) {
    *got = 0;
    while (*got < n) {
      ByteSpan available;
      RETURN_IF_ERROR(Peek(&available));
      if (available.empty()) break;
      size_t k = std::min(available.size(), n - *got);
      if (out != nullptr) std::memcpy(out + *got, available.data(), k);
      Advance(k);
      *got += k;
    }
    return Status::Ok();
  }
  void set_limit(uint64_t limit) { limit_ = limit; }
  uint64_t limit() const { return limit_; }
  void Rewind() {
    source_->Rewind();
    piece_ = ByteSpan();
    limit_ = UINT64_MAX;
  }

 private:
  PieceSource* source_;
  ByteSpan piece_;
  uint64_t limit_ = UINT64_MAX;
};

uint64_t LoadLittleEndian(const uint8_t* p, size_t n) {
  uint64_t value = 0;
  for (size_t i = 0; i < n; ++i) value |= uint64_t{p[i]} << (8 * i);
  return value;
}

uint32_t LoadBigEndian32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) |
         (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}

class BlockStream : public StreamDecompressor {
 protected:
  BlockStream(std::string codec, std::unique_ptr<PieceSource> input,
              uint64_t size)
      : StreamDecompressor(std::move(codec), size),
        input_(std::move(input)),
        in_(input_.get()),
        buffer_(new uint8_t[kCapacity + kSlack]) {}

  Status Produce(std::span<uint8_t> out, size_t* produced) override {
    size_t n = 0;
    while (n < out.size()) {
      if (whole_) {
        size_t k = std::min(out.size() - n,
                            static_cast<size_t>(whole_->size() - handed_));
        if (k > 0) std::memcpy(out.data() + n, whole_->data() + handed_, k);
        n += k;
        handed_ += k;
        break;
      }
      if (emitted_ < filled_) {
        size_t k = std::min(out.size() - n, filled_ - emitted_);
        std::memcpy(out.data() + n, buffer_.get() + emitted_, k);
        emitted_ += k;
        handed_ += k;
        n += k;
        continue;
      }
      if (finished_) break;
      if (filled_ == kCapacity) {
        std::memmove(buffer_.get(), buffer_.get() + filled_ - kBlockHistory,
                     kBlockHistory);
        filled_ = emitted_ = kBlockHistory;
      }
      RETURN_IF_ERROR(Decode());
    }
    *produced = n;
    return Status::Ok();
  }

  // Decodes into the buffer until it is full or the data ends (then sets
  // finished_).
  virtual Status Decode() = 0;
  // A copy reaching before the history kept but inside the output so far.
  virtual Status FarCopy(uint64_t offset) {
    return Status::Internal(
        fmt::format("{} copy offset {} is past the window", codec(), offset));
  }

  Status Truncated() const {
    return Status::Corrupt(fmt::format(
        "{} data is truncated after {} decompressed bytes", codec(), total_));
  }

  // Runs the pending literal and copy; *room is false when the buffer filled
  // first.
  Status Drain(bool* room) {
    while (pending_literal_ > 0 && filled_ < kCapacity) {
      ByteSpan available;
      RETURN_IF_ERROR(in_.Peek(&available));
      if (available.empty()) return Truncated();
      size_t k = static_cast<size_t>(std::min<uint64_t>(
          {pending_literal_, kCapacity - filled_, available.size()}));
      std::memcpy(buffer_.get() + filled_, available.data(), k);
      in_.Advance(k);
      Wrote(k);
      pending_literal_ -= k;
    }
    while (pending_copy_ > 0 && filled_ < kCapacity) {
      size_t k = static_cast<size_t>(
          std::min<uint64_t>(pending_copy_, kCapacity - filled_));
      uint8_t* to = buffer_.get() + filled_;
      const uint8_t* from = to - copy_offset_;
      if (copy_offset_ >= k) {
        std::memcpy(to, from, k);
      } else {
        for (size_t i = 0; i < k; ++i) to[i] = from[i];  // overlapping
      }
      Wrote(k);
      pending_copy_ -= k;
    }
    *room = filled_ < kCapacity;
    return Status::Ok();
  }

  // Starts a copy of `length` bytes from `offset` back; `floor` is the
  // output position the copy may not reach before (a Hadoop block's start).
  Status StartCopy(uint64_t offset, uint64_t length, uint64_t floor = 0) {
    if (offset == 0 || offset > total_ - floor) {
      return Status::Corrupt(fmt::format(
          "{} copy offset {} reaches before the start of the data at "
          "decompressed byte {}",
          codec(), offset, total_));
    }
    if (length > kMaxElement) return Truncated();
    if (offset > filled_) return FarCopy(offset);
    pending_copy_ = length;
    copy_offset_ = static_cast<size_t>(offset);
    return Status::Ok();
  }

  void StartLiteral(uint64_t length) { pending_literal_ = length; }

  // The fast path for short elements: room for `length` more bytes.
  bool HasRoom(size_t length) const { return kCapacity - filled_ >= length; }
  // `readable`: bytes readable at `from` (a short literal is moved as 16).
  void QuickLiteral(const uint8_t* from, size_t length, size_t readable) {
    if (length <= 16 && readable >= 16) {
      std::memcpy(buffer_.get() + filled_, from, 16);
    } else {
      std::memcpy(buffer_.get() + filled_, from, length);
    }
    Wrote(length);
  }
  // False when the copy needs the checks and window handling of StartCopy.
  bool QuickCopy(uint64_t offset, size_t length) {
    if (offset == 0 || offset > filled_ || !HasRoom(length)) return false;
    uint8_t* to = buffer_.get() + filled_;
    const uint8_t* from = to - offset;
    if (length <= 16 && offset >= 8) {
      // Two 8-byte moves, the second after the first: right also when the
      // source overlaps the first 8 bytes written.
      std::memcpy(to, from, 8);
      std::memcpy(to + 8, from + 8, 8);
    } else if (offset >= length) {
      std::memcpy(to, from, length);
    } else {
      for (size_t i = 0; i < length; ++i) to[i] = from[i];
    }
    Wrote(length);
    return true;
  }

  // Serves the rest of the output from `whole`, the entire page.
  void UseWhole(std::unique_ptr<Buffer> whole) {
    whole_ = std::move(whole);
    pending_literal_ = pending_copy_ = 0;
  }

  std::unique_ptr<PieceSource> input_;
  Cursor in_;
  uint64_t total_ = 0;  // bytes decoded
  bool finished_ = false;

 private:
  void Wrote(size_t k) {
    filled_ += k;
    total_ += k;
  }

  std::unique_ptr<uint8_t[]> buffer_;
  size_t filled_ = 0;   // bytes of the buffer decoded
  size_t emitted_ = 0;  // of those, handed out
  uint64_t handed_ = 0;
  uint64_t pending_literal_ = 0;
  uint64_t pending_copy_ = 0;
  size_t copy_offset_ = 0;
  std::unique_ptr<Buffer> whole_;
};

// Snappy: a varint length preamble, then literals and copies with 1-, 2- or
// 4-byte offsets.
class SnappyStream : public BlockStream {
 public:
  SnappyStream(std::unique_ptr<PieceSource> input, uint64_t size)
      : BlockStream("snappy", std::move(input), size) {}

 protected:
  Status Decode() override {
    if (!preamble_read_) RETURN_IF_ERROR(ReadPreamble());
    while (true) {
      bool room = false;
      RETURN_IF_ERROR(Drain(&room));
      if (!room || whole_used_) return Status::Ok();
      RETURN_IF_ERROR(DecodeQuick());
      uint8_t tag = 0;
      size_t got = 0;
      RETURN_IF_ERROR(in_.Read(&tag, 1, &got));
      if (got == 0) {
        finished_ = true;
        return Status::Ok();
      }
      uint8_t extra[4];
      size_t need = 0;
      uint64_t length = 0;
      switch (tag & 3) {
        case 0:
          length = tag >> 2;
          need = length >= 60 ? length - 59 : 0;
          break;
        case 1:
          need = 1;
          length = ((tag >> 2) & 7) + 4;
          break;
        case 2:
          need = 2;
          length = (tag >> 2) + 1;
          break;
        default:
          need = 4;
          length = (tag >> 2) + 1;
          break;
      }
      RETURN_IF_ERROR(in_.Read(extra, need, &got));
      if (got < need) return Truncated();
      if ((tag & 3) == 0) {
        if (need > 0) length = LoadLittleEndian(extra, need);
        StartLiteral(length + 1);
        continue;
      }
      uint64_t offset = (tag & 3) == 1 ? ((uint64_t{tag} >> 5) << 8) | extra[0]
                                       : LoadLittleEndian(extra, need);
      RETURN_IF_ERROR(StartCopy(offset, length));
    }
  }

  // Decodes the elements lying whole in the current piece that fit the
  // buffer without a slide; stops before any other (the general path then
  // takes it).
  Status DecodeQuick() {
    ByteSpan piece;
    RETURN_IF_ERROR(in_.Peek(&piece));
    const uint8_t* p = piece.data();
    const uint8_t* end = p + piece.size();
    while (end - p >= 5) {
      uint8_t tag = p[0];
      uint64_t offset = 0;
      size_t length = 0;
      size_t used = 0;
      switch (tag & 3) {
        case 0:
          length = (tag >> 2) + 1;
          if (length > 60 || end - p < static_cast<ptrdiff_t>(1 + length) ||
              !HasRoom(length)) {
            in_.Advance(static_cast<size_t>(p - piece.data()));
            return Status::Ok();
          }
          QuickLiteral(p + 1, length, static_cast<size_t>(end - p - 1));
          p += 1 + length;
          continue;
        case 1:
          length = ((tag >> 2) & 7) + 4;
          offset = ((uint64_t{tag} >> 5) << 8) | p[1];
          used = 2;
          break;
        case 2:
          length = (tag >> 2) + 1;
          offset = LoadLittleEndian(p + 1, 2);
          used = 3;
          break;
        default:
          length = (tag >> 2) + 1;
          offset = LoadLittleEndian(p + 1, 4);
          used = 5;
          break;
      }
      if (!QuickCopy(offset, length)) break;
      p += used;
    }
    in_.Advance(static_cast<size_t>(p - piece.data()));
    return Status::Ok();
  }

  // The page is decoded again, whole, from its first byte.
  Status FarCopy(uint64_t offset) override {
    if (size() > kSnappyWholePageCap || input_->size() > kSnappyWholePageCap) {
      return Status::Unsupported(fmt::format(
          "snappy page copies from {} bytes back, past the {} KiB window, and "
          "its {} bytes are above the {} MiB cap for decoding it whole",
          offset, kBlockHistory >> 10, size(), kSnappyWholePageCap >> 20));
    }
    Buffer compressed(static_cast<size_t>(input_->size()));
    input_->Rewind();
    size_t pos = 0;
    while (true) {
      ByteSpan piece;
      RETURN_IF_ERROR(input_->Next(&piece));
      if (piece.empty()) break;
      if (piece.size() > compressed.size() - pos) {
        return Status::Internal("snappy input longer than its size");
      }
      std::memcpy(compressed.data() + pos, piece.data(), piece.size());
      pos += piece.size();
    }
    auto whole = std::make_unique<Buffer>(static_cast<size_t>(size()));
    RETURN_IF_ERROR(
        Decompress(CompressionCodec::SNAPPY, compressed.span().first(pos),
                   std::span<uint8_t>(whole->data(), whole->size())));
    UseWhole(std::move(whole));
    whole_used_ = true;
    return Status::Ok();
  }

 private:
  Status ReadPreamble() {
    preamble_read_ = true;
    uint64_t length = 0;
    for (int shift = 0;; shift += 7) {
      uint8_t byte = 0;
      size_t got = 0;
      RETURN_IF_ERROR(in_.Read(&byte, 1, &got));
      if (got == 0 || shift > 28) {
        return Status::Corrupt("snappy data has a malformed length preamble");
      }
      length |= uint64_t{byte & 0x7fu} << shift;
      if (!(byte & 0x80)) break;
    }
    if (length != size()) {
      return Status::Corrupt(
          fmt::format("snappy data decompresses to {} bytes, page header says "
                      "{}",
                      length, size()));
    }
    return Status::Ok();
  }

  bool preamble_read_ = false;
  bool whole_used_ = false;
};

// An LZ4 block: sequences of a token (literal and match length nibbles),
// literal length bytes, literals, and but for the last one a 2-byte offset
// and match length bytes.
class Lz4Stream : public BlockStream {
 public:
  Lz4Stream(std::unique_ptr<PieceSource> input, uint64_t size, bool hadoop)
      : BlockStream(hadoop ? "lz4" : "lz4_raw", std::move(input), size) {}

  // Hadoop framing is used when the page parses as frames whose lengths add
  // up to the page's sizes; otherwise the page is one bare block.
  Status Init(bool hadoop) {
    if (!hadoop) return Status::Ok();
    uint64_t uncompressed = 0;
    bool frames = false;
    while (true) {
      uint8_t header[8];
      size_t got = 0;
      RETURN_IF_ERROR(in_.Read(header, 8, &got));
      if (got == 0) break;
      frames = got == 8;
      if (!frames) break;
      uint32_t compressed = LoadBigEndian32(header + 4);
      uncompressed += LoadBigEndian32(header);
      RETURN_IF_ERROR(in_.Read(nullptr, compressed, &got));
      if (got < compressed || uncompressed > size()) {
        frames = false;
        break;
      }
    }
    framed_ = frames && uncompressed == size();
    in_.Rewind();
    if (framed_) in_.set_limit(0);  // the first frame header comes first
    return Status::Ok();
  }

 protected:
  Status Decode() override {
    while (true) {
      bool room = false;
      RETURN_IF_ERROR(Drain(&room));
      if (!room) return Status::Ok();
      if (!after_literals_) {
        if (framed_ && in_.limit() == 0) {
          RETURN_IF_ERROR(EndFrame());
          if (finished_) return Status::Ok();
          continue;
        }
        uint8_t token = 0;
        size_t got = 0;
        RETURN_IF_ERROR(in_.Read(&token, 1, &got));
        if (got == 0) {
          if (framed_) return Truncated();
          finished_ = true;
          return Status::Ok();
        }
        uint64_t literal = token >> 4;
        if (literal == 15) RETURN_IF_ERROR(ReadLength(&literal));
        StartLiteral(literal);
        match_nibble_ = token & 15;
        after_literals_ = true;
        continue;
      }
      after_literals_ = false;
      uint8_t bytes[2];
      size_t got = 0;
      RETURN_IF_ERROR(in_.Read(bytes, 2, &got));
      if (got == 0) {
        // The block's last sequence has literals only.
        if (framed_ && in_.limit() != 0) return Truncated();
        if (!framed_) {
          finished_ = true;
          return Status::Ok();
        }
        continue;
      }
      if (got < 2) return Truncated();
      uint64_t length = match_nibble_;
      if (length == 15) RETURN_IF_ERROR(ReadLength(&length));
      RETURN_IF_ERROR(StartCopy(LoadLittleEndian(bytes, 2), length + 4,
                                framed_ ? block_start_ : 0));
    }
  }

 private:
  // Adds length bytes (each 255 continues) to *length.
  Status ReadLength(uint64_t* length) {
    while (true) {
      uint8_t byte = 0;
      size_t got = 0;
      RETURN_IF_ERROR(in_.Read(&byte, 1, &got));
      if (got == 0 || *length > kMaxElement) return Truncated();
      *length += byte;
      if (byte != 255) return Status::Ok();
    }
  }

  // Checks the finished block against its frame header and reads the next
  // header, or sets finished_.
  Status EndFrame() {
    if (total_ - block_start_ != block_size_) {
      return Status::Corrupt(
          fmt::format("lz4 frame decompresses to {} bytes, its header says {}",
                      total_ - block_start_, block_size_));
    }
    in_.set_limit(UINT64_MAX);
    uint8_t header[8];
    size_t got = 0;
    RETURN_IF_ERROR(in_.Read(header, 8, &got));
    if (got == 0) {
      finished_ = true;
      return Status::Ok();
    }
    if (got < 8) return Truncated();
    block_size_ = LoadBigEndian32(header);
    block_start_ = total_;
    in_.set_limit(LoadBigEndian32(header + 4));
    return Status::Ok();
  }

  bool framed_ = false;
  bool after_literals_ = false;
  uint64_t match_nibble_ = 0;
  uint64_t block_start_ = 0;
  uint64_t block_size_ = 0;
};

}  // namespace

Result<std::unique_ptr<StreamDecompressor>> MakeSnappyStream(
    std::unique_ptr<PieceSource> input, uint64_t size) {
  return std::unique_ptr<StreamDecompressor>(
      new SnappyStream(std::move(input), size));
}

Result<std::unique_ptr<StreamDecompressor>> MakeLz4Stream(
    std::unique_ptr<PieceSource> input, uint64_t size, bool hadoop) {
  auto stream = std::make_unique<Lz4Stream>(std::move(input), size, hadoop);
  RETURN_IF_ERROR(stream->Init(hadoop));
  return std::unique_ptr<StreamDecompressor>(std::move(stream));
}

}  // namespace jao::parquet
