// Runs the jao-ingest binary (JAO_BINARY) through the shell and captures
// stdout, stderr and the exit status, for the command-line tests.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace jao::tools::testing {

struct Run {
  std::string out;
  std::string err;
  int status = -1;
};

// `args` is appended to the binary's path as shell text; `environment`
// (shell text such as "DATABASE_URL=x" or "env -u DATABASE_URL") goes before
// the binary.
inline Run RunJao(const std::string& args,
                  const std::string& environment = "") {
  // One file a test process: ctest -j runs the command tests in parallel,
  // and a shared name let one test read another's stderr.
  std::string err_path =
      ::testing::TempDir() + "jao_stderr_" + std::to_string(getpid()) + ".txt";
  std::string command = environment + " " + std::string(JAO_BINARY) + " " +
                        args + " 2>" + err_path;
  Run run;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  char chunk[4096];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, pipe)) > 0)
    run.out.append(chunk, n);
  int raw = pclose(pipe);
  run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  std::ifstream err(err_path);
  run.err.assign(std::istreambuf_iterator<char>(err), {});
  return run;
}

// The bundled sample export (fixtures/sample/).
inline std::string Sample() {
  return std::string(JAO_SOURCE_DIR) +
         "/fixtures/sample/vacancies-sample.parquet";
}

// An empty folder for the running test, named `prefix` + the test's name
// (ctest runs the tests of a suite in parallel).
inline std::string FreshTestFolder(const std::string& prefix) {
  const std::string dir =
      ::testing::TempDir() + prefix +
      ::testing::UnitTest::GetInstance()->current_test_info()->name();
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace jao::tools::testing
