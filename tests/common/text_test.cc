#include "common/text.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <string>
#include <vector>

namespace jao {
namespace {

// Issue 21, item 10: what the seed design's Python strips, printed by
// Python 3.11.7 on the development machine:
//   python3 -c "print([hex(c) for c in range(0x110000) if chr(c).isspace()])"
// (the Unicode White_Space property plus the bidirectional classes WS, B
// and S; the spec's white space, ../shared/spec/legacy-parquet.md). Old
// code trimmed only the six ASCII characters space, \t, \n, \v, \f, \r.
constexpr char32_t kPythonWhiteSpace[] = {
    0x9,    0xa,    0xb,    0xc,    0xd,    0x1c,   0x1d,   0x1e,
    0x1f,   0x20,   0x85,   0xa0,   0x1680, 0x2000, 0x2001, 0x2002,
    0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a,
    0x2028, 0x2029, 0x202f, 0x205f, 0x3000};

bool IsPythonWhiteSpace(char32_t c) {
  return std::find(std::begin(kPythonWhiteSpace), std::end(kPythonWhiteSpace),
                   c) != std::end(kPythonWhiteSpace);
}

// UTF-8 by the table of RFC 3629, section 3.
std::string Utf8(char32_t c) {
  std::string out;
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
  return out;
}

// Every Unicode scalar value (surrogates are not characters).
template <typename F>
void ForEveryCharacter(F f) {
  for (char32_t c = 0; c <= 0x10FFFF; ++c) {
    if (c < 0xD800 || c > 0xDFFF) f(c);
  }
}

TEST(Text, TrimRemovesAsciiWhiteSpaceAtBothEnds) {
  EXPECT_EQ(TrimWhiteSpace(" \t\r\n Policy Advisor \v\f"), "Policy Advisor");
  EXPECT_EQ(TrimWhiteSpace("   "), "");
}

TEST(Text, TrimRemovesExactlyWhatPythonStrips) {
  std::vector<char32_t> wrong;
  int trimmed = 0;
  ForEveryCharacter([&](char32_t c) {
    const std::string text = Utf8(c);
    const bool gone = TrimWhiteSpace(text).empty();
    trimmed += gone ? 1 : 0;
    if (gone != IsPythonWhiteSpace(c)) wrong.push_back(c);
  });
  EXPECT_TRUE(wrong.empty()) << wrong.size() << " characters differ, first U+"
                             << std::hex << (wrong.empty() ? 0 : wrong[0]);
  EXPECT_EQ(trimmed, 29);
}

TEST(Text, TrimRemovesUnicodeWhiteSpaceAtBothEnds) {
  // NBSP + x + NBSP; U+3000 IDEOGRAPHIC SPACE; U+2029 PARAGRAPH SEPARATOR.
  EXPECT_EQ(TrimWhiteSpace("\xC2\xA0x\xC2\xA0"), "x");
  EXPECT_EQ(TrimWhiteSpace("\xE3\x80\x80"), "");
  EXPECT_EQ(TrimWhiteSpace("\xE2\x80\xA9 Policy\xC2\xA0"
                           "Advisor\xE3\x80\x80\t"),
            "Policy\xC2\xA0"
            "Advisor");
}

TEST(Text, TrimKeepsZeroWidthAndByteOrderMarks) {
  // U+200B ZERO WIDTH SPACE and U+FEFF are not white space to Python.
  EXPECT_EQ(TrimWhiteSpace("\xE2\x80\x8Bx\xEF\xBB\xBF"),
            "\xE2\x80\x8Bx\xEF\xBB\xBF");
}

TEST(Text, TrimLeavesPiecesOfCharactersAlone) {
  // A lone continuation byte A0 is not NBSP (C2 A0); a cut U+3000 is not
  // white space.
  EXPECT_EQ(TrimWhiteSpace("\xA0x\xA0"), "\xA0x\xA0");
  EXPECT_EQ(TrimWhiteSpace("x\xE3\x80"), "x\xE3\x80");
  EXPECT_EQ(TrimWhiteSpace("\x80\x80x"), "\x80\x80x");
}

TEST(Text, CleanNameCollapsesRunsOfWhiteSpace) {
  EXPECT_EQ(CleanName("  Senior \t Executive  Officer "),
            "Senior Executive Officer");
}

TEST(Text, CleanNameCollapsesRunsOfUnicodeWhiteSpace) {
  EXPECT_EQ(CleanName("\xE3\x80\x80Senior\xC2\xA0\xE2\x80\x83"
                      "Executive\xE2\x80\xA9"),
            "Senior Executive");
  EXPECT_EQ(CleanName("\xC2\xA0\xE3\x80\x80"), "");
}

TEST(Text, CleanNameSeparatesWordsAtExactlyWhatPythonSplitsOn) {
  std::vector<char32_t> wrong;
  ForEveryCharacter([&](char32_t c) {
    const std::string text = "a" + Utf8(c) + "b";
    const bool space = IsPythonWhiteSpace(c);
    // Python: " ".join(text.split()).
    const std::string want = space ? "a b" : text;
    if (CleanName(text) != want || IsCleanName(text) != (text == want)) {
      wrong.push_back(c);
    }
  });
  EXPECT_TRUE(wrong.empty()) << wrong.size() << " characters differ, first U+"
                             << std::hex << (wrong.empty() ? 0 : wrong[0]);
}

TEST(Text, CleanNameKeepsCase) { EXPECT_EQ(CleanName("HEO"), "HEO"); }

TEST(Text, CleanNameOfWhiteSpaceIsEmpty) { EXPECT_EQ(CleanName(" \t "), ""); }

TEST(Text, IsCleanNameAgreesWithCleanName) {
  EXPECT_TRUE(IsCleanName("Grade 7"));
  EXPECT_FALSE(IsCleanName("Grade  7"));
  EXPECT_FALSE(IsCleanName("Grade\t7"));
  EXPECT_FALSE(IsCleanName(" Grade 7"));
  EXPECT_FALSE(IsCleanName("Grade 7\xC2\xA0"));
  EXPECT_FALSE(
      IsCleanName("Grade\xE3\x80\x80"
                  "7"));
  EXPECT_FALSE(
      IsCleanName("Grade \xC2\xA0"
                  "7"));
  EXPECT_TRUE(IsCleanName(""));
}

}  // namespace
}  // namespace jao
