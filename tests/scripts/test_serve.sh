#!/usr/bin/env bash
# test_serve.sh — `openita serve` over real HTTP (curl), and the shell commands around it:
#   - serve starts on a fresh database (with and without --demo) and prints its URL;
#   - /healthz 200 JSON; HEAD works; a survey page 200 with its nonce field;
#   - bad request targets: GET /%zz 400, a 3 MiB body 413 (and the server keeps serving),
#     a POST of text/plain 415, an unknown path 404;
#   - a valid survey POST 303 to /s/TOKEN/thanks; the same nonce again stores nothing;
#   - `openita backup` of the live database: a copy that passes integrity_check, with the same
#     rows; a backup onto an existing file is refused;
#   - `openita user add` with a short password: exit 2 and no account; a long one: added;
#   - SIGTERM: exit 0 and "stopped cleanly"; no sanitizer report in the logs (a SAN=1 program).
# Prints "ok - …" / "not ok - …" per check and exits 1 when any failed. Run by tests/run.sh with
# OPENITA_BIN and OPENITA_ROOT set.
set -u
root=${OPENITA_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${OPENITA_BIN:-$root/build/openita}
. "$root/bench/load/lib.sh"
[ -x "$bin" ] || { echo "test_serve: no program at $bin" >&2; exit 1; }

work=$(mktemp -d /tmp/openita-test-serve-XXXXXX)
trap 'oi_serve_stop KILL 2>/dev/null; rm -rf "$work"' EXIT
passed=0
failed=0

# check NAME ACTUAL EXPECTED
check() {
  if [ "$2" = "$3" ]; then
    echo "ok - $1"; passed=$((passed + 1))
  else
    echo "not ok - $1: got \"$2\", want \"$3\""; failed=$((failed + 1))
  fi
}
# status METHOD-ARGS... : curl's status code, body to $work/body, headers to $work/headers
status() {
  curl -s -o "$work/body" -D "$work/headers" -w '%{http_code}' "$@"
}
header() {  # header NAME: its value in $work/headers (first), without CR
  sed -n "s/^$1: *//Ip" "$work/headers" | tr -d '\r' | head -1
}

# --- a fresh database without --demo: starts, says how to add the first account, stops
if oi_serve_start "$bin" "$work/plain.log" --db "$work/plain.db"; then
  check "serve starts on a fresh database without --demo" ok ok
  check "no-demo serve says how to add an administrator" \
    "$(grep -c 'openita user add' "$work/plain.log")" 1
  check "healthz on the no-demo database" "$(status "$OI_URL/healthz")" 200
  rc=0; oi_serve_stop TERM || rc=$?
  check "SIGTERM stops the no-demo server with status 0" "$rc" 0
else
  check "serve starts on a fresh database without --demo" failed ok
fi

# --- the demo database
db=$work/demo.db
if ! oi_serve_start "$bin" "$work/serve.log" --db "$db" --demo; then
  check "serve --demo starts on a fresh database" failed ok
  echo "test_serve: $passed passed, $((failed)) failed"
  exit 1
fi
check "serve --demo starts on a fresh database and prints its URL" ok ok
token=$(oi_eit_token "$db")
check "the demo has an EIT link" "$([ -n "$token" ] && echo yes)" yes

check "GET /healthz is 200" "$(status "$OI_URL/healthz")" 200
check "/healthz is JSON" "$(header Content-Type | cut -d';' -f1)" application/json
check "/healthz says ok" "$(grep -c '"status": *"ok"' "$work/body")" 1
head_out=$(curl -s -I -o /dev/null -w '%{http_code} %{size_download}' "$OI_URL/healthz")
check "HEAD /healthz is 200" "${head_out% *}" 200
check "HEAD has no body" "${head_out#* }" 0

check "GET /s/TOKEN is 200" "$(status "$OI_URL/s/$token")" 200
check "the survey page is HTML" "$(header Content-Type | cut -d';' -f1)" text/html
check "the survey page has a nonce field" "$(grep -c 'name="nonce"' "$work/body")" 1
check "the survey page is not cached" "$(header Cache-Control)" no-store
cp "$work/body" "$work/survey.html"

check "GET /%zz is 400" "$(status --path-as-is "$OI_URL/%zz")" 400
check "GET /%00 is 400" "$(status --path-as-is "$OI_URL/a%00b")" 400
check "an unknown path is 404" "$(status "$OI_URL/no/such/page")" 404
head -c $((3 << 20)) /dev/zero | tr '\0' 'a' > "$work/big"
check "a 3 MiB POST is 413" \
  "$(status -H 'Expect:' -H 'Content-Type: application/x-www-form-urlencoded' \
     --data-binary @"$work/big" "$OI_URL/s/$token")" 413
check "the server keeps serving after the 413" "$(status "$OI_URL/healthz")" 200
check "a POST of text/plain is 415" \
  "$(status -H 'Content-Type: text/plain' --data-binary 'e1=1' "$OI_URL/s/$token")" 415

# a valid response, then the same nonce again
answers=$(oi_form_fields "$work/survey.html" | sed 's/:[0-9]*//g; s/,/=1\&/g; s/$/=1/')
rows0=$(sqlite3 "$db" "SELECT count(*) FROM responses;")
nonce=TestServeNonce0000000A
check "a valid survey POST is 303" "$(status --data "$answers&nonce=$nonce" "$OI_URL/s/$token")" 303
check "… to the thanks page" "$(header Location | sed 's|^http://[^/]*||')" "/s/$token/thanks"
status --data "$answers&nonce=$nonce" "$OI_URL/s/$token" > /dev/null
check "the same nonce twice stores one response" \
  "$(sqlite3 "$db" "SELECT count(*) FROM responses;")" $((rows0 + 1))
check "a form with a gap is 422" \
  "$(status --data "e1=1&nonce=TestServeNonce0000000B" "$OI_URL/s/$token")" 422

# backup of the live database
rc=0; "$bin" backup --db "$db" "$work/copy.db" > "$work/backup.log" 2>&1 || rc=$?
check "openita backup of the live database exits 0" "$rc" 0
check "the copy passes integrity_check" "$(sqlite3 "$work/copy.db" 'PRAGMA integrity_check;' 2>&1)" ok
check "the copy has the same responses" "$(sqlite3 "$work/copy.db" 'SELECT count(*) FROM responses;' 2>&1)" \
  "$(sqlite3 "$db" 'SELECT count(*) FROM responses;')"
rc=0; "$bin" backup --db "$db" "$work/copy.db" > /dev/null 2>&1 || rc=$?
check "a backup onto an existing file is refused" "$([ "$rc" -ne 0 ] && echo refused)" refused

# accounts from the shell
users0=$(sqlite3 "$db" "SELECT count(*) FROM users;")
rc=0; printf 'short\n' | "$bin" user add --db "$db" --role viewer shorty > "$work/user.log" 2>&1 || rc=$?
check "user add with a short password exits 2" "$rc" 2
check "… and adds nobody" "$(sqlite3 "$db" "SELECT count(*) FROM users;")" "$users0"
check "… and says what was wrong" "$([ -s "$work/user.log" ] && echo said)" said
rc=0; printf 'a-long-enough-password\n' | "$bin" user add --db "$db" --role viewer longpw > /dev/null 2>&1 || rc=$?
check "user add with a long password exits 0" "$rc" 0
check "… and adds the account" "$(sqlite3 "$db" "SELECT count(*) FROM users WHERE username = 'longpw';")" 1

# a clean stop
rc=0; oi_serve_stop TERM || rc=$?
check "SIGTERM: serve exits 0" "$rc" 0
check "SIGTERM: serve says it stopped cleanly" "$(grep -c 'stopped cleanly' "$work/serve.log")" 1
check "the database passes integrity_check after the stop" "$(sqlite3 "$db" 'PRAGMA integrity_check;')" ok
# (a sanitizer build of the program writes its reports to the server's log)
check "no sanitizer report in the servers' logs" \
  "$(cat "$work/plain.log" "$work/serve.log" | grep -cE 'AddressSanitizer|LeakSanitizer|runtime error:')" 0

echo "test_serve: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
