#include "common/utf8.h"

#include <gtest/gtest.h>

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
