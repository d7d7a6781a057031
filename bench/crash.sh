#!/usr/bin/env bash
# bench/crash.sh — the crash test (`make bench-crash`): no acknowledged survey response is ever
# lost when the server dies mid-load.
#
#   bash bench/crash.sh [--seconds S] [--threads N]
#
# 1. `openita serve --demo --rate-network 0 --rate-link 0` on a fresh database, on a free port.
# 2. bench/load/crash_client.py POSTs complete EIT responses to one agency's link from N threads
#    (default 16), writing each nonce to the "acked" file only once its 303 has been read.
# 3. After S seconds (default 3) the server is killed with SIGKILL, mid-load.
# 4. The server is started again on the same database (migrations, WAL recovery), answers
#    /healthz, and is stopped with SIGTERM (it must say "stopped cleanly" and exit 0).
# 5. With the sqlite3 CLI: every acked nonce is in submission_nonces (lost = 0); PRAGMA
#    integrity_check is "ok"; the responses and the nonces added by the run are as many (one
#    transaction carries both); the participation's eit_responses counter equals its rows.
# Prints acked, stored and lost, and exits 1 on any loss or failed check (2 when it could not
# run). CRASH_INJECT_LOST=1 adds one never-sent nonce to the acked list, to see the check
# fail. OPENITA_BIN names the program (default build/openita, built when absent); the work
# folder is removed unless KEEP=1.
#
# What it proves and what not: SIGKILL ends the process, not the machine, so writes in the
# page cache survive it. It shows that a 303 is sent only after the commit carrying the
# response (no acknowledgement from a queue in memory) and that the database recovers whole;
# durability across power loss rests on synchronous=FULL (fsync before the 303), which this
# test cannot cut the power to check.
set -u
cd "$(dirname "$0")/.."
root=$PWD
seconds=3
threads=16
while [ $# -gt 0 ]; do
  case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    *) echo "usage: bench/crash.sh [--seconds S] [--threads N]" >&2; exit 2 ;;
  esac
done
bin=${OPENITA_BIN:-build/openita}
if [ -z "${OPENITA_BIN:-}" ] && [ ! -x "$bin" ]; then make -s -j2 build/openita || exit 2; fi
for tool in sqlite3 curl python3; do
  command -v "$tool" >/dev/null || { echo "crash: $tool is needed" >&2; exit 2; }
done
. "$root/bench/load/lib.sh"

work=$(mktemp -d /tmp/openita-crash-XXXXXX)
db=$work/crash.db
client_pid=""
cleanup() {
  [ -n "$client_pid" ] && kill "$client_pid" 2>/dev/null
  oi_serve_stop KILL 2>/dev/null
  if [ "${KEEP:-0}" = 1 ]; then echo "crash: work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 2' INT TERM

oi_serve_start "$bin" "$work/serve1.log" --db "$db" --demo --rate-network 0 --rate-link 0 || exit 2
token=$(oi_eit_token "$db")
[ -n "$token" ] || { echo "crash: no participation in the demo database" >&2; exit 2; }
pid_of_part=$(sqlite3 "$db" "SELECT id FROM participations WHERE eit_token = '$token';")
q_counts="SELECT (SELECT count(*) FROM responses WHERE participation_id = $pid_of_part AND instrument = 'EIT'), (SELECT count(*) FROM submission_nonces WHERE participation_id = $pid_of_part);"
IFS='|' read -r resp0 nonce0 <<< "$(sqlite3 "$db" "$q_counts")"

echo "crash: $threads client threads POSTing to $OI_URL/s/$token for $seconds s, then SIGKILL"
: > "$work/acked"
python3 "$root/bench/load/crash_client.py" --url "$OI_URL" --token "$token" \
  --acked "$work/acked" --threads "$threads" --max-seconds 120 > "$work/client.log" 2>&1 &
client_pid=$!
sleep "$seconds"
killed_pid=$OI_PID
oi_serve_stop KILL
echo "crash: server (pid $killed_pid) killed with SIGKILL"
wait "$client_pid"; client_rc=$?
client_pid=""
cat "$work/client.log"
[ "$client_rc" -eq 0 ] || { echo "crash: the load client failed (status $client_rc)" >&2; exit 2; }

# Start again on the same database: recovery, then a clean stop.
fail=0
if ! oi_serve_start "$bin" "$work/serve2.log" --db "$db"; then
  echo "crash: FAIL: the server does not start again on the database" >&2
  exit 1
fi
health=$(curl -s -o /dev/null -w '%{http_code}' "$OI_URL/healthz")
[ "$health" = 200 ] || { echo "crash: FAIL: /healthz after restart answered $health" >&2; fail=1; }
stop_rc=0
oi_serve_stop TERM || stop_rc=$?
if [ "$stop_rc" -ne 0 ] || ! grep -q "stopped cleanly" "$work/serve2.log"; then
  echo "crash: FAIL: the restarted server did not stop cleanly (status $stop_rc):" >&2
  cat "$work/serve2.log" >&2
  fail=1
fi

# The checks, on the stopped database. CRASH_INJECT_LOST=1 (for the test of this test) adds a
# nonce that was never sent to the acked file: the run must then report 1 lost and fail.
[ "${CRASH_INJECT_LOST:-0}" = 1 ] && echo "NeverSentNonce00000000" >> "$work/acked"
acked=$(wc -l < "$work/acked")
integrity=$(sqlite3 "$db" "PRAGMA integrity_check;" 2>&1)
lost=$(sqlite3 "$db" <<SQL 2>&1
CREATE TEMP TABLE acked (nonce TEXT NOT NULL);
.mode csv
.import '$work/acked' acked
SELECT count(*) FROM acked
 WHERE nonce NOT IN (SELECT nonce FROM submission_nonces WHERE participation_id = $pid_of_part);
SQL
)
IFS='|' read -r resp1 nonce1 <<< "$(sqlite3 "$db" "$q_counts")"
counter=$(sqlite3 "$db" "SELECT eit_responses FROM participations WHERE id = $pid_of_part;")
d_resp=$((resp1 - resp0))
d_nonce=$((nonce1 - nonce0))

echo "crash: acked $acked, stored $d_nonce ($((d_nonce - acked)) more were in flight when the server died, never acknowledged), lost $lost"
echo "crash: integrity_check: $integrity"
echo "crash: responses added $d_resp, nonces added $d_nonce; eit_responses counter $counter, rows $resp1"
[[ "$lost" =~ ^[0-9]+$ ]] || { echo "crash: FAIL: could not count lost nonces: $lost" >&2; fail=1; lost=-1; }
[ "$acked" -gt 0 ] || { echo "crash: FAIL: no response was acknowledged before the kill: the test did not test anything" >&2; fail=1; }
[ "$lost" = 0 ] || { echo "crash: FAIL: $lost acknowledged responses are missing" >&2; fail=1; }
[ "$integrity" = ok ] || { echo "crash: FAIL: integrity_check is not ok" >&2; fail=1; }
[ "$d_resp" -eq "$d_nonce" ] || { echo "crash: FAIL: responses and nonces added differ (not one transaction)" >&2; fail=1; }
[ "$counter" = "$resp1" ] || { echo "crash: FAIL: eit_responses counter $counter differs from the rows, $resp1" >&2; fail=1; }
[ "$d_nonce" -ge "$acked" ] || { echo "crash: FAIL: fewer nonces stored than acknowledged" >&2; fail=1; }
if [ "$fail" -eq 0 ]; then echo "crash: PASS (0 lost)"; else echo "crash: FAIL"; fi
exit "$fail"
