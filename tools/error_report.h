// How a command reports a fatal error: one line on stderr,
// "jao-ingest: error: <message>", and exit status 1.
#pragma once

#include <string_view>

namespace jao::tools {

// Prints the error line and returns the exit status to use (1).
int ReportError(std::string_view message);

// Prints "jao-ingest: warning: <message>" on stderr.
void ReportWarning(std::string_view message);

}  // namespace jao::tools
