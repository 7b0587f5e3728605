// PostgreSQL's binary COPY format (COPY ... FROM STDIN WITH (FORMAT binary)),
// written into a byte buffer that the loader sends with PQputCopyData. Only
// the types the loader COPYs: int4, int8, bool, text, bytea, timestamptz
// and numeric. Layout (PostgreSQL docs, "COPY", Binary Format): the 11-byte
// signature "PGCOPY\n\377\r\n\0", int32 flags 0, int32 header extension 0;
// per tuple an int16 field count then per field an int32 byte length (-1 for
// NULL) and the value in the type's send format, all big-endian; an int16 -1
// trailer.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace jao::db::postgres {

// Microseconds between 1970-01-01 and PostgreSQL's epoch 2000-01-01 (UTC).
inline constexpr int64_t kPostgresEpochOffsetUs = 946684800LL * 1000000LL;

// The send format of one value, without the length word. Exposed so that
// tests can pin the bytes.
std::string EncodeInt4(int32_t v);
std::string EncodeInt8(int64_t v);
std::string EncodeBool(bool v);
// timestamptz: int64 microseconds since 2000-01-01 UTC.
std::string EncodeTimestamptz(int64_t unix_micros);
// numeric with scale 2 from exact hundredths: int16 ndigits, int16 weight,
// int16 sign (0x0000 or 0x4000), int16 dscale (2), then ndigits base-10000
// digits, most significant first, without leading or trailing zero digits.
std::string EncodeNumericHundredths(int64_t hundredths);

// Builds one COPY stream. Call BeginTuple(n) and then exactly n Add* calls
// per row; Finish() appends the trailer and returns the bytes (those not
// taken before by TakeBytes).
class CopyWriter {
 public:
  CopyWriter();

  void BeginTuple(int16_t field_count);
  void AddNull();
  void AddInt4(int32_t v);
  void AddInt8(int64_t v);
  void AddBool(bool v);
  void AddText(std::string_view v);
  // bytea's send format is the bytes themselves.
  void AddBytea(std::string_view v);
  void AddTimestamptz(int64_t unix_micros);
  void AddNumericHundredths(int64_t hundredths);

  int64_t tuples() const { return tuples_; }
  size_t buffered_bytes() const { return buffer_.size(); }
  // Moves the bytes written so far into `out` (replacing its contents), so
  // that a long stream can be sent in pieces; later calls go on from there.
  void TakeBytes(std::string* out);
  std::string Finish() &&;

 private:
  void AddField(std::string_view bytes);

  std::string buffer_;
  int64_t tuples_ = 0;
};

}  // namespace jao::db::postgres
