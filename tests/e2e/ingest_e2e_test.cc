// End to end: jao-ingest on generated legacy files, against SQLite and
// PostgreSQL with the same expectations, computed independently by
// fixtures/expect-ingest.mjs (DuckDB + the spec's rules in plain JS).
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "e2e/db_dump_support.h"
#include "e2e/expectation_match_support.h"
#include "e2e/fixture_cache_support.h"
#include "e2e/ingest_run_support.h"
#include "e2e/process_support.h"

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

// Issue 21, item 4: unsigned integer columns are read as unsigned. Old code
// read a UINT64 number_of_applications of 2^64-1 and a UINT32 statistic of
// 4294967295 as -1, the "absent" sentinel, and stored those rows (applications
// NULL, no gender row); a UINT32 vacancy_id of 4294967295 was rejected as -1.
//
// tests/e2e/data/unsigned-legacy.parquet, written by DuckDB 1.5.6
// (fixtures/node_modules/@duckdb/node-api), which writes UINTEGER as INT32
// UINT_32 and UBIGINT as INT64 UINT_64, the legacy converted types:
//   COPY (SELECT * FROM (VALUES
//     (1::UINTEGER, 18446744073709551615::UBIGINT, 50::UINTEGER),
//     (2::UINTEGER, 3::UBIGINT, 4294967295::UINTEGER),
//     (4294967295::UINTEGER, 4::UBIGINT, 10::UINTEGER),
//     (3::UINTEGER, 2147483647::UBIGINT, 100::UINTEGER),
//     (4::UINTEGER, NULL::UBIGINT, NULL::UINTEGER))
//     t(vacancy_id, number_of_applications, gender__Female)
//   CROSS JOIN (SELECT TIMESTAMP '2024-01-02 03:04:05' AS row_last_updated,
//     'Analyst' AS vacancy_title, 'desc' AS job_description,
//     'sum' AS job_summary, '25000' AS salary_minimum,
//     30000.0::DOUBLE AS salary_maximum_optional,
//     TIMESTAMP '2024-01-01 00:00:00' AS live_date,
//     TIMESTAMP '2024-02-01 00:00:00' AS closing_date))
//   TO 'unsigned-legacy.parquet' (FORMAT parquet)
// Expected: the spec's ranges (../shared/spec/legacy-parquet.md): an id is
// 1..2^31-1, a count at most 2147483647, a percent 0..100; only -1 is the
// sentinel.
std::string UnsignedFile() {
  return std::string(JAO_SOURCE_DIR) +
         "/tests/e2e/data/unsigned-legacy.parquet";
}

std::vector<json> JsonLines(const std::string& text) {
  std::vector<json> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(json::parse(line));
  return lines;
}

TEST_P(IngestRuns, UnsignedOutOfRangeValuesAreRejectedWithTheirUnsignedValue) {
  ProcessResult run =
      Ingest({UnsignedFile(), "--rejects", TempPath("rejects.jsonl")});
  ASSERT_EQ(run.exit_code, 0) << run.err;

  std::vector<json> rejects =
      JsonLines(ReadFileText(TempPath("rejects.jsonl")));
  ASSERT_EQ(rejects.size(), 3u) << ReadFileText(TempPath("rejects.jsonl"));
  EXPECT_EQ(rejects[0]["row"], 0);
  EXPECT_EQ(rejects[0]["column"], "number_of_applications");
  EXPECT_EQ(rejects[0]["value"].dump(), "18446744073709551615");
  EXPECT_EQ(rejects[0]["reason"], "count above 2147483647");
  EXPECT_EQ(rejects[1]["row"], 1);
  EXPECT_EQ(rejects[1]["column"], "gender__Female");
  EXPECT_EQ(rejects[1]["value"].dump(), "4294967295");
  EXPECT_EQ(rejects[1]["reason"], "percent outside 0..100");
  EXPECT_EQ(rejects[2]["row"], 2);
  EXPECT_EQ(rejects[2]["column"], "vacancy_id");
  EXPECT_EQ(rejects[2]["value"].dump(), "4294967295");
  EXPECT_EQ(rejects[2]["vacancy_id"].dump(), "4294967295");
  EXPECT_EQ(rejects[2]["reason"], "vacancy_id outside 1..2147483647");

  json tables = Dump();
  EXPECT_EQ(PresentIds(), (std::vector<int64_t>{3, 4}));
  const json& counts = tables["application_statistics_vacancystatistic"];
  ASSERT_EQ(counts.size(), 2u) << counts.dump();
  EXPECT_EQ(counts[0]["vacancy_id"], 3);
  EXPECT_EQ(counts[0]["total_applications"], 2147483647);
  EXPECT_EQ(counts[1]["vacancy_id"], 4);
  EXPECT_TRUE(counts[1]["total_applications"].is_null()) << counts.dump();
  const json& gender = tables["application_statistics_genderstatistic"];
  ASSERT_EQ(gender.size(), 1u) << gender.dump();
  EXPECT_EQ(gender[0]["vacancy_id"], 3);
  EXPECT_EQ(gender[0]["percent_applications"], "100.00");
}

INSTANTIATE_TEST_SUITE_P(
    E2e, IngestRuns, ::testing::Values(Backend::kSqlite, Backend::kPostgresql),
    [](const auto& instance) { return BackendName(instance.param); });

}  // namespace
}  // namespace jao::e2e
