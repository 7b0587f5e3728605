#!/usr/bin/env bash
# Installs every Debian 12 package that jao-ingest's build, tests and tools need.
# Run as root (or with sudo available). Safe to run again: apt-get skips what is there.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config clang clang-format
  libclang-rt-14-dev
  libsnappy-dev libzstd-dev zlib1g-dev liblz4-dev libbrotli-dev
  libsqlite3-dev libpq-dev postgresql-15
  libcli11-dev libfmt-dev nlohmann-json3-dev
  googletest libgtest-dev libgmock-dev libbenchmark-dev
  python3-django python3-psycopg2
)
# python3-django (3.2) and python3-psycopg2 run tests/django, a Django project
# that checks jao-ingest against Django's own migrations and ORM; the tests
# call Debian's /usr/bin/python3, which sees them.
# Node.js runs only the fixture and benchmark scripts (DuckDB from npm). Machines
# that already have a Node.js with npm (e.g. from NodeSource) keep it: Debian's
# npm package conflicts with it.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
