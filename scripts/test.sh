#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine: installs what is
# missing, builds, and runs every test. Exit status is the suite's.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
bash scripts/build.sh build

# Tests that need the conformance corpus read it from here; they report
# themselves skipped (not passed) where it is absent.
export JAO_PARQUET_TESTING="${JAO_PARQUET_TESTING:-$(cd .. && pwd)/shared/parquet-testing}"

# The PostgreSQL tests need a server: run the suite against a throwaway one
# (they skip, visibly, when run outside it).
bash scripts/with-postgres.sh ctest --test-dir build --output-on-failure -j2

# The parquet reader again under AddressSanitizer + UndefinedBehaviorSanitizer:
# the corruption tests feed it damaged files, which must never misbehave.
bash scripts/build.sh build-asan -DJAO_SANITIZE=ON
ctest --test-dir build-asan --output-on-failure -j2 -L parquet
