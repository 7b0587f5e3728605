// The PostgreSQL backend of Loader (db/loader.h): one libpq connection, one
// transaction a chunk (retried whole on deadlock, serialization failure or
// the unique violation of a concurrently inserted new vacancy),
// a dependency cache kept across chunks. OpenLoader calls OpenPostgresLoader
// for postgresql:// and postgres:// URLs and libpq key=value strings.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"
#include "db/dependency_cache.h"
#include "db/loader.h"
#include "db/postgres/pg_connection.h"

namespace jao::db {

namespace postgres {

class PostgresLoader : public Loader {
 public:
  explicit PostgresLoader(std::unique_ptr<PgConnection> connection)
      : connection_(std::move(connection)) {}

  Status EnsureSchema() override;
  // Database status after a rollback on failure; "postgresql connection
  // lost: server closed the connection unexpectedly" when the server went
  // away (the server then discards the transaction itself).
  Result<LoadCounts> LoadChunk(const Chunk& chunk) override;
  std::string Describe() const override { return connection_->Describe(); }

  // For tests: the connection the loader writes through, and a hook run
  // inside the chunk's transaction just before COMMIT; an error it returns
  // fails the attempt like a failed statement (and is retried the same way).
  PgConnection& connection() { return *connection_; }
  void SetBeforeCommitHookForTest(std::function<Status()> hook) {
    before_commit_ = std::move(hook);
  }

 private:
  // One attempt, new vacancies COPYed directly when `allow_direct_copy` and
  // the tables allow it; on a deadlock, a serialization failure or a unique
  // violation (rolled back, worth running again) sets `retry_sqlstate` to
  // it, else clears it.
  Result<LoadCounts> TryChunk(const std::vector<const VacancyRecord*>& records,
                              bool allow_direct_copy,
                              std::string& retry_sqlstate);

  std::unique_ptr<PgConnection> connection_;
  DependencyCache cache_;
  // Whether new vacancies can be COPYed straight into the final tables;
  // asked of the database in the first chunk.
  std::optional<bool> direct_copy_;
  std::function<Status()> before_commit_;
};

}  // namespace postgres

// Connects with `conninfo` (passed to libpq as given). Database status when
// the connection fails; the message never contains the password.
Result<std::unique_ptr<Loader>> OpenPostgresLoader(std::string_view conninfo);

}  // namespace jao::db
