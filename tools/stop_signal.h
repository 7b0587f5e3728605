// SIGINT and SIGTERM during `ingest`: the first one asks the pipeline to
// stop between chunks (the chunk being loaded commits or rolls back whole,
// the summary is written, exit 130 / 143); a second one ends the process at
// once (the database rolls back the open transaction itself; the rejects
// file holds whole lines, written before each commit).
//
// The handler only stores the signal number in a lock-free atomic, which is
// async-signal-safe; the pipeline polls it.
#pragma once

#include <string>

namespace jao::tools {

// Installs the handlers (sigaction) for SIGINT and SIGTERM.
void InstallStopHandlers();

// The first stop signal received (SIGINT or SIGTERM), or 0.
int StopSignal();

// "SIGINT" / "SIGTERM".
std::string SignalName(int signal_number);

}  // namespace jao::tools
