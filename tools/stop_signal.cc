#include "tools/stop_signal.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstring>

namespace jao::tools {
namespace {

std::atomic<int> received{0};
static_assert(std::atomic<int>::is_always_lock_free,
              "the signal handler needs a lock-free atomic");

constexpr char kForcedStop[] =
    "jao-ingest: second signal: stopping now; the database rolls back the "
    "chunk in flight\n";

// The line of a stop whose grace ran out, one a signal, made before any
// signal can come: a handler may only write it.
char grace_sigint[160];
char grace_sigterm[160];

void WriteAndExit(const char* line, int signal_number) {
  // Only async-signal-safe calls here: write and _exit.
  ssize_t ignored = ::write(STDERR_FILENO, line, std::strlen(line));
  (void)ignored;
  ::_exit(128 + signal_number);
}

void OnStopSignal(int signal_number) {
  int expected = 0;
  if (received.compare_exchange_strong(expected, signal_number)) {
    // The pipeline stops at its next chunk boundary, which a wait that
    // never returns (a lock held for ever, a server gone silent) never
    // reaches: the grace bounds the stop whatever the process is waiting
    // for.
    ::alarm(kStopGraceSeconds);
    return;
  }
  WriteAndExit(kForcedStop, signal_number);
}

void OnGraceOver(int) {
  const int first = received.load();
  WriteAndExit(first == SIGINT ? grace_sigint : grace_sigterm, first);
}

void FormatGraceLine(char (&line)[160], const char* name) {
  std::snprintf(line, sizeof line,
                "jao-ingest: %s: no stop point reached within %u s: stopping "
                "now; the database rolls back the chunk in flight\n",
                name, kStopGraceSeconds);
}

}  // namespace

void InstallStopHandlers() {
  FormatGraceLine(grace_sigint, "SIGINT");
  FormatGraceLine(grace_sigterm, "SIGTERM");
  struct sigaction action {};
  action.sa_handler = OnStopSignal;
  sigemptyset(&action.sa_mask);
  // Restart interrupted system calls: the pipeline polls the flag between
  // chunks, nothing has to see EINTR. A wait that restarts for ever is
  // ended by the grace's SIGALRM instead (the libraries' own waits, libpq's
  // poll and SQLite's busy handler, retry after EINTR anyway).
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  struct sigaction grace {};
  grace.sa_handler = OnGraceOver;
  sigemptyset(&grace.sa_mask);
  sigaction(SIGALRM, &grace, nullptr);
}

int StopSignal() { return received.load(); }

std::string SignalName(int signal_number) {
  switch (signal_number) {
    case SIGINT:
      return "SIGINT";
    case SIGTERM:
      return "SIGTERM";
  }
  return "signal " + std::to_string(signal_number);
}

}  // namespace jao::tools
