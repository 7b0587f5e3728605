// Read faults at every read of a small legacy file (34 columns, 2 row
// groups, pyarrow-style pages): each I/O error and each short read ends the
// read with one error naming the file and where (the page, or the offset
// read), never a crash and never a batch of wrong values.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "parquet/fault_injecting_file_support.h"
#include "parquet/file_reader.h"

namespace jao::parquet {
namespace {

using testing::Fault;
using testing::FaultInjectingFile;

constexpr const char* kName = "small-legacy.parquet";

std::vector<uint8_t> SmallLegacyBytes() {
  std::ifstream in(
      std::string(JAO_SOURCE_DIR) + "/tests/ingest/data/small-legacy.parquet",
      std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

// Reads every column to the end; the faulty file is left in `*file`.
Status ReadAll(Fault fault, int fail_at, const FaultInjectingFile** file) {
  auto owned = std::make_unique<FaultInjectingFile>(
      RandomAccessFile::FromBytes(kName, SmallLegacyBytes()), fault, fail_at);
  *file = owned.get();
  ASSIGN_OR_RETURN(auto reader, FileReader::Open(std::move(owned)));
  ASSIGN_OR_RETURN(std::vector<int> columns,
                   reader->schema().ReadableColumns());
  ASSIGN_OR_RETURN(auto batches, reader->ReadColumns(columns, 5));
  RecordBatch batch;
  while (true) {
    ASSIGN_OR_RETURN(bool more, batches->Next(&batch));
    if (!more) return Status::Ok();
  }
}

class ReadFault : public ::testing::TestWithParam<Fault> {};

TEST_P(ReadFault, AtEveryReadGivesOneErrorNamingFileAndPlace) {
  const FaultInjectingFile* file = nullptr;
  ASSERT_TRUE(ReadAll(Fault::kNone, -1, &file).ok());
  const int reads = file->reads();
  ASSERT_GT(reads, 68);  // at least a read per column chunk
  for (int k = 0; k < reads; ++k) {
    Status status = ReadAll(GetParam(), k, &file);
    ASSERT_FALSE(status.ok())
        << "read " << k << " failed but the read ended ok";
    const std::string& message = status.message();
    EXPECT_EQ(message.rfind(std::string(kName) + ": ", 0), 0u)
        << "read " << k << ": " << message;
    const std::string offset =
        "offset " + std::to_string(file->failed_offset());
    EXPECT_NE(message.find(offset), std::string::npos)
        << "read " << k << ": " << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  }
}

INSTANTIATE_TEST_SUITE_P(Reader, ReadFault,
                         ::testing::Values(Fault::kError, Fault::kShortRead),
                         [](const ::testing::TestParamInfo<Fault>& param) {
                           return param.param == Fault::kError ? "IoError"
                                                               : "ShortRead";
                         });

}  // namespace
}  // namespace jao::parquet
