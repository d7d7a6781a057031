#!/usr/bin/env bash
# test_report.sh — `openita report` as an agency's ITA officer runs it, from seed 001's result:
#   - every document (analysis, measures, progress, memo) in every format (pdf, docx, html, csv,
#     xlsx): exit 0, a file of the right kind, nothing on stdout;
#   - `report plan` writes the drafted plan as JSON, and `--plan` reads it back (the same
#     measures in the document);
#   - the text of the PDFs (pdftotext) holds the Thai headings and figures; pdftoppm renders
#     page 1 of each;
#   - LibreOffice converts each DOCX to PDF without error, and its text holds the headings;
#   - bad input — an unknown agency, a bad format, a broken plan file, a bad CSV cell, a missing
#     option — exit 2, a message naming what and where, and no output file.
# Prints "ok - …" / "not ok - …" per check and exits 1 when any failed. Run by tests/run.sh with
# OPENITA_BIN and OPENITA_ROOT set.
set -u
root=${OPENITA_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${OPENITA_BIN:-$root/build/openita}
[ -x "$bin" ] || { echo "test_report: no program at $bin" >&2; exit 1; }
work=$(mktemp -d /tmp/openita-test-report-XXXXXX)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
ok() { echo "ok - $1"; passed=$((passed + 1)); }
bad() { echo "not ok - $1"; failed=$((failed + 1)); }
check() { if [ "$2" = "$3" ]; then ok "$1"; else bad "$1: got \"$2\", want \"$3\""; fi; }

ind="$root/tests/data/seeds/indicators.csv"
cat > "$work/oit.csv" <<'CSV'
agency,item,result,comment
seed-001,O2,fail,ไม่มีข้อมูลผู้บริหารฝ่ายข้าราชการประจำ
seed-001,O42,fail,ไม่มีการวิเคราะห์ผลการประเมินของปีที่ผ่านมา
CSV
common=(--framework ita-2565 --indicators "$ind" --oit "$work/oit.csv" --agency seed-001
        --year 2565 --name "เทศบาลเมืองปากช่อง" --today 2023-06-15)

for kind in analysis measures progress memo; do
  for fmt in pdf docx html csv xlsx; do
    out="$work/$kind.$fmt"
    stdout=$("$bin" report "$kind" "${common[@]}" --format "$fmt" --out "$out" 2>"$work/err")
    rc=$?
    if [ "$rc" -ne 0 ] || [ -n "$stdout" ] || [ ! -s "$out" ]; then
      bad "report $kind --format $fmt: status $rc, stdout ${#stdout} bytes: $(cat "$work/err")"
      continue
    fi
    case $fmt in
      pdf) head -c 5 "$out" | grep -q '%PDF-' ;;
      docx|xlsx) head -c 2 "$out" | grep -q 'PK' ;;
      html) grep -q '<html' "$out" ;;
      csv) head -c 3 "$out" | od -An -tx1 | grep -q 'ef bb bf' ;;
    esac && ok "report $kind --format $fmt" || bad "report $kind --format $fmt: not a $fmt file"
  done
done

# the text a person reads
text() { pdftotext -enc UTF-8 -raw "$1" - | tr -d '\n'; }
has() { # NAME FILE WORDS...
  local name=$1 file=$2 t; shift 2
  t=$(text "$file")
  for w in "$@"; do
    case $t in *"$w"*) ;; *) bad "$name lacks \"$w\""; return ;; esac
  done
  ok "$name"
}
has "analysis PDF text" "$work/analysis.pdf" "รายงานการวิเคราะห์ผลการประเมิน" "เทศบาลเมืองปากช่อง" \
  "จุดแข็ง" "การใช้อำนาจ" "๘๙.๐๐" "๘๒.๑๘" "๓๑.๒๕" "๗๗.๙๘" "ไม่มีข้อมูลผู้บริหารฝ่ายข้าราชการประจำ"
has "measures PDF text" "$work/measures.pdf" "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน" \
  "ผู้รับผิดชอบ" "พ.ศ. ๒๕๖๖"
has "progress PDF text" "$work/progress.pdf" "รายงานผลการดำเนินการ" "รอบ ๖ เดือน"
has "memo PDF text" "$work/memo.pdf" "บันทึกข้อความ" "ส่วนราชการ" "เรื่อง" "เรียน"
for kind in analysis measures progress memo; do
  if pdftoppm -r 40 -f 1 -l 1 -png "$work/$kind.pdf" "$work/page-$kind" 2>"$work/err" &&
     [ -s "$work/page-$kind-1.png" ] || [ -s "$work/page-$kind-01.png" ]; then
    ok "pdftoppm renders $kind page 1"
  else
    bad "pdftoppm renders $kind page 1: $(cat "$work/err")"
  fi
done

# the plan as JSON, edited and given back
"$bin" report plan "${common[@]}" --out "$work/plan.json" 2>"$work/err"
check "report plan exits 0" "$?" 0
measures=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["measures"]))' \
  "$work/plan.json" 2>/dev/null)
[ "${measures:-0}" -ge 3 ] && ok "the drafted plan has $measures measures" ||
  bad "the drafted plan has ${measures:-no} measures"
python3 - "$work/plan.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
p["measures"][0]["issue_th"] = "มาตรการที่แก้ไขโดยเจ้าหน้าที่"
p["measures"][0]["unit_th"] = "กองการเจ้าหน้าที่"
json.dump(p, open(sys.argv[1], "w"), ensure_ascii=False, indent=1)
PY
"$bin" report measures "${common[@]}" --plan "$work/plan.json" --format pdf \
  --out "$work/edited.pdf" 2>"$work/err"
check "report measures --plan exits 0" "$?" 0
has "the edited plan is in the document" "$work/edited.pdf" "มาตรการที่แก้ไขโดยเจ้าหน้าที่" \
  "กองการเจ้าหน้าที่"

# LibreOffice opens every DOCX
if command -v soffice >/dev/null 2>&1; then
  mkdir -p "$work/lo" "$work/home"
  HOME="$work/home" timeout 240 soffice --headless --norestore --convert-to pdf \
    --outdir "$work/lo" "$work"/analysis.docx "$work"/measures.docx "$work"/progress.docx \
    "$work"/memo.docx >"$work/lo.log" 2>&1
  rc=$?
  check "LibreOffice converts the four DOCX (status)" "$rc" 0
  for kind in analysis measures progress memo; do
    [ -s "$work/lo/$kind.pdf" ] && ok "LibreOffice made $kind.pdf" ||
      bad "LibreOffice made no $kind.pdf: $(cat "$work/lo.log")"
  done
  has "the DOCX analysis as LibreOffice reads it" "$work/lo/analysis.pdf" \
    "รายงานการวิเคราะห์ผลการประเมิน" "การใช้อำนาจ"
  # English words stay whole: Latin runs are English by language (w:lang w:val), Thai is the
  # complex script (w:bidi); with th-TH for both LibreOffice broke "(Ev|idence-based)".
  for kind in analysis measures progress memo; do
    split=$(pdftotext "$work/lo/$kind.pdf" - 2>/dev/null |
      python3 -c 'import re, sys; print(" ".join(re.findall(r"\S*[A-Za-z]\n[a-z]\S*", sys.stdin.read())).replace("\n", "|"))')
    check "LibreOffice breaks no English word across lines in $kind.docx" "$split" ""
  done
else
  bad "soffice is not installed (scripts/install-deps.sh installs libreoffice-writer-nogui)"
fi

# scores computed here from the answers: the same total as `openita score`
demo="$root/data/demo"
want=$("$bin" score --framework ita-2565 --iit "$demo/iit.csv" --eit "$demo/eit.csv" \
  --oit "$demo/oit.csv" --format csv | awk -F, '$1 == "A00001" { printf "%.2f", $15 }')
got=$("$bin" report analysis --framework ita-2565 --iit "$demo/iit.csv" --eit "$demo/eit.csv" \
  --oit "$demo/oit.csv" --agency A00001 --digits arabic --format html --out - |
  grep -o 'ได้คะแนนรวม [0-9.]* คะแนน' | grep -o '[0-9][0-9.]*')
check "report from answers: the total openita score computes (${want:-none})" "$got" "$want"

# bad input: exit 2, a message that says what and where, no file
refuse() { # NAME WANT-IN-MESSAGE ARGS...
  local name=$1 want=$2 out="$work/refused.out"; shift 2
  rm -f "$out"
  "$bin" report "$@" --out "$out" >"$work/stdout" 2>"$work/err"
  local rc=$?
  if [ "$rc" -ne 2 ]; then bad "$name: status $rc, want 2"; return; fi
  if ! grep -qF -- "$want" "$work/err"; then bad "$name: message \"$(cat "$work/err")\" lacks \"$want\""; return; fi
  if [ -e "$out" ] || ls "$work"/refused.out.tmp* >/dev/null 2>&1; then bad "$name: an output file was left"; return; fi
  [ -s "$work/stdout" ] && { bad "$name: printed on stdout"; return; }
  ok "$name"
}
refuse "unknown agency" "seed-999" analysis --framework ita-2565 --indicators "$ind" \
  --agency seed-999 --format pdf
refuse "unknown format" "odt" analysis "${common[@]}" --format odt
refuse "unknown document" "letter" letter "${common[@]}" --format pdf
refuse "missing --agency" "--agency" analysis --framework ita-2565 --indicators "$ind" --format pdf
printf 'agency,1,2,3,4,5,6,7,8,9,10\nseed-001,98,94,89,94,90,87,87,82,90,131.25\n' > "$work/bad.csv"
refuse "a score over 100" "bad.csv:2:" analysis --framework ita-2565 --indicators "$work/bad.csv" \
  --agency seed-001 --format pdf
printf '{"framework_id": "ita-2565", "agency_code": "seed-001", "fiscal_year_be": "2566"}' \
  > "$work/bad-plan.json"
refuse "a broken plan file" "fiscal_year_be" measures "${common[@]}" --plan "$work/bad-plan.json" \
  --format pdf
refuse "a plan file that is not there" "no-such-plan.json" measures "${common[@]}" \
  --plan "$work/no-such-plan.json" --format pdf
refuse "a checkpoint of 9 months" "--checkpoint" progress "${common[@]}" --checkpoint 9 --format pdf
refuse "an agency without answers" "has no answers" analysis --framework ita-2565 \
  --iit "$demo/iit.csv" --agency NOPE --format pdf

echo "test_report: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
