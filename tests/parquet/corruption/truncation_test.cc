// Damaged copies of every corpus file we read: cut short at many offsets,
// and with bytes overwritten (seeded). Each read of every readable column,
// with pages decoded whole and with every page streamed, must end in an
// error Status or a result: never a crash, a hang, or (under the sanitizer
// build in scripts/test.sh) a memory error. Cut files must be refused; no
// damage may be reported as our own bug (Internal).
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <random>
#include <tuple>

#include "parquet/conformance/corpus_support.h"
#include "parquet/random_access_file.h"

namespace jao::parquet {
namespace {

using namespace testing;

constexpr int kSpreadCuts = 64;
constexpr int kTailCuts = 32;
constexpr int kFlipVariants = 64;

std::vector<uint8_t> Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

Status ReadBytes(const std::string& name, std::vector<uint8_t> bytes,
                 bool streamed) {
  auto reader =
      FileReader::Open(RandomAccessFile::FromBytes(name, std::move(bytes)));
  if (!reader.ok()) return reader.status();
  return ReadEveryColumn(**reader, 1000,
                         streamed ? StreamEveryPage() : PageReaderOptions{});
}

std::vector<std::string> ReadableFiles() {
  std::vector<std::string> files;
  for (const Outcome& outcome : LoadOutcomes()) {
    if (outcome.read) files.push_back(outcome.file);
  }
  return files;
}

// A corpus file, and whether every page is streamed.
using DamagedParam = std::tuple<std::string, bool>;

class Damaged : public ::testing::TestWithParam<DamagedParam> {
 protected:
  void SetUp() override {
    if (!CorpusPresent()) {
      GTEST_SKIP() << "corpus not found at " << CorpusDir()
                   << " (set JAO_PARQUET_TESTING)";
    }
    bytes_ = Slurp(CorpusDir() + "/" + file());
    ASSERT_FALSE(bytes_.empty()) << file();
  }
  const std::string& file() const { return std::get<0>(GetParam()); }
  Status Read(std::vector<uint8_t> bytes) const {
    return ReadBytes(file(), std::move(bytes), std::get<1>(GetParam()));
  }
  std::vector<uint8_t> bytes_;
};

TEST_P(Damaged, CutFilesAreRefusedWithoutCrashing) {
  std::vector<size_t> cuts;
  for (int i = 0; i < kSpreadCuts; ++i) {
    cuts.push_back(bytes_.size() * i / kSpreadCuts);
  }
  for (int i = 1; i <= kTailCuts && static_cast<size_t>(i) < bytes_.size();
       ++i) {
    cuts.push_back(bytes_.size() - i);
  }
  for (size_t cut : cuts) {
    std::vector<uint8_t> prefix(bytes_.begin(), bytes_.begin() + cut);
    Status status = Read(std::move(prefix));
    EXPECT_FALSE(status.ok()) << "cut at " << cut;
    EXPECT_NE(status.code(), StatusCode::kInternal)
        << "cut at " << cut << ": " << status.ToString();
  }
}

TEST_P(Damaged, OverwrittenBytesEndInAnErrorOrAResult) {
  std::mt19937_64 random(std::hash<std::string>{}(file()));
  int refused = 0;
  for (int variant = 0; variant < kFlipVariants; ++variant) {
    std::vector<uint8_t> copy = bytes_;
    int flips = 1 + static_cast<int>(random() % 4);
    for (int i = 0; i < flips; ++i) {
      copy[random() % copy.size()] ^= static_cast<uint8_t>(1 + random() % 255);
    }
    Status status = Read(std::move(copy));
    refused += !status.ok();
    EXPECT_NE(status.code(), StatusCode::kInternal)
        << "variant " << variant << ": " << status.ToString();
  }
  RecordProperty("refused_variants", refused);
}

INSTANTIATE_TEST_SUITE_P(
    Corpus, Damaged,
    ::testing::Combine(::testing::ValuesIn(ReadableFiles()), ::testing::Bool()),
    [](const ::testing::TestParamInfo<DamagedParam>& param) {
      std::string name = std::get<0>(param.param);
      for (char& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) {
          c = '_';
        }
      }
      return name + (std::get<1>(param.param) ? "_streamed" : "_whole");
    });

}  // namespace
}  // namespace jao::parquet
