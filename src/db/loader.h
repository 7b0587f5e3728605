// The interface each database backend implements (sqlite/, postgres/), and
// the factory that picks one from a --db argument. Knows nothing of Parquet.
//
// Contract for every backend:
//  - EnsureSchema creates the tables, constraints and indexes Django's
//    migrations would (names as in spec/jao-schema.md) when absent, and uses
//    an existing schema as it is.
//  - LoadChunk is one transaction: on any error it rolls back and returns a
//    Database status; nothing of the chunk stays. It finds the vacancies
//    already present with one query, creates missing dependencies in bulk
//    (cached across chunks), inserts new vacancies, updates those whose
//    incoming last_updated is strictly newer (replacing links and statistic
//    rows; is_deleted kept), and skips the rest.
//  - Values travel as bound parameters or COPY; identifiers are quoted.
//  - Messages never contain a password.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"
#include "db/load_counts.h"
#include "db/vacancy_record.h"

namespace jao::db {

class Loader {
 public:
  virtual ~Loader() = default;
  virtual Status EnsureSchema() = 0;
  virtual Result<LoadCounts> LoadChunk(const Chunk& chunk) = 0;
  // Whether LoadChunk calls chunk.release_text part-way (a loader that may
  // retry a chunk needs its text to the end, and never does).
  virtual bool ReleasesTextEarly() const { return false; }
  // "sqlite:///path/jao.sqlite3" or "postgresql://user@host/db" (no password).
  virtual std::string Describe() const = 0;
};

// `target`: a path, sqlite:///path, postgresql://... / postgres://... or a
// libpq key=value string. InvalidArgument for an unknown scheme; Database
// when the connection fails.
Result<std::unique_ptr<Loader>> OpenLoader(std::string_view target);

}  // namespace jao::db
