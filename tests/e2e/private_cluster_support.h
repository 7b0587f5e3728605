// A PostgreSQL server of one test's own, for the test that stops the
// server mid-run: the shared cluster of scripts/with-postgres.sh serves the
// other tests running in parallel and must stay up. A thin RAII shell over
// scripts/pg-cluster.sh (initdb into a temporary folder, a unix socket in
// that folder only, run as the `postgres` system user under root), so the
// cluster is made exactly as the shared one is.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace jao::e2e {

// Why no private cluster can be made here (PostgreSQL binaries or the
// server's system user missing: pg-cluster.sh check's message), or nullopt.
std::optional<std::string> PrivateClusterSkipReason();

class PrivateCluster {
 public:
  // Makes and starts the cluster in a new temporary folder, on a port
  // number of this process's own. Throws std::runtime_error with the
  // script's output when that fails.
  PrivateCluster();
  PrivateCluster(const PrivateCluster&) = delete;
  PrivateCluster& operator=(const PrivateCluster&) = delete;
  // Stops the server (immediate) and removes the folder, also after a
  // failed test.
  ~PrivateCluster();

  // The admin URL (superuser `jao`, database jao_test), in the form of
  // JAO_TEST_PG_URL.
  const std::string& admin_url() const { return admin_url_; }

  // pg_ctl stop -m `mode` ("fast" or "immediate"), waiting until it is
  // down; Start brings it back. Throw std::runtime_error on failure.
  void Stop(const std::string& mode);
  void Start();

 private:
  // Throws on failure.
  void Run(const std::vector<std::string>& args);
  // Never throws.
  void Remove();

  std::string dir_;
  std::string admin_url_;
};

}  // namespace jao::e2e
