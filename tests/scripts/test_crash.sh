#!/usr/bin/env bash
# test_crash.sh — the crash test at a small scale, as a test: 1.5 s of survey POSTs from 8
# threads, SIGKILL of the server, restart on the same database; no acknowledged response may be
# missing and the database must pass integrity_check (bench/crash.sh does the work and exits
# non-zero on any loss). Then the same with one never-sent nonce slipped into the acked list
# (CRASH_INJECT_LOST=1): that run must fail and say "lost 1", or the check could not see a
# loss. Run by tests/run.sh with OPENITA_BIN and OPENITA_ROOT set.
set -u
root=${OPENITA_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
export OPENITA_BIN=${OPENITA_BIN:-$root/build/openita}
[ -x "$OPENITA_BIN" ] || { echo "test_crash: no program at $OPENITA_BIN" >&2; exit 1; }

bash "$root/bench/crash.sh" --seconds 1.5 --threads 8 || { echo "test_crash: FAILED"; exit 1; }

out=$(CRASH_INJECT_LOST=1 bash "$root/bench/crash.sh" --seconds 0.5 --threads 4 2>&1); rc=$?
if [ "$rc" -ne 1 ] || ! grep -q ", lost 1$" <<< "$out"; then
  printf '%s\n' "$out"
  echo "test_crash: FAILED: a loss slipped into the acked list was not reported (status $rc)"
  exit 1
fi
echo "test_crash: ok (0 lost; an injected loss is reported)"
