// See postgres/test_support.h.
#include "test_support.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>

#include "common/status_matchers_support.h"

namespace jao::db::postgres {
namespace {

std::atomic<int> next_database{0};

std::string OptionOf(const std::string& url, const char* key) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
  if (error != nullptr) PQfreemem(error);
  std::string value;
  for (PQconninfoOption* o = options; o && o->keyword; ++o) {
    if (std::string_view(o->keyword) == key && o->val) value = o->val;
  }
  if (options) PQconninfoFree(options);
  return value;
}

}  // namespace

void PgTestDatabase::Create() {
  const char* url = std::getenv("JAO_TEST_PG_URL");
  if (url == nullptr || *url == '\0') {
    GTEST_SKIP()
        << "JAO_TEST_PG_URL not set: run under scripts/with-postgres.sh";
  }
  url_ = url;
  host_ = OptionOf(url_, "host");
  port_ = OptionOf(url_, "port");
  user_ = OptionOf(url_, "user");
  auto admin = PgConnection::Connect(url_);
  ASSERT_THAT(admin, IsOk());
  admin_ = std::move(*admin);
  database_ = "jao_t_" + std::to_string(getpid()) + "_" +
              std::to_string(next_database++);
  ASSERT_THAT(
      admin_->Exec("CREATE DATABASE " + database_ + " STRATEGY FILE_COPY"),
      IsOk());
  db_ = ConnectOrDie();
  ASSERT_THAT(db_->Exec("SET TIME ZONE 'UTC'"), IsOk());
}

void PgTestDatabase::Drop() {
  db_.reset();
  if (admin_ && !database_.empty()) {
    (void)admin_->Exec("DROP DATABASE IF EXISTS " + database_ +
                       " WITH (FORCE)");
  }
  database_.clear();
}

std::string PgTestDatabase::ConninfoFor(const std::string& database) const {
  return "host='" + host_ + "' port='" + port_ + "' user='" + user_ +
         "' dbname='" + database + "'";
}

std::string PgTestDatabase::Conninfo() const { return ConninfoFor(database_); }

std::unique_ptr<PostgresLoader> PgTest::OpenLoaderOrDie() {
  auto connection = PgConnection::Connect(Conninfo());
  EXPECT_THAT(connection, IsOk());
  if (!connection.ok()) std::abort();
  return std::make_unique<PostgresLoader>(std::move(*connection));
}

std::unique_ptr<PostgresLoader> PgTest::OpenReadyLoader(
    PgLoaderOptions options, const std::string& conninfo) {
  auto connection =
      PgConnection::Connect(conninfo.empty() ? Conninfo() : conninfo);
  EXPECT_THAT(connection, IsOk());
  if (!connection.ok()) return nullptr;
  auto loader =
      std::make_unique<PostgresLoader>(std::move(*connection), options);
  Status status = loader->EnsureSchema();
  EXPECT_THAT(status, IsOk());
  return loader;
}

std::unique_ptr<PgConnection> PgTestDatabase::ConnectOrDie() {
  auto connection = PgConnection::Connect(Conninfo());
  EXPECT_THAT(connection, IsOk());
  if (!connection.ok()) std::abort();
  return std::move(*connection);
}

std::string PgTestDatabase::Query(const std::string& sql) {
  auto result = db_->Exec(sql);
  EXPECT_THAT(result, IsOk()) << sql;
  if (!result.ok()) return "<error>";
  std::string out;
  for (int row = 0; row < result->rows(); ++row) {
    if (row > 0) out += "|";
    out += result->IsNull(row, 0) ? "null" : std::string(result->Text(row, 0));
  }
  return out;
}

VacancyRecord SampleVacancy(int32_t id, int64_t last_updated_us) {
  VacancyRecord r;
  r.id = id;
  r.last_updated_us = last_updated_us;
  r.live_date_us = kApril1At0930Us;
  r.closing_date_us = kMay1Us;
  r.min_salary_hundredths = 1234567;
  r.max_salary_hundredths = std::nullopt;
  r.title = "Analyst";
  r.description = "[b]Role[/b]";
  r.summary = std::nullopt;
  r.department = "Cabinet Office";
  r.grades = {"SEO", "HEO"};
  r.role_types = {"Digital"};
  r.total_applications = 42;
  r.statistics = {{Characteristic::kGender, "Female", 5550},
                  {Characteristic::kAgeGroup, "25-34", 10000}};
  return r;
}

Chunk ChunkOf(std::vector<VacancyRecord> records) {
  Chunk chunk;
  chunk.records = std::move(records);
  return chunk;
}

}  // namespace jao::db::postgres
