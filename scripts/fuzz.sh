#!/usr/bin/env bash
# Builds the read-path fuzzer with clang (ASan + UBSan + libFuzzer) into
# build-fuzz/ and runs it for a bounded time (default 60 s) over a seed corpus
# copied from the Apache conformance files. Exits non-zero on any crash;
# the crashing input is left in build-fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
corpus_src="${JAO_PARQUET_TESTING:-$(cd .. && pwd)/shared/parquet-testing}"

cmake -S . -B build-fuzz -G Ninja -DJAO_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ >/dev/null
cmake --build build-fuzz --target read_path_fuzz

work=build-fuzz/corpus
mkdir -p "$work" build-fuzz/artifacts
if [ -d "$corpus_src" ]; then
  find "$corpus_src/data" "$corpus_src/bad_data" -name '*.parquet' -size -2M \
    -exec cp -n {} "$work/" \; 2>/dev/null || true
else
  echo "fuzz: corpus $corpus_src absent; fuzzing from an empty seed corpus"
fi
for f in tests/fuzz/regressions/*; do
  [ -f "$f" ] && cp -n "$f" "$work/"
done

build-fuzz/tests/fuzz/read_path_fuzz "$work" -max_total_time="$seconds" \
  -rss_limit_mb=2048 -malloc_limit_mb=1024 -timeout=10 -print_final_stats=1 \
  -artifact_prefix=build-fuzz/artifacts/ 2>&1 | tee build-fuzz/fuzz.log | grep -E '^(#|INFO: -max|Done|stat::|==|SUMMARY)' | tail -25
exit "${PIPESTATUS[0]}"
