// See interrupted_run_support.h.
#include "e2e/interrupted_run_support.h"

#include <signal.h>

#include <filesystem>
#include <regex>
#include <stdexcept>
#include <thread>

#include "e2e/expectation_match_support.h"
#include "e2e/process_support.h"

namespace jao::e2e {

using nlohmann::json;

int64_t CommitWatcher::Count() {
  try {
    if (!reader_) {
      if (db_.backend() == Backend::kSqlite &&
          !std::filesystem::exists(db_.name())) {
        return 0;
      }
      reader_ = db_.Reader();
    }
    if (!reader_->HasTable("vacancies_vacancy")) return 0;
    return reader_
        ->Select({{"n", "count(*)", CellKind::kInteger}}, "vacancies_vacancy")
        .at(0)
        .at("n")
        .get<int64_t>();
  } catch (const std::runtime_error&) {
    // The schema being created, or a file not yet a database: ask again.
    reader_.reset();
    return 0;
  }
}

ProcessResult KillOnceSeen(ChildProcess& run, const std::function<bool()>& seen,
                           std::chrono::milliseconds grace, bool& killed) {
  killed = false;
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (run.Running() && std::chrono::steady_clock::now() < deadline) {
    if (seen()) {
      std::this_thread::sleep_for(grace);
      kill(run.pid(), SIGKILL);
      killed = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return run.Wait();
}

std::vector<std::string> ExpectedRejectKeysBefore(const json& expectation,
                                                  int64_t end_row) {
  json before = json::object();
  before["rejects"] = json::array();
  for (const json& reject : expectation.at("rejects")) {
    if (reject.at("row").get<int64_t>() < end_row) {
      before["rejects"].push_back(reject);
    }
  }
  return ExpectedRejectKeys(before);
}

::testing::AssertionResult WholeJsonLines(const std::string& text) {
  if (!text.empty() && text.back() != '\n') {
    return ::testing::AssertionFailure()
           << "ends mid-line: ..."
           << text.substr(text.size() - std::min<size_t>(text.size(), 80));
  }
  for (const std::string& line : Lines(text)) {
    json value = json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!value.is_object()) {
      return ::testing::AssertionFailure() << "not a JSON object: " << line;
    }
  }
  return ::testing::AssertionSuccess();
}

std::optional<int64_t> ChunksInStopLine(const std::string& stderr_text) {
  static const std::regex kStop(
      R"(jao-ingest: interrupted by SIG(INT|TERM): (\d+) chunks \(\d+ rows\) )"
      R"(committed; .*)");
  std::optional<int64_t> chunks;
  int found = 0;
  for (const std::string& line : Lines(stderr_text)) {
    std::smatch match;
    if (std::regex_match(line, match, kStop)) {
      ++found;
      chunks = std::stoll(match[2].str());
    }
  }
  if (found != 1) return std::nullopt;
  return chunks;
}

std::vector<std::string> SqliteIntegrityCheck(const std::string& path) {
  std::unique_ptr<DatabaseReader> reader = OpenSqliteReader(path);
  std::vector<std::string> rows;
  for (const json& row :
       reader->Select({{"r", "integrity_check", CellKind::kText}},
                      "pragma_integrity_check")) {
    rows.push_back(row.at("r").get<std::string>());
  }
  return rows;
}

}  // namespace jao::e2e
