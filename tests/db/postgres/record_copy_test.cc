// RecordPieces: a records' COPY is made as it is sent, never whole. The
// expected stream is the same tuples written into one CopyWriter.
#include "db/postgres/record_copy.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/status_matchers_support.h"

namespace jao::db::postgres {
namespace {

Status AddIdAndText(CopyWriter& writer, const VacancyRecord& r) {
  writer.BeginTuple(2);
  writer.AddInt4(r.id);
  writer.AddText(*r.description);
  return Status::Ok();
}

TEST(RecordPieces, HoldsAtMostOnePieceAndOneRecord) {
  const std::string text(100'000, 'x');
  std::vector<VacancyRecord> records(40);
  std::vector<const VacancyRecord*> pointers;
  CopyWriter whole;
  for (size_t i = 0; i < records.size(); ++i) {
    records[i].id = static_cast<int32_t>(i + 1);
    records[i].description = text;
    pointers.push_back(&records[i]);
    ASSERT_THAT(AddIdAndText(whole, records[i]), IsOk());
  }
  const std::string expected = std::move(whole).Finish();

  constexpr size_t kPiece = 256 << 10;
  // One tuple: field count, two length words, int4, the text.
  constexpr size_t kTuple = 2 + 4 + 4 + 4 + 100'000;
  PgConnection::CopyPieces next = RecordPieces(pointers, AddIdAndText, kPiece);
  std::string sent;
  int pieces = 0;
  bool more = true;
  while (more) {
    std::string piece;
    Result<bool> got = next(&piece);
    ASSERT_THAT(got, IsOk());
    more = got.value();
    EXPECT_LT(piece.size(), kPiece + kTuple + 32) << "piece " << pieces;
    sent += piece;
    ++pieces;
  }
  EXPECT_GT(pieces, 10);
  EXPECT_EQ(sent, expected);
}

TEST(RecordPieces, StopsAtTheFirstFailingRecord) {
  std::vector<VacancyRecord> records(3);
  std::vector<const VacancyRecord*> pointers;
  for (VacancyRecord& r : records) pointers.push_back(&r);
  int calls = 0;
  PgConnection::CopyPieces next =
      RecordPieces(pointers, [&calls](CopyWriter&, const VacancyRecord&) {
        ++calls;
        return calls == 2 ? Status::Internal("name not cached") : Status::Ok();
      });
  std::string piece;
  Result<bool> got = next(&piece);
  ASSERT_THAT(got, StatusIs(::testing::_, "name not cached"));
  EXPECT_EQ(calls, 2);
}

}  // namespace
}  // namespace jao::db::postgres
