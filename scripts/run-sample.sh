#!/usr/bin/env bash
# The main job, from a fresh Debian 12 machine: installs what is missing,
# builds, and ingests the bundled sample export into ./jao.sqlite3, printing
# the summary. Run it twice: the second run finds every vacancy present and
# skips it. Extra arguments go to `jao-ingest ingest` (e.g. --db).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
bash scripts/build.sh build

build/jao-ingest ingest fixtures/sample/vacancies-sample.parquet \
  --db jao.sqlite3 --rejects jao-rejects.jsonl "$@"
