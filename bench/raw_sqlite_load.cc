// The physical limit for the SQLite benchmark: loads the final rows of every
// table of an ingested database, already materialised in memory, into a fresh
// database with the same schema, using SQLite's fastest path (one prepared
// INSERT a table, bound values, one transaction per chunk of rows).
//
//   raw_sqlite_load SOURCE.sqlite3 TARGET.sqlite3 [CHUNK_ROWS]
//
// Prints one JSON line: {"rows": N, "seconds": S}. Only the load is timed.
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <variant>
#include <vector>

namespace {

using Value = std::variant<std::monostate, int64_t, double, std::string>;

struct Table {
  std::string name;
  std::string create_sql;
  int columns = 0;
  std::vector<Value> cells;  // row-major
};

[[noreturn]] void Die(sqlite3* db, const std::string& what) {
  std::fprintf(stderr, "raw_sqlite_load: %s: %s\n", what.c_str(),
               db ? sqlite3_errmsg(db) : "");
  std::exit(1);
}

sqlite3* OpenDb(const char* path) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path, &db) != SQLITE_OK) Die(db, path);
  return db;
}

std::string Quote(const std::string& identifier) {
  std::string out = "\"";
  for (char c : identifier)
    out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::vector<Table> Materialise(sqlite3* db) {
  std::vector<Table> tables;
  sqlite3_stmt* list = nullptr;
  if (sqlite3_prepare_v2(db,
                         "SELECT name, sql FROM sqlite_master WHERE type = "
                         "'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
                         -1, &list, nullptr) != SQLITE_OK)
    Die(db, "list tables");
  while (sqlite3_step(list) == SQLITE_ROW) {
    Table t;
    t.name = reinterpret_cast<const char*>(sqlite3_column_text(list, 0));
    t.create_sql = reinterpret_cast<const char*>(sqlite3_column_text(list, 1));
    tables.push_back(std::move(t));
  }
  sqlite3_finalize(list);
  for (Table& t : tables) {
    sqlite3_stmt* rows = nullptr;
    if (sqlite3_prepare_v2(db, ("SELECT * FROM " + Quote(t.name)).c_str(), -1,
                           &rows, nullptr) != SQLITE_OK)
      Die(db, t.name);
    t.columns = sqlite3_column_count(rows);
    while (sqlite3_step(rows) == SQLITE_ROW) {
      for (int c = 0; c < t.columns; ++c) {
        switch (sqlite3_column_type(rows, c)) {
          case SQLITE_INTEGER:
            t.cells.emplace_back(
                static_cast<int64_t>(sqlite3_column_int64(rows, c)));
            break;
          case SQLITE_FLOAT:
            t.cells.emplace_back(sqlite3_column_double(rows, c));
            break;
          case SQLITE_NULL:
            t.cells.emplace_back(std::monostate{});
            break;
          default:
            t.cells.emplace_back(std::string(
                reinterpret_cast<const char*>(sqlite3_column_text(rows, c)),
                sqlite3_column_bytes(rows, c)));
        }
      }
    }
    sqlite3_finalize(rows);
  }
  return tables;
}

std::vector<std::string> IndexSql(sqlite3* db) {
  std::vector<std::string> out;
  sqlite3_stmt* list = nullptr;
  if (sqlite3_prepare_v2(db,
                         "SELECT sql FROM sqlite_master WHERE type = 'index' "
                         "AND sql IS NOT NULL",
                         -1, &list, nullptr) != SQLITE_OK)
    Die(db, "list indexes");
  while (sqlite3_step(list) == SQLITE_ROW) {
    out.emplace_back(
        reinterpret_cast<const char*>(sqlite3_column_text(list, 0)));
  }
  sqlite3_finalize(list);
  return out;
}

void Exec(sqlite3* db, const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::fprintf(stderr, "raw_sqlite_load: %s: %s\n", sql.c_str(), error);
    std::exit(1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: raw_sqlite_load SOURCE TARGET [CHUNK_ROWS]\n");
    return 2;
  }
  const int64_t chunk = argc > 3 ? std::atoll(argv[3]) : 5000;
  sqlite3* source = OpenDb(argv[1]);
  std::vector<Table> tables = Materialise(source);
  std::vector<std::string> indexes = IndexSql(source);
  sqlite3_close(source);

  std::remove(argv[2]);
  sqlite3* target = OpenDb(argv[2]);
  // Same settings as the ingester's SQLite backend.
  Exec(target, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
  for (const Table& t : tables) Exec(target, t.create_sql);
  // The same indexes as the source, so every insert pays what ingest pays.
  for (const std::string& sql : indexes) Exec(target, sql);

  int64_t total_rows = 0;
  const auto start = std::chrono::steady_clock::now();
  for (const Table& t : tables) {
    std::string sql = "INSERT INTO " + Quote(t.name) + " VALUES (";
    for (int c = 0; c < t.columns; ++c) sql += c ? ",?" : "?";
    sql += ")";
    sqlite3_stmt* insert = nullptr;
    if (sqlite3_prepare_v2(target, sql.c_str(), -1, &insert, nullptr) !=
        SQLITE_OK)
      Die(target, sql);
    const int64_t rows =
        t.columns ? static_cast<int64_t>(t.cells.size()) / t.columns : 0;
    for (int64_t r = 0; r < rows; ++r) {
      if (r % chunk == 0) Exec(target, "BEGIN");
      for (int c = 0; c < t.columns; ++c) {
        const Value& v = t.cells[r * t.columns + c];
        if (auto* i = std::get_if<int64_t>(&v)) {
          sqlite3_bind_int64(insert, c + 1, *i);
        } else if (auto* d = std::get_if<double>(&v)) {
          sqlite3_bind_double(insert, c + 1, *d);
        } else if (auto* s = std::get_if<std::string>(&v)) {
          sqlite3_bind_text(insert, c + 1, s->data(),
                            static_cast<int>(s->size()), SQLITE_STATIC);
        } else {
          sqlite3_bind_null(insert, c + 1);
        }
      }
      if (sqlite3_step(insert) != SQLITE_DONE) Die(target, t.name);
      sqlite3_reset(insert);
      if (r % chunk == chunk - 1 || r == rows - 1) Exec(target, "COMMIT");
    }
    sqlite3_finalize(insert);
    total_rows += rows;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  sqlite3_close(target);
  std::printf("{\"rows\": %lld, \"seconds\": %.4f}\n",
              static_cast<long long>(total_rows), seconds);
  return 0;
}
