#!/usr/bin/env bash
# test_evidence_check.sh — `openita evidence check` (the link monitor's scheduled run, issue 4)
# against tests/check/evidence_server.py on loopback, on a database whose OIT submissions are
# written with sqlite3 (the schema of migrations 3 and 4):
#   - a fine page is not printed; a 404 is "broken"; a page whose hash differs from the capture
#     taken at submission is "changed"; exit 1 when any is not fine;
#   - an HTML page whose visitor count, date and tokens change on every visit is fine when its
#     visible text is the one captured at submission; one whose words change is "changed"; a
#     baseline stored before migration 4 (no text fingerprint) falls back to the raw hash;
#   - a PDF served as application/octet-stream is fine (sniffed);
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

# Baselines of A03's pages as a submission captures them (`evidence capture`, then stored).
# baseline URL ITEM SUBMISSION [no-text]: a baseline row from a fresh capture of URL
baseline() {
  "$bin" evidence capture --allow-private "$1" > "$work/cap" 2> "$work/err"
  python3 - "$work/cap" "$2" "$3" "${4:-}" > "$work/cap.sql" <<'PY'
import json, sys
c = json.loads(open(sys.argv[1]).read())
q = lambda v: "NULL" if v is None or sys.argv[4] else "'%s'" % v
print("INSERT INTO evidence_captures (assessment_id, agency_id, item, submission_id, url, "
      "fetched_at, status, final_url, content_type, size, sha256, outcome, error, truncated, "
      "text_sha256) VALUES (1, 3, '%s', %s, '%s', 1, %d, '%s', '%s', %d, '%s', 'ok', '', 0, %s);"
      % (sys.argv[2], sys.argv[3], c["url"], c["status"], c["final_url"], c["content_type"],
         c["size"], c["sha256"], q(c["text_sha256"])))
PY
  sqlite3 "$db" < "$work/cap.sql"
}
sqlite3 "$db" <<SQL
INSERT INTO agencies (id, code, name) VALUES (3, 'A03', 'three');
INSERT INTO oit_submissions (id, assessment_id, agency_id, item, has, explanation, submitted,
  by_user, at) VALUES (4, 1, 3, 'O1', 1, '', 1, 1, 1), (5, 1, 3, 'O2', 1, '', 1, 1, 1),
  (6, 1, 3, 'O3', 1, '', 1, 1, 1);
INSERT INTO oit_urls (submission_id, seq, url) VALUES (4, 0, '$u/dynamic'),
  (4, 1, '$u/words'), (5, 0, '$u/as?type=application/octet-stream&body=pdf'),
  (6, 0, '$u/dynamic?old');
SQL
baseline "$u/dynamic" O1 4
baseline "$u/words" O1 4
baseline "$u/dynamic?old" O3 6 no-text
check "A03: baselines stored, the old one without a text fingerprint" \
  "$(sqlite3 "$db" "SELECT count(text_sha256) || '/' || count(*) FROM evidence_captures WHERE agency_id = 3")" 2/3
"$bin" evidence check --db "$db" --allow-private --agency A03 > "$work/out" 2> "$work/err"
check "A03: exit 1 (the words changed)" "$?" 1
check "A03: the page with new words is changed" "$(grep -c "^A03 O1 changed $u/words\$" "$work/out")" 1
check "A03: the page with a new counter and date is not listed" "$(grep -c "$u/dynamic\$" "$work/out")" 0
check "A03: the PDF served as octet-stream is not listed" "$(grep -c "body=pdf" "$work/out")" 0
check "A03: an old baseline falls back to the raw hash" \
  "$(grep -c "^A03 O3 changed $u/dynamic?old\$" "$work/out")" 1
check "A03: two lines" "$(wc -l < "$work/out")" 2
"$bin" evidence check --db "$db" --allow-private --agency A03 > "$work/out" 2> "$work/err"
check "A03 checked again: the dynamic page is still fine" "$(grep -c "$u/dynamic\$" "$work/out")" 0
check "A03 checked again: the sniffed PDF stored as such" \
  "$(sqlite3 "$db" "SELECT DISTINCT sniffed FROM evidence_captures WHERE url LIKE '%body=pdf'")" pdf
check "A03 checked again: the dynamic page's fingerprint is the baseline's" \
  "$(sqlite3 "$db" "SELECT count(DISTINCT text_sha256) || '/' || count(DISTINCT sha256) FROM evidence_captures WHERE url = '$u/dynamic'")" 1/3

"$bin" evidence check --db "$db" --allow-private --agency A01 > "$work/out" 2> "$work/err"
rc=$?
check "A01: exit 1 (something is not fine)" "$rc" 1
check "A01: two lines" "$(wc -l < "$work/out")" 2
check "A01: the 404 is broken" "$(grep -c "^A01 O1 broken $u/status/404\$" "$work/out")" 1
check "A01: the changed page" "$(grep -c "^A01 O2 changed $u/changing\$" "$work/out")" 1
check "A01: the fine page is not listed" "$(grep -c "/page" "$work/out")" 0
check "A01: captures stored" \
  "$(sqlite3 "$db" 'SELECT count(*) FROM evidence_captures WHERE agency_id = 1')" 4
check "A01: checks are not baselines" "$(sqlite3 "$db" 'SELECT count(*) FROM evidence_captures
  WHERE agency_id = 1 AND submission_id IS NULL')" 3

"$bin" evidence check --db "$db" --allow-private --agency A02 > "$work/out" 2> "$work/err"
check "A02: exit 0 (all fine)" "$?" 0
check "A02: nothing printed" "$(wc -l < "$work/out")" 0

"$bin" evidence check --db "$db" > "$work/out" 2> "$work/err"
check "loopback refused without --allow-private: exit 1" "$?" 1
check "loopback refused: every URL broken" "$(grep -c " broken " "$work/out")" 8

"$bin" evidence check --db "$db" --agency NOPE > "$work/out" 2> "$work/err"
check "unknown agency: exit 2" "$?" 2
"$bin" evidence check --db "$db" --bogus > "$work/out" 2> "$work/err"
check "unknown option: exit 2" "$?" 2

echo "test_evidence_check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
