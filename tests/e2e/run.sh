#!/usr/bin/env bash
# tests/e2e/run.sh [OPENITA_BIN] — the browser end-to-end tests of `openita serve`.
#
# Makes a temporary database, creates the first administrator with `openita user add` (the
# password on stdin), starts `openita serve` on 127.0.0.1 with a port the kernel picks (read
# back from the server's own "open http://…" line, so it is always free), waits for /healthz,
# and runs the specs in tests/e2e/specs with tests/e2e/runner.mjs: Debian's chromium
# (/usr/bin/chromium, or $CHROMIUM) driven by playwright-core, never a downloaded browser.
# Between spec a (which imports agency E2E01) and spec b the script creates that agency's
# admin with `openita user add --role agency_admin --agency E2E01`, and an assessor for the
# OIT spec f. The server is stopped and
# the temporary folder removed on every exit; that it stops cleanly on SIGTERM (status 0, no
# sanitizer report in its log) is counted as one more check, "server-stops-cleanly".
# Screenshots and the server's log go to build/e2e-artifacts/. The last line is exactly
# "e2e: N passed, M failed"; exit 0 only when every check passed. Needs node (>= 20) and `npm ci` in tests/e2e (scripts/install-deps.sh).
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
specs_first=(a-admin-import)
specs_then=(b-agency-populations c-respondent-iit d-agency-count e-agency-plan
            f-oit-assessor-keyboard)
all_specs=("${specs_first[@]}" "${specs_then[@]}")
agency_code=E2E01
agency_user=e2e-officer
assessor_user=e2e-assessor

finish() {   # finish PASSED FAILED: the closing line and the exit status
  echo "e2e: $1 passed, $2 failed"
  [ "$2" -eq 0 ] && [ "$1" -gt 0 ]
  exit $?
}
setup_failed() {   # every spec and the server check count as failed
  echo "e2e: $*"
  finish 0 $((${#all_specs[@]} + 1))
}

bin="${1:-$root/build/openita}"
[ -x "$bin" ] || setup_failed "no openita program at $bin (build it with make)"
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
chromium_bin="${CHROMIUM:-/usr/bin/chromium}"
command -v node >/dev/null 2>&1 || setup_failed "node is not installed (scripts/install-deps.sh)"
[ -x "$chromium_bin" ] || setup_failed "no chromium at $chromium_bin (scripts/install-deps.sh)"
[ -d "$here/node_modules/playwright-core" ] ||
  setup_failed "playwright-core is missing: run (cd tests/e2e && npm ci) or scripts/install-deps.sh"

artifacts="$root/build/e2e-artifacts"
mkdir -p "$artifacts"
rm -f "$artifacts"/*.png "$artifacts"/server.log
tmp="$(mktemp -d "${TMPDIR:-/tmp}/openita-e2e.XXXXXX")"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null
    wait "$server_pid" 2>/dev/null
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

started_ns=$(date +%s%N)
db="$tmp/e2e.db"
random_password() { printf 'e2e-%s' "$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"; }
admin_password="$(random_password)"
agency_password="$(random_password)"
assessor_password="$(random_password)"

printf '%s\n' "$admin_password" | "$bin" user add --db "$db" --role admin admin \
  >"$tmp/user-admin.log" 2>&1 || setup_failed "openita user add (admin) failed: $(cat "$tmp/user-admin.log")"

# --evidence-allow-private: spec e's OIT evidence URLs point at this server itself (loopback).
"$bin" serve --db "$db" --listen 127.0.0.1:0 --evidence-allow-private \
  >"$artifacts/server.log" 2>&1 &
server_pid=$!
port=""
for _ in $(seq 1 100); do
  port="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$artifacts/server.log" 2>/dev/null | head -n 1 | sed 's/.*://')"
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
[ -n "$port" ] || setup_failed "the server did not start: $(tail -n 5 "$artifacts/server.log")"
base="http://127.0.0.1:$port"
healthy=""
for _ in $(seq 1 100); do
  if node -e "fetch('$base/healthz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; then
    healthy=1
    break
  fi
  sleep 0.1
done
[ -n "$healthy" ] || setup_failed "$base/healthz never answered 200"
echo "e2e: server $bin on $base (log: build/e2e-artifacts/server.log)"

export E2E_BASE="$base" E2E_ARTIFACTS="$artifacts" E2E_STATE="$tmp/state.json"
export E2E_RESULTS="$tmp/results" E2E_ADMIN_PASSWORD="$admin_password"
export E2E_AGENCY_USER="$agency_user" E2E_AGENCY_PASSWORD="$agency_password"
export E2E_AGENCY_CODE="$agency_code" CHROMIUM="$chromium_bin"
export E2E_ASSESSOR_USER="$assessor_user" E2E_ASSESSOR_PASSWORD="$assessor_password"
: >"$E2E_RESULTS"

node "$here/runner.mjs" "${specs_first[@]}"
# The agency admin of the agency spec a imported: the way an administrator adds one today.
if ! printf '%s\n' "$agency_password" | "$bin" user add --db "$db" --role agency_admin \
     --agency "$agency_code" "$agency_user" >"$tmp/user-agency.log" 2>&1; then
  echo "e2e: openita user add --role agency_admin --agency $agency_code failed:" \
       "$(cat "$tmp/user-agency.log")"
fi
# The OIT assessor of spec e (issue 4).
if ! printf '%s\n' "$assessor_password" | "$bin" user add --db "$db" --role assessor \
     "$assessor_user" >"$tmp/user-assessor.log" 2>&1; then
  echo "e2e: openita user add --role assessor failed: $(cat "$tmp/user-assessor.log")"
fi
node "$here/runner.mjs" "${specs_then[@]}"

passed=0
failed=0
# The server must stop on SIGTERM within 10 s, exit 0, and (in a sanitizer build) have
# reported nothing: a crash or a leak found while serving the specs is a failure too.
kill -TERM "$server_pid" 2>/dev/null
for _ in $(seq 1 100); do
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$server_pid" 2>/dev/null; then
  kill -KILL "$server_pid" 2>/dev/null
  wait "$server_pid" 2>/dev/null
  server_problem="did not stop within 10 s of SIGTERM"
else
  wait "$server_pid"
  status=$?
  server_problem=""
  [ "$status" -eq 0 ] || server_problem="exited with status $status"
fi
server_pid=""
if grep -qE '(ERROR|WARNING): (Address|Leak|Thread)Sanitizer|runtime error:' "$artifacts/server.log"; then
  server_problem="${server_problem:+$server_problem; }a sanitizer reported an error"
fi
if [ -z "$server_problem" ]; then
  echo "ok server-stops-cleanly"
  passed=$((passed + 1))
else
  echo "not ok server-stops-cleanly: the server $server_problem (build/e2e-artifacts/server.log)"
  failed=$((failed + 1))
fi
for spec in "${all_specs[@]}"; do
  if grep -qx "pass $spec" "$E2E_RESULTS"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
done
elapsed_ds=$((($(date +%s%N) - started_ns) / 100000000))
printf 'e2e: took %d.%d s; screenshots in build/e2e-artifacts/\n' $((elapsed_ds / 10)) $((elapsed_ds % 10))
finish "$passed" "$failed"
