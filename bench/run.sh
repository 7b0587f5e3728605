#!/usr/bin/env bash
# The benchmark command (not part of the tests). Builds a Release binary and
# the benchmark programs into build-bench/, generates the exports it needs
# (cached by content under build-bench/files/), and measures in one run what
# issues 10, 13 and 14 ask (see the README's Benchmark section):
#   reader    every-column decode of the 100k file, ours vs DuckDB 1 thread,
#             DuckDB-written and pandas-paged
#   memory    peak RSS of --dry-run and of the SQLite ingest, 10k/100k/300k
#             rows, DuckDB-written and arrow-rs zstd v2 files
#   sqlite    ingest 10k/100k, re-ingest warm and cold, the copy limit
#   postgres  production-like server (fsync on): first load, same-schema copy
#             baseline, later export as superuser and as table owner; and a
#             labelled fsync-off server (first load, copy baseline)
# Writes bench/results.md and bench/results.json (a run of some parts keeps
# the other parts' last figures, each labelled with its own run).
#   bash bench/run.sh [--parts reader,memory,sqlite,postgres] [--no-fsync-off]
#                     [--no-variants] [--no-build] [--smoke]
# As root the cold re-ingest drops the page cache (the whole machine's).
set -euo pipefail
cd "$(dirname "$0")/.."

parts="reader,memory,sqlite,postgres"
fsync_off=1
build=1
node_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --parts) parts="$2"; node_args+=(--parts "$2"); shift 2 ;;
    --no-fsync-off) fsync_off=0; shift ;;
    --no-variants) node_args+=(--no-variants); shift ;;
    --no-build) build=0; shift ;;
    --smoke) node_args+=(--smoke); shift ;;  # rows / 100, results in build-bench/work/
    *) echo "usage: $0 [--parts reader,memory,sqlite,postgres] [--no-fsync-off] [--no-variants] [--no-build]" >&2
       exit 2 ;;
  esac
done

if [ "$build" = 1 ]; then
  bash scripts/install-deps.sh >/dev/null
  bash fixtures/install.sh
  bash scripts/build.sh build-bench -DCMAKE_BUILD_TYPE=Release \
    -DJAO_BUILD_BENCH=ON -DJAO_BUILD_TESTS=OFF
fi

if [[ ",$parts," != *",postgres,"* ]]; then
  exec node bench/run.mjs "${node_args[@]}"
fi

# Two throwaway servers: production-like (initdb defaults, fsync on) and,
# unless --no-fsync-off, the test suite's fsync-off one. Removed at exit.
source bench/servers.sh
bench_server production 5471
export JAO_BENCH_PG_URL="$bench_server_url"
if [ "$fsync_off" = 1 ]; then
  bench_server test 5472
  export JAO_BENCH_PG_FAST_URL="$bench_server_url"
fi
node bench/run.mjs "${node_args[@]}"
