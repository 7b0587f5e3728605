// Issue 14's same-schema copy baseline for the PostgreSQL benchmark: the
// final rows of every public table of an ingested database, taken with
// `COPY ... TO STDOUT (FORMAT binary)` and held in memory, then copied with
// `COPY ... FROM STDIN (FORMAT binary)` into a fresh database that already
// has the same schema (bench/run.mjs applies `pg_dump --schema-only` of the
// source: indexes, unique constraints and Django's deferred foreign keys all
// present), in one transaction.
//
//   pg_copy_baseline SOURCE_CONNINFO TARGET_CONNINFO
//
// Prints one JSON line: {"rows": N, "bytes": B, "seconds": S}. Only the
// copy into the target is timed, BEGIN to COMMIT (the deferred foreign-key
// checks run at COMMIT).
#include <libpq-fe.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace {

struct Table {
  std::string name;
  std::string data;  // binary COPY stream
  int64_t rows = 0;
};

[[noreturn]] void Die(PGconn* conn, const std::string& what) {
  std::fprintf(stderr, "pg_copy_baseline: %s: %s", what.c_str(),
               PQerrorMessage(conn));
  std::exit(1);
}

void Exec(PGconn* conn, const std::string& sql) {
  PGresult* r = PQexec(conn, sql.c_str());
  const auto status = PQresultStatus(r);
  PQclear(r);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) Die(conn, sql);
}

std::string Quote(const std::string& identifier) {
  std::string out = "\"";
  for (char c : identifier)
    out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// Every row of a query's answer, each value as text; dies naming `what`.
std::vector<std::vector<std::string>> Rows(PGconn* conn, const char* sql,
                                           const char* what) {
  PGresult* result = PQexec(conn, sql);
  if (PQresultStatus(result) != PGRES_TUPLES_OK) Die(conn, what);
  std::vector<std::vector<std::string>> rows(PQntuples(result));
  for (int i = 0; i < PQntuples(result); ++i)
    for (int j = 0; j < PQnfields(result); ++j)
      rows[i].push_back(PQgetvalue(result, i, j));
  PQclear(result);
  return rows;
}

// A foreign key that is not deferrable (the change feed's run_id) is checked
// row by row during COPY: the table it references is copied first. Django's
// keys are deferred to COMMIT, so their order does not matter.
void OrderReferencedFirst(PGconn* conn, std::vector<Table>& tables) {
  std::multimap<std::string, std::string> references;
  for (const std::vector<std::string>& key :
       Rows(conn,
            "SELECT conrelid::regclass::text, confrelid::regclass::text "
            "FROM pg_constraint WHERE contype = 'f' AND NOT condeferrable "
            "AND connamespace = 'public'::regnamespace",
            "list foreign keys"))
    references.emplace(key[0], key[1]);
  std::vector<Table> ordered;
  std::set<std::string> placed;
  while (!tables.empty()) {
    auto ready =
        std::find_if(tables.begin(), tables.end(), [&](const Table& t) {
          auto [first, last] = references.equal_range(t.name);
          return std::all_of(first, last, [&](const auto& key) {
            return key.second == t.name || placed.count(key.second) > 0;
          });
        });
    if (ready == tables.end()) ready = tables.begin();  // a cycle: as listed
    placed.insert(ready->name);
    ordered.push_back(std::move(*ready));
    tables.erase(ready);
  }
  tables = std::move(ordered);
}

std::vector<Table> Materialise(PGconn* conn) {
  std::vector<Table> tables;
  for (const std::vector<std::string>& row :
       Rows(conn,
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' "
            "ORDER BY table_name",
            "list tables"))
    tables.push_back({row[0], {}, 0});
  OrderReferencedFirst(conn, tables);
  for (Table& t : tables) {
    PGresult* r = PQexec(
        conn, ("COPY public." + Quote(t.name) + " TO STDOUT (FORMAT binary)")
                  .c_str());
    if (PQresultStatus(r) != PGRES_COPY_OUT) Die(conn, t.name);
    PQclear(r);
    char* buffer = nullptr;
    int n;
    while ((n = PQgetCopyData(conn, &buffer, 0)) > 0) {
      t.data.append(buffer, n);
      PQfreemem(buffer);
    }
    PGresult* done = PQgetResult(conn);
    if (PQresultStatus(done) != PGRES_COMMAND_OK) Die(conn, t.name);
    t.rows = std::atoll(PQcmdTuples(done));
    PQclear(done);
    while (PGresult* extra = PQgetResult(conn)) PQclear(extra);
  }
  return tables;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr,
                 "usage: pg_copy_baseline SOURCE_CONNINFO TARGET_CONNINFO\n");
    return 2;
  }
  PGconn* source = PQconnectdb(argv[1]);
  if (PQstatus(source) != CONNECTION_OK) Die(source, "connect to the source");
  const std::vector<Table> tables = Materialise(source);
  PQfinish(source);
  PGconn* conn = PQconnectdb(argv[2]);
  if (PQstatus(conn) != CONNECTION_OK) Die(conn, "connect to the target");

  int64_t rows = 0, bytes = 0;
  const auto start = std::chrono::steady_clock::now();
  Exec(conn, "BEGIN");
  for (const Table& t : tables) {
    PGresult* r = PQexec(
        conn, ("COPY public." + Quote(t.name) + " FROM STDIN (FORMAT binary)")
                  .c_str());
    if (PQresultStatus(r) != PGRES_COPY_IN) Die(conn, t.name);
    PQclear(r);
    constexpr size_t kPiece = 1 << 20;
    for (size_t off = 0; off < t.data.size(); off += kPiece) {
      const size_t n = std::min(kPiece, t.data.size() - off);
      if (PQputCopyData(conn, t.data.data() + off, static_cast<int>(n)) != 1)
        Die(conn, t.name);
    }
    if (PQputCopyEnd(conn, nullptr) != 1) Die(conn, t.name);
    PGresult* done = PQgetResult(conn);
    if (PQresultStatus(done) != PGRES_COMMAND_OK) Die(conn, t.name);
    PQclear(done);
    while (PGresult* extra = PQgetResult(conn)) PQclear(extra);
    rows += t.rows;
    bytes += static_cast<int64_t>(t.data.size());
  }
  Exec(conn, "COMMIT");
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  PQfinish(conn);
  std::printf("{\"rows\": %lld, \"bytes\": %lld, \"seconds\": %.4f}\n",
              static_cast<long long>(rows), static_cast<long long>(bytes),
              seconds);
  return 0;
}
