#!/usr/bin/env bash
# Builds the two fuzzers with clang (ASan + UBSan + libFuzzer) into
# build-fuzz/ and runs them within one time budget (default 60 s, split in
# half): read_path_fuzz (the reader) over the Apache conformance files, then
# ingest_path_fuzz (mapping + chunk building, no database) over those and
# the generated legacy files in tests/fuzz/seeds/ and tests/ingest/data/.
# Exits non-zero on any crash; the crashing input is left in
# build-fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
corpus_src="${JAO_PARQUET_TESTING:-$(cd .. && pwd)/shared/parquet-testing}"

cmake -S . -B build-fuzz -G Ninja -DJAO_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ >/dev/null
cmake --build build-fuzz --target read_path_fuzz ingest_path_fuzz

work=build-fuzz/corpus
ingest_work=build-fuzz/ingest-corpus
mkdir -p "$work" "$ingest_work" build-fuzz/artifacts
if [ -d "$corpus_src" ]; then
  find "$corpus_src/data" "$corpus_src/bad_data" -name '*.parquet' -size -2M \
    -exec cp -n {} "$work/" \; 2>/dev/null || true
else
  echo "fuzz: corpus $corpus_src absent; fuzzing from an empty seed corpus"
fi
for f in tests/fuzz/regressions/*; do
  [ -f "$f" ] && cp -n "$f" "$work/"
done

cp -n "$work"/* "$ingest_work/" 2>/dev/null || true
for f in tests/fuzz/seeds/*.parquet tests/ingest/data/*.parquet; do
  [ -f "$f" ] && cp -n "$f" "$ingest_work/"
done

# Runs one target for $2 seconds over corpus $3; its log is build-fuzz/$1.log.
run() {
  build-fuzz/tests/fuzz/"$1" "$3" -max_total_time="$2" \
    -rss_limit_mb=2048 -malloc_limit_mb=1024 -timeout=10 -print_final_stats=1 \
    -artifact_prefix=build-fuzz/artifacts/ 2>&1 | tee "build-fuzz/$1.log" |
    grep -E '^(#|INFO: -max|Done|stat::|==|SUMMARY)' | tail -25
  return "${PIPESTATUS[0]}"
}
first=$((seconds / 2))
status=0
echo "fuzz: read_path_fuzz for ${first} s"
run read_path_fuzz "$first" "$work" || status=$?
echo "fuzz: ingest_path_fuzz for $((seconds - first)) s"
run ingest_path_fuzz "$((seconds - first))" "$ingest_work" || status=$?
exit "$status"
