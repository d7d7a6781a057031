#!/usr/bin/env python3
"""crash_client.py — the load of the crash test (bench/crash.sh): threads POSTing complete EIT
responses to one survey link until the server goes away, writing each response's nonce to the
"acked" file only after its 303 See Other has been read in full.

    python3 bench/load/crash_client.py --url http://127.0.0.1:PORT --token TOKEN \
        --acked FILE [--threads 16] [--max-seconds 120]

The answer codes and their options are read from the survey page's radio inputs, so the
client follows the form whatever the framework. Every nonce is 22 base64url characters from
16 random bytes. A thread stops when it cannot connect any more (the server was killed) or at
--max-seconds. Prints one line "crash_client: acked N, other statuses M, connection errors K".
Standard library only.
"""
import argparse
import base64
import http.client
import os
import random
import re
import sys
import threading
import time
import urllib.parse


def form_fields(host, port, token):
    """[(code, number of options)] in page order, from GET /s/TOKEN."""
    conn = http.client.HTTPConnection(host, port, timeout=30)
    conn.request("GET", "/s/" + token)
    resp = conn.getresponse()
    page = resp.read().decode("utf-8", "replace")
    conn.close()
    if resp.status != 200:
        sys.exit("crash_client: GET /s/%s answered %d" % (token, resp.status))
    fields = {}
    for name, value in re.findall(r'<input type="radio" name="([^"]+)" value="(\d+)"', page):
        fields[name] = max(fields.get(name, 0), int(value))
    if not fields:
        sys.exit("crash_client: no radio inputs on the survey page")
    return list(fields.items())


def nonce():
    return base64.urlsafe_b64encode(os.urandom(16)).decode("ascii").rstrip("=")


class Shared:
    def __init__(self, acked_path, deadline):
        self.lock = threading.Lock()
        self.acked = open(acked_path, "a", encoding="ascii")
        self.deadline = deadline
        self.n_acked = 0
        self.n_other = 0
        self.n_conn_errors = 0
        self.statuses = {}

    def ack(self, n):
        with self.lock:
            self.acked.write(n + "\n")
            self.acked.flush()
            self.n_acked += 1

    def other(self, status):
        with self.lock:
            self.n_other += 1
            self.statuses[status] = self.statuses.get(status, 0) + 1


def worker(host, port, token, fields, shared):
    rnd = random.Random(os.urandom(16))
    path = "/s/" + token
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    conn = None
    while time.monotonic() < shared.deadline:
        if conn is None:
            conn = http.client.HTTPConnection(host, port, timeout=30)
            try:
                conn.connect()
            except OSError:
                with shared.lock:
                    shared.n_conn_errors += 1
                return  # the server is gone
        n = nonce()
        answers = [(code, str(rnd.randint(1, n_opts))) for code, n_opts in fields]
        body = urllib.parse.urlencode(answers + [("nonce", n)])
        try:
            conn.request("POST", path, body, headers)
            resp = conn.getresponse()
            resp.read()
        except (OSError, http.client.HTTPException):
            # killed mid-request: not acknowledged, so not owed; reconnect (or stop)
            with shared.lock:
                shared.n_conn_errors += 1
            conn.close()
            conn = None
            continue
        if resp.status == 303:
            shared.ack(n)
        else:
            shared.other(resp.status)
        if resp.will_close:
            conn.close()
            conn = None
    if conn is not None:
        conn.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--url", required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--acked", required=True)
    ap.add_argument("--threads", type=int, default=16)
    ap.add_argument("--max-seconds", type=float, default=120)
    a = ap.parse_args()
    u = urllib.parse.urlsplit(a.url)
    fields = form_fields(u.hostname, u.port, a.token)
    shared = Shared(a.acked, time.monotonic() + a.max_seconds)
    threads = [threading.Thread(target=worker, args=(u.hostname, u.port, a.token, fields, shared))
               for _ in range(a.threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    shared.acked.close()
    print("crash_client: acked %d, other statuses %d %s, connection errors %d"
          % (shared.n_acked, shared.n_other, shared.statuses or "", shared.n_conn_errors))


if __name__ == "__main__":
    main()
