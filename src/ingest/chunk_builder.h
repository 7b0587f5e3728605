// RecordBatch -> db::Chunk: every row built by running kVacancyFields entry
// by entry (each field's rule validates its column's cell into the record;
// the first failing field, in declaration order, names the rejection), then
// the statistic columns unpivoted; rejected rows handed to the
// RejectReporter, and duplicate vacancy ids inside the chunk resolved by the
// newer-wins rule (db/newer_wins.h: the newer row_last_updated wins, the
// first of equally new ones; the dropped rows count as skipped). Knows
// nothing of SQL.
//
// Used by the pipeline's transform thread: Add() one or more batches, then
// Finish() to take the chunk, in Chunk::Stage kBuilt. The records' titles,
// descriptions and summaries are copies in a TextArena the chunk adopted
// (Chunk::AdoptText, freed by Chunk::ReleaseText); their other views point
// into the batches' buffers and dictionaries, the string stores and the
// plan's group names, which the chunk keeps alive (Chunk::KeepAlive). The
// batches themselves, and the reader, may go.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "db/chunk.h"
#include "ingest/column_fit.h"
#include "ingest/dictionary_memo.h"
#include "ingest/field_rule.h"
#include "ingest/mapping.h"
#include "ingest/reject_sink.h"
#include "ingest/text_arena.h"
#include "parquet/batch.h"

namespace jao::ingest {

struct BuiltChunk {
  db::Chunk chunk;
  int64_t rows = 0;        // rows seen
  int64_t rejected = 0;    // rows reported to the RejectReporter
  int64_t duplicates = 0;  // rows dropped for a newer/earlier same id
};

class ChunkBuilder {
 public:
  // `plan`, `rejects` and `fit` (the database's narrower columns; may be
  // null) must outlive the builder.
  ChunkBuilder(const IngestPlan* plan, RejectReporter* rejects,
               const ColumnFit* fit = nullptr);

  // Transforms rows [begin, end) of `batch` (all rows when end is -1), whose
  // columns follow plan->columns. A batch may be split across chunks.
  void Add(std::shared_ptr<const parquet::RecordBatch> batch, int64_t begin = 0,
           int64_t end = -1);
  int64_t pending_rows() const { return built_.rows; }
  // The chunk built since the last Finish.
  BuiltChunk Finish();

 private:
  // The rejection of a built row whose value the database cannot hold.
  std::optional<RejectedRow> CheckFit(const parquet::RecordBatch& batch,
                                      int64_t row,
                                      const db::VacancyRecord& record) const;
  // Fills *record, or returns the row's rejection.
  std::optional<RejectedRow> BuildRow(const parquet::RecordBatch& batch,
                                      int64_t row, db::VacancyRecord* record);
  // The statistic columns into record->statistics; false with *rejection
  // set when a value rejects the row.
  bool BuildStatistics(const parquet::RecordBatch& batch, int64_t row,
                       db::VacancyRecord* record, Rejection* rejection);
  void Keep(db::VacancyRecord record);
  int BatchIndexOf(Field field) const;  // -1 when the file lacks it

  const IngestPlan* plan_;
  RejectReporter* rejects_;
  const ColumnFit* fit_;
  BuiltChunk built_;
  std::unordered_map<int32_t, size_t> position_of_id_;
  StringStore row_store_;
  std::shared_ptr<TextArena> text_ = std::make_shared<TextArena>();

  // Per Field: kVacancyFields' rule made runnable, with its memo.
  std::array<std::unique_ptr<FieldRun>, kNumFields> runs_;
  std::vector<DictionaryMemo<std::optional<int32_t>>> statistic_memos_;
};

}  // namespace jao::ingest
