// The live schema against the declaration (db/target_schema.h), before
// anything is written: by `jao-ingest check`, by every `ingest` as its first
// step, and by each loader again under its write lock before it creates or
// writes a table. Knows no backend: each reads its catalog into a LiveSchema.
//
// The rules (issue 22):
//  - none of the declared tables exists: jao-ingest creates the schema;
//  - some exist and not all: refused, naming the missing ones;
//  - a declared column missing, a type that cannot hold its values, NULL
//    needed where the database says NOT NULL, an id the database does not
//    generate, a key referencing another table, a unique key the loader
//    relies on missing (an id, a lookup name, vacancystatistic.vacancy_id):
//    refused;
//  - an extra column that is nullable or filled by the database: accepted
//    and listed; an extra NOT NULL column nobody fills: refused;
//  - a narrower text or number column (varchar(40), numeric(6,2), smallint):
//    accepted, and its limit is handed to the transform, which rejects the
//    rows whose value does not fit.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"
#include "db/live_schema.h"
#include "db/target_schema.h"

namespace jao::db {

// A limit of the live schema tighter than the declaration's.
struct ColumnLimit {
  std::string table;
  std::string column;
  enum class Kind { kChars, kDigits, kMaxInteger } kind = Kind::kChars;
  // kChars: characters; kDigits: digits before the point; kMaxInteger: the
  // largest value.
  int64_t value = 0;
  std::string type_text;  // "varchar(40)", for the rejection's reason
};

struct SchemaReport {
  // No declared table exists: the loader creates them all.
  bool creates_schema = false;
  // One line each: "<table>.<column>: needs ..., the database has ...".
  std::vector<std::string> refusals;
  // "<table>.<column>", accepted and left to the database.
  std::vector<std::string> extra_columns;
  std::vector<ColumnLimit> limits;

  bool refused() const { return !refusals.empty(); }
  // What an accepted schema means for a run, a line each: "creates the
  // schema (...)", "<table>.<column>: extra column, left to the database",
  // "<table>.<column>: varchar(40) in the database: a longer value rejects
  // its row". Empty for a schema exactly as declared.
  std::vector<std::string> Notes() const;
  // Schema status naming every refusal ("; "-separated), or Ok.
  Status AsStatus() const;
};

SchemaReport CheckSchema(const LiveSchema& live);

// The family of live types that can hold a declared kind's values.
LiveType::Family FamilyOf(target::Kind kind);

}  // namespace jao::db
