#include "tools/stop_signal.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstring>

namespace jao::tools {
namespace {

std::atomic<int> received{0};
static_assert(std::atomic<int>::is_always_lock_free,
              "the signal handler needs a lock-free atomic");

constexpr char kForcedStop[] =
    "jao-ingest: second signal: stopping now; the database rolls back the "
    "chunk in flight\n";

void OnStopSignal(int signal_number) {
  int expected = 0;
  if (received.compare_exchange_strong(expected, signal_number)) return;
  // Only async-signal-safe calls here: write and _exit.
  ssize_t ignored = ::write(STDERR_FILENO, kForcedStop, sizeof kForcedStop - 1);
  (void)ignored;
  ::_exit(128 + signal_number);
}

}  // namespace

void InstallStopHandlers() {
  struct sigaction action {};
  action.sa_handler = OnStopSignal;
  sigemptyset(&action.sa_mask);
  // Restart interrupted system calls: the pipeline polls the flag between
  // chunks, nothing has to see EINTR.
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
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
