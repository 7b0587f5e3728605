// libpq wrappers; see postgres/connection.h.
#include "db/postgres/connection.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>

namespace jao::db::postgres {
namespace {

// libpq's messages end in a newline and continue over indented lines
// ("\tThis probably means..."): keep the first line only.
std::string FirstLine(const char* message) {
  std::string_view text = message == nullptr ? "" : message;
  const size_t end = text.find('\n');
  if (end != std::string_view::npos) text = text.substr(0, end);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return std::string(text);
}

// Describes a target from libpq's parsed options, leaving out the password.
std::string DescribeOptions(const char* user, const char* host,
                            const char* port, const char* dbname) {
  const std::string_view u = user ? user : "";
  const std::string_view h = host ? host : "";
  const std::string_view p = port ? port : "";
  const std::string_view d = dbname ? dbname : "";
  std::string out = "postgresql://";
  if (!u.empty()) out += fmt::format("{}@", u);
  if (!h.empty() && h.front() != '/') {
    out += h;
    if (!p.empty()) out += fmt::format(":{}", p);
    return out + fmt::format("/{}", d);
  }
  out += fmt::format("/{}", d);
  if (!h.empty()) {
    out += fmt::format("?host={}", h);
    if (!p.empty()) out += fmt::format("&port={}", p);
  }
  return out;
}

// The target as libpq would use it, from the conninfo's own options plus the
// environment defaults, without ever including the password option.
std::string DescribeConninfo(std::string_view conninfo) {
  char* error = nullptr;
  const std::string text(conninfo);
  PQconninfoOption* options = PQconninfoParse(text.c_str(), &error);
  if (error != nullptr) PQfreemem(error);
  if (options == nullptr) return "postgresql (unparsable connection string)";
  PQconninfoOption* defaults = PQconndefaults();
  auto value = [&](std::string_view key) -> const char* {
    for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
      if (key == o->keyword && o->val != nullptr && *o->val != '\0')
        return o->val;
    }
    for (PQconninfoOption* o = defaults; o && o->keyword != nullptr; ++o) {
      if (key == o->keyword && o->val != nullptr && *o->val != '\0')
        return o->val;
    }
    return nullptr;
  };
  std::string out = DescribeOptions(value("user"), value("host"), value("port"),
                                    value("dbname"));
  PQconninfoFree(options);
  if (defaults != nullptr) PQconninfoFree(defaults);
  return out;
}

void IgnoreNotice(void*, const char*) {}

}  // namespace

Result<int64_t> PgResult::Int(int row, int column) const {
  const std::string_view text = Text(row, column);
  int64_t v = 0;
  const auto [end, error] =
      std::from_chars(text.data(), text.data() + text.size(), v);
  if (IsNull(row, column) || error != std::errc() ||
      end != text.data() + text.size() || text.empty()) {
    return Status::Database(
        "postgresql returned '" + std::string(text) + "' in row " +
        std::to_string(row) + ", column " + std::to_string(column) +
        (PQfname(result_.get(), column) != nullptr
             ? std::string(" (") + PQfname(result_.get(), column) + ")"
             : std::string()) +
        " where an integer was expected");
  }
  return v;
}

int64_t PgResult::AffectedRows() const {
  const char* text = PQcmdTuples(result_.get());
  int64_t v = 0;
  if (text != nullptr)
    std::from_chars(text, text + std::char_traits<char>::length(text), v);
  return v;
}

PgConnection::PgConnection(PGconn* conn) : conn_(conn, &PQfinish) {}

namespace {

// libpq's own connect: `conninfo` expanded as dbname, with our default
// connect_timeout before it, so that the string's own value wins.
PGconn* ConnectWithTimeout(const std::string& conninfo) {
  const std::string timeout = std::to_string(kDefaultConnectTimeoutSeconds);
  const char* env = std::getenv("PGCONNECT_TIMEOUT");
  const bool from_env = env != nullptr && *env != '\0';
  const char* keywords[] = {"connect_timeout", "dbname", nullptr};
  const char* values[] = {timeout.c_str(), conninfo.c_str(), nullptr};
  return PQconnectdbParams(from_env ? keywords + 1 : keywords,
                           from_env ? values + 1 : values,
                           /*expand_dbname=*/1);
}

}  // namespace

Result<std::unique_ptr<PgConnection>> PgConnection::Connect(
    std::string_view conninfo) {
  const std::string text(conninfo);
  std::unique_ptr<PgConnection> connection(
      new PgConnection(ConnectWithTimeout(text)));
  PGconn* conn = connection->conn_.get();
  if (conn == nullptr) {
    return Status::Database("postgresql connection failed: out of memory");
  }
  if (PQstatus(conn) != CONNECTION_OK) {
    // libpq's message quotes what it parsed as the host, port, user or
    // database, never the password field; ParseDatabaseTarget made sure
    // that field is where the text's password is. Our description comes
    // from the parsed options, without the password.
    return Status::Database(fmt::format(
        "postgresql connection to {} failed: {}", DescribeConninfo(conninfo),
        FirstLine(PQerrorMessage(conn))));
  }
  // Our strings are UTF-8 whatever PGCLIENTENCODING or the database says;
  // text in binary COPY is converted from the client encoding too.
  if (PQsetClientEncoding(conn, "UTF8") != 0) {
    return Status::Database(fmt::format(
        "postgresql connection to {}: cannot set client_encoding UTF8: {}",
        DescribeConninfo(conninfo), FirstLine(PQerrorMessage(conn))));
  }
  // NOTICEs ("relation already exists, skipping") must not reach stderr:
  // only tools/ prints.
  PQsetNoticeProcessor(conn, &IgnoreNotice, nullptr);
  connection->description_ =
      DescribeOptions(PQuser(conn), PQhost(conn), PQport(conn), PQdb(conn));
  return connection;
}

Status PgConnection::Failure(std::string_view what, std::string_view detail) {
  if (lost()) {
    last_sqlstate_.clear();
    return Status::Database(std::string(kConnectionLostMessage));
  }
  return Status::Database(
      fmt::format("postgresql {} failed: {}", what, detail));
}

namespace {
// The statement's first word(s) for messages: "insert", "create table".
std::string Verb(std::string_view sql) {
  while (!sql.empty() && (sql.front() == ' ' || sql.front() == '\n'))
    sql.remove_prefix(1);
  std::string out;
  for (char c : sql.substr(0, sql.find_first_of(" \n("))) {
    out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  }
  return out;
}

// The first "quoted" identifier of `text`: the loader quotes its tables, and
// every statement it sends names its target table first.
std::string_view FirstQuoted(std::string_view text) {
  const size_t open = text.find('"');
  if (open == std::string_view::npos) return {};
  const size_t close = text.find('"', open + 1);
  if (close == std::string_view::npos) return {};
  return text.substr(open + 1, close - open - 1);
}
}  // namespace

namespace {
// What a statement was doing to its table, for "postgresql could not <...>
// "t"": the loader's statements name their target table first.
std::string_view Action(std::string_view verb) {
  static constexpr std::pair<std::string_view, std::string_view> kActions[] = {
      {"insert", "insert into"}, {"copy", "copy into"},
      {"update", "update"},      {"delete", "delete from"},
      {"with", "write to"},      {"select", "read"},
      {"create", "create"},      {"alter", "alter"},
      {"drop", "drop"},          {"lock", "lock"},
      {"truncate", "truncate"},  {"analyze", "analyze"}};
  for (const auto& [word, action] : kActions) {
    if (word == verb) return action;
  }
  return "run a statement on";
}
}  // namespace

Status PgConnection::StatementFailure(const PGresult* raw, std::string_view sql,
                                      std::string_view detail) {
  if (lost()) return Failure(Verb(sql), detail);
  // The server names the table and column where it knows them (constraint
  // violations); otherwise the statement's own target.
  const char* table_field =
      raw ? PQresultErrorField(raw, PG_DIAG_TABLE_NAME) : nullptr;
  const char* column_field =
      raw ? PQresultErrorField(raw, PG_DIAG_COLUMN_NAME) : nullptr;
  const std::string table =
      table_field ? std::string(table_field) : std::string(FirstQuoted(sql));
  const std::string verb = Verb(sql);
  if (table.empty()) {
    return Status::Database(fmt::format(
        "postgresql could not run a {} statement: {}", verb, detail));
  }
  const std::string column =
      column_field ? fmt::format(", column \"{}\"", column_field) : "";
  return Status::Database(fmt::format("postgresql could not {} \"{}\"{}: {}",
                                      Action(verb), table, column, detail));
}

Status PgConnection::SetLockTimeout(int64_t milliseconds) {
  RETURN_IF_ERROR(Exec(fmt::format("SET lock_timeout = {}",
                                   std::max<int64_t>(0, milliseconds)))
                      .status());
  lock_timeout_ms_ = std::max<int64_t>(0, milliseconds);
  return Status::Ok();
}

std::string PgConnection::LockTimeoutMessage(PGresult* raw,
                                             std::string_view sql) const {
  // A row lock wait says so in the context: "while locking tuple (0,1) in
  // relation \"t\"" (or "while updating tuple ..."); a table lock wait has
  // no context.
  const char* context = PQresultErrorField(raw, PG_DIAG_CONTEXT);
  const std::string_view ctx = context ? context : "";
  std::string_view table;
  std::string holder = "another session holds a lock";
  const size_t tuple = ctx.find("tuple (");
  const size_t relation = ctx.find(" in relation ");
  if (tuple != std::string_view::npos && relation != std::string_view::npos &&
      relation > tuple) {
    table = FirstQuoted(ctx.substr(relation));
    holder +=
        fmt::format(" on row {}", ctx.substr(tuple + 6, relation - tuple - 6));
  }
  if (table.empty()) table = FirstQuoted(sql);
  const std::string waited = lock_timeout_ms_ % 1000 == 0
                                 ? fmt::format("{} s", lock_timeout_ms_ / 1000)
                                 : fmt::format("{} ms", lock_timeout_ms_);
  if (table.empty()) {
    return fmt::format("lock wait in {} exceeded {} ({})", Verb(sql), waited,
                       holder);
  }
  return fmt::format("lock wait on table \"{}\" exceeded {} ({})", table,
                     waited, holder);
}

Result<PgResult> PgConnection::Check(PGresult* raw, std::string_view sql) {
  PgResult result(raw);
  const ExecStatusType status =
      raw == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(raw);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
    last_sqlstate_.clear();
    return result;
  }
  const char* state = raw ? PQresultErrorField(raw, PG_DIAG_SQLSTATE) : nullptr;
  last_sqlstate_ = state ? state : "";
  if (last_sqlstate_ == kSqlStateLockNotAvailable && lock_timeout_ms_ > 0 &&
      !lost()) {
    return Status::Database(LockTimeoutMessage(raw, sql));
  }
  const char* primary =
      raw ? PQresultErrorField(raw, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  return StatementFailure(
      raw, sql,
      primary ? std::string(primary) : FirstLine(PQerrorMessage(conn_.get())));
}

Result<PgResult> PgConnection::Exec(std::string_view sql) {
  const std::string text(sql);
  return Check(PQexec(conn_.get(), text.c_str()), sql);
}

Result<PgResult> PgConnection::ExecParams(
    std::string_view sql,
    const std::vector<std::optional<std::string>>& params) {
  const std::string text(sql);
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  return Check(
      PQexecParams(conn_.get(), text.c_str(), static_cast<int>(values.size()),
                   nullptr, values.data(), nullptr, nullptr, 0),
      sql);
}

Result<int64_t> PgConnection::CopyIn(std::string_view copy_sql,
                                     std::string_view data) {
  // Sent in pieces so that no single call holds the server's buffer long.
  size_t at = 0;
  return CopyIn(copy_sql, [&](std::string* piece) -> Result<bool> {
    const size_t n = std::min(kCopyPieceBytes, data.size() - at);
    piece->assign(data.substr(at, n));
    at += n;
    return at < data.size();
  });
}

Result<int64_t> PgConnection::CopyIn(std::string_view copy_sql,
                                     const CopyPieces& next) {
  const std::string text(copy_sql);
  PGresult* start = PQexec(conn_.get(), text.c_str());
  if (start == nullptr || PQresultStatus(start) != PGRES_COPY_IN) {
    ASSIGN_OR_RETURN(PgResult unexpected, Check(start, copy_sql));
    (void)unexpected;
    return Status::Internal("postgresql copy did not enter copy-in mode");
  }
  PQclear(start);
  const char* error = nullptr;
  Status producer;
  std::string piece;
  for (bool more = true; more && error == nullptr;) {
    piece.clear();
    Result<bool> made = next(&piece);
    if (!made.ok()) {
      producer = made.status();
      error = "cancelled by the loader";
      break;
    }
    more = *made;
    if (!piece.empty() && PQputCopyData(conn_.get(), piece.data(),
                                        static_cast<int>(piece.size())) != 1) {
      error = "sending copy data";
    }
  }
  if (PQputCopyEnd(conn_.get(), error) != 1 && error == nullptr)
    error = "ending copy";
  // Every result of the COPY must be read before the next command.
  Result<PgResult> outcome =
      Status::Internal("postgresql copy returned no result");
  bool first = true;
  while (PGresult* raw = PQgetResult(conn_.get())) {
    Result<PgResult> checked = Check(raw, copy_sql);
    if (first) outcome = std::move(checked);
    first = false;
  }
  if (!producer.ok()) return producer;
  // A server that goes away mid-COPY answers with its FATAL message first;
  // libpq marks the connection bad only once the rest is drained.
  if (!outcome.ok() && lost()) return Failure("copy", "");
  if (!outcome.ok()) return std::move(outcome).TakeStatus();
  if (error != nullptr) return Failure("copy", error);
  return outcome->AffectedRows();
}

std::string ArrayLiteral(const std::vector<std::string_view>& items) {
  std::string out = "{";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out.push_back(',');
    out.push_back('"');
    for (char c : items[i]) {
      if (c == '"' || c == '\\') out.push_back('\\');
      out.push_back(c);
    }
    out.push_back('"');
  }
  out.push_back('}');
  return out;
}

std::string IntArrayLiteral(const std::vector<int32_t>& items) {
  std::string out = "{";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out.push_back(',');
    out += std::to_string(items[i]);
  }
  out.push_back('}');
  return out;
}

}  // namespace jao::db::postgres
