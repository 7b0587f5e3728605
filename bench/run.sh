#!/usr/bin/env bash
# The benchmark command (not part of the tests): builds a Release binary,
# generates legacy exports of 10k and 100k rows (one row group each, as pandas
# writes them), and measures in one run:
#   - reader: every column of the 100k file, ours vs DuckDB with one thread;
#   - SQLite: ingest into a fresh database, re-ingest of the unchanged file,
#     and the raw load of the same final rows (the physical limit);
#   - PostgreSQL: ingest of the 100k file vs raw binary COPY of the same rows.
# Writes bench/results.md and bench/results.json.
#   bash bench/run.sh [--rows "10000 100000"] [--no-postgres] [--no-sqlite]
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh >/dev/null
bash fixtures/install.sh
bash scripts/build.sh build-bench -DCMAKE_BUILD_TYPE=Release \
  -DJAO_BUILD_BENCH=ON -DJAO_BUILD_TESTS=OFF

if [[ " $* " == *" --no-postgres "* ]]; then
  node bench/run.mjs "$@"
else
  bash scripts/with-postgres.sh node bench/run.mjs "$@"
fi
