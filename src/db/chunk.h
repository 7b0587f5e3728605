// One transaction's worth of vacancy records and the memory their views
// point into, with the one-way lifecycle that lets a loader free the long
// text part-way through a load. Built by ingest/ (ChunkBuilder), handed to
// Loader::LoadChunk (db/loader.h). Knows nothing of Parquet.
//
//   kBuilt --StartLoading()--> kLoading --ReleaseText()--> kTextReleased
//
//  - kBuilt: being filled, or loaded by a caller that keeps the text until
//    the chunk is destroyed (the text of a chunk a loader may retry must
//    last). Every view is valid; the text cannot be released.
//  - kLoading: handed to LoadChunk by a caller that lets the loader free
//    the text once it no longer reads it (Loader::ReleasesTextEarly). Every
//    view is valid.
//  - kTextReleased: the text is freed. The records' title, description and
//    summary views dangle; their other views stay valid. There is no way
//    back: such a chunk is never loaded again.
//
// A step out of order (releasing twice, releasing a chunk not handed over
// for it, reading the text after its release) is our bug: JAO_CHECK aborts,
// in every build.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "db/vacancy_record.h"

namespace jao::db {

class Chunk {
 public:
  enum class Stage { kBuilt, kLoading, kTextReleased };

  Chunk() = default;
  // Move-only: one chunk, one text, one release.
  Chunk(Chunk&&) = default;
  Chunk& operator=(Chunk&&) = default;
  Chunk(const Chunk&) = delete;
  Chunk& operator=(const Chunk&) = delete;

  // Ids are distinct within a chunk (ingest keeps one row an id). Each
  // record's title, description and summary are valid until ReleaseText,
  // else while the chunk lives; its other views while the chunk lives.
  std::vector<VacancyRecord> records;

  // Makes `owner` keep the memory of the records' views other than the
  // text (names, lists, statistic groups) alive while the chunk lives.
  void KeepAlive(std::shared_ptr<const void> owner);
  // kBuilt only: `owner` holds the memory of the records' titles,
  // descriptions and summaries, until ReleaseText or the chunk's end. A
  // chunk without one points at text its caller keeps (tests).
  void AdoptText(std::shared_ptr<const void> owner);

  // kBuilt -> kLoading, by the caller of LoadChunk. `on_text_released`
  // (may be empty) runs once, on the loader's thread, after ReleaseText
  // freed the text.
  void StartLoading(std::function<void()> on_text_released = {});
  // Whether the loader may call ReleaseText: kLoading.
  bool text_releasable() const { return stage_ == Stage::kLoading; }
  // kLoading -> kTextReleased: frees the text, whose views dangle from
  // here, then runs on_text_released. A loader calls it once, as soon as
  // it reads no more title, description or summary of the chunk.
  void ReleaseText();
  // The one point each backend's chunk writer calls once its vacancy rows
  // (the only ones that read the text) are written: ReleaseText when
  // text_releasable(), else nothing.
  void VacanciesWritten() {
    if (text_releasable()) ReleaseText();
  }
  // Aborts after ReleaseText. A loader calls it before each step that
  // reads the text (and so before each attempt of a retried chunk).
  void CheckTextReadable() const;

  Stage stage() const { return stage_; }

 private:
  Stage stage_ = Stage::kBuilt;
  std::vector<std::shared_ptr<const void>> keep_alive_;
  std::shared_ptr<const void> text_;
  std::function<void()> on_text_released_;
};

}  // namespace jao::db
