#include "ingest/pipeline.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <optional>
#include <thread>

#include "ingest/chunk_builder.h"
#include "ingest/handoff_queue.h"
#include "ingest/mapping.h"

namespace jao::ingest {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

constexpr std::string_view kVacancyTable = "vacancies_vacancy";
constexpr int64_t kBatchRows = 1000;

// The transform thread's job for one file: read batches, cut them into
// chunks of exactly chunk_size rows (batches stop at row group ends, chunks
// do not) and hand each chunk over; then the end of the file, or the error
// that stops the run. Reads no member of the Pipeline.
class ChunkProducer {
 public:
  // All must outlive the producer; `rejected_before`: rows the run's
  // earlier files rejected, toward --max-rejects.
  ChunkProducer(const std::string& path, const IngestPlan& plan,
                RowOrigin origin, parquet::BatchReader& batches,
                const PipelineOptions& options, int64_t rejected_before,
                HandoffQueue& queue)
      : path_(path),
        plan_(plan),
        origin_(std::move(origin)),
        batches_(batches),
        chunk_size_(options.chunk_size),
        max_rejects_(options.max_rejects),
        fit_(options.column_limits),
        rejected_(rejected_before),
        queue_(queue) {}

  // On the transform thread. Returns once the file is handed over or the
  // run stops. An exception (an allocation failure) is handed over as an
  // error like any other, after the chunks before it.
  void Run() {
    std::string failure;
    try {
      Produce();
      return;
    } catch (const std::exception& e) {
      failure = e.what();
    } catch (...) {
      failure = "unknown exception";
    }
    Handoff failed;
    failed.error = Status::Internal(
        path_ + ": reading and transforming failed: " + failure);
    queue_.Push(std::move(failed));
  }

  // Valid once Run returned.
  double read_seconds() const { return read_seconds_; }
  double transform_seconds() const { return transform_seconds_; }

 private:
  void Produce() {
    ChunkRejects rejects(origin_);
    ChunkBuilder builder(&plan_, &rejects, &fit_);
    while (true) {
      Clock::time_point read_start = Clock::now();
      auto batch = std::make_shared<parquet::RecordBatch>();
      Result<bool> more = batches_.Next(batch.get());
      read_seconds_ += SecondsSince(read_start);
      if (!more.ok()) {
        Handoff failed;
        failed.error = std::move(more).TakeStatus();
        queue_.Push(std::move(failed));
        return;
      }
      if (!*more) {
        if (builder.pending_rows() > 0 && !HandOver(builder, rejects)) return;
        Handoff end;
        end.end = true;
        queue_.Push(std::move(end));
        return;
      }
      if (!AddBatch(std::move(batch), builder, rejects)) return;
    }
  }

  // Adds the batch's rows, handing each chunk over as it fills; false when
  // the run must stop.
  bool AddBatch(std::shared_ptr<const parquet::RecordBatch> batch,
                ChunkBuilder& builder, ChunkRejects& rejects) {
    int64_t offset = 0;
    while (offset < batch->num_rows) {
      int64_t take = std::min(batch->num_rows - offset,
                              chunk_size_ - builder.pending_rows());
      Clock::time_point transform_start = Clock::now();
      builder.Add(batch, offset, offset + take);
      transform_seconds_ += SecondsSince(transform_start);
      offset += take;
      if (builder.pending_rows() == chunk_size_ &&
          !HandOver(builder, rejects)) {
        return false;
      }
    }
    return true;
  }

  // Hands the pending chunk over, with the error that stops the run when
  // it passed --max-rejects; false when the run must stop.
  bool HandOver(ChunkBuilder& builder, ChunkRejects& rejects) {
    Clock::time_point transform_start = Clock::now();
    Handoff item;
    item.built = builder.Finish();
    item.reject_lines = rejects.Take();
    transform_seconds_ += SecondsSince(transform_start);
    item.bytes_read = batches_.bytes_read();
    rejected_ += item.built.rejected;
    if (max_rejects_ && rejected_ > *max_rejects_) {
      item.error =
          Status::InvalidArgument(path_ + ": " + std::to_string(rejected_) +
                                  " rows rejected, more than --max-rejects " +
                                  std::to_string(*max_rejects_));
    }
    bool stop = !item.error.ok();
    return queue_.Push(std::move(item)) && !stop;
  }

  const std::string& path_;
  const IngestPlan& plan_;
  const RowOrigin origin_;
  parquet::BatchReader& batches_;
  const int64_t chunk_size_;
  const std::optional<int64_t> max_rejects_;
  const ColumnFit fit_;
  int64_t rejected_;  // over the run, this chunk's included
  HandoffQueue& queue_;
  double read_seconds_ = 0;
  double transform_seconds_ = 0;
};

// Where each row group starts, for the rejects' row numbers.
RowOrigin OriginOf(const std::string& path,
                   const parquet::FileMetaData& metadata) {
  RowOrigin origin{path, {}};
  int64_t rows_before = 0;
  for (const parquet::RowGroup& group : metadata.row_groups) {
    origin.row_group_first_rows.push_back(rows_before);
    rows_before += group.num_rows;
  }
  return origin;
}

// Makes the chunk's rejects durable, then loads the chunk (a dry run has no
// loader); a chunk that fails to load takes its rejects back out of the
// file. The counts returned are committed.
Result<db::LoadCounts> WriteRejectsThenLoad(db::Loader* loader,
                                            RejectSink& rejects, Handoff& item,
                                            double& load_seconds) {
  RETURN_IF_ERROR(rejects.Append(item.reject_lines, item.built.rejected));
  if (loader == nullptr || item.built.chunk.records.empty()) {
    return db::LoadCounts{};
  }
  Clock::time_point load_start = Clock::now();
  Result<db::LoadCounts> counts = loader->LoadChunk(item.built.chunk);
  load_seconds += SecondsSince(load_start);
  if (!counts.ok()) {
    Status dropped = rejects.DropLastAppend();
    if (!dropped.ok()) return dropped.WithContext(counts.status().message());
  }
  return counts;
}

}  // namespace

Pipeline::Pipeline(db::Loader* loader, RejectSink* rejects,
                   PipelineOptions options,
                   std::function<void(std::string_view)> warn,
                   Progress* progress)
    : loader_(loader),
      rejects_(rejects),
      options_(options),
      warn_(std::move(warn)),
      progress_(progress),
      open_([](const std::string& path) {
        return parquet::FileReader::Open(path);
      }) {}

Status Pipeline::Open(const std::vector<std::string>& files) {
  opened_.clear();
  rows_in_files_ = 0;
  summary_.dry_run = options_.dry_run;
  // The summary of a run refused here still gives its memory.
  summary_.peak_rss_bytes = PeakRssBytes();
  for (const std::string& path : files) {
    OpenedFile file;
    file.path = path;
    ASSIGN_OR_RETURN(file.reader, open_(path));
    ASSIGN_OR_RETURN(file.plan, PlanColumns(file.reader->schema(), path));
    for (const std::string& warning : file.plan.warnings) {
      warn_(path + ": " + warning);
    }
    rows_in_files_ += file.reader->metadata().num_rows;
    opened_.push_back(std::move(file));
  }
  return Status::Ok();
}

Status Pipeline::Run(const std::vector<std::string>& files) {
  RETURN_IF_ERROR(Open(files));
  return Run();
}

Status Pipeline::Run() {
  Clock::time_point start = Clock::now();
  // Nothing to write creates no database (the command opens none then).
  const bool loads = !options_.dry_run && loader_ != nullptr;
  Status status = [&]() -> Status {
    if (options_.chunk_size < 1) {
      return Status::InvalidArgument("--chunk-size " +
                                     std::to_string(options_.chunk_size) +
                                     " is less than 1");
    }
    if (!options_.dry_run && loader_ == nullptr && rows_in_files_ > 0) {
      return Status::Internal("no loader for a real run");
    }
    if (loads) {
      summary_.database = loader_->Describe();
      Clock::time_point load_start = Clock::now();
      RETURN_IF_ERROR(loader_->EnsureSchema());
      std::vector<std::string> paths;
      for (const OpenedFile& file : opened_) paths.push_back(file.path);
      db::RunStart run_start;
      run_start.files_json = nlohmann::json(paths).dump(
          -1, ' ', false, nlohmann::json::error_handler_t::replace);
      run_start.tool_version = options_.tool_version;
      ASSIGN_OR_RETURN(summary_.run_id, loader_->BeginRun(run_start));
      summary_.load_seconds += SecondsSince(load_start);
    }
    if (progress_ != nullptr) progress_->Start(rows_in_files_);
    for (OpenedFile& file : opened_) {
      if (StopRequested()) {
        interrupted_ = true;
        break;
      }
      // The reader goes when its file is done.
      OpenedFile done = std::move(file);
      RETURN_IF_ERROR(RunFile(done));
      if (interrupted_) break;
    }
    return Status::Ok();
  }();
  opened_.clear();
  if (loads) {
    // After a failure or a stop too: chunks loaded before it stay loaded
    // (a first load commits them all here).
    Clock::time_point finish_start = Clock::now();
    Status finished = loader_->Finish();
    summary_.load_path = loader_->LoadPath();
    if (status.ok()) status = finished;
    if (loader_->RolledBackRun()) ForgetCommitted();
    const db::RunOutcome outcome = !status.ok()   ? db::RunOutcome::kFailed
                                   : interrupted_ ? db::RunOutcome::kInterrupted
                                                  : db::RunOutcome::kCompleted;
    Status ended = loader_->EndRun(
        outcome, CountsJson(summary_).dump(
                     -1, ' ', false, nlohmann::json::error_handler_t::replace));
    summary_.load_seconds += SecondsSince(finish_start);
    if (status.ok()) status = ended;
  }
  if (progress_ != nullptr) progress_->Finish();
  summary_.total_seconds = SecondsSince(start);
  summary_.peak_rss_bytes = PeakRssBytes();
  return status;
}

// After a first load's rollback: the chunks counted as loaded are not in the
// database. Their rejects stay counted (they are in the rejects file).
void Pipeline::ForgetCommitted() {
  for (FileSummary& file : summary_.files) {
    file.rows_committed = 0;
    file.chunks = 0;
  }
  for (auto& [table, counts] : summary_.tables) {
    const int64_t rejected = counts.rejected;
    counts = db::TableCounts();
    counts.rejected = rejected;
  }
}

Status Pipeline::RunFile(OpenedFile& opened) {
  const std::string& path = opened.path;
  parquet::FileReader* reader = opened.reader.get();
  // Batches smaller than a chunk: the chunk copies its text out of a batch's
  // pages, so only a batch's pages, not a chunk's, are alive beside it.
  ASSIGN_OR_RETURN(
      std::unique_ptr<parquet::BatchReader> batches,
      reader->ReadColumns(opened.plan.column_indices,
                          std::min<int64_t>(options_.chunk_size, kBatchRows)));
  if (progress_ != nullptr) progress_->StartFile(path);
  summary_.files.emplace_back();
  summary_.files.back().path = path;
  // Named in the summary even when the file loads nothing.
  summary_.tables[std::string(kVacancyTable)];

  HandoffQueue queue;
  ChunkProducer producer(path, opened.plan, OriginOf(path, reader->metadata()),
                         *batches, options_, total_rejected_, queue);
  std::thread worker([&producer] { producer.Run(); });
  // Whichever way this function ends (an exception from the loader
  // included), the transform thread is released and joined first; the
  // reader, whose schema the batches point into, outlives it.
  struct StopAndJoin {
    HandoffQueue& queue;
    std::thread& worker;
    ~StopAndJoin() {
      queue.Close();
      if (worker.joinable()) worker.join();
    }
  } stop_and_join{queue, worker};

  Status status = LoadHandedOver(queue, path, summary_.files.back());
  queue.Close();
  worker.join();
  summary_.read_seconds += producer.read_seconds();
  summary_.transform_seconds += producer.transform_seconds();
  return status;
}

Status Pipeline::LoadHandedOver(HandoffQueue& queue, const std::string& path,
                                FileSummary& file) {
  const bool early_release =
      !options_.dry_run && loader_ != nullptr && loader_->ReleasesTextEarly();
  while (true) {
    Handoff item = queue.Pop();
    const uint64_t serial = item.serial;
    if (early_release) {
      // The loader frees the text part-way and the next chunk is built only
      // from then on: one chunk's text at a time.
      item.built.chunk.StartLoading(
          [&queue, serial] { queue.ReleaseText(serial); });
    } else {
      // The text lives until the chunk is loaded, and the next chunk is
      // built meanwhile: two chunks' text at a time.
      queue.ReleaseText(serial);
    }
    if (item.end) return Status::Ok();
    if (!item.error.ok()) return CountStopping(item, file);
    if (StopRequested()) {
      interrupted_ = true;
      return Status::Ok();
    }
    RETURN_IF_ERROR(LoadOne(item, path, file));
    // The loader may have loaded nothing, or failed before freeing the text.
    queue.ReleaseText(serial);
  }
}

// Not loaded. The chunk that passed --max-rejects still has its rejects
// written and counted: they say why the run stopped. (A read error comes
// with no rows.)
Status Pipeline::CountStopping(const Handoff& item, FileSummary& file) {
  const BuiltChunk& built = item.built;
  file.rows_read += built.rows;
  file.rows_rejected += built.rejected;
  summary_.tables[std::string(kVacancyTable)].rejected += built.rejected;
  Status written = rejects_->Append(item.reject_lines, built.rejected);
  if (!written.ok()) return written.WithContext(item.error.message());
  return item.error;
}

Status Pipeline::LoadOne(Handoff& item, const std::string& path,
                         FileSummary& file) {
  const int64_t first_row = file.rows_committed;
  Result<db::LoadCounts> counts =
      WriteRejectsThenLoad(options_.dry_run ? nullptr : loader_, *rejects_,
                           item, summary_.load_seconds);
  if (!counts.ok()) {
    return counts.status().WithContext(path + ": chunk at row " +
                                       std::to_string(first_row));
  }
  // Counted once committed (in a dry run, once validated).
  const BuiltChunk& built = item.built;
  db::Accumulate(summary_.tables, *counts);
  db::TableCounts& vacancies = summary_.tables[std::string(kVacancyTable)];
  file.rows_read += built.rows;
  file.rows_committed += built.rows;
  file.rows_rejected += built.rejected;
  total_rejected_ += built.rejected;
  vacancies.rejected += built.rejected;
  file.rows_valid += built.rows - built.rejected;
  file.duplicates += built.duplicates;
  vacancies.skipped += built.duplicates;
  ++file.chunks;
  rows_done_ += built.rows;
  if (progress_ != nullptr) progress_->Update(rows_done_);
  return Status::Ok();
}

}  // namespace jao::ingest
