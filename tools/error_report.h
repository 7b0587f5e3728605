// How a command reports a fatal error: one line on stderr,
// "jao-ingest: error: <message>", and exit status 1; and warnings and a
// stop by signal, one line each.
#pragma once

#include <string_view>

namespace jao::tools {

// Prints the error line and returns the exit status to use (1).
int ReportError(std::string_view message);

// Prints "jao-ingest: warning: <message>" on stderr.
void ReportWarning(std::string_view message);

// Prints "jao-ingest: <message>" on stderr: the one line of a run stopped by
// a signal (the caller picks the exit status, 128 + the signal).
void ReportStopped(std::string_view message);

}  // namespace jao::tools
