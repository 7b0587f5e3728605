// Streaming decompressors: every codec compressed by its own library and
// decoded from input pieces of 1 byte up to the whole page, read out in
// pieces of 1 byte up to more than the block window; sizes, damage, and the
// Snappy block whose copy reaches past the window, built by hand.
#include "parquet/stream_decompressor.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "parquet/codec_support.h"

namespace jao::parquet {
namespace {

// About 400 KiB of words with repeats at distances up to and past 64 KiB,
// so that the block decoders' window slides several times mid-copy.
Bytes LongSample(size_t size = 400 << 10) {
  static const char* kWords[] = {
      "vacancy ", "salary ", "grade ", "[b]role[/b] ",
      "london ",  "policy ", "x",      "\n"};
  Bytes out;
  uint32_t state = 12345;
  while (out.size() < size) {
    state = state * 1103515245u + 12345u;
    if ((state >> 28) == 0 && out.size() > 70000) {
      // Repeat a stretch from just under or over 64 KiB back.
      size_t back = 60000 + (state >> 8) % 10000;
      for (size_t i = 0; i < 300; ++i) out.push_back(out[out.size() - back]);
      continue;
    }
    const char* word = kWords[(state >> 16) % 8];
    out.insert(out.end(), word, word + std::strlen(word));
    out.push_back(static_cast<uint8_t>('a' + (state >> 24) % 26));
  }
  out.resize(size);
  return out;
}

Bytes HadoopFrames(const Bytes& raw, size_t frame) {
  Bytes out;
  for (size_t at = 0; at < raw.size(); at += frame) {
    size_t n = std::min(frame, raw.size() - at);
    out = Concat(std::move(out),
                 HadoopFrame(Bytes(raw.begin() + at, raw.begin() + at + n)));
  }
  return out;
}

// Streams `input` in pieces of `piece` bytes, reading `read` bytes a call;
// returns the output, or "error: " and the message.
std::string Stream(CompressionCodec codec, const Bytes& input, uint64_t size,
                   size_t piece, size_t read) {
  auto made = MakeStreamDecompressor(
      codec, std::make_unique<SpanPieces>(input, piece), size);
  if (!made.ok()) return "error: " + made.status().message();
  std::unique_ptr<StreamDecompressor> stream = std::move(made).value();
  std::string out;
  Bytes chunk(read);
  while (true) {
    size_t produced = 0;
    Status status = stream->Read(chunk, &produced);
    if (!status.ok()) return "error: " + status.message();
    out.append(chunk.begin(), chunk.begin() + produced);
    if (produced < read) return out;
  }
}

struct Case {
  const char* name;
  CompressionCodec codec;
  Bytes (*compress)(const Bytes&);
};

Bytes Identity(const Bytes& in) { return in; }
Bytes Zstd(const Bytes& in) { return ZstdCompress(in); }
Bytes ZstdTwoFrames(const Bytes& in) {
  size_t half = in.size() / 2;
  return Concat(ZstdCompress(Bytes(in.begin(), in.begin() + half)),
                ZstdCompress(Bytes(in.begin() + half, in.end()), false));
}
Bytes GzipTwoMembers(const Bytes& in) {
  size_t half = in.size() / 3;
  return Concat(GzipCompress(Bytes(in.begin(), in.begin() + half)),
                GzipCompress(Bytes(in.begin() + half, in.end())));
}
Bytes Hadoop64K(const Bytes& in) { return HadoopFrames(in, 64 << 10); }

const Case kCases[] = {
    {"uncompressed", CompressionCodec::UNCOMPRESSED, Identity},
    {"snappy", CompressionCodec::SNAPPY, SnappyCompress},
    {"gzip", CompressionCodec::GZIP, GzipCompress},
    {"gzip members", CompressionCodec::GZIP, GzipTwoMembers},
    {"zstd", CompressionCodec::ZSTD, Zstd},
    {"zstd frames", CompressionCodec::ZSTD, ZstdTwoFrames},
    {"brotli", CompressionCodec::BROTLI, BrotliCompress},
    {"lz4_raw", CompressionCodec::LZ4_RAW, Lz4Compress},
    {"hadoop lz4", CompressionCodec::LZ4, Hadoop64K},
    {"bare lz4 block", CompressionCodec::LZ4, Lz4Compress},
};

TEST(StreamDecompressor, EveryCodecAcrossPiecesAndWindowEdges) {
  const Bytes raw = LongSample();
  const std::string expected = Text(raw);
  for (const Case& c : kCases) {
    Bytes input = c.compress(raw);
    for (size_t piece : {size_t{1}, size_t{4096}, input.size()}) {
      for (size_t read : {size_t{1000}, size_t{300000}}) {
        std::string out = Stream(c.codec, input, raw.size(), piece, read);
        ASSERT_EQ(out.size(), expected.size())
            << c.name << " piece " << piece << " read " << read << ": "
            << out.substr(0, 200);
        ASSERT_TRUE(out == expected)
            << c.name << " piece " << piece << " read " << read;
      }
    }
  }
}

TEST(StreamDecompressor, ReadsOneByteAtATime) {
  const Bytes raw = LongSample(100 << 10);
  for (const Case& c : kCases) {
    Bytes input = c.compress(raw);
    EXPECT_TRUE(Stream(c.codec, input, raw.size(), 3, 1) == Text(raw))
        << c.name;
  }
}

TEST(StreamDecompressor, RejectsOutputLargerOrSmallerThanThePage) {
  const Bytes raw = Sample();
  for (const Case& c : kCases) {
    Bytes input = c.compress(raw);
    std::string larger = Stream(c.codec, input, 120, 5, 64);
    std::string smaller = Stream(c.codec, input, 50, 5, 64);
    EXPECT_EQ(larger.rfind("error: ", 0), 0u) << c.name;
    EXPECT_EQ(smaller.rfind("error: ", 0), 0u) << c.name;
    // Hadoop framing that does not add up to the page is read as a bare
    // block, which then fails to parse.
    if (c.codec == CompressionCodec::LZ4) continue;
    EXPECT_NE(larger.find("100 bytes, page header says 120"), std::string::npos)
        << c.name << ": " << larger;
    EXPECT_NE(smaller.find("page header says 50"), std::string::npos)
        << c.name << ": " << smaller;
  }
}

TEST(StreamDecompressor, RejectsTruncatedData) {
  const Bytes raw = LongSample(100 << 10);
  for (const Case& c : kCases) {
    if (c.codec == CompressionCodec::UNCOMPRESSED) continue;
    Bytes input = c.compress(raw);
    input.resize(input.size() - 10);
    std::string out = Stream(c.codec, input, raw.size(), 1000, 4096);
    EXPECT_EQ(out.rfind("error: ", 0), 0u) << c.name << ": " << out.size();
  }
}

TEST(StreamDecompressor, AnEmptyPageIsEmptyForEveryCodecButLzo) {
  for (const Case& c : kCases) {
    EXPECT_EQ(Stream(c.codec, Bytes(), 0, 1, 16), "") << c.name;
  }
  EXPECT_EQ(Stream(CompressionCodec::LZO, Bytes(), 0, 1, 16),
            "error: codec LZO is not supported");
}

// A Snappy block whose copy reaches 390,000 bytes back, past any window the
// stream keeps: a literal of 400,000 bytes, then a 64-byte copy with a
// 4-byte offset (tag 0b11).
Bytes FarCopySnappy(Bytes* expected) {
  Bytes literal = LongSample(400000);
  Bytes out;
  uint64_t total = literal.size() + 64;
  uint64_t v = total;
  for (; v >= 0x80; v >>= 7) out.push_back(static_cast<uint8_t>(v | 0x80));
  out.push_back(static_cast<uint8_t>(v));
  // Literal: tag 62 << 2 announces 3 length bytes holding length - 1.
  out.push_back(62 << 2);
  uint32_t n = static_cast<uint32_t>(literal.size() - 1);
  for (int i = 0; i < 3; ++i) out.push_back(static_cast<uint8_t>(n >> (8 * i)));
  out.insert(out.end(), literal.begin(), literal.end());
  out.push_back(static_cast<uint8_t>((63 << 2) | 3));
  uint32_t offset = 390000;
  for (int i = 0; i < 4; ++i) {
    out.push_back(static_cast<uint8_t>(offset >> (8 * i)));
  }
  *expected = literal;
  expected->insert(expected->end(), literal.begin() + 10000,
                   literal.begin() + 10064);
  return out;
}

TEST(StreamDecompressor, SnappyCopyPastTheWindowDecodesThePageWhole) {
  Bytes expected;
  Bytes block = FarCopySnappy(&expected);
  // The library agrees that the block is valid and what it holds.
  std::string reference;
  ASSERT_TRUE(snappy::Uncompress(reinterpret_cast<const char*>(block.data()),
                                 block.size(), &reference));
  ASSERT_TRUE(reference == Text(expected));
  for (size_t piece : {size_t{1}, size_t{100000}, block.size()}) {
    std::string out =
        Stream(CompressionCodec::SNAPPY, block, expected.size(), piece, 50000);
    EXPECT_EQ(out.size(), expected.size()) << out.substr(0, 200);
    EXPECT_TRUE(out == Text(expected)) << "piece " << piece;
  }
}

// Short copies are moved 8 or 16 bytes at a time: every offset from 1 to 20
// with every length from 1 to 16, overlapping ones included, after a
// 20-byte literal, each after a 1-byte literal. The expected bytes follow the
// format's definition, a copy made byte by byte; the library must agree.
TEST(StreamDecompressor, SnappyShortCopiesAtEveryOffsetAndLength) {
  Bytes expected;
  for (int i = 0; i < 20; ++i)
    expected.push_back(static_cast<uint8_t>('A' + i));
  Bytes elements = {static_cast<uint8_t>(19 << 2)};  // literal of 20 bytes
  elements.insert(elements.end(), expected.begin(), expected.end());
  for (uint32_t offset = 1; offset <= 20; ++offset) {
    for (uint32_t length = 1; length <= 16; ++length) {
      // A 1-byte literal first, so that no copy repeats its predecessor's
      // pattern (bytes written past an element's end must not matter).
      const auto fresh =
          static_cast<uint8_t>('a' + (offset * 16 + length) % 26);
      elements.push_back(0);
      elements.push_back(fresh);
      expected.push_back(fresh);
      // Copy with a 2-byte offset: tag (length - 1) << 2 | 0b10.
      elements.push_back(static_cast<uint8_t>(((length - 1) << 2) | 2));
      elements.push_back(static_cast<uint8_t>(offset));
      elements.push_back(0);
      for (uint32_t i = 0; i < length; ++i)
        expected.push_back(expected[expected.size() - offset]);
    }
  }
  Bytes block;
  uint64_t v = expected.size();
  for (; v >= 0x80; v >>= 7) block.push_back(static_cast<uint8_t>(v | 0x80));
  block.push_back(static_cast<uint8_t>(v));
  block = Concat(std::move(block), elements);
  std::string reference;
  ASSERT_TRUE(snappy::Uncompress(reinterpret_cast<const char*>(block.data()),
                                 block.size(), &reference));
  ASSERT_TRUE(reference == Text(expected));
  // The whole block first: its buffer is fresh memory, not one that a
  // previous decode left holding the right bytes.
  for (size_t piece : {block.size(), size_t{7}, size_t{1}}) {
    EXPECT_TRUE(Stream(CompressionCodec::SNAPPY, block, expected.size(), piece,
                       1000) == Text(expected))
        << "piece " << piece;
  }
}

TEST(StreamDecompressor, SnappyRejectsACopyBeforeTheStart) {
  // Preamble 6, literal "ab", copy 1-byte offset 9 length 4 (tag 0b01).
  Bytes block = {6, 1 << 2, 'a', 'b', 0x01, 9};
  EXPECT_EQ(Stream(CompressionCodec::SNAPPY, block, 6, 2, 16),
            "error: snappy copy offset 9 reaches before the start of the data "
            "at decompressed byte 2");
}

TEST(StreamDecompressor, HadoopLz4RejectsAFrameShorterThanItsHeader) {
  Bytes raw = Sample();
  Bytes frame = HadoopFrame(raw);
  frame[3] = 101;  // header says 101 bytes, the block holds 100
  Bytes second = HadoopFrame(Bytes(raw.begin(), raw.begin() + 1));
  Bytes input = Concat(frame, second);
  // The frame lengths add up to the 102-byte page, so the framing is taken;
  // then the first block is a byte short of its header.
  EXPECT_EQ(Stream(CompressionCodec::LZ4, input, 102, 16, 64),
            "error: lz4 frame decompresses to 100 bytes, its header says 101");
}

}  // namespace
}  // namespace jao::parquet
