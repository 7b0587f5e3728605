// Read faults at every read of a small legacy file (34 columns, 2 row
// groups, pyarrow-style pages): each I/O error and each short read ends the
// read with one error naming the file and where (the page, or the offset
// read), never a crash and never a batch of wrong values.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "common/status_matchers_support.h"
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

struct FaultRead {
  Status status;
  int reads = 0;               // reads the file saw
  int64_t failed_offset = -1;  // where the fault was injected
};

// Reads every column to the end through a faulty file.
FaultRead ReadAll(Fault fault, int fail_at) {
  auto owned = std::make_unique<FaultInjectingFile>(
      RandomAccessFile::FromBytes(kName, SmallLegacyBytes()), fault, fail_at);
  std::shared_ptr<const testing::FaultLog> log = owned->log();
  std::unique_ptr<FileReader> reader;
  auto read = [&]() -> Status {
    ASSIGN_OR_RETURN(reader, FileReader::Open(std::move(owned)));
    ASSIGN_OR_RETURN(std::vector<int> columns,
                     reader->schema().ReadableColumns());
    ASSIGN_OR_RETURN(auto batches, reader->ReadColumns(columns, 5));
    RecordBatch batch;
    while (true) {
      ASSIGN_OR_RETURN(bool more, batches->Next(&batch));
      if (!more) return Status::Ok();
    }
  };
  FaultRead result;
  result.status = read();
  result.reads = log->reads;
  result.failed_offset = log->failed_offset;
  return result;
}

class ReadFault : public ::testing::TestWithParam<Fault> {};

TEST_P(ReadFault, AtEveryReadGivesOneErrorNamingFileAndPlace) {
  FaultRead clean = ReadAll(Fault::kNone, -1);
  ASSERT_THAT(clean.status, IsOk());
  const int reads = clean.reads;
  ASSERT_GT(reads, 68);  // at least a read per column chunk
  for (int k = 0; k < reads; ++k) {
    FaultRead faulty = ReadAll(GetParam(), k);
    const Status& status = faulty.status;
    ASSERT_FALSE(status.ok())
        << "read " << k << " failed but the read ended ok";
    const std::string& message = status.message();
    EXPECT_EQ(message.rfind(std::string(kName) + ": ", 0), 0u)
        << "read " << k << ": " << message;
    const std::string offset = "offset " + std::to_string(faulty.failed_offset);
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
