#!/usr/bin/env bash
# Old binary against new on the benchmark's first loads and later export, in
# one run (the "within 5% of before" conditions of issues 22 and 23):
#   bash bench/compare.sh OLD_REF [--new-ref REF] [--rows N] [--runs K]
#                                 [--no-later] [--no-build]
# Builds a Release jao-ingest of this tree into build-bench/ (as run.sh), or
# with --new-ref one of REF (a git worktree in build-bench/new-src, built
# into build-bench/new), and one of OLD_REF (a git worktree in
# build-bench/old-src, built into build-bench/old), with ccache when
# installed; generates (or finds, cached) the benchmark's DuckDB-written
# export of N rows (default 100000) and its later export (run.mjs's);
# starts a production-like PostgreSQL server (initdb defaults, fsync on;
# removed at exit); then bench/compare.mjs runs, per database, one warm-up
# of each binary and K pairs (default 5), old then new, of the first load (a
# fresh SQLite file / empty PostgreSQL database each run) and, unless
# --no-later, of the later export (the same, loaded first with the base
# export by the same binary, untimed), and writes bench/compare-results.md
# and bench/compare-results.json.
# JAO_BENCH_PG_PORT names the server's socket (default 5473; no TCP).
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  echo "usage: $0 OLD_REF [--new-ref REF] [--rows N] [--runs K] [--no-later] [--no-build]" >&2
  exit 2
}
[ $# -ge 1 ] && [[ "$1" != -* ]] || usage
old_ref="$1"
shift
new_ref=""
node_args=()
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --rows | --runs) [ $# -ge 2 ] || usage; node_args+=("$1" "$2"); shift 2 ;;
    --new-ref) [ $# -ge 2 ] || usage; new_ref="$2"; shift 2 ;;
    --no-later) node_args+=("$1"); shift ;;
    --no-build) build=0; shift ;;
    *) usage ;;
  esac
done
command_line="bash bench/compare.sh $old_ref${new_ref:+ --new-ref $new_ref}${node_args[*]:+ ${node_args[*]}}"

# A ref's own tree: a detached git worktree in build-bench/NAME-src, built by
# the ref's own build script into build-bench/NAME (an absolute folder).
build_ref() {  # NAME COMMIT
  local src="$PWD/build-bench/$1-src"
  if [ -e "$src/.git" ]; then
    git -C "$src" checkout -q --detach "$2"
  else
    mkdir -p build-bench
    git worktree add -q --detach "$src" "$2"
  fi
  bash "$src/scripts/build.sh" "$PWD/build-bench/$1" "${cmake_args[@]}"
}
check_ref() {  # NAME COMMIT REF
  [ "$(git -C "$PWD/build-bench/$1-src" rev-parse HEAD)" = "$2" ] ||
    { echo "compare.sh: build-bench/$1-src is not at $3 (build first)" >&2; exit 1; }
}

old_commit="$(git rev-parse --verify "$old_ref^{commit}")"
new_args=(--new build-bench)
if [ -n "$new_ref" ]; then
  new_commit="$(git rev-parse --verify "$new_ref^{commit}")"
  new_args=(--new build-bench/new --new-src "$PWD/build-bench/new-src" --new-ref "$new_ref")
fi
if [ "$build" = 1 ]; then
  bash scripts/install-deps.sh >/dev/null
  bash fixtures/install.sh
  cmake_args=(-DCMAKE_BUILD_TYPE=Release -DJAO_BUILD_TESTS=OFF)
  if command -v ccache >/dev/null; then
    cmake_args+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
  fi
  if [ -n "$new_ref" ]; then
    build_ref new "$new_commit"
  else
    bash scripts/build.sh build-bench "${cmake_args[@]}"
  fi
  build_ref old "$old_commit"
fi
check_ref old "$old_commit" "$old_ref"
[ -z "$new_ref" ] || check_ref new "$new_commit" "$new_ref"

source bench/servers.sh
bench_server production "${JAO_BENCH_PG_PORT:-5473}"
export JAO_BENCH_PG_URL="$bench_server_url"
node bench/compare.mjs --old build-bench/old --old-src "$PWD/build-bench/old-src" --old-ref "$old_ref" \
  "${new_args[@]}" --command "$command_line" "${node_args[@]}"
