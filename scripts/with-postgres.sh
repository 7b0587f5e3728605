#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL 15 cluster:
#   scripts/with-postgres.sh ctest --test-dir build -L db
# The cluster lives in a fresh temporary directory, listens only on a unix
# socket there (no TCP), and is stopped and removed when the command ends,
# fails or is interrupted. The command sees PGHOST, PGPORT, PGUSER,
# PGDATABASE and JAO_TEST_PG_URL (a postgresql:// URL libpq accepts), as the
# superuser role `jao` with trust authentication (any other role must give
# its password). Runs as root (the server then runs as the `postgres` system
# user, since initdb refuses root) or as any other user (the server runs as
# that user). Exit status is the command's.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi

bindir="${JAO_PG_BINDIR:-/usr/lib/postgresql/15/bin}"
if [ ! -x "$bindir/initdb" ]; then
  echo "with-postgres: $bindir/initdb not found (apt-get install postgresql-15)" >&2
  exit 2
fi

as_server=()
if [ "$(id -u)" -eq 0 ]; then
  server_user="${JAO_PG_SERVER_USER:-postgres}"
  if ! id "$server_user" >/dev/null 2>&1; then
    echo "with-postgres: running as root needs the system user '$server_user'" >&2
    exit 2
  fi
  as_server=(runuser -u "$server_user" --)
fi

dir="$(mktemp -d "${TMPDIR:-/tmp}/jao-pg.XXXXXX")"
chmod 700 "$dir"
[ ${#as_server[@]} -eq 0 ] || chown "$server_user" "$dir"
data="$dir/data"
port="${JAO_PG_PORT:-5432}"
role=jao
db=jao_test

cleanup() {
  local status=$?
  trap - EXIT INT TERM HUP
  if [ -f "$data/postmaster.pid" ]; then
    "${as_server[@]}" "$bindir/pg_ctl" -D "$data" -m immediate -w stop \
      >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

"${as_server[@]}" "$bindir/initdb" -D "$data" -U "$role" --auth=trust \
  --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 || {
  cat "$dir/initdb.log" >&2
  exit 1
}

# The superuser `jao` (the tests' client) is trusted; every other role must
# give its password, so tests can check what a failed login reports.
cat >"$data/pg_hba.conf" <<HBA
local all $role trust
local all all scram-sha-256
HBA

# The socket directory is the temp dir itself: only this cluster's socket,
# so the default port cannot collide with another server's socket.
"${as_server[@]}" "$bindir/pg_ctl" -D "$data" -l "$dir/server.log" -w \
  -o "-c listen_addresses='' -c unix_socket_directories='$dir' -p $port \
      -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
      -c max_connections=40 -c shared_buffers=32MB" \
  start >/dev/null || {
  cat "$dir/server.log" >&2
  exit 1
}
# The client may be root while the server runs as postgres: let it reach
# the socket.
chmod 755 "$dir"

"$bindir/createdb" -h "$dir" -p "$port" -U "$role" "$db"

export PGHOST="$dir" PGPORT="$port" PGUSER="$role" PGDATABASE="$db"
export JAO_TEST_PG_URL="postgresql://$role@/$db?host=$dir&port=$port"

set +e
"$@"
status=$?
set -e
exit "$status"
