#!/usr/bin/env bash
# The document benchmark, in one command: bash bench/reports.sh (or make bench-reports).
# Builds ./build/openita and the driver build/bench/report_bench if they are missing, makes
# sure the national synthetic dataset is in bench/data/ (generated as bench/run.sh does, and
# reused when the same one is there), scores it with `openita score --format csv` and keeps the
# indicator columns as the published-result sheet (`agency,1,…,10`, docs/formats.md §5). Then:
#   1. the national run: the four documents (analysis, measures, progress at 6 months, memo)
#      of every agency as PDF, in one process under /usr/bin/time -v (peak RSS), the 1-minute
#      load average sampled every 5 s meanwhile;
#   2. the peer, side by side: a sample of SAMPLE agencies spread over the file (every
#      N/SAMPLE-th, so every agency type is in it), its documents written as DOCX by the driver
#      and converted to PDF by LibreOffice (`soffice --headless --convert-to pdf`, one batch,
#      HOME a fresh temporary folder, after one warm-up conversion that makes the profile),
#      against the driver writing the same documents as PDF;
# and writes bench/reports-results.md. Exit 1 when the driver reports a bad document.
#
# Settings (environment): SEED (2565), SCALE (1), LIMIT (all agencies; a number runs the first
# LIMIT only, and the results say so), THREADS (1), CHECK_EVERY (10: doc_page_count() on every
# 10th agency's PDFs besides the check of every PDF), SAMPLE (50), OPENITA (./build/openita),
# REPORT_BENCH (./build/bench/report_bench).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
SEED=${SEED:-2565}
SCALE=$(printf '%g' "${SCALE:-1}")
LIMIT=${LIMIT:-}
THREADS=${THREADS:-1}
CHECK_EVERY=${CHECK_EVERY:-10}
SAMPLE=${SAMPLE:-50}
FRAMEWORK=frameworks/ita-2565.json
OPENITA=${OPENITA:-./build/openita}
REPORT_BENCH=${REPORT_BENCH:-./build/bench/report_bench}
GEN=bench/bin/gen_national
TIME=/usr/bin/time
OUT=bench/reports-results.md

die() { echo "bench-reports: $*" >&2; exit 1; }
[ -x "$TIME" ] || die "GNU time is needed (apt install time)"
command -v soffice >/dev/null || die "soffice is needed for the peer (apt install libreoffice-writer-nogui)"

if [ ! -x "$OPENITA" ] || [ ! -x "$REPORT_BENCH" ]; then
    make BUILD=build -j2 build/openita build/bench/report_bench >&2
    OPENITA=./build/openita REPORT_BENCH=./build/bench/report_bench
fi
if [ ! -x "$GEN" ] || [ bench/gen_national.c -nt "$GEN" ]; then
    mkdir -p bench/bin
    cc -std=c11 -O2 -Wall -Wextra -Werror -o "$GEN" bench/gen_national.c -ljansson -lm
fi

# The dataset, as bench/run.sh makes it (same folder, same stamp).
DATA=bench/data/seed$SEED-scale$SCALE
key="seed $SEED scale $SCALE $(cat bench/gen_national.c "$FRAMEWORK" | sha256sum | cut -c1-16)"
if [ "$(cat "$DATA/stamp" 2>/dev/null)" != "$key" ]; then
    rm -rf "$DATA"
    mkdir -p "$DATA"
    "$GEN" --framework "$FRAMEWORK" --seed "$SEED" --scale "$SCALE" --out "$DATA" 2>"$DATA/generated.txt" \
        || { cat "$DATA/generated.txt" >&2; die "generating $DATA failed"; }
    echo "$key" >"$DATA/stamp"
fi
echo "dataset $DATA: $(cat "$DATA/generated.txt")" >&2
# The published-result sheet: score.csv's agency and indicator columns (agency,1,…,10).
"$OPENITA" score --framework ita-2565 --agencies "$DATA/agencies.csv" --iit "$DATA/iit.csv" \
    --eit "$DATA/eit.csv" --oit "$DATA/oit.csv" --format csv >"$DATA/score.csv"
cut -d, -f1-11 "$DATA/score.csv" >"$DATA/indicators.csv"
[ "$(head -1 "$DATA/indicators.csv")" = "agency,1,2,3,4,5,6,7,8,9,10" ] \
    || die "unexpected score.csv header: $(head -1 "$DATA/score.csv")"
N_ALL=$(($(wc -l <"$DATA/indicators.csv") - 1))
N=${LIMIT:-$N_ALL}
INPUT=(--indicators "$DATA/indicators.csv" --agencies "$DATA/agencies.csv" --oit "$DATA/oit.csv")

WORK=$(mktemp -d)
LOADLOG=$WORK/load.txt
sampler=
cleanup() { [ -n "$sampler" ] && kill "$sampler" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

# ---- 1. the national run ----
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
(while :; do cut -d' ' -f1 /proc/loadavg >>"$LOADLOG"; sleep 5; done) &
sampler=$!
echo "bench-reports: $N agencies × 4 PDFs, $THREADS thread(s); load average $load_before" >&2
status=0
limit_args=()
[ -n "$LIMIT" ] && limit_args=(--limit "$LIMIT")
"$TIME" -v -o "$WORK/national.time" "$REPORT_BENCH" "${INPUT[@]}" "${limit_args[@]}" \
    --threads "$THREADS" --check-every "$CHECK_EVERY" --list "$DATA/reports-list.csv" \
    >"$WORK/national.txt" || status=$?
kill "$sampler" 2>/dev/null || true
wait "$sampler" 2>/dev/null || true
sampler=
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
cat "$WORK/national.txt" >&2
[ $status -le 1 ] || die "the driver failed (exit $status)"
PEAK_MIB=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$WORK/national.time")
LOAD_STATS=$(sort -g "$LOADLOG" | awk '{ v[NR] = $1; s += $1 } END { if (NR) printf "min %.2f, median %.2f, max %.2f (%d samples)", v[1], v[int((NR + 1) / 2)], v[NR], NR; else print "—" }')

# field FILE LINE_PREFIX KEY: the value of KEY= on the line starting with LINE_PREFIX
field() { awk -v p="$2" -v k="$3" 'index($0, p) == 1 { for (i = 1; i <= NF; i++) if (index($i, k "=") == 1) { print substr($i, length(k) + 2); exit } }' "$1"; }

# ---- 2. the peer on a sample ----
STRIDE=$((N_ALL / SAMPLE)); [ $STRIDE -ge 1 ] || STRIDE=1
SAMPLE_ARGS=(--stride "$STRIDE" --limit "$SAMPLE")
mkdir -p "$WORK/docx" "$WORK/pdf" "$WORK/lo" "$WORK/home"
"$REPORT_BENCH" "${INPUT[@]}" "${SAMPLE_ARGS[@]}" --format docx --out "$WORK/docx" --check-every 0 \
    >"$WORK/docx.txt" || die "writing the DOCX sample failed"
"$TIME" -f '%e %M' -o "$WORK/pdf.time" "$REPORT_BENCH" "${INPUT[@]}" "${SAMPLE_ARGS[@]}" \
    --format pdf --out "$WORK/pdf" --check-every 0 >"$WORK/pdf.txt" || die "the PDF sample failed"
NDOCS=$(find "$WORK/docx" -name '*.docx' | wc -l)
# warm-up: LibreOffice makes its profile in HOME on the first start
first=$(find "$WORK/docx" -name '*.docx' | sort | head -1)
HOME=$WORK/home soffice --headless --convert-to pdf --outdir "$WORK/warm" "$first" >/dev/null 2>&1 \
    || die "soffice failed on $first"
lo_load=$(cut -d' ' -f1 /proc/loadavg)
HOME=$WORK/home "$TIME" -f '%e %M' -o "$WORK/lo.time" soffice --headless --convert-to pdf \
    --outdir "$WORK/lo" "$WORK"/docx/*.docx >"$WORK/lo.log" 2>&1 || die "soffice failed (see $WORK/lo.log)"
NLO=$(find "$WORK/lo" -name '*.pdf' | wc -l)
[ "$NLO" -eq "$NDOCS" ] || die "LibreOffice wrote $NLO PDFs of $NDOCS"
read -r LO_WALL LO_KB <"$WORK/lo.time"
read -r OI_WALL OI_KB <"$WORK/pdf.time"
OI_MS=$(field "$WORK/pdf.txt" total mean_ms_per_doc)
LO_MS=$(awk -v w="$LO_WALL" -v n="$NDOCS" 'BEGIN { printf "%.1f", w * 1000 / n }')
OI_PROC_MS=$(awk -v w="$OI_WALL" -v n="$NDOCS" 'BEGIN { printf "%.1f", w * 1000 / n }')
RATIO=$(awk -v a="$LO_MS" -v b="$OI_MS" 'BEGIN { printf "%.1f×", a / b }')
RATIO_PROC=$(awk -v a="$LO_MS" -v b="$OI_PROC_MS" 'BEGIN { printf "%.1f×", a / b }')
pages() { # pages DIR: total pages of its PDFs (pdfinfo), or — without pdfinfo
    command -v pdfinfo >/dev/null || { echo "—"; return; }
    local f t=0 p
    for f in "$1"/*.pdf; do p=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ { print $2 }'); t=$((t + ${p:-0})); done
    echo $t
}
OI_PAGES=$(pages "$WORK/pdf")
LO_PAGES=$(pages "$WORK/lo")

# ---- the report ----
kind_row() {
    local k=$1 f=$WORK/national.txt
    printf '| %s | %s | %s | %s | %s | %s / %s / %s | %s | %s | %s |\n' "$k" "$(field "$f" "kind=$k " count)" \
        "$(field "$f" "kind=$k " mean_ms)" "$(field "$f" "kind=$k " median_ms)" \
        "$(field "$f" "kind=$k " p95_ms)" "$(field "$f" "kind=$k " cpu_mean_ms)" \
        "$(field "$f" "kind=$k " cpu_median_ms)" "$(field "$f" "kind=$k " cpu_p95_ms)" \
        "$(field "$f" "kind=$k " max_ms) ($(field "$f" "kind=$k " max_agency), $(field "$f" "kind=$k " max_pages) pp.)" \
        "$(field "$f" "kind=$k " mean_pages)" "$(field "$f" "kind=$k " mean_kb)"
}
stats() { # stats COLUMN: count mean median p95 max of the list's column
    awk -F, -v c="$1" 'NR > 1 { print $c }' "$DATA/reports-list.csv" | sort -g | awk '{ v[NR] = $1; s += $1 } END { r = int(NR * 0.95 + 0.999999); printf "%d %.2f %.2f %.2f %.2f", NR, s / NR, v[int((NR + 1) / 2)], v[r], v[NR] }'
}
read -r all_n all_mean all_median all_p95 all_max <<<"$(stats 5)"
read -r _ cpu_mean cpu_median cpu_p95 cpu_max <<<"$(stats 6)"
OVER100=$(awk -F, 'NR > 1 && $5 >= 100 { n++ } END { print n + 0 }' "$DATA/reports-list.csv")
OVER100_CPU=$(awk -F, 'NR > 1 && $6 >= 100 { n++ } END { print n + 0 }' "$DATA/reports-list.csv")
TOTAL_BYTES=$(field "$WORK/national.txt" total bytes)
{
    echo "# Document benchmark results"
    echo
    echo "Written by \`bash bench/reports.sh\` (\`make bench-reports\`) on $(date -u '+%Y-%m-%d %H:%M UTC')."
    echo
    echo "- Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores," \
        "$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM, shared with other builds and tests"
    echo "- Load average (1 min) during the national run: $LOAD_STATS; before $load_before, after $load_after;" \
        "before the LibreOffice batch $lo_load"
    echo "- Software: $(cc --version | head -1); cairo $(pkg-config --modversion cairo), pango $(pkg-config --modversion pango)," \
        "$(soffice --version 2>/dev/null | head -1 | cut -d' ' -f1-2)"
    echo "- Dataset (seed $SEED, scale $SCALE): $(sed 's/^gen_national: //; s/ (seed.*//' "$DATA/generated.txt"); scored by" \
        "\`openita score --format csv\`, its indicator columns as the \`--indicators\` sheet, OIT verdicts from oit.csv"
    if [ "$N" -lt "$N_ALL" ]; then
        echo "- **Run on the first $N of $N_ALL agencies** (LIMIT=$N)."
    else
        echo "- Run on all $N agencies: $((N * 4)) PDFs, one process, $THREADS thread(s)."
    fi
    echo
    echo "## openita: compose + render each PDF (report_build + doc_render_pdf), in process"
    echo
    echo "Wall ms from CLOCK_MONOTONIC (what a caller waits on this loaded machine); CPU ms from the"
    echo "thread's CPU clock (what the document costs, whatever else runs): mean / median / p95."
    echo
    echo "| document | count | mean ms | median ms | p95 ms | CPU ms | max ms (agency, pages) | mean pages | mean KiB |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    for k in analysis measures progress memo; do kind_row $k; done
    echo "| all four | $all_n | $all_mean | $all_median | $all_p95 | $cpu_mean / $cpu_median / $cpu_p95 | $all_max | | |"
    echo
    echo "- Total wall time $(field "$WORK/national.txt" total wall_s) s for $(field "$WORK/national.txt" total docs) documents:" \
        "$(field "$WORK/national.txt" total docs_per_s) documents per second; of it compose + render" \
        "$(field "$WORK/national.txt" total compose_render_s) s (the rest: the doc_page_count() check of every" \
        "${CHECK_EVERY}th agency, reading and analysing, $(field "$WORK/national.txt" prepare mean_ms) ms per agency)."
    echo "- CPU time of compose + render: $(field "$WORK/national.txt" total cpu_s) s in all; first-document warm-up" \
        "(fonts) $(field "$WORK/national.txt" warmup ms) ms, once per process, not in the table."
    echo "- Total output $(awk -v b="$TOTAL_BYTES" 'BEGIN { printf "%.0f MB", b / 1e6 }') (kept in memory, discarded); peak resident memory $PEAK_MIB MiB."
    echo "- Target < 100 ms per PDF: $OVER100 of $all_n PDFs took 100 ms or more of wall time, $OVER100_CPU of CPU time" \
        "(largest: wall $all_max ms, CPU $cpu_max ms)."
    echo "- Checks: every PDF starts with %PDF- and has ≥ 1 page; doc_page_count() equals the PDF's page count" \
        "for every ${CHECK_EVERY}th agency; failures: $(field "$WORK/national.txt" total failures)."
    echo
    echo "## Side by side: LibreOffice converting the same documents"
    echo
    echo "$NDOCS documents: the four of $((NDOCS / 4)) agencies (every ${STRIDE}th of the file, so every agency type)," \
        "written as DOCX by openita and converted by \`soffice --headless --convert-to pdf\` in one batch" \
        "(after a warm-up conversion that made the profile), against openita writing the same documents as PDF."
    echo
    echo "| tool | documents | wall s | ms per document | pages | peak MiB | time ÷ openita |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    echo "| openita, compose + render (in process) | $NDOCS | $(field "$WORK/pdf.txt" total compose_render_s) | $OI_MS (CPU $(field "$WORK/pdf.txt" total cpu_mean_ms_per_doc)) | $OI_PAGES | | 1× |"
    echo "| openita, whole process (start, fonts, files written) | $NDOCS | $OI_WALL | $OI_PROC_MS | $OI_PAGES | $((OI_KB / 1024)) | $(awk -v a="$OI_PROC_MS" -v b="$OI_MS" 'BEGIN { printf "%.1f×", a / b }') |"
    echo "| LibreOffice $(soffice --version 2>/dev/null | head -1 | cut -d' ' -f2), DOCX → PDF, one batch | $NDOCS | $LO_WALL | $LO_MS | $LO_PAGES | $((LO_KB / 1024)) | $RATIO |"
    echo
    echo "LibreOffice per document ÷ openita per PDF: $RATIO (compose + render), $RATIO_PROC (whole processes)."
    echo "LibreOffice only lays out a DOCX that openita has already composed; openita composes and lays out."
} | tee "$OUT"
exit $status
