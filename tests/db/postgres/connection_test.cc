// Connecting: failures are Database statuses naming user, host and database,
// and a password given in the URL never appears in any message.
#include "db/postgres/connection.h"

#include <gtest/gtest.h>

#include "common/status_matchers_support.h"
#include "db/backends.h"
#include "test_support.h"

namespace jao::db::postgres {
namespace {

constexpr std::string_view kSecret = "s3cret-Pa55word";

class PgConnectionTest : public PgTest {
 protected:
  std::string Url(const std::string& user_and_password, const std::string& db) {
    return "postgresql://" + user_and_password + "@/" + db + "?host=" + host_ +
           "&port=" + port_;
  }
};

TEST_F(PgConnectionTest, WrongPasswordMessageLeavesThePasswordOut) {
  ASSERT_THAT(db_->Exec("CREATE ROLE jao_pw LOGIN PASSWORD 'right'"), IsOk());
  auto loader = OpenLoader(Url("jao_pw:" + std::string(kSecret), database_));
  ASSERT_THAT(
      loader,
      StatusIs(StatusCode::kDatabase,
               "postgresql connection to postgresql://jao_pw@/" + database_ +
                   "?host=" + host_ + "&port=" + port_ +
                   " failed: connection to server on socket \"" + host_ +
                   "/.s.PGSQL." + port_ +
                   "\" failed: FATAL:  password authentication failed for user "
                   "\"jao_pw\""));
  EXPECT_EQ(loader.status().message().find(kSecret), std::string::npos);
}

// Issue 21, defect 7: a wrong password equal to the user, the database,
// the port or a word of the server's message was masked wherever that text
// stood ("for user \"***\"", "postgresql://jao_pw@/***?host="), and a
// one-letter one garbled the line: the message must be the same whatever
// the password is.
TEST_F(PgConnectionTest, WrongPasswordEqualToAnotherPartLeavesTheMessageWhole) {
  // Roles are the cluster's: a name of this test's own.
  ASSERT_THAT(db_->Exec("CREATE ROLE jao_pw_same LOGIN PASSWORD 'right'"),
              IsOk());
  const std::string expected =
      "postgresql connection to postgresql://jao_pw_same@/" + database_ +
      "?host=" + host_ + "&port=" + port_ +
      " failed: connection to server on socket \"" + host_ + "/.s.PGSQL." +
      port_ +
      "\" failed: FATAL:  password authentication failed for user "
      "\"jao_pw_same\"";
  for (const std::string& password :
       {std::string("jao_pw_same"), database_, port_, std::string("connection"),
        std::string("failed"), std::string("FATAL"), std::string("a"),
        std::string("s"), std::string(kSecret)}) {
    EXPECT_THAT(OpenLoader(Url("jao_pw_same:" + password, database_)),
                StatusIs(StatusCode::kDatabase, expected))
        << "password " << password;
  }
}

TEST_F(PgConnectionTest, MissingDatabaseMessageLeavesThePasswordOut) {
  auto loader =
      OpenLoader(Url(user_ + ":" + std::string(kSecret), "no_such_db"));
  ASSERT_THAT(
      loader,
      StatusIs(
          ::testing::_,
          "postgresql connection to postgresql://" + user_ +
              "@/no_such_db?host=" + host_ + "&port=" + port_ +
              " failed: connection to server on socket \"" + host_ +
              "/.s.PGSQL." + port_ +
              "\" failed: FATAL:  database \"no_such_db\" does not exist"));
}

TEST_F(PgConnectionTest, KeyValuePasswordIsLeftOutToo) {
  auto loader = OpenLoader("host='" + host_ + "' port=" + port_ +
                           " user=jao_nobody password='" +
                           std::string(kSecret) + "' dbname=no_such_db");
  ASSERT_FALSE(loader.ok());
  EXPECT_EQ(loader.status().message().find(kSecret), std::string::npos)
      << loader.status().message();
  EXPECT_TRUE(loader.status().message().starts_with(
      "postgresql connection to postgresql://jao_nobody@/no_such_db?host="))
      << loader.status().message();
}

TEST_F(PgConnectionTest, DescribeShowsTheUrlWithoutPassword) {
  auto loader = OpenLoader(Url(user_ + ":" + std::string(kSecret), database_));
  ASSERT_THAT(loader, IsOk());
  EXPECT_EQ((*loader)->Describe(), "postgresql://" + user_ + "@/" + database_ +
                                       "?host=" + host_ + "&port=" + port_);
}

TEST_F(PgConnectionTest, StatementErrorNamesTheStatementAndServerMessage) {
  auto result = db_->Exec("SELECT * FROM no_such_table");
  ASSERT_THAT(result, StatusIs(::testing::_,
                               "postgresql could not run a select statement: "
                               "relation \"no_such_table\" does not exist"));
  EXPECT_EQ(db_->last_sqlstate(), "42P01");
}

TEST_F(PgConnectionTest, CopyInPiecesSendsEveryPiece) {
  ASSERT_THAT(db_->Exec("CREATE TABLE t (v text)"), IsOk());
  int calls = 0;
  Result<int64_t> rows =
      db_->CopyIn("COPY t FROM STDIN", [&](std::string* piece) -> Result<bool> {
        *piece = std::to_string(++calls) + "\n";
        return calls < 3;
      });
  ASSERT_THAT(rows, IsOk());
  EXPECT_EQ(*rows, 3);
  EXPECT_EQ(Query("SELECT v FROM t ORDER BY v"), "1|2|3");
}

// A record that cannot be encoded mid-stream: its error is returned, the
// COPY is cancelled (nothing of it lands) and the connection stays usable.
TEST_F(PgConnectionTest, CopyInPiecesErrorCancelsTheCopy) {
  ASSERT_THAT(db_->Exec("CREATE TABLE t (v text)"), IsOk());
  int calls = 0;
  Result<int64_t> rows =
      db_->CopyIn("COPY t FROM STDIN", [&](std::string* piece) -> Result<bool> {
        if (++calls == 2) return Status::Internal("record 2 has no id");
        *piece = "a\n";
        return true;
      });
  ASSERT_THAT(rows, StatusIs(::testing::_, "record 2 has no id"));
  EXPECT_EQ(Query("SELECT count(*) FROM t"), "0");
}

TEST(PgArrayLiteral, QuotesAndEscapesEveryItem) {
  EXPECT_EQ(ArrayLiteral({"a", "b \"c\"", "d\\e", "{f,g}", ""}),
            R"({"a","b \"c\"","d\\e","{f,g}",""})");
}

TEST(PgArrayLiteral, IntsAreBare) {
  EXPECT_EQ(IntArrayLiteral({1, -2, 30}), "{1,-2,30}");
}

}  // namespace
}  // namespace jao::db::postgres
