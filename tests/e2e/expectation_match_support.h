// Comparing what jao-ingest did with what fixtures/expect-ingest.mjs
// expects: database tables, reject lines, summary counts, and the "whole
// chunks only" property of an interrupted run. Messages show only the first
// differences, never a whole table.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace jao::e2e {

// Every jao table of `actual` (DumpTables) equals the one of
// `expected_tables` (the "tables" object of an expectation).
::testing::AssertionResult TablesEqual(const nlohmann::json& actual,
                                       const nlohmann::json& expected_tables);

// "row 39, vacancy_id 525110, column grades" for each reject of
// `expectation` (all files; sorted by row).
std::vector<std::string> ExpectedRejectKeys(const nlohmann::json& expectation);
// The same keys of the JSON lines of a --rejects file, in file order.
std::vector<std::string> RejectFileKeys(const std::string& jsonl);

// The expectation's per-file counts of files [first, last) summed per table.
nlohmann::json SummedCounts(const nlohmann::json& expectation, size_t first,
                            size_t last);
// The "tables" object of a --summary-json file equals `expected` (from
// SummedCounts); a table missing on either side counts as all zeros.
::testing::AssertionResult CountsEqual(const nlohmann::json& summary_tables,
                                       const nlohmann::json& expected);

// The rows of the expectation's rejects (all files).
std::set<int64_t> RejectedRows(const nlohmann::json& expectation);

// k when `present_ids` are exactly the vacancy ids of the valid rows among
// the first k chunks of `chunk_size` rows (`ids_by_row`: every row's
// vacancy_id; `rejected_rows`: rows that are not loaded), nullopt when no
// number of whole chunks gives that set.
std::optional<int64_t> WholeChunksLoaded(
    const std::vector<std::optional<int64_t>>& ids_by_row,
    const std::set<int64_t>& rejected_rows, int64_t chunk_size,
    const std::vector<int64_t>& present_ids);

// The ids of `ids_by_row` none of whose rows come at or after row `end`:
// their final state is reached once rows [0, end) are loaded.
std::set<int64_t> IdsOnlyBefore(
    const std::vector<std::optional<int64_t>>& ids_by_row, int64_t end);

// `tables` (DumpTables or an expectation's "tables") keeping only the rows
// of the vacancies `ids`: vacancies_vacancy by id, the link and statistic
// tables by vacancy_id; lookup tables become empty. For TablesEqual.
nlohmann::json RowsOfVacancies(const nlohmann::json& tables,
                               const std::set<int64_t>& ids);

// The lines of `stderr_text` that start with "jao-ingest: error:".
std::vector<std::string> ErrorLines(const std::string& stderr_text);

// `value` as one line of JSON, invalid UTF-8 replaced, cut to `limit` bytes.
std::string Short(const nlohmann::json& value, size_t limit = 400);

}  // namespace jao::e2e
