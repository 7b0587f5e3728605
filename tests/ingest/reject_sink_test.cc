#include "ingest/reject_sink.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <fstream>
#include <iterator>

#include "common/status_matchers_support.h"

namespace jao::ingest {
namespace {

RejectedRow SalaryReject(int64_t row) {
  return RejectedRow{
      row, 17,
      Rejection{"salary_minimum", "25k", "not a plain decimal number"}};
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

class RejectSinkFile : public ::testing::Test {
 protected:
  void SetUp() override {
    char name[] = "/tmp/jao-reject-sink-XXXXXX";
    int fd = mkstemp(name);
    ASSERT_GE(fd, 0);
    close(fd);
    path_ = name;
    Result<std::unique_ptr<RejectSink>> opened = RejectSink::OpenFile(path_);
    ASSERT_THAT(opened, IsOk());
    sink_ = std::move(opened).value();
  }
  void TearDown() override { std::remove(path_.c_str()); }

  std::string path_;
  std::unique_ptr<RejectSink> sink_;
};

TEST(ChunkRejects, HoldsOneJsonObjectALineUntilTaken) {
  ChunkRejects rejects;
  rejects.Report(SalaryReject(3));
  rejects.Report(RejectedRow{
      4, std::nullopt, Rejection{"vacancy_id", nullptr, "missing vacancy_id"}});
  EXPECT_EQ(rejects.count(), 2);
  EXPECT_EQ(
      rejects.Take(),
      "{\"row\":3,\"vacancy_id\":17,\"column\":\"salary_minimum\",\"value\":"
      "\"25k\","
      "\"reason\":\"not a plain decimal number\"}\n"
      "{\"row\":4,\"vacancy_id\":null,\"column\":\"vacancy_id\",\"value\":null,"
      "\"reason\":\"missing vacancy_id\"}\n");
  EXPECT_EQ(rejects.count(), 0);
  EXPECT_EQ(rejects.Take(), "");
}

TEST(RejectLine, InvalidUtf8InAStringValueIsReplacedNotFatal) {
  std::string line = RejectLine(RejectedRow{
      0, 1, Rejection{"job_summary", std::string("caf\xE9"), "invalid utf-8"}});
  EXPECT_EQ(line,
            "{\"row\":0,\"vacancy_id\":1,\"column\":\"job_summary\",\"value\":"
            "\"caf\xEF\xBF\xBD\","
            "\"reason\":\"invalid utf-8\"}");
}

// With several files a row index alone is ambiguous: each line names its
// file and row group (row groups of 10, 10 and 5 rows here).
TEST(ChunkRejects, NameTheFileAndTheRowGroupOfEachRow) {
  ChunkRejects rejects(RowOrigin{"b.parquet", {0, 10, 20}});
  rejects.Report(SalaryReject(9));
  rejects.Report(SalaryReject(10));
  rejects.Report(SalaryReject(24));
  std::string lines = rejects.Take();
  EXPECT_EQ(lines.substr(0, lines.find('\n')),
            "{\"file\":\"b.parquet\",\"row\":9,\"row_group\":0,"
            "\"vacancy_id\":17,\"column\":\"salary_minimum\",\"value\":"
            "\"25k\",\"reason\":\"not a plain decimal number\"}");
  EXPECT_NE(lines.find("\"row\":10,\"row_group\":1,"), std::string::npos)
      << lines;
  EXPECT_NE(lines.find("\"row\":24,\"row_group\":2,"), std::string::npos)
      << lines;
}

TEST_F(RejectSinkFile, AppendedLinesAreInTheFileWhenAppendReturns) {
  ASSERT_THAT(sink_->Append("a\nb\n", 2), IsOk());
  EXPECT_EQ(ReadAll(path_), "a\nb\n");
  ASSERT_THAT(sink_->Append("c\n", 1), IsOk());
  EXPECT_EQ(ReadAll(path_), "a\nb\nc\n");
  EXPECT_EQ(sink_->count(), 3);
}

TEST_F(RejectSinkFile, DropLastAppendCutsTheFileBackToTheChunkBefore) {
  ASSERT_THAT(sink_->Append("a\n", 1), IsOk());
  ASSERT_THAT(sink_->Append("b\nc\n", 2), IsOk());
  ASSERT_THAT(sink_->DropLastAppend(), IsOk());
  EXPECT_EQ(ReadAll(path_), "a\n");
  EXPECT_EQ(sink_->count(), 1);
  ASSERT_THAT(sink_->Append("d\n", 1), IsOk());
  EXPECT_EQ(ReadAll(path_), "a\nd\n");
}

TEST(RejectSink, AFullDiskIsAnIoErrorNamingThePathAndTheReason) {
  Result<std::unique_ptr<RejectSink>> sink = RejectSink::OpenFile("/dev/full");
  ASSERT_THAT(sink, IsOk());
  Status status = (*sink)->Append("a\n", 1);
  EXPECT_EQ(status.code(), StatusCode::kIo);
  EXPECT_EQ(status.message(),
            "writing rejects file '/dev/full' failed: No space left on device");
  EXPECT_EQ((*sink)->count(), 0);
}

TEST(RejectSink, WithoutAFileOnlyCounts) {
  RejectSink sink;
  EXPECT_THAT(sink.Append("a\n", 1), IsOk());
  EXPECT_EQ(sink.count(), 1);
  EXPECT_THAT(sink.DropLastAppend(), IsOk());
  EXPECT_EQ(sink.count(), 0);
}

TEST(RejectSink, UnwritablePathIsAnIoError) {
  Result<std::unique_ptr<RejectSink>> sink =
      RejectSink::OpenFile("/nonexistent-dir/rejects.jsonl");
  ASSERT_THAT(
      sink,
      StatusIs(StatusCode::kIo,
               "cannot open rejects file '/nonexistent-dir/rejects.jsonl': No "
               "such file or directory"));
}

}  // namespace
}  // namespace jao::ingest
