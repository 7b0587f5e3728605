// Writers side by side: the same rows written by arrow-rs (parquet-wasm) and
// by DuckDB under every codec, page version and dictionary setting they offer
// (fixtures/writers-matrix.mjs, run here at test time into a temp dir), read
// by `jao-ingest cat --format jsonl` and compared line by line with DuckDB's
// reading of the same file (the golden beside it). Skips, visibly, when Node
// or the fixtures' packages are missing (`bash fixtures/install.sh`).
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "tools/command_run_support.h"

namespace jao::tools {
namespace {

namespace fs = std::filesystem;
using testing::RunJao;

// Files our reader may refuse, each with its exact one-line error. A refusal
// not listed here fails the test; a listed one that no longer happens fails
// too. Both writers' flat data is in our supported subset, so this is empty:
// add an entry only with a comment saying which writer feature we refuse and
// why.
struct ExpectedRefusal {
  const char* file;     // manifest name, e.g. "arrow-v2-lz4-plain"
  const char* message;  // stderr of `cat`, without the file path prefix
};
constexpr std::array<ExpectedRefusal, 0> kExpectedRefusals{};

constexpr int kRows = 3000;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Splits one canonical JSON line ({"key":value,...}, no white space) into
// (key, raw value text) pairs, so that a difference names its column and shows
// the bytes each side printed. An unparsable line gives one pair ("<line>",
// the whole line).
std::vector<std::pair<std::string, std::string>> Fields(
    const std::string& line) {
  std::vector<std::pair<std::string, std::string>> fields;
  auto scan_string = [&](size_t at) {  // index just past the closing quote
    for (size_t i = at + 1; i < line.size(); ++i) {
      if (line[i] == '\\') {
        ++i;
      } else if (line[i] == '"') {
        return i + 1;
      }
    }
    return std::string::npos;
  };
  size_t at = 1;
  while (!line.empty() && line[0] == '{' && at < line.size() &&
         line[at] == '"') {
    size_t key_end = scan_string(at);
    if (key_end == std::string::npos || key_end >= line.size() ||
        line[key_end] != ':') {
      break;
    }
    size_t value_at = key_end + 1;
    size_t i = value_at;
    int depth = 0;
    while (i < line.size()) {
      char c = line[i];
      if (c == '"') {
        i = scan_string(i);
        if (i == std::string::npos) break;
        continue;
      }
      if (c == '[' || c == '{') ++depth;
      if ((c == ']' || c == '}') && depth > 0) {
        --depth;
      } else if ((c == ',' || c == '}') && depth == 0) {
        break;
      }
      ++i;
    }
    if (i == std::string::npos || i >= line.size()) break;
    fields.emplace_back(line.substr(at + 1, key_end - at - 2),
                        line.substr(value_at, i - value_at));
    at = i + 1;
    if (line[i] == '}') return fields;
  }
  return {{"<line>", line}};
}

// Compares the reader's output with the golden; returns "" when equal, else
// one line per differing column (its first differing row and both texts)
// and the number of differing rows.
std::string Differences(const std::string& out, const std::string& golden) {
  std::vector<std::string> got = Lines(out);
  std::vector<std::string> want = Lines(golden);
  std::ostringstream report;
  if (got.size() != want.size()) {
    report << "  reader printed " << got.size() << " rows, golden has "
           << want.size() << "\n";
  }
  std::map<std::string, std::string> first_by_column;
  std::vector<std::string> column_order;
  size_t differing_rows = 0;
  for (size_t row = 0; row < std::min(got.size(), want.size()); ++row) {
    if (got[row] == want[row]) continue;
    ++differing_rows;
    auto got_fields = Fields(got[row]);
    auto want_fields = Fields(want[row]);
    for (size_t c = 0; c < std::max(got_fields.size(), want_fields.size());
         ++c) {
      std::string name =
          c < want_fields.size() ? want_fields[c].first : got_fields[c].first;
      std::string got_value =
          c < got_fields.size()
              ? got_fields[c].first + "=" + got_fields[c].second
              : "<missing>";
      std::string want_value =
          c < want_fields.size()
              ? want_fields[c].first + "=" + want_fields[c].second
              : "<missing>";
      if (got_value == want_value || first_by_column.count(name)) continue;
      column_order.push_back(name);
      first_by_column[name] = "  row " + std::to_string(row) + ", column '" +
                              name + "': reader " + got_value + ", golden " +
                              want_value + "\n";
    }
  }
  for (const std::string& name : column_order) report << first_by_column[name];
  if (differing_rows > 0) {
    report << "  " << differing_rows << " of " << want.size()
           << " rows differ\n";
  }
  return report.str();
}

const ExpectedRefusal* FindRefusal(const std::string& name) {
  for (const ExpectedRefusal& refusal : kExpectedRefusals) {
    if (name == refusal.file) return &refusal;
  }
  return nullptr;
}

bool NodeAndFixturesPresent(std::string* why) {
  if (std::system("command -v node >/dev/null 2>&1") != 0) {
    *why = "node not found (Node.js 20 needed)";
    return false;
  }
  fs::path modules = fs::path(JAO_SOURCE_DIR) / "fixtures" / "node_modules";
  for (const char* package :
       {"@duckdb/node-api", "parquet-wasm", "apache-arrow"}) {
    if (!fs::exists(modules / package)) {
      *why = std::string("fixtures package ") + package +
             " missing: run bash fixtures/install.sh";
      return false;
    }
  }
  return true;
}

TEST(WritersMatrix, CatPrintsDuckDbsReadingOfEveryWriterCodecAndPageVersion) {
  std::string why;
  if (!NodeAndFixturesPresent(&why)) GTEST_SKIP() << why;
  fs::path dir = fs::path(::testing::TempDir()) /
                 ("jao-writers-matrix-" + std::to_string(getpid()));
  fs::remove_all(dir);
  std::string log = dir.string() + ".log";
  std::string command =
      "node " + std::string(JAO_SOURCE_DIR) + "/fixtures/writers-matrix.mjs " +
      dir.string() + " --rows " + std::to_string(kRows) + " >" + log + " 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << "writers-matrix.mjs failed:\n"
                                             << ReadAll(log);

  nlohmann::json manifest =
      nlohmann::json::parse(ReadAll((dir / "manifest.json").string()));
  ASSERT_EQ(manifest["rows"].get<int>(), kRows);
  const nlohmann::json& files = manifest["files"];
  ASSERT_GE(files.size(), 40u) << "the matrix lost combinations";

  int passed = 0;
  std::vector<std::string> refused_as_expected;
  for (const nlohmann::json& file : files) {
    std::string name = file["name"].get<std::string>();
    std::string parquet = file["parquet"].get<std::string>();
    std::string label = name + " (" + file["writer"].get<std::string>() + " " +
                        file["codec"].get<std::string>() + " " +
                        file["version"].get<std::string>() + ")";
    testing::Run run = RunJao("cat " + parquet + " --format jsonl");
    const ExpectedRefusal* refusal = FindRefusal(name);
    if (refusal != nullptr) {
      std::string want =
          "jao-ingest: error: " + parquet + ": " + refusal->message + "\n";
      EXPECT_TRUE(run.status == 1 && run.err == want)
          << label << ": expected refusal did not happen as pinned; status "
          << run.status << ", stderr: " << run.err;
      refused_as_expected.push_back(name);
      continue;
    }
    if (run.status != 0 || !run.err.empty()) {
      ADD_FAILURE() << label << ": reader refused or warned (status "
                    << run.status << "): " << run.err;
      continue;
    }
    std::string diff =
        Differences(run.out, ReadAll(file["golden"].get<std::string>()));
    if (diff.empty()) {
      ++passed;
    } else {
      ADD_FAILURE() << label << " differs from DuckDB's reading:\n" << diff;
    }
  }
  std::cout << "[ writers ] " << passed << " of " << files.size()
            << " files equal DuckDB's reading, " << refused_as_expected.size()
            << " refused as expected\n";
  // ~100 MB of files: kept only on request (JAO_KEEP_WRITERS_MATRIX=1), to
  // look into a failure; `node fixtures/writers-matrix.mjs DIR` remakes them.
  if (std::getenv("JAO_KEEP_WRITERS_MATRIX") == nullptr) {
    fs::remove_all(dir);
    fs::remove(log);
  } else {
    std::cout << "[ writers ] files kept in " << dir << "\n";
  }
}

}  // namespace
}  // namespace jao::tools
