#!/usr/bin/env bash
# tests/run.sh — run every test binary of the given build folders, then the fuzzers for a
# bounded time, and print one closing line "tests: N passed, N failed".
#
#   tests/run.sh build build-san build-fuzz
#
# Each cmocka binary prints its own report; a fuzzer counts as one test (passed when it ran
# FUZZ_SECONDS, default 20, without a crash). The CLI tests find the program through
# OPENITA_BIN, set to the build folder's openita.
#
# Then, once, with the program of the first build folder given (OPENITA_BIN, and OPENITA_ROOT
# set to the repository): every executable tests/scripts/test_*.sh counts as one test (its
# output shown when it fails; each has SCRIPT_SECONDS, default 300, before it is stopped), and
# tests/e2e/run.sh PROGRAM, when present, adds the counts of its closing line
# "e2e: N passed, M failed".
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

run_script() {  # script, program
  local out rc
  out=$(OPENITA_BIN="$2" OPENITA_ROOT="$PWD" timeout -k 10 "${SCRIPT_SECONDS:-300}" "$1" 2>&1)
  rc=$?
  if [ "$rc" -eq 0 ]; then
    echo "ok $1"
    passed=$((passed + 1))
  else
    printf '%s\n' "$out"
    [ "$rc" -eq 124 ] && echo "(stopped after ${SCRIPT_SECONDS:-300} s)"
    echo "FAILED $1 (status $rc)"
    failed=$((failed + 1)); failures+=("$1")
  fi
}

run_e2e() {  # program
  local out rc p f
  out=$(OPENITA_ROOT="$PWD" timeout -k 10 "${SCRIPT_SECONDS:-300}" tests/e2e/run.sh "$1" 2>&1)
  rc=$?
  printf '%s\n' "$out"
  p=$(printf '%s\n' "$out" | sed -n 's/^e2e: \([0-9]*\) passed, \([0-9]*\) failed.*/\1/p' | tail -1)
  f=$(printf '%s\n' "$out" | sed -n 's/^e2e: \([0-9]*\) passed, \([0-9]*\) failed.*/\2/p' | tail -1)
  p=${p:-0}; f=${f:-0}
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi   # failed before its closing line
  passed=$((passed + p)); failed=$((failed + f))
  [ "$f" -eq 0 ] || failures+=("tests/e2e/run.sh")
}

prog_dir=""
for dir in "$@"; do
  [ "$(basename "$dir")" = build-fuzz ] || { prog_dir=$dir; break; }
done
prog="$PWD/${prog_dir:-build}/openita"
scripts=(tests/scripts/test_*.sh)
if [ -x "$prog" ] && { [ -x "${scripts[0]}" ] || [ -x tests/e2e/run.sh ]; }; then
  echo "=== shell tests with $prog"
  for s in "${scripts[@]}"; do
    [ -x "$s" ] && run_script "$s" "$prog"
  done
  if [ -x tests/e2e/run.sh ]; then
    echo "=== tests/e2e/run.sh $prog"
    run_e2e "$prog"
  fi
elif [ ! -x "$prog" ]; then
  echo "=== shell tests: no program at $prog"
  failed=$((failed + 1)); failures+=("$prog (missing)")
fi

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
