// The first load into an empty schema, pg_restore style: one transaction
// that locks every table, drops the foreign keys of the vacancy tables and
// every index and key of theirs except those a chunk's own statements need
// (vacancies_vacancy's primary key and the indexes on vacancy_id alone:
// a vacancy that comes twice in the run is updated through them, as in a
// chunked load), COPYs all the chunks, then recreates exactly what it
// dropped (the
// statements are read from the catalog with pg_get_indexdef /
// pg_get_constraintdef before the drop, never retyped) and validates the
// keys in one pass each before COMMIT. DDL is transactional: a crash or a
// failure anywhere leaves the schema and the tables as they were, and the
// rerun starts over. Used by PostgresLoader.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "db/postgres/connection.h"

namespace jao::db::postgres {

// What BeginFirstLoad dropped, as the statements that recreate it, in the
// order to run them: primary and unique keys, indexes, foreign keys.
struct DroppedSchema {
  std::vector<std::string> restore;
};

enum class FirstLoadStart {
  kStarted,   // transaction open, tables locked, `dropped` filled
  kNotEmpty,  // a vacancy table holds rows (checked under the locks)
  kNotOwner,  // the role does not own every table; nothing done
};

// Starts a first load when the vacancy tables (vacancies_vacancy and every
// table that points at it) are empty. The emptiness is checked again under
// ACCESS EXCLUSIVE locks on every table (vacancies first, then the lookups,
// then the children: the order a chunk takes them in), so that a concurrent
// ingester waits instead of racing. Only kStarted leaves a transaction open.
Result<FirstLoadStart> BeginFirstLoad(PgConnection& connection,
                                      DroppedSchema* dropped);

// Inside the open first-load transaction, after its first chunk: gives the
// planner statistics of the vacancy tables. Without any, it joins a later
// chunk's updates (a vacancy that comes twice) to the child tables by a
// scan of the whole table, a scan that grows with every chunk (100k bench
// file: 3.4 s of DELETEs in 20 chunks); with them, it looks the few updated
// vacancies up through the kept vacancy_id indexes.
Status AnalyzeVacancyTables(PgConnection& connection);

// Inside the open first-load transaction: recreates and validates what was
// dropped (the caller then commits). A violated key fails with the
// server's message naming the constraint.
Status RestoreDroppedSchema(PgConnection& connection,
                            const DroppedSchema& dropped);

}  // namespace jao::db::postgres
