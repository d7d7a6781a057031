#!/usr/bin/env bash
# test_evidence.sh — `openita evidence capture` as a user runs it, against
# tests/check/evidence_server.py on loopback:
#   - one JSON object per URL and line, in the order given, with the fields of capture.h (the
#     text fingerprint of a page, what a body of a generic type was sniffed as);
#   - exit 0 when every URL was fetched, 1 when any is broken, 2 for bad usage (nothing on
#     stdout then);
#   - --from FILE (comments and blank lines skipped), --max-size cuts, --timeout bounds a drip,
#     loopback refused without --allow-private, by address (localhost too).
# Prints "ok - …" / "not ok - …" per check and exits 1 when any failed. Run by tests/run.sh with
# OPENITA_BIN and OPENITA_ROOT set.
set -u
root=${OPENITA_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${OPENITA_BIN:-$root/build/openita}
[ -x "$bin" ] || { echo "test_evidence: no program at $bin" >&2; exit 1; }
work=$(mktemp -d /tmp/openita-test-evidence-XXXXXX)
. "$root/tests/check/server.sh"
# field N KEY: the KEY of the JSON object on line N of $work/out
field() {
  python3 -c 'import json,sys; v=json.loads(open(sys.argv[1]).read().splitlines()[int(sys.argv[2])-1]).get(sys.argv[3]); print("null" if v is None else v)' \
    "$work/out" "$1" "$2"
}
run() {  # ARGS...: the program's exit status in $rc, stdout in $work/out, stderr in $work/err
  "$bin" evidence "$@" > "$work/out" 2> "$work/err"
  rc=$?
}

server_start test_evidence

run capture --allow-private "$u/page"
check "a page: exit 0" "$rc" 0
check "a page: one line" "$(wc -l < "$work/out")" 1
check "a page: status" "$(field 1 status)" 200
check "a page: final_url" "$(field 1 final_url)" "$u/page"
check "a page: content_type" "$(field 1 content_type)" "text/html; charset=utf-8"
check "a page: size" "$(field 1 size)" 86
check "a page: sha256" "$(field 1 sha256)" \
  "$(curl -s "$u/page" | sha256sum | cut -d' ' -f1)"
check "a page: error null" "$(field 1 error)" null
check "a page: text_sha256 of its visible text" "$(field 1 text_sha256)" \
  "$(printf 'OIT evidence page' | sha256sum | cut -d' ' -f1)"
check "a page: nothing sniffed" "$(field 1 sniffed)" null
check "a page: fetched_at is ISO 8601 UTC" \
  "$(field 1 fetched_at | grep -cE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$')" 1

run capture --allow-private "$u/redirect/3" "$u/status/404" "$u/pdf"
check "one broken among three: exit 1" "$rc" 1
check "three lines in order" "$(field 1 url) $(field 2 url) $(field 3 url)" \
  "$u/redirect/3 $u/status/404 $u/pdf"
check "redirects followed" "$(field 1 final_url)" "$u/page"
check "404 is an http_error" "$(field 2 outcome) $(field 2 status)" "http_error 404"
check "404 has an error" "$(field 2 error)" "HTTP status 404"
check "a PDF: no text_sha256" "$(field 3 text_sha256)" null

run capture --allow-private "$u/as?type=application/octet-stream&body=pdf" "$u/as?body=docx" \
  "$u/octet"
check "generic types: exit 0" "$rc" 0
check "a PDF served as application/octet-stream is sniffed" "$(field 1 sniffed)" pdf
check "a docx with no content type is sniffed" "$(field 2 content_type) $(field 2 sniffed)" " office"
check "unknown bytes: nothing sniffed" "$(field 3 sniffed)" null

{ echo "# evidence of agency 1"; echo; for i in $(seq 1 50); do echo "$u/n/$i"; done; } > "$work/urls"
run capture --allow-private --concurrency 4 --from "$work/urls"
check "--from: exit 0" "$rc" 0
check "--from: 50 lines" "$(wc -l < "$work/out")" 50
check "--from: order kept" "$(field 50 url)" "$u/n/50"

{ echo "$u/drip"; for i in $(seq 1 20); do echo "$u/n/$i"; done; } > "$work/slow-first"
run capture --allow-private --concurrency 2 --timeout 1 --from "$work/slow-first"
check "a slow first URL: still printed first" "$(field 1 url) $(field 1 outcome)" "$u/drip timeout"
check "a slow first URL: the rest in order after it" "$(field 21 url) $(wc -l < "$work/out")" "$u/n/20 21"

run capture --allow-private --max-size 1000 "$u/big"
check "--max-size: cut, still fetched: exit 0" "$rc" 0
check "--max-size: too_large, 1000 bytes" "$(field 1 outcome) $(field 1 size)" "too_large 1000"

run capture --allow-private --timeout 1 "$u/drip"
check "--timeout bounds a drip: exit 1" "$rc" 1
check "--timeout: outcome" "$(field 1 outcome)" timeout

run capture "$u/page" "http://localhost:$port/page"
check "loopback without --allow-private: exit 1" "$rc" 1
check "loopback refused" "$(field 1 outcome)" forbidden_address
check "localhost refused by its address" "$(field 2 outcome)" forbidden_address
check "the refusal says how to allow it" "$(field 1 error | grep -c 'allow with --allow-private')" 1

run capture
check "no URL: exit 2" "$rc" 2
check "no URL: nothing on stdout" "$(wc -c < "$work/out")" 0
run capture --max-size -5 "$u/page"
check "bad --max-size: exit 2" "$rc" 2
run capture --from "$work/missing" 
check "missing --from file: exit 2" "$rc" 2
run frobnicate
check "unknown subcommand: exit 2" "$rc" 2

echo "test_evidence: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
