#include "ingest/pipeline.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "ingest/chunk_builder.h"
#include "ingest/mapping.h"

namespace jao::ingest {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

constexpr std::string_view kVacancyTable = "vacancies_vacancy";
constexpr int64_t kBatchRows = 1000;

// What the transform thread hands to the loading thread.
struct Handoff {
  BuiltChunk built;
  std::string reject_lines;  // the chunk's rejects, JSON lines
  Status error;              // non-ok: stop, after the chunks before it
  bool end = false;          // the file is done
  int64_t bytes_read = 0;
  uint64_t serial = 0;  // set by HandoffQueue::Push
};

// A hand-over point between the two threads, closed by the consumer on
// failure. Push returns once the consumer has taken the item and released
// its text (ReleaseText): the producer builds chunk N+1 while chunk N loads,
// and never a third one. A loader that frees a chunk's text part-way lets
// the producer start only then, so that one chunk's text is alive at a time.
class HandoffQueue {
 public:
  // False when the consumer has gone away.
  bool Push(Handoff item) {
    std::unique_lock lock(mutex_);
    if (closed_) return false;
    const uint64_t serial = ++pushed_;
    item.serial = serial;
    item_ = std::move(item);
    not_empty_.notify_one();
    released_.wait(lock, [&] { return released_serial_ >= serial || closed_; });
    return !closed_;
  }
  Handoff Pop() {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return item_.has_value(); });
    Handoff item = std::move(*item_);
    item_.reset();
    return item;
  }
  // The text of the item with this serial is freed (or no longer matters).
  void ReleaseText(uint64_t serial) {
    std::lock_guard lock(mutex_);
    released_serial_ = std::max(released_serial_, serial);
    released_.notify_all();
  }
  void Close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    item_.reset();
    released_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable released_;
  std::condition_variable not_empty_;
  std::optional<Handoff> item_;  // one at most: Push waits for its release
  uint64_t pushed_ = 0;
  uint64_t released_serial_ = 0;
  bool closed_ = false;
};

// Makes the chunk's rejects durable, then loads the chunk (a dry run has no
// loader); a chunk that fails to load takes its rejects back out of the
// file. The counts returned are committed.
Result<db::LoadCounts> WriteRejectsThenLoad(db::Loader* loader,
                                            RejectSink& rejects,
                                            const Handoff& item,
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
  const IngestPlan& plan = opened.plan;
  parquet::FileReader* reader = opened.reader.get();
  // Batches smaller than a chunk: the chunk copies its text out of a batch's
  // pages, so only a batch's pages, not a chunk's, are alive beside it.
  ASSIGN_OR_RETURN(
      std::unique_ptr<parquet::BatchReader> batches,
      reader->ReadColumns(plan.column_indices,
                          std::min<int64_t>(options_.chunk_size, kBatchRows)));
  if (progress_ != nullptr) progress_->StartFile(path);

  summary_.files.emplace_back();
  summary_.files.back().path = path;
  FileSummary& file = summary_.files.back();
  db::TableCounts& vacancies = summary_.tables[std::string(kVacancyTable)];

  RowOrigin origin{path, {}};
  int64_t rows_before = 0;
  for (const parquet::RowGroup& group : reader->metadata().row_groups) {
    origin.row_group_first_rows.push_back(rows_before);
    rows_before += group.num_rows;
  }

  HandoffQueue queue;
  std::atomic<int64_t> rejected_before{total_rejected_};
  double read_seconds = 0;
  double transform_seconds = 0;
  // The transform thread: read batches, cut them into chunks of exactly
  // chunk_size rows (batches stop at row group ends, chunks do not), hand
  // each chunk over.
  auto transform = [&] {
    ChunkRejects chunk_rejects(origin);
    ChunkBuilder builder(&plan, &chunk_rejects);
    int64_t rejected = rejected_before.load();
    // Hands the pending chunk over; false when the run must stop.
    auto hand_over = [&]() -> bool {
      Clock::time_point transform_start = Clock::now();
      Handoff item;
      item.built = builder.Finish();
      item.reject_lines = chunk_rejects.Take();
      transform_seconds += SecondsSince(transform_start);
      item.bytes_read = batches->bytes_read();
      rejected += item.built.rejected;
      if (options_.max_rejects && rejected > *options_.max_rejects) {
        item.error =
            Status::InvalidArgument(path + ": " + std::to_string(rejected) +
                                    " rows rejected, more than --max-rejects " +
                                    std::to_string(*options_.max_rejects));
      }
      bool stop = !item.error.ok();
      return queue.Push(std::move(item)) && !stop;
    };
    while (true) {
      Clock::time_point read_start = Clock::now();
      auto batch = std::make_shared<parquet::RecordBatch>();
      Result<bool> more = batches->Next(batch.get());
      read_seconds += SecondsSince(read_start);
      if (!more.ok()) {
        Handoff failed;
        failed.error = std::move(more).TakeStatus();
        queue.Push(std::move(failed));
        return;
      }
      if (!*more) {
        if (builder.pending_rows() > 0 && !hand_over()) return;
        Handoff end;
        end.end = true;
        queue.Push(std::move(end));
        return;
      }
      std::shared_ptr<const parquet::RecordBatch> shared = std::move(batch);
      int64_t offset = 0;
      while (offset < shared->num_rows) {
        int64_t take = std::min(shared->num_rows - offset,
                                options_.chunk_size - builder.pending_rows());
        Clock::time_point transform_start = Clock::now();
        builder.Add(shared, offset, offset + take);
        transform_seconds += SecondsSince(transform_start);
        offset += take;
        if (builder.pending_rows() == options_.chunk_size && !hand_over())
          return;
      }
    }
  };
  // An exception on the transform thread (an allocation failure) ends the
  // run with an error like any other, after the chunks before it.
  std::thread worker([&] {
    std::string failure;
    try {
      transform();
      return;
    } catch (const std::exception& e) {
      failure = e.what();
    } catch (...) {
      failure = "unknown exception";
    }
    Handoff failed;
    failed.error = Status::Internal(
        path + ": reading and transforming failed: " + failure);
    queue.Push(std::move(failed));
  });
  // Whichever way this function ends (an exception from the loader
  // included), the transform thread is released and joined first.
  struct StopAndJoin {
    HandoffQueue& queue;
    std::thread& worker;
    ~StopAndJoin() {
      queue.Close();
      if (worker.joinable()) worker.join();
    }
  } stop_and_join{queue, worker};

  Status status;
  const bool early_release =
      !options_.dry_run && loader_ != nullptr && loader_->ReleasesTextEarly();
  while (true) {
    Handoff item = queue.Pop();
    BuiltChunk& built = item.built;
    const uint64_t serial = item.serial;
    built.chunk.release_text = [&built, &queue, serial] {
      built.text.reset();
      queue.ReleaseText(serial);
    };
    // Otherwise the text lives until the chunk is loaded, and the next chunk
    // is built meanwhile: two chunks' text at a time.
    if (!early_release) queue.ReleaseText(serial);
    if (item.end) break;
    const int64_t first_row = file.rows_committed;
    if (!item.error.ok()) {
      // Not loaded. The chunk that passed --max-rejects still has its
      // rejects written and counted: they say why the run stopped. (A read
      // error comes with no rows.)
      file.rows_read += built.rows;
      file.rows_rejected += built.rejected;
      vacancies.rejected += built.rejected;
      status = item.error;
      Status written = rejects_->Append(item.reject_lines, built.rejected);
      if (!written.ok()) status = written.WithContext(status.message());
      break;
    }
    if (StopRequested()) {
      interrupted_ = true;
      break;
    }
    Result<db::LoadCounts> counts =
        WriteRejectsThenLoad(options_.dry_run ? nullptr : loader_, *rejects_,
                             item, summary_.load_seconds);
    if (!counts.ok()) {
      status = counts.status().WithContext(path + ": chunk at row " +
                                           std::to_string(first_row));
      break;
    }
    // Counted once committed (in a dry run, once validated).
    db::Accumulate(summary_.tables, *counts);
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
    queue.ReleaseText(serial);
  }
  queue.Close();
  worker.join();
  summary_.read_seconds += read_seconds;
  summary_.transform_seconds += transform_seconds;
  return status;
}

}  // namespace jao::ingest
