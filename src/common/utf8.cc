#include "common/utf8.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace jao {

namespace {

// Length of the well-formed sequence at `p`, 0 when it is not one.
int SequenceLength(const uint8_t* p, const uint8_t* end) {
  uint8_t b = *p;
  if (b < 0x80) return 1;
  int extra;
  uint8_t lo = 0x80;
  uint8_t hi = 0xBF;
  // The first continuation byte's range is narrowed to exclude overlong
  // forms (E0, F0), surrogates (ED) and code points above U+10FFFF (F4).
  if (b >= 0xC2 && b <= 0xDF) {
    extra = 1;
  } else if (b >= 0xE0 && b <= 0xEF) {
    extra = 2;
    if (b == 0xE0) lo = 0xA0;
    if (b == 0xED) hi = 0x9F;
  } else if (b >= 0xF0 && b <= 0xF4) {
    extra = 3;
    if (b == 0xF0) lo = 0x90;
    if (b == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (end - p <= extra) return 0;
  if (p[1] < lo || p[1] > hi) return 0;
  for (int i = 2; i <= extra; ++i) {
    if ((p[i] & 0xC0) != 0x80) return 0;
  }
  return extra + 1;
}

// IsValidUtf8 runs a DFA over RFC 3629's table of well-formed sequences,
// one table load and one shift a byte, with no branch on the byte: text
// that mixes ASCII with accented letters, CJK and emoji mispredicts every
// branch of a per-sequence decoder. Each state is a bit offset (6 bits a
// state); the row of byte b packs, at each state's offset, the offset of
// the state b leads to. kError is a sink, so the state is checked once, at
// the end.
enum State : uint64_t {
  kAccept = 0,  // between sequences
  kError = 6,
  kNeed1 = 12,  // one continuation byte (80..BF) to go
  kNeed2 = 18,
  kNeed3 = 24,
  kAfterE0 = 30,  // A0..BF, then one more: no overlong 3-byte form
  kAfterED = 36,  // 80..9F, then one more: no surrogate
  kAfterF0 = 42,  // 90..BF, then two more: no overlong 4-byte form
  kAfterF4 = 48,  // 80..8F, then two more: nothing above U+10FFFF
};
constexpr State kStates[] = {kAccept,  kError,   kNeed1,   kNeed2,  kNeed3,
                             kAfterE0, kAfterED, kAfterF0, kAfterF4};

constexpr State Next(State state, unsigned b) {
  const bool continuation = b >= 0x80 && b <= 0xBF;
  switch (state) {
    case kAccept:
      if (b < 0x80) return kAccept;
      if (b >= 0xC2 && b <= 0xDF) return kNeed1;
      if (b == 0xE0) return kAfterE0;
      if (b == 0xED) return kAfterED;
      if (b >= 0xE1 && b <= 0xEF) return kNeed2;
      if (b == 0xF0) return kAfterF0;
      if (b >= 0xF1 && b <= 0xF3) return kNeed3;
      if (b == 0xF4) return kAfterF4;
      return kError;
    case kNeed1:
      return continuation ? kAccept : kError;
    case kNeed2:
      return continuation ? kNeed1 : kError;
    case kNeed3:
      return continuation ? kNeed2 : kError;
    case kAfterE0:
      return b >= 0xA0 && b <= 0xBF ? kNeed1 : kError;
    case kAfterED:
      return b >= 0x80 && b <= 0x9F ? kNeed1 : kError;
    case kAfterF0:
      return b >= 0x90 && b <= 0xBF ? kNeed2 : kError;
    case kAfterF4:
      return b >= 0x80 && b <= 0x8F ? kNeed2 : kError;
    case kError:
      return kError;
  }
  return kError;
}

struct Transitions {
  uint64_t row[256] = {};
};

constexpr Transitions MakeTransitions() {
  Transitions t;
  for (unsigned b = 0; b < 256; ++b) {
    for (State state : kStates) {
      t.row[b] |= uint64_t{Next(state, b)} << state;
    }
  }
  return t;
}

constexpr Transitions kTransitions = MakeTransitions();

// Whether the 16 bytes at `p` are all ASCII (no byte with its high bit).
bool SixteenAscii(const uint8_t* p) {
  uint64_t a;
  uint64_t b;
  std::memcpy(&a, p, 8);
  std::memcpy(&b, p + 8, 8);
  return ((a | b) & 0x8080808080808080u) == 0;
}

// The DFA over [p, end), from kAccept; the state it ends in.
uint64_t RunDfa(const uint8_t* p, const uint8_t* end) {
  uint64_t state = kAccept;
  while (p < end) {
    // Runs of ASCII between sequences, 16 bytes at a time.
    if (state == kAccept && end - p >= 16 && SixteenAscii(p)) {
      p += 16;
      continue;
    }
    const uint8_t* stop = std::min(end, p + 16);
    for (; p < stop; ++p) state = (kTransitions.row[*p] >> state) & 63;
    if (state == kError) return kError;
  }
  return state;
}

// Long texts that are not ASCII run as two halves at once, the two DFAs'
// dependency chains interleaved (each byte's step waits for the previous
// step of its own half only). The halves meet at a byte that is not a
// continuation byte (10xxxxxx): every sequence of a valid text starts at
// one, so the text is valid exactly when both halves are.
constexpr size_t kTwoHalvesFrom = 512;

bool TwoHalvesValid(const uint8_t* begin, const uint8_t* end) {
  const uint8_t* mid = begin + (end - begin) / 2;
  for (int skipped = 0; (*mid & 0xC0) == 0x80; ++skipped, ++mid) {
    if (skipped == 3) return false;  // 4 continuation bytes in a row
  }
  const size_t n = static_cast<size_t>(std::min(mid - begin, end - mid));
  uint64_t first = kAccept;
  uint64_t second = kAccept;
  for (size_t i = 0; i < n; ++i) {
    first = (kTransitions.row[begin[i]] >> first) & 63;
    second = (kTransitions.row[mid[i]] >> second) & 63;
  }
  for (const uint8_t* p = begin + n; p < mid; ++p)
    first = (kTransitions.row[*p] >> first) & 63;
  for (const uint8_t* p = mid + n; p < end; ++p)
    second = (kTransitions.row[*p] >> second) & 63;
  return first == kAccept && second == kAccept;
}

}  // namespace

bool IsValidUtf8(std::string_view text) {
  const auto* begin = reinterpret_cast<const uint8_t*>(text.data());
  const uint8_t* end = begin + text.size();
  if (text.size() >= kTwoHalvesFrom && !SixteenAscii(begin))
    return TwoHalvesValid(begin, end);
  return RunDfa(begin, end) == kAccept;
}

std::string ReplaceInvalidUtf8(std::string_view text) {
  const auto* begin = reinterpret_cast<const uint8_t*>(text.data());
  const uint8_t* end = begin + text.size();
  std::string out;
  out.reserve(text.size());
  for (const uint8_t* p = begin; p < end;) {
    const int length = SequenceLength(p, end);
    if (length == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++p;
    } else {
      out.append(reinterpret_cast<const char*>(p), length);
      p += length;
    }
  }
  return out;
}

bool ContainsNul(std::string_view text) {
  return std::memchr(text.data(), 0, text.size()) != nullptr;
}

size_t CountCodePoints(std::string_view text) {
  size_t count = 0;
  for (char c : text) {
    if ((static_cast<uint8_t>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

}  // namespace jao
