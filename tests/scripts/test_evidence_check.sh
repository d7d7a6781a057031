#!/usr/bin/env bash
# test_evidence_check.sh — `openita evidence check` (the link monitor's scheduled run, issue 4)
# against tests/check/evidence_server.py on loopback, on a database whose OIT submissions are
# written with sqlite3 (the schema of migration 3):
#   - a fine page is not printed; a 404 is "broken"; a page whose hash differs from the capture
#     taken at submission is "changed"; exit 1 when any is not fine;
#   - every URL's capture is stored (evidence_captures grows by one per URL);
#   - without --allow-private the loopback server is refused: every URL broken;
#   - --agency CODE restricts it; an unknown code or option is exit 2.
# Prints "ok - …" / "not ok - …" per check and exits 1 when any failed. Run by tests/run.sh with
# OPENITA_BIN and OPENITA_ROOT set.
set -u
root=${OPENITA_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${OPENITA_BIN:-$root/build/openita}
[ -x "$bin" ] || { echo "test_evidence_check: no program at $bin" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "test_evidence_check: sqlite3 is needed" >&2; exit 1; }
work=$(mktemp -d /tmp/openita-test-evidence-check-XXXXXX)
. "$root/tests/check/server.sh"

server_start test_evidence_check

db="$work/e.db"
printf 'check-pass-123456\n' | "$bin" user add --db "$db" --role admin admin > /dev/null 2>&1
sqlite3 "$db" <<SQL
INSERT INTO agencies (id, code, name) VALUES (1, 'A01', 'one'), (2, 'A02', 'two');
INSERT INTO assessments (id, fiscal_year, framework_id) VALUES (1, 2568, 'ita-2565');
INSERT INTO oit_submissions (id, assessment_id, agency_id, item, has, explanation, submitted,
  by_user, at) VALUES (1, 1, 1, 'O1', 1, '', 1, 1, 1), (2, 1, 1, 'O2', 1, '', 1, 1, 1),
  (3, 1, 2, 'O1', 1, '', 1, 1, 1);
INSERT INTO oit_urls (submission_id, seq, url) VALUES (1, 0, '$u/page'),
  (1, 1, '$u/status/404'), (2, 0, '$u/changing'), (3, 0, '$u/n/a02');
INSERT INTO evidence_captures (assessment_id, agency_id, item, submission_id, url, fetched_at,
  status, final_url, content_type, size, sha256, outcome, error, truncated)
  VALUES (1, 1, 'O2', 2, '$u/changing', 1, 200, '$u/changing', 'text/plain', 10,
  '0000000000000000000000000000000000000000000000000000000000000000', 'ok', '', 0);
SQL

"$bin" evidence check --db "$db" --allow-private --agency A01 > "$work/out" 2> "$work/err"
rc=$?
check "A01: exit 1 (something is not fine)" "$rc" 1
check "A01: two lines" "$(wc -l < "$work/out")" 2
check "A01: the 404 is broken" "$(grep -c "^A01 O1 broken $u/status/404\$" "$work/out")" 1
check "A01: the changed page" "$(grep -c "^A01 O2 changed $u/changing\$" "$work/out")" 1
check "A01: the fine page is not listed" "$(grep -c "/page" "$work/out")" 0
check "A01: captures stored" "$(sqlite3 "$db" 'SELECT count(*) FROM evidence_captures')" 4
check "A01: checks are not baselines" \
  "$(sqlite3 "$db" 'SELECT count(*) FROM evidence_captures WHERE submission_id IS NULL')" 3

"$bin" evidence check --db "$db" --allow-private --agency A02 > "$work/out" 2> "$work/err"
check "A02: exit 0 (all fine)" "$?" 0
check "A02: nothing printed" "$(wc -l < "$work/out")" 0

"$bin" evidence check --db "$db" > "$work/out" 2> "$work/err"
check "loopback refused without --allow-private: exit 1" "$?" 1
check "loopback refused: every URL broken" "$(grep -c " broken " "$work/out")" 4

"$bin" evidence check --db "$db" --agency NOPE > "$work/out" 2> "$work/err"
check "unknown agency: exit 2" "$?" 2
"$bin" evidence check --db "$db" --bogus > "$work/out" 2> "$work/err"
check "unknown option: exit 2" "$?" 2

echo "test_evidence_check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
