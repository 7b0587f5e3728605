#include "ingest/validators/id.h"

#include <gtest/gtest.h>

#include "ingest/batch_support.h"

namespace jao::ingest {
namespace {

std::string Reason(const testing::OneValue& v) {
  auto outcome = ValidateId(v.cell());
  return outcome.ok() ? "accepted" : outcome.rejection().reason;
}

TEST(IdRule, Int64AndInt32IdsAreRead) {
  testing::OneValue wide = testing::Int64Value(2147483647);
  testing::OneValue narrow = testing::Int32Value(1);
  EXPECT_EQ(ValidateId(wide.cell()).value(), 2147483647);
  EXPECT_EQ(ValidateId(narrow.cell()).value(), 1);
}

TEST(IdRule, NullIsRejected) {
  EXPECT_EQ(Reason(testing::Int64Value(std::nullopt)), "missing vacancy_id");
}

TEST(IdRule, OutsideOneToInt32MaxIsRejected) {
  EXPECT_EQ(Reason(testing::Int64Value(0)), "vacancy_id outside 1..2147483647");
  EXPECT_EQ(Reason(testing::Int64Value(-5)),
            "vacancy_id outside 1..2147483647");
  EXPECT_EQ(Reason(testing::Int64Value(2147483648)),
            "vacancy_id outside 1..2147483647");
}

TEST(IdRule, WholeDoubleIsReadFractionalRejected) {
  testing::OneValue whole = testing::DoubleValue(17.0);
  EXPECT_EQ(ValidateId(whole.cell()).value(), 17);
  EXPECT_EQ(Reason(testing::DoubleValue(17.5)), "fractional vacancy_id");
}

TEST(IdRule, StringColumnIsATypeError) {
  EXPECT_EQ(CheckIdColumn(testing::StringColumn("vacancy_id")).message(),
            "column 'vacancy_id' is STRING (BYTE_ARRAY), expected an integer");
}

// Issue 21, item 5: DECIMAL(18,2) 21474836.47 is unscaled 2147483647; old
// code reported that integer, another (valid) id.
TEST(IdRule, RejectedDecimalShowsItsScaledValue) {
  auto v = testing::DecimalValue(parquet::Type::INT64, 18, 2, 2147483647);
  EXPECT_EQ(Reason(v), "fractional vacancy_id");
  EXPECT_EQ(ValidateId(v.cell()).rejection().value, "21474836.47");
}

}  // namespace
}  // namespace jao::ingest
