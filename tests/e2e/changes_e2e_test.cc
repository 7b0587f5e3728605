// End to end, issue 23: what `jao-ingest changes` says an embedder must
// re-embed, on SQLite and PostgreSQL. The bundled sample is loaded, then a
// later export of it (fixtures/later-export.mjs) in which disjoint groups of
// vacancies change only the description, only the title, only statistics,
// only the version, nothing, twice in one run, or are new. The expected line
// of every vacancy (change, text_changed, fields, last_updated) comes from
// what the script changed; the base run's lines from the sample as
// fixtures/expect-ingest.mjs reads it (DuckDB + the spec's rules).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "e2e/fixture_cache_support.h"
#include "e2e/ingest_run_support.h"
#include "e2e/process_support.h"

namespace jao::e2e {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

const std::vector<std::string> kAllFields = {
    "title",      "summary",      "description", "last_updated",
    "live_date",  "closing_date", "min_salary",  "max_salary",
    "department", "grades",       "role_types",  "statistics"};

std::string SampleFile() {
  return FixturesDir() + "/sample/vacancies-sample.parquet";
}

std::vector<json> JsonLines(const std::string& text) {
  std::vector<json> lines;
  for (const std::string& line : Lines(text)) {
    lines.push_back(json::parse(line));
  }
  return lines;
}

// Django's SQLite datetime text (expect-ingest.mjs) as the feed writes it:
// "2024-01-02 03:04:05[.5]" -> "2024-01-02T03:04:05.500000Z".
std::string IsoMicros(const std::string& django) {
  std::string whole = django.substr(0, 19);
  std::string fraction = django.size() > 20 ? django.substr(20) : std::string();
  fraction.resize(6, '0');
  whole[10] = 'T';
  return whole + "." + fraction + "Z";
}

// A JSON value as its CSV cell: null empty.
std::string CsvText(const json& value) {
  return value.is_null() ? "" : value.get<std::string>();
}

// The CSV line of a JSON change line.
std::string CsvOf(const json& line) {
  std::string fields;
  for (const json& field : line.at("fields")) {
    if (!fields.empty()) fields += ';';
    fields += field.get<std::string>();
  }
  return std::to_string(line.at("run_id").get<int64_t>()) + "," +
         std::to_string(line.at("vacancy_id").get<int64_t>()) + "," +
         line.at("change").get<std::string>() + "," +
         (line.at("text_changed").get<bool>() ? "true" : "false") + "," +
         fields + "," + CsvText(line.at("last_updated"));
}

class ChangeFeed : public IngestRunTest,
                   public ::testing::WithParamInterface<Backend> {
 protected:
  void SetUp() override {
    StartWith(GetParam());
    if (IsSkipped()) return;
    later_ = LaterExportOf(SampleFile());
  }

  // `changes ARGS...`, expected to succeed.
  ProcessResult ChangesOk(const std::vector<std::string>& args) {
    ProcessResult result = Changes(args);
    EXPECT_EQ(result.exit_code, 0) << CommandLine(args) << ": " << result.err;
    return result;
  }

  // Ingests `file` (extra ARGS appended); the id of the run it made.
  int64_t IngestRun(const std::string& file,
                    const std::vector<std::string>& args = {}) {
    std::vector<std::string> argv = {file, "--quiet"};
    argv.insert(argv.end(), args.begin(), args.end());
    ProcessResult run = Ingest(argv);
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return LastRunId();
  }

  int64_t LastRunId() const {
    return db_->Reader()
        ->Select({{"id", "max(id)", CellKind::kInteger}}, "jao_ingest_run")
        .at(0)
        .at("id")
        .get<int64_t>();
  }

  // Runs `sql` on the database through a connection of the test's own.
  void Execute(const std::string& sql) {
    if (db_->backend() == Backend::kSqlite) {
      sqlite3* db = nullptr;
      ASSERT_EQ(sqlite3_open(db_->name().c_str(), &db), SQLITE_OK);
      char* error = nullptr;
      const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
      EXPECT_EQ(rc, SQLITE_OK) << sql << ": " << (error ? error : "");
      sqlite3_free(error);
      sqlite3_close(db);
      return;
    }
    PGconn* connection = PQconnectdb(db_->DbArgument().c_str());
    ASSERT_EQ(PQstatus(connection), CONNECTION_OK)
        << PQerrorMessage(connection);
    PGresult* result = PQexec(connection, sql.c_str());
    EXPECT_EQ(PQresultStatus(result), PGRES_COMMAND_OK)
        << sql << ": " << PQerrorMessage(connection);
    PQclear(result);
    PQfinish(connection);
  }

  // Each line of `lines` is the expected line of its vacancy in run
  // `run_id`, and every expected vacancy has exactly one line.
  void ExpectLaterRunLines(const std::vector<json>& lines, int64_t run_id) {
    const json& expected = later_.expected.at("vacancies");
    std::set<std::string> seen;
    for (const json& line : lines) {
      const std::string id =
          std::to_string(line.at("vacancy_id").get<int64_t>());
      EXPECT_TRUE(seen.insert(id).second) << "a second line: " << line;
      EXPECT_EQ(line.at("run_id"), run_id) << line;
      if (!expected.contains(id)) {
        ADD_FAILURE() << "a line for a vacancy the export left as it was: "
                      << line;
        continue;
      }
      const json& want = expected.at(id);
      const std::string group = want.at("group").get<std::string>();
      EXPECT_EQ(line.at("change"), want.at("change")) << group << ": " << line;
      EXPECT_EQ(line.at("text_changed"), want.at("text_changed"))
          << group << ": " << line;
      EXPECT_EQ(line.at("fields"), want.at("fields")) << group << ": " << line;
      EXPECT_EQ(line.at("last_updated"), want.at("last_updated"))
          << group << ": " << line;
    }
    for (const auto& [id, want] : expected.items()) {
      EXPECT_EQ(seen.count(id), 1u)
          << "no line for vacancy " << id << " (" << want.at("group") << ")";
    }
  }

  // The base run's lines: every vacancy the sample stores, inserted, all
  // fields, at its stored version (the first few lines that differ shown).
  void ExpectBaseRunLines(const std::vector<json>& lines, int64_t run_id) {
    const json state = ExpectedState({SampleFile()});
    std::map<int64_t, json> stored;
    for (const json& vacancy : state.at("tables").at("vacancies_vacancy")) {
      stored[vacancy.at("id").get<int64_t>()] =
          IsoMicros(vacancy.at("last_updated").get<std::string>());
    }
    ASSERT_FALSE(stored.empty());
    std::set<int64_t> fed;
    std::vector<std::string> wrong;
    for (const json& line : lines) {
      const int64_t id = line.at("vacancy_id").get<int64_t>();
      const json want = {
          {"run_id", run_id},
          {"vacancy_id", id},
          {"change", "inserted"},
          {"text_changed", true},
          {"fields", kAllFields},
          {"last_updated",
           stored.count(id) != 0 ? stored.at(id) : json("(not stored)")}};
      if (!fed.insert(id).second) wrong.push_back("again: " + line.dump());
      if (line != want) {
        wrong.push_back(line.dump() + " instead of " + want.dump());
      }
    }
    std::string shown;
    for (size_t i = 0; i < wrong.size() && i < 5; ++i) {
      shown += "\n  " + wrong[i];
    }
    EXPECT_TRUE(wrong.empty())
        << wrong.size() << " base run lines wrong:" << shown;
    std::set<int64_t> expected_ids;
    for (const auto& [id, version] : stored) expected_ids.insert(id);
    EXPECT_EQ(fed.size(), expected_ids.size());
    EXPECT_TRUE(fed == expected_ids) << "the base run names other vacancies";
  }

  // The ids of the groups whose text changed (new vacancies included).
  std::set<int64_t> TextChangedIds() const {
    std::set<int64_t> ids;
    for (const auto& [group, spec] : later_.expected.at("groups").items()) {
      if (spec.at("text_changed") != true) continue;
      for (const json& id : spec.at("ids")) ids.insert(id.get<int64_t>());
    }
    return ids;
  }

  LaterExport later_;
};

TEST_P(ChangeFeed, EachLineOfTheLaterRunSaysWhatItsGroupChanged) {
  const int64_t base = IngestRun(SampleFile());
  const int64_t later = IngestRun(later_.file);
  ASSERT_EQ(later, base + 1);

  ProcessResult feed = ChangesOk({"--since", std::to_string(base)});

  EXPECT_EQ(feed.err, "");
  const std::vector<json> lines = JsonLines(feed.out);
  ExpectLaterRunLines(lines, later);
  ExpectBaseRunLines(
      JsonLines(
          ChangesOk({"--since", "0", "--until", std::to_string(base)}).out),
      base);
}

TEST_P(ChangeFeed, TextChangedListsTheNewVacanciesAndTheTextGroupsOnly) {
  const int64_t base = IngestRun(SampleFile());
  IngestRun(later_.file);
  const std::vector<std::string> all =
      Lines(ChangesOk({"--since", std::to_string(base)}).out);

  ProcessResult text =
      ChangesOk({"--since", std::to_string(base), "--text-changed"});

  std::set<int64_t> ids;
  for (const json& line : JsonLines(text.out)) {
    ids.insert(line.at("vacancy_id").get<int64_t>());
  }
  EXPECT_EQ(ids, TextChangedIds());
  // The same lines as without the option, in the same order.
  std::vector<std::string> kept;
  for (const std::string& line : all) {
    if (json::parse(line).at("text_changed") == true) kept.push_back(line);
  }
  EXPECT_EQ(Lines(text.out), kept);
}

TEST_P(ChangeFeed, DistinctGivesOneLinePerVacancyOverBothRuns) {
  const int64_t base = IngestRun(SampleFile());
  const int64_t later = IngestRun(later_.file);
  const json& expected = later_.expected.at("vacancies");

  ProcessResult distinct = ChangesOk({"--since", "0", "--distinct"});

  std::set<int64_t> ids;
  for (const json& line : JsonLines(distinct.out)) {
    const int64_t id = line.at("vacancy_id").get<int64_t>();
    EXPECT_TRUE(ids.insert(id).second) << "a second line: " << line;
    // Every vacancy was inserted in the range: its text changed, all fields.
    EXPECT_EQ(line.at("text_changed"), true) << line;
    EXPECT_EQ(line.at("fields"), json(kAllFields)) << line;
    const std::string key = std::to_string(id);
    if (expected.contains(key)) {
      EXPECT_EQ(line.at("run_id"), later) << line;
      EXPECT_EQ(line.at("change"), expected.at(key).at("change")) << line;
      EXPECT_EQ(line.at("last_updated"), expected.at(key).at("last_updated"))
          << line;
    } else {
      EXPECT_EQ(line.at("run_id"), base) << line;
      EXPECT_EQ(line.at("change"), "inserted") << line;
    }
  }
  const std::vector<int64_t> present = PresentIds();
  EXPECT_EQ(ids, std::set<int64_t>(present.begin(), present.end()));
}

TEST_P(ChangeFeed, CsvCarriesTheSameLines) {
  const int64_t base = IngestRun(SampleFile());
  IngestRun(later_.file);
  const std::vector<json> lines =
      JsonLines(ChangesOk({"--since", std::to_string(base)}).out);
  ASSERT_FALSE(lines.empty());

  ProcessResult csv =
      ChangesOk({"--since", std::to_string(base), "--format", "csv"});

  std::vector<std::string> expected = {
      "run_id,vacancy_id,change,text_changed,fields,last_updated"};
  for (const json& line : lines) expected.push_back(CsvOf(line));
  EXPECT_EQ(Lines(csv.out), expected);
}

TEST_P(ChangeFeed, SincePastTheLastRunPrintsNothingAndOneNote) {
  IngestRun(SampleFile());
  const int64_t later = IngestRun(later_.file);

  for (int64_t since : {later, later + 10}) {
    ProcessResult past = ChangesOk({"--since", std::to_string(since)});
    EXPECT_EQ(past.out, "") << since;
    EXPECT_EQ(Lines(past.err).size(), 1u) << since << ": " << past.err;
    ProcessResult quiet =
        ChangesOk({"--since", std::to_string(since), "--quiet"});
    EXPECT_EQ(quiet.out, "") << since;
    EXPECT_EQ(quiet.err, "") << since;
  }
}

TEST_P(ChangeFeed, PruningTheBaseRunLeavesTheLaterRunsLines) {
  const int64_t base = IngestRun(SampleFile());
  IngestRun(later_.file);
  const std::string since_base =
      ChangesOk({"--since", std::to_string(base)}).out;
  const size_t base_rows =
      Lines(ChangesOk({"--since", "0", "--until", std::to_string(base)}).out)
          .size();
  ASSERT_GT(base_rows, 0u);

  ProcessResult prune = ChangesOk({"--prune-through", std::to_string(base)});

  EXPECT_EQ(prune.out, "");
  EXPECT_EQ(Lines(prune.err).size(), 1u) << prune.err;
  EXPECT_THAT(prune.err, HasSubstr("deleted " + std::to_string(base_rows) +
                                   " change rows"));
  EXPECT_EQ(ChangesOk({"--since", std::to_string(base)}).out, since_base);
  EXPECT_EQ(ChangesOk({"--since", "0"}).out, since_base);
  EXPECT_EQ(ChangesOk({"--since", "0", "--until", std::to_string(base)}).out,
            "");
  ProcessResult again = ChangesOk({"--prune-through", std::to_string(base)});
  EXPECT_THAT(again.err, HasSubstr("deleted 0 change rows"));
}

TEST_P(ChangeFeed, PruningThroughAnOpenRunIsRefused) {
  const int64_t base = IngestRun(SampleFile());
  IngestRun(later_.file);
  const std::string all = ChangesOk({"--since", "0", "--quiet"}).out;
  // A run that has started and not ended (outcome NULL), as a loading or
  // killed ingester leaves it.
  Execute(db_->backend() == Backend::kSqlite
              ? "INSERT INTO jao_ingest_run (started_at, files, tool_version) "
                "VALUES ('2026-01-01 00:00:00', '[]', 'test')"
              : "INSERT INTO jao_ingest_run (started_at, files, tool_version) "
                "VALUES (now(), '[]', 'test')");
  const int64_t open = LastRunId();
  ASSERT_GT(open, base + 1);
  ASSERT_EQ(RunOutcomes().back(), "open");

  ProcessResult prune = Changes({"--prune-through", std::to_string(open)});

  EXPECT_EQ(prune.exit_code, 1) << prune.err;
  EXPECT_EQ(prune.out, "");
  EXPECT_THAT(prune.err,
              HasSubstr("run " + std::to_string(open) + " is still open"));
  EXPECT_EQ(Lines(prune.err).size(), 1u) << prune.err;
  EXPECT_EQ(ChangesOk({"--since", "0", "--quiet"}).out, all);
}

// The same two files at three chunk sizes, each into a new database: the
// same output, in the same order, once run ids are numbered from the first
// run. The later export
// writes vacancies twice, far apart (a different chunk at 500 and 2000, one
// chunk at 5000), and so does the sample; the base is loaded chunk by chunk
// too (--no-first-load).
TEST_P(ChangeFeed, SameLinesAtEveryChunkSize) {
  for (const auto& [id, rows] : later_.expected.at("rows_of").items()) {
    for (int64_t chunk : {500, 2000}) {
      ASSERT_NE(rows.front().get<int64_t>() / chunk,
                rows.back().get<int64_t>() / chunk)
          << "vacancy " << id << " written twice within one chunk of " << chunk;
    }
  }
  ASSERT_FALSE(later_.expected.at("rows_of").empty());
  std::map<int64_t, std::set<int64_t>> base_chunks;
  const std::vector<std::optional<int64_t>> ids = VacancyIdsByRow(SampleFile());
  for (size_t row = 0; row < ids.size(); ++row) {
    if (ids[row]) base_chunks[*ids[row]].insert(row / 500);
  }
  ASSERT_TRUE(std::any_of(base_chunks.begin(), base_chunks.end(),
                          [](const auto& id) { return id.second.size() > 1; }))
      << "the sample holds no vacancy twice in two chunks of 500";

  std::map<int64_t, std::string> feeds;
  for (int64_t chunk : {500, 2000, 5000}) {
    SCOPED_TRACE("--chunk-size " + std::to_string(chunk));
    const std::string folder = TempPath("chunk" + std::to_string(chunk));
    std::filesystem::create_directories(folder);
    db_ = std::make_unique<TargetDatabase>(GetParam(), folder);
    const std::string size = std::to_string(chunk);
    const int64_t base =
        IngestRun(SampleFile(), {"--chunk-size", size, "--no-first-load"});
    const int64_t later = IngestRun(later_.file, {"--chunk-size", size});

    const std::vector<json> lines = JsonLines(ChangesOk({"--since", "0"}).out);

    std::vector<json> base_lines, later_lines;
    std::vector<std::string> numbered;
    for (const json& line : lines) {
      const int64_t run = line.at("run_id").get<int64_t>();
      (run == base ? base_lines : later_lines).push_back(line);
      json copy = line;
      copy["run_id"] = run - base + 1;
      numbered.push_back(copy.dump());
    }
    ExpectBaseRunLines(base_lines, base);
    ExpectLaterRunLines(later_lines, later);
    std::string text;
    for (const std::string& line : numbered) text += line + "\n";
    feeds[chunk] = text;
  }
  EXPECT_EQ(feeds[500], feeds[5000]);
  EXPECT_EQ(feeds[2000], feeds[5000]);
}

INSTANTIATE_TEST_SUITE_P(
    E2e, ChangeFeed, ::testing::Values(Backend::kSqlite, Backend::kPostgresql),
    [](const auto& instance) { return BackendName(instance.param); });

}  // namespace
}  // namespace jao::e2e
