#include "db/database_target.h"

#include <gtest/gtest.h>

#include "common/status_matchers_support.h"
#include "db/conninfo_redaction.h"
#include "db/loader.h"

namespace jao::db {
namespace {

using Backend = DatabaseTarget::Backend;

void ExpectTarget(std::string_view text, Backend backend,
                  std::string_view location) {
  Result<DatabaseTarget> target = ParseDatabaseTarget(text);
  ASSERT_THAT(target, IsOk()) << text;
  EXPECT_EQ(target->backend, backend) << text;
  EXPECT_EQ(target->location, location) << text;
}

TEST(ParseDatabaseTarget, PlainPathIsSqlite) {
  ExpectTarget("/data/jao.sqlite3", Backend::kSqlite, "/data/jao.sqlite3");
  ExpectTarget("jao.sqlite3", Backend::kSqlite, "jao.sqlite3");
}

TEST(ParseDatabaseTarget, SqliteUrlsFollowSqlalchemySpelling) {
  ExpectTarget("sqlite:///rel/jao.sqlite3", Backend::kSqlite,
               "rel/jao.sqlite3");
  ExpectTarget("sqlite:////data/jao.sqlite3", Backend::kSqlite,
               "/data/jao.sqlite3");
  ExpectTarget("sqlite://rel/jao.sqlite3", Backend::kSqlite, "rel/jao.sqlite3");
}

// Issue 21, item 2: these opened a private in-memory database, and a run
// into it reported success and kept nothing.
TEST(ParseDatabaseTarget, RefusesSqliteTargetsThatNameNoFile) {
  const std::string empty =
      "names no file (an empty path opens an in-memory database, which keeps "
      "nothing)";
  const std::string memory = "is an in-memory database, which keeps nothing";
  const std::string blank = "names no file (only white space)";
  for (const auto& [target, why] :
       std::vector<std::pair<std::string, std::string>>{
           {"sqlite://", empty},
           {"sqlite:///", empty},
           {":memory:", memory},
           {"sqlite:///:memory:", memory},
           {"sqlite://:memory:", memory},
           {" ", blank},
           {"\t \n", blank},
           {"sqlite:/// ", blank}}) {
    EXPECT_THAT(ParseDatabaseTarget(target),
                StatusIs(StatusCode::kUnsupported,
                         "sqlite target '" + target + "' " + why));
  }
  // A name that only contains those is a file.
  ExpectTarget(" jao.sqlite3", Backend::kSqlite, " jao.sqlite3");
  ExpectTarget("sqlite:///:memory:.sqlite3", Backend::kSqlite,
               ":memory:.sqlite3");
}

TEST(ParseDatabaseTarget, PostgresUrlsAndConninfoArePassedAsGiven) {
  ExpectTarget("postgresql://jao@db/jao", Backend::kPostgresql,
               "postgresql://jao@db/jao");
  ExpectTarget("postgres://jao@db:5433/jao", Backend::kPostgresql,
               "postgres://jao@db:5433/jao");
  ExpectTarget("host=db dbname=jao", Backend::kPostgresql,
               "host=db dbname=jao");
}

TEST(ParseDatabaseTarget, RejectsUnknownScheme) {
  Result<DatabaseTarget> target = ParseDatabaseTarget("mysql://root@db/jao");
  ASSERT_THAT(target, StatusIs(StatusCode::kInvalidArgument,
                               "unsupported database url scheme 'mysql'"));
}

// Every way the --db text can fail to parse, each with the password
// "Secret" (or pieces of it) somewhere libpq's message would echo. Old code
// passed them to libpq unchecked and printed its message with the URI.
class PasswordNeverPrinted : public ::testing::TestWithParam<const char*> {};

TEST_P(PasswordNeverPrinted, InAParseFailure) {
  Result<DatabaseTarget> target = ParseDatabaseTarget(GetParam());
  ASSERT_FALSE(target.ok()) << GetParam();
  const std::string& message = target.status().message();
  EXPECT_EQ(target.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(message.find("Secret"), std::string::npos) << message;
  EXPECT_EQ(message.find("Sec"), std::string::npos) << message;
  EXPECT_EQ(message.find("ret"), std::string::npos) << message;
}

INSTANTIATE_TEST_SUITE_P(
    DatabaseTarget, PasswordNeverPrinted,
    ::testing::Values(
        "postgresql://bob:Secret@[::1",                // unclosed IPv6
        "postgresql://bob:Secret@[]/db",               // empty IPv6
        "postgresql://bob:Se%zzcret@db/jao",           // bad percent-escape
        "postgresql://bob:Se%2",                       // escape cut short
        "postgresql://bob:Sec%00ret@db/jao",           // forbidden %00
        "postgresql://bob:Secret@db/jao?sslmode",      // parameter without =
        "postgresql://bob:Secret@db/jao?a=b=c",        // two =
        "postgresql://bob:Secret@db/jao?nosuch=1",     // unknown parameter
        "postgres://db/jao?password=Secret&nosuch=1",  // query password
        "postgresql://bob:Secret@db:54x32/jao?%zz=1",  // bad key escape
        "host=db password='Secret",                    // unterminated quote
        "host=db password=Secret nosuch=1",            // unknown option
        "host=db password=Secret Secret",              // missing =
        "bob:Secret@db://jao"));                       // no scheme

// A URL typed without "@host" puts the password where a URL parser reads a
// port; old code printed it whole ("Se%2", "Secret") in libpq's message and
// in the target's description.
class PasswordAsPortNeverPrinted
    : public ::testing::TestWithParam<const char*> {};

TEST_P(PasswordAsPortNeverPrinted, WhenTheConnectionFails) {
  Result<std::unique_ptr<Loader>> loader = OpenLoader(GetParam());
  ASSERT_FALSE(loader.ok()) << GetParam();
  const std::string& message = loader.status().message();
  for (const char* piece : {"Se%2", "Secret", "Sec", "ret"}) {
    EXPECT_EQ(message.find(piece), std::string::npos) << message;
  }
  EXPECT_NE(message.find("***"), std::string::npos) << message;
}

INSTANTIATE_TEST_SUITE_P(DatabaseTarget, PasswordAsPortNeverPrinted,
                         ::testing::Values("postgresql://bob:Se%2",
                                           "postgresql://bob:Secret",
                                           "postgresql://bob:Secret/jao",
                                           "postgres://a:1,bob:Secret"));

TEST(RedactConninfo, MasksAPortThatIsNotANumber) {
  EXPECT_EQ(RedactConninfo("postgresql://bob:Secret"), "postgresql://bob:***");
  EXPECT_EQ(RedactConninfo("postgresql://bob:5432/jao"),
            "postgresql://bob:5432/jao");
  EXPECT_EQ(RedactConninfo("postgresql://[::1]:5432,[::2]:Sec/jao"),
            "postgresql://[::1]:5432,[::2]:***/jao");
}

TEST(RedactConninfo, MasksEveryPasswordForm) {
  EXPECT_EQ(RedactConninfo("postgresql://bob:Secret@[::1"),
            "postgresql://bob:***@[::1");
  EXPECT_EQ(RedactConninfo("postgresql://bob:Sec/r@t@db/jao"),
            "postgresql://bob:***@db/jao");
  EXPECT_EQ(RedactConninfo("postgresql://bob@db/jao?password=Secret&a=b"),
            "postgresql://bob@db/jao?password=***&a=b");
  EXPECT_EQ(RedactConninfo("host=db password = 'Sec ret' dbname=jao"),
            "host=db password = '***' dbname=jao");
  EXPECT_EQ(RedactConninfo("host=db password=Secret"), "host=db password=***");
  EXPECT_EQ(RedactConninfo("postgresql://bob@db/jao"),
            "postgresql://bob@db/jao");
}

// A password with a '/' makes libpq read "Sec" as the port: the connect
// failure (no server is reached) must not print it either.
TEST(OpenLoader, ConnectFailureNeverPrintsAPieceOfThePassword) {
  Result<std::unique_ptr<Loader>> loader =
      OpenLoader("postgresql://bob:Sec/ret@127.0.0.1/jao");
  ASSERT_FALSE(loader.ok());
  const std::string& message = loader.status().message();
  EXPECT_EQ(message.find("Sec"), std::string::npos) << message;
  EXPECT_NE(message.find("***"), std::string::npos) << message;
}

TEST(ParseDatabaseTarget, RejectsEmptyTarget) {
  EXPECT_EQ(ParseDatabaseTarget("").status().message(),
            "database target is empty");
}

TEST(OpenLoader, RefusesSqliteInMemory) {
  EXPECT_THAT(OpenLoader("sqlite:///:memory:"),
              StatusIs(StatusCode::kUnsupported,
                       "sqlite target 'sqlite:///:memory:' is an in-memory "
                       "database, which keeps nothing"));
}

TEST(OpenLoader, ReportsUnopenableSqlitePath) {
  Result<std::unique_ptr<Loader>> loader =
      OpenLoader("/nonexistent-dir/jao.sqlite3");
  ASSERT_THAT(
      loader,
      StatusIs(StatusCode::kDatabase,
               "cannot open sqlite database '/nonexistent-dir/jao.sqlite3': "
               "unable to open database "
               "file"));
}

TEST(OpenLoader, RejectsUnknownSchemeBeforeConnecting) {
  EXPECT_EQ(OpenLoader("mysql://root@db/jao").status().message(),
            "unsupported database url scheme 'mysql'");
}

}  // namespace
}  // namespace jao::db
