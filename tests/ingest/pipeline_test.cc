#include "ingest/pipeline.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <thread>

#include "common/status_matchers_support.h"
#include "ingest/vacancy_support.h"

namespace jao::ingest {
namespace {

using testing::FakeFileReader;
using testing::RecordingLoader;
using testing::TestRow;
using testing::VacancyFile;

TestRow Row(int64_t id, bool valid = true) {
  TestRow row;
  row.id = id;
  if (!valid) row.min_salary = "TBC";
  return row;
}

struct RunResult {
  Status status;
  RunSummary summary;
  bool interrupted = false;
  std::vector<std::string> warnings;
};

RunResult RunPipeline(
    std::vector<std::vector<TestRow>> batches, RecordingLoader* loader,
    PipelineOptions options, RejectSink* rejects,
    std::shared_ptr<VacancyFile> file = std::make_shared<VacancyFile>()) {
  RunResult run;
  Pipeline pipeline(
      loader, rejects, options,
      [&](std::string_view w) { run.warnings.emplace_back(w); }, nullptr);
  pipeline.set_file_opener([&](const std::string&) {
    return Result<std::unique_ptr<parquet::FileReader>>(
        std::make_unique<FakeFileReader>(file, batches));
  });
  run.status = pipeline.Run({"fake.parquet"});
  run.summary = pipeline.summary();
  run.interrupted = pipeline.interrupted();
  return run;
}

// Runs `loader` over `rows` one-row batches in one-row chunks, counting the
// batches served into `served`.
Status RunCountingBatches(RecordingLoader* loader, int rows,
                          std::shared_ptr<std::atomic<int>> served) {
  RejectSink rejects;
  PipelineOptions options;
  options.chunk_size = 1;
  Pipeline pipeline(
      loader, &rejects, options, [](std::string_view) {}, nullptr);
  std::vector<std::vector<TestRow>> batches;
  for (int id = 1; id <= rows; ++id) batches.push_back({Row(id)});
  auto file = std::make_shared<VacancyFile>();
  pipeline.set_file_opener([&](const std::string&) {
    return Result<std::unique_ptr<parquet::FileReader>>(
        std::make_unique<FakeFileReader>(file, batches, served));
  });
  return pipeline.Run({"fake.parquet"});
}

TEST(Pipeline, ChunksHaveChunkSizeRowsWhateverTheBatchSizes) {
  RecordingLoader loader;
  RejectSink rejects;
  PipelineOptions options;
  options.chunk_size = 2;
  RunResult run = RunPipeline({{Row(1)}, {Row(2), Row(3), Row(4)}, {Row(5)}},
                              &loader, options, &rejects);
  ASSERT_THAT(run.status, IsOk());
  EXPECT_EQ(loader.chunk_ids,
            (std::vector<std::vector<int32_t>>{{1, 2}, {3, 4}, {5}}));
  EXPECT_EQ(run.summary.files[0].chunks, 3);
}

// Watches how far the reading thread gets while the first chunk loads: the
// batches served 300 ms into that load, and, for a loader that frees a
// chunk's text part-way, 300 ms after that release.
class FirstLoadWatcher : public RecordingLoader {
 public:
  FirstLoadWatcher(std::shared_ptr<std::atomic<int>> served,
                   bool releases_text_early)
      : served_(std::move(served)), releases_early_(releases_text_early) {}
  bool ReleasesTextEarly() const override { return releases_early_; }
  Result<db::LoadCounts> LoadChunk(db::Chunk& chunk) override {
    if (chunk_ids.empty()) {
      // Time for a reader that runs ahead to show it.
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      served_during_first_load = served_->load();
      if (releases_early_) {
        chunk.ReleaseText();
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        served_after_release = served_->load();
      }
    }
    return RecordingLoader::LoadChunk(chunk);
  }
  int served_during_first_load = -1;
  int served_after_release = -1;

 private:
  std::shared_ptr<std::atomic<int>> served_;
  bool releases_early_;
};

// While one chunk loads, the reading thread builds the next one and no more:
// two chunks, and the pages they point into, alive at once.
TEST(Pipeline, ReadsOneChunkAheadOfTheLoadAndNoFurther) {
  auto served = std::make_shared<std::atomic<int>>(0);
  FirstLoadWatcher loader(served, /*releases_text_early=*/false);

  Status status = RunCountingBatches(&loader, 5, served);

  ASSERT_THAT(status, IsOk());
  EXPECT_EQ(loader.served_during_first_load, 2);
  EXPECT_EQ(loader.chunk_ids.size(), 5u);
}

// A loader that frees a chunk's text part-way (SQLite, after the vacancy
// rows): the next chunk is built only from then on, so one chunk's text is
// alive at a time.
TEST(Pipeline, NextChunkIsBuiltOnlyOnceTheLoadingChunkReleasesItsText) {
  auto served = std::make_shared<std::atomic<int>>(0);
  FirstLoadWatcher loader(served, /*releases_text_early=*/true);

  Status status = RunCountingBatches(&loader, 3, served);

  ASSERT_THAT(status, IsOk());
  EXPECT_EQ(loader.served_during_first_load, 1);
  EXPECT_EQ(loader.served_after_release, 2);
  EXPECT_EQ(loader.chunk_ids.size(), 3u);
}

TEST(Pipeline, EnsuresSchemaOnceThenLoadsBatchesAsOneChunk) {
  RecordingLoader loader;
  RejectSink rejects;
  RunResult run = RunPipeline({{Row(1), Row(2)}, {Row(3)}}, &loader,
                              PipelineOptions{}, &rejects);
  ASSERT_THAT(run.status, IsOk());
  EXPECT_EQ(loader.ensure_schema_calls, 1);
  EXPECT_EQ(loader.chunk_ids, (std::vector<std::vector<int32_t>>{{1, 2, 3}}));
  EXPECT_EQ(run.summary.tables["vacancies_vacancy"].inserted, 3);
  EXPECT_EQ(run.summary.files[0].rows_read, 3);
  EXPECT_EQ(run.summary.files[0].chunks, 1);
}

// A loader whose failure takes back every chunk it had loaded (a first
// load's rollback), from the third chunk on.
class RollingBackLoader : public RecordingLoader {
 public:
  Result<db::LoadCounts> LoadChunk(db::Chunk& chunk) override {
    if (chunk_ids.size() == 2) {
      rolled_back_ = true;
      return Status::Database("disk full (first load: rolled back)");
    }
    return RecordingLoader::LoadChunk(chunk);
  }
  bool RolledBackRun() const override { return rolled_back_; }

 private:
  bool rolled_back_ = false;
};

TEST(Pipeline, RolledBackRunCountsNothingCommittedButKeepsTheRejects) {
  RollingBackLoader loader;
  RejectSink rejects;
  PipelineOptions options;
  options.chunk_size = 2;
  RunResult run =
      RunPipeline({{Row(1), Row(2, false)}, {Row(3), Row(4)}, {Row(5), Row(6)}},
                  &loader, options, &rejects);

  EXPECT_EQ(run.status.message(),
            "fake.parquet: chunk at row 4: disk full (first load: rolled "
            "back)");
  EXPECT_EQ(loader.chunk_ids.size(), 2u);
  EXPECT_EQ(run.summary.chunks_committed(), 0);
  EXPECT_EQ(run.summary.rows_committed(), 0);
  EXPECT_EQ(run.summary.tables["vacancies_vacancy"].inserted, 0);
  EXPECT_EQ(run.summary.tables["vacancies_vacancy"].rejected, 1);
  EXPECT_EQ(run.summary.files[0].rows_rejected, 1);
}

TEST(Pipeline, MaxRejectsStopsBeforeLoadingTheChunkThatPassedIt) {
  RecordingLoader loader;
  RejectSink rejects;
  PipelineOptions options;
  options.chunk_size = 2;
  options.max_rejects = 1;
  RunResult run =
      RunPipeline({{Row(1), Row(2, false)}, {Row(3, false), Row(4)}, {Row(5)}},
                  &loader, options, &rejects);
  ASSERT_THAT(
      run.status,
      StatusIs(::testing::_,
               "fake.parquet: 2 rows rejected, more than --max-rejects 1"));
  EXPECT_EQ(loader.chunk_ids, (std::vector<std::vector<int32_t>>{{1}}));
}

TEST(Pipeline, RejectsUpToTheCapStillCompleteTheRun) {
  RecordingLoader loader;
  RejectSink rejects;
  PipelineOptions options;
  options.max_rejects = 2;
  RunResult run = RunPipeline({{Row(1), Row(2, false)}, {Row(3, false)}},
                              &loader, options, &rejects);
  ASSERT_THAT(run.status, IsOk());
  EXPECT_EQ(rejects.count(), 2);
  EXPECT_EQ(run.summary.tables["vacancies_vacancy"].rejected, 2);
  EXPECT_EQ(run.summary.rows_rejected(), 2);
}

TEST(Pipeline, InChunkDuplicatesCountAsSkipped) {
  RecordingLoader loader;
  RejectSink rejects;
  RunResult run = RunPipeline({{Row(1), Row(1), Row(2)}}, &loader,
                              PipelineOptions{}, &rejects);
  ASSERT_THAT(run.status, IsOk());
  EXPECT_EQ(loader.chunk_ids, (std::vector<std::vector<int32_t>>{{1, 2}}));
  EXPECT_EQ(run.summary.tables["vacancies_vacancy"].skipped, 1);
}

TEST(Pipeline, DryRunValidatesAndCountsWithoutALoader) {
  RejectSink rejects;
  PipelineOptions options;
  options.dry_run = true;
  RunResult run =
      RunPipeline({{Row(1), Row(2, false)}}, nullptr, options, &rejects);
  ASSERT_THAT(run.status, IsOk());
  EXPECT_TRUE(run.summary.dry_run);
  EXPECT_EQ(run.summary.files[0].rows_valid, 1);
  EXPECT_EQ(run.summary.files[0].rows_rejected, 1);
}

TEST(Pipeline, MissingRequiredColumnFailsBeforeAnythingIsWritten) {
  RecordingLoader loader;
  RejectSink rejects;
  RunResult run = RunPipeline({{Row(1)}}, &loader, PipelineOptions{}, &rejects,
                              std::make_shared<VacancyFile>("live_date"));
  ASSERT_THAT(run.status,
              StatusIs(::testing::_,
                       "fake.parquet: missing required column 'live_date'"));
  EXPECT_TRUE(loader.chunk_ids.empty());
}

TEST(Pipeline, UnknownColumnsAreWarnedAboutOnceWithTheFileName) {
  RecordingLoader loader;
  RejectSink rejects;
  RunResult run =
      RunPipeline({{Row(1)}, {Row(2)}}, &loader, PipelineOptions{}, &rejects,
                  std::make_shared<VacancyFile>(
                      "", std::vector<std::string>{"__index_level_0__"}));
  ASSERT_THAT(run.status, IsOk());
  EXPECT_EQ(run.warnings,
            (std::vector<std::string>{"fake.parquet: ignoring columns not in "
                                      "the mapping: '__index_level_0__'"}));
}

// A rejects file in a fresh temporary path, removed at the end.
class RejectsFile {
 public:
  RejectsFile() {
    char name[] = "/tmp/jao-rejects-XXXXXX";
    int fd = mkstemp(name);
    if (fd >= 0) close(fd);
    path_ = name;
    sink_ = std::move(RejectSink::OpenFile(path_)).value();
  }
  ~RejectsFile() { std::remove(path_.c_str()); }
  RejectSink* sink() { return sink_.get(); }
  // The "row" of each line; -1 for a line that is not a whole JSON object.
  std::vector<int64_t> Rows() const {
    std::ifstream in(path_);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    std::vector<int64_t> rows;
    size_t start = 0;
    while (start < text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string::npos) {
        rows.push_back(-1);  // the file ends mid-line
        break;
      }
      auto line = nlohmann::json::parse(text.substr(start, end - start),
                                        nullptr, false);
      rows.push_back(line.is_object() ? line["row"].get<int64_t>() : -1);
      start = end + 1;
    }
    return rows;
  }

 private:
  std::string path_;
  std::unique_ptr<RejectSink> sink_;
};

// Defect: rejects went through a buffered stream flushed only at the end
// of the run, so a chunk could commit with its rejects still in memory.
TEST(Pipeline, AChunksRejectsAreInTheFileBeforeTheChunkLoads) {
  RejectsFile rejects;
  RecordingLoader loader;
  std::vector<std::vector<int64_t>> rows_at_load;
  loader.on_load = [&](const db::Chunk&) {
    rows_at_load.push_back(rejects.Rows());
    return Status::Ok();
  };
  PipelineOptions options;
  options.chunk_size = 2;

  RunResult run =
      RunPipeline({{Row(1), Row(2, false)}, {Row(3, false), Row(4)}}, &loader,
                  options, rejects.sink());

  ASSERT_THAT(run.status, IsOk());
  EXPECT_EQ(rows_at_load, (std::vector<std::vector<int64_t>>{{1}, {1, 2}}));
}

// Defect: a full disk under the rejects file was found only after every
// chunk had been committed.
TEST(Pipeline, AFullDiskUnderTheRejectsFailsTheChunkBeforeItLoads) {
  Result<std::unique_ptr<RejectSink>> full = RejectSink::OpenFile("/dev/full");
  ASSERT_THAT(full, IsOk());
  RecordingLoader loader;
  PipelineOptions options;
  options.chunk_size = 2;

  RunResult run = RunPipeline({{Row(1), Row(2)}, {Row(3, false), Row(4)}},
                              &loader, options, full->get());

  EXPECT_EQ(run.status.code(), StatusCode::kIo);
  EXPECT_EQ(run.status.message(),
            "fake.parquet: chunk at row 2: writing rejects file '/dev/full' "
            "failed: No space left on device");
  EXPECT_EQ(loader.chunk_ids, (std::vector<std::vector<int32_t>>{{1, 2}}));
  EXPECT_EQ(run.summary.chunks_committed(), 1);
  EXPECT_EQ(run.summary.rows_committed(), 2);
}

TEST(Pipeline, AChunkThatFailsToLoadTakesItsRejectsBackOutOfTheFile) {
  RejectsFile rejects;
  RecordingLoader loader;
  loader.on_load = [&](const db::Chunk&) {
    if (loader.chunk_ids.size() == 1) return Status::Database("boom");
    return Status::Ok();
  };
  PipelineOptions options;
  options.chunk_size = 2;

  RunResult run =
      RunPipeline({{Row(1), Row(2, false)}, {Row(3, false), Row(4)}}, &loader,
                  options, rejects.sink());

  EXPECT_EQ(run.status.message(), "fake.parquet: chunk at row 2: boom");
  EXPECT_EQ(rejects.Rows(), std::vector<int64_t>{1});
  EXPECT_EQ(rejects.sink()->count(), 1);
  EXPECT_EQ(run.summary.tables["vacancies_vacancy"].inserted, 1);
  EXPECT_EQ(run.summary.tables["vacancies_vacancy"].rejected, 1);
  EXPECT_EQ(run.summary.rows_committed(), 2);
}

TEST(Pipeline, AStopRequestEndsTheRunBetweenChunks) {
  RejectsFile rejects;
  RecordingLoader loader;
  PipelineOptions options;
  options.chunk_size = 2;
  options.stop_requested = [&] { return !loader.chunk_ids.empty(); };

  RunResult run =
      RunPipeline({{Row(1), Row(2, false)}, {Row(3, false), Row(4)}, {Row(5)}},
                  &loader, options, rejects.sink());

  ASSERT_THAT(run.status, IsOk());
  EXPECT_TRUE(run.interrupted);
  EXPECT_EQ(loader.chunk_ids, (std::vector<std::vector<int32_t>>{{1}}));
  EXPECT_EQ(rejects.Rows(), std::vector<int64_t>{1});
  EXPECT_EQ(run.summary.chunks_committed(), 1);
  EXPECT_EQ(run.summary.rows_committed(), 2);
}

TEST(Pipeline, AStopRequestAfterTheLastChunkIsACompletedRun) {
  RecordingLoader loader;
  RejectSink rejects;
  bool stop = false;
  loader.on_load = [&](const db::Chunk&) {
    stop = true;
    return Status::Ok();
  };
  PipelineOptions options;
  options.stop_requested = [&] { return stop; };

  RunResult run = RunPipeline({{Row(1)}}, &loader, options, &rejects);

  ASSERT_THAT(run.status, IsOk());
  EXPECT_FALSE(run.interrupted);
  EXPECT_EQ(loader.chunk_ids.size(), 1u);
}

TEST(Pipeline, ACompletedRunIsBegunOnceAndEndedCompletedWithItsId) {
  RecordingLoader loader;
  RejectSink rejects;
  PipelineOptions options;
  options.chunk_size = 2;

  RunResult run =
      RunPipeline({{Row(1), Row(2), Row(3)}}, &loader, options, &rejects);

  ASSERT_THAT(run.status, IsOk());
  EXPECT_EQ(loader.begun, std::vector<std::string>{R"(["fake.parquet"])"});
  EXPECT_EQ(loader.ended,
            std::vector<db::RunOutcome>{db::RunOutcome::kCompleted});
  EXPECT_EQ(run.summary.run_id, std::optional<int64_t>(1));
}

TEST(Pipeline, ARunWhoseChunkFailsIsEndedFailed) {
  RecordingLoader loader;
  RejectSink rejects;
  loader.on_load = [&](const db::Chunk& chunk) {
    return chunk.records.front().id == 3 ? Status::Database("refused")
                                         : Status::Ok();
  };
  PipelineOptions options;
  options.chunk_size = 2;

  RunResult run = RunPipeline({{Row(1), Row(2), Row(3), Row(4)}}, &loader,
                              options, &rejects);

  ASSERT_FALSE(run.status.ok());
  EXPECT_EQ(loader.ended, std::vector<db::RunOutcome>{db::RunOutcome::kFailed});
}

TEST(Pipeline, ADryRunBeginsNoRun) {
  RejectSink rejects;
  PipelineOptions options;
  options.dry_run = true;

  RunResult run = RunPipeline({{Row(1)}}, nullptr, options, &rejects);

  ASSERT_THAT(run.status, IsOk());
  EXPECT_EQ(run.summary.run_id, std::nullopt);
}

}  // namespace
}  // namespace jao::ingest
