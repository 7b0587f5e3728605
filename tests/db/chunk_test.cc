// db::Chunk's lifecycle, kBuilt -> kLoading -> kTextReleased: the text is
// freed once, only by a loader it was handed to for that, and a step out of
// order aborts in every build (these tests run against the release-like
// build too).
#include "db/chunk.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace jao::db {
namespace {

// A chunk of one record whose title lives in an owner the chunk adopted;
// `text` watches that owner.
Chunk ChunkWithText(std::weak_ptr<const void>* text) {
  auto title = std::make_shared<const std::string>("Data Analyst");
  *text = title;
  Chunk chunk;
  chunk.records.emplace_back();
  chunk.records.back().title = *title;
  chunk.AdoptText(std::move(title));
  return chunk;
}

TEST(Chunk, StartsBuiltWithItsTextReadable) {
  std::weak_ptr<const void> text;
  Chunk chunk = ChunkWithText(&text);

  EXPECT_EQ(chunk.stage(), Chunk::Stage::kBuilt);
  EXPECT_FALSE(chunk.text_releasable());
  chunk.CheckTextReadable();
  EXPECT_FALSE(text.expired());
}

TEST(Chunk, ReleaseFreesTheTextThenRunsTheHookOnce) {
  std::weak_ptr<const void> text;
  Chunk chunk = ChunkWithText(&text);
  int hooks = 0;
  bool freed_before_hook = false;
  chunk.StartLoading([&] {
    ++hooks;
    freed_before_hook = text.expired();
  });
  ASSERT_TRUE(chunk.text_releasable());

  chunk.ReleaseText();

  EXPECT_EQ(chunk.stage(), Chunk::Stage::kTextReleased);
  EXPECT_FALSE(chunk.text_releasable());
  EXPECT_EQ(hooks, 1);
  EXPECT_TRUE(freed_before_hook);
  EXPECT_EQ(chunk.records.front().id, 0);  // the rest of the chunk lives
}

TEST(ChunkDeathTest, ReleasingTwiceAborts) {
  std::weak_ptr<const void> text;
  Chunk chunk = ChunkWithText(&text);
  chunk.StartLoading();
  chunk.ReleaseText();

  EXPECT_DEATH(chunk.ReleaseText(), "chunk text released twice");
}

// A chunk its caller did not hand over with StartLoading keeps its text to
// the end (a loader that may retry it needs it).
TEST(ChunkDeathTest, ReleasingABuiltChunkAborts) {
  std::weak_ptr<const void> text;
  Chunk chunk = ChunkWithText(&text);

  EXPECT_DEATH(chunk.ReleaseText(),
               "chunk text released by a loader not allowed to free it");
}

TEST(ChunkDeathTest, ReadingTheTextAfterItsReleaseAborts) {
  std::weak_ptr<const void> text;
  Chunk chunk = ChunkWithText(&text);
  chunk.StartLoading();
  chunk.ReleaseText();

  EXPECT_DEATH(chunk.CheckTextReadable(),
               "chunk text read after it was released");
}

TEST(ChunkDeathTest, HandingOverTwiceAborts) {
  Chunk chunk;
  chunk.StartLoading();

  EXPECT_DEATH(chunk.StartLoading(), "chunk handed to a loader twice");
}

}  // namespace
}  // namespace jao::db
