// The first load into empty vacancy tables on SQLite: the whole run in one
// transaction (BEGIN IMMEDIATE, so the write lock is held from the emptiness
// check to the COMMIT), with the non-unique indexes of the vacancy tables
// (vacancies_vacancy and every table that points at it) dropped at the start
// and built again, each in one sorted pass, at the end before the COMMIT.
// The statements that rebuild them are sqlite_master's own text, read
// before the drop, so names and definitions come back byte for byte as
// Django's migrations (or our EnsureSchema) wrote them. UNIQUE constraints,
// unique indexes and primary keys stay: they enforce correctness, and a
// chunk's own lookups and deletes (by id, by vacancy_id: the prefix of each
// child table's unique index) go through them. SQLite's DDL is
// transactional: a crash or a rollback leaves the schema and the tables as
// they were. Used by SqliteLoader.
//
// The journal: when no other connection has the file open, the first load
// runs with SQLite's rollback journal instead of WAL, and returns to WAL
// after its COMMIT or ROLLBACK. Pages past the file's end before the load
// need no journal, so a load into empty tables writes each page once, to
// the database file; in WAL every page goes to the WAL, is read back from
// it while the transaction lasts and is copied again by the checkpoint
// (100k bench file: 19.9 s in WAL, 12.5 s with the rollback journal).
// Meanwhile other connections wait for the lock (their busy timeout), as
// writers already did. A crash leaves the journal behind: once the load had
// written pages to the file it is hot, and the next read-write opener rolls
// it back (a read-only one cannot: SQLite then refuses to read until one
// has); killed before that, SQLite ignores it. With another connection
// open, SQLite refuses to leave WAL and the first load runs in WAL.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "db/sqlite/connection.h"

namespace jao::db::sqlite {

// What BeginFirstLoad changed: the CREATE INDEX statements that rebuild what
// it dropped, in sqlite_master's order, and whether it left WAL.
struct FirstLoadState {
  std::vector<std::string> restore;
  bool rollback_journal = false;
};

enum class FirstLoadStart {
  kStarted,   // transaction open, indexes dropped, `dropped` filled
  kNotEmpty,  // a vacancy table holds rows (checked under the write lock)
};

// Leaves WAL for the rollback journal where SQLite allows it, then BEGIN
// IMMEDIATE, then checks that every vacancy table is empty and, when they
// are, drops their non-unique indexes. Only kStarted leaves the transaction
// open; otherwise (and on error) it has been rolled back and the journal is
// WAL again. A Database status names what failed ("first load: dropping
// <index>: ...").
Result<FirstLoadStart> BeginFirstLoad(Connection& connection,
                                      FirstLoadState* state);

// Inside the open first-load transaction: builds the dropped indexes again
// (the caller then commits, or rolls back on error).
Status RestoreDroppedIndexes(Connection& connection,
                             const FirstLoadState& state);

// After the first load's COMMIT or ROLLBACK: back to WAL if BeginFirstLoad
// left it. Best effort: when a reader that opened the file meanwhile keeps
// it busy past the busy timeout, the file stays in rollback-journal mode
// until the next ingest opens it (Connection::Open asks for WAL).
void EndFirstLoadJournal(Connection& connection, const FirstLoadState& state);

// The journal the connection's main database uses now: "wal", "delete",
// "memory" (":memory:"), ...
Result<std::string> JournalMode(Connection& connection);

}  // namespace jao::db::sqlite
