// Decompress: round trips through each codec library's own compressor, the
// Hadoop LZ4 frame built by hand, and the size and damage checks with their
// messages.
#include "parquet/compression.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "parquet/codec_support.h"

namespace jao::parquet {
namespace {

// Decompresses into a buffer of `size` bytes; returns it, or the error
// message prefixed with "error: ".
std::string DecompressTo(CompressionCodec codec, const Bytes& input,
                         size_t size) {
  Bytes out(size);
  Status status = Decompress(codec, input, out);
  if (!status.ok()) return "error: " + status.message();
  return std::string(out.begin(), out.end());
}

TEST(Compress, UncompressedCopiesInput) {
  EXPECT_EQ(DecompressTo(CompressionCodec::UNCOMPRESSED, Sample(), 100),
            Text(Sample()));
}

TEST(Compress, UncompressedRejectsSizeMismatch) {
  EXPECT_EQ(DecompressTo(CompressionCodec::UNCOMPRESSED, Sample(), 120),
            "error: uncompressed data is 100 bytes, page header says 120");
}

TEST(Compress, SnappyRoundTrips) {
  EXPECT_EQ(
      DecompressTo(CompressionCodec::SNAPPY, SnappyCompress(Sample()), 100),
      Text(Sample()));
}

TEST(Compress, SnappyRejectsPageSizeOtherThanItsPreamble) {
  EXPECT_EQ(
      DecompressTo(CompressionCodec::SNAPPY, SnappyCompress(Sample()), 120),
      "error: snappy data decompresses to 100 bytes, page header says 120");
}

TEST(Compress, SnappyRejectsTruncatedBody) {
  Bytes data = SnappyCompress(Sample());
  data.resize(data.size() - 3);
  EXPECT_EQ(DecompressTo(CompressionCodec::SNAPPY, data, 100),
            "error: snappy data is corrupt");
}

TEST(Compress, SnappyRejectsMalformedPreamble) {
  EXPECT_EQ(
      DecompressTo(CompressionCodec::SNAPPY, Bytes{0xFF, 0xFF, 0xFF}, 100),
      "error: snappy data has a malformed length preamble");
}

TEST(Compress, GzipRoundTrips) {
  EXPECT_EQ(DecompressTo(CompressionCodec::GZIP, GzipCompress(Sample()), 100),
            Text(Sample()));
}

TEST(Compress, GzipReadsConcatenatedMembers) {
  Bytes first = Sample(60);
  Bytes second = Sample(40);
  Bytes data = Concat(GzipCompress(first), GzipCompress(second));
  EXPECT_EQ(DecompressTo(CompressionCodec::GZIP, data, 100),
            Text(first) + Text(second));
}

TEST(Compress, GzipRejectsOutputLargerThanPageHeader) {
  EXPECT_EQ(DecompressTo(CompressionCodec::GZIP, GzipCompress(Sample()), 50),
            "error: gzip data decompresses to more than 50 bytes, page header "
            "says 50");
}

TEST(Compress, GzipRejectsOutputSmallerThanPageHeader) {
  EXPECT_EQ(DecompressTo(CompressionCodec::GZIP, GzipCompress(Sample()), 120),
            "error: gzip data decompresses to 100 bytes, page header says 120");
}

TEST(Compress, GzipRejectsMissingTrailer) {
  Bytes data = GzipCompress(Sample());
  data.resize(data.size() - 8);  // CRC32 and ISIZE
  EXPECT_EQ(DecompressTo(CompressionCodec::GZIP, data, 100),
            "error: gzip data is truncated after 100 decompressed bytes");
}

TEST(Compress, GzipRejectsDataWithoutHeader) {
  EXPECT_EQ(DecompressTo(CompressionCodec::GZIP, Bytes{1, 2, 3, 4, 5, 6}, 100),
            "error: gzip data is corrupt: incorrect header check");
}

TEST(Compress, ZstdRoundTrips) {
  EXPECT_EQ(DecompressTo(CompressionCodec::ZSTD, ZstdCompress(Sample()), 100),
            Text(Sample()));
}

TEST(Compress, ZstdReadsSeveralFrames) {
  Bytes data = Concat(ZstdCompress(Sample(30)), ZstdCompress(Sample(70)));
  EXPECT_EQ(DecompressTo(CompressionCodec::ZSTD, data, 100),
            Text(Sample(30)) + Text(Sample(70)));
}

TEST(Compress, ZstdRejectsPageSizeOtherThanFrameContentSize) {
  EXPECT_EQ(DecompressTo(CompressionCodec::ZSTD, ZstdCompress(Sample()), 120),
            "error: zstd data decompresses to 100 bytes, page header says 120");
}

TEST(Compress, ZstdRejectsLargerOutputWhenFrameSizeUnknown) {
  EXPECT_EQ(
      DecompressTo(CompressionCodec::ZSTD, ZstdCompress(Sample(), false), 50),
      "error: zstd data decompresses to more than 50 bytes, page header "
      "says 50");
}

TEST(Compress, ZstdRejectsSmallerOutputWhenFrameSizeUnknown) {
  EXPECT_EQ(
      DecompressTo(CompressionCodec::ZSTD, ZstdCompress(Sample(), false), 120),
      "error: zstd data decompresses to 100 bytes, page header says 120");
}

TEST(Compress, ZstdRejectsDataWithoutMagic) {
  EXPECT_EQ(DecompressTo(CompressionCodec::ZSTD, Bytes{1, 2, 3, 4, 5, 6}, 100),
            "error: zstd frame at byte 0 is corrupt: Unknown frame descriptor");
}

TEST(Compress, BrotliRoundTrips) {
  EXPECT_EQ(
      DecompressTo(CompressionCodec::BROTLI, BrotliCompress(Sample()), 100),
      Text(Sample()));
}

TEST(Compress, BrotliRejectsOutputLargerThanPageHeader) {
  EXPECT_EQ(
      DecompressTo(CompressionCodec::BROTLI, BrotliCompress(Sample()), 50),
      "error: brotli data decompresses to more than 50 bytes, page "
      "header says 50");
}

TEST(Compress, BrotliRejectsOutputSmallerThanPageHeader) {
  EXPECT_EQ(
      DecompressTo(CompressionCodec::BROTLI, BrotliCompress(Sample()), 120),
      "error: brotli data decompresses to 100 bytes, page header says "
      "120");
}

TEST(Compress, BrotliRejectsTruncatedStream) {
  Bytes data = BrotliCompress(Sample());
  data.resize(1);  // the stream header's first byte only
  EXPECT_EQ(DecompressTo(CompressionCodec::BROTLI, data, 100),
            "error: brotli data is truncated after 0 decompressed bytes");
}

TEST(Compress, Lz4RawRoundTrips) {
  EXPECT_EQ(DecompressTo(CompressionCodec::LZ4_RAW, Lz4Compress(Sample()), 100),
            Text(Sample()));
}

TEST(Compress, Lz4RawRejectsOutputSmallerThanPageHeader) {
  EXPECT_EQ(DecompressTo(CompressionCodec::LZ4_RAW, Lz4Compress(Sample()), 120),
            "error: lz4_raw data decompresses to 100 bytes, page header says "
            "120");
}

TEST(Compress, Lz4RawRejectsOutputLargerThanPageHeader) {
  EXPECT_EQ(DecompressTo(CompressionCodec::LZ4_RAW, Lz4Compress(Sample()), 50),
            "error: lz4_raw data is corrupt or decompresses to more than 50 "
            "bytes");
}

TEST(Compress, HadoopLz4ReadsOneFrame) {
  EXPECT_EQ(DecompressTo(CompressionCodec::LZ4, HadoopFrame(Sample()), 100),
            Text(Sample()));
}

TEST(Compress, HadoopLz4ReadsSeveralFrames) {
  Bytes data = Concat(HadoopFrame(Sample(64)), HadoopFrame(Sample(36)));
  EXPECT_EQ(DecompressTo(CompressionCodec::LZ4, data, 100),
            Text(Sample(64)) + Text(Sample(36)));
}

TEST(Compress, Lz4FallsBackToRawBlockWithoutHadoopFrame) {
  EXPECT_EQ(DecompressTo(CompressionCodec::LZ4, Lz4Compress(Sample()), 100),
            Text(Sample()));
}

TEST(Compress, Lz4RejectsDataThatIsNeitherFramedNorRaw) {
  Bytes data = HadoopFrame(Sample());
  data.resize(data.size() - 5);
  EXPECT_EQ(
      DecompressTo(CompressionCodec::LZ4, data, 100),
      "error: lz4 data is neither hadoop-framed nor a raw lz4 block of at "
      "most 100 bytes");
}

TEST(Compress, EmptyInputIsEmptyOutputForEveryCodec) {
  // Regression: an empty v2 values section under SNAPPY was rejected as a
  // malformed snappy preamble (datapage_v2_empty_datapage.snappy.parquet).
  for (CompressionCodec codec :
       {CompressionCodec::SNAPPY, CompressionCodec::GZIP,
        CompressionCodec::ZSTD, CompressionCodec::BROTLI, CompressionCodec::LZ4,
        CompressionCodec::LZ4_RAW}) {
    SCOPED_TRACE(static_cast<int>(codec));
    EXPECT_EQ(DecompressTo(codec, Bytes{}, 0), "");
  }
}

TEST(Compress, EmptyInputDoesNotSatisfyANonEmptyPage) {
  EXPECT_EQ(DecompressTo(CompressionCodec::SNAPPY, Bytes{}, 4),
            "error: snappy data has a malformed length preamble");
}

TEST(Compress, LzoIsRefusedAsUnsupported) {
  Bytes out(10);
  Status status = Decompress(CompressionCodec::LZO, Sample(), out);
  EXPECT_EQ(status.code(), StatusCode::kUnsupported);
  EXPECT_EQ(status.message(), "codec LZO is not supported");
}

TEST(Compress, UnknownCodecIsRefusedAsUnsupported) {
  Bytes out(10);
  Status status = Decompress(static_cast<CompressionCodec>(42), Sample(), out);
  EXPECT_EQ(status.code(), StatusCode::kUnsupported);
  EXPECT_EQ(status.message(), "codec 42 is not supported");
}

}  // namespace
}  // namespace jao::parquet
