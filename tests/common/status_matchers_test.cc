// The Status matchers themselves: each must be able to fail, and a failure
// must show the status text.
#include <gmock/gmock.h>
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <string>

#include "common/status_matchers_support.h"

namespace jao {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Result<int> Parsed(bool good) {
  if (good) return 7;
  return Status::Corrupt("bad page");
}

TEST(StatusMatchers, IsOkAcceptsOkStatusAndResult) {
  EXPECT_THAT(Status::Ok(), IsOk());
  EXPECT_THAT(Parsed(true), IsOk());
}

TEST(StatusMatchers, IsOkRefusesErrors) {
  EXPECT_THAT(Status::Corrupt("bad page"), Not(IsOk()));
  EXPECT_THAT(Parsed(false), Not(IsOk()));
}

TEST(StatusMatchers, IsOkFailureShowsTheStatusText) {
  EXPECT_NONFATAL_FAILURE(EXPECT_THAT(Status::Io("disk gone"), IsOk()),
                          "io: disk gone");
  EXPECT_NONFATAL_FAILURE(EXPECT_THAT(Parsed(false), IsOk()),
                          "corrupt: bad page");
  EXPECT_FATAL_FAILURE(ASSERT_THAT(Parsed(false), IsOk()), "corrupt: bad page");
}

TEST(StatusMatchers, StatusIsChecksTheCode) {
  EXPECT_THAT(Status::Io("disk gone"), StatusIs(StatusCode::kIo));
  EXPECT_THAT(Status::Io("disk gone"), Not(StatusIs(StatusCode::kCorrupt)));
  EXPECT_THAT(Parsed(false), StatusIs(StatusCode::kCorrupt));
  EXPECT_THAT(Parsed(false), Not(StatusIs(StatusCode::kIo)));
}

TEST(StatusMatchers, StatusIsChecksTheMessage) {
  EXPECT_THAT(Parsed(false), StatusIs(StatusCode::kCorrupt, "bad page"));
  EXPECT_THAT(Parsed(false),
              Not(StatusIs(StatusCode::kCorrupt, "corrupt: bad page")));
  EXPECT_THAT(Parsed(false), Not(StatusIs(StatusCode::kIo, "bad page")));
  EXPECT_THAT(Parsed(false), StatusIs(::testing::_, HasSubstr("bad")));
  EXPECT_THAT(Parsed(false), Not(StatusIs(::testing::_, "bad")));
  EXPECT_THAT(Status::Corrupt(std::string("bad page")),
              StatusIs(StatusCode::kCorrupt, std::string("bad page")));
}

TEST(StatusMatchers, StatusIsNeverMatchesOk) {
  EXPECT_THAT(Status::Ok(), Not(StatusIs(::testing::_, "")));
  EXPECT_THAT(Status::Ok(), Not(StatusIs(::testing::_, ::testing::_)));
  EXPECT_THAT(Status::Ok(), Not(StatusIs(StatusCode::kOk)));
  EXPECT_THAT(Parsed(true), Not(StatusIs(::testing::_, ::testing::_)));
}

TEST(StatusMatchers, StatusIsExplainsWhatDiffers) {
  ::testing::StringMatchResultListener listener;
  EXPECT_FALSE(::testing::ExplainMatchResult(
      StatusIs(StatusCode::kIo, "good page"), Parsed(false), &listener));
  EXPECT_EQ(listener.str(),
            "whose code is corrupt and whose message does not match");
  EXPECT_EQ(::testing::DescribeMatcher<Status>(
                StatusIs(StatusCode::kIo, "good page")),
            "is an error with code io whose message is equal to \"good page\"");
  EXPECT_EQ(::testing::DescribeMatcher<Status>(IsOk()), "is ok");
  EXPECT_NONFATAL_FAILURE(
      EXPECT_THAT(Parsed(true), StatusIs(StatusCode::kCorrupt)),
      "ok, holding 7");
}

TEST(StatusMatchers, PrintsStatusAsItsText) {
  EXPECT_EQ(::testing::PrintToString(Status::Database("gone")),
            "database: gone");
  EXPECT_EQ(::testing::PrintToString(Parsed(false)), "corrupt: bad page");
  EXPECT_EQ(::testing::PrintToString(Status::Ok()), "ok");
}

}  // namespace
}  // namespace jao
