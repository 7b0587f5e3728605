#include "parquet/value_decoder.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "parquet/encoding/byte_stream_split.h"
#include "parquet/encoding/delta_binary_packed.h"
#include "parquet/encoding/delta_byte_array.h"
#include "parquet/encoding/float16.h"
#include "parquet/encoding/plain.h"
#include "parquet/encoding/rle_bit_packed.h"
#include "parquet/logical.h"

namespace jao::parquet {
namespace {

// A whole-page decoder allocates per value before the data can prove the
// count; no real writer packs more values than this per value byte.
constexpr int64_t kMaxValuesPerByte = 128;
constexpr int64_t kValueCountSlack = 4096;

int FixedWidth(const ColumnDescriptor& column) {
  switch (column.physical_type) {
    case Type::INT32:
    case Type::FLOAT:
      return 4;
    case Type::INT64:
    case Type::DOUBLE:
      return 8;
    case Type::INT96:
      return 12;
    case Type::FIXED_LEN_BYTE_ARRAY:
      return column.type_length;
    default:
      return 0;
  }
}

// The encodings whose values are taken into one window before decoding.
bool DecodedWhole(Encoding encoding, Type type) {
  switch (encoding) {
    case Encoding::PLAIN:
      return type == Type::BOOLEAN;
    case Encoding::RLE:
    case Encoding::DELTA_BINARY_PACKED:
    case Encoding::BYTE_STREAM_SPLIT:
      return true;
    default:
      return false;
  }
}

Status NotFor(Encoding encoding, Type type) {
  return Status::Corrupt("encoding " + EncodingName(encoding) +
                         " does not apply to type " + TypeName(type));
}

// PLAIN from the stream's window: fixed-width values and byte arrays are
// decoded as far as the window goes, then the window refills. Booleans
// (one bit each) need the whole section in the window (see Make...).
class PlainDecoder : public ValueDecoder {
 public:
  PlainDecoder(const ColumnDescriptor& column, ValueStream* values,
               std::unique_ptr<ValueStream> owned = nullptr,
               SharedBuffer storage = nullptr)
      : column_(column),
        values_(values),
        owned_(std::move(owned)),
        storage_(std::move(storage)) {}

  Status Decode(int64_t count, ColumnBatch* out, int64_t at) override {
    switch (column_.physical_type) {
      case Type::BOOLEAN:
        return DecodeBits(count, out->booleans.data() + at);
      case Type::INT32:
        return Fixed(count, out->int32s.data() + at, 4,
                     DecodePlainFixed<int32_t>);
      case Type::INT64:
        return Fixed(count, out->int64s.data() + at, 8,
                     DecodePlainFixed<int64_t>);
      case Type::FLOAT:
        return Fixed(count, out->floats.data() + at, 4,
                     DecodePlainFixed<float>);
      case Type::DOUBLE:
        return Fixed(count, out->doubles.data() + at, 8,
                     DecodePlainFixed<double>);
      case Type::INT96:
        return Fixed(count, out->int96s.data() + at, 12, DecodePlainInt96);
      case Type::BYTE_ARRAY:
        return ByteArrays(count, out->byte_arrays.data() + at);
      case Type::FIXED_LEN_BYTE_ARRAY: {
        int32_t length = column_.type_length;
        return Fixed(
            count, out->byte_arrays.data() + at, static_cast<size_t>(length),
            [length](ByteSpan data, int64_t n, std::string_view* to,
                     size_t* used) {
              return DecodePlainFixedLenByteArray(data, length, n, to, used);
            });
      }
    }
    return Status::Ok();
  }
  bool owns_views() const override { return storage_ != nullptr; }
  void TakeStorage(std::vector<SharedBuffer>* out) override {
    if (std::find(out->begin(), out->end(), storage_) == out->end()) {
      out->push_back(storage_);
    }
  }

 private:
  // Fixed-width values, as many a step as the window holds whole.
  template <typename T, typename F>
  Status Fixed(int64_t count, T* out, size_t width, F decode) {
    // A short page is named by the bytes left for this call, the same
    // whether the page is whole or streamed; past this check every step
    // finds at least one value in the window.
    RETURN_IF_ERROR(CheckPlainFixedSize(PlainTypeName(column_.physical_type),
                                        values_->remaining(), count, width));
    while (count > 0) {
      ByteSpan window = values_->window();
      if (window.size() < width) {
        RETURN_IF_ERROR(values_->Ensure(width));
        window = values_->window();
      }
      int64_t n = std::min<int64_t>(count, window.size() / width);
      size_t used = 0;
      RETURN_IF_ERROR(decode(window, n, out, &used));
      values_->Consume(used);
      out += n;
      count -= n;
    }
    return Status::Ok();
  }

  Status ByteArrays(int64_t count, std::string_view* out) {
    while (count > 0) {
      ByteSpan window = values_->window();
      size_t used = 0;
      if (window.size() == values_->remaining()) {
        RETURN_IF_ERROR(DecodePlainByteArray(window, count, out, &used));
        values_->Consume(used);
        return Status::Ok();
      }
      int64_t n = DecodePlainByteArrayPrefix(window, count, out, &used);
      values_->Consume(used);
      out += n;
      count -= n;
      if (n > 0 || count == 0) continue;
      // The next value is not whole in the window: refill for it.
      window = values_->window();
      uint64_t need = 4;
      if (window.size() >= 4) {
        need += uint64_t{window[0]} | (uint64_t{window[1]} << 8) |
                (uint64_t{window[2]} << 16) | (uint64_t{window[3]} << 24);
      }
      if (need > values_->remaining()) {
        return Status::Corrupt("plain byte_array value needs " +
                               std::to_string(need) + " bytes, " +
                               std::to_string(values_->remaining()) +
                               " remain in the page");
      }
      RETURN_IF_ERROR(values_->Ensure(static_cast<size_t>(need)));
    }
    return Status::Ok();
  }

  // PLAIN booleans are one bit each, LSB first, continuing across calls.
  Status DecodeBits(int64_t count, uint8_t* out) {
    ByteSpan data = values_->window();
    uint64_t available = static_cast<uint64_t>(data.size()) * 8 - bit_pos_;
    if (static_cast<uint64_t>(count) > available) {
      return Status::Corrupt("plain boolean data ends after " +
                             std::to_string(available) + " of " +
                             std::to_string(count) + " values");
    }
    for (int64_t i = 0; i < count; ++i, ++bit_pos_) {
      out[i] = (data[bit_pos_ >> 3] >> (bit_pos_ & 7)) & 1;
    }
    return Status::Ok();
  }

  const ColumnDescriptor& column_;
  ValueStream* values_;
  std::unique_ptr<ValueStream> owned_;
  SharedBuffer storage_;
  uint64_t bit_pos_ = 0;
};

class DictionaryDecoder : public ValueDecoder {
 public:
  DictionaryDecoder(const ColumnDescriptor& column, ValueStream* indices,
                    int bit_width, std::shared_ptr<const ColumnBatch> dict)
      : column_(column), rle_(indices, bit_width), dict_(std::move(dict)) {}

  bool from_dictionary() const override { return true; }

  Status Decode(int64_t count, ColumnBatch* out, int64_t at) override {
    scratch_.resize(static_cast<size_t>(count));
    RETURN_IF_ERROR(rle_.Get(scratch_.data(), count));
    const uint64_t size = static_cast<uint64_t>(dict_->num_rows);
    for (uint32_t index : scratch_) {
      if (index >= size) {
        return Status::Corrupt("dictionary index " + std::to_string(index) +
                               " is out of range for a dictionary of " +
                               std::to_string(size) + " values");
      }
    }
    if (out->dictionary_indices.size() >= static_cast<size_t>(at + count)) {
      for (int64_t i = 0; i < count; ++i) {
        out->dictionary_indices[at + i] = static_cast<int32_t>(scratch_[i]);
      }
    }
    Gather(out, at);
    return Status::Ok();
  }

 private:
  template <typename T>
  void GatherFrom(const std::vector<T>& from, std::vector<T>& to, int64_t at) {
    for (size_t i = 0; i < scratch_.size(); ++i) to[at + i] = from[scratch_[i]];
  }
  void Gather(ColumnBatch* out, int64_t at) {
    const ColumnBatch& d = *dict_;
    switch (column_.physical_type) {
      case Type::BOOLEAN:
        return GatherFrom(d.booleans, out->booleans, at);
      case Type::INT32:
        return GatherFrom(d.int32s, out->int32s, at);
      case Type::INT64:
        return GatherFrom(d.int64s, out->int64s, at);
      case Type::INT96:
        return GatherFrom(d.int96s, out->int96s, at);
      case Type::FLOAT:
        return GatherFrom(d.floats, out->floats, at);
      case Type::DOUBLE:
        return GatherFrom(d.doubles, out->doubles, at);
      case Type::BYTE_ARRAY:
      case Type::FIXED_LEN_BYTE_ARRAY:
        return GatherFrom(d.byte_arrays, out->byte_arrays, at);
    }
  }

  const ColumnDescriptor& column_;
  RleBitPackedDecoder rle_;
  std::shared_ptr<const ColumnBatch> dict_;
  std::vector<uint32_t> scratch_;
};

class RleBooleanDecoder : public ValueDecoder {
 public:
  explicit RleBooleanDecoder(ByteSpan body) : rle_(body, 1) {}
  Status Decode(int64_t count, ColumnBatch* out, int64_t at) override {
    scratch_.resize(static_cast<size_t>(count));
    RETURN_IF_ERROR(rle_.Get(scratch_.data(), count));
    for (int64_t i = 0; i < count; ++i) {
      out->booleans[at + i] = static_cast<uint8_t>(scratch_[i] & 1);
    }
    return Status::Ok();
  }

 private:
  RleBitPackedDecoder rle_;
  std::vector<uint32_t> scratch_;
};

class DeltaBinaryPackedValueDecoder : public ValueDecoder {
 public:
  explicit DeltaBinaryPackedValueDecoder(Type type) : type_(type) {}
  Status Init(ByteSpan data) { return delta_.Init(data); }
  Status Decode(int64_t count, ColumnBatch* out, int64_t at) override {
    if (type_ == Type::INT32) {
      return delta_.Decode<int32_t>(out->int32s.data() + at, count);
    }
    return delta_.Decode<int64_t>(out->int64s.data() + at, count);
  }

 private:
  Type type_;
  DeltaBinaryPackedDecoder delta_;
};

// Reads a length section at the start of the rest of the page: the window
// grows until the section decodes, or holds the rest of the page (then the
// section's error stands).
Status ReadLengthSection(ValueStream* stream, std::string_view encoding,
                         std::string_view what, int64_t count,
                         std::vector<int32_t>* out) {
  constexpr size_t kFirstWindow = size_t{64} << 10;
  uint64_t want = std::min<uint64_t>(stream->remaining(), kFirstWindow);
  while (true) {
    RETURN_IF_ERROR(stream->Ensure(static_cast<size_t>(want)));
    ByteSpan window = stream->window();
    size_t end = 0;
    Status status =
        DecodeLengthSection(encoding, what, window, count, out, &end);
    if (status.ok()) {
      stream->Consume(end);
      return status;
    }
    if (window.size() >= stream->remaining()) return status;
    if (window.size() >= kMaxWholeValues) {
      return Status::Unsupported(
          fmt::format("{} {} section above the {} MiB limit", encoding, what,
                      kMaxWholeValues >> 20));
    }
    want = std::min<uint64_t>(stream->remaining(), uint64_t{window.size()} * 2);
  }
}

Status PageValuesEnd(size_t values) {
  return Status::Corrupt("page values end after " + std::to_string(values) +
                         " values");
}

// DELTA_LENGTH_BYTE_ARRAY: the lengths are read when the page starts and
// checked against its size; the values are then views into the stream's
// windows, like PLAIN's.
class DeltaLengthDecoder : public ValueDecoder {
 public:
  explicit DeltaLengthDecoder(ValueStream* values) : values_(values) {}

  Status Init(int64_t count) {
    constexpr std::string_view kName = "delta_length_byte_array";
    RETURN_IF_ERROR(
        ReadLengthSection(values_, kName, "length", count, &lengths_));
    return CheckLengthsFit(kName, lengths_, values_->remaining());
  }

  Status Decode(int64_t count, ColumnBatch* out, int64_t at) override {
    if (static_cast<uint64_t>(count) > lengths_.size() - next_) {
      return PageValuesEnd(lengths_.size());
    }
    std::string_view* to = out->byte_arrays.data() + at;
    for (int64_t i = 0; i < count; ++i) {
      size_t length = static_cast<size_t>(lengths_[next_++]);
      RETURN_IF_ERROR(values_->Ensure(length));
      to[i] = AsStringView(values_->window().first(length));
      values_->Consume(length);
    }
    return Status::Ok();
  }

 private:
  ValueStream* values_;
  std::vector<int32_t> lengths_;
  size_t next_ = 0;
};

// DELTA_BYTE_ARRAY: the length sections are read and checked when the page
// starts; each value is then rebuilt from the previous one and its suffix
// into blocks of the decoder's own, so that the page's bytes are not kept
// and a batch holds only the blocks of its values.
class DeltaByteArrayDecoder : public ValueDecoder {
 public:
  explicit DeltaByteArrayDecoder(ValueStream* values) : values_(values) {}

  Status Init(int64_t count) {
    constexpr std::string_view kName = "delta_byte_array";
    RETURN_IF_ERROR(
        ReadLengthSection(values_, kName, "prefix length", count, &prefixes_));
    RETURN_IF_ERROR(
        ReadLengthSection(values_, kName, "suffix length", count, &suffixes_));
    RETURN_IF_ERROR(CheckLengthsFit(kName, suffixes_, values_->remaining()));
    return CheckPrefixes(prefixes_, suffixes_);
  }

  Status Decode(int64_t count, ColumnBatch* out, int64_t at) override {
    if (static_cast<uint64_t>(count) > prefixes_.size() - next_) {
      return PageValuesEnd(prefixes_.size());
    }
    std::string_view* to = out->byte_arrays.data() + at;
    for (int64_t i = 0; i < count; ++i, ++next_) {
      size_t prefix = static_cast<size_t>(prefixes_[next_]);
      size_t suffix = static_cast<size_t>(suffixes_[next_]);
      RETURN_IF_ERROR(values_->Ensure(suffix));
      char* value = Reserve(prefix + suffix);
      if (prefix > 0) std::memcpy(value, previous_.data(), prefix);
      if (suffix > 0) {
        std::memcpy(value + prefix, values_->window().data(), suffix);
      }
      values_->Consume(suffix);
      previous_ = std::string_view(value, prefix + suffix);
      to[i] = previous_;
    }
    return Status::Ok();
  }

  bool owns_views() const override { return true; }
  void TakeStorage(std::vector<SharedBuffer>* out) override {
    for (SharedBuffer& block : touched_) {
      if (std::find(out->begin(), out->end(), block) == out->end()) {
        out->push_back(std::move(block));
      }
    }
    touched_.clear();
    // The current block stays listed: later values may go into it, and the
    // next value's prefix is copied from the last value, which is in it.
    if (block_) touched_.push_back(block_);
  }

 private:
  // Values share blocks of this size; a longer value gets a block of its own.
  static constexpr size_t kBlockSize = size_t{256} << 10;

  char* Reserve(size_t n) {
    if (!block_ || block_->size() - used_ < n) {
      block_ = std::make_shared<Buffer>(std::max(kBlockSize, n));
      used_ = 0;
      touched_.push_back(block_);
    }
    char* at = reinterpret_cast<char*>(block_->data()) + used_;
    used_ += n;
    return at;
  }

  ValueStream* values_;
  std::vector<int32_t> prefixes_;
  std::vector<int32_t> suffixes_;
  size_t next_ = 0;
  std::string_view previous_;
  std::shared_ptr<Buffer> block_;
  size_t used_ = 0;
  std::vector<SharedBuffer> touched_;  // blocks since the last TakeStorage
};

Status CheckValueCount(int64_t page_values, uint64_t value_bytes) {
  int64_t limit =
      static_cast<int64_t>(value_bytes) * kMaxValuesPerByte + kValueCountSlack;
  if (page_values > limit) {
    return Status::Corrupt("page claims " + std::to_string(page_values) +
                           " values, more than its " +
                           std::to_string(value_bytes) +
                           " value bytes can hold");
  }
  return Status::Ok();
}

Result<std::unique_ptr<ValueDecoder>> MakeByteStreamSplit(
    const ColumnDescriptor& column, ByteSpan values, int64_t page_values) {
  int width = FixedWidth(column);
  if (width <= 0 || column.physical_type == Type::INT96) {
    return NotFor(Encoding::BYTE_STREAM_SPLIT, column.physical_type);
  }
  if (static_cast<uint64_t>(page_values) * width != values.size()) {
    return Status::Corrupt(
        "byte_stream_split data is " + std::to_string(values.size()) +
        " bytes, " + std::to_string(page_values) + " values of width " +
        std::to_string(width) + " need " + std::to_string(page_values * width));
  }
  auto plain = std::make_shared<Buffer>(values.size());
  RETURN_IF_ERROR(
      DecodeByteStreamSplit(values, width, page_values, plain->data()));
  auto stream = std::make_unique<ValueStream>(plain, 0);
  ValueStream* view = stream.get();
  return std::unique_ptr<ValueDecoder>(
      new PlainDecoder(column, view, std::move(stream), std::move(plain)));
}

}  // namespace

bool NeedsPageValueCount(Encoding encoding) {
  return encoding == Encoding::DELTA_LENGTH_BYTE_ARRAY ||
         encoding == Encoding::DELTA_BYTE_ARRAY ||
         encoding == Encoding::BYTE_STREAM_SPLIT;
}

Result<std::unique_ptr<ValueDecoder>> MakeValueDecoder(
    Encoding encoding, const ColumnDescriptor& column, ValueStream* stream,
    std::shared_ptr<const ColumnBatch> dictionary, int64_t page_values) {
  const Type type = column.physical_type;
  if (type == Type::FIXED_LEN_BYTE_ARRAY && column.type_length <= 0) {
    return Status::Corrupt("type_length " + std::to_string(column.type_length) +
                           " of a FIXED_LEN_BYTE_ARRAY column is not positive");
  }
  if (DecodedWhole(encoding, type)) {
    RETURN_IF_ERROR(
        stream->EnsureAll(kMaxWholeValues, EncodingName(encoding) + " values"));
  }
  // Whole-page encodings: the stream's window now holds every value byte.
  ByteSpan values = stream->window();
  switch (encoding) {
    case Encoding::PLAIN:
      return std::unique_ptr<ValueDecoder>(new PlainDecoder(column, stream));
    case Encoding::PLAIN_DICTIONARY:
    case Encoding::RLE_DICTIONARY: {
      if (!dictionary) {
        return Status::Corrupt(
            "dictionary-encoded page without a dictionary "
            "page");
      }
      RETURN_IF_ERROR(stream->Ensure(1));
      if (stream->window().empty()) {
        return Status::Corrupt("dictionary-encoded page has no bit width");
      }
      int bit_width = stream->window()[0];
      if (bit_width > 32) {
        return Status::Corrupt("dictionary index bit width " +
                               std::to_string(bit_width) + " is above 32");
      }
      stream->Consume(1);
      return std::unique_ptr<ValueDecoder>(new DictionaryDecoder(
          column, stream, bit_width, std::move(dictionary)));
    }
    case Encoding::RLE: {
      if (type != Type::BOOLEAN) return NotFor(encoding, type);
      ByteSpan body;
      size_t consumed = 0;
      RETURN_IF_ERROR(ReadLengthPrefixed(values, &body, &consumed));
      return std::unique_ptr<ValueDecoder>(new RleBooleanDecoder(body));
    }
    case Encoding::DELTA_BINARY_PACKED: {
      if (type != Type::INT32 && type != Type::INT64) {
        return NotFor(encoding, type);
      }
      auto decoder = std::make_unique<DeltaBinaryPackedValueDecoder>(type);
      RETURN_IF_ERROR(decoder->Init(values));
      return std::unique_ptr<ValueDecoder>(std::move(decoder));
    }
    case Encoding::DELTA_LENGTH_BYTE_ARRAY:
    case Encoding::DELTA_BYTE_ARRAY: {
      if (type != Type::BYTE_ARRAY && type != Type::FIXED_LEN_BYTE_ARRAY) {
        return NotFor(encoding, type);
      }
      RETURN_IF_ERROR(CheckValueCount(page_values, stream->remaining()));
      if (encoding == Encoding::DELTA_LENGTH_BYTE_ARRAY) {
        auto decoder = std::make_unique<DeltaLengthDecoder>(stream);
        RETURN_IF_ERROR(decoder->Init(page_values));
        return std::unique_ptr<ValueDecoder>(std::move(decoder));
      }
      auto decoder = std::make_unique<DeltaByteArrayDecoder>(stream);
      RETURN_IF_ERROR(decoder->Init(page_values));
      return std::unique_ptr<ValueDecoder>(std::move(decoder));
    }
    case Encoding::BYTE_STREAM_SPLIT:
      return MakeByteStreamSplit(column, values, page_values);
    default:
      return Status::Unsupported("encoding " + EncodingName(encoding) +
                                 " is not supported");
  }
}

Result<std::shared_ptr<const ColumnBatch>> DecodeDictionaryPage(
    const ColumnDescriptor& column, Encoding encoding, int32_t count,
    const SharedBuffer& page) {
  if (encoding != Encoding::PLAIN && encoding != Encoding::PLAIN_DICTIONARY) {
    return Status::Unsupported("dictionary page encoding " +
                               EncodingName(encoding) + " is not supported");
  }
  if (count < 0) {
    return Status::Corrupt("dictionary num_values " + std::to_string(count) +
                           " is negative");
  }
  // Every PLAIN value takes at least one bit (booleans), else a byte or more.
  uint64_t min_bits = column.physical_type == Type::BOOLEAN ? 1 : 8;
  if (static_cast<uint64_t>(count) * min_bits > page->size() * 8) {
    return Status::Corrupt("dictionary num_values " + std::to_string(count) +
                           " cannot fit in " + std::to_string(page->size()) +
                           " bytes");
  }
  auto dict = std::make_shared<ColumnBatch>();
  dict->column = &column;
  dict->num_rows = count;
  dict->validity.assign(static_cast<size_t>(count), 1);
  ResizeValues(dict.get(), column.physical_type, static_cast<size_t>(count));
  ValueStream values(page, 0);
  ASSIGN_OR_RETURN(auto plain, MakeValueDecoder(Encoding::PLAIN, column,
                                                &values, nullptr, count));
  RETURN_IF_ERROR(plain->Decode(count, dict.get(), 0));
  // Only byte arrays are views into the page; other values were copied out.
  if (column.physical_type == Type::BYTE_ARRAY ||
      column.physical_type == Type::FIXED_LEN_BYTE_ARRAY) {
    dict->buffers.push_back(page);
  }
  DecodeLogicalValues(dict.get());
  return std::shared_ptr<const ColumnBatch>(std::move(dict));
}

void ResizeValues(ColumnBatch* batch, Type type, size_t size) {
  switch (type) {
    case Type::BOOLEAN:
      return batch->booleans.resize(size);
    case Type::INT32:
      return batch->int32s.resize(size);
    case Type::INT64:
      return batch->int64s.resize(size);
    case Type::INT96:
      return batch->int96s.resize(size);
    case Type::FLOAT:
      return batch->floats.resize(size);
    case Type::DOUBLE:
      return batch->doubles.resize(size);
    case Type::BYTE_ARRAY:
    case Type::FIXED_LEN_BYTE_ARRAY:
      return batch->byte_arrays.resize(size);
  }
}

namespace {
template <typename T>
void Spread(T* slots, const uint8_t* valid, int64_t n, int64_t present) {
  int64_t from = present - 1;
  for (int64_t to = n - 1; to >= 0 && from < to; --to) {
    if (valid[to]) slots[to] = slots[from--];
  }
}
}  // namespace

void SpreadValues(ColumnBatch* batch, Type type, int64_t at,
                  const uint8_t* valid, int64_t n, int64_t present) {
  if (present == n) return;
  switch (type) {
    case Type::BOOLEAN:
      return Spread(batch->booleans.data() + at, valid, n, present);
    case Type::INT32:
      return Spread(batch->int32s.data() + at, valid, n, present);
    case Type::INT64:
      return Spread(batch->int64s.data() + at, valid, n, present);
    case Type::INT96:
      return Spread(batch->int96s.data() + at, valid, n, present);
    case Type::FLOAT:
      return Spread(batch->floats.data() + at, valid, n, present);
    case Type::DOUBLE:
      return Spread(batch->doubles.data() + at, valid, n, present);
    case Type::BYTE_ARRAY:
    case Type::FIXED_LEN_BYTE_ARRAY:
      return Spread(batch->byte_arrays.data() + at, valid, n, present);
  }
}

Status WidenFloat16(ColumnBatch* batch, const uint8_t* valid, size_t slots) {
  batch->floats.assign(slots, 0.0f);
  for (size_t i = 0; i < slots; ++i) {
    if (!valid[i]) continue;
    std::string_view view = batch->byte_arrays[i];
    if (view.size() != 2) {
      return Status::Corrupt("float16 value is " + std::to_string(view.size()) +
                             " bytes, not 2");
    }
    auto bytes = reinterpret_cast<const uint8_t*>(view.data());
    batch->floats[i] =
        HalfToFloat(static_cast<uint16_t>(bytes[0] | bytes[1] << 8));
  }
  batch->byte_arrays.clear();
  return Status::Ok();
}

}  // namespace jao::parquet
