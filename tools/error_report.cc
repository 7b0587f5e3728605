#include "tools/error_report.h"

#include <cstdio>

namespace jao::tools {

int ReportError(std::string_view message) {
  std::fflush(stdout);
  std::fprintf(stderr, "jao-ingest: error: %.*s\n",
               static_cast<int>(message.size()), message.data());
  return 1;
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
