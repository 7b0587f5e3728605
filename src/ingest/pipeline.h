// The ingest run: open every file and check its columns against the
// mapping (errors before anything is written), then for each file read
// batches of up to 1000 rows and build chunks of chunk-size rows from them
// on a transform thread, while the calling thread loads the previous chunk.
// The hand-over (handoff_queue.h) holds one chunk, and the transform thread
// starts the next chunk only once the loading thread has taken the last and
// said its text no longer counts: at once when the loader keeps the text to
// the end of the load (two chunks' text alive: the one loading and the one
// being built), else when the loader frees it part-way (db/chunk.h: one
// chunk's text alive), whatever the file size.
//
// Loader::EnsureSchema runs once per run, then Loader::BeginRun records the
// run in the change feed (db/change_feed.h), then LoadChunk once per chunk
// (one transaction each, the feed's rows of the chunk included); EndRun
// closes the run on every ending, after Loader::Finish. A chunk's rejects are
// appended to the rejects file (and fsynced) before its LoadChunk, and taken
// back out when it fails, so the file holds the rejects of the committed chunks
// whatever the ending. A dry run has no loader: rows are validated and counted,
// nothing is written.
//
// A stop request (SIGINT / SIGTERM, seen through
// PipelineOptions::stop_requested) is honoured between chunks: the chunk
// being loaded commits or rolls back whole, the next one is not loaded.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "db/loader.h"
#include "db/schema_check.h"
#include "ingest/mapping.h"
#include "ingest/progress.h"
#include "ingest/reject_sink.h"
#include "ingest/summary.h"
#include "parquet/file_reader.h"

namespace jao::ingest {

struct Handoff;      // handoff_queue.h
class HandoffQueue;  // handoff_queue.h

struct PipelineOptions {
  int64_t chunk_size = 5000;
  // Stop when more rows than this were rejected (over the whole run).
  std::optional<int64_t> max_rejects;
  bool dry_run = false;
  // Asked before each chunk is loaded and before each file; true stops the
  // run there (interrupted()). May be empty. Called on the calling thread.
  std::function<bool()> stop_requested;
  // Recorded in the run's jao_ingest_run row.
  std::string tool_version;
  // The database's narrower columns (db/schema_check.h): a row whose value
  // does not fit is rejected (column_fit.h).
  std::vector<db::ColumnLimit> column_limits;
};

using FileOpener = std::function<Result<std::unique_ptr<parquet::FileReader>>(
    const std::string& path)>;

class Pipeline {
 public:
  // `loader` may be null only for a dry run. `rejects` receives the rejected
  // rows of every chunk that is loaded (and of the chunk that passes
  // --max-rejects). `warn` gets messages such as "<file>: ignoring columns not
  // in the mapping: '__index_level_0__'". `progress` may be null. None is
  // owned; all must outlive Run.
  Pipeline(db::Loader* loader, RejectSink* rejects, PipelineOptions options,
           std::function<void(std::string_view)> warn, Progress* progress);

  // Replaces parquet::FileReader::Open (tests).
  void set_file_opener(FileOpener opener) { open_ = std::move(opener); }

  // Sets the loader (for a command that opens the database only once the
  // files passed Open). Not owned.
  void set_loader(db::Loader* loader) { loader_ = loader; }
  // Replaces the rejects sink before Run (not owned).
  void set_rejects(RejectSink* rejects) { rejects_ = rejects; }
  // Sets PipelineOptions::column_limits before Run (once the schema check
  // found them).
  void set_column_limits(std::vector<db::ColumnLimit> limits) {
    options_.column_limits = std::move(limits);
  }

  // Opens every file and checks its columns against the mapping, before
  // anything is written: the first that cannot be opened or does not fit is
  // the error ("<file>: missing required column 'closing_date'"). Keeps
  // them open for Run().
  Status Open(const std::vector<std::string>& files);
  // Rows in the files Open opened, from their footers.
  int64_t rows_in_files() const { return rows_in_files_; }

  // Ingests the files Open opened, in order. Errors: the file's column errors,
  // InvalidArgument "<file>: 12 rows rejected, more than --max-rejects 10"
  // (the chunk in which the cap was passed is not loaded), read errors, the
  // rejects file's Io errors and the loader's Database errors, the last two
  // as "<file>: chunk at row N: <message>". Chunks loaded before an error
  // stay loaded (Loader::Finish runs after an error or a stop too). Ok when
  // stopped on request (see interrupted()). The run's row is closed
  // 'completed', 'failed' or 'interrupted' accordingly; when closing a
  // completed run fails, that error is returned (a failed or interrupted
  // run's close is best effort).
  // With no loader and no rows in the files, a real run writes nothing and
  // opens no database.
  Status Run();
  // Open, then Run.
  Status Run(const std::vector<std::string>& files);

  // Whether Run stopped on stop_requested before the end of its files.
  bool interrupted() const { return interrupted_; }
  // Counts of what was committed (in a dry run: validated), times and
  // memory; complete once Run returned, whatever it returned.
  const RunSummary& summary() const { return summary_; }

 private:
  struct OpenedFile {
    std::string path;
    std::unique_ptr<parquet::FileReader> reader;
    IngestPlan plan;
  };
  // Starts the transform thread on the file and loads on this one.
  Status RunFile(OpenedFile& file);
  // The loading thread's job: takes the file's chunks from `queue` and
  // loads each, until the end of the file, an error or a stop request.
  Status LoadHandedOver(HandoffQueue& queue, const std::string& path,
                        FileSummary& file);
  // Writes its rejects, loads it, and counts it once committed.
  Status LoadOne(Handoff& item, const std::string& path, FileSummary& file);
  // Counts the chunk that carries the error stopping the run and writes its
  // rejects; returns the error.
  Status CountStopping(const Handoff& item, FileSummary& file);
  // Zeroes what the summary counts as committed (Loader::RolledBackRun).
  void ForgetCommitted();

  db::Loader* loader_;
  bool StopRequested() const {
    return options_.stop_requested && options_.stop_requested();
  }

  RejectSink* rejects_;
  PipelineOptions options_;
  std::function<void(std::string_view)> warn_;
  Progress* progress_;
  FileOpener open_;
  RunSummary summary_;
  std::vector<OpenedFile> opened_;
  int64_t rows_in_files_ = 0;
  int64_t rows_done_ = 0;  // over the run, for the progress line
  int64_t total_rejected_ = 0;
  bool interrupted_ = false;
};

}  // namespace jao::ingest
