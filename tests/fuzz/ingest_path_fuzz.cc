// libFuzzer target over the ingest path without a database: open the bytes
// as a Parquet file, plan its columns against the declared mapping, read
// batches and build chunks (validators, unpivot, list splitting, in-chunk
// duplicates), rejects to memory. Whatever the bytes, each step
// ends in a Status or a rejected row, never a crash, a hang or a huge
// allocation. Seeds: generated legacy files (tests/fuzz/seeds/) beside the
// Apache corpus (scripts/fuzz.sh).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "ingest/chunk_builder.h"
#include "ingest/mapping.h"
#include "ingest/reject_sink.h"
#include "parquet/file_reader.h"
#include "parquet/random_access_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jao;
  auto reader = parquet::FileReader::Open(parquet::RandomAccessFile::FromBytes(
      "fuzz.parquet", std::vector<uint8_t>(data, data + size)));
  if (!reader.ok()) return 0;
  auto plan = ingest::PlanColumns((*reader)->schema(), "fuzz.parquet");
  if (!plan.ok()) return 0;
  auto batches = (*reader)->ReadColumns(plan->column_indices, 97);
  if (!batches.ok()) return 0;
  // The rejects as JSON lines in memory, dropped after each chunk.
  ingest::ChunkRejects rejects;
  ingest::ChunkBuilder builder(&*plan, &rejects);
  for (int i = 0; i < 100000; ++i) {
    auto batch = std::make_shared<parquet::RecordBatch>();
    auto more = (*batches)->Next(batch.get());
    if (!more.ok() || !*more) break;
    std::shared_ptr<const parquet::RecordBatch> shared = std::move(batch);
    builder.Add(shared, 0, shared->num_rows);
    if (builder.pending_rows() >= 250) {
      builder.Finish();
      rejects.Take();
    }
  }
  builder.Finish();
  return 0;
}
