# Sourced by bench/run.sh and bench/compare.sh: throwaway PostgreSQL servers
# made with scripts/pg-cluster.sh, each in a folder of its own, all removed
# when the calling script exits (or is interrupted).
#   bench_server SETTINGS PORT   starts one (SETTINGS: production | test, see
#                                pg-cluster.sh) and sets bench_server_url to
#                                its postgresql:// URL
bench_server_dirs=()
bench_servers_cleanup() {
  local status=$?
  trap - EXIT INT TERM HUP
  for d in "${bench_server_dirs[@]}"; do bash scripts/pg-cluster.sh remove "$d" || true; done
  exit "$status"
}
trap bench_servers_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# Runs in the caller's shell (not a subshell) so that the cleanup sees its dir.
bench_server() {
  local dir
  dir="$(mktemp -d "${TMPDIR:-/tmp}/jao-bench-pg.XXXXXX")"
  bench_server_dirs+=("$dir")
  JAO_PG_SETTINGS="$1" bash scripts/pg-cluster.sh init "$dir" "$2" >&2
  bench_server_url="postgresql://jao@/jao_test?host=$dir&port=$2"
}
