#!/usr/bin/env bash
# bench/plans.sh PLANS_BENCH — the NACC admin's overview of every agency's measures plan
# (/admin/plans) over a national year: 8,300 agencies with 10 measures each, timed beside the
# same counts in one SQLite query (bench/plans_bench.c says how). Prints the figures and writes
# them to bench/plans-results.md. Settings: AGENCIES (8300), MEASURES (10), RUNS (5).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bin=${1:-build/bench/plans_bench}
[ -x "$bin" ] || { echo "bench: no $bin (make bench-plans builds it)" >&2; exit 1; }
work=$(mktemp -d /tmp/openita-bench-plans-XXXXXX)
trap 'rm -rf "$work"' EXIT
out=$(/usr/bin/time -f 'peak_kib=%M' "$bin" "$work/plans.db" --agencies "${AGENCIES:-8300}" \
  --measures "${MEASURES:-10}" --runs "${RUNS:-5}" 2>&1)
echo "$out"
get() { printf '%s\n' "$out" | sed -n "s/^$1=//p" | tail -1; }
{
  echo "| what | agencies | measures each | median time | ratio to SQLite |"
  echo "|---|---:|---:|---:|---:|"
  echo "| openita \`oi_store_plan_overview\` | $(get agencies) | $(get measures) | $(get openita_ms) ms | $(get ratio)× |"
  echo "| SQLite, one SQL statement | $(get agencies) | $(get measures) | $(get sqlite_ms) ms | 1 |"
  echo
  echo "Filling the database through the store: $(get fill_s) s; peak memory $(( $(get peak_kib) / 1024 )) MiB; counts that differ: $(get mismatches)."
} > bench/plans-results.md
cat bench/plans-results.md
