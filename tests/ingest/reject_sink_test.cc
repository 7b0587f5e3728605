#include "ingest/reject_sink.h"

#include <gtest/gtest.h>

#include <sstream>

namespace jao::ingest {
namespace {

TEST(RejectSink, WritesOneJsonObjectALineAndCounts) {
  std::ostringstream out;
  RejectSink sink(&out);
  sink.Report(RejectedRow{
      3, 17, Rejection{"salary_minimum", "25k", "not a plain decimal number"}});
  sink.Report(RejectedRow{
      4, std::nullopt, Rejection{"vacancy_id", nullptr, "missing vacancy_id"}});
  EXPECT_TRUE(sink.Finish().ok());
  EXPECT_EQ(sink.count(), 2);
  EXPECT_EQ(
      out.str(),
      "{\"row\":3,\"vacancy_id\":17,\"column\":\"salary_minimum\",\"value\":"
      "\"25k\","
      "\"reason\":\"not a plain decimal number\"}\n"
      "{\"row\":4,\"vacancy_id\":null,\"column\":\"vacancy_id\",\"value\":null,"
      "\"reason\":\"missing vacancy_id\"}\n");
}

TEST(RejectSink, InvalidUtf8InTheValueIsReplacedNotFatal) {
  std::string line = RejectLine(RejectedRow{
      0, 1, Rejection{"job_summary", std::string("caf\xE9"), "invalid utf-8"}});
  EXPECT_EQ(line,
            "{\"row\":0,\"vacancy_id\":1,\"column\":\"job_summary\",\"value\":"
            "\"caf\xEF\xBF\xBD\","
            "\"reason\":\"invalid utf-8\"}");
}

TEST(RejectSink, WithoutAStreamOnlyCounts) {
  RejectSink sink(nullptr);
  sink.Report(RejectedRow{0, 1, Rejection{"c", 1, "r"}});
  EXPECT_EQ(sink.count(), 1);
  EXPECT_TRUE(sink.Finish().ok());
}

TEST(RejectSink, UnwritablePathIsAnIoError) {
  Result<std::unique_ptr<RejectSink>> sink =
      RejectSink::OpenFile("/nonexistent-dir/rejects.jsonl");
  ASSERT_FALSE(sink.ok());
  EXPECT_EQ(sink.status().code(), StatusCode::kIo);
  EXPECT_EQ(sink.status().message(),
            "cannot open rejects file '/nonexistent-dir/rejects.jsonl': No "
            "such file or directory");
}

}  // namespace
}  // namespace jao::ingest
