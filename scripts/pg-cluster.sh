#!/usr/bin/env bash
# One throwaway PostgreSQL 15 cluster in a folder of its own, for
# scripts/with-postgres.sh and for the end-to-end test that stops a server
# mid-run (tests/e2e/pg_fault_e2e_test.cc):
#   pg-cluster.sh check                 exit 0 when a cluster can be made here,
#                                       else the reason on stderr and exit 2
#   pg-cluster.sh init DIR PORT         initdb into DIR/data, start the server
#                                       and create the database jao_test
#   pg-cluster.sh stop DIR [fast|immediate]   stop the server (default fast)
#   pg-cluster.sh start DIR             start the stopped server again
#   pg-cluster.sh remove DIR            stop it (immediate) and delete DIR
# DIR must exist and be empty for init. The server listens only on a unix
# socket in DIR (no TCP), so PORT only names the socket and cannot collide
# with another cluster's. Clients connect as the superuser role `jao` with
# trust authentication; every other role must give its password. As root the
# server runs as the `postgres` system user (initdb refuses root), otherwise
# as the calling user. JAO_PG_BINDIR and JAO_PG_SERVER_USER override the
# defaults.
#
# JAO_PG_SETTINGS (read by init) chooses the server's durability:
#   test (default)  fsync, synchronous_commit and full_page_writes off, 32 MB
#                   shared_buffers: fast throwaway servers for the test suite
#   production      initdb's defaults (fsync, synchronous_commit and
#                   full_page_writes on, 128 MB shared_buffers), as a
#                   production server runs: what the benchmark measures
set -euo pipefail

bindir="${JAO_PG_BINDIR:-/usr/lib/postgresql/15/bin}"
server_user="${JAO_PG_SERVER_USER:-postgres}"
role=jao
db=jao_test

usage() {
  echo "usage: $0 check | init DIR PORT | stop DIR [fast|immediate] |" \
    "start DIR | remove DIR" >&2
  exit 2
}

check() {
  if [ ! -x "$bindir/initdb" ]; then
    echo "pg-cluster: $bindir/initdb not found (apt-get install postgresql-15)" >&2
    return 2
  fi
  if [ "$(id -u)" -eq 0 ] && ! id "$server_user" >/dev/null 2>&1; then
    echo "pg-cluster: running as root needs the system user '$server_user'" >&2
    return 2
  fi
}

# Runs a server-side command as the server's user.
as_server() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "$server_user" -- "$@"
  else
    "$@"
  fi
}

start() {
  local dir="$1"
  as_server "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w start \
    >/dev/null || {
    cat "$dir/server.log" >&2
    return 1
  }
}

init() {
  local dir="$1" port="$2"
  local settings="${JAO_PG_SETTINGS:-test}"
  case "$settings" in
    test | production) ;;
    *) echo "pg-cluster: JAO_PG_SETTINGS must be test or production" >&2; return 2 ;;
  esac
  check
  chmod 700 "$dir"
  [ "$(id -u)" -ne 0 ] || chown "$server_user" "$dir"
  as_server "$bindir/initdb" -D "$dir/data" -U "$role" --auth=trust \
    --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    return 1
  }
  # Only `jao` (the tests' client) is trusted, so tests can check what a
  # failed login reports.
  cat >"$dir/data/pg_hba.conf" <<HBA
local all $role trust
local all all scram-sha-256
HBA
  # In the configuration file, not on the command line, so that `start`
  # brings the same server back after a stop.
  cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$dir'
port = $port
CONF
  if [ "$settings" = test ]; then
    cat >>"$dir/data/postgresql.conf" <<CONF
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 40
shared_buffers = 32MB
CONF
  fi
  start "$dir"
  # The client may be root while the server runs as postgres: let it reach
  # the socket.
  chmod 755 "$dir"
  "$bindir/createdb" -h "$dir" -p "$port" -U "$role" "$db"
}

stop() {
  local dir="$1" mode="${2:-fast}"
  as_server "$bindir/pg_ctl" -D "$dir/data" -m "$mode" -w stop >/dev/null
}

remove() {
  local dir="$1"
  if [ -f "$dir/data/postmaster.pid" ]; then
    stop "$dir" immediate 2>/dev/null || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  check) [ $# -eq 1 ] || usage; check ;;
  init) [ $# -eq 3 ] || usage; init "$2" "$3" ;;
  stop) [ $# -eq 2 ] || [ $# -eq 3 ] || usage; stop "$2" "${3:-fast}" ;;
  start) [ $# -eq 2 ] || usage; start "$2" ;;
  remove) [ $# -eq 2 ] || usage; remove "$2" ;;
  *) usage ;;
esac
