#include "db/database_target.h"

#include <gtest/gtest.h>

#include "common/closed_port_support.h"
#include "common/status_matchers_support.h"
#include "db/backends.h"
#include "db/conninfo_redaction.h"

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

// By position, as libpq splits key=value text: a quoted or escaped value
// whole, a word inside another value never, and the words a password
// typed with spaces and no quotes runs on into.
TEST(RedactConninfo, MasksKeyValuePasswordsWhereLibpqReadsThem) {
  EXPECT_EQ(RedactConninfo("host=db password=a\\ b dbname=jao"),
            "host=db password=*** dbname=jao");
  EXPECT_EQ(RedactConninfo("application_name='x password=y' host=db"),
            "application_name='x password=y' host=db");
  EXPECT_EQ(RedactConninfo("host=db password=Sec ret dbname=jao"),
            "host=db password=*** dbname=jao");
  EXPECT_EQ(RedactConninfo("user=bob password=bob"), "user=bob password=***");
}

TEST(RedactConninfo, MasksAUrlPasswordWhateverItsText) {
  EXPECT_EQ(RedactConninfo("postgresql://bob:bob@bob/bob"),
            "postgresql://bob:***@bob/bob");
  EXPECT_EQ(RedactConninfo("postgresql://bob@db/jao?pass%77ord=x"),
            "postgresql://bob@db/jao?pass%77ord=***");
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

// Issue 21, defect 7: the password was masked by searching every message
// for its text, so a password equal to the user, the database, the port or
// a word of the message masked that ("for user \"***\"") and a one-letter
// one garbled the line. The message must read as it does with a password
// found nowhere else, whatever the password.
class PasswordEqualToAnotherPart
    : public ::testing::TestWithParam<const char*> {};

TEST_P(PasswordEqualToAnotherPart, LeavesTheConnectFailureAsItReads) {
  const std::string port = ClosedLoopbackPort();
  const std::string password = GetParam()[0] == '#' ? port : GetParam();
  const std::string expected =
      "postgresql connection to postgresql://bob@127.0.0.1:" + port +
      "/jao failed: connection to server at \"127.0.0.1\", port " + port +
      " failed: Connection refused";
  EXPECT_THAT(OpenLoader("postgresql://bob:" + password + "@127.0.0.1:" + port +
                         "/jao"),
              StatusIs(StatusCode::kDatabase, expected));
  EXPECT_THAT(OpenLoader("host=127.0.0.1 port=" + port +
                         " user=bob password=" + password + " dbname=jao"),
              StatusIs(StatusCode::kDatabase, expected));
}

TEST_P(PasswordEqualToAnotherPart, LeavesTheParseFailureAsItReads) {
  const std::string password = GetParam()[0] == '#' ? "5432" : GetParam();
  EXPECT_THAT(
      ParseDatabaseTarget("postgresql://bob:" + password +
                          "@db:5432/jao?nosuch=1"),
      StatusIs(StatusCode::kInvalidArgument,
               "invalid postgresql connection string "
               "'postgresql://bob:***@db:5432/jao?nosuch=1': invalid URI "
               "query parameter: \"nosuch\""));
  EXPECT_THAT(ParseDatabaseTarget("host=db port=5432 user=bob password=" +
                                  password + " dbname=jao nosuch=1"),
              StatusIs(StatusCode::kInvalidArgument,
                       "invalid postgresql connection string 'host=db "
                       "port=5432 user=bob password=*** dbname=jao "
                       "nosuch=1': invalid connection option \"nosuch\""));
}

// "#": the port itself.
INSTANTIATE_TEST_SUITE_P(DatabaseTarget, PasswordEqualToAnotherPart,
                         ::testing::Values("bob", "jao", "#", "connection",
                                           "failed", "refused", "nosuch",
                                           "invalid", "o", "1", "Xq7vW2"));

// libpq and the masking must agree on where the password is: text masked
// as a password that libpq reads as a port or a host is refused before
// connecting (libpq would echo it in its message).
TEST(ParseDatabaseTarget, RefusesAPasswordLibpqReadsAsAnotherPart) {
  EXPECT_THAT(
      ParseDatabaseTarget("postgresql://bob:Sec/ret@127.0.0.1/jao"),
      StatusIs(StatusCode::kInvalidArgument,
               "invalid postgresql connection string "
               "'postgresql://bob:***@127.0.0.1/jao': libpq does not read the "
               "text masked as *** as the password (write "
               "user:password@host, with any '@', '/' or ':' in the password "
               "percent-encoded)"));
  EXPECT_THAT(
      ParseDatabaseTarget("postgresql://bob:Secret"),
      StatusIs(StatusCode::kInvalidArgument,
               "invalid postgresql connection string 'postgresql://bob:***': "
               "libpq does not read the text masked as *** as the password "
               "(write user:password@host, with any '@', '/' or ':' in the "
               "password percent-encoded)"));
  // libpq keeps the later, empty password.
  EXPECT_THAT(
      ParseDatabaseTarget("postgresql://bob:Secret@db/jao?password="),
      StatusIs(StatusCode::kInvalidArgument,
               "invalid postgresql connection string "
               "'postgresql://bob:***@db/jao?password=': libpq does not read "
               "the text masked as *** as the password (write "
               "user:password@host, with any '@', '/' or ':' in the password "
               "percent-encoded)"));
}

TEST(ParseDatabaseTarget, AcceptsPasswordsLibpqReadsWhereTheyAreMasked) {
  for (const char* target :
       {"postgresql://bob:p%40ss@db/jao", "postgresql://bob:a?b@db/jao",
        "postgresql://bob@db/jao?password=a@b",
        "postgresql://bob:x@db/jao?password=y", "postgresql://bob:@db/jao",
        "host=db password='a\\'b c'", "host=db password=a\\ b",
        "host=db password=a password=b", "postgresql://db/jao?pass%77ord=x"}) {
    EXPECT_THAT(ParseDatabaseTarget(target), IsOk()) << target;
  }
}

TEST(HoldsPassword, IsTrueOnlyWhenAPasswordFieldHasText) {
  EXPECT_TRUE(HoldsPassword("postgresql://bob:x@db/jao"));
  EXPECT_TRUE(HoldsPassword("postgresql://db/jao?password=x"));
  EXPECT_TRUE(HoldsPassword("host=db password=x"));
  EXPECT_FALSE(HoldsPassword("postgresql://bob@db/jao"));
  EXPECT_FALSE(HoldsPassword("postgresql://bob:@db/jao"));
  EXPECT_FALSE(HoldsPassword("host=db dbname=password"));
  EXPECT_FALSE(HoldsPassword("/data/password=x.sqlite3"));
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
