// Writes one chunk into SQLite inside a transaction the caller opened: finds
// the vacancies already present with one query, creates the missing lookup
// names, then inserts new vacancies, updates strictly newer ones (replacing
// links and statistic rows, keeping is_deleted) and skips the rest; records
// each vacancy written in the change feed.
// Used by SqliteLoader only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/status.h"
#include "db/chunk.h"
#include "db/dependency_cache.h"
#include "db/load_counts.h"
#include "db/sqlite/connection.h"
#include "db/sqlite/first_load_ids.h"
#include "db/vacancy_digest.h"

namespace jao::db::sqlite {

class ChunkWriter {
 public:
  // Both must outlive the writer. Names the writer adds to `cache` are
  // uncommitted: the caller commits or discards them with the transaction.
  // `run_id` > 0: one jao_ingest_change row of that run per vacancy
  // inserted or updated; 0: no feed.
  // `first_load`: set for a chunk of a first load (sqlite/first_load.h),
  // the ids the load wrote so far: only those are looked up in the vacancy
  // table, the chunk's written ids are added, and its change feed rows are
  // staged until the load ends (sqlite/feed.h StageFirstLoadWrites).
  ChunkWriter(Connection& connection, DependencyCache& cache,
              int64_t run_id = 0, FirstLoadIds* first_load = nullptr)
      : connection_(connection),
        cache_(cache),
        run_id_(run_id),
        first_load_(first_load) {}

  // Counts carry an entry, possibly zero, for every table of the schema. On
  // error (a Database status "<table>: <sqlite message>") the caller must
  // roll back: part of the chunk may have been written. A kLoading chunk's
  // text is released once the vacancy rows are written (Chunk::ReleaseText),
  // also when a later step fails.
  Result<LoadCounts> Write(Chunk& chunk);

 private:
  // A vacancy this chunk writes, with its last_updated text formatted once
  // (the vacancy, its statistic rows and its vacancy statistic all carry it).
  // With what the change feed records of it: its digest, taken before the
  // text is released, and how its line and digest row are written.
  struct Written {
    const VacancyRecord* record;
    std::string last_updated;
    bool present;  // an update: the id is already stored
    FeedWrite feed;
    std::string digest;
    std::optional<std::string> before;
  };
  using Records = std::vector<Written>;

  // A chunk's vacancy already stored: its last_updated (micros) and its
  // digest row, if jao-ingest kept one.
  struct Present {
    int64_t last_updated_us = 0;
    std::optional<StoredDigest> digest;
  };
  Result<std::unordered_map<int32_t, Present>> FindPresent(const Chunk& chunk);
  // Fills the digest of each of `ids` (stored vacancies the chunk updates)
  // that has a digest row.
  Status ReadDigests(const std::vector<int32_t>& ids,
                     std::unordered_map<int32_t, Present>& present);
  Status CreateMissingLookups(const NamesByLookup& names, LoadCounts& counts);
  Result<int64_t> CreateLookup(schema::Lookup lookup, std::string_view name,
                               LoadCounts& counts);
  Status WriteVacancies(const Records& written, LoadCounts& counts);
  Status WriteVacancy(const Written& vacancy);
  Status WriteChanges(const Records& written);
  Status DeleteDependents(const Records& written, LoadCounts& counts);
  Status InsertLinks(const Records& written, schema::Lookup lookup,
                     std::string_view table, std::string_view column,
                     LoadCounts& counts);
  Status InsertStatistics(const Records& written, LoadCounts& counts);
  Status WriteVacancyStatistics(const Records& written, LoadCounts& counts);
  Result<bool> UpdateVacancyStatistic(const Written& vacancy);
  Status CheckLookupsStillPresent(const NamesByLookup& names);
  int64_t IdOf(schema::Lookup lookup, std::string_view name) const;

  Connection& connection_;
  DependencyCache& cache_;
  int64_t run_id_;
  FirstLoadIds* first_load_;
};

// Writes `chunk` with a ChunkWriter: the function the loader calls, named as
// PostgreSQL's (postgres/chunk_writer.h).
Result<LoadCounts> WriteChunk(Connection& connection, Chunk& chunk,
                              DependencyCache& cache, int64_t run_id,
                              FirstLoadIds* first_load = nullptr);

}  // namespace jao::db::sqlite
