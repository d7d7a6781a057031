#!/usr/bin/env python3
"""evidence_server.py — a local HTTP server for the evidence-capture tests and benchmark.

Listens on 127.0.0.1, port given as the first argument (default 0: the kernel picks one; with
`--tls CERT KEY` after it, HTTPS with that certificate), prints
the port on the first line of stdout and serves until stdin closes (so it ends with the test
that started it) or it is killed. Python 3 standard library only. Routes (GET):

  /page                  a small HTML page (PAGE below)
  /n/I                   text/plain "item I\\n" (many distinct URLs)
  /changing              text/plain whose content changes on each request
  /redirect/K            302 to /redirect/K-1 … /redirect/1 → 302 /page (K redirects)
  /loop                  302 to itself
  /status/CODE           that status with a short text body (404, 500, …)
  /stall                 accepts and never answers
  /drip                  200, then one byte every 200 ms forever
  /big?size=N            N bytes (default 50 MiB) of BIG_PATTERN repeated, streamed
  /random?size=N&seed=S  N pseudo-random bytes (incompressible), application/octet-stream
  /empty                 200 with an empty body
  /pdf                   application/pdf
  /octet                 application/octet-stream
  /as?type=T&body=B      the bytes of a B ("pdf", "png", "jpeg", "gif", "docx", "doc") with
                         Content-Type T (none when T is absent): a PDF served as
                         application/octet-stream, …
  /dynamic               an HTML page whose words stay but whose visitor count (ASCII and Thai
                         digits), date (in digits and in Thai and English words), CSRF token,
                         session ids in links, script and banner change on each request
  /words                 an HTML page whose words change on each request
  /to?port=P&path=X      302 to http://127.0.0.1:P/X (only ever a loopback target)
  /to-localhost?path=X   302 to http://localhost:THIS_PORT/X
"""
import http.server
import random
import ssl
import sys
import threading
import time
import urllib.parse

PAGE = b"<!doctype html><html><head><title>OIT</title></head><body>evidence page</body></html>\n"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
MAGIC = {
    "pdf": PDF,
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
    "gif": b"GIF89a\x01\x00\x01\x00",
    "docx": b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml",
    "doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00",
}
WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"]
# The date in words, as Thai CMS headers print it (date_words.c takes these out).
THAI_DAYS = ["วันอาทิตย์", "วันจันทร์", "วันอังคาร", "วันพุธ", "วันพฤหัสบดี", "วันศุกร์", "วันเสาร์"]
THAI_MONTHS = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
               "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"]
THAI_MONTH_ABBR = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.",
                   "ต.ค.", "พ.ย.", "ธ.ค."]
ENGLISH_MONTHS = ["January", "February", "March", "April", "June", "July", "August",
                  "September", "October", "November", "December"]
BIG_PATTERN = b"abcdefghijklmnopqrstuvwxyz0123456789\n"
BIG_CHUNK = BIG_PATTERN * (65536 // len(BIG_PATTERN))

counter_lock = threading.Lock()
counter = [0]


def next_count():
    with counter_lock:
        counter[0] += 1
        return counter[0]


THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"


def dynamic_page(n):
    """The same words each time; only what a CMS changes on every visit differs."""
    thai = "".join(THAI_DIGITS[int(d)] for d in str(n * 7919))
    return ("""<!DOCTYPE html>
<html lang="th"><head><meta charset="utf-8"><title>ประกาศ สำนักงาน</title>
<meta name="csrf-token" content="tok%(n)d">
<style>.banner-%(n)d { color: #%(n)06d }</style>
<script>var visit = %(n)d; var banner = "slide-%(n)d";</script></head>
<body>
<!-- generated in %(n)d ms -->
<a href="/news?sid=%(n)x">ข่าวประชาสัมพันธ์</a>
<img src="/banner/%(n)d.jpg" alt="banner %(n)d">
<form><input type="hidden" name="_token" value="%(n)08x"></form>
<p>ประกาศเจตนารมณ์การป้องกันการทุจริต</p>
<p>วันที่ %(day)d/%(month)d/25%(n)02d   ผู้เข้าชม %(n)d คน ( %(thai)s )</p>
<p class="today">%(weekday)sที่ %(day)d %(month_th)s %(n)d · %(month_en)s %(day)d (%(abbr)s)</p>
<noscript>visit %(n)d</noscript>
</body></html>
""" % {"n": n, "day": n % 28 + 1, "month": n % 12 + 1, "thai": thai,
       "weekday": THAI_DAYS[n % 7], "month_th": THAI_MONTHS[n % 12],
       "month_en": ENGLISH_MONTHS[n % 11], "abbr": THAI_MONTH_ABBR[n % 12]}).encode()


def words_page(n):
    return ("<!DOCTYPE html><html><body><p>ประกาศ %s</p></body></html>\n"
            % WORDS[n % len(WORDS)]).encode()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True   # headers and body go in two writes: no 40 ms delayed ACK

    def log_message(self, *args):
        pass

    def send_body(self, status, ctype, body, extra=None):
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location):
        self.send_body(302, "text/plain", b"moved\n", {"Location": location})

    def do_GET(self):
        try:
            self.route()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def route(self):
        url = urllib.parse.urlsplit(self.path)
        q = urllib.parse.parse_qs(url.query)
        p = url.path
        if p == "/page":
            self.send_body(200, "text/html; charset=utf-8", PAGE)
        elif p.startswith("/n/"):
            self.send_body(200, "text/plain; charset=utf-8", b"item " + p[3:].encode() + b"\n")
        elif p == "/changing":
            self.send_body(200, "text/plain", b"version %d\n" % next_count())
        elif p == "/dynamic":
            self.send_body(200, "text/html; charset=utf-8", dynamic_page(next_count()))
        elif p == "/words":
            self.send_body(200, "text/html; charset=utf-8", words_page(next_count()))
        elif p == "/as":
            self.send_body(200, q.get("type", [""])[0], MAGIC[q.get("body", ["pdf"])[0]])
        elif p.startswith("/redirect/"):
            k = int(p[len("/redirect/"):] or "1")
            self.redirect("/page" if k <= 1 else "/redirect/%d" % (k - 1))
        elif p == "/loop":
            self.redirect("/loop")
        elif p.startswith("/status/"):
            code = int(p[len("/status/"):])
            self.send_body(code, "text/plain", b"status %d\n" % code)
        elif p == "/stall":
            time.sleep(3600)
        elif p == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            while True:
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.2)
        elif p == "/big":
            size = int(q.get("size", [str(50 * 1024 * 1024)])[0])
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(size))
            self.end_headers()
            left = size
            while left > 0:
                chunk = BIG_CHUNK if left >= len(BIG_CHUNK) else BIG_CHUNK[:left]
                self.wfile.write(chunk)
                left -= len(chunk)
        elif p == "/random":
            size = int(q.get("size", ["1048576"])[0])
            body = random.Random(int(q.get("seed", ["1"])[0])).randbytes(size)
            self.send_body(200, "application/octet-stream", body)
        elif p == "/empty":
            self.send_body(200, "text/html", b"")
        elif p == "/pdf":
            self.send_body(200, "application/pdf", PDF)
        elif p == "/octet":
            self.send_body(200, "application/octet-stream", b"\x00\x01binary\n")
        elif p == "/to":
            port = int(q["port"][0])
            self.redirect("http://127.0.0.1:%d/%s" % (port, q.get("path", ["page"])[0]))
        elif p == "/to-localhost":
            self.redirect("http://localhost:%d/%s" % (self.server.server_port,
                                                      q.get("path", ["page"])[0]))
        else:
            self.send_body(404, "text/plain", b"not found\n")


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    server = Server(("127.0.0.1", port), Handler)
    if len(sys.argv) > 4 and sys.argv[2] == "--tls":
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(sys.argv[3], sys.argv[4])
        server.socket = context.wrap_socket(server.socket, server_side=True)
    print(server.server_port, flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        sys.stdin.read()   # until the parent closes our stdin (or ends)
    except KeyboardInterrupt:
        pass
    server.shutdown()


if __name__ == "__main__":
    main()
