// The SQL form of the newer-wins rule (SupersedesSql, used in the upsert's
// ON CONFLICT clause) agrees with Supersedes on microsecond timestamps.
#include "db/newer_wins.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "test_support.h"

namespace jao::db::postgres {
namespace {

class PgNewerWinsTest : public PgTest {
 protected:
  // Supersedes evaluated by PostgreSQL on two timestamptz values.
  std::string SqlSupersedes(int64_t incoming_us, int64_t held_us) {
    return Query(fmt::format(
        "SELECT {} FROM "
        "(SELECT 'epoch'::timestamptz + {} * interval '1 microsecond' "
        "AS last_updated) AS incoming, "
        "(SELECT 'epoch'::timestamptz + {} * interval '1 microsecond' "
        "AS last_updated) AS held",
        SupersedesSql("incoming", "held"), incoming_us, held_us));
  }
};

TEST_F(PgNewerWinsTest, SqlAgreesWithTheRuleOnNewerEqualAndOlder) {
  const int64_t pairs[][2] = {{kMay1Us + 1, kMay1Us},
                              {kMay1Us, kMay1Us},
                              {kMay1Us - 1, kMay1Us},
                              {kJune1Us, kMay1Us},
                              {kMay1Us, kJune1Us}};
  for (const auto& [incoming, held] : pairs) {
    EXPECT_EQ(SqlSupersedes(incoming, held),
              Supersedes(incoming, held) ? "t" : "f")
        << incoming << " vs " << held;
  }
}

}  // namespace
}  // namespace jao::db::postgres
