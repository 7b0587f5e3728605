// One entry point over Debian's codec libraries: Decompress(codec, in, out).
//
// `out` must be sized by the caller to the page's uncompressed_page_size; the
// decompressed length must match it exactly, else Corrupt. Codecs:
// UNCOMPRESSED, SNAPPY, GZIP (concatenated members too), ZSTD, BROTLI, LZ4_RAW,
// and LZ4 (the Hadoop-framed form, falling back to raw block as other readers
// do); LZO is refused as Unsupported. Empty input with an empty `out` is Ok for
// every codec but LZO (writers store empty v2 value sections as zero bytes).
#pragma once

#include <span>

#include "common/bytes.h"
#include "common/status.h"
#include "parquet/types.h"

namespace jao::parquet {

Status Decompress(CompressionCodec codec, ByteSpan input,
                  std::span<uint8_t> output);

}  // namespace jao::parquet
