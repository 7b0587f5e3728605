// Builds column chunk bytes for page and column reader tests: page headers
// in Thrift compact form (parquet.thrift PageHeader field ids), RLE runs and
// PLAIN values, written from the format spec, not from the reader.
//
//   ChunkBuilder chunk;
//   chunk.DataPageV1(3, Encoding::PLAIN, Concat({DefLevels(...),
//   Plain32(...)})); auto file = chunk.File();  ColumnMetaData meta =
//   chunk.Meta();
#pragma once

#include <zlib.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "parquet/metadata.h"
#include "parquet/random_access_file.h"
#include "parquet/schema.h"
#include "parquet/thrift_writer_support.h"

namespace jao::parquet::testing {

using Bytes = std::vector<uint8_t>;

inline Bytes Concat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& part : parts)
    out.insert(out.end(), part.begin(), part.end());
  return out;
}

inline void PutU32(Bytes* out, uint32_t v) {
  for (int i = 0; i < 4; ++i)
    out->push_back(static_cast<uint8_t>(v >> (8 * i)));
}

// One RLE run (Encodings.md: header varint (count << 1), value in
// ceil(bit_width / 8) bytes).
inline Bytes RleRun(uint32_t value, uint32_t count, int bit_width) {
  ThriftWriter w;
  w.Varint(uint64_t{count} << 1);
  Bytes out = w.bytes();
  for (int i = 0; i < (bit_width + 7) / 8; ++i) {
    out.push_back(static_cast<uint8_t>(value >> (8 * i)));
  }
  return out;
}

// One bit-packed run of `values` (a multiple of 8 of them), LSB first.
inline Bytes BitPackedRun(const std::vector<uint32_t>& values, int bit_width) {
  ThriftWriter w;
  w.Varint((values.size() / 8) << 1 | 1);
  Bytes out = w.bytes();
  uint64_t acc = 0;
  int bits = 0;
  for (uint32_t v : values) {
    acc |= uint64_t{v} << bits;
    bits += bit_width;
    while (bits >= 8) {
      out.push_back(static_cast<uint8_t>(acc));
      acc >>= 8;
      bits -= 8;
    }
  }
  return out;
}

// v1 levels: 4-byte little-endian length, then the RLE bytes.
inline Bytes LengthPrefixed(const Bytes& body) {
  Bytes out;
  PutU32(&out, static_cast<uint32_t>(body.size()));
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

inline Bytes PlainInt32(const std::vector<int32_t>& values) {
  Bytes out;
  for (int32_t v : values) PutU32(&out, static_cast<uint32_t>(v));
  return out;
}

inline Bytes PlainByteArray(const std::vector<std::string_view>& values) {
  Bytes out;
  for (std::string_view v : values) {
    PutU32(&out, static_cast<uint32_t>(v.size()));
    out.insert(out.end(), v.begin(), v.end());
  }
  return out;
}

struct PageOptions {
  std::optional<int32_t> crc;
  std::optional<int32_t> uncompressed_size;  // default: the body size
  std::optional<int32_t> compressed_size;    // default: the body size
};

inline PageOptions WithCrc(uint32_t crc) {
  PageOptions options;
  options.crc = static_cast<int32_t>(crc);
  return options;
}
inline PageOptions WithCompressedSize(int32_t size) {
  PageOptions options;
  options.compressed_size = size;
  return options;
}
inline PageOptions WithUncompressedSize(int32_t size) {
  PageOptions options;
  options.uncompressed_size = size;
  return options;
}

inline uint32_t Crc32(const Bytes& bytes) {
  return static_cast<uint32_t>(
      crc32(0L, bytes.data(), static_cast<uInt>(bytes.size())));
}

class ChunkBuilder {
 public:
  ChunkBuilder() { bytes_ = {'P', 'A', 'R', '1'}; }

  // Each returns the page's offset.
  int64_t DictionaryPage(int32_t num_values, const Bytes& body,
                         PageOptions options = {}) {
    ThriftWriter w;
    Common(&w, PageType::DICTIONARY_PAGE, body, options);
    w.BeginStruct(7).I32(1, num_values).I32(2, 0).EndStruct().Stop();
    if (dictionary_offset_ < 0) dictionary_offset_ = Size();
    return Append(w.bytes(), body);
  }
  int64_t DataPageV1(int32_t num_values, Encoding encoding, const Bytes& body,
                     PageOptions options = {},
                     Encoding level_encoding = Encoding::RLE) {
    ThriftWriter w;
    Common(&w, PageType::DATA_PAGE, body, options);
    w.BeginStruct(5)
        .I32(1, num_values)
        .I32(2, static_cast<int32_t>(encoding))
        .I32(3, static_cast<int32_t>(level_encoding))
        .I32(4, static_cast<int32_t>(level_encoding))
        .EndStruct()
        .Stop();
    MarkData();
    return Append(w.bytes(), body);
  }
  // `body` = repetition levels, definition levels, values.
  int64_t DataPageV2(int32_t num_values, int32_t num_nulls, int32_t num_rows,
                     Encoding encoding, int32_t def_length, int32_t rep_length,
                     const Bytes& body, PageOptions options = {}) {
    ThriftWriter w;
    Common(&w, PageType::DATA_PAGE_V2, body, options);
    w.BeginStruct(8)
        .I32(1, num_values)
        .I32(2, num_nulls)
        .I32(3, num_rows)
        .I32(4, static_cast<int32_t>(encoding))
        .I32(5, def_length)
        .I32(6, rep_length)
        .Bool(7, false)
        .EndStruct()
        .Stop();
    MarkData();
    return Append(w.bytes(), body);
  }
  int64_t IndexPage(const Bytes& body) {
    ThriftWriter w;
    Common(&w, PageType::INDEX_PAGE, body, {});
    w.BeginStruct(6).EndStruct().Stop();
    return Append(w.bytes(), body);
  }
  // Raw bytes inside the chunk (a hand-made header).
  int64_t Raw(const Bytes& bytes) {
    MarkData();
    return Append(bytes, {});
  }

  int64_t Size() const { return static_cast<int64_t>(bytes_.size()); }

  ColumnMetaData Meta() const {
    ColumnMetaData meta;
    meta.codec = CompressionCodec::UNCOMPRESSED;
    meta.data_page_offset = data_offset_ < 0 ? 4 : data_offset_;
    if (dictionary_offset_ >= 0)
      meta.dictionary_page_offset = dictionary_offset_;
    meta.total_compressed_size = Size() - 4;
    meta.total_uncompressed_size = Size() - 4;
    return meta;
  }
  std::unique_ptr<RandomAccessFile> File() const {
    Bytes bytes = bytes_;
    bytes.insert(bytes.end(), {'P', 'A', 'R', '1'});
    return RandomAccessFile::FromBytes("chunk.parquet", bytes);
  }

 private:
  void Common(ThriftWriter* w, PageType type, const Bytes& body,
              const PageOptions& options) {
    int32_t size = static_cast<int32_t>(body.size());
    w->I32(1, static_cast<int32_t>(type))
        .I32(2, options.uncompressed_size.value_or(size))
        .I32(3, options.compressed_size.value_or(size));
    if (options.crc) w->I32(4, *options.crc);
  }
  void MarkData() {
    if (data_offset_ < 0) data_offset_ = Size();
  }
  int64_t Append(const Bytes& header, const Bytes& body) {
    int64_t offset = Size();
    bytes_.insert(bytes_.end(), header.begin(), header.end());
    bytes_.insert(bytes_.end(), body.begin(), body.end());
    return offset;
  }

  Bytes bytes_;
  int64_t dictionary_offset_ = -1;
  int64_t data_offset_ = -1;
};

// Leaf descriptors as BuildSchema would make them, written by hand.
inline ColumnDescriptor FlatColumn(Type type, bool optional) {
  ColumnDescriptor column;
  column.name = "c";
  column.path = {"c"};
  column.physical_type = type;
  column.optional = optional;
  column.max_definition_level = optional ? 1 : 0;
  return column;
}

// optional group c (LIST) { repeated group list { optional <type> element } }
inline ColumnDescriptor ListColumn(Type type) {
  ColumnDescriptor column = FlatColumn(type, true);
  column.path = {"c", "list", "element"};
  column.is_list = true;
  column.max_definition_level = 3;
  column.max_repetition_level = 1;
  return column;
}

}  // namespace jao::parquet::testing
