#!/usr/bin/env bash
# The openita benchmark, in one command: bash bench/run.sh (from anywhere).
# Builds the data generator, generates the synthetic national dataset into
# bench/data/ (reused when one for the same seed, scale, framework and
# generator is there), then times ./build/openita, the SQLite peer and the
# pandas peer scoring it, RUNS times each (median wall time, largest peak RSS,
# from /usr/bin/time), checks that all three give every agency the same total
# within 1e-6 (exit 1 if not), runs openita once more on the same agencies with
# a quarter of the respondents to show that its memory does not grow with
# respondents, and prints a
# Markdown table that it also writes to bench/results.md.  Without
# ./build/openita the peers are timed and checked against each other only.
#
# Settings (environment): SEED (2565), SCALE (1), RUNS (3),
# FRAMEWORK (frameworks/ita-2565.json; openita itself uses its built-in ita-2565),
# OPENITA (./build/openita).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
SEED=${SEED:-2565}
SCALE=$(printf '%g' "${SCALE:-1}")
RUNS=${RUNS:-3}
FRAMEWORK=${FRAMEWORK:-frameworks/ita-2565.json}
PY=/usr/bin/python3 # Debian's, with pandas
OPENITA=${OPENITA:-./build/openita}
GEN=bench/bin/gen_national
TIME=/usr/bin/time

die() { echo "bench: $*" >&2; exit 1; }
[ -f "$FRAMEWORK" ] || die "framework file $FRAMEWORK not found"
"$PY" -c 'import pandas' 2>/dev/null || die "$PY has no pandas (apt install python3-pandas)"

if [ ! -x "$GEN" ] || [ bench/gen_national.c -nt "$GEN" ]; then
    mkdir -p bench/bin
    cc -std=c11 -O2 -Wall -Wextra -Werror -o "$GEN" bench/gen_national.c -ljansson -lm
fi

# dataset DIR SCALE: makes sure DIR holds the dataset for SEED and SCALE
dataset() {
    local dir=$1 scale=$2 key
    key="seed $SEED scale $scale $(cat bench/gen_national.c "$FRAMEWORK" | sha256sum | cut -c1-16)"
    if [ "$(cat "$dir/stamp" 2>/dev/null)" != "$key" ]; then
        rm -rf "$dir"
        mkdir -p "$dir"
        "$GEN" --framework "$FRAMEWORK" --seed "$SEED" --scale "$scale" --out "$dir" 2>"$dir/generated.txt" \
            || { cat "$dir/generated.txt" >&2; die "generating $dir failed"; }
        echo "$key" >"$dir/stamp"
    fi
    echo "dataset $dir: $(cat "$dir/generated.txt")" >&2
}

# measure NAME OUTFILE COMMAND...: runs COMMAND RUNS times, stdout to OUTFILE;
# sets WALL[NAME] (median seconds) and MIB[NAME] (largest peak RSS)
declare -A WALL MIB
measure() {
    local name=$1 out=$2 walls="" peak=0 i wall kb
    shift 2
    for ((i = 1; i <= RUNS; i++)); do
        "$TIME" -f '%e %M' -o "$out.time" "$@" >"$out" || die "$name failed (exit $?): $*"
        read -r wall kb <"$out.time"
        walls+="$wall"$'\n'
        if ((kb > peak)); then peak=$kb; fi
    done
    WALL[$name]=$(printf '%s' "$walls" | sort -g | awk -v n="$RUNS" 'NR == int((n + 1) / 2)')
    MIB[$name]=$(awk -v k="$peak" 'BEGIN { printf "%.0f", k / 1024 }')
    echo "$name: ${WALL[$name]} s, ${MIB[$name]} MiB" >&2
}

score_args() { # score_args DATADIR: sets ARGS to the openita command under test
    ARGS=("$OPENITA" score --framework ita-2565 --agencies "$1/agencies.csv" --iit "$1/iit.csv"
        --eit "$1/eit.csv" --oit "$1/oit.csv" --format csv)
}

DATA=bench/data/seed$SEED-scale$SCALE
dataset "$DATA" "$SCALE"
"$PY" bench/peer_sqlite.py "$FRAMEWORK" "$DATA" >"$DATA/score.sql"

have_openita=no
[ -x "$OPENITA" ] && have_openita=yes
[ $have_openita = yes ] || echo "bench: $OPENITA not built: timing the peers only" >&2

outs=()
if [ $have_openita = yes ]; then
    score_args "$DATA"
    measure openita "$DATA/out-openita.csv" "${ARGS[@]}"
    outs+=("$DATA/out-openita.csv")
fi
measure sqlite "$DATA/out-sqlite.csv" bash -c "sqlite3 :memory: <$DATA/score.sql"
measure pandas "$DATA/out-pandas.csv" "$PY" bench/peer_pandas.py "$FRAMEWORK" "$DATA"
outs+=("$DATA/out-sqlite.csv" "$DATA/out-pandas.csv")
agreement=$("$PY" bench/compare.py "${outs[@]}") || die "the tools disagree (see above)"
echo "$agreement" >&2

if [ $have_openita = yes ]; then
    # Same agencies, a quarter of the respondents (every fourth row of each survey file):
    # if openita keeps sums per agency only, its peak memory must not move.
    SMALLDATA=$DATA/quarter
    mkdir -p "$SMALLDATA"
    cp "$DATA/agencies.csv" "$DATA/oit.csv" "$SMALLDATA/"
    for f in iit eit; do awk 'NR == 1 || NR % 4 == 0' "$DATA/$f.csv" >"$SMALLDATA/$f.csv"; done
    score_args "$SMALLDATA"
    measure openita-small "$SMALLDATA/out-openita.csv" "${ARGS[@]}"
    "$PY" bench/peer_pandas.py "$FRAMEWORK" "$SMALLDATA" >"$SMALLDATA/out-pandas.csv"
    "$PY" bench/compare.py "$SMALLDATA/out-openita.csv" "$SMALLDATA/out-pandas.csv" >/dev/null \
        || die "openita and pandas disagree on the quarter dataset"
    SMALL_RESP=$(( $(wc -l <"$SMALLDATA/iit.csv") + $(wc -l <"$SMALLDATA/eit.csv") - 2 ))
fi

# ---- the report ----
ratio() { # time of $1 over openita's
    if [ $have_openita = yes ]; then awk -v a="${WALL[$1]}" -v b="${WALL[openita]}" 'BEGIN { if (b > 0) printf "%.1f×", a / b; else print "—" }'; else echo "—"; fi
}
row() { echo "| $1 | ${WALL[$2]} | ${MIB[$2]} | $3 |"; }
sizes=$(cd "$DATA" && du -bc agencies.csv iit.csv eit.csv oit.csv | awk '{ printf "%s %.1f MB, ", $2, $1 / 1e6 }' | sed 's/, $//')
{
    echo "# Benchmark results"
    echo
    echo "Written by \`bash bench/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'); see [README.md](README.md)."
    echo
    echo "- Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores," \
        "$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM"
    echo "- Software: $(cc --version | head -1), SQLite $(sqlite3 --version | cut -d' ' -f1)," \
        "pandas $("$PY" -c 'import pandas; print(pandas.__version__)') on Python $("$PY" -c 'import platform; print(platform.python_version())')"
    echo "- Dataset (seed $SEED, scale $SCALE): $(sed 's/^gen_national: //; s/ (seed.*//' "$DATA/generated.txt")"
    echo "- Files: $sizes"
    echo "- Runs per tool: $RUNS; the table gives the median wall time and the largest peak resident memory."
    echo
    echo "| tool | wall s | peak MiB | time ÷ openita |"
    echo "|---|---:|---:|---:|"
    if [ $have_openita = yes ]; then
        row "openita score" openita "1.0×"
    else
        echo "| openita score | — | — | not built |"
    fi
    row "sqlite3 :memory: (.import + query)" sqlite "$(ratio sqlite)"
    row "pandas (read_csv + groupby)" pandas "$(ratio pandas)"
    if [ $have_openita = yes ]; then
        row "openita score, same agencies, a quarter of the respondents ($SMALL_RESP)" \
            openita-small "$(ratio openita-small)"
    fi
    echo
    echo "Check: $agreement."
    if [ $have_openita = yes ]; then
        echo
        echo "openita's peak memory: ${MIB[openita-small]} MiB with a quarter of the respondents," \
            "${MIB[openita]} MiB with all of them, for the same agencies: it keeps sums per agency," \
            "not rows per respondent."
    fi
} | tee bench/results.md
