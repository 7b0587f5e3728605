#include "ingest/pipeline.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

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
  std::vector<std::string> warnings;
};

RunResult RunPipeline(
    std::vector<std::vector<TestRow>> batches, RecordingLoader* loader,
    PipelineOptions options, RejectReporter* rejects,
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
  return run;
}

// Runs `loader` over `rows` one-row batches in one-row chunks, counting the
// batches served into `served`.
Status RunCountingBatches(RecordingLoader* loader, int rows,
                          std::shared_ptr<std::atomic<int>> served) {
  RejectSink rejects(nullptr);
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
  RejectSink rejects(nullptr);
  PipelineOptions options;
  options.chunk_size = 2;
  RunResult run = RunPipeline({{Row(1)}, {Row(2), Row(3), Row(4)}, {Row(5)}},
                              &loader, options, &rejects);
  ASSERT_TRUE(run.status.ok()) << run.status.ToString();
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
  Result<db::LoadCounts> LoadChunk(const db::Chunk& chunk) override {
    if (chunk_ids.empty()) {
      // Time for a reader that runs ahead to show it.
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      served_during_first_load = served_->load();
      if (releases_early_) {
        chunk.release_text();
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

  ASSERT_TRUE(status.ok()) << status.ToString();
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

  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(loader.served_during_first_load, 1);
  EXPECT_EQ(loader.served_after_release, 2);
  EXPECT_EQ(loader.chunk_ids.size(), 3u);
}

TEST(Pipeline, EnsuresSchemaOnceThenLoadsBatchesAsOneChunk) {
  RecordingLoader loader;
  RejectSink rejects(nullptr);
  RunResult run = RunPipeline({{Row(1), Row(2)}, {Row(3)}}, &loader,
                              PipelineOptions{}, &rejects);
  ASSERT_TRUE(run.status.ok()) << run.status.ToString();
  EXPECT_EQ(loader.ensure_schema_calls, 1);
  EXPECT_EQ(loader.chunk_ids, (std::vector<std::vector<int32_t>>{{1, 2, 3}}));
  EXPECT_EQ(run.summary.tables["vacancies_vacancy"].inserted, 3);
  EXPECT_EQ(run.summary.files[0].rows_read, 3);
  EXPECT_EQ(run.summary.files[0].chunks, 1);
}

TEST(Pipeline, MaxRejectsStopsBeforeLoadingTheChunkThatPassedIt) {
  RecordingLoader loader;
  RejectSink rejects(nullptr);
  PipelineOptions options;
  options.chunk_size = 2;
  options.max_rejects = 1;
  RunResult run =
      RunPipeline({{Row(1), Row(2, false)}, {Row(3, false), Row(4)}, {Row(5)}},
                  &loader, options, &rejects);
  ASSERT_FALSE(run.status.ok());
  EXPECT_EQ(run.status.message(),
            "fake.parquet: 2 rows rejected, more than --max-rejects 1");
  EXPECT_EQ(loader.chunk_ids, (std::vector<std::vector<int32_t>>{{1}}));
}

TEST(Pipeline, RejectsUpToTheCapStillCompleteTheRun) {
  RecordingLoader loader;
  RejectSink rejects(nullptr);
  PipelineOptions options;
  options.max_rejects = 2;
  RunResult run = RunPipeline({{Row(1), Row(2, false)}, {Row(3, false)}},
                              &loader, options, &rejects);
  ASSERT_TRUE(run.status.ok()) << run.status.ToString();
  EXPECT_EQ(rejects.count(), 2);
  EXPECT_EQ(run.summary.tables["vacancies_vacancy"].rejected, 2);
  EXPECT_EQ(run.summary.rows_rejected(), 2);
}

TEST(Pipeline, InChunkDuplicatesCountAsSkipped) {
  RecordingLoader loader;
  RejectSink rejects(nullptr);
  RunResult run = RunPipeline({{Row(1), Row(1), Row(2)}}, &loader,
                              PipelineOptions{}, &rejects);
  ASSERT_TRUE(run.status.ok());
  EXPECT_EQ(loader.chunk_ids, (std::vector<std::vector<int32_t>>{{1, 2}}));
  EXPECT_EQ(run.summary.tables["vacancies_vacancy"].skipped, 1);
}

TEST(Pipeline, DryRunValidatesAndCountsWithoutALoader) {
  RejectSink rejects(nullptr);
  PipelineOptions options;
  options.dry_run = true;
  RunResult run =
      RunPipeline({{Row(1), Row(2, false)}}, nullptr, options, &rejects);
  ASSERT_TRUE(run.status.ok()) << run.status.ToString();
  EXPECT_TRUE(run.summary.dry_run);
  EXPECT_EQ(run.summary.files[0].rows_valid, 1);
  EXPECT_EQ(run.summary.files[0].rows_rejected, 1);
}

TEST(Pipeline, MissingRequiredColumnFailsBeforeAnythingIsWritten) {
  RecordingLoader loader;
  RejectSink rejects(nullptr);
  RunResult run = RunPipeline({{Row(1)}}, &loader, PipelineOptions{}, &rejects,
                              std::make_shared<VacancyFile>("live_date"));
  ASSERT_FALSE(run.status.ok());
  EXPECT_EQ(run.status.message(),
            "fake.parquet: missing required column 'live_date'");
  EXPECT_TRUE(loader.chunk_ids.empty());
}

TEST(Pipeline, UnknownColumnsAreWarnedAboutOnceWithTheFileName) {
  RecordingLoader loader;
  RejectSink rejects(nullptr);
  RunResult run =
      RunPipeline({{Row(1)}, {Row(2)}}, &loader, PipelineOptions{}, &rejects,
                  std::make_shared<VacancyFile>(
                      "", std::vector<std::string>{"__index_level_0__"}));
  ASSERT_TRUE(run.status.ok());
  EXPECT_EQ(run.warnings,
            (std::vector<std::string>{"fake.parquet: ignoring columns not in "
                                      "the mapping: '__index_level_0__'"}));
}

}  // namespace
}  // namespace jao::ingest
