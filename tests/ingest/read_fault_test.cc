// A read fault at any read of the file during an ingest into SQLite fails
// the run with an error naming the file, and leaves in the database whole
// chunks only: the ones before the failed chunk, nothing of it.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "common/status_matchers_support.h"
#include "db/sqlite/loader.h"
#include "ingest/pipeline.h"
#include "parquet/fault_injecting_file_support.h"
#include "parquet/file_reader.h"

namespace jao::ingest {
namespace {

using parquet::testing::Fault;
using parquet::testing::FaultInjectingFile;

constexpr int64_t kChunk = 5;

std::string SmallLegacy() {
  return std::string(JAO_SOURCE_DIR) +
         "/tests/ingest/data/small-legacy.parquet";
}

// The file's vacancy ids in file order (every row valid, none repeated).
std::vector<int64_t> FileIds() {
  std::vector<int64_t> ids;
  auto reader = parquet::FileReader::Open(SmallLegacy());
  EXPECT_THAT(reader, IsOk());
  const parquet::ColumnDescriptor* column =
      (*reader)->schema().Find("vacancy_id");
  auto batches = (*reader)->ReadColumns({column->index}, 100);
  parquet::RecordBatch batch;
  while (*(*batches)->Next(&batch)) {
    for (int64_t i = 0; i < batch.num_rows; ++i) {
      ids.push_back(batch.columns[0].int64s[i]);
    }
  }
  return ids;
}

// The ids stored; none when the run failed before it created the schema (a
// fault while the files are checked, before anything is written).
std::vector<int64_t> StoredIds(const std::string& db_path) {
  std::vector<int64_t> ids;
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(db_path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db,
                               "SELECT count(*) FROM sqlite_master WHERE "
                               "name = 'vacancies_vacancy'",
                               -1, &statement, nullptr),
            SQLITE_OK);
  const bool has_table = sqlite3_step(statement) == SQLITE_ROW &&
                         sqlite3_column_int(statement, 0) == 1;
  sqlite3_finalize(statement);
  if (!has_table) {
    sqlite3_close(db);
    return ids;
  }
  EXPECT_EQ(sqlite3_prepare_v2(db, R"(SELECT "id" FROM "vacancies_vacancy")",
                               -1, &statement, nullptr),
            SQLITE_OK);
  while (sqlite3_step(statement) == SQLITE_ROW) {
    ids.push_back(sqlite3_column_int64(statement, 0));
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  std::sort(ids.begin(), ids.end());
  return ids;
}

struct FaultRun {
  Status status;
  int reads = 0;
  int64_t failed_offset = -1;
};

FaultRun Ingest(const std::string& db_path, Fault fault, int fail_at) {
  std::filesystem::remove(db_path);
  FaultRun run;
  auto loader = db::sqlite::OpenLoader(db_path);
  EXPECT_THAT(loader, IsOk());
  RejectSink rejects;
  PipelineOptions options;
  options.chunk_size = kChunk;
  Pipeline pipeline(
      loader->get(), &rejects, options, [](std::string_view) {}, nullptr);
  // The pipeline drops its reader (and the file) when the file is done.
  std::shared_ptr<const parquet::testing::FaultLog> log;
  pipeline.set_file_opener([&](const std::string& path) {
    auto inner = parquet::RandomAccessFile::Open(path);
    if (!inner.ok())
      return Result<std::unique_ptr<parquet::FileReader>>(inner.status());
    auto faulty =
        std::make_unique<FaultInjectingFile>(std::move(*inner), fault, fail_at);
    log = faulty->log();
    return parquet::FileReader::Open(std::move(faulty));
  });
  run.status = pipeline.Run({SmallLegacy()});
  if (log != nullptr) {
    run.reads = log->reads;
    run.failed_offset = log->failed_offset;
  }
  return run;
}

TEST(ReadFault, AtEveryReadLeavesWholeChunksOnly) {
  const std::string db_path = ::testing::TempDir() + "read_fault_" +
                              std::to_string(getpid()) + ".sqlite3";
  const std::vector<int64_t> file_ids = FileIds();
  ASSERT_EQ(file_ids.size(), 24u);
  FaultRun clean = Ingest(db_path, Fault::kNone, -1);
  ASSERT_THAT(clean.status, IsOk());
  std::vector<int64_t> all(file_ids);
  std::sort(all.begin(), all.end());
  ASSERT_EQ(StoredIds(db_path), all);
  // I/O errors here; short reads become the same error in ReadAt
  // (parquet/fault_injection_test.cc tries both at every read).
  for (int k = 0; k < clean.reads; ++k) {
    FaultRun run = Ingest(db_path, Fault::kError, k);
    ASSERT_FALSE(run.status.ok()) << "read " << k;
    EXPECT_NE(run.status.message().find(SmallLegacy() + ": "),
              std::string::npos)
        << run.status.message();
    EXPECT_NE(run.status.message().find("offset " +
                                        std::to_string(run.failed_offset)),
              std::string::npos)
        << run.status.message();
    // Whole chunks of kChunk rows, in file order, and nothing else.
    const std::vector<int64_t> stored = StoredIds(db_path);
    ASSERT_EQ(stored.size() % kChunk, 0u)
        << "read " << k << ": " << stored.size() << " rows stored";
    std::vector<int64_t> prefix(file_ids.begin(),
                                file_ids.begin() + stored.size());
    std::sort(prefix.begin(), prefix.end());
    EXPECT_EQ(stored, prefix) << "read " << k;
  }
  std::filesystem::remove(db_path);
}

// An exception on the transform thread used to escape the thread and end
// the process (std::terminate); now it ends the run with an error, after
// whole chunks. Every read after the footer's runs on that thread.
TEST(ReadFault, AnExceptionWhileReadingEndsTheRunWithAnError) {
  const std::string db_path = ::testing::TempDir() + "read_throw_" +
                              std::to_string(getpid()) + ".sqlite3";
  const std::vector<int64_t> file_ids = FileIds();
  FaultRun clean = Ingest(db_path, Fault::kNone, -1);
  ASSERT_THAT(clean.status, IsOk());
  FaultRun run = Ingest(db_path, Fault::kThrow, clean.reads - 1);
  ASSERT_THAT(run.status, StatusIs(StatusCode::kInternal));
  EXPECT_NE(run.status.message().find(SmallLegacy() + ": "), std::string::npos)
      << run.status.message();
  EXPECT_NE(run.status.message().find("bad_alloc"), std::string::npos)
      << run.status.message();
  const std::vector<int64_t> stored = StoredIds(db_path);
  EXPECT_EQ(stored.size() % kChunk, 0u) << stored.size() << " rows stored";
  EXPECT_LT(stored.size(), file_ids.size());
  std::filesystem::remove(db_path);
}

}  // namespace
}  // namespace jao::ingest
