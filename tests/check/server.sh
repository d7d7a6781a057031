# server.sh — sourced by the shell tests of evidence capture (tests/scripts/test_evidence.sh,
# test_evidence_check.sh): the loopback test server tests/check/evidence_server.py, started in
# the test's folder and stopped when the test exits, and the checks' tally.
#
# Before sourcing: root (the repository), work (the test's temporary folder). Sourcing sets an
# EXIT trap that stops the server and removes $work.

server_pid=""
cleanup() {
  exec 3>&- 2>/dev/null
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; fi
  rm -rf "$work"
}
trap cleanup EXIT
passed=0
failed=0
check() {  # NAME ACTUAL EXPECTED
  if [ "$2" = "$3" ]; then
    echo "ok - $1"; passed=$((passed + 1))
  else
    echo "not ok - $1: got \"$2\", want \"$3\""; failed=$((failed + 1))
  fi
}

# server_start NAME: start the server; sets port and u (its base URL), or exits 1 naming the
# test NAME. The server lives while fd 3 (its stdin) is open.
server_start() {
  mkfifo "$work/in"
  python3 "$root/tests/check/evidence_server.py" 0 < "$work/in" > "$work/port" &
  server_pid=$!
  exec 3> "$work/in"
  for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.05; done
  port=$(head -1 "$work/port")
  [ -n "$port" ] || { echo "$1: the test server did not start" >&2; exit 1; }
  u="http://127.0.0.1:$port"
}
