// Streaming decoders of the block formats (Snappy, LZ4_RAW, Hadoop LZ4)
// over a bounded history window; see stream_decompressor.h.
#pragma once

#include <cstdint>
#include <memory>

#include "common/status.h"
#include "parquet/stream_decompressor.h"

namespace jao::parquet {

Result<std::unique_ptr<StreamDecompressor>> MakeSnappyStream(
    std::unique_ptr<PieceSource> input, uint64_t size);

// `hadoop`: the LZ4 codec, whose pages are Hadoop frames ([uncompressed
// length][compressed length] big-endian, one block) or, from older
// parquet-cpp, one bare block; the framing is checked over the whole page
// first, as Decompress does. Otherwise LZ4_RAW: one bare block.
Result<std::unique_ptr<StreamDecompressor>> MakeLz4Stream(
    std::unique_ptr<PieceSource> input, uint64_t size, bool hadoop);

}  // namespace jao::parquet
