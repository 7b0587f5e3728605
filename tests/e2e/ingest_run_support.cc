// See ingest_run_support.h.
#include "e2e/ingest_run_support.h"

#include <signal.h>
#include <stdlib.h>

#include <filesystem>
#include <sstream>

#include "e2e/fixture_cache_support.h"
#include "e2e/interrupted_run_support.h"

namespace jao::e2e {

namespace {
// Short descriptions keep the files, expectations and dumps small while
// still covering bbcode, multi-byte UTF-8 and both page kinds.
const std::vector<std::string> kSmallText = {"--description-bytes", "200:800"};

std::vector<std::string> With(std::vector<std::string> args,
                              const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}
}  // namespace

std::string BaseFile() {
  return GeneratedFile(
      With({"--rows", "3000", "--seed", "e2e-base", "--row-group-size", "600"},
           kSmallText));
}

std::string LaterFile() {
  return GeneratedFile(
      With({"--rows", "2000", "--seed", "e2e-later", "--row-group-size", "600",
            "--later-export-of", BaseFile()},
           kSmallText));
}

std::string StringTimestampsFile() {
  return GeneratedFile(
      With({"--rows", "1500", "--seed", "e2e-strings", "--row-group-size",
            "400", "--timestamp-kind", "string", "--salary-minimum-kind",
            "double", "--codec", "zstd"},
           kSmallText));
}

std::string ListGradesFile() {
  return GeneratedFile(
      With({"--rows", "1500", "--seed", "e2e-lists", "--row-group-size", "400",
            "--grades-kind", "list", "--timestamp-kind", "us", "--codec",
            "uncompressed"},
           kSmallText));
}

std::string BigFile() {
  return GeneratedFile({"--rows", "20000", "--seed", "e2e-big",
                        "--row-group-size", "5000", "--description-bytes",
                        "100:300"});
}

std::string ManyChunksFile() {
  return GeneratedFile({"--rows", "2000", "--seed", "e2e-kill",
                        "--row-group-size", "500", "--description-bytes",
                        "100:300"});
}

void IngestRunTest::StartWith(Backend backend, const std::string& admin_url) {
  if (std::optional<std::string> reason = SkipReason(backend);
      reason && admin_url.empty()) {
    GTEST_SKIP() << *reason;
  }
  std::string pattern =
      (std::filesystem::temp_directory_path() / "jao-e2e.XXXXXX").string();
  ASSERT_NE(mkdtemp(pattern.data()), nullptr);
  dir_ = pattern;
  db_ = std::make_unique<TargetDatabase>(backend, dir_, admin_url);
}

void IngestRunTest::TearDown() {
  db_.reset();
  if (!dir_.empty()) std::filesystem::remove_all(dir_);
}

std::vector<std::string> IngestRunTest::IngestArgv(
    const std::vector<std::string>& args, const std::string& password) const {
  std::vector<std::string> argv = {JAO_BINARY, "ingest"};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.push_back("--db");
  argv.push_back(db_->DbArgument(password));
  return argv;
}

ProcessResult IngestRunTest::Ingest(const std::vector<std::string>& args) {
  return RunProcess(IngestArgv(args), "", dir_);
}

ProcessResult IngestRunTest::Changes(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {JAO_BINARY, "changes"};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.push_back("--db");
  argv.push_back(db_->DbArgument(""));
  return RunProcess(argv, "", dir_);
}

std::set<int64_t> IngestRunTest::FeedVacancyIds() {
  ProcessResult feed = Changes({"--since", "0"});
  EXPECT_EQ(feed.exit_code, 0) << feed.err;
  std::set<int64_t> ids;
  int64_t last_run = 0;
  std::istringstream lines(feed.out);
  for (std::string line; std::getline(lines, line);) {
    nlohmann::json change = nlohmann::json::parse(line);
    EXPECT_GE(change.at("run_id").get<int64_t>(), last_run) << line;
    last_run = change.at("run_id").get<int64_t>();
    ids.insert(change.at("vacancy_id").get<int64_t>());
  }
  return ids;
}

std::vector<std::string> IngestRunTest::RunOutcomes() const {
  std::vector<std::string> outcomes;
  for (const nlohmann::json& run : db_->Reader()->Select(
           {{"outcome", "coalesce(outcome, 'open')", CellKind::kText}},
           "jao_ingest_run ORDER BY id")) {
    outcomes.push_back(run.at("outcome").get<std::string>());
  }
  return outcomes;
}

std::unique_ptr<ChildProcess> IngestRunTest::StartIngest(
    const std::vector<std::string>& args, const std::string& tag,
    const std::string& password) {
  return std::make_unique<ChildProcess>(IngestArgv(args, password), "",
                                        TempPath(tag + ".out"),
                                        TempPath(tag + ".err"));
}

int64_t IngestRunTest::CommittedVacancies() const {
  std::unique_ptr<DatabaseReader> reader = db_->Reader();
  if (!reader->HasTable("vacancies_vacancy")) return 0;
  return reader
      ->Select({{"n", "count(*)", CellKind::kInteger}}, "vacancies_vacancy")
      .at(0)
      .at("n")
      .get<int64_t>();
}

nlohmann::json IngestRunTest::Dump() const {
  return DumpTables(*db_->Reader());
}

std::vector<int64_t> IngestRunTest::PresentIds() const {
  if (db_->backend() == Backend::kSqlite &&
      !std::filesystem::exists(db_->name())) {
    return {};
  }
  return VacancyIds(*db_->Reader());
}

std::string IngestRunTest::TempPath(const std::string& name) const {
  return dir_ + "/" + name;
}

nlohmann::json IngestRunTest::ReadJson(const std::string& path) const {
  return nlohmann::json::parse(ReadFileText(path), nullptr,
                               /*allow_exceptions=*/false);
}

::testing::AssertionResult IngestRunTest::KillWhileRunning(
    const std::vector<std::string>& args, const std::function<bool()>& running,
    std::chrono::milliseconds grace) {
  std::unique_ptr<ChildProcess> run = StartIngest(args, "killed");
  bool killed = false;
  const ProcessResult result = KillOnceSeen(*run, running, grace, killed);
  if (!killed) {
    return ::testing::AssertionFailure()
           << "the run was never seen running: " << result.err;
  }
  if (result.exit_code != 128 + SIGKILL) {
    return ::testing::AssertionFailure()
           << "the run ended before the kill (exit " << result.exit_code
           << "): " << result.err;
  }
  return ::testing::AssertionSuccess();
}

}  // namespace jao::e2e
