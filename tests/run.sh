#!/usr/bin/env bash
# tests/run.sh — run every test binary of the given build folders, then the fuzzers for a
# bounded time, and print one closing line "tests: N passed, N failed".
#
#   tests/run.sh build build-san build-fuzz
#
# Each cmocka binary prints its own report; a fuzzer counts as one test (passed when it ran
# FUZZ_SECONDS, default 20, without a crash). The CLI tests find the program through
# OPENITA_BIN, set to the build folder's openita.
set -u
cd "$(dirname "$0")/.."
passed=0
failed=0
failures=()
fuzz_dir=""

run_cmocka() {  # binary, build folder
  local out rc p f
  out=$(OPENITA_BIN="$2/openita" OPENITA_ROOT="$PWD" "$1" 2>&1); rc=$?
  printf '%s\n' "$out"
  p=$(printf '%s\n' "$out" | sed -n 's/.*\[  PASSED  \] \([0-9]*\) test.*/\1/p' | awk '{s+=$1} END {print s+0}')
  f=$(printf '%s\n' "$out" | sed -n 's/.*\[  FAILED  \] \([0-9]*\) test.*/\1/p' | awk '{s+=$1} END {print s+0}')
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi   # crashed before reporting
  passed=$((passed + p)); failed=$((failed + f))
  [ "$f" -eq 0 ] || failures+=("$1")
}

run_fuzzer() {  # binary
  local name corpus work dict=()
  name=$(basename "$1")
  corpus="fuzz/corpus/${name#fuzz_}"
  work=$(mktemp -d)
  cp -r "$corpus"/. "$work"/ 2>/dev/null
  [ -f "fuzz/${name#fuzz_}.dict" ] && dict=(-dict="fuzz/${name#fuzz_}.dict")
  echo "== $name for ${FUZZ_SECONDS:-20} s"
  if "$1" -max_total_time="${FUZZ_SECONDS:-20}" -timeout=10 -rss_limit_mb=2048 \
       "${dict[@]}" "$work" > "$work.log" 2>&1; then
    grep -E "Done [0-9]+ runs" "$work.log"
    passed=$((passed + 1))
  else
    tail -40 "$work.log"
    failed=$((failed + 1)); failures+=("$1")
  fi
  rm -rf "$work" "$work.log"
}

for dir in "$@"; do
  if [ "$(basename "$dir")" = build-fuzz ]; then fuzz_dir=$dir; continue; fi
  echo "=== tests in $dir"
  for t in "$dir"/tests/*/test_*; do
    [ -x "$t" ] && run_cmocka "$t" "$dir"
  done
done
if [ -n "$fuzz_dir" ]; then
  echo "=== fuzzers"
  for f in "$fuzz_dir"/fuzz_*; do
    [ -x "$f" ] && run_fuzzer "$f"
  done
fi
echo
if [ "${#failures[@]}" -gt 0 ]; then printf 'failed: %s\n' "${failures[@]}"; fi
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
