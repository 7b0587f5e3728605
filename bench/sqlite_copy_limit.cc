// Issue 13's copy limit for the SQLite benchmark: the final rows of an
// ingested database copied table by table into an empty database with the
// same schema (tables and indexes created first, from the source's own DDL):
// ATTACH + INSERT INTO main.t SELECT * FROM src.t, WAL, synchronous=NORMAL.
//
//   sqlite_copy_limit SOURCE.sqlite3 TARGET.sqlite3 [--no-shortcut]
//                     [--transactions N]
//
// Default: one transaction, and SQLite's transfer shortcut (raw records
// copied, each index filled in key order). --no-shortcut adds `WHERE 1`,
// which SQLite's transfer optimisation refuses, so every row goes through
// the ordinary insert path. --transactions N (with --no-shortcut) copies in N
// transactions, each a pseudo-random 1/N of the vacancies with their child
// rows (lookup tables in the first), as a chunked load of a file whose ids
// are random would.
//
// Prints one JSON line: {"rows": N, "seconds": S}. Only the copy (BEGIN to
// the last COMMIT) is timed; TARGET is replaced.
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

constexpr const char* kVacancyTable = "vacancies_vacancy";

[[noreturn]] void Die(sqlite3* db, const std::string& what) {
  std::fprintf(stderr, "sqlite_copy_limit: %s: %s\n", what.c_str(),
               db ? sqlite3_errmsg(db) : "");
  std::exit(1);
}

void Exec(sqlite3* db, const std::string& sql) {
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
    Die(db, sql);
}

std::string Quote(const std::string& identifier) {
  std::string out = "\"";
  for (char c : identifier)
    out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string Text(sqlite3_stmt* s, int column) {
  const auto* text = sqlite3_column_text(s, column);
  return text ? reinterpret_cast<const char*>(text) : "";
}

struct Table {
  std::string name;
  std::string vacancy_column;  // the column referencing vacancies, or ""
};

// The source's tables (with the column that points at a vacancy, if any) and
// its DDL, tables before indexes.
void ReadSchema(sqlite3* db, std::vector<Table>& tables,
                std::vector<std::string>& ddl) {
  sqlite3_stmt* list = nullptr;
  if (sqlite3_prepare_v2(db,
                         "SELECT type, name, sql FROM src.sqlite_master "
                         "WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' "
                         "ORDER BY type = 'index', rowid",
                         -1, &list, nullptr) != SQLITE_OK)
    Die(db, "read schema");
  while (sqlite3_step(list) == SQLITE_ROW) {
    ddl.push_back(Text(list, 2));
    if (Text(list, 0) == "table") tables.push_back({Text(list, 1), ""});
  }
  sqlite3_finalize(list);
  for (Table& t : tables) {
    if (t.name == kVacancyTable) {
      t.vacancy_column = "id";
      continue;
    }
    sqlite3_stmt* keys = nullptr;
    const std::string sql =
        "SELECT \"from\" FROM pragma_foreign_key_list(?, 'src') WHERE "
        "\"table\" = ?";
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &keys, nullptr) != SQLITE_OK)
      Die(db, sql);
    sqlite3_bind_text(keys, 1, t.name.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(keys, 2, kVacancyTable, -1, SQLITE_STATIC);
    if (sqlite3_step(keys) == SQLITE_ROW) t.vacancy_column = Text(keys, 0);
    sqlite3_finalize(keys);
  }
}

int64_t Count(sqlite3* db, const std::string& table) {
  sqlite3_stmt* s = nullptr;
  const std::string sql = "SELECT count(*) FROM main." + Quote(table);
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK)
    Die(db, sql);
  sqlite3_step(s);
  const int64_t n = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr,
                 "usage: sqlite_copy_limit SOURCE TARGET [--no-shortcut] "
                 "[--transactions N]\n");
    return 2;
  }
  bool shortcut = true;
  int transactions = 1;
  for (int i = 3; i < argc; ++i) {
    if (std::strcmp(argv[i], "--no-shortcut") == 0) {
      shortcut = false;
    } else if (std::strcmp(argv[i], "--transactions") == 0 && i + 1 < argc) {
      transactions = std::atoi(argv[++i]);
    } else {
      std::fprintf(stderr, "sqlite_copy_limit: unknown option %s\n", argv[i]);
      return 2;
    }
  }
  if (transactions < 1 || (transactions > 1 && shortcut)) {
    std::fprintf(stderr,
                 "sqlite_copy_limit: --transactions N>1 needs --no-shortcut\n");
    return 2;
  }
  for (const char* suffix : {"", "-wal", "-shm"})
    std::remove((std::string(argv[2]) + suffix).c_str());
  sqlite3* db = nullptr;
  if (sqlite3_open(argv[2], &db) != SQLITE_OK) Die(db, argv[2]);
  // The ingester's settings (src/db/sqlite/connection.cc).
  Exec(db,
       "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA "
       "foreign_keys=OFF;");
  sqlite3_stmt* attach = nullptr;
  if (sqlite3_prepare_v2(db, "ATTACH DATABASE ? AS src", -1, &attach,
                         nullptr) != SQLITE_OK)
    Die(db, "attach");
  sqlite3_bind_text(attach, 1, argv[1], -1, SQLITE_STATIC);
  if (sqlite3_step(attach) != SQLITE_DONE) Die(db, "attach");
  sqlite3_finalize(attach);

  std::vector<Table> tables;
  std::vector<std::string> ddl;
  ReadSchema(db, tables, ddl);
  for (const std::string& sql : ddl) Exec(db, sql);

  const auto start = std::chrono::steady_clock::now();
  for (int k = 0; k < transactions; ++k) {
    Exec(db, "BEGIN");
    for (const Table& t : tables) {
      std::string sql = "INSERT INTO main." + Quote(t.name) +
                        " SELECT * FROM src." + Quote(t.name);
      if (transactions > 1 && !t.vacancy_column.empty()) {
        // Knuth's multiplicative hash spreads the ids over the parts.
        sql += " WHERE (" + Quote(t.vacancy_column) + " * 2654435761) % " +
               std::to_string(transactions) + " = " + std::to_string(k);
      } else if (transactions > 1 && k > 0) {
        continue;  // lookup tables go in the first transaction
      } else if (!shortcut) {
        sql += " WHERE 1";
      }
      Exec(db, sql);
    }
    Exec(db, "COMMIT");
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  int64_t rows = 0;
  for (const Table& t : tables) rows += Count(db, t.name);
  sqlite3_close(db);
  std::printf("{\"rows\": %lld, \"seconds\": %.4f}\n",
              static_cast<long long>(rows), seconds);
  return 0;
}
