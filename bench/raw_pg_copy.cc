// The physical limit for the PostgreSQL benchmark: the final rows of every
// jao table of an ingested database, already materialised in memory as binary
// COPY data, copied with plain binary COPY into empty tables of the same
// shape (CREATE TABLE ... (LIKE ... INCLUDING ALL) in a scratch schema).
//
//   raw_pg_copy CONNINFO [--foreign-keys]
//
// With --foreign-keys the scratch tables also get the source tables' foreign
// keys (Django's, deferred), so the server checks every row as it does for
// the ingester; tables are then loaded parents first.
//
// Prints one JSON line: {"rows": N, "bytes": B, "seconds": S}. Only the COPY
// into the empty tables is timed.
#include <libpq-fe.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

struct Table {
  std::string name;
  std::string data;  // binary COPY stream
  int64_t rows = 0;
};

[[noreturn]] void Die(PGconn* conn, const std::string& what) {
  std::fprintf(stderr, "raw_pg_copy: %s: %s", what.c_str(),
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

std::vector<Table> Materialise(PGconn* conn) {
  std::vector<Table> tables;
  PGresult* list =
      PQexec(conn,
             "SELECT table_name FROM information_schema.tables "
             "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' "
             "ORDER BY table_name");
  if (PQresultStatus(list) != PGRES_TUPLES_OK) Die(conn, "list tables");
  for (int i = 0; i < PQntuples(list); ++i)
    tables.push_back({PQgetvalue(list, i, 0), {}, 0});
  PQclear(list);
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

// Each public table's foreign keys: (table, constraint name, definition as
// pg_get_constraintdef prints it, referenced table).
struct ForeignKey {
  std::string table, name, definition, referenced;
};

std::vector<ForeignKey> ForeignKeys(PGconn* conn) {
  PGresult* r = PQexec(
      conn,
      "SELECT c.conrelid::regclass::text, c.conname, "
      "pg_get_constraintdef(c.oid), c.confrelid::regclass::text "
      "FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace "
      "WHERE c.contype = 'f' AND n.nspname = 'public' ORDER BY 1, 2");
  if (PQresultStatus(r) != PGRES_TUPLES_OK) Die(conn, "list foreign keys");
  std::vector<ForeignKey> keys;
  for (int i = 0; i < PQntuples(r); ++i) {
    keys.push_back({PQgetvalue(r, i, 0), PQgetvalue(r, i, 1),
                    PQgetvalue(r, i, 2), PQgetvalue(r, i, 3)});
  }
  PQclear(r);
  return keys;
}

// Parents before children, so that each table's commit finds its rows'
// referenced rows already there.
std::vector<Table> ParentsFirst(std::vector<Table> tables,
                                const std::vector<ForeignKey>& keys) {
  std::vector<Table> ordered;
  std::vector<std::string> done;
  auto is_done = [&](const std::string& name) {
    for (const std::string& d : done)
      if (d == name) return true;
    return false;
  };
  while (!tables.empty()) {
    size_t before = tables.size();
    for (size_t i = 0; i < tables.size();) {
      bool ready = true;
      for (const ForeignKey& k : keys) {
        if (k.table == tables[i].name && k.referenced != k.table &&
            !is_done(k.referenced))
          ready = false;
      }
      if (ready) {
        done.push_back(tables[i].name);
        ordered.push_back(std::move(tables[i]));
        tables.erase(tables.begin() + static_cast<long>(i));
      } else {
        ++i;
      }
    }
    if (tables.size() == before) {
      std::fprintf(stderr, "raw_pg_copy: foreign keys form a cycle\n");
      std::exit(1);
    }
  }
  return ordered;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: raw_pg_copy CONNINFO [--foreign-keys]\n");
    return 2;
  }
  const bool foreign_keys =
      argc > 2 && std::string(argv[2]) == "--foreign-keys";
  PGconn* conn = PQconnectdb(argv[1]);
  if (PQstatus(conn) != CONNECTION_OK) Die(conn, "connect");
  std::vector<Table> tables = Materialise(conn);
  Exec(conn,
       "DROP SCHEMA IF EXISTS raw_limit CASCADE; CREATE SCHEMA raw_limit");
  for (const Table& t : tables) {
    Exec(conn, "CREATE TABLE raw_limit." + Quote(t.name) + " (LIKE public." +
                   Quote(t.name) + " INCLUDING ALL)");
  }
  if (foreign_keys) {
    const std::vector<ForeignKey> keys = ForeignKeys(conn);
    // The definitions name their tables unqualified; resolved in raw_limit.
    Exec(conn, "SET search_path = raw_limit");
    for (const ForeignKey& k : keys) {
      Exec(conn, "ALTER TABLE raw_limit." + Quote(k.table) +
                     " ADD CONSTRAINT " + Quote(k.name) + " " + k.definition);
    }
    Exec(conn, "SET search_path = public");
    tables = ParentsFirst(std::move(tables), keys);
  }
  int64_t rows = 0, bytes = 0;
  const auto start = std::chrono::steady_clock::now();
  for (const Table& t : tables) {
    Exec(conn, "BEGIN");
    PGresult* r = PQexec(conn, ("COPY raw_limit." + Quote(t.name) +
                                " FROM STDIN (FORMAT binary)")
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
    Exec(conn, "COMMIT");
    rows += t.rows;
    bytes += static_cast<int64_t>(t.data.size());
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  Exec(conn, "DROP SCHEMA raw_limit CASCADE");
  PQfinish(conn);
  std::printf("{\"rows\": %lld, \"bytes\": %lld, \"seconds\": %.4f}\n",
              static_cast<long long>(rows), static_cast<long long>(bytes),
              seconds);
  return 0;
}
