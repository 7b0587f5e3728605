// Where tests find the parquet-testing corpus: $JAO_PARQUET_TESTING when set,
// else the JAO_DEFAULT_CORPUS compile definition (../shared/parquet-testing).
// Tests that need a corpus file GTEST_SKIP naming the missing path.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

namespace jao::parquet::testing {

inline std::string CorpusDir() {
  const char* from_env = std::getenv("JAO_PARQUET_TESTING");
  if (from_env != nullptr && *from_env != '\0') return from_env;
  return JAO_DEFAULT_CORPUS;
}

// "<corpus>/data/<name>".
inline std::string CorpusFile(const std::string& name) {
  return CorpusDir() + "/data/" + name;
}

inline bool Exists(const std::string& path) {
  std::error_code error;
  return std::filesystem::is_regular_file(path, error);
}

}  // namespace jao::parquet::testing
