// SIGINT and SIGTERM during `ingest`: the first one asks the pipeline to
// stop between chunks (the chunk being loaded commits or rolls back whole,
// the summary is written, exit 130 / 143); a second one ends the process at
// once (the database rolls back the open transaction itself; the rejects
// file holds whole lines, written before each commit; --summary-json keeps
// its previous content, being replaced only whole).
//
// The first signal also starts a grace of kStopGraceSeconds: a process
// that has not ended by then (it was in a wait that does not return: a lock
// held for ever with --lock-timeout 0, a database that stopped answering,
// anything before the first stop point) ends as after a second signal, with
// one line saying so. Why a grace and not interrupted waits: the waits that
// can last for ever are inside libpq and SQLite, which retry after EINTR,
// so no handler flag (SA_RESTART or not) can end them; a timer can, and
// bounds every stop, whatever the process is doing.
//
// The handlers only store the signal number in a lock-free atomic, call
// alarm(2), write(2) and _exit(2), all async-signal-safe; the pipeline
// polls the number.
#pragma once

#include <string>

namespace jao::tools {

// Seconds between the first stop signal and the forced end of a process
// that did not reach a stop point.
inline constexpr unsigned kStopGraceSeconds = 30;

// Installs the handlers (sigaction) for SIGINT and SIGTERM, and SIGALRM for
// the grace. Nothing else in the process may use alarm(2).
void InstallStopHandlers();

// The first stop signal received (SIGINT or SIGTERM), or 0.
int StopSignal();

// "SIGINT" / "SIGTERM".
std::string SignalName(int signal_number);

}  // namespace jao::tools
