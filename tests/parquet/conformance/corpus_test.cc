// The parquet-testing corpus, driven by data: outcomes.tsv says for every
// corpus file whether we read it or refuse it (with the exact message), and
// the DuckDB goldens (golden/*.jsonl, MANIFEST.json) give the values of every
// file we read, but for the values listed in golden-exceptions.tsv (DuckDB's
// misreadings, each with the value worked from the bytes and why). A guard
// fails when a corpus file has no row in the table.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "common/status_matchers_support.h"
#include "parquet/conformance/corpus_support.h"
#include "parquet/value_text.h"

namespace jao::parquet {
namespace {

using namespace testing;

std::string TestName(std::string file) {
  for (char& c : file) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return file;
}

#define SKIP_WITHOUT_CORPUS()                             \
  if (!CorpusPresent()) {                                 \
    GTEST_SKIP() << "corpus not found at " << CorpusDir() \
                 << " (set JAO_PARQUET_TESTING)";         \
  }

TEST(CorpusOutcomes, EveryCorpusFileHasARow) {
  SKIP_WITHOUT_CORPUS();
  std::set<std::string> listed;
  for (const Outcome& outcome : LoadOutcomes()) listed.insert(outcome.file);
  std::vector<std::string> files = CorpusParquetFiles();
  ASSERT_FALSE(files.empty()) << "no parquet files under " << CorpusDir();
  for (const std::string& file : files) {
    EXPECT_TRUE(listed.count(file))
        << file << " has no row in tests/parquet/conformance/outcomes.tsv";
  }
}

TEST(CorpusOutcomes, EveryRowNamesACorpusFile) {
  SKIP_WITHOUT_CORPUS();
  std::vector<std::string> files = CorpusParquetFiles();
  std::set<std::string> present(files.begin(), files.end());
  std::vector<Outcome> outcomes = LoadOutcomes();
  EXPECT_FALSE(outcomes.empty());
  for (const Outcome& outcome : outcomes) {
    EXPECT_TRUE(present.count(outcome.file))
        << outcome.file << " is not in " << CorpusDir();
    EXPECT_EQ(outcome.read, outcome.error.empty()) << outcome.file;
  }
}

// Each file is read twice: pages decoded whole, as the corpus's small pages
// are by default, and every page streamed in small pieces, the path a
// writer's large pages take. Both must give the same outcome and values.
std::string PagesName(bool streamed) {
  return streamed ? "_streamed" : "_whole";
}
PageReaderOptions Pages(bool streamed) {
  return streamed ? StreamEveryPage() : PageReaderOptions{};
}

class CorpusOutcome
    : public ::testing::TestWithParam<std::tuple<Outcome, bool>> {};

TEST_P(CorpusOutcome, MatchesTheTable) {
  SKIP_WITHOUT_CORPUS();
  const Outcome& outcome = std::get<0>(GetParam());
  std::string path = CorpusDir() + "/" + outcome.file;
  // Small batches so that pages split across batches on every file.
  Status status = ReadFile(path, 100, Pages(std::get<1>(GetParam())));
  if (outcome.read) {
    EXPECT_THAT(status, IsOk());
  } else {
    EXPECT_EQ(Pinned(status.message(), path), outcome.error);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Corpus, CorpusOutcome,
    ::testing::Combine(::testing::ValuesIn(LoadOutcomes()), ::testing::Bool()),
    [](const ::testing::TestParamInfo<std::tuple<Outcome, bool>>& param) {
      return TestName(std::get<0>(param.param).file) +
             PagesName(std::get<1>(param.param));
    });

struct Golden {
  std::string file;  // relative to the corpus root
  std::string golden;
  std::vector<std::string> columns;
};

std::vector<Golden> LoadGoldens() {
  std::ifstream in(SourcePath("tests/parquet/conformance/MANIFEST.json"));
  nlohmann::json manifest = nlohmann::json::parse(in);
  std::set<std::string> refused;
  for (const Outcome& outcome : LoadOutcomes()) {
    if (!outcome.read) refused.insert(outcome.file);
  }
  std::vector<Golden> goldens;
  for (const auto& [name, entry] : manifest["files"].items()) {
    // A golden of a file we refuse (a bad CRC DuckDB does not check) is not
    // a value to match: outcomes.tsv pins its error instead.
    // Entries without a golden (DuckDB read no column) have golden null.
    if (!entry.contains("golden") || !entry["golden"].is_string() ||
        refused.count("data/" + name)) {
      continue;
    }
    Golden golden{"data/" + name, entry["golden"].get<std::string>(),
                  entry["columns"].get<std::vector<std::string>>()};
    if (!golden.columns.empty()) goldens.push_back(std::move(golden));
  }
  return goldens;
}

// A golden value that is DuckDB's misreading: golden-exceptions.tsv, file
// TAB row TAB column TAB DuckDB's JSON TAB the expected JSON TAB why.
struct GoldenException {
  std::string file;  // relative to the corpus root
  int64_t row = 0;
  std::string column;
  std::string duckdb;
  std::string expected;
};

std::vector<GoldenException> LoadGoldenExceptions() {
  std::ifstream in(
      SourcePath("tests/parquet/conformance/golden-exceptions.tsv"));
  std::vector<GoldenException> exceptions;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields;
    size_t start = 0;
    for (size_t tab; (tab = line.find('\t', start)) != std::string::npos;
         start = tab + 1) {
      fields.push_back(line.substr(start, tab - start));
    }
    fields.push_back(line.substr(start));
    EXPECT_EQ(fields.size(), 6u) << "golden-exceptions.tsv: " << line;
    if (fields.size() != 6) continue;
    exceptions.push_back(
        {fields[0], std::stoll(fields[1]), fields[2], fields[3], fields[4]});
  }
  return exceptions;
}

// Replaces the exceptions of `file`'s row `row` in the golden line
// `golden`; a failure when the golden does not hold DuckDB's recorded value.
// Returns how many were applied.
int ApplyExceptions(const std::vector<GoldenException>& exceptions,
                    const std::string& file, int64_t row, std::string* golden) {
  int applied = 0;
  for (const GoldenException& e : exceptions) {
    if (e.file != file || e.row != row) continue;
    const std::string key = JsonString(e.column) + ":";
    const size_t at = golden->find(key + e.duckdb);
    if (at == std::string::npos) {
      ADD_FAILURE() << "golden-exceptions.tsv is stale: row " << row
                    << " of the golden does not hold " << key << e.duckdb
                    << "\n  golden: " << *golden;
      continue;
    }
    golden->replace(at, key.size() + e.duckdb.size(), key + e.expected);
    ++applied;
  }
  return applied;
}

TEST(CorpusGoldenExceptions, EachNamesAGoldenColumn) {
  std::vector<Golden> goldens = LoadGoldens();
  std::vector<GoldenException> exceptions = LoadGoldenExceptions();
  EXPECT_FALSE(exceptions.empty());
  for (const GoldenException& e : exceptions) {
    auto golden =
        std::find_if(goldens.begin(), goldens.end(),
                     [&](const Golden& g) { return g.file == e.file; });
    ASSERT_NE(golden, goldens.end()) << e.file << " has no golden";
    EXPECT_NE(
        std::find(golden->columns.begin(), golden->columns.end(), e.column),
        golden->columns.end())
        << e.file << ": golden has no column " << e.column;
  }
}

class CorpusGolden : public ::testing::TestWithParam<std::tuple<Golden, bool>> {
};

TEST_P(CorpusGolden, ValuesMatchTheDuckDbGolden) {
  SKIP_WITHOUT_CORPUS();
  const Golden& golden = std::get<0>(GetParam());
  std::ifstream in(SourcePath("tests/parquet/conformance/" + golden.golden));
  ASSERT_TRUE(in) << golden.golden;
  auto reader = FileReader::Open(CorpusDir() + "/" + golden.file);
  ASSERT_THAT(reader, IsOk());
  std::vector<int> indices;
  for (const std::string& name : golden.columns) {
    const ColumnDescriptor* column = (*reader)->schema().Find(name);
    ASSERT_NE(column, nullptr) << "no column " << name;
    indices.push_back(column->index);
  }
  auto batches =
      (*reader)->ReadColumns(indices, 100, Pages(std::get<1>(GetParam())));
  ASSERT_THAT(batches, IsOk());
  const std::vector<GoldenException> exceptions = LoadGoldenExceptions();
  const auto listed = std::count_if(
      exceptions.begin(), exceptions.end(),
      [&](const GoldenException& e) { return e.file == golden.file; });
  int applied = 0;
  RecordBatch batch;
  int64_t row = 0;
  int mismatches = 0;
  std::string expected;
  while (true) {
    auto more = (*batches)->Next(&batch);
    ASSERT_THAT(more, IsOk());
    if (!*more) break;
    for (int64_t i = 0; i < batch.num_rows; ++i, ++row) {
      std::string line = "{";
      for (size_t c = 0; c < batch.columns.size(); ++c) {
        if (c > 0) line += ',';
        line += JsonString(golden.columns[c]) + ":" +
                FormatCellJson(batch.columns[c], i);
      }
      line += "}";
      ASSERT_TRUE(std::getline(in, expected))
          << "golden ends before row " << row;
      applied += ApplyExceptions(exceptions, golden.file, row, &expected);
      if (line != expected && ++mismatches <= 5) {
        ADD_FAILURE() << "row " << row << "\n  read:   " << line
                      << "\n  golden: " << expected;
      }
    }
  }
  EXPECT_FALSE(std::getline(in, expected))
      << "golden has more than " << row << " rows";
  EXPECT_EQ(mismatches, 0);
  EXPECT_EQ(applied, listed) << "golden-exceptions.tsv rows of " << golden.file
                             << " that name no row of its golden";
}

INSTANTIATE_TEST_SUITE_P(
    Corpus, CorpusGolden,
    ::testing::Combine(::testing::ValuesIn(LoadGoldens()), ::testing::Bool()),
    [](const ::testing::TestParamInfo<std::tuple<Golden, bool>>& param) {
      return TestName(std::get<0>(param.param).file) +
             PagesName(std::get<1>(param.param));
    });

}  // namespace
}  // namespace jao::parquet
