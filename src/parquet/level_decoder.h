// Definition and repetition levels of one data page: the RLE / bit-packed
// hybrid at the bit width of the column's maximum level, with every level
// checked against that maximum. Used by the column reader.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/bytes.h"
#include "common/status.h"
#include "parquet/encoding/rle_bit_packed.h"
#include "parquet/metadata.h"
#include "parquet/value_stream.h"

namespace jao::parquet {

// Bits needed to store levels 0..max_level.
int LevelBitWidth(int16_t max_level);

class LevelDecoder {
 public:
  // `kind` names the levels in messages ("definition", "repetition").
  void Init(std::string kind, ByteSpan data, int16_t max_level);
  // Decodes `count` levels. Corrupt when the data ends first or a level is
  // above the maximum: "definition level 3 is above the maximum 1".
  Status Get(uint32_t* out, int64_t count);

 private:
  std::string kind_;
  std::optional<RleBitPackedDecoder> rle_;
  int16_t max_level_ = 0;
};

// Reads a DATA_PAGE (v1)'s level sections from the front of its body: each
// present only when its maximum is above 0, RLE with a 4-byte length prefix;
// copied out, as the stream's window moves on. Errors: Unsupported for the
// deprecated BIT_PACKED level encoding, Corrupt for lengths past the page.
Status ReadLevelsV1(ValueStream* body, const DataPageHeader& header,
                    int16_t max_repetition_level, int16_t max_definition_level,
                    std::vector<uint8_t>* repetition,
                    std::vector<uint8_t>* definition);

// Splits the levels of a DATA_PAGE_V2, stored uncompressed before its values:
// their byte lengths are in the header and they have no prefix (the page
// reader checked they fit).
void SplitDataPageV2(ByteSpan levels, const DataPageHeaderV2& header,
                     ByteSpan* repetition, ByteSpan* definition);

}  // namespace jao::parquet
