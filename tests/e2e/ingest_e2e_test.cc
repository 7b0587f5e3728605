// End to end: jao-ingest on generated legacy files, against SQLite and
// PostgreSQL with the same expectations, computed independently by
// fixtures/expect-ingest.mjs (DuckDB + the spec's rules in plain JS).
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "e2e/db_dump_support.h"
#include "e2e/expectation_match_support.h"
#include "e2e/fixture_cache_support.h"
#include "e2e/ingest_run_support.h"

namespace jao::e2e {
namespace {

using nlohmann::json;

enum class InputFile { kBase, kStringTimestamps, kListGrades };

std::string PathOf(InputFile file) {
  switch (file) {
    case InputFile::kBase:
      return BaseFile();
    case InputFile::kStringTimestamps:
      return StringTimestampsFile();
    case InputFile::kListGrades:
      return ListGradesFile();
  }
  return "";
}

std::string NameOf(InputFile file) {
  switch (file) {
    case InputFile::kBase:
      return "nanos_snappy";
    case InputFile::kStringTimestamps:
      return "strings_zstd";
    case InputFile::kListGrades:
      return "lists_micros";
  }
  return "";
}

class IngestOneFile
    : public IngestRunTest,
      public ::testing::WithParamInterface<std::tuple<Backend, InputFile>> {
 protected:
  void SetUp() override { StartWith(std::get<0>(GetParam())); }
};

TEST_P(IngestOneFile, FillsEveryTableAsExpectedAndReportsTheExpectedRejects) {
  std::string file = PathOf(std::get<1>(GetParam()));
  json expected = ExpectedState({file});
  ASSERT_FALSE(expected["rejects"].empty()) << "the file should have rejects";

  ProcessResult run = Ingest({file, "--rejects", TempPath("rejects.jsonl"),
                              "--summary-json", TempPath("summary.json")});

  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(TablesEqual(Dump(), expected["tables"]));
  EXPECT_EQ(RejectFileKeys(ReadFileText(TempPath("rejects.jsonl"))),
            ExpectedRejectKeys(expected));
  json summary = ReadJson(TempPath("summary.json"));
  ASSERT_TRUE(summary.is_object()) << "no summary json";
  EXPECT_TRUE(CountsEqual(summary["tables"], SummedCounts(expected, 0, 1)));
}

INSTANTIATE_TEST_SUITE_P(
    E2e, IngestOneFile,
    ::testing::Combine(
        ::testing::Values(Backend::kSqlite, Backend::kPostgresql),
        ::testing::Values(InputFile::kBase, InputFile::kStringTimestamps,
                          InputFile::kListGrades)),
    [](const auto& instance) {
      return BackendName(std::get<0>(instance.param)) + "_" +
             NameOf(std::get<1>(instance.param));
    });

class IngestRuns : public IngestRunTest,
                   public ::testing::WithParamInterface<Backend> {
 protected:
  void SetUp() override { StartWith(GetParam()); }
};

TEST_P(IngestRuns, SecondIngestOfTheSameFileChangesNothing) {
  ProcessResult first = Ingest({BaseFile()});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  json before = Dump();

  ProcessResult second =
      Ingest({BaseFile(), "--summary-json", TempPath("summary.json")});

  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_TRUE(TablesEqual(Dump(), before));
  json summary = ReadJson(TempPath("summary.json"));
  ASSERT_TRUE(summary.is_object()) << "no summary json";
  int64_t valid_rows = summary["files"][0]["rows_valid"].get<int64_t>();
  EXPECT_GT(valid_rows, 0);
  for (const auto& [table, counts] : summary["tables"].items()) {
    EXPECT_EQ(counts["inserted"], 0) << table;
    EXPECT_EQ(counts["updated"], 0) << table;
    EXPECT_EQ(counts["deleted"], 0) << table;
  }
  // Every valid row is skipped: as an in-chunk duplicate or as not newer.
  EXPECT_EQ(summary["tables"]["vacancies_vacancy"]["skipped"], valid_rows);
}

TEST_P(IngestRuns, LaterExportUpdatesOnlyStrictlyNewerVersions) {
  json expected = ExpectedState({BaseFile(), LaterFile()});
  const json& later_counts =
      expected["counts"][1]["counts"]["vacancies_vacancy"];
  // The later export must exercise insert, update and skip (older / equal).
  ASSERT_GT(later_counts["inserted"].get<int64_t>(), 0);
  ASSERT_GT(later_counts["updated"].get<int64_t>(), 0);
  ASSERT_GT(later_counts["skipped"].get<int64_t>(), 0);
  ProcessResult first = Ingest({BaseFile()});
  ASSERT_EQ(first.exit_code, 0) << first.err;

  ProcessResult later =
      Ingest({LaterFile(), "--summary-json", TempPath("later.json")});

  ASSERT_EQ(later.exit_code, 0) << later.err;
  EXPECT_TRUE(TablesEqual(Dump(), expected["tables"]));
  json summary = ReadJson(TempPath("later.json"));
  ASSERT_TRUE(summary.is_object()) << "no summary json";
  EXPECT_TRUE(CountsEqual(summary["tables"], SummedCounts(expected, 1, 2)));
}

TEST_P(IngestRuns, SmallChunksGiveTheSameFinalState) {
  json expected = ExpectedState({BaseFile(), LaterFile()});
  json expected_counts = ExpectedState({BaseFile(), LaterFile()}, 300);
  // The expectation itself: chunking changes counts, never the final state.
  ASSERT_EQ(expected_counts["tables"], expected["tables"]);

  ProcessResult first = Ingest({BaseFile(), "--chunk-size", "300",
                                "--summary-json", TempPath("first.json")});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  ProcessResult later = Ingest({LaterFile(), "--chunk-size", "300",
                                "--summary-json", TempPath("later.json")});
  ASSERT_EQ(later.exit_code, 0) << later.err;

  EXPECT_TRUE(TablesEqual(Dump(), expected["tables"]));
  EXPECT_TRUE(CountsEqual(ReadJson(TempPath("first.json"))["tables"],
                          SummedCounts(expected_counts, 0, 1)));
  EXPECT_TRUE(CountsEqual(ReadJson(TempPath("later.json"))["tables"],
                          SummedCounts(expected_counts, 1, 2)));
}

TEST_P(IngestRuns, DryRunValidatesAndCountsButWritesNothing) {
  json expected = ExpectedState({BaseFile()});

  // Small chunks: a dry run drops each chunk as soon as it is validated,
  // so a new row group's dictionary can be allocated at the freed address
  // of the last one; a cache keyed by that address must not be fooled.
  ProcessResult run = Ingest({BaseFile(), "--dry-run", "--chunk-size", "300",
                              "--rejects", TempPath("rejects.jsonl"),
                              "--summary-json", TempPath("summary.json")});

  ASSERT_EQ(run.exit_code, 0) << run.err;
  if (GetParam() == Backend::kSqlite) {
    EXPECT_FALSE(std::filesystem::exists(db_->name()));
  } else {
    EXPECT_FALSE(HasAnyJaoTable(*db_->Reader()));
  }
  EXPECT_EQ(RejectFileKeys(ReadFileText(TempPath("rejects.jsonl"))),
            ExpectedRejectKeys(expected));
  json summary = ReadJson(TempPath("summary.json"));
  ASSERT_TRUE(summary.is_object()) << "no summary json";
  EXPECT_EQ(summary["rows_read"], expected["inputs"][0]["rows"]);
  EXPECT_EQ(summary["rows_rejected"], expected["rejects"].size());
}

INSTANTIATE_TEST_SUITE_P(
    E2e, IngestRuns, ::testing::Values(Backend::kSqlite, Backend::kPostgresql),
    [](const auto& instance) { return BackendName(instance.param); });

}  // namespace
}  // namespace jao::e2e
