// The file tail: size, magics, metadata length, then FileMetaData; one test
// per way it can be wrong, plus real corpus files.
#include "parquet/footer.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <string>
#include <vector>

#include "common/status_matchers_support.h"
#include "parquet/corpus_path_support.h"
#include "parquet/thrift_writer_support.h"

namespace jao::parquet {
namespace {

using testing::ThriftWriter;
namespace t = testing;

std::vector<uint8_t> MinimalMetadata() {
  ThriftWriter w;
  w.I32(1, 1).ListField(2, t::kTStruct, 1);
  w.BeginElement().String(4, "schema").I32(5, 0).EndStruct();
  w.I64(3, 0).ListField(4, t::kTStruct, 0).Stop();
  return w.bytes();
}

void AppendLength(std::vector<uint8_t>* out, uint32_t length) {
  for (int i = 0; i < 4; ++i)
    out->push_back(static_cast<uint8_t>(length >> (8 * i)));
}

void Append(std::vector<uint8_t>* out, std::string_view text) {
  out->insert(out->end(), text.begin(), text.end());
}

// "PAR1" <metadata> <len> <trailing>; `length` overrides the true length.
std::vector<uint8_t> FileBytes(const std::vector<uint8_t>& metadata,
                               std::string_view leading = "PAR1",
                               std::string_view trailing = "PAR1",
                               int64_t length = -1) {
  std::vector<uint8_t> out;
  Append(&out, leading);
  out.insert(out.end(), metadata.begin(), metadata.end());
  AppendLength(&out, length < 0 ? static_cast<uint32_t>(metadata.size())
                                : static_cast<uint32_t>(length));
  Append(&out, trailing);
  return out;
}

Result<Footer> ReadBytes(std::vector<uint8_t> bytes) {
  auto file = RandomAccessFile::FromBytes("mem.parquet", std::move(bytes));
  return ReadFooter(*file);
}

TEST(Footer, ReadsAMinimalFile) {
  const std::vector<uint8_t> metadata = MinimalMetadata();
  auto footer = ReadBytes(FileBytes(metadata));
  ASSERT_THAT(footer, IsOk());
  EXPECT_EQ(footer->metadata_offset, 4);
  EXPECT_EQ(footer->metadata_length, static_cast<int64_t>(metadata.size()));
  EXPECT_EQ(footer->metadata.schema.size(), 1u);
}

TEST(Footer, RejectsAFileSmallerThanTwelveBytes) {
  EXPECT_EQ(ReadBytes({'P', 'A', 'R', '1', 0, 0, 0, 'P', 'A', 'R', '1'})
                .status()
                .ToString(),
            "corrupt: mem.parquet: file is 11 bytes, smaller than the 12-byte "
            "minimum of a parquet file");
}

TEST(Footer, RejectsAnEmptyFile) {
  EXPECT_EQ(ReadBytes({}).status().ToString(),
            "corrupt: mem.parquet: file is 0 bytes, smaller than the 12-byte "
            "minimum of a parquet file");
}

TEST(Footer, RejectsABadTrailingMagic) {
  EXPECT_EQ(ReadBytes(FileBytes(MinimalMetadata(), "PAR1", "PAR0"))
                .status()
                .ToString(),
            "corrupt: mem.parquet: trailing magic is 'PAR0', expected 'PAR1'");
}

TEST(Footer, ShowsUnprintableMagicBytesEscaped) {
  EXPECT_EQ(ReadBytes(FileBytes(MinimalMetadata(), "PAR1",
                                std::string_view("\x00\xffPA", 4)))
                .status()
                .ToString(),
            "corrupt: mem.parquet: trailing magic is '\\x00\\xffPA', expected "
            "'PAR1'");
}

TEST(Footer, RefusesAnEncryptedFooter) {
  EXPECT_EQ(ReadBytes(FileBytes(MinimalMetadata(), "PARE", "PARE"))
                .status()
                .ToString(),
            "unsupported: mem.parquet: encrypted footer (PARE magic) is not "
            "supported");
}

TEST(Footer, RejectsABadLeadingMagic) {
  EXPECT_EQ(ReadBytes(FileBytes(MinimalMetadata(), "PAR2", "PAR1"))
                .status()
                .ToString(),
            "corrupt: mem.parquet: leading magic is 'PAR2', expected 'PAR1'");
}

TEST(Footer, RejectsAMetadataLengthBeyondTheFile) {
  const std::vector<uint8_t> metadata = MinimalMetadata();
  EXPECT_EQ(
      ReadBytes(FileBytes(metadata, "PAR1", "PAR1", 5000)).status().ToString(),
      "corrupt: mem.parquet: metadata length 5000 exceeds the " +
          std::to_string(metadata.size()) + " bytes between the magics");
}

TEST(Footer, RejectsAMetadataLengthWithTheTopBitSet) {
  const std::vector<uint8_t> metadata = MinimalMetadata();
  EXPECT_EQ(ReadBytes(FileBytes(metadata, "PAR1", "PAR1", 0xfffffff0u))
                .status()
                .ToString(),
            "corrupt: mem.parquet: metadata length 4294967280 exceeds the " +
                std::to_string(metadata.size()) + " bytes between the magics");
}

TEST(Footer, RejectsAZeroMetadataLength) {
  EXPECT_EQ(ReadBytes(FileBytes(MinimalMetadata(), "PAR1", "PAR1", 0))
                .status()
                .ToString(),
            "corrupt: mem.parquet: metadata length is 0");
}

TEST(Footer, PrefixesMetadataErrorsWithThePath) {
  ThriftWriter w;
  w.I32(1, 1).Stop();
  EXPECT_EQ(ReadBytes(FileBytes(w.bytes())).status().ToString(),
            "corrupt: mem.parquet: file metadata: FileMetaData.schema (field "
            "2) is missing");
}

TEST(Footer, RefusesAPlaintextFooterOfAnEncryptedFile) {
  ThriftWriter w;
  w.I32(1, 1).ListField(2, t::kTStruct, 1);
  w.BeginElement().String(4, "schema").EndStruct();
  w.I64(3, 0).ListField(4, t::kTStruct, 0);
  w.BeginStruct(8).EmptyStruct(1).EndStruct().Stop();
  EXPECT_EQ(ReadBytes(FileBytes(w.bytes())).status().ToString(),
            "unsupported: mem.parquet: encrypted file is not supported");
}

TEST(Footer, ReportsAMissingFileWithItsPath) {
  auto file = RandomAccessFile::Open("/nonexistent/x.parquet");
  EXPECT_EQ(file.status().ToString(),
            "io: /nonexistent/x.parquet: cannot open: No such file or "
            "directory");
}

TEST(Footer, RefusesToOpenADirectory) {
  auto file = RandomAccessFile::Open("/tmp");
  EXPECT_EQ(file.status().ToString(),
            "io: /tmp: not a regular file (a directory)");
}

// Issue 21, item 6: old code opened a fifo, which waits in open(2) for a
// writer. If Open still blocks, the test opens the writing end itself after
// 5 s so that the blocked call returns and the test fails instead of
// hanging.
TEST(Footer, RefusesAFifoWithoutWaitingForAWriter) {
  const std::string fifo =
      ::testing::TempDir() + "footer_fifo_" + std::to_string(getpid());
  ::unlink(fifo.c_str());
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  auto opened = std::async(std::launch::async,
                           [&fifo] { return RandomAccessFile::Open(fifo); });
  const bool returned =
      opened.wait_for(std::chrono::seconds(5)) == std::future_status::ready;
  if (!returned) {
    const int writer = ::open(fifo.c_str(), O_WRONLY);
    if (writer >= 0) ::close(writer);
  }
  auto file = opened.get();
  ::unlink(fifo.c_str());
  EXPECT_TRUE(returned) << "Open waited for a writer";
  EXPECT_EQ(file.status().ToString(),
            "io: " + fifo + ": not a regular file (a fifo)");
}

TEST(Footer, RejectsAReadPastTheEndOfAFile) {
  auto file = RandomAccessFile::FromBytes("mem", std::vector<uint8_t>(10));
  Buffer buffer;
  EXPECT_EQ(file->ReadAt(8, 3, &buffer).ToString(),
            "corrupt: mem: read of 3 bytes at offset 8 runs past the end of "
            "the 10-byte file");
}

TEST(Footer, RejectsANegativeReadOffset) {
  auto file = RandomAccessFile::FromBytes("mem", std::vector<uint8_t>(10));
  Buffer buffer;
  EXPECT_EQ(file->ReadAt(-1, 3, &buffer).ToString(),
            "corrupt: mem: read of 3 bytes at offset -1 is negative");
}

TEST(Footer, ReadsAByteRangeOfARealFile) {
  const std::string path = t::CorpusFile("alltypes_plain.parquet");
  if (!t::Exists(path)) GTEST_SKIP() << "missing corpus file " << path;
  auto file = RandomAccessFile::Open(path);
  ASSERT_THAT(file, IsOk());
  Buffer buffer;
  ASSERT_THAT((*file)->ReadAt(1847, 4, &buffer), IsOk());
  EXPECT_EQ(AsStringView(buffer.span()), "PAR1");
  EXPECT_EQ((*file)->ReadAt(1848, 4, &buffer).ToString(),
            "corrupt: " + path +
                ": read of 4 bytes at offset 1848 runs past the end of the "
                "1851-byte file");
}

// Expected values from DuckDB parquet_file_metadata(): 8 rows, 730-byte
// footer in a 1851-byte file, created by impala 1.3.0.
TEST(Footer, ReadsTheFooterOfAlltypesPlainFromDisk) {
  const std::string path = t::CorpusFile("alltypes_plain.parquet");
  if (!t::Exists(path)) GTEST_SKIP() << "missing corpus file " << path;
  auto file = RandomAccessFile::Open(path);
  ASSERT_THAT(file, IsOk());
  EXPECT_EQ((*file)->size(), 1851);
  auto footer = ReadFooter(**file);
  ASSERT_THAT(footer, IsOk());
  EXPECT_EQ(footer->metadata_length, 730);
  EXPECT_EQ(footer->metadata_offset, 1851 - 8 - 730);
  EXPECT_EQ(footer->metadata.num_rows, 8);
  EXPECT_EQ(footer->metadata.schema.size(), 12u);
}

TEST(Footer, RefusesTheCorpusFileWithAnEncryptedFooter) {
  const std::string path =
      t::CorpusFile("encrypt_columns_and_footer.parquet.encrypted");
  if (!t::Exists(path)) GTEST_SKIP() << "missing corpus file " << path;
  auto file = RandomAccessFile::Open(path);
  ASSERT_THAT(file, IsOk());
  EXPECT_EQ(ReadFooter(**file).status().ToString(),
            "unsupported: " + path +
                ": encrypted footer (PARE magic) is not supported");
}

TEST(Footer, RefusesTheCorpusFileWithAPlaintextFooterAndEncryptedColumns) {
  const std::string path =
      t::CorpusFile("encrypt_columns_plaintext_footer.parquet.encrypted");
  if (!t::Exists(path)) GTEST_SKIP() << "missing corpus file " << path;
  auto file = RandomAccessFile::Open(path);
  ASSERT_THAT(file, IsOk());
  EXPECT_EQ(ReadFooter(**file).status().ToString(),
            "unsupported: " + path + ": encrypted file is not supported");
}

// parquet-testing bad_data: footers that contradict parquet.thrift.
TEST(Footer, RejectsTheBadDataFileWhoseEncodingsAreI16) {
  const std::string path = t::CorpusDir() + "/bad_data/ARROW-GH-41317.parquet";
  if (!t::Exists(path)) GTEST_SKIP() << "missing corpus file " << path;
  auto file = RandomAccessFile::Open(path);
  ASSERT_THAT(file, IsOk());
  EXPECT_EQ(ReadFooter(**file).status().ToString(),
            "corrupt: " + path +
                ": file metadata: encodings is a list of i16, expected i32");
}

TEST(Footer, RejectsTheBadDataFileWithANegativePhysicalType) {
  const std::string path = t::CorpusDir() + "/bad_data/PARQUET-1481.parquet";
  if (!t::Exists(path)) GTEST_SKIP() << "missing corpus file " << path;
  auto file = RandomAccessFile::Open(path);
  ASSERT_THAT(file, IsOk());
  EXPECT_EQ(ReadFooter(**file).status().ToString(),
            "corrupt: " + path + ": file metadata: type -7 is negative");
}

}  // namespace
}  // namespace jao::parquet
