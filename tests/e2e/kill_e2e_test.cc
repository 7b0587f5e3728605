// End to end: jao-ingest killed (SIGKILL, no chance to clean up) at 20
// points spread over a run, on SQLite and PostgreSQL, then run again to
// completion: the final database equals the independent expectation of a
// clean run, and SQLite's integrity check passes.
//
// The runs form a chain: each one starts where the database stands and is
// killed once the database holds a target number of chunks (targets spread
// over the first two thirds of the file, a few hundred microseconds after
// the target is seen so that kills land at different phases of a chunk).
// A run killed before it reaches the committed part is killed while
// starting, re-reading or skipping chunks already there: kill points too.
// After every kill: whole chunks only, a sound SQLite file, and a rejects
// file of whole JSON lines in row order holding the rejects of the chunks
// the killed run committed. After the rerun, the change feed over all the
// runs (`jao-ingest changes --since 0`) names exactly the vacancies in the
// table, read back independently: a vacancy row and its change row commit
// together, so no kill loses one; every killed run is 'abandoned'; and each
// line's text_changed is right against the state before its run (the
// expected states after each kill's committed chunks and after the rerun).
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "e2e/expectation_match_support.h"
#include "e2e/fixture_cache_support.h"
#include "e2e/ingest_run_support.h"
#include "e2e/interrupted_run_support.h"

namespace jao::e2e {
namespace {

using nlohmann::json;

constexpr int kKillPoints = 20;
constexpr int64_t kChunk = 50;

// The number of vacancies present once the first `chunks` chunks committed.
int64_t VacanciesAfter(const std::vector<std::optional<int64_t>>& ids_by_row,
                       const std::set<int64_t>& rejected_rows, int64_t chunks) {
  std::set<int64_t> loaded;
  const int64_t end = std::min<int64_t>(
      chunks * kChunk, static_cast<int64_t>(ids_by_row.size()));
  for (int64_t row = 0; row < end; ++row) {
    if (rejected_rows.count(row) == 0 && ids_by_row[row]) {
      loaded.insert(*ids_by_row[row]);
    }
  }
  return static_cast<int64_t>(loaded.size());
}

// "2023-04-01 09:30:00[.ffffff]" or "2023-04-01T09:30:00.123456Z" as
// "20230401093000123456": the expectation's and the feed's spelling of one
// instant compare equal.
std::string Micros(const std::string& datetime) {
  std::string digits, fraction;
  bool in_fraction = false;
  for (char c : datetime) {
    if (c == '.') in_fraction = true;
    if (c < '0' || c > '9') continue;
    (in_fraction ? fraction : digits) += c;
  }
  fraction.resize(6, '0');
  return digits + fraction;
}

// Each vacancy version of `states` (expect-ingest documents), as (id,
// Micros(last_updated)) -> its stored title, summary and description.
using TextByVersion = std::map<std::pair<int64_t, std::string>, std::string>;
void AddTexts(const json& state, TextByVersion& texts) {
  for (const json& row : state.at("tables").at("vacancies_vacancy")) {
    const std::string text = row.at("title").dump() + "|" +
                             row.at("summary").dump() + "|" +
                             row.at("description").dump();
    const auto key =
        std::make_pair(row.at("id").get<int64_t>(),
                       Micros(row.at("last_updated").get<std::string>()));
    const auto [it, added] = texts.emplace(key, text);
    EXPECT_TRUE(added || it->second == text)
        << "vacancy " << key.first << " at " << key.second
        << " has two texts in the expected states";
  }
}

// Whether `keys` is the start of `all`.
bool IsPrefix(const std::vector<std::string>& keys,
              const std::vector<std::string>& all) {
  return keys.size() <= all.size() &&
         std::equal(keys.begin(), keys.end(), all.begin());
}

class KilledRun : public IngestRunTest,
                  public ::testing::WithParamInterface<Backend> {
 protected:
  void SetUp() override { StartWith(GetParam()); }

  // The feed over every run against the vacancy table, and the runs'
  // outcomes: the killed ones abandoned (the rerun proved them dead), the
  // rerun completed.
  void ExpectFeedNamesEveryVacancy() {
    const std::set<int64_t> fed = FeedVacancyIds();
    const std::vector<int64_t> present = PresentIds();
    EXPECT_EQ(fed, std::set<int64_t>(present.begin(), present.end()))
        << fed.size() << " vacancies in the feed, " << present.size()
        << " in the table";
    std::vector<std::string> outcomes = RunOutcomes();
    ASSERT_FALSE(outcomes.empty());
    EXPECT_EQ(outcomes.back(), "completed");
    outcomes.pop_back();
    for (const std::string& outcome : outcomes) EXPECT_EQ(outcome, "abandoned");
  }

  // Issue 23: every line's text_changed, from the expectation. A line's
  // last_updated is the version its run left, so it names that version's
  // text in the expected state after the run (a killed run's committed
  // chunks: the file's prefix of `whole` chunks; the rerun: the whole
  // file); the text changed when it differs from the vacancy's previous
  // line's, and always for 'inserted'.
  void ExpectTextChangedOfEveryLine(const std::string& file,
                                    const std::vector<int64_t>& wholes,
                                    const json& final_state) {
    TextByVersion texts;
    AddTexts(final_state, texts);
    for (int64_t whole : std::set<int64_t>(wholes.begin(), wholes.end())) {
      if (whole == 0) continue;
      AddTexts(ExpectedState({FilePrefix(file, whole * kChunk)}, kChunk),
               texts);
    }
    ProcessResult feed = Changes({"--since", "0"});
    ASSERT_EQ(feed.exit_code, 0) << feed.err;
    std::map<int64_t, std::string> previous_text;
    int lines = 0, updated = 0, unchanged_text = 0, wrong = 0;
    std::istringstream in(feed.out);
    for (std::string line; std::getline(in, line);) {
      const json change = json::parse(line);
      const int64_t id = change.at("vacancy_id").get<int64_t>();
      const auto text = texts.find(
          {id, Micros(change.at("last_updated").get<std::string>())});
      ASSERT_NE(text, texts.end())
          << "no expected state holds the version of " << line;
      const bool inserted = change.at("change") == "inserted";
      const auto previous = previous_text.find(id);
      const bool expected = inserted || previous == previous_text.end() ||
                            previous->second != text->second;
      ++lines;
      updated += inserted ? 0 : 1;
      unchanged_text += expected ? 0 : 1;
      if (change.at("text_changed").get<bool>() != expected && ++wrong <= 5) {
        ADD_FAILURE() << "text_changed should be " << expected << ": " << line;
      }
      previous_text[id] = text->second;
    }
    EXPECT_EQ(wrong, 0) << "lines with a wrong text_changed";
    RecordProperty("feed_lines", lines);
    RecordProperty("updated_lines", updated);
    RecordProperty("lines_with_unchanged_text", unchanged_text);
    // The file writes vacancies twice in different chunks: some lines are
    // updates, compared with an earlier run's or chunk's text.
    EXPECT_GT(updated, 0);
  }
};

TEST_P(KilledRun, TwentyKillsThenARerunEndInTheStateOfACleanRun) {
  std::string file = ManyChunksFile();
  json expected = ExpectedState({file});
  std::vector<std::optional<int64_t>> ids = VacancyIdsByRow(file);
  std::set<int64_t> rejected = RejectedRows(expected);
  const std::vector<std::string> all_rejects = ExpectedRejectKeys(expected);
  const int64_t chunks =
      (static_cast<int64_t>(ids.size()) + kChunk - 1) / kChunk;
  std::vector<std::string> args = {file, "--chunk-size", std::to_string(kChunk),
                                   "--rejects", TempPath("rejects.jsonl")};
  // A first load into empty tables is one transaction committed at the end
  // (killed in pg_first_load_e2e_test and sqlite_first_load_e2e_test); this
  // test watches chunks commit one by one, so it takes the chunked path.
  args.push_back("--no-first-load");
  CommitWatcher watcher(*db_);
  std::vector<int64_t> committed_at_kill;
  int64_t previous_whole = 0;

  for (int point = 0; point < kKillPoints; ++point) {
    // Point 0 waits for nothing: killed while starting, before any commit.
    const int64_t target_chunks = point * (2 * chunks / 3) / kKillPoints;
    const int64_t target = VacanciesAfter(ids, rejected, target_chunks);
    std::unique_ptr<ChildProcess> run =
        StartIngest(args, "run" + std::to_string(point));
    while (run->Running() && watcher.Count() < target) {
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    std::this_thread::sleep_for(std::chrono::microseconds(300 * (point % 4)));
    kill(run->pid(), SIGKILL);
    ProcessResult result = run->Wait();

    ASSERT_EQ(result.exit_code, 128 + SIGKILL)
        << "kill point " << point << " missed: the run ended first\n"
        << result.err;
    std::vector<int64_t> present = PresentIds();
    std::optional<int64_t> whole =
        WholeChunksLoaded(ids, rejected, kChunk, present);
    ASSERT_TRUE(whole.has_value())
        << "kill point " << point << ": " << present.size()
        << " vacancies present are not whole chunks";
    committed_at_kill.push_back(*whole);
    if (GetParam() == Backend::kSqlite && !present.empty()) {
      EXPECT_EQ(SqliteIntegrityCheck(db_->name()),
                std::vector<std::string>{"ok"})
          << "kill point " << point;
    }
    // The killed run's rejects: whole lines, in row order from the first,
    // none beyond the chunk after the last one committed; and every reject
    // of the chunks it committed: all chunks up to `whole` when it went
    // past the previous kill's (it re-read and committed those before).
    std::string rejects = ReadFileText(TempPath("rejects.jsonl"));
    EXPECT_TRUE(WholeJsonLines(rejects)) << "kill point " << point;
    std::vector<std::string> keys = RejectFileKeys(rejects);
    EXPECT_TRUE(IsPrefix(keys, all_rejects)) << "kill point " << point;
    EXPECT_LE(keys.size(),
              ExpectedRejectKeysBefore(expected, (*whole + 1) * kChunk).size())
        << "kill point " << point;
    if (*whole > previous_whole) {
      EXPECT_GE(keys.size(),
                ExpectedRejectKeysBefore(expected, *whole * kChunk).size())
          << "kill point " << point << ": rejects of committed chunks missing";
    }
    previous_whole = *whole;
  }
  std::string spread;
  for (int64_t k : committed_at_kill) spread += std::to_string(k) + " ";
  RecordProperty("chunks_committed_at_each_kill", spread);
  // Spread over the run: the kills did not all land at one place.
  EXPECT_GE(
      std::set<int64_t>(committed_at_kill.begin(), committed_at_kill.end())
          .size(),
      static_cast<size_t>(kKillPoints / 2))
      << "chunks committed at each kill: " << spread;
  EXPECT_LT(committed_at_kill.back(), chunks) << spread;

  ProcessResult rerun = Ingest(args);

  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_TRUE(TablesEqual(Dump(), expected["tables"]));
  EXPECT_EQ(RejectFileKeys(ReadFileText(TempPath("rejects.jsonl"))),
            all_rejects);
  if (GetParam() == Backend::kSqlite) {
    EXPECT_EQ(SqliteIntegrityCheck(db_->name()),
              std::vector<std::string>{"ok"});
  }
  ExpectFeedNamesEveryVacancy();
  ExpectTextChangedOfEveryLine(file, committed_at_kill, expected);
}

INSTANTIATE_TEST_SUITE_P(
    E2e, KilledRun, ::testing::Values(Backend::kSqlite, Backend::kPostgresql),
    [](const auto& instance) { return BackendName(instance.param); });

}  // namespace
}  // namespace jao::e2e
