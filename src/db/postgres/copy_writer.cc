// Binary COPY encoding; see postgres/copy_writer.h.
#include "db/postgres/copy_writer.h"

#include <vector>

namespace jao::db::postgres {
namespace {

void AppendBigEndian(std::string& out, uint64_t v, int bytes) {
  for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((v >> shift) & 0xff));
  }
}

// numeric's sign word for negative values (NUMERIC_NEG in numeric.c).
constexpr uint16_t kNumericNegative = 0x4000;

}  // namespace

std::string EncodeInt4(int32_t v) {
  std::string out;
  AppendBigEndian(out, static_cast<uint32_t>(v), 4);
  return out;
}

std::string EncodeInt8(int64_t v) {
  std::string out;
  AppendBigEndian(out, static_cast<uint64_t>(v), 8);
  return out;
}

std::string EncodeBool(bool v) { return std::string(1, v ? '\1' : '\0'); }

std::string EncodeTimestamptz(int64_t unix_micros) {
  return EncodeInt8(unix_micros - kPostgresEpochOffsetUs);
}

std::string EncodeNumericHundredths(int64_t hundredths) {
  // Magnitude as unsigned so that INT64_MIN does not overflow.
  const bool negative = hundredths < 0;
  const uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(hundredths)
                                      : static_cast<uint64_t>(hundredths);
  uint64_t integer_part = magnitude / 100;
  // The two decimals fill the first base-10000 digit after the point.
  const uint16_t fraction_digit =
      static_cast<uint16_t>((magnitude % 100) * 100);

  std::vector<uint16_t> integer_digits;  // least significant first
  while (integer_part > 0) {
    integer_digits.push_back(static_cast<uint16_t>(integer_part % 10000));
    integer_part /= 10000;
  }
  std::vector<uint16_t> digits(integer_digits.rbegin(), integer_digits.rend());
  digits.push_back(fraction_digit);
  int weight = static_cast<int>(integer_digits.size()) - 1;

  // Canonical form, as PostgreSQL itself sends it: no leading or trailing
  // zero digits; zero has no digits, weight 0 and a positive sign.
  size_t first = 0;
  while (first < digits.size() && digits[first] == 0) {
    ++first;
    --weight;
  }
  size_t end = digits.size();
  while (end > first && digits[end - 1] == 0) --end;
  const bool zero = first == end;

  std::string out;
  AppendBigEndian(out, zero ? 0 : end - first, 2);
  AppendBigEndian(out, static_cast<uint16_t>(zero ? 0 : weight), 2);
  AppendBigEndian(out, negative && !zero ? kNumericNegative : 0, 2);
  AppendBigEndian(out, 2, 2);  // dscale: numeric(p,2)
  for (size_t i = first; i < end; ++i) AppendBigEndian(out, digits[i], 2);
  return out;
}

CopyWriter::CopyWriter() {
  static constexpr char kSignature[] = "PGCOPY\n\377\r\n";
  buffer_.append(kSignature, sizeof(kSignature));  // includes the final \0
  AppendBigEndian(buffer_, 0, 4);                  // flags: no OIDs
  AppendBigEndian(buffer_, 0, 4);                  // header extension length
}

void CopyWriter::BeginTuple(int16_t field_count) {
  AppendBigEndian(buffer_, static_cast<uint16_t>(field_count), 2);
  ++tuples_;
}

void CopyWriter::AddField(std::string_view bytes) {
  AppendBigEndian(buffer_, static_cast<uint32_t>(bytes.size()), 4);
  buffer_.append(bytes);
}

void CopyWriter::AddNull() { AppendBigEndian(buffer_, 0xffffffffu, 4); }
void CopyWriter::AddInt4(int32_t v) { AddField(EncodeInt4(v)); }
void CopyWriter::AddInt8(int64_t v) { AddField(EncodeInt8(v)); }
void CopyWriter::AddBool(bool v) { AddField(EncodeBool(v)); }
void CopyWriter::AddText(std::string_view v) { AddField(v); }
void CopyWriter::AddBytea(std::string_view v) { AddField(v); }
void CopyWriter::AddTimestamptz(int64_t unix_micros) {
  AddField(EncodeTimestamptz(unix_micros));
}
void CopyWriter::AddNumericHundredths(int64_t hundredths) {
  AddField(EncodeNumericHundredths(hundredths));
}

void CopyWriter::TakeBytes(std::string* out) {
  out->swap(buffer_);
  buffer_.clear();
}

std::string CopyWriter::Finish() && {
  AppendBigEndian(buffer_, 0xffff, 2);  // trailer: field count -1
  return std::move(buffer_);
}

}  // namespace jao::db::postgres
