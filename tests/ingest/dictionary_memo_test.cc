#include "ingest/dictionary_memo.h"

#include <gtest/gtest.h>

#include <memory>
#include <new>
#include <optional>
#include <string>
#include <vector>

#include "ingest/batch_support.h"
#include "ingest/validators/name.h"

namespace jao::ingest {
namespace {

// A department column of `indices` into a two-entry dictionary.
parquet::ColumnBatch DictionaryBatch(
    const parquet::ColumnDescriptor* column,
    std::shared_ptr<const parquet::ColumnBatch> dictionary,
    std::vector<int32_t> indices) {
  parquet::ColumnBatch batch;
  batch.column = column;
  batch.num_rows = static_cast<int64_t>(indices.size());
  batch.validity.assign(indices.size(), 1);
  batch.dictionary = std::move(dictionary);
  batch.dictionary_indices = std::move(indices);
  return batch;
}

// The memo of the name validator, counting the validator's runs.
struct CountingNameMemo {
  std::optional<std::string_view> Get(const parquet::ColumnBatch& batch,
                                      int64_t row) {
    auto counting = [this](const Cell& cell, StringStore* store) {
      ++calls;
      return ValidateName(cell, store);
    };
    return memo.Get(CellAt(batch, row), &row_store, counting).value();
  }

  DictionaryMemo<std::optional<std::string_view>> memo;
  StringStore row_store;
  int calls = 0;
};

TEST(DictionaryMemo, ValidatorRunsOncePerDictionaryEntry) {
  parquet::ColumnDescriptor column = testing::StringColumn("department");
  auto dictionary = std::make_shared<parquet::ColumnBatch>(
      testing::Strings(&column, {" HM  Treasury", "Cabinet Office"}));
  parquet::ColumnBatch batch =
      DictionaryBatch(&column, dictionary, {0, 1, 0, 0, 1, 0});
  CountingNameMemo memo;
  std::vector<std::string_view> names;
  for (int64_t row = 0; row < batch.num_rows; ++row) {
    names.push_back(*memo.Get(batch, row));
  }
  EXPECT_EQ(memo.calls, 2);
  EXPECT_EQ(names, (std::vector<std::string_view>{
                       "HM Treasury", "Cabinet Office", "HM Treasury",
                       "HM Treasury", "Cabinet Office", "HM Treasury"}));
}

TEST(DictionaryMemo, NewDictionaryStartsAFreshCacheAndKeepsOldStrings) {
  parquet::ColumnDescriptor column = testing::StringColumn("department");
  auto first = std::make_shared<parquet::ColumnBatch>(
      testing::Strings(&column, {" A  B"}));
  auto second =
      std::make_shared<parquet::ColumnBatch>(testing::Strings(&column, {"C"}));
  parquet::ColumnBatch one = DictionaryBatch(&column, first, {0});
  parquet::ColumnBatch two = DictionaryBatch(&column, second, {0});
  CountingNameMemo memo;
  std::string_view cleaned = *memo.Get(one, 0);
  EXPECT_EQ(*memo.Get(two, 0), "C");
  EXPECT_EQ(memo.calls, 2);
  std::vector<std::shared_ptr<const void>> stores = memo.memo.TakeStores();
  EXPECT_EQ(stores.size(), 1u);  // the retired store holding "A B"
  EXPECT_EQ(cleaned, "A B");
}

TEST(DictionaryMemo, PlainCellsAreValidatedEveryTime) {
  parquet::ColumnDescriptor column = testing::StringColumn("department");
  parquet::ColumnBatch batch = testing::Strings(&column, {"X", "X"});
  CountingNameMemo memo;
  memo.Get(batch, 0);
  memo.Get(batch, 1);
  EXPECT_EQ(memo.calls, 2);
}

// Regression: the memo compared bare dictionary addresses, so when a row
// group's dictionary was freed and the next one was allocated at the same
// address, the next row group got the cached results of the previous one
// (a --chunk-size 300 dry run reported 275 rejects instead of 120).
TEST(DictionaryMemo, ReleasedDictionaryIsNotMistakenForANewOneAtItsAddress) {
  parquet::ColumnDescriptor column = testing::StringColumn("department");
  // Dictionaries are built in fixed buffers, so a freed first one lets the
  // second take exactly its address, as an allocator may.
  alignas(
      parquet::ColumnBatch) unsigned char slot_a[sizeof(parquet::ColumnBatch)];
  alignas(
      parquet::ColumnBatch) unsigned char slot_b[sizeof(parquet::ColumnBatch)];
  bool first_freed = false;
  auto* first_object = new (slot_a)
      parquet::ColumnBatch(testing::Strings(&column, {"Old Department"}));
  std::shared_ptr<const parquet::ColumnBatch> first(
      first_object, [&first_freed](const parquet::ColumnBatch* batch) {
        batch->~ColumnBatch();
        first_freed = true;
      });
  CountingNameMemo memo;
  {
    parquet::ColumnBatch one = DictionaryBatch(&column, std::move(first), {0});
    EXPECT_EQ(*memo.Get(one, 0), "Old Department");
  }
  EXPECT_FALSE(first_freed);  // the memo holds it while results are cached
  unsigned char* second_slot = first_freed ? slot_a : slot_b;
  auto* second_object = new (second_slot)
      parquet::ColumnBatch(testing::Strings(&column, {"New Department"}));
  std::shared_ptr<const parquet::ColumnBatch> second(
      second_object,
      [](const parquet::ColumnBatch* batch) { batch->~ColumnBatch(); });
  parquet::ColumnBatch two = DictionaryBatch(&column, second, {0});
  EXPECT_EQ(*memo.Get(two, 0), "New Department");
  EXPECT_EQ(memo.calls, 2);
  EXPECT_TRUE(first_freed);  // bounded: only the current one is held
}

// The cache per entry once grew with the file: a single row group
// dictionary-encodes unique columns, so its dictionary has as many entries as
// the file has rows (55 MiB of a 100 MiB peak at 100k rows, dry run).
TEST(DictionaryMemo, CellsOfADictionaryLargerThanTheCapAreValidatedEveryTime) {
  parquet::ColumnDescriptor column = testing::StringColumn("department");
  std::vector<std::optional<std::string>> entries(4097, "X");
  auto dictionary = std::make_shared<parquet::ColumnBatch>(
      testing::Strings(&column, entries));
  parquet::ColumnBatch batch = DictionaryBatch(&column, dictionary, {5, 5});
  CountingNameMemo memo;
  EXPECT_EQ(*memo.Get(batch, 0), "X");
  EXPECT_EQ(*memo.Get(batch, 1), "X");
  EXPECT_EQ(memo.calls, 2);
}

}  // namespace
}  // namespace jao::ingest
