#include "common/text.h"

#include <gtest/gtest.h>

namespace jao {
namespace {

TEST(Text, TrimRemovesAsciiWhiteSpaceAtBothEnds) {
  EXPECT_EQ(TrimAscii(" \t\r\n Policy Advisor \v\f"), "Policy Advisor");
  EXPECT_EQ(TrimAscii("   "), "");
}

TEST(Text, TrimKeepsNonBreakingSpace) {
  EXPECT_EQ(TrimAscii("\xC2\xA0x"), "\xC2\xA0x");
}

TEST(Text, CleanNameCollapsesRunsOfWhiteSpace) {
  EXPECT_EQ(CleanName("  Senior \t Executive  Officer "),
            "Senior Executive Officer");
}

TEST(Text, CleanNameKeepsCase) { EXPECT_EQ(CleanName("HEO"), "HEO"); }

TEST(Text, CleanNameOfWhiteSpaceIsEmpty) { EXPECT_EQ(CleanName(" \t "), ""); }

TEST(Text, IsCleanNameAgreesWithCleanName) {
  EXPECT_TRUE(IsCleanName("Grade 7"));
  EXPECT_FALSE(IsCleanName("Grade  7"));
  EXPECT_FALSE(IsCleanName("Grade\t7"));
  EXPECT_FALSE(IsCleanName(" Grade 7"));
  EXPECT_TRUE(IsCleanName(""));
}

}  // namespace
}  // namespace jao
