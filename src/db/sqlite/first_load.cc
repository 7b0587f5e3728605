// See sqlite/first_load.h. Lookup tables are left alone: a load inserts
// names there with INSERT OR IGNORE, which needs their UNIQUE name index,
// and they may already hold names (a previous run, or the app).
#include "db/sqlite/first_load.h"

#include <fmt/format.h>

#include <span>
#include <string_view>

#include "db/schema_names.h"

namespace jao::db::sqlite {
namespace {

Result<bool> AllEmpty(Connection& connection,
                      std::span<const std::string_view> tables) {
  std::vector<std::string> probes;
  for (std::string_view t : tables)
    probes.push_back(fmt::format(R"(NOT EXISTS (SELECT 1 FROM "{}"))", t));
  ASSIGN_OR_RETURN(
      Statement * empty,
      connection.Cached(fmt::format("SELECT {}", fmt::join(probes, " AND "))));
  ASSIGN_OR_RETURN(bool row, empty->Step());
  const bool all_empty = row && empty->ColumnInt64(0) == 1;
  empty->Reset();
  return all_empty;
}

struct Index {
  std::string name;
  std::string sql;
};

// The non-unique indexes of `tables` that a CREATE INDEX made (sqlite_master
// holds their text; automatic indexes of UNIQUE / PRIMARY KEY constraints
// have none), in sqlite_master's order.
Result<std::vector<Index>> DroppableIndexes(
    Connection& connection, std::span<const std::string_view> tables) {
  std::vector<std::string> quoted;
  for (std::string_view t : tables) quoted.push_back(fmt::format("'{}'", t));
  ASSIGN_OR_RETURN(
      Statement * select,
      connection.Cached(fmt::format(
          "SELECT m.name, m.sql FROM sqlite_master AS m "
          "JOIN pragma_index_list(m.tbl_name) AS l ON l.name = m.name "
          "WHERE m.type = 'index' AND m.sql IS NOT NULL AND l.\"unique\" = 0 "
          "AND m.tbl_name IN ({}) ORDER BY m.rowid",
          fmt::join(quoted, ", "))));
  std::vector<Index> indexes;
  while (true) {
    Result<bool> row = select->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    indexes.push_back({std::string(select->ColumnText(0)),
                       std::string(select->ColumnText(1))});
  }
  select->Reset();
  return indexes;
}

Result<FirstLoadStart> DropIfEmpty(Connection& connection,
                                   FirstLoadState* dropped) {
  const std::span<const std::string_view> tables = schema::VacancyTables();
  ASSIGN_OR_RETURN(bool empty, AllEmpty(connection, tables));
  if (!empty) return FirstLoadStart::kNotEmpty;
  ASSIGN_OR_RETURN(std::vector<Index> indexes,
                   DroppableIndexes(connection, tables));
  dropped->restore.clear();
  for (Index& index : indexes) {
    RETURN_IF_ERROR(
        connection.Exec(fmt::format(R"(DROP INDEX "{}")", index.name))
            .WithContext(
                fmt::format("first load: dropping index {}", index.name)));
    dropped->restore.push_back(std::move(index.sql));
  }
  return FirstLoadStart::kStarted;
}

// The journal mode a `PRAGMA journal_mode...` statement answers with.
Result<std::string> JournalModePragma(Connection& connection,
                                      const std::string& pragma) {
  ASSIGN_OR_RETURN(Statement * statement, connection.Cached(pragma));
  Result<bool> row = statement->Step();
  std::string mode =
      row.ok() && *row ? std::string(statement->ColumnText(0)) : std::string();
  statement->Reset();
  if (!row.ok()) return row.status().WithContext("journal mode");
  return mode;
}

// Asks SQLite, once and without waiting, to leave WAL for the rollback
// journal ("delete"). It cannot while another connection has the file open
// (SQLITE_BUSY, or it answers "wal"): the first load then runs in WAL.
Result<bool> UseRollbackJournal(Connection& connection) {
  ASSIGN_OR_RETURN(std::string mode, JournalMode(connection));
  if (mode != "wal") return false;
  const int64_t wait = connection.busy_timeout_ms();
  connection.SetBusyTimeout(1);  // 0 would mean for ever
  Result<std::string> now =
      JournalModePragma(connection, "PRAGMA journal_mode=DELETE");
  connection.SetBusyTimeout(wait);
  return now.ok() && *now == "delete";
}

}  // namespace

Result<std::string> JournalMode(Connection& connection) {
  return JournalModePragma(connection, "PRAGMA journal_mode");
}

Result<FirstLoadStart> BeginFirstLoad(Connection& connection,
                                      FirstLoadState* state) {
  ASSIGN_OR_RETURN(state->rollback_journal, UseRollbackJournal(connection));
  Status begun =
      connection.Exec("BEGIN IMMEDIATE").WithContext("first load: begin");
  if (!begun.ok()) {
    EndFirstLoadJournal(connection, *state);
    return begun;
  }
  Result<FirstLoadStart> started = DropIfEmpty(connection, state);
  if (started.ok() && *started == FirstLoadStart::kStarted) return started;
  // Nothing was changed that must stay (a failed DROP rolls back with the
  // others); the error, if any, is what the caller needs.
  (void)connection.Exec("ROLLBACK");
  EndFirstLoadJournal(connection, *state);
  return started;
}

void EndFirstLoadJournal(Connection& connection, const FirstLoadState& state) {
  if (!state.rollback_journal) return;
  // The mode is read back by JournalMode; an error here leaves the file
  // in rollback-journal mode, which every SQLite reads.
  (void)connection.Exec("PRAGMA journal_mode=WAL");
}

Status RestoreDroppedIndexes(Connection& connection,
                             const FirstLoadState& dropped) {
  for (const std::string& statement : dropped.restore) {
    RETURN_IF_ERROR(connection.Exec(statement).WithContext(
        "first load: rebuilding the indexes"));
  }
  return Status::Ok();
}

}  // namespace jao::db::sqlite
