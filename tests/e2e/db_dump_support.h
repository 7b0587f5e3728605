// The test-side reader of a jao database, independent of the product's db/
// code: it talks to SQLite (sqlite3) and PostgreSQL (libpq) directly and
// reads every jao table into the shape of the "tables" object that
// `fixtures/expect-ingest.mjs --db-state` writes (fixtures/README.md):
//  - lookup tables: the sorted list of their names (duplicates kept, so a
//    duplicate shows as a difference);
//  - vacancies_vacancy: {id, last_updated, live_date, closing_date,
//    is_deleted, min_salary, max_salary, title, description, summary,
//    department (the name)} by id;
//  - links: {vacancy_id, grade} / {vacancy_id, role_type};
//  - vacancystatistic: {vacancy_id, total_applications, updated_at};
//  - <x>statistic: {vacancy_id, group, percent_applications, updated_at}.
// Datetimes are Django SQLite text `YYYY-MM-DD HH:MM:SS[.ffffff]` in UTC
// (PostgreSQL timestamptz converted to it), decimals text with 2 decimals
// (SQLite REAL/INTEGER formatted, PostgreSQL numeric as its text), rows
// sorted by natural key, strings by UTF-8 bytes. Description and summary are
// compared as full text (the tests use small files).
//
// Errors (cannot open, a query fails) throw std::runtime_error.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace jao::e2e {

// How a selected cell becomes JSON.
enum class CellKind { kInteger, kText, kDatetime, kDecimal, kBool };

struct SelectColumn {
  std::string key;   // JSON key
  std::string expr;  // SQL expression
  CellKind kind;
};

class DatabaseReader {
 public:
  virtual ~DatabaseReader() = default;
  // `SELECT <columns> FROM <from>`: one JSON object a row, keyed by `key`.
  virtual std::vector<nlohmann::json> Select(
      const std::vector<SelectColumn>& columns, const std::string& from) = 0;
  // Whether the table `name` exists.
  virtual bool HasTable(const std::string& name) = 0;
};

// `path`: an SQLite database file, opened read-only.
std::unique_ptr<DatabaseReader> OpenSqliteReader(const std::string& path);
// `conninfo`: a libpq connection string or URL.
std::unique_ptr<DatabaseReader> OpenPostgresReader(const std::string& conninfo);

// Every jao table, keyed by table name, as described above; first checks
// that no key points at a missing row (throws naming it).
nlohmann::json DumpTables(DatabaseReader& db);

// The ids in vacancies_vacancy, ascending; empty when the table is absent.
std::vector<int64_t> VacancyIds(DatabaseReader& db);

// Whether any jao table exists (for "writes nothing" checks).
bool HasAnyJaoTable(DatabaseReader& db);

// The names of all 21 tables, in the order of fixtures/README.md.
const std::vector<std::string>& JaoTableNames();

}  // namespace jao::e2e
