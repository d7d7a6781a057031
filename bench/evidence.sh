#!/usr/bin/env bash
# bench/evidence.sh — evidence capture throughput and memory, beside curl's own parallel mode.
#
#   bash bench/evidence.sh    # EVIDENCE_URLS=10000 EVIDENCE_CONCURRENCY=16
#
# 1. Build (unless OPENITA_BIN is given). nginx (Debian nginx-light) on a free loopback port, with
#    a generated config, serves four small files: an HTML page (4 KiB), a "PDF" (8 KiB), a text
#    file (1 KiB) and an image (2 KiB). Only 127.0.0.1 is ever contacted.
# 2. EVIDENCE_URLS distinct URLs (the files with ?n=I, which nginx ignores) are written to a file.
# 3. openita: `/usr/bin/time -v openita evidence capture --allow-private --concurrency C --from
#    FILE`: each URL fetched under the capture bounds, SHA-256 and gzip of every body, one JSON
#    line each. Every line must say "outcome":"ok" (else the script exits 1).
# 4. The peer: `/usr/bin/time -v curl -s --parallel --parallel-max C -K CONFIG` over the same
#    URLs, bodies to /dev/null (fetching only: no hash, no stored copy, no JSON), every status
#    written out and counted (all must be 200).
# Each runs EVIDENCE_RUNS times (default 5), the two interleaved: URLs/s = URLs ÷ the median wall
# time; CPU time (user + sys) is the median too, less disturbed by other load; peak memory is /usr/bin/time's maximum resident set size. Client and
# server share the machine's cores. Prints a table and writes it to bench/evidence-results.md.
# KEEP=1 keeps the work folder.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
n_urls=${EVIDENCE_URLS:-10000}
conc=${EVIDENCE_CONCURRENCY:-16}
bin=${OPENITA_BIN:-build/openita}
for tool in curl python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "evidence bench: $tool is needed (scripts/install-deps.sh)" >&2; exit 2; }
done
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx_bin" ] || { echo "evidence bench: nginx is needed (apt-get install nginx-light)" >&2; exit 2; }
[ -n "${OPENITA_BIN:-}" ] || make -s -j2 build/openita
. "$root/bench/load/lib.sh"

work=$(mktemp -d /tmp/openita-evidence-bench-XXXXXX)
nginx_pid=""
cleanup() {
  if [ -n "$nginx_pid" ]; then kill -QUIT "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true; fi
  if [ "${KEEP:-0}" = 1 ]; then echo "evidence bench: work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# 1. the files and nginx
mkdir -p "$work/www"
python3 - "$work/www" <<'PY'
import os, sys
d = sys.argv[1]
row = "<p>หน่วยงานเผยแพร่ข้อมูลการจัดซื้อจัดจ้าง OIT evidence</p>\n"
open(os.path.join(d, "page.html"), "w").write("<!doctype html><html><body>\n" + row * 60 + "</body></html>\n")
open(os.path.join(d, "doc.pdf"), "wb").write(b"%PDF-1.4\n" + bytes(range(256)) * 32 + b"\n%%EOF\n")
open(os.path.join(d, "note.txt"), "w").write("plan of the agency, item 7\n" * 38)
open(os.path.join(d, "logo.png"), "wb").write(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
PY
chmod 755 "$work" "$work/www"; chmod 644 "$work/www"/*
port=$(oi_free_port)
oi_nginx_start "$nginx_bin" "$work" "$port" 1 \
  "text/html html; application/pdf pdf; text/plain txt; image/png png;" /page.html

# 2. the URLs
files=(page.html doc.pdf note.txt logo.png)
for ((i = 0; i < n_urls; i++)); do
  echo "http://127.0.0.1:$port/${files[i % 4]}?n=$i"
done > "$work/urls.txt"
sed 's/.*/url = "&"\noutput = "\/dev\/null"/' "$work/urls.txt" > "$work/curl.cfg"

# peak RSS from /usr/bin/time -v's report in FILE
rss_mib() { awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$1"; }
per_s() { awk -v n="$1" -v s="$2" 'BEGIN { r = 0; if (s > 0) r = n / s; printf "%.0f", r }'; }

# timed NAME CMD...: one run of CMD under /usr/bin/time -v, stdout to $work/NAME.out; appends
# its wall time (s, from the clock around it) to NAME_walls, its CPU time (user + sys) to
# NAME_cpus, and keeps the largest peak RSS (MiB) in NAME_rss.
timed() {
  local name=$1 t0 t1 x
  shift
  t0=$(date +%s%N)
  /usr/bin/time -v -o "$work/$name.time" "$@" > "$work/$name.out" 2> "$work/$name.err" || true
  t1=$(date +%s%N)
  eval "${name}_walls+=\" $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')\""
  x=$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { printf "%.2f", u + s }' "$work/$name.time")
  eval "${name}_cpus+=\" $x\""
  x=$(rss_mib "$work/$name.time")
  eval "${name}_rss=$(awk -v a="$(eval echo "\${${name}_rss:-0}")" -v b="$x" 'BEGIN { print (b > a ? b : a) }')"
}
median() { printf '%s\n' $1 | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

runs=${EVIDENCE_RUNS:-5}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# 3. and 4., interleaved so that both see the same load from anything else on the machine
openita_walls=""; openita_cpus=""; curl_walls=""; curl_cpus=""
for ((r = 1; r <= runs; r++)); do
  echo "== run $r of $runs: openita evidence capture --allow-private --concurrency $conc --from urls.txt; curl --parallel --parallel-max $conc"
  timed openita "$bin" evidence capture --allow-private --concurrency "$conc" --from "$work/urls.txt"
  timed curl curl -s --parallel --parallel-max "$conc" -w '%{http_code}\n' -K "$work/curl.cfg"
done
o_lines=$(wc -l < "$work/openita.out")
o_ok=$(grep -c '"outcome":"ok"' "$work/openita.out" || true)
o_wall=$(median "$openita_walls"); o_cpu=$(median "$openita_cpus"); o_rss=$openita_rss
echo "openita: $o_lines lines, $o_ok ok; wall s$openita_walls (median $o_wall); CPU s$openita_cpus; peak RSS ${o_rss} MiB"
c_ok=$(grep -c '^200$' "$work/curl.out" || true)
c_wall=$(median "$curl_walls"); c_cpu=$(median "$curl_cpus"); c_rss=$curl_rss
echo "curl: $c_ok of $n_urls answered 200; wall s$curl_walls (median $c_wall); CPU s$curl_cpus; peak RSS ${c_rss} MiB"

o_rate=$(per_s "$n_urls" "$o_wall"); c_rate=$(per_s "$n_urls" "$c_wall")
ratio=$(awk -v a="$o_rate" -v b="$c_rate" 'BEGIN { r = 0; if (b > 0) r = a / b; printf "%.2f", r }')
cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)
curl_v=$(curl --version | head -1 | cut -d' ' -f1-2)
nginx_v=$("$nginx_bin" -v 2>&1 | sed 's|.*nginx/||')
sizes=$(cd "$work/www" && for f in "${files[@]}"; do printf '%s %s B, ' "$f" "$(wc -c < "$f")"; done)

table="# Evidence capture — bench/evidence.sh

Run on $(date -u +%Y-%m-%d): $(nproc) cores (${cpu:-unknown CPU}), $(uname -r); openita 0.1.0
(libcurl $(curl-config --version 2>/dev/null | cut -d' ' -f2 || echo '?')), $curl_v, nginx $nginx_v.
$n_urls distinct URLs on loopback (four static files: ${sizes%, }) served by nginx
(one worker); client and server share the cores; load average before: $load_before.

The two clients ran $runs times each, interleaved; wall and CPU times are medians (wall s, all
runs: openita$openita_walls; curl$curl_walls), peak RSS the largest.

| client | concurrency | URLs | fetched OK | wall s | URLs/s | CPU s (user+sys) | peak RSS MiB |
|---|---:|---:|---:|---:|---:|---:|---:|
| \`openita evidence capture --allow-private --from FILE\` (SHA-256, gzip copy, JSON line) | $conc | $n_urls | $o_ok | $o_wall | $o_rate | $o_cpu | $o_rss |
| \`curl -s --parallel --parallel-max $conc -K CONFIG\` (bodies to /dev/null) | $conc | $n_urls | $c_ok | $c_wall | $c_rate | $c_cpu | $c_rss |

- openita ÷ curl, URLs/s: **$ratio**; CPU time per URL: openita $(awk -v c="$o_cpu" -v n="$n_urls" 'BEGIN { printf "%.0f", c / n * 1e6 }') µs,
  curl $(awk -v c="$c_cpu" -v n="$n_urls" 'BEGIN { printf "%.0f", c / n * 1e6 }') µs.
- The peer only fetches; openita also hashes (SHA-256, libsodium) and gzips (zlib, level 6) every
  body and writes a JSON line per URL: in a profile of the openita run, zlib and libsodium
  take about half of the client's CPU time.
- Command: \`bash bench/evidence.sh\` (EVIDENCE_URLS=$n_urls EVIDENCE_CONCURRENCY=$conc
  EVIDENCE_RUNS=$runs)."
printf '%s\n' "$table" | tee bench/evidence-results.md
if [ "$o_ok" -ne "$n_urls" ] || [ "$o_lines" -ne "$n_urls" ]; then
  echo "evidence bench: openita fetched $o_ok of $n_urls" >&2
  exit 1
fi
