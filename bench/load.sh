#!/usr/bin/env bash
# bench/load.sh — survey submissions under load (`make bench-load`), beside nginx serving the
# same page as a static file. Figures and the commands behind them: docs/BENCHMARKS.md.
#
#   bash bench/load.sh   # LOAD_DURATION=30s LOAD_THREADS=2 LOAD_CONNECTIONS=64
#                        # LOAD_LIGHT_DURATION=10s (the -t1 -c4 latency runs)
#
# 1. Build; a fresh database; `openita serve --demo --rate-network 0 --rate-link 0` on a free
#    port (the demo year's survey window is open today); the first agency's EIT link.
# 2. wrk GET of the survey page (/s/TOKEN: rendered per request, a fresh nonce each time), at
#    -c64 (throughput; latency there is mostly queueing) and at -t1 -c4 (latency of one page).
# 3. wrk POST of complete EIT responses to that link (bench/load/post_eit.lua: random answers,
#    a fresh nonce per request; any status but 303 counts as an error).
# 4. Stop the server (SIGTERM), count the rows added to `responses` with sqlite3: the durable
#    accepted submissions; submissions/s = rows ÷ the POST run's duration.
# 5. nginx (Debian nginx-light) on another free port, with a generated config, serving a saved
#    copy of the same survey page; wrk GET of it, the same two ways.
# Prints a table and writes it to bench/load/results.md; exits 1 when any openita request
# failed. The database lives under LOAD_DIR (default /tmp; put it on the disk you mean to
# measure: fsync costs what it costs there). KEEP=1 keeps the work folder.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
dur=${LOAD_DURATION:-30s}
threads=${LOAD_THREADS:-2}
conns=${LOAD_CONNECTIONS:-64}
light_dur=${LOAD_LIGHT_DURATION:-10s}
bin=${OPENITA_BIN:-build/openita}
for tool in wrk sqlite3 curl python3; do
  command -v "$tool" >/dev/null || { echo "load: $tool is needed (scripts/install-deps.sh)" >&2; exit 2; }
done
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx_bin" ] || nginx_bin=""
[ -n "${OPENITA_BIN:-}" ] || make -s -j2 build/openita
. "$root/bench/load/lib.sh"

work=$(mktemp -d "${LOAD_DIR:-/tmp}/openita-load-XXXXXX")
db=$work/load.db
nginx_pid=""
cleanup() {
  oi_serve_stop KILL 2>/dev/null || true
  if [ -n "$nginx_pid" ]; then kill -QUIT "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true; fi
  if [ "${KEEP:-0}" = 1 ]; then echo "load: work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# wrk_run NAME SCRIPT URL [THREADS CONNECTIONS DURATION]: run wrk, keep its output in
# $work/NAME.txt, print it, and set the variables of its "OPENITA ..." line (NAME_requests,
# NAME_ok, NAME_bad, NAME_duration_us, NAME_p50_us, NAME_p99_us, ...).
wrk_run() {
  local name=$1 script=$2 url=$3 t=${4:-$threads} c=${5:-$conns} d=${6:-$dur} line
  echo "== $name: wrk -t$t -c$c -d$d --latency -s $script $url"
  wrk -t"$t" -c"$c" -d"$d" --latency -s "$script" "$url" > "$work/$name.txt" 2>&1 ||
    echo "load: wrk exited with status $?" >> "$work/$name.txt"
  cat "$work/$name.txt"
  line=$(grep "^OPENITA " "$work/$name.txt" | tail -1 || true)
  [ -n "$line" ] || { echo "load: wrk printed no summary for $name" >&2; exit 1; }
  for kv in ${line#OPENITA }; do eval "${name}_${kv%%=*}=${kv#*=}"; done
}
ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
per_s() { awk -v n="$1" -v us="$2" 'BEGIN { r = 0; if (us > 0) r = n / (us / 1e6); printf "%.0f", r }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { r = 0; if (b > 0) r = a / b; printf "%.2f", r }'; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# 1. the server and the link
oi_serve_start "$bin" "$work/serve.log" --db "$db" --demo --rate-network 0 --rate-link 0
token=$(oi_eit_token "$db")
part=$(sqlite3 "$db" "SELECT id FROM participations WHERE eit_token = '$token';")
page_url="$OI_URL/s/$token"
mkdir -p "$work/www"
curl -sf -o "$work/www/survey.html" "$page_url"
fields=$(oi_form_fields "$work/www/survey.html")
[ -n "$fields" ] || { echo "load: no radio inputs on $page_url" >&2; exit 1; }
echo "load: $OI_URL, EIT link $token (participation $part), answer codes $fields"
check=$(curl -s -o /dev/null -w '%{http_code}' --data "$(echo "$fields" | sed 's/:[0-9]*//g; s/,/=1\&/g; s/$/=1/')&nonce=AAAAAAAAAAloadcheck000" "$page_url")
[ "$check" = 303 ] || { echo "load: a valid POST answered $check, not 303" >&2; exit 1; }
rows0=$(sqlite3 "$db" "SELECT count(*) FROM responses;")

# 2. GET of the page, saturating (-c64) and lightly loaded (-c4: the latency of one page);
# 3. POST of responses
wrk_run get "bench/load/get.lua" "$page_url"
wrk_run getlight "bench/load/get.lua" "$page_url" 1 4 "$light_dur"
export OPENITA_FIELDS=$fields
wrk_run post "bench/load/post_eit.lua" "$page_url"

# 4. stop, count durable rows
stop_rc=0
oi_serve_stop TERM || stop_rc=$?
grep -q "stopped cleanly" "$work/serve.log" || { echo "load: the server did not stop cleanly (status $stop_rc)" >&2; cat "$work/serve.log" >&2; exit 1; }
rows1=$(sqlite3 "$db" "SELECT count(*) FROM responses;")
durable=$((rows1 - rows0))
integrity=$(sqlite3 "$db" "PRAGMA integrity_check;")

# 5. nginx, same page as a static file
nginx_note=""
if [ -n "$nginx_bin" ]; then
  nport=$(oi_free_port)
  chmod 755 "$work" "$work/www"; chmod 644 "$work/www/survey.html"
  oi_nginx_start "$nginx_bin" "$work" "$nport" 2 "text/html html;" /survey.html
  wrk_run nginx "bench/load/get.lua" "http://127.0.0.1:$nport/survey.html"
  wrk_run nginxlight "bench/load/get.lua" "http://127.0.0.1:$nport/survey.html" 1 4 "$light_dur"
  kill -QUIT "$nginx_pid" 2>/dev/null || true
  wait "$nginx_pid" 2>/dev/null || true
  nginx_pid=""
else
  nginx_note="nginx is not installed (apt-get install nginx-light): no static comparison."
  for n in nginx nginxlight; do
    for f in requests duration_us p50_us p99_us bad sock_errors; do eval "${n}_$f=0"; done
  done
fi

# The table
get_rps=$(per_s "$get_requests" "$get_duration_us")
getlight_rps=$(per_s "$getlight_requests" "$getlight_duration_us")
nginxlight_rps=$(per_s "$nginxlight_requests" "$nginxlight_duration_us")
post_rps=$(per_s "$post_requests" "$post_duration_us")
durable_rps=$(per_s "$durable" "$post_duration_us")
nginx_rps=$(per_s "$nginx_requests" "$nginx_duration_us")
page_kib=$(awk -v b="$(wc -c < "$work/www/survey.html")" 'BEGIN { printf "%.1f", b / 1024 }')
verdict_sub=$(awk -v r="$durable_rps" -v p="$post_p99_us" 'BEGIN { v = "missed"; if (r >= 2000 && p < 50000) v = "met"; print v }')
verdict_get=$(awk -v p="$getlight_p99_us" 'BEGIN { v = "missed"; if (p < 5000) v = "met"; print v }')
when=$(date -u +%Y-%m-%d)
cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)
fs=$(df -T "$work" | awk 'NR == 2 { print $2 }')
sqlite_v=$(sqlite3 --version | cut -d' ' -f1)
nginx_v=$([ -n "$nginx_bin" ] && "$nginx_bin" -v 2>&1 | sed 's|.*nginx/||' || echo "-")
{
  echo "# Survey submissions under load — bench/load.sh"
  echo
  echo "Run on $when: $(nproc) cores ($cpu), $(uname -r), database on $fs; openita $("$bin" --version | cut -d' ' -f2),"
  echo "SQLite $sqlite_v, nginx $nginx_v, wrk $(wrk -v 2>&1 | head -1 | cut -d' ' -f2). Every run: \`wrk -t$threads -c$conns -d$dur --latency\` on loopback,"
  echo "client and server on the same $(nproc) cores; load average before the run: $load_before."
  echo "Survey page: $page_kib KiB (EIT on ita-2565: $(echo "$fields" | tr ',' '\n' | wc -l) answer codes)."
  echo
  echo "| run | wrk | req/s | p50 ms | p99 ms | errors |"
  echo "|---|---|---:|---:|---:|---:|"
  echo "| openita GET /s/TOKEN (page rendered, fresh nonce) | -t$threads -c$conns | $get_rps | $(ms "$get_p50_us") | $(ms "$get_p99_us") | $((get_bad + get_sock_errors)) |"
  echo "| nginx GET of a saved copy (static file) | -t$threads -c$conns | $nginx_rps | $(ms "$nginx_p50_us") | $(ms "$nginx_p99_us") | $((nginx_bad + nginx_sock_errors)) |"
  echo "| openita GET /s/TOKEN, light load | -t1 -c4 | $getlight_rps | $(ms "$getlight_p50_us") | $(ms "$getlight_p99_us") | $((getlight_bad + getlight_sock_errors)) |"
  echo "| nginx GET of the copy, light load | -t1 -c4 | $nginxlight_rps | $(ms "$nginxlight_p50_us") | $(ms "$nginxlight_p99_us") | $((nginxlight_bad + nginxlight_sock_errors)) |"
  echo "| openita POST /s/TOKEN (stored, 303) | -t$threads -c$conns | $post_rps | $(ms "$post_p50_us") | $(ms "$post_p99_us") | $((post_bad + post_sock_errors)) |"
  echo
  echo "- Durable accepted submissions: **$durable rows** added to \`responses\` in $(awk -v us="$post_duration_us" 'BEGIN { printf "%.1f", us / 1e6 }') s"
  echo "  = **$durable_rps submissions/s** (303s seen by wrk: $post_ok; the rest were in flight when"
  echo "  wrk stopped; integrity_check: $integrity)."
  echo "- Target ≥ 2,000 durable submissions/s with p99 < 50 ms: **$verdict_sub** ($durable_rps/s, p99 $(ms "$post_p99_us") ms)."
  echo "- Target survey page < 5 ms: **$verdict_get** at light load (p50 $(ms "$getlight_p50_us") ms, p99 $(ms "$getlight_p99_us") ms);"
  echo "  at -c$conns the cores are saturated and p99 is queueing (p50 $(ms "$get_p50_us") ms, p99 $(ms "$get_p99_us") ms)."
  if [ -z "$nginx_note" ]; then
    echo "- openita ÷ nginx, req/s: GET page $(ratio "$get_rps" "$nginx_rps"), durable POST vs static GET $(ratio "$durable_rps" "$nginx_rps");"
    echo "  p99: GET $(ratio "$get_p99_us" "$nginx_p99_us")×, POST $(ratio "$post_p99_us" "$nginx_p99_us")× nginx's."
  else
    echo "- $nginx_note"
  fi
} > "$work/results.md"
echo
cat "$work/results.md"
cp "$work/results.md" bench/load/results.md
echo
echo "load: written to bench/load/results.md"
errors=$((get_bad + get_sock_errors + getlight_bad + getlight_sock_errors + post_bad + post_sock_errors))
if [ "$errors" -gt 0 ]; then
  echo "load: $errors requests failed (see the errors column): the figures do not count" >&2
  exit 1
fi
