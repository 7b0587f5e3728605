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
# that user). The cluster itself is scripts/pg-cluster.sh's. Exit status is
# the command's. JAO_PG_SETTINGS=production gives a server with initdb's
# durable defaults (fsync on) instead of the test suite's fast one (see
# pg-cluster.sh); the test suite never sets it.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi

here="$(cd "$(dirname "$0")" && pwd)"
bash "$here/pg-cluster.sh" check

dir="$(mktemp -d "${TMPDIR:-/tmp}/jao-pg.XXXXXX")"
port="${JAO_PG_PORT:-5432}"
role=jao
db=jao_test

cleanup() {
  local status=$?
  trap - EXIT INT TERM HUP
  bash "$here/pg-cluster.sh" remove "$dir" || true
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

bash "$here/pg-cluster.sh" init "$dir" "$port"

export PGHOST="$dir" PGPORT="$port" PGUSER="$role" PGDATABASE="$db"
export JAO_TEST_PG_URL="postgresql://$role@/$db?host=$dir&port=$port"

set +e
"$@"
status=$?
set -e
exit "$status"
