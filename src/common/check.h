// JAO_CHECK: an invariant of our own code that stays checked in release
// builds, for checks cheap enough to keep (a few a chunk, not a few a value).
// A failure is our bug, never the input's: it prints one line and aborts.
#pragma once

#include <cstdio>
#include <cstdlib>

namespace jao {

[[noreturn]] inline void CheckFailed(const char* condition, const char* what,
                                     const char* file, int line) {
  std::fprintf(stderr, "jao-ingest: internal error: %s (%s failed at %s:%d)\n",
               what, condition, file, line);
  std::abort();
}

}  // namespace jao

// `what` says which rule was broken: "chunk text released twice".
#define JAO_CHECK(condition, what)                              \
  do {                                                          \
    if (!(condition))                                           \
      ::jao::CheckFailed(#condition, what, __FILE__, __LINE__); \
  } while (0)
