#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine: installs what is
# missing, builds, and runs every test. Exit status is the suite's.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
bash fixtures/install.sh
bash scripts/build.sh build

# The fixtures' own rules (the independent expectation) are tested first:
# the end-to-end tests trust them.
node --test fixtures/test/

# Tests that need the conformance corpus read it from here; they report
# themselves skipped (not passed) where it is absent.
export JAO_PARQUET_TESTING="${JAO_PARQUET_TESTING:-$(cd .. && pwd)/shared/parquet-testing}"

# The PostgreSQL tests need a server: run the suite against a throwaway one
# (they skip, visibly, when run outside it).
bash scripts/with-postgres.sh ctest --test-dir build --output-on-failure -j2

# The parquet reader again under AddressSanitizer + UndefinedBehaviorSanitizer:
# the corruption tests feed it damaged files, which must never misbehave.
# Only the parquet tests are built there: GCC 12 raises false warnings
# (-Werror) in unrelated test code once instrumented.
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJAO_SANITIZE=ON >/dev/null
cmake --build build-asan --target parquet_tests
ctest --test-dir build-asan --output-on-failure -j2 -L parquet

# The read path under libFuzzer (clang, ASan + UBSan) for a bounded time,
# seeded with the conformance files; any crash fails the suite.
bash scripts/fuzz.sh "${JAO_FUZZ_SECONDS:-60}"
