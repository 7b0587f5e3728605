// The ingest run: for each file, open it, check its columns against the
// mapping (errors before anything is written), read batches of chunk-size
// rows and transform them on a worker thread while the calling thread loads
// the previous chunk. The queue between them holds one chunk, so memory is
// bounded by about three chunks whatever the file size.
//
// Loader::EnsureSchema runs once per run, then LoadChunk once per chunk (one
// transaction each). A dry run has no loader: rows are validated and
// counted, nothing is written.
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
#include "ingest/progress.h"
#include "ingest/reject_sink.h"
#include "ingest/summary.h"
#include "parquet/file_reader.h"

namespace jao::ingest {

struct PipelineOptions {
  int64_t chunk_size = 5000;
  // Stop when more rows than this were rejected (over the whole run).
  std::optional<int64_t> max_rejects;
  bool dry_run = false;
};

using FileOpener = std::function<Result<std::unique_ptr<parquet::FileReader>>(
    const std::string& path)>;

class Pipeline {
 public:
  // `loader` may be null only for a dry run. `rejects` receives every
  // rejected row. `warn` gets messages such as "<file>: ignoring columns not
  // in the mapping: '__index_level_0__'". `progress` may be null. None is
  // owned; all must outlive Run.
  Pipeline(db::Loader* loader, RejectReporter* rejects, PipelineOptions options,
           std::function<void(std::string_view)> warn, Progress* progress);

  // Replaces parquet::FileReader::Open (tests).
  void set_file_opener(FileOpener opener) { open_ = std::move(opener); }

  // Ingests `files` in order. Errors: the file's open / column errors,
  // InvalidArgument "<file>: 12 rows rejected, more than --max-rejects 10"
  // (the chunk in which the cap was passed is not loaded), read errors, and
  // the loader's Database errors. Chunks loaded before an error stay loaded
  // (Loader::Finish runs after an error too).
  Status Run(const std::vector<std::string>& files);

  // Counts so far; complete after Run returned ok.
  const RunSummary& summary() const { return summary_; }

 private:
  Status RunFile(const std::string& path);

  db::Loader* loader_;
  RejectReporter* rejects_;
  PipelineOptions options_;
  std::function<void(std::string_view)> warn_;
  Progress* progress_;
  FileOpener open_;
  RunSummary summary_;
  int64_t total_rejected_ = 0;
};

}  // namespace jao::ingest
