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
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "db/sqlite/sqlite_statement.h"

namespace jao::db::sqlite {

// What BeginFirstLoad dropped: the CREATE INDEX statements that rebuild it,
// in sqlite_master's order.
struct DroppedIndexes {
  std::vector<std::string> restore;
};

enum class FirstLoadStart {
  kStarted,   // transaction open, indexes dropped, `dropped` filled
  kNotEmpty,  // a vacancy table holds rows (checked under the write lock)
};

// BEGIN IMMEDIATE, then checks that every vacancy table is empty and, when
// they are, drops their non-unique indexes. Only kStarted leaves the
// transaction open; otherwise (and on error) it has been rolled back. A
// Database status names what failed ("first load: dropping <index>: ...").
Result<FirstLoadStart> BeginFirstLoad(Connection& connection,
                                      DroppedIndexes* dropped);

// Inside the open first-load transaction: builds the dropped indexes again
// (the caller then commits, or rolls back on error).
Status RestoreDroppedIndexes(Connection& connection,
                             const DroppedIndexes& dropped);

}  // namespace jao::db::sqlite
