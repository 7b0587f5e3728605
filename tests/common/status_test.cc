#include "common/status.h"

#include <gtest/gtest.h>

#include "common/status_matchers_support.h"

namespace jao {
namespace {

Result<int> Half(int n) {
  if (n % 2 != 0)
    return Status::InvalidArgument("odd number " + std::to_string(n));
  return n / 2;
}

Result<int> Quarter(int n) {
  ASSIGN_OR_RETURN(int half, Half(n));
  ASSIGN_OR_RETURN(int quarter, Half(half));
  return quarter;
}

TEST(Status, ContextIsPrependedOnce) {
  Status s = Status::Corrupt("compressed_page_size -4 is negative")
                 .WithContext("page at offset 4");
  EXPECT_EQ(s.message(),
            "page at offset 4: compressed_page_size -4 is negative");
  EXPECT_EQ(s.code(), StatusCode::kCorrupt);
  EXPECT_EQ(s.ToString(),
            "corrupt: page at offset 4: compressed_page_size -4 is negative");
}

TEST(Status, AssignOrReturnPropagatesTheFirstError) {
  EXPECT_EQ(*Quarter(8), 2);
  Result<int> r = Quarter(6);
  ASSERT_THAT(r, StatusIs(::testing::_, "odd number 3"));
}

TEST(Status, ResultFromOkStatusIsAnInternalError) {
  Result<int> r = Status::Ok();
  ASSERT_THAT(r, StatusIs(StatusCode::kInternal));
}

}  // namespace
}  // namespace jao
