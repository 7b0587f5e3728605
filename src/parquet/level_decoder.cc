#include "parquet/level_decoder.h"

namespace jao::parquet {
namespace {

Status SplitLevels(const char* kind, Encoding encoding, ByteSpan* rest,
                   ByteSpan* levels) {
  if (encoding != Encoding::RLE) {
    return Status::Unsupported(std::string(kind) + " level encoding " +
                               EncodingName(encoding) + " is not supported");
  }
  size_t consumed = 0;
  RETURN_IF_ERROR(ReadLengthPrefixed(*rest, levels, &consumed));
  *rest = rest->subspan(consumed);
  return Status::Ok();
}

}  // namespace

int LevelBitWidth(int16_t max_level) {
  int width = 0;
  while (max_level >> width) ++width;
  return width;
}

void LevelDecoder::Init(std::string kind, ByteSpan data, int16_t max_level) {
  kind_ = std::move(kind);
  max_level_ = max_level;
  rle_.emplace(data, LevelBitWidth(max_level));
}

Status LevelDecoder::Get(uint32_t* out, int64_t count) {
  RETURN_IF_ERROR(rle_->Get(out, count));
  for (int64_t i = 0; i < count; ++i) {
    if (out[i] > static_cast<uint32_t>(max_level_)) {
      return Status::Corrupt(kind_ + " level " + std::to_string(out[i]) +
                             " is above the maximum " +
                             std::to_string(max_level_));
    }
  }
  return Status::Ok();
}

Status SplitDataPageV1(ByteSpan body, const DataPageHeader& header,
                       int16_t max_repetition_level,
                       int16_t max_definition_level, ByteSpan* repetition,
                       ByteSpan* definition, ByteSpan* values) {
  ByteSpan rest = body;
  *repetition = ByteSpan();
  *definition = ByteSpan();
  if (max_repetition_level > 0) {
    RETURN_IF_ERROR(SplitLevels("repetition", header.repetition_level_encoding,
                                &rest, repetition));
  }
  if (max_definition_level > 0) {
    RETURN_IF_ERROR(SplitLevels("definition", header.definition_level_encoding,
                                &rest, definition));
  }
  *values = rest;
  return Status::Ok();
}

void SplitDataPageV2(ByteSpan body, const DataPageHeaderV2& header,
                     ByteSpan* repetition, ByteSpan* definition,
                     ByteSpan* values) {
  size_t rep = static_cast<size_t>(header.repetition_levels_byte_length);
  size_t def = static_cast<size_t>(header.definition_levels_byte_length);
  *repetition = body.subspan(0, rep);
  *definition = body.subspan(rep, def);
  *values = body.subspan(rep + def);
}

}  // namespace jao::parquet
