// A libpq connection and its results as RAII values, with every failure
// turned into a Database status whose message never contains a password:
// messages are built from libpq's error text plus the user, host and
// database, never from the conninfo string the caller gave. Used only by the
// PostgreSQL loader.
#pragma once

#include <libpq-fe.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace jao::db::postgres {

// About how many bytes of a COPY are made before they are sent: libpq
// copies each piece into its own buffer, so a piece is held twice.
inline constexpr size_t kCopyPieceBytes = size_t{128} << 10;

// SQLSTATEs the loader retries a whole chunk transaction on.
inline constexpr std::string_view kSqlStateDeadlock = "40P01";
inline constexpr std::string_view kSqlStateSerialization = "40001";
// A new vacancy COPYed while another loader inserted the same id.
inline constexpr std::string_view kSqlStateUniqueViolation = "23505";
// SET of a parameter the role may not set (session_replication_role).
inline constexpr std::string_view kSqlStateInsufficientPrivilege = "42501";
// lock_timeout fired (or a NOWAIT lock was refused).
inline constexpr std::string_view kSqlStateLockNotAvailable = "55P03";

// libpq's connect_timeout when neither the connection string nor
// PGCONNECT_TIMEOUT sets one: a server that accepts and never answers
// must not hang the run.
inline constexpr int kDefaultConnectTimeoutSeconds = 10;

// The message every call returns once the server has gone away.
inline constexpr std::string_view kConnectionLostMessage =
    "postgresql connection lost: server closed the connection unexpectedly";

class PgResult {
 public:
  explicit PgResult(PGresult* result) : result_(result, &PQclear) {}

  int rows() const { return PQntuples(result_.get()); }
  bool IsNull(int row, int column) const {
    return PQgetisnull(result_.get(), row, column) != 0;
  }
  std::string_view Text(int row, int column) const {
    return {PQgetvalue(result_.get(), row, column),
            static_cast<size_t>(PQgetlength(result_.get(), row, column))};
  }
  // The value parsed as a decimal integer (text result format); Database
  // status naming the row and column when it is not one (NULL included).
  Result<int64_t> Int(int row, int column) const;
  // Rows affected by INSERT / UPDATE / DELETE / COPY (PQcmdTuples).
  int64_t AffectedRows() const;

 private:
  std::unique_ptr<PGresult, void (*)(PGresult*)> result_;
};

class PgConnection {
 public:
  // Connects with a postgresql:// URL or a key=value string as
  // ParseDatabaseTarget accepted it (libpq reads its password where
  // RedactConninfo masks it, so libpq's messages never quote it). The
  // password comes from the string, PGPASSWORD or ~/.pgpass (libpq's own
  // rules).
  // connect_timeout is kDefaultConnectTimeoutSeconds unless the string or
  // PGCONNECT_TIMEOUT sets it. Database("postgresql connection to
  // <described target> failed: <libpq's first line>") when the server
  // refuses, cannot be reached or does not answer in time.
  static Result<std::unique_ptr<PgConnection>> Connect(
      std::string_view conninfo);

  // "postgresql://user@host:port/db", or with a socket directory
  // "postgresql://user@/db?host=/dir&port=5432". Never a password.
  const std::string& Describe() const { return description_; }

  // Runs SQL without parameters (may hold several statements).
  Result<PgResult> Exec(std::string_view sql);
  // Runs one statement with text parameters ($1..$n; nullopt is NULL).
  Result<PgResult> ExecParams(
      std::string_view sql,
      const std::vector<std::optional<std::string>>& params);
  // Runs `copy_sql` (a COPY ... FROM STDIN) and sends `data`; returns the
  // number of rows copied.
  Result<int64_t> CopyIn(std::string_view copy_sql, std::string_view data);
  // The same with the data made piece by piece, so that a long stream is
  // never whole in memory: `next` fills `piece` (empty on each call) and
  // returns whether more pieces follow. An error from `next` cancels the
  // COPY and is returned.
  using CopyPieces = std::function<Result<bool>(std::string* piece)>;
  Result<int64_t> CopyIn(std::string_view copy_sql, const CopyPieces& next);

  // Sets the session's lock_timeout (0: wait forever). A statement that
  // waits longer fails with kSqlStateLockNotAvailable and the message
  // "lock wait on table \"<table>\" exceeded <n> s (another session holds
  // a lock[ on row (b,o)])", the table taken from the server's context or
  // the statement's first quoted identifier: a statement that may wait on
  // a table's lock names that table first and locks no other table another
  // session may hold (one LOCK TABLE a table, one probe a table).
  Status SetLockTimeout(int64_t milliseconds);

  // The SQLSTATE of the last failed statement ("" when none or lost).
  const std::string& last_sqlstate() const { return last_sqlstate_; }
  // True once libpq reports the connection broken.
  bool lost() const { return PQstatus(conn_.get()) == CONNECTION_BAD; }
  // The backend's process id, e.g. for pg_terminate_backend in tests.
  int BackendPid() const { return PQbackendPID(conn_.get()); }

 private:
  explicit PgConnection(PGconn* conn);

  // Turns a finished result of `sql` into a value or a Database status.
  Result<PgResult> Check(PGresult* raw, std::string_view sql);
  // The message of a lock wait that lock_timeout ended.
  std::string LockTimeoutMessage(PGresult* raw, std::string_view sql) const;
  Status Failure(std::string_view what, std::string_view detail);
  // A statement the server refused: "postgresql could not insert into
  // \"t\"[, column \"c\"]: <server's message>", or "postgresql could not
  // run a <verb> statement: ..." when no table is known.
  Status StatementFailure(const PGresult* raw, std::string_view sql,
                          std::string_view detail);

  std::unique_ptr<PGconn, void (*)(PGconn*)> conn_;
  std::string description_;
  std::string last_sqlstate_;
  int64_t lock_timeout_ms_ = 0;
};

// A PostgreSQL array literal of the given texts, e.g. {"a","b \"c\""}, for a
// parameter cast to text[] or int[].
std::string ArrayLiteral(const std::vector<std::string_view>& items);
std::string IntArrayLiteral(const std::vector<int32_t>& items);

}  // namespace jao::db::postgres
