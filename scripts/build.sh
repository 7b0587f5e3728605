#!/usr/bin/env bash
# Configures and builds into the folder given (default build/) with Ninja.
# Extra arguments go to cmake, e.g. -DJAO_SANITIZE=ON.
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-build}"
shift || true
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$dir"
