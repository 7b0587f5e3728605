// See expectation_match_support.h.
#include "e2e/expectation_match_support.h"

#include <algorithm>

#include "e2e/db_dump_support.h"
#include "e2e/process_support.h"

namespace jao::e2e {
namespace {

using nlohmann::json;

constexpr const char* kCountKeys[] = {"inserted", "updated", "skipped",
                                      "deleted", "rejected"};

std::string RejectKey(const json& reject) {
  return "row " + reject.at("row").dump() + ", vacancy_id " +
         reject.at("vacancy_id").dump() + ", column " +
         reject.at("column").get<std::string>();
}

int64_t CountOf(const json& tables, const std::string& table, const char* key) {
  if (!tables.contains(table)) return 0;
  const json& counts = tables.at(table);
  return counts.contains(key) ? counts.at(key).get<int64_t>() : 0;
}

}  // namespace

std::string Short(const json& value, size_t limit) {
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  if (text.size() > limit) text = text.substr(0, limit) + "...";
  return text;
}

::testing::AssertionResult TablesEqual(const json& actual,
                                       const json& expected_tables) {
  std::string differences;
  for (const std::string& table : JaoTableNames()) {
    if (!expected_tables.contains(table)) {
      return ::testing::AssertionFailure()
             << "the expectation has no table " << table;
    }
    const json& want = expected_tables.at(table);
    const json& got = actual.contains(table) ? actual.at(table) : json::array();
    if (got == want) continue;
    size_t i = 0;
    while (i < got.size() && i < want.size() && got[i] == want[i]) ++i;
    differences +=
        "\n  " + table + ": " + std::to_string(got.size()) +
        " rows, expected " + std::to_string(want.size()) +
        "; first difference at row " + std::to_string(i) + ":\n    actual   " +
        (i < got.size() ? Short(got[i]) : "(none)") + "\n    expected " +
        (i < want.size() ? Short(want[i]) : "(none)");
  }
  if (differences.empty()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "tables differ:" << differences;
}

std::vector<std::string> ExpectedRejectKeys(const json& expectation) {
  std::vector<json> rejects(expectation.at("rejects").begin(),
                            expectation.at("rejects").end());
  std::stable_sort(
      rejects.begin(), rejects.end(), [](const json& a, const json& b) {
        return a.at("row").get<int64_t>() < b.at("row").get<int64_t>();
      });
  std::vector<std::string> keys;
  for (const json& r : rejects) keys.push_back(RejectKey(r));
  return keys;
}

std::vector<std::string> RejectFileKeys(const std::string& jsonl) {
  std::vector<std::string> keys;
  for (const std::string& line : Lines(jsonl)) {
    json reject = json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (reject.is_discarded() || !reject.is_object() ||
        !reject.contains("row") || !reject.contains("vacancy_id") ||
        !reject.contains("column")) {
      keys.push_back("malformed reject line: " + line);
      continue;
    }
    keys.push_back(RejectKey(reject));
  }
  return keys;
}

json SummedCounts(const json& expectation, size_t first, size_t last) {
  json sum = json::object();
  const json& files = expectation.at("counts");
  for (size_t f = first; f < last && f < files.size(); ++f) {
    for (const auto& [table, counts] : files[f].at("counts").items()) {
      for (const char* key : kCountKeys) {
        int64_t before = CountOf(sum, table, key);
        sum[table][key] = before + counts.at(key).get<int64_t>();
      }
    }
  }
  return sum;
}

::testing::AssertionResult CountsEqual(const json& summary_tables,
                                       const json& expected) {
  std::set<std::string> tables;
  for (const auto& [table, counts] : summary_tables.items()) {
    tables.insert(table);
  }
  for (const auto& [table, counts] : expected.items()) tables.insert(table);
  std::string differences;
  for (const std::string& table : tables) {
    for (const char* key : kCountKeys) {
      int64_t got = CountOf(summary_tables, table, key);
      int64_t want = CountOf(expected, table, key);
      if (got != want) {
        differences += "\n  " + table + "." + key + ": " + std::to_string(got) +
                       ", expected " + std::to_string(want);
      }
    }
  }
  if (differences.empty()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "summary counts differ:" << differences;
}

std::set<int64_t> RejectedRows(const json& expectation) {
  std::set<int64_t> rows;
  for (const json& r : expectation.at("rejects")) {
    rows.insert(r.at("row").get<int64_t>());
  }
  return rows;
}

std::optional<int64_t> WholeChunksLoaded(
    const std::vector<std::optional<int64_t>>& ids_by_row,
    const std::set<int64_t>& rejected_rows, int64_t chunk_size,
    const std::vector<int64_t>& present_ids) {
  std::set<int64_t> present(present_ids.begin(), present_ids.end());
  std::set<int64_t> loaded;
  int64_t rows = static_cast<int64_t>(ids_by_row.size());
  for (int64_t k = 0;; ++k) {
    if (loaded == present) return k;
    if (k * chunk_size >= rows) return std::nullopt;
    for (int64_t row = k * chunk_size;
         row < std::min(rows, (k + 1) * chunk_size); ++row) {
      if (rejected_rows.count(row) == 0 && ids_by_row[row].has_value()) {
        loaded.insert(*ids_by_row[row]);
      }
    }
  }
}

std::set<int64_t> IdsOnlyBefore(
    const std::vector<std::optional<int64_t>>& ids_by_row, int64_t end) {
  std::set<int64_t> before;
  std::set<int64_t> after;
  for (int64_t row = 0; row < static_cast<int64_t>(ids_by_row.size()); ++row) {
    if (ids_by_row[row]) (row < end ? before : after).insert(*ids_by_row[row]);
  }
  for (int64_t id : after) before.erase(id);
  return before;
}

json RowsOfVacancies(const json& tables, const std::set<int64_t>& ids) {
  json kept = json::object();
  for (const std::string& table : JaoTableNames()) {
    kept[table] = json::array();
    if (!tables.contains(table)) continue;
    for (const json& row : tables.at(table)) {
      if (!row.is_object()) continue;  // a lookup table's name
      const char* key = row.contains("vacancy_id") ? "vacancy_id" : "id";
      if (ids.count(row.at(key).get<int64_t>()) > 0) kept[table].push_back(row);
    }
  }
  return kept;
}

std::vector<std::string> ErrorLines(const std::string& stderr_text) {
  std::vector<std::string> errors;
  for (const std::string& line : Lines(stderr_text)) {
    if (line.rfind("jao-ingest: error:", 0) == 0) errors.push_back(line);
  }
  return errors;
}

}  // namespace jao::e2e
