#include "tools/error_report.h"

#include <cstdio>

namespace jao::tools {

int ReportError(std::string_view message) {
  std::fflush(stdout);
  std::fprintf(stderr, "jao-ingest: error: %.*s\n",
               static_cast<int>(message.size()), message.data());
  return 1;
}

int ReportSchemaRefusal(const std::vector<std::string>& differences) {
  std::fflush(stdout);
  for (const std::string& difference : differences) {
    std::fprintf(stderr, "jao-ingest: schema: %s\n", difference.c_str());
  }
  std::fprintf(stderr,
               "jao-ingest: error: the database's schema does not fit what "
               "jao-ingest writes (%zu difference%s); nothing was written\n",
               differences.size(), differences.size() == 1 ? "" : "s");
  return kSchemaExitStatus;
}

void ReportWarning(std::string_view message) {
  std::fprintf(stderr, "jao-ingest: warning: %.*s\n",
               static_cast<int>(message.size()), message.data());
}

void ReportStopped(std::string_view message) {
  std::fflush(stdout);
  std::fprintf(stderr, "jao-ingest: %.*s\n", static_cast<int>(message.size()),
               message.data());
}

}  // namespace jao::tools
