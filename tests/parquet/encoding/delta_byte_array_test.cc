// DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY: Encodings.md's examples with
// their length sections packed by hand, and the checks on lengths and
// prefixes, decoded through the value decoder the column reader uses, from a
// page held whole and from one streamed a few bytes at a time.
#include "parquet/encoding/delta_byte_array.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "common/status_matchers_support.h"
#include "parquet/encoding/encoder_support.h"
#include "parquet/stream_decompressor.h"
#include "parquet/value_decoder.h"
#include "parquet/value_stream.h"

namespace jao::parquet {
namespace {

using testing::Bytes;
using testing::ToBytes;

using Strings = std::vector<std::string>;

// Lengths 5 5 6 6: first 5 (zigzag 10), deltas 0 1 0, min delta 0, width 1,
// packed 0 1 0 -> 0b010; a 32-value miniblock of 1 bit is 4 bytes.
Bytes HelloWorldExample() {
  Bytes data{0x80, 0x01, 0x04, 0x04, 0x0A, 0x00, 0x01,
             0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00};
  testing::Append(&data, ToBytes("HelloWorldFoobarABCDEF"));
  return data;
}

// Prefix lengths 0 2 0 3: first 0, deltas 2 -2 3, min -2 (zigzag 3), packed
// 4 0 5 at width 3 -> bytes 0x44 0x01, miniblock of 12 bytes. Suffix lengths
// 4 2 6 5: first 4 (zigzag 8), deltas -2 4 -1, min -2, packed 0 6 1 at width
// 3 -> bytes 0x70 0x00. Then the suffixes "axislebabbleyhood".
Bytes AxisExample() {
  Bytes data{0x80, 0x01, 0x04, 0x04, 0x00, 0x03, 0x03, 0x00, 0x00, 0x00};
  Bytes miniblock(12, 0);
  miniblock[0] = 0x44;
  miniblock[1] = 0x01;
  testing::Append(&data, miniblock);
  testing::Append(&data,
                  {0x80, 0x01, 0x04, 0x04, 0x08, 0x03, 0x03, 0x00, 0x00, 0x00});
  miniblock.assign(12, 0);
  miniblock[0] = 0x70;
  testing::Append(&data, miniblock);
  testing::Append(&data, ToBytes("axislebabbleyhood"));
  return data;
}

Bytes Lengths(const std::vector<int64_t>& lengths) {
  return testing::EncodeDeltaBinaryPacked(lengths, 128, 4, 32);
}

// How the page reaches the decoder: whole, or decompressed (UNCOMPRESSED)
// from 3-byte pieces into 8-byte windows, so that every value and length
// section straddles windows.
enum class Page { kWhole, kStreamed };

SharedBuffer PageOf(const Bytes& data) {
  auto page = std::make_shared<Buffer>(data.size());
  std::copy(data.begin(), data.end(), page->data());
  return page;
}

std::unique_ptr<ValueStream> StreamOf(const Bytes& data, Page page) {
  if (page == Page::kWhole) {
    return std::make_unique<ValueStream>(PageOf(data), 0);
  }
  auto source = MakeStreamDecompressor(
      CompressionCodec::UNCOMPRESSED,
      std::make_unique<SpanPieces>(ByteSpan(data), 3), data.size());
  EXPECT_THAT(source, IsOk());
  return std::make_unique<ValueStream>(std::move(source).value(), 8);
}

ColumnDescriptor ByteArrayColumn() {
  ColumnDescriptor column;
  column.name = "text";
  column.physical_type = Type::BYTE_ARRAY;
  return column;
}

// Decodes `count` values, `per_call` at a time, as the column reader does:
// after each call the batch takes the buffers its views point into, and the
// buffers of earlier calls are dropped (as a consumed batch is freed), so a
// view into freed memory fails under the sanitizers. Each value is copied
// out at once.
Result<Strings> DecodeAll(Encoding encoding, const Bytes& data, int64_t count,
                          Page page, int64_t per_call = 1 << 20) {
  ColumnDescriptor column = ByteArrayColumn();
  std::unique_ptr<ValueStream> stream = StreamOf(data, page);
  ASSIGN_OR_RETURN(
      auto decoder,
      MakeValueDecoder(encoding, column, stream.get(), nullptr, count));
  Strings values;
  for (int64_t done = 0; done < count;) {
    int64_t n = std::min(per_call, count - done);
    ColumnBatch batch;
    batch.byte_arrays.resize(static_cast<size_t>(n));
    RETURN_IF_ERROR(decoder->Decode(n, &batch, 0));
    if (decoder->owns_views()) {
      decoder->TakeStorage(&batch.buffers);
      stream->TakeBuffers(nullptr);
    } else {
      stream->TakeBuffers(&batch.buffers);
    }
    values.insert(values.end(), batch.byte_arrays.begin(),
                  batch.byte_arrays.end());
    done += n;
  }
  return values;
}

class DeltaDecoding : public ::testing::TestWithParam<Page> {
 protected:
  std::string DeltaLengthError(const Bytes& data, int64_t count) {
    return Error(Encoding::DELTA_LENGTH_BYTE_ARRAY, data, count);
  }
  std::string DeltaError(const Bytes& data, int64_t count) {
    return Error(Encoding::DELTA_BYTE_ARRAY, data, count);
  }
  std::string Error(Encoding encoding, const Bytes& data, int64_t count) {
    return DecodeAll(encoding, data, count, GetParam()).status().message();
  }
  Result<Strings> Decode(Encoding encoding, const Bytes& data, int64_t count,
                         int64_t per_call = 1 << 20) {
    return DecodeAll(encoding, data, count, GetParam(), per_call);
  }
};

INSTANTIATE_TEST_SUITE_P(Pages, DeltaDecoding,
                         ::testing::Values(Page::kWhole, Page::kStreamed),
                         [](const ::testing::TestParamInfo<Page>& param) {
                           return param.param == Page::kWhole ? "Whole"
                                                              : "Streamed";
                         });

// DELTA_BYTE_ARRAY data for `values`, each value's prefix the longest it
// shares with the one before (computed here from the strings, not by the
// decoder).
Bytes EncodeDeltaByteArray(const Strings& values) {
  std::vector<int64_t> prefixes;
  std::vector<int64_t> suffixes;
  std::string bytes;
  std::string previous;
  for (const std::string& value : values) {
    size_t prefix = 0;
    while (prefix < previous.size() && prefix < value.size() &&
           previous[prefix] == value[prefix]) {
      ++prefix;
    }
    prefixes.push_back(static_cast<int64_t>(prefix));
    suffixes.push_back(static_cast<int64_t>(value.size() - prefix));
    bytes += value.substr(prefix);
    previous = value;
  }
  Bytes data = Lengths(prefixes);
  testing::Append(&data, Lengths(suffixes));
  testing::Append(&data, ToBytes(bytes));
  return data;
}

TEST_P(DeltaDecoding, DeltaLengthDecodesTheSpecExample) {
  auto values =
      Decode(Encoding::DELTA_LENGTH_BYTE_ARRAY, HelloWorldExample(), 4);
  ASSERT_THAT(values, IsOk());
  EXPECT_EQ(*values, (Strings{"Hello", "World", "Foobar", "ABCDEF"}));
}

TEST_P(DeltaDecoding, DeltaLengthDecodesOneValueAtATime) {
  auto values =
      Decode(Encoding::DELTA_LENGTH_BYTE_ARRAY, HelloWorldExample(), 4, 1);
  ASSERT_THAT(values, IsOk());
  EXPECT_EQ(*values, (Strings{"Hello", "World", "Foobar", "ABCDEF"}));
}

TEST(DeltaLengthByteArray, ViewsPointIntoTheWholePage) {
  Bytes data = HelloWorldExample();
  SharedBuffer page = PageOf(data);
  ValueStream stream(page, 0);
  ColumnDescriptor column = ByteArrayColumn();
  auto decoder = MakeValueDecoder(Encoding::DELTA_LENGTH_BYTE_ARRAY, column,
                                  &stream, nullptr, 4);
  ASSERT_THAT(decoder, IsOk());
  EXPECT_FALSE((*decoder)->owns_views());
  ColumnBatch batch;
  batch.byte_arrays.resize(4);
  ASSERT_THAT((*decoder)->Decode(4, &batch, 0), IsOk());
  EXPECT_EQ(reinterpret_cast<const uint8_t*>(batch.byte_arrays[0].data()),
            page->data() + 14);
}

TEST_P(DeltaDecoding, DeltaLengthRejectsValueCountOtherThanRequested) {
  EXPECT_EQ(DeltaLengthError(HelloWorldExample(), 3),
            "delta_length_byte_array holds 4 lengths, 3 expected");
}

TEST_P(DeltaDecoding, DeltaLengthRejectsNegativeLength) {
  Bytes data = Lengths({2, -1});
  testing::Append(&data, ToBytes("ab"));
  EXPECT_EQ(DeltaLengthError(data, 2),
            "delta_length_byte_array length -1 of value 1 is negative");
}

TEST_P(DeltaDecoding, DeltaLengthRejectsLengthBeyondTheData) {
  Bytes data = Lengths({1, 5});
  testing::Append(&data, ToBytes("abc"));
  EXPECT_EQ(DeltaLengthError(data, 2),
            "delta_length_byte_array value 1 has length 5, 2 bytes remain");
}

TEST_P(DeltaDecoding, DecodesTheSpecExample) {
  auto values = Decode(Encoding::DELTA_BYTE_ARRAY, AxisExample(), 4);
  ASSERT_THAT(values, IsOk());
  EXPECT_EQ(*values, (Strings{"axis", "axle", "babble", "babyhood"}));
}

TEST_P(DeltaDecoding, DecodesNoValues) {
  Bytes data = Lengths({});
  testing::Append(&data, Lengths({}));
  auto values = Decode(Encoding::DELTA_BYTE_ARRAY, data, 0);
  ASSERT_THAT(values, IsOk());
  EXPECT_TRUE(values->empty());
}

// Values long enough to fill several of the decoder's blocks, each sharing
// part of the one before: decoded one a call, with the earlier calls'
// buffers dropped, a prefix copied from a block the batch already freed
// would read freed memory.
TEST_P(DeltaDecoding, RebuildsLongValuesAcrossBlocksAndCalls) {
  Strings expected;
  std::string value;
  for (int i = 0; i < 12; ++i) {
    // 100 KiB, 150 KiB, ... then one longer than a block (256 KiB).
    size_t size = (i == 7 ? 300 : 100 + 50 * (i % 3)) << 10;
    value.resize(size, static_cast<char>('a' + i));
    value[size / 2] = static_cast<char>('A' + i);  // shares up to the middle
    expected.push_back(value);
  }
  Bytes data = EncodeDeltaByteArray(expected);
  for (int64_t per_call : {1, 5, 12}) {
    auto values = Decode(Encoding::DELTA_BYTE_ARRAY, data, 12, per_call);
    ASSERT_THAT(values, IsOk());
    ASSERT_EQ(values->size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
      EXPECT_EQ((*values)[i], expected[i])
          << "value " << i << ", " << per_call << " a call";
    }
  }
}

TEST_P(DeltaDecoding, RebuildsManyShortValues) {
  Strings expected;
  for (int i = 0; i < 3000; ++i) {
    expected.push_back("vacancy-" + std::to_string(i / 7) + "-" +
                       std::string(static_cast<size_t>(i % 5), 'x'));
  }
  auto values = Decode(Encoding::DELTA_BYTE_ARRAY,
                       EncodeDeltaByteArray(expected), 3000, 777);
  ASSERT_THAT(values, IsOk());
  EXPECT_EQ(*values, expected);
}

TEST_P(DeltaDecoding, RejectsMoreValuesThanThePageHolds) {
  Bytes data = AxisExample();
  ColumnDescriptor column = ByteArrayColumn();
  std::unique_ptr<ValueStream> stream = StreamOf(data, GetParam());
  auto decoder = MakeValueDecoder(Encoding::DELTA_BYTE_ARRAY, column,
                                  stream.get(), nullptr, 4);
  ASSERT_THAT(decoder, IsOk());
  ColumnBatch batch;
  batch.byte_arrays.resize(5);
  EXPECT_EQ((*decoder)->Decode(5, &batch, 0).message(),
            "page values end after 4 values");
}

TEST_P(DeltaDecoding, RejectsPrefixLongerThanThePreviousValue) {
  Bytes data = Lengths({0, 3});
  testing::Append(&data, Lengths({2, 1}));
  testing::Append(&data, ToBytes("abc"));
  EXPECT_EQ(DeltaError(data, 2),
            "delta_byte_array prefix length 3 of value 1 is longer than the "
            "previous value (2 bytes)");
}

TEST_P(DeltaDecoding, RejectsPrefixOnTheFirstValue) {
  Bytes data = Lengths({1});
  testing::Append(&data, Lengths({1}));
  testing::Append(&data, ToBytes("a"));
  EXPECT_EQ(DeltaError(data, 1),
            "delta_byte_array prefix length 1 of value 0 is longer than the "
            "previous value (0 bytes)");
}

TEST_P(DeltaDecoding, RejectsNegativePrefixLength) {
  Bytes data = Lengths({0, -2});
  testing::Append(&data, Lengths({1, 1}));
  testing::Append(&data, ToBytes("ab"));
  EXPECT_EQ(DeltaError(data, 2),
            "delta_byte_array prefix length -2 of value 1 is negative");
}

TEST_P(DeltaDecoding, RejectsSuffixBeyondTheData) {
  Bytes data = Lengths({0, 1});
  testing::Append(&data, Lengths({2, 4}));
  testing::Append(&data, ToBytes("abcd"));
  EXPECT_EQ(DeltaError(data, 2),
            "delta_byte_array value 1 has length 4, 2 bytes remain");
}

TEST_P(DeltaDecoding, RejectsSuffixCountOtherThanPrefixCount) {
  Bytes data = Lengths({0, 1});
  testing::Append(&data, Lengths({2}));
  testing::Append(&data, ToBytes("ab"));
  EXPECT_EQ(DeltaError(data, 2),
            "delta_byte_array holds 1 suffix lengths, 2 expected");
}

TEST_P(DeltaDecoding, RejectsValuesExpandingBeyond2GiB) {
  // One 65536-byte value, then 32768 values repeating it as their prefix:
  // 65536 * 32769 bytes, past INT32_MAX at value 32767.
  std::vector<int64_t> prefixes(32769, 65536);
  std::vector<int64_t> suffixes(32769, 0);
  prefixes[0] = 0;
  suffixes[0] = 65536;
  Bytes data = Lengths(prefixes);
  testing::Append(&data, Lengths(suffixes));
  testing::Append(&data, Bytes(65536, 'x'));
  EXPECT_EQ(DeltaError(data, 32769),
            "delta_byte_array values total more than 2147483647 bytes by value "
            "32767");
}

}  // namespace
}  // namespace jao::parquet
