// The interface each database backend implements (sqlite/, postgres/), and
// the factory that picks one from a --db argument. Knows nothing of Parquet.
//
// Contract for every backend:
//  - EnsureSchema creates the tables, constraints and indexes Django's
//    migrations would (names as in spec/jao-schema.md) when absent, and uses
//    an existing schema as it is.
//  - LoadChunk is one transaction (in a first load, part of the run's one
//    transaction): on any error it rolls back and returns a Database
//    status; nothing of the chunk stays (in a first load, nothing of the
//    run). It finds the vacancies
//    already present with one query, creates missing dependencies in bulk
//    (cached across chunks), inserts new vacancies, updates those whose
//    incoming last_updated is strictly newer (replacing links and statistic
//    rows; is_deleted kept), and skips the rest.
//  - BeginRun, after EnsureSchema and before the first chunk, records the
//    run in jao_ingest_run (db/change_feed.h) in a transaction of its own;
//    from then on every LoadChunk writes one jao_ingest_change row per
//    vacancy it inserts or updates, in the chunk's transaction (none for a
//    skipped one). EndRun closes the run row, also after a failure (best
//    effort: a lost connection cannot, and the run is later 'abandoned').
//    A loader used without BeginRun writes no feed.
//  - Values travel as bound parameters or COPY; identifiers are quoted.
//  - Messages never contain a password.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"
#include "db/change_feed.h"
#include "db/chunk.h"
#include "db/load_counts.h"

namespace jao::db {

// Where a loader's run is: each backend keeps its run state in this one enum.
enum class RunPhase {
  kUndecided,            // no chunk yet; whether to first-load not decided
  kChunkedIdle,          // chunk by chunk, no chunk loaded yet
  kChunked,              // chunk by chunk, each chunk committed
  kFirstLoad,            // inside the first load's one transaction
  kFirstLoadCommitted,   // Finish committed the first load
  kFirstLoadRolledBack,  // a failure took back every chunk of the run
};

class Loader {
 public:
  virtual ~Loader() = default;
  virtual Status EnsureSchema() = 0;
  // Opens the run: inserts its jao_ingest_run row (committed) and holds the
  // lock that says it is alive until EndRun or the process's end; marks the
  // open runs it proves dead 'abandoned'. Returns the run id.
  virtual Result<int64_t> BeginRun(const RunStart& start) = 0;
  // Loads `chunk`, which stays the caller's: kBuilt, or kLoading when the
  // caller lets the loader free its text (db/chunk.h). A loader that
  // ReleasesTextEarly() calls chunk.ReleaseText() once, as soon as it reads
  // no more text, if chunk.text_releasable(); a kBuilt chunk keeps its text
  // and may be loaded again. A chunk whose text was released aborts
  // (Chunk::CheckTextReadable): that is the caller's bug.
  virtual Result<LoadCounts> LoadChunk(Chunk& chunk) = 0;
  // A chunk nobody keeps (tests): loaded as above, then destroyed.
  Result<LoadCounts> LoadChunk(Chunk&& chunk) { return LoadChunk(chunk); }
  // Closes the run BeginRun opened (finished_at, outcome, `counts_json`)
  // and releases its lock; after Finish. Ok with no run open.
  virtual Status EndRun(RunOutcome outcome, std::string_view counts_json) = 0;
  // Whether LoadChunk frees a kLoading chunk's text part-way (a loader that
  // may retry a chunk needs its text to the end, and never does). Asked by
  // the pipeline once a file, after BeginRun.
  virtual bool ReleasesTextEarly() const { return false; }
  // Called once after the last chunk, also after a failed run: a backend
  // that keeps one transaction over several chunks (a first load) ends it
  // here, committing what it loaded.
  virtual Status Finish() { return Status::Ok(); }
  // Whether a failure took back every chunk this loader had returned
  // counts for (a first load's rollback): nothing of the run is committed.
  virtual bool RolledBackRun() const { return false; }
  // Which write path ran, for the summary; "" when the backend has one.
  virtual std::string LoadPath() const { return {}; }
  // "sqlite:///path/jao.sqlite3" or "postgresql://user@host/db" (no password).
  virtual std::string Describe() const = 0;
};

// How a backend waits for others; each backend uses what applies to it.
struct LoaderOptions {
  // PostgreSQL: the session's lock_timeout; a chunk whose lock wait exceeds
  // it is rolled back and the run ends naming the table (0: wait forever).
  // SQLite: the busy timeout, how long a chunk (or the start of the run)
  // waits for another writer, e.g. a first load, before failing.
  int64_t lock_timeout_ms = 60000;
  // Load empty vacancy tables in one transaction, rebuilding at the end
  // what was dropped at the start (else chunk by chunk, each committed).
  // PostgreSQL: secondary indexes, keys and foreign keys; SQLite: the
  // non-unique indexes.
  bool first_load = true;
};

}  // namespace jao::db
