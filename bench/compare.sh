#!/usr/bin/env bash
# Old binary against new on the benchmark's first loads, in one run (the
# "within 5% of before" conditions of issues 22 and 23):
#   bash bench/compare.sh OLD_REF [--rows N] [--runs K] [--no-build]
# Builds a Release jao-ingest of this tree into build-bench/ (as run.sh) and
# one of OLD_REF (a git worktree in build-bench/old-src, built into
# build-bench/old), with ccache when installed; generates (or finds, cached)
# the benchmark's DuckDB-written export of N rows (default 100000); starts a
# production-like PostgreSQL server (initdb defaults, fsync on; removed at
# exit); then bench/compare.mjs runs one warm-up of each binary and K pairs
# (default 5), old then new, of the SQLite first load (a fresh file each run)
# and of the PostgreSQL first load (a fresh empty database each run), and
# writes bench/compare-results.md and bench/compare-results.json.
# JAO_BENCH_PG_PORT names the server's socket (default 5473; no TCP).
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  echo "usage: $0 OLD_REF [--rows N] [--runs K] [--no-build]" >&2
  exit 2
}
[ $# -ge 1 ] && [[ "$1" != -* ]] || usage
old_ref="$1"
shift
node_args=()
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --rows | --runs) [ $# -ge 2 ] || usage; node_args+=("$1" "$2"); shift 2 ;;
    --no-build) build=0; shift ;;
    *) usage ;;
  esac
done
old_commit="$(git rev-parse --verify "$old_ref^{commit}")"
command_line="bash bench/compare.sh $old_ref${node_args[*]:+ ${node_args[*]}}"

old_src="$PWD/build-bench/old-src"
if [ "$build" = 1 ]; then
  bash scripts/install-deps.sh >/dev/null
  bash fixtures/install.sh
  cmake_args=(-DCMAKE_BUILD_TYPE=Release -DJAO_BUILD_TESTS=OFF)
  if command -v ccache >/dev/null; then
    cmake_args+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
  fi
  bash scripts/build.sh build-bench "${cmake_args[@]}"
  if [ -e "$old_src/.git" ]; then
    git -C "$old_src" checkout -q --detach "$old_commit"
  else
    mkdir -p build-bench
    git worktree add -q --detach "$old_src" "$old_commit"
  fi
  # OLD_REF's own build script, given an absolute build folder.
  bash "$old_src/scripts/build.sh" "$PWD/build-bench/old" "${cmake_args[@]}"
fi
[ "$(git -C "$old_src" rev-parse HEAD)" = "$old_commit" ] ||
  { echo "compare.sh: $old_src is not at $old_ref (build first)" >&2; exit 1; }

source bench/servers.sh
bench_server production "${JAO_BENCH_PG_PORT:-5473}"
export JAO_BENCH_PG_URL="$bench_server_url"
node bench/compare.mjs --old build-bench/old --old-src "$old_src" --old-ref "$old_ref" \
  --new build-bench --command "$command_line" "${node_args[@]}"
