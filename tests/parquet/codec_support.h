// Compressors for the codec tests: each library's own, plus the Hadoop LZ4
// frame built by hand.
#pragma once

#include <brotli/encode.h>
#include <gtest/gtest.h>
#include <lz4.h>
#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace jao::parquet {

using Bytes = std::vector<uint8_t>;

// 100 bytes that compress well but not to nothing.
inline Bytes Sample(size_t size = 100) {
  Bytes out(size);
  for (size_t i = 0; i < size; ++i)
    out[i] = static_cast<uint8_t>("parquet"[i % 7] + i / 20);
  return out;
}

inline Bytes SnappyCompress(const Bytes& in) {
  std::string out;
  snappy::Compress(reinterpret_cast<const char*>(in.data()), in.size(), &out);
  return Bytes(out.begin(), out.end());
}

inline Bytes GzipCompress(const Bytes& in) {
  z_stream s;
  std::memset(&s, 0, sizeof(s));
  EXPECT_EQ(deflateInit2(&s, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY),
            Z_OK);
  Bytes out(deflateBound(&s, in.size()) + 32);
  s.next_in = const_cast<Bytef*>(in.data());
  s.avail_in = static_cast<uInt>(in.size());
  s.next_out = out.data();
  s.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&s, Z_FINISH), Z_STREAM_END);
  out.resize(s.total_out);
  deflateEnd(&s);
  return out;
}

inline Bytes ZstdCompress(const Bytes& in, bool declare_size = true) {
  ZSTD_CCtx* ctx = ZSTD_createCCtx();
  ZSTD_CCtx_setParameter(ctx, ZSTD_c_contentSizeFlag, declare_size ? 1 : 0);
  Bytes out(ZSTD_compressBound(in.size()));
  size_t n = declare_size ? ZSTD_compress2(ctx, out.data(), out.size(),
                                           in.data(), in.size())
                          : 0;
  if (!declare_size) {
    // A streamed frame with no pledged size leaves the content size unknown.
    ZSTD_inBuffer input{in.data(), in.size(), 0};
    ZSTD_outBuffer output{out.data(), out.size(), 0};
    EXPECT_EQ(ZSTD_compressStream2(ctx, &output, &input, ZSTD_e_end), 0u);
    n = output.pos;
  }
  EXPECT_FALSE(ZSTD_isError(n));
  ZSTD_freeCCtx(ctx);
  out.resize(n);
  return out;
}

inline Bytes BrotliCompress(const Bytes& in) {
  size_t size = BrotliEncoderMaxCompressedSize(in.size());
  Bytes out(size);
  EXPECT_TRUE(BrotliEncoderCompress(BROTLI_DEFAULT_QUALITY,
                                    BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC,
                                    in.size(), in.data(), &size, out.data()));
  out.resize(size);
  return out;
}

inline Bytes Lz4Compress(const Bytes& in) {
  Bytes out(
      static_cast<size_t>(LZ4_compressBound(static_cast<int>(in.size()))));
  int n = LZ4_compress_default(reinterpret_cast<const char*>(in.data()),
                               reinterpret_cast<char*>(out.data()),
                               static_cast<int>(in.size()),
                               static_cast<int>(out.size()));
  EXPECT_GT(n, 0);
  out.resize(static_cast<size_t>(n));
  return out;
}

inline void AppendBigEndian32(Bytes* out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    out->push_back(static_cast<uint8_t>(v >> shift));
  }
}

// One Hadoop frame: [uncompressed length][compressed length] big-endian, block.
inline Bytes HadoopFrame(const Bytes& raw) {
  Bytes block = Lz4Compress(raw);
  Bytes out;
  AppendBigEndian32(&out, static_cast<uint32_t>(raw.size()));
  AppendBigEndian32(&out, static_cast<uint32_t>(block.size()));
  out.insert(out.end(), block.begin(), block.end());
  return out;
}

inline Bytes Concat(Bytes a, const Bytes& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

inline std::string Text(const Bytes& b) {
  return std::string(b.begin(), b.end());
}

}  // namespace jao::parquet
