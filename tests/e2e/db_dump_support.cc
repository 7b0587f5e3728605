// See db_dump_support.h.
#include "e2e/db_dump_support.h"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace jao::e2e {
namespace {

using nlohmann::json;

struct Characteristic {
  const char* table;      // suffix: application_statistics_<table>
  const char* fk_column;  // in application_statistics_<table>statistic
};
constexpr Characteristic kCharacteristics[] = {
    {"agegroup", "age_group_id"},
    {"disability", "disability_id"},
    {"ethnicgroup", "ethnic_group_id"},
    {"ethnicity", "ethnicity_id"},
    {"gender", "gender_id"},
    {"religion", "religion_id"},
    {"sexualorientation", "sexual_orientation_id"},
};

// Django's SQLite datetime text drops a zero fraction.
std::string DjangoDatetime(std::string text) {
  if (text.size() > 7 && text.compare(text.size() - 7, 7, ".000000") == 0) {
    text.resize(text.size() - 7);
  }
  return text;
}

// ---- SQLite ----

class SqliteReader : public DatabaseReader {
 public:
  explicit SqliteReader(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) !=
        SQLITE_OK) {
      std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw std::runtime_error("cannot open sqlite " + path + ": " + message);
    }
  }
  ~SqliteReader() override { sqlite3_close(db_); }

  std::vector<json> Select(const std::vector<SelectColumn>& columns,
                           const std::string& from) override {
    std::string sql = "SELECT ";
    for (size_t i = 0; i < columns.size(); ++i) {
      sql += (i ? ", " : "") + columns[i].expr;
    }
    sql += " FROM " + from;
    sqlite3_stmt* stmt = Prepare(sql);
    std::vector<json> rows;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      json row = json::object();
      for (size_t i = 0; i < columns.size(); ++i) {
        row[columns[i].key] = Cell(stmt, static_cast<int>(i), columns[i].kind);
      }
      rows.push_back(std::move(row));
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) Fail(sql);
    return rows;
  }

  bool HasTable(const std::string& name) override {
    sqlite3_stmt* stmt = Prepare(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?");
    sqlite3_bind_text(stmt, 1, name.c_str(), -1, SQLITE_TRANSIENT);
    bool found =
        sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_int64(stmt, 0) > 0;
    sqlite3_finalize(stmt);
    return found;
  }

 private:
  sqlite3_stmt* Prepare(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      Fail(sql);
    }
    return stmt;
  }
  [[noreturn]] void Fail(const std::string& sql) {
    throw std::runtime_error("sqlite: " + sql + ": " + sqlite3_errmsg(db_));
  }

  static std::string Text(sqlite3_stmt* stmt, int i) {
    const auto* text =
        reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
    return std::string(text ? text : "", sqlite3_column_bytes(stmt, i));
  }

  // A cell of an unexpected storage class becomes "<class value>", which
  // can never equal an expected value.
  static json Cell(sqlite3_stmt* stmt, int i, CellKind kind) {
    int type = sqlite3_column_type(stmt, i);
    if (type == SQLITE_NULL) return nullptr;
    switch (kind) {
      case CellKind::kInteger:
        if (type == SQLITE_INTEGER) return sqlite3_column_int64(stmt, i);
        break;
      case CellKind::kText:
        if (type == SQLITE_TEXT) return Text(stmt, i);
        break;
      case CellKind::kDatetime:
        if (type == SQLITE_TEXT) return Text(stmt, i);
        break;
      case CellKind::kDecimal: {
        // Numeric affinity stores "12345.60" as REAL 12345.6 and "25000.00"
        // as INTEGER 25000; Django reads both back as Decimal with 2 places.
        char text[64];
        if (type == SQLITE_INTEGER) {
          std::snprintf(text, sizeof text, "%lld.00",
                        static_cast<long long>(sqlite3_column_int64(stmt, i)));
          return text;
        }
        if (type == SQLITE_FLOAT) {
          std::snprintf(text, sizeof text, "%.2f",
                        sqlite3_column_double(stmt, i));
          return text;
        }
        break;
      }
      case CellKind::kBool:
        if (type == SQLITE_INTEGER) {
          int64_t v = sqlite3_column_int64(stmt, i);
          if (v == 0 || v == 1) return v == 1;
        }
        break;
    }
    static const char* kClass[] = {"", "integer", "real", "text", "blob"};
    return "<" + std::string(kClass[type]) + " " + Text(stmt, i) + ">";
  }

  sqlite3* db_ = nullptr;
};

// ---- PostgreSQL ----

class PostgresReader : public DatabaseReader {
 public:
  explicit PostgresReader(const std::string& conninfo)
      : conn_(PQconnectdb(conninfo.c_str())) {
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string message = PQerrorMessage(conn_);
      PQfinish(conn_);
      throw std::runtime_error("cannot connect to postgresql: " + message);
    }
    Exec("SET TIME ZONE 'UTC'");
  }
  ~PostgresReader() override { PQfinish(conn_); }

  std::vector<json> Select(const std::vector<SelectColumn>& columns,
                           const std::string& from) override {
    std::string sql = "SELECT ";
    for (size_t i = 0; i < columns.size(); ++i) {
      sql += (i ? ", " : "") + Wrapped(columns[i]);
    }
    sql += " FROM " + from;
    PGresult* result = Exec(sql);
    std::vector<json> rows;
    for (int r = 0; r < PQntuples(result); ++r) {
      json row = json::object();
      for (size_t i = 0; i < columns.size(); ++i) {
        int c = static_cast<int>(i);
        row[columns[i].key] = PQgetisnull(result, r, c)
                                  ? json(nullptr)
                                  : Cell(std::string(PQgetvalue(result, r, c),
                                                     PQgetlength(result, r, c)),
                                         columns[i].kind);
      }
      rows.push_back(std::move(row));
    }
    PQclear(result);
    return rows;
  }

  bool HasTable(const std::string& name) override {
    PGresult* result =
        Exec("SELECT to_regclass('public." + name + "') IS NOT NULL");
    bool found = std::string(PQgetvalue(result, 0, 0)) == "t";
    PQclear(result);
    return found;
  }

 private:
  PGresult* Exec(const std::string& sql) {
    PGresult* result = PQexec(conn_, sql.c_str());
    ExecStatusType status = PQresultStatus(result);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      std::string message = PQerrorMessage(conn_);
      PQclear(result);
      throw std::runtime_error("postgresql: " + sql + ": " + message);
    }
    return result;
  }

  static std::string Wrapped(const SelectColumn& column) {
    switch (column.kind) {
      case CellKind::kDatetime:
        return "to_char((" + column.expr +
               ") AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')";
      case CellKind::kDecimal:
        return "(" + column.expr + ")::text";
      default:
        return column.expr;
    }
  }

  static json Cell(const std::string& text, CellKind kind) {
    switch (kind) {
      case CellKind::kInteger:
        return std::stoll(text);
      case CellKind::kDatetime:
        return DjangoDatetime(text);
      case CellKind::kBool:
        if (text == "t" || text == "f") return text == "t";
        return "<bool " + text + ">";
      default:
        return text;
    }
  }

  PGconn* conn_;
};

// ---- the tables ----

std::vector<json> Sorted(std::vector<json> rows,
                         const std::vector<std::string>& keys) {
  std::stable_sort(rows.begin(), rows.end(), [&](const json& a, const json& b) {
    for (const std::string& k : keys) {
      if (a[k] < b[k]) return true;
      if (b[k] < a[k]) return false;
    }
    return false;
  });
  return rows;
}

json Lookup(DatabaseReader& db, const std::string& table,
            const std::string& column) {
  std::vector<std::string> names;
  for (const json& row :
       db.Select({{"name", column, CellKind::kText}}, table)) {
    names.push_back(row["name"].is_string() ? row["name"].get<std::string>()
                                            : row["name"].dump());
  }
  // std::string compares as unsigned char: UTF-8 byte order.
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

std::unique_ptr<DatabaseReader> OpenSqliteReader(const std::string& path) {
  return std::make_unique<SqliteReader>(path);
}

std::unique_ptr<DatabaseReader> OpenPostgresReader(
    const std::string& conninfo) {
  return std::make_unique<PostgresReader>(conninfo);
}

const std::vector<std::string>& JaoTableNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n = {"organisations_department", "roles_grade",
                                  "roles_roletype"};
    for (const auto& c : kCharacteristics) {
      n.push_back(std::string("application_statistics_") + c.table);
    }
    n.insert(n.end(), {"vacancies_vacancy", "vacancies_vacancygrade",
                       "vacancies_vacancyroletype",
                       "application_statistics_vacancystatistic"});
    for (const auto& c : kCharacteristics) {
      n.push_back(std::string("application_statistics_") + c.table +
                  "statistic");
    }
    return n;
  }();
  return names;
}

namespace {

// Issue 22: no run may leave a row whose key points at a missing row (SQLite
// does not enforce keys row by row; PostgreSQL's replica mode skips them).
// Throws naming the first dangling key found.
void CheckNoDanglingKeys(DatabaseReader& db) {
  struct Key {
    std::string table, column, referenced;
  };
  std::vector<Key> keys = {
      {"vacancies_vacancy", "department_id", "organisations_department"},
      {"vacancies_vacancygrade", "vacancy_id", "vacancies_vacancy"},
      {"vacancies_vacancygrade", "grade_id", "roles_grade"},
      {"vacancies_vacancyroletype", "vacancy_id", "vacancies_vacancy"},
      {"vacancies_vacancyroletype", "role_type_id", "roles_roletype"},
      {"application_statistics_vacancystatistic", "vacancy_id",
       "vacancies_vacancy"}};
  for (const auto& c : kCharacteristics) {
    const std::string lookup = std::string("application_statistics_") + c.table;
    keys.push_back({lookup + "statistic", "vacancy_id", "vacancies_vacancy"});
    keys.push_back({lookup + "statistic", c.fk_column, lookup});
  }
  for (const Key& key : keys) {
    if (!db.HasTable(key.table)) continue;
    const std::vector<json> rows =
        db.Select({{"n", "count(*)", CellKind::kInteger}},
                  key.table + " c WHERE c." + key.column +
                      " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM " +
                      key.referenced + " p WHERE p.id = c." + key.column + ")");
    const int64_t dangling = rows.at(0)["n"].get<int64_t>();
    if (dangling != 0) {
      throw std::runtime_error(std::to_string(dangling) + " rows of " +
                               key.table + "." + key.column +
                               " point at no row of " + key.referenced);
    }
  }
}

}  // namespace

json DumpTables(DatabaseReader& db) {
  using K = CellKind;
  CheckNoDanglingKeys(db);
  json tables = json::object();
  tables["organisations_department"] =
      Lookup(db, "organisations_department", "name");
  tables["roles_grade"] = Lookup(db, "roles_grade", "description");
  tables["roles_roletype"] = Lookup(db, "roles_roletype", "description");
  for (const auto& c : kCharacteristics) {
    std::string table = std::string("application_statistics_") + c.table;
    tables[table] = Lookup(db, table, "description");
  }
  tables["vacancies_vacancy"] = Sorted(
      db.Select({{"id", "v.id", K::kInteger},
                 {"last_updated", "v.last_updated", K::kDatetime},
                 {"live_date", "v.live_date", K::kDatetime},
                 {"closing_date", "v.closing_date", K::kDatetime},
                 {"is_deleted", "v.is_deleted", K::kBool},
                 {"min_salary", "v.min_salary", K::kDecimal},
                 {"max_salary", "v.max_salary", K::kDecimal},
                 {"title", "v.title", K::kText},
                 {"description", "v.description", K::kText},
                 {"summary", "v.summary", K::kText},
                 {"department", "d.name", K::kText}},
                "vacancies_vacancy v LEFT JOIN organisations_department d "
                "ON d.id = v.department_id"),
      {"id"});
  tables["vacancies_vacancygrade"] =
      Sorted(db.Select({{"vacancy_id", "l.vacancy_id", K::kInteger},
                        {"grade", "g.description", K::kText}},
                       "vacancies_vacancygrade l LEFT JOIN roles_grade g "
                       "ON g.id = l.grade_id"),
             {"vacancy_id", "grade"});
  tables["vacancies_vacancyroletype"] =
      Sorted(db.Select({{"vacancy_id", "l.vacancy_id", K::kInteger},
                        {"role_type", "r.description", K::kText}},
                       "vacancies_vacancyroletype l LEFT JOIN roles_roletype r "
                       "ON r.id = l.role_type_id"),
             {"vacancy_id", "role_type"});
  tables["application_statistics_vacancystatistic"] = Sorted(
      db.Select({{"vacancy_id", "vacancy_id", K::kInteger},
                 {"total_applications", "total_applications", K::kInteger},
                 {"updated_at", "updated_at", K::kDatetime}},
                "application_statistics_vacancystatistic"),
      {"vacancy_id"});
  for (const auto& c : kCharacteristics) {
    std::string lookup = std::string("application_statistics_") + c.table;
    tables[lookup + "statistic"] = Sorted(
        db.Select(
            {{"vacancy_id", "s.vacancy_id", K::kInteger},
             {"group", "g.description", K::kText},
             {"percent_applications", "s.percent_applications", K::kDecimal},
             {"updated_at", "s.updated_at", K::kDatetime}},
            lookup + "statistic s LEFT JOIN " + lookup + " g ON g.id = s." +
                c.fk_column),
        {"vacancy_id", "group"});
  }
  return tables;
}

std::vector<int64_t> VacancyIds(DatabaseReader& db) {
  std::vector<int64_t> ids;
  if (!db.HasTable("vacancies_vacancy")) return ids;
  for (const json& row :
       db.Select({{"id", "id", CellKind::kInteger}}, "vacancies_vacancy")) {
    ids.push_back(row["id"].get<int64_t>());
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

bool HasAnyJaoTable(DatabaseReader& db) {
  for (const std::string& table : JaoTableNames()) {
    if (db.HasTable(table)) return true;
  }
  return false;
}

}  // namespace jao::e2e
