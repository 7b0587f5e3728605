// How a command reports a fatal error: one line on stderr,
// "jao-ingest: error: <message>", and exit status 1 (3 for a schema
// refusal, with a line per difference before it); and warnings and a stop
// by signal, one line each.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace jao::tools {

// The exit status of a run the schema check refused (db/schema_check.h).
inline constexpr int kSchemaExitStatus = 3;

// Prints the error line and returns the exit status to use (1).
int ReportError(std::string_view message);

// A schema refusal: "jao-ingest: schema: <difference>" for each difference,
// then "jao-ingest: error: the database's schema does not fit what
// jao-ingest writes (N differences); nothing was written"; returns
// kSchemaExitStatus.
int ReportSchemaRefusal(const std::vector<std::string>& differences);

// Prints "jao-ingest: warning: <message>" on stderr.
void ReportWarning(std::string_view message);

// Prints "jao-ingest: <message>" on stderr: the one line of a run stopped by
// a signal (the caller picks the exit status, 128 + the signal).
void ReportStopped(std::string_view message);

}  // namespace jao::tools
