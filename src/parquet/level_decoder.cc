#include "parquet/level_decoder.h"

#include <fmt/format.h>

namespace jao::parquet {
namespace {

Status ReadLevels(const char* kind, Encoding encoding, ValueStream* body,
                  std::vector<uint8_t>* levels) {
  if (encoding != Encoding::RLE) {
    return Status::Unsupported(std::string(kind) + " level encoding " +
                               EncodingName(encoding) + " is not supported");
  }
  RETURN_IF_ERROR(body->Ensure(4));
  ByteSpan window = body->window();
  if (window.size() < 4) {
    return Status::Corrupt(
        fmt::format("length prefix needs 4 bytes, {} remain", window.size()));
  }
  uint32_t length = uint32_t{window[0]} | (uint32_t{window[1]} << 8) |
                    (uint32_t{window[2]} << 16) | (uint32_t{window[3]} << 24);
  if (length > body->remaining() - 4) {
    return Status::Corrupt(fmt::format("length prefix says {} bytes, {} remain",
                                       length, body->remaining() - 4));
  }
  RETURN_IF_ERROR(body->Ensure(4 + size_t{length}));
  window = body->window();
  levels->assign(window.begin() + 4, window.begin() + 4 + length);
  body->Consume(4 + size_t{length});
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

Status ReadLevelsV1(ValueStream* body, const DataPageHeader& header,
                    int16_t max_repetition_level, int16_t max_definition_level,
                    std::vector<uint8_t>* repetition,
                    std::vector<uint8_t>* definition) {
  repetition->clear();
  definition->clear();
  if (max_repetition_level > 0) {
    RETURN_IF_ERROR(ReadLevels("repetition", header.repetition_level_encoding,
                               body, repetition));
  }
  if (max_definition_level > 0) {
    RETURN_IF_ERROR(ReadLevels("definition", header.definition_level_encoding,
                               body, definition));
  }
  return Status::Ok();
}

void SplitDataPageV2(ByteSpan levels, const DataPageHeaderV2& header,
                     ByteSpan* repetition, ByteSpan* definition) {
  size_t rep = static_cast<size_t>(header.repetition_levels_byte_length);
  size_t def = static_cast<size_t>(header.definition_levels_byte_length);
  *repetition = levels.subspan(0, rep);
  *definition = levels.subspan(rep, def);
}

}  // namespace jao::parquet
