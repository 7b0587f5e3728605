// See private_cluster_support.h.
#include "e2e/private_cluster_support.h"

#include <stdlib.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <stdexcept>
#include <vector>

#include "e2e/fixture_cache_support.h"
#include "e2e/process_support.h"

namespace jao::e2e {
namespace {

std::atomic<int> next_cluster{0};

std::vector<std::string> ScriptArgv(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"bash",
                                   SourceDir() + "/scripts/pg-cluster.sh"};
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

}  // namespace

std::optional<std::string> PrivateClusterSkipReason() {
  ProcessResult check = RunProcess(ScriptArgv({"check"}), "",
                                   std::filesystem::temp_directory_path());
  if (check.exit_code == 0) return std::nullopt;
  return "no private PostgreSQL cluster can be made here: " + check.err;
}

PrivateCluster::PrivateCluster() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "jao-pg-own.XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error("mkdtemp failed for " + pattern);
  }
  dir_ = pattern;
  // Only the socket file's name: the folder is ours alone, so any number
  // is free; one per process and cluster keeps them apart in `ps`.
  const int port = 20000 + (getpid() % 20000) + next_cluster++;
  admin_url_ = "postgresql://jao@/jao_test?host=" + dir_ +
               "&port=" + std::to_string(port);
  try {
    Run({"init", dir_, std::to_string(port)});
  } catch (...) {
    Remove();
    throw;
  }
}

PrivateCluster::~PrivateCluster() { Remove(); }

void PrivateCluster::Remove() {
  RunProcess(ScriptArgv({"remove", dir_}), "",
             std::filesystem::temp_directory_path());
}

void PrivateCluster::Stop(const std::string& mode) {
  Run({"stop", dir_, mode});
}

void PrivateCluster::Start() { Run({"start", dir_}); }

void PrivateCluster::Run(const std::vector<std::string>& args) {
  // The script's own outputs go beside the folder, not into it (remove
  // deletes the folder).
  ProcessResult result =
      RunProcess(ScriptArgv(args), "", std::filesystem::temp_directory_path());
  if (result.exit_code != 0) {
    throw std::runtime_error(CommandLine(ScriptArgv(args)) + " exited " +
                             std::to_string(result.exit_code) + ": " +
                             result.err);
  }
}

}  // namespace jao::e2e
