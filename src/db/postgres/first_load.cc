// See postgres/first_load.h. What stays: every lookup table as it is (a load
// inserts names there with ON CONFLICT, which needs their unique keys),
// vacancies_vacancy's primary key (each chunk looks its ids up, and the
// foreign keys to it are recreated against it), the indexes and keys on
// vacancy_id alone (an update deletes its old child rows through them and
// upserts vacancystatistic ON CONFLICT (vacancy_id)), CHECK constraints,
// and any key that a foreign key of another table still needs.
#include "db/postgres/first_load.h"

#include <fmt/format.h>

#include <span>
#include <string_view>

#include "db/schema_names.h"

namespace jao::db::postgres {
namespace {

std::vector<std::string_view> LookupTables() {
  std::vector<std::string_view> out;
  for (int i = 0; i < schema::kNumLookups; ++i)
    out.push_back(schema::TableOf(static_cast<schema::Lookup>(i)).table);
  return out;
}

std::string Quoted(std::span<const std::string_view> tables) {
  std::vector<std::string> quoted;
  for (std::string_view t : tables) quoted.push_back(fmt::format("\"{}\"", t));
  return fmt::format("{}", fmt::join(quoted, ", "));
}

// One statement a table, here and for the lock below: a statement waits
// on one table's lock at a time, and lock_timeout's message names the
// statement's table (postgres/connection.h); a statement naming every table
// was reported on the first one named whichever it waited on.
Result<bool> AllEmpty(PgConnection& connection,
                      const std::vector<std::string_view>& tables) {
  for (std::string_view t : tables) {
    ASSIGN_OR_RETURN(PgResult empty,
                     connection.Exec(fmt::format(
                         "SELECT NOT EXISTS (SELECT 1 FROM \"{}\")", t)));
    if (empty.Text(0, 0) != "t") return false;
  }
  return true;
}

Result<bool> OwnsAll(PgConnection& connection,
                     const std::vector<std::string_view>& tables) {
  ASSIGN_OR_RETURN(
      PgResult owns,
      connection.ExecParams(
          "SELECT bool_and(pg_has_role(c.relowner, 'USAGE')) FROM pg_class c "
          "WHERE c.oid = ANY (SELECT to_regclass(quote_ident(t)) FROM "
          "unnest($1::text[]) t)",
          {ArrayLiteral(tables)}));
  return owns.Text(0, 0) == "t";
}

// The drop and restore statements of what the first load takes away, built
// by the server from its catalog. $1: the vacancy tables.
constexpr std::string_view kDroppableSql = R"SQL(
WITH t AS (SELECT to_regclass(quote_ident(n)) AS oid FROM unnest($1::text[]) n),
by_vacancy AS (
  SELECT i.indexrelid FROM pg_index i JOIN pg_attribute a
    ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
  WHERE i.indrelid IN (SELECT oid FROM t) AND i.indnatts = 1
    AND i.indexprs IS NULL AND i.indpred IS NULL AND a.attname = 'vacancy_id'),
keys AS (
  SELECT c.oid, c.conrelid, c.conname, c.contype, c.conindid
  FROM pg_constraint c
  WHERE c.conrelid IN (SELECT oid FROM t) AND c.contype IN ('p', 'u', 'f')
    AND NOT (c.contype = 'p' AND c.conrelid = $2::regclass)
    AND NOT (c.contype = 'u' AND c.conindid IN (SELECT indexrelid FROM by_vacancy))),
kept_keys AS (
  SELECT k.oid FROM keys k WHERE k.contype IN ('p', 'u') AND EXISTS (
    SELECT 1 FROM pg_constraint f WHERE f.contype = 'f'
      AND f.conindid = k.conindid AND f.conrelid NOT IN (SELECT oid FROM t))),
dropped_keys AS (SELECT * FROM keys WHERE oid NOT IN (SELECT oid FROM kept_keys))
SELECT 0 AS kind, format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname),
       format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname,
              pg_get_constraintdef(oid)),
       CASE contype WHEN 'f' THEN 2 ELSE 0 END AS restore_order, conname::text AS name
FROM dropped_keys
UNION ALL
SELECT 1, format('DROP INDEX %s', i.indexrelid::regclass),
       pg_get_indexdef(i.indexrelid), 1, i.indexrelid::regclass::text
FROM pg_index i
WHERE i.indrelid IN (SELECT oid FROM t)
  AND i.indexrelid NOT IN (SELECT indexrelid FROM by_vacancy) AND NOT EXISTS (
  SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid
    AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u', 'x'))
ORDER BY 1 DESC, 5
)SQL";

}  // namespace

Result<FirstLoadStart> BeginFirstLoad(PgConnection& connection,
                                      DroppedSchema* dropped) {
  const std::span<const std::string_view> spanned = schema::VacancyTables();
  const std::vector<std::string_view> vacancy_tables(spanned.begin(),
                                                     spanned.end());
  const std::vector<std::string_view> lookups = LookupTables();
  // Cheap answers first, without a lock: a loaded database never takes it.
  ASSIGN_OR_RETURN(bool empty, AllEmpty(connection, vacancy_tables));
  if (!empty) return FirstLoadStart::kNotEmpty;
  std::vector<std::string_view> all = vacancy_tables;
  all.insert(all.begin() + 1, lookups.begin(), lookups.end());
  ASSIGN_OR_RETURN(bool owner, OwnsAll(connection, all));
  if (!owner) return FirstLoadStart::kNotOwner;

  RETURN_IF_ERROR(connection.Exec("BEGIN").status());
  Result<FirstLoadStart> started = [&]() -> Result<FirstLoadStart> {
    // In the order a single LOCK TABLE of the list would take them.
    for (std::string_view table : all) {
      RETURN_IF_ERROR(
          connection
              .Exec(fmt::format("LOCK TABLE \"{}\" IN ACCESS EXCLUSIVE MODE",
                                table))
              .status());
    }
    ASSIGN_OR_RETURN(bool still_empty, AllEmpty(connection, vacancy_tables));
    if (!still_empty) return FirstLoadStart::kNotEmpty;
    ASSIGN_OR_RETURN(
        PgResult droppable,
        connection.ExecParams(kDroppableSql,
                              {ArrayLiteral(vacancy_tables),
                               fmt::format("\"{}\"", schema::kVacancyTable)}));
    // Foreign keys are dropped first (they depend on the keys), indexes
    // last; restored in the opposite order.
    std::vector<std::pair<int, std::string>> restore;
    for (int row = 0; row < droppable.rows(); ++row) {
      RETURN_IF_ERROR(connection.Exec(droppable.Text(row, 1))
                          .status()
                          .WithContext(fmt::format("first load: dropping {}",
                                                   droppable.Text(row, 4))));
      ASSIGN_OR_RETURN(int64_t order, droppable.Int(row, 3));
      restore.emplace_back(static_cast<int>(order),
                           std::string(droppable.Text(row, 2)));
    }
    std::stable_sort(
        restore.begin(), restore.end(),
        [](const auto& a, const auto& b) { return a.first < b.first; });
    dropped->restore.clear();
    for (auto& [order, sql] : restore)
      dropped->restore.push_back(std::move(sql));
    return FirstLoadStart::kStarted;
  }();
  if (started.ok() && *started == FirstLoadStart::kStarted) return started;
  if (!connection.lost()) (void)connection.Exec("ROLLBACK");
  return started;
}

Status AnalyzeVacancyTables(PgConnection& connection) {
  return connection
      .Exec(fmt::format("ANALYZE {}", Quoted(schema::VacancyTables())))
      .status()
      .WithContext("first load: analyze");
}

Status RestoreDroppedSchema(PgConnection& connection,
                            const DroppedSchema& dropped) {
  // The server's memory for the index sorts, for this transaction only.
  RETURN_IF_ERROR(
      connection.Exec("SET LOCAL maintenance_work_mem = '256MB'").status());
  for (const std::string& statement : dropped.restore) {
    RETURN_IF_ERROR(connection.Exec(statement).status().WithContext(
        "first load: recreating the schema"));
  }
  return Status::Ok();
}

}  // namespace jao::db::postgres
