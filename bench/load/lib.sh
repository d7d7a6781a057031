# bench/load/lib.sh — shell helpers shared by bench/load.sh, bench/crash.sh and the shell tests
# in tests/scripts/: start `openita serve` on a free port and wait for its URL, stop it, read a
# survey link's answer codes. Source it from bash; it sets no options of its own.
#
#   . bench/load/lib.sh
#   oi_serve_start "$bin" "$log" --db "$db" --demo     # sets OI_PID, OI_PORT, OI_URL
#   oi_eit_token "$db"                                 # prints the first agency's EIT token
#   oi_serve_stop                                      # SIGTERM, wait; returns serve's status
#
# The server is started with --listen 127.0.0.1:0 (the kernel picks a free port) and the port is
# read from the line "open http://127.0.0.1:PORT/" it prints once it listens. Every function
# refers to the server by the process id it started, never by name.

OI_PID=""
OI_PORT=""
OI_URL=""

# oi_serve_start BIN LOG ARGS...: start BIN serve ARGS --listen 127.0.0.1:0 in the background,
# output to LOG; wait (up to OI_START_SECONDS, default 60) for its URL. Returns 1, with the log
# shown, when it exits or does not print the URL in time.
oi_serve_start() {
  local bin=$1 log=$2 i
  shift 2
  : > "$log"
  "$bin" serve --listen 127.0.0.1:0 "$@" >> "$log" 2>&1 &
  OI_PID=$!
  OI_PORT=""
  for ((i = 0; i < ${OI_START_SECONDS:-60} * 20; i++)); do
    OI_PORT=$(sed -n 's|.*open http://127\.0\.0\.1:\([0-9][0-9]*\)/.*|\1|p' "$log" | head -1)
    [ -n "$OI_PORT" ] && break
    if ! kill -0 "$OI_PID" 2>/dev/null; then
      echo "openita serve exited before listening; its output:" >&2
      cat "$log" >&2
      wait "$OI_PID" 2>/dev/null
      OI_PID=""
      return 1
    fi
    sleep 0.05
  done
  if [ -z "$OI_PORT" ]; then
    echo "openita serve printed no URL within ${OI_START_SECONDS:-60} s; its output:" >&2
    cat "$log" >&2
    kill -KILL "$OI_PID" 2>/dev/null
    wait "$OI_PID" 2>/dev/null
    OI_PID=""
    return 1
  fi
  OI_URL="http://127.0.0.1:$OI_PORT"
  return 0
}

# oi_serve_stop [SIGNAL]: send SIGNAL (default TERM) to the server started last and wait for
# it; returns its exit status (128 + signal number when killed).
oi_serve_stop() {
  local rc=0
  [ -n "$OI_PID" ] || return 0
  kill "-${1:-TERM}" "$OI_PID" 2>/dev/null
  { wait "$OI_PID"; } 2>/dev/null || rc=$?
  OI_PID=""
  return "$rc"
}

# oi_eit_token DB [N]: the EIT link token of the N-th participation (default 1st, by id).
oi_eit_token() {
  sqlite3 "$1" "SELECT eit_token FROM participations ORDER BY id LIMIT 1 OFFSET $(( ${2:-1} - 1 ));"
}

# oi_form_fields FILE: from a saved survey page, each radio group's name and its number of
# options, in page order: "e1:4,e2:4,e4:2,...".
oi_form_fields() {
  grep -o '<input type="radio" name="[^"]*" value="[0-9]*"' "$1" |
    sed 's/.*name="\([^"]*\)" value="\([0-9]*\)"/\1 \2/' |
    awk '!($1 in max) { order[n++] = $1 } $2 > max[$1] { max[$1] = $2 }
         END { for (i = 0; i < n; i++) printf "%s%s:%d", (i ? "," : ""), order[i], max[order[i]] }'
}

# oi_free_port: a TCP port free on 127.0.0.1 right now (for servers that cannot take port 0).
oi_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# oi_nginx_start NGINX_BIN WORK PORT WORKERS TYPES PROBE: serve WORK/www as static files on
# 127.0.0.1:PORT with a generated config (WORKERS processes, access log off, sendfile, the
# `types { … }` entries TYPES, every temporary path inside WORK), in the background; waits
# until PROBE (a path) answers. Sets nginx_pid. Only loopback is ever listened on.
oi_nginx_start() {
  local bin=$1 work=$2 port=$3 workers=$4 types=$5 probe=$6
  cat > "$work/nginx.conf" <<NGINX
worker_processes $workers;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path $work/ngx-body;
  proxy_temp_path $work/ngx-proxy;
  fastcgi_temp_path $work/ngx-fastcgi;
  uwsgi_temp_path $work/ngx-uwsgi;
  scgi_temp_path $work/ngx-scgi;
  types { $types }
  server {
    listen 127.0.0.1:$port;
    root $work/www;
  }
}
NGINX
  "$bin" -p "$work" -e "$work/nginx-error.log" -c "$work/nginx.conf" &
  nginx_pid=$!
  for _ in $(seq 100); do
    curl -sf -o /dev/null "http://127.0.0.1:$port$probe" && break
    sleep 0.05
  done
}
