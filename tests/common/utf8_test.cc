#include "common/utf8.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

namespace jao {
namespace {

TEST(Utf8, AcceptsAsciiAndMultiByteCharacters) {
  EXPECT_TRUE(IsValidUtf8("plain"));
  EXPECT_TRUE(
      IsValidUtf8("\xC2\xA3"
                  "25,000"));                            // £
  EXPECT_TRUE(IsValidUtf8("caf\xC3\xA9 \xE2\x82\xAC"));  // café €
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));          // U+1F600
  EXPECT_TRUE(IsValidUtf8(""));
}

TEST(Utf8, RejectsALoneLatin1Byte) { EXPECT_FALSE(IsValidUtf8("caf\xE9")); }

TEST(Utf8, RejectsATruncatedSequence) { EXPECT_FALSE(IsValidUtf8("\xE2\x82")); }

TEST(Utf8, RejectsAnOverlongEncoding) {
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));
}

TEST(Utf8, RejectsASurrogate) { EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80")); }

TEST(Utf8, RejectsCodePointsAbove10FFFF) {
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));
}

// Long ASCII runs are checked 16 bytes at a time: a sequence placed at every
// offset of a 40-byte ASCII text, across the 16-byte steps, is judged as on
// its own (RFC 3629).
TEST(Utf8, JudgesASequenceAtEveryOffsetOfALongAsciiText) {
  struct Case {
    std::string_view bytes;
    bool valid;
  };
  const Case cases[] = {
      {"\xC3\xA9", true},           // é
      {"\xE2\x82\xAC", true},       // €
      {"\xF0\x9F\x98\x80", true},   // U+1F600
      {"\xE9", false},              // a Latin-1 byte
      {"\xFF", false},              // never in UTF-8
      {"\x80", false},              // a lone continuation byte
      {"\xED\xA0\x80", false},      // a surrogate
      {"\xC0\xAF", false},          // overlong
      {"\xF4\x90\x80\x80", false},  // above U+10FFFF
  };
  for (const Case& c : cases) {
    for (size_t offset = 0; offset <= 40; ++offset) {
      std::string text(40, 'a');
      text.insert(offset, c.bytes);
      EXPECT_EQ(IsValidUtf8(text), c.valid)
          << "offset " << offset << " of " << text.size() << " bytes";
    }
  }
}

// RFC 3629's encoding, written out here: 1 to 4 bytes by the code point's
// size (`length` forces a longer, overlong form).
std::string Encode(uint32_t cp, int length) {
  std::string out;
  if (length == 1) return std::string(1, static_cast<char>(cp));
  const uint8_t lead[] = {0, 0, 0xC0, 0xE0, 0xF0};
  out += static_cast<char>(lead[length] | (cp >> (6 * (length - 1))));
  for (int i = length - 2; i >= 0; --i)
    out += static_cast<char>(0x80 | ((cp >> (6 * i)) & 0x3F));
  return out;
}

int ShortestLength(uint32_t cp) {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

TEST(Utf8, AcceptsEveryScalarValueAndNoSurrogateOrOverlongForm) {
  int wrong = 0;
  for (uint32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    const bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
    const int shortest = ShortestLength(cp);
    // Surrounded by ASCII, so that the 16-byte steps see it too.
    if (IsValidUtf8("abc" + Encode(cp, shortest) + "defghijklmnopqrstu") ==
        surrogate) {
      ++wrong;
    }
    for (int longer = std::max(shortest + 1, 2); longer <= 4; ++longer) {
      if (IsValidUtf8(Encode(cp, longer))) ++wrong;
    }
  }
  EXPECT_EQ(wrong, 0);
  // Beyond U+10FFFF, in the 4-byte form's reach.
  EXPECT_FALSE(IsValidUtf8(Encode(0x110000, 4)));
  EXPECT_FALSE(IsValidUtf8(Encode(0x1FFFFF, 4)));
}

// Texts of 512 bytes or more that do not start with 16 ASCII bytes are
// checked as two halves that meet at a sequence start near the middle.
TEST(Utf8, JudgesLongTextsCutAnywhereAroundTheMiddle) {
  std::string unit = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";  // a é € 😀
  std::string text;
  for (int i = 0; i < 100; ++i) text += unit;
  // A prefix is valid exactly when it ends at a sequence start of the unit:
  // byte 0 (a), 1 (é), 3 (€) or 6 (😀) of it.
  for (size_t cut = 512; cut <= 1000; ++cut) {
    const size_t at = cut % unit.size();
    const bool boundary = at == 0 || at == 1 || at == 3 || at == 6;
    EXPECT_EQ(IsValidUtf8(std::string_view(text).substr(0, cut)), boundary)
        << "cut " << cut;
  }
}

TEST(Utf8, JudgesASequenceAtEveryOffsetAroundTheMiddleOfALongText) {
  struct Case {
    std::string_view bytes;
    bool valid;
  };
  const Case cases[] = {
      {"\xE2\x82\xAC", true},       // €
      {"\xF0\x9F\x98\x80", true},   // U+1F600
      {"\xFF", false},              // never in UTF-8
      {"\x80\x80\x80\x80", false},  // continuation bytes only
      {"\xED\xA0\x80", false},      // a surrogate
      {"\xF4\x90\x80\x80", false},  // above U+10FFFF
  };
  std::string base;
  for (int i = 0; i < 300; ++i) base += "\xC3\xA9";  // é, 600 bytes
  for (const Case& c : cases) {
    for (size_t offset = 280; offset <= 320; ++offset) {
      std::string text = base;
      text.insert(offset, c.bytes);
      // Inside an é (odd offset) the insertion breaks it.
      EXPECT_EQ(IsValidUtf8(text), c.valid && offset % 2 == 0)
          << "offset " << offset;
    }
  }
}

TEST(Utf8, RejectsASequenceCutByTheEndOfALongText) {
  for (size_t ascii = 0; ascii <= 40; ++ascii) {
    EXPECT_FALSE(IsValidUtf8(std::string(ascii, 'a') + "\xE2\x82"))
        << ascii << " ASCII bytes before";
    EXPECT_FALSE(IsValidUtf8(std::string(ascii, 'a') + "\xF0\x9F\x98"))
        << ascii << " ASCII bytes before";
  }
}

TEST(Utf8, FindsANulByte) {
  EXPECT_TRUE(ContainsNul(std::string_view("a\0b", 3)));
  EXPECT_FALSE(ContainsNul("ab"));
}

TEST(Utf8, CountsCodePointsNotBytes) {
  EXPECT_EQ(CountCodePoints("\xC2\xA3"
                            "1"),
            2u);
}

}  // namespace
}  // namespace jao
