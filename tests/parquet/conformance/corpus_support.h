// Shared by the corpus-driven tests: the outcome table (outcomes.tsv), the
// list of corpus files, and "read every readable column to the end".
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "parquet/corpus_path_support.h"
#include "parquet/file_reader.h"

namespace jao::parquet::testing {

struct Outcome {
  std::string file;   // relative to the corpus root: "data/x.parquet"
  bool read = false;  // "read" or "refused"
  std::string error;  // refused: the message, the path spelled <file>
};

inline std::string SourcePath(const std::string& relative) {
  return std::string(JAO_SOURCE_DIR) + "/" + relative;
}

// outcomes.tsv: file TAB outcome [TAB error]; '#' lines are comments.
inline std::vector<Outcome> LoadOutcomes() {
  std::ifstream in(SourcePath("tests/parquet/conformance/outcomes.tsv"));
  std::vector<Outcome> outcomes;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    Outcome outcome;
    size_t tab = line.find('\t');
    outcome.file = line.substr(0, tab);
    std::string rest = tab == std::string::npos ? "" : line.substr(tab + 1);
    size_t tab2 = rest.find('\t');
    outcome.read = rest.substr(0, tab2) == "read";
    if (tab2 != std::string::npos) outcome.error = rest.substr(tab2 + 1);
    outcomes.push_back(outcome);
  }
  return outcomes;
}

// Every Parquet file of the corpus (*.parquet, *.parquet.encrypted) under
// data/ and bad_data/, relative to the corpus root, sorted.
inline std::vector<std::string> CorpusParquetFiles() {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const char* dir : {"data", "bad_data"}) {
    fs::path root = fs::path(CorpusDir()) / dir;
    std::error_code error;
    if (!fs::is_directory(root, error)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      std::string name = entry.path().filename().string();
      bool parquet =
          name.ends_with(".parquet") || name.ends_with(".parquet.encrypted");
      if (entry.is_regular_file() && parquet) {
        files.push_back(
            fs::relative(entry.path(), CorpusDir()).generic_string());
      }
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

inline bool CorpusPresent() {
  std::error_code error;
  return std::filesystem::is_directory(CorpusDir() + "/data", error);
}

// The message with the file's path spelled "<file>", as outcomes.tsv pins it.
inline std::string Pinned(std::string message, const std::string& path) {
  for (size_t at = message.find(path); at != std::string::npos;
       at = message.find(path)) {
    message.replace(at, path.size(), "<file>");
  }
  return message;
}

// Opens the reader's file and reads every readable column to the end in
// batches of `batch_rows`.
// Page options that stream every data page in small pieces and windows, so
// that a small test file takes the path a writer's huge pages take.
inline PageReaderOptions StreamEveryPage() {
  PageReaderOptions options;
  options.whole_page_limit = 0;
  options.piece_size = 61;
  options.window = 128;
  return options;
}

inline Status ReadEveryColumn(FileReader& reader, int64_t batch_rows,
                              const PageReaderOptions& pages = {}) {
  // As `cat` does: a file without a readable column is refused.
  auto indices = reader.schema().ReadableColumns();
  if (!indices.ok()) return indices.status().WithContext(reader.path());
  ASSIGN_OR_RETURN(auto batches,
                   reader.ReadColumns(*indices, batch_rows, pages));
  RecordBatch batch;
  while (true) {
    ASSIGN_OR_RETURN(bool more, batches->Next(&batch));
    if (!more) return Status::Ok();
  }
}

inline Status ReadFile(const std::string& path, int64_t batch_rows,
                       const PageReaderOptions& pages = {}) {
  ASSIGN_OR_RETURN(auto reader, FileReader::Open(path));
  return ReadEveryColumn(*reader, batch_rows, pages);
}

}  // namespace jao::parquet::testing
