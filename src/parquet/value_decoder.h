// Decoders of a data page's values section, one per encoding, all writing
// into the typed arrays of a ColumnBatch. Called by the column reader, which
// owns the levels; a decoder sees only the values of present slots.
//
// Values come from a ValueStream. PLAIN values (but booleans), dictionary
// indices and the byte arrays of DELTA_LENGTH_BYTE_ARRAY and
// DELTA_BYTE_ARRAY are decoded from its sliding window on demand (the two
// delta encodings read and check their length sections, which come first,
// when the decoder is made). The other encodings (PLAIN and RLE booleans,
// DELTA_BINARY_PACKED, BYTE_STREAM_SPLIT: small in practice) take the rest
// of the page into one window first, within kMaxWholeValues bytes;
// BYTE_STREAM_SPLIT decodes the page's `page_values` values then.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "common/bytes.h"
#include "common/status.h"
#include "parquet/batch.h"
#include "parquet/schema.h"
#include "parquet/value_stream.h"

namespace jao::parquet {

class ValueDecoder {
 public:
  virtual ~ValueDecoder() = default;
  // Writes the next `count` values to slots [at, at + count) of `out`'s
  // typed array for the column's physical type, which the caller has sized.
  // Dictionary decoders also write out->dictionary_indices[at..] when that
  // array is at least at + count long. Errors: Corrupt when the page runs
  // out of values or an index is outside the dictionary.
  virtual Status Decode(int64_t count, ColumnBatch* out, int64_t at) = 0;
  virtual bool from_dictionary() const { return false; }
  // Whether decoded byte-array views point into memory of the decoder's own
  // (TakeStorage) rather than into the page's stream windows.
  virtual bool owns_views() const { return false; }
  // With owns_views: appends to `out` the buffers that the views decoded
  // since the last call point into, those not already in it.
  virtual void TakeStorage(std::vector<SharedBuffer>* /*out*/) {}
};

// The largest values section decoded whole by the encodings that need it.
inline constexpr uint64_t kMaxWholeValues = uint64_t{256} << 20;

// Whether MakeValueDecoder needs the page's exact value count.
bool NeedsPageValueCount(Encoding encoding);

// Makes the decoder for `encoding` over the rest of `values`, which must
// outlive it. `dictionary` is the chunk's decoded dictionary or null.
// Errors: Unsupported "encoding X is not supported" or a values section
// above kMaxWholeValues where it is decoded whole; Corrupt when the encoding
// does not apply to the type or a dictionary encoding has no dictionary.
Result<std::unique_ptr<ValueDecoder>> MakeValueDecoder(
    Encoding encoding, const ColumnDescriptor& column, ValueStream* values,
    std::shared_ptr<const ColumnBatch> dictionary, int64_t page_values);

// Decodes a dictionary page (PLAIN values) into a batch whose typed array
// holds `count` entries, all valid (FLOAT16 entries stay 2-byte views), with
// their logical values (parquet/logical.h).
Result<std::shared_ptr<const ColumnBatch>> DecodeDictionaryPage(
    const ColumnDescriptor& column, Encoding encoding, int32_t count,
    const SharedBuffer& page);

// Sizes the typed array of `batch` chosen by `type` to `size` slots.
void ResizeValues(ColumnBatch* batch, Type type, size_t size);

// Moves `present` values stored densely from slot `at` to the slots
// [at, at + n) whose validity is 1, in order (valid has n entries).
void SpreadValues(ColumnBatch* batch, Type type, int64_t at,
                  const uint8_t* valid, int64_t n, int64_t present);

// Replaces the 2-byte FIXED_LEN_BYTE_ARRAY views of a FLOAT16 column by
// floats (slots with validity 0 become 0). Corrupt on a view not 2 bytes.
Status WidenFloat16(ColumnBatch* batch, const uint8_t* valid, size_t slots);

}  // namespace jao::parquet
