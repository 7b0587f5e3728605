// See target_database_support.h.
#include "e2e/target_database_support.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <stdexcept>

namespace jao::e2e {
namespace {

std::atomic<int> next_database{0};

std::string AdminUrl() {
  const char* url = std::getenv("JAO_TEST_PG_URL");
  return url == nullptr ? "" : url;
}

std::string OptionOf(const std::string& conninfo, std::string_view key) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
  if (error != nullptr) PQfreemem(error);
  std::string value;
  for (PQconninfoOption* o = options; o && o->keyword; ++o) {
    if (key == o->keyword && o->val) value = o->val;
  }
  if (options) PQconninfoFree(options);
  return value;
}

}  // namespace

std::string BackendName(Backend backend) {
  return backend == Backend::kSqlite ? "sqlite" : "postgresql";
}

std::optional<std::string> SkipReason(Backend backend) {
  if (backend == Backend::kPostgresql && AdminUrl().empty()) {
    return "JAO_TEST_PG_URL is not set: run under scripts/with-postgres.sh "
           "(scripts/test.sh does)";
  }
  return std::nullopt;
}

TargetDatabase::TargetDatabase(Backend backend, const std::string& dir,
                               const std::string& admin_url)
    : backend_(backend) {
  if (backend == Backend::kSqlite) {
    name_ = dir + "/jao.sqlite3";
    return;
  }
  std::string url = admin_url.empty() ? AdminUrl() : admin_url;
  host_ = OptionOf(url, "host");
  port_ = OptionOf(url, "port");
  user_ = OptionOf(url, "user");
  admin_ = PQconnectdb(url.c_str());
  if (PQstatus(admin_) != CONNECTION_OK) {
    std::string message = PQerrorMessage(admin_);
    PQfinish(admin_);
    admin_ = nullptr;
    throw std::runtime_error("admin connection failed: " + message);
  }
  name_ = "jao_e2e_" + std::to_string(getpid()) + "_" +
          std::to_string(next_database++);
  AdminQuery("CREATE DATABASE " + name_);
}

TargetDatabase::~TargetDatabase() {
  if (admin_ == nullptr) return;
  PQclear(PQexec(
      admin_, ("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)").c_str()));
  PQfinish(admin_);
}

std::string TargetDatabase::DbArgument(const std::string& password) const {
  if (backend_ == Backend::kSqlite) return name_;
  std::string url = "postgresql://" + user_;
  if (!password.empty()) url += ":" + password;
  url += "@/" + name_ + "?host=" + host_;
  if (!port_.empty()) url += "&port=" + port_;
  return url;
}

std::unique_ptr<DatabaseReader> TargetDatabase::Reader() const {
  if (backend_ == Backend::kSqlite) return OpenSqliteReader(name_);
  return OpenPostgresReader("host='" + host_ + "' port='" + port_ + "' user='" +
                            user_ + "' dbname='" + name_ + "'");
}

std::string TargetDatabase::AdminQuery(const std::string& sql) {
  if (admin_ == nullptr) throw std::runtime_error("no admin connection");
  PGresult* result = PQexec(admin_, sql.c_str());
  ExecStatusType status = PQresultStatus(result);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    std::string message = PQerrorMessage(admin_);
    PQclear(result);
    throw std::runtime_error("admin: " + sql + ": " + message);
  }
  std::string cell;
  if (status == PGRES_TUPLES_OK && PQntuples(result) > 0 &&
      PQnfields(result) > 0) {
    cell = PQgetvalue(result, 0, 0);
  }
  PQclear(result);
  return cell;
}

}  // namespace jao::e2e
