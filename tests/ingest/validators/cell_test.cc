// A cell as the validators see it: the type named in a column's type error.
#include "ingest/validators/cell.h"

#include <gtest/gtest.h>

#include "ingest/batch_support.h"
#include "ingest/validators/count.h"
#include "ingest/validators/id.h"
#include "ingest/validators/statistic.h"
#include "ingest/validators/text.h"

namespace jao::ingest {
namespace {

using parquet::TimeUnit;
using parquet::Type;

// Issue 21, item 8: a TIMESTAMP vacancy_id was described as "is INT64,
// expected an integer", which reads as if an INT64 were refused; the
// message names the logical type, then the physical one, as `inspect`
// spells them.
TEST(TypeError, NamesTheLogicalTypeBeforeThePhysicalOne) {
  EXPECT_EQ(
      CheckIdColumn(testing::TimestampColumn("vacancy_id", TimeUnit::MICROS))
          .message(),
      "column 'vacancy_id' is TIMESTAMP(MICROS, utc=false) (INT64), expected "
      "an integer");
  EXPECT_EQ(
      CheckCountColumn(testing::DateColumn("number_of_applications")).message(),
      "column 'number_of_applications' is DATE (INT32), expected a "
      "number");
  EXPECT_EQ(CheckPercentColumn(testing::StringColumn("gender__Male")).message(),
            "column 'gender__Male' is STRING (BYTE_ARRAY), expected a number");
}

TEST(TypeError, AColumnWithoutALogicalTypeIsNamedByItsPhysicalType) {
  EXPECT_EQ(CheckTextColumn(testing::PlainColumn("vacancy_title", Type::INT64))
                .message(),
            "column 'vacancy_title' is INT64, expected a string");
  parquet::ColumnDescriptor list = testing::StringListColumn("vacancy_id");
  EXPECT_EQ(CheckIdColumn(list).message(),
            "column 'vacancy_id' is a list of STRING (BYTE_ARRAY), expected an "
            "integer");
}

}  // namespace
}  // namespace jao::ingest
