#include "db/database_target.h"

#include <gtest/gtest.h>

#include "db/loader.h"

namespace jao::db {
namespace {

using Backend = DatabaseTarget::Backend;

void ExpectTarget(std::string_view text, Backend backend,
                  std::string_view location) {
  Result<DatabaseTarget> target = ParseDatabaseTarget(text);
  ASSERT_TRUE(target.ok()) << text << ": " << target.status().ToString();
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

TEST(ParseDatabaseTarget, SqliteMemoryForms) {
  ExpectTarget("sqlite:///:memory:", Backend::kSqlite, ":memory:");
  ExpectTarget("sqlite://", Backend::kSqlite, ":memory:");
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
  ASSERT_FALSE(target.ok());
  EXPECT_EQ(target.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(target.status().message(),
            "unsupported database url scheme 'mysql'");
}

TEST(ParseDatabaseTarget, RejectsEmptyTarget) {
  EXPECT_EQ(ParseDatabaseTarget("").status().message(),
            "database target is empty");
}

TEST(OpenLoader, OpensSqliteInMemory) {
  Result<std::unique_ptr<Loader>> loader = OpenLoader("sqlite:///:memory:");
  ASSERT_TRUE(loader.ok()) << loader.status().ToString();
  EXPECT_EQ((*loader)->Describe(), "sqlite:///:memory:");
  EXPECT_TRUE((*loader)->EnsureSchema().ok());
}

TEST(OpenLoader, ReportsUnopenableSqlitePath) {
  Result<std::unique_ptr<Loader>> loader =
      OpenLoader("/nonexistent-dir/jao.sqlite3");
  ASSERT_FALSE(loader.ok());
  EXPECT_EQ(loader.status().code(), StatusCode::kDatabase);
  EXPECT_EQ(loader.status().message(),
            "cannot open sqlite database '/nonexistent-dir/jao.sqlite3': "
            "unable to open database "
            "file");
}

TEST(OpenLoader, RejectsUnknownSchemeBeforeConnecting) {
  EXPECT_EQ(OpenLoader("mysql://root@db/jao").status().message(),
            "unsupported database url scheme 'mysql'");
}

}  // namespace
}  // namespace jao::db
