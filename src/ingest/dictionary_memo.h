// Runs a validator once per dictionary entry of a dictionary-encoded column
// instead of once per row: pandas writes department, grades and titles as
// dictionaries with a few hundred entries over millions of rows.
//
// Results are cached by (dictionary, index) for one dictionary at a time.
// The memo holds that dictionary alive (its shared_ptr), so its address can
// never be reused by another dictionary while results for it are cached; a
// different dictionary (next row group) starts the cache again. Comparing
// bare addresses of freed dictionaries once gave a later row group the
// results of an earlier one. Strings the validator makes go into the
// memo's own StringStore, so cached views stay valid; chunks keep the stores
// they used alive through TakeStores().
//
// Dictionaries with more than kMaxEntries entries are not cached: a file of
// one row group dictionary-encodes even unique columns (ids, descriptions),
// and a cache per entry would then grow with the file, not with the chunk.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "ingest/validators/cell.h"
#include "ingest/validators/string_store.h"

namespace jao::ingest {

template <typename T>
class DictionaryMemo {
 public:
  static constexpr int64_t kMaxEntries = 4096;

  // validate(const Cell&, StringStore*) -> Outcome<T>. Cells not from a
  // dictionary are validated directly with `row_store`.
  template <typename Validate>
  Outcome<T> Get(const Cell& cell, StringStore* row_store,
                 Validate&& validate) {
    if (!cell.from_dictionary || cell.dictionary == nullptr ||
        *cell.dictionary == nullptr ||
        (*cell.dictionary)->num_rows > kMaxEntries) {
      return validate(cell, row_store);
    }
    if (*cell.dictionary != dictionary_) {
      Reset();
      dictionary_ = *cell.dictionary;
    }
    auto index = static_cast<size_t>(cell.index);
    if (index >= entries_.size()) entries_.resize(index + 1);
    if (!entries_[index]) entries_[index].emplace(validate(cell, &store_));
    return *entries_[index];
  }

  // Owners of every string a cached result may point into; call once per
  // chunk and keep them with the chunk.
  std::vector<std::shared_ptr<const void>> TakeStores() {
    std::vector<std::shared_ptr<const void>> out = std::move(retired_);
    retired_.clear();
    if (store_.size() > 0) out.push_back(store_.Share());
    return out;
  }

 private:
  void Reset() {
    entries_.clear();
    if (store_.size() > 0) retired_.push_back(store_.Share());
    store_ = StringStore();
  }

  std::shared_ptr<const parquet::ColumnBatch> dictionary_;
  std::vector<std::optional<Outcome<T>>> entries_;
  StringStore store_;
  std::vector<std::shared_ptr<const void>> retired_;
};

}  // namespace jao::ingest
