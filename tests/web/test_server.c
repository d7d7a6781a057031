/*
 * test_server.c — the HTTP server (src/web/server.c) over real sockets: the in-process server
 * on 127.0.0.1 port 0 with the webtest app, spoken to with plain POSIX sockets and hand-written
 * HTTP/1.1. Checks what the in-memory tests (webtest_request) cannot: the request line and
 * headers reach web_handle() as they should, the body cap answers 413 without taking the
 * server down, HEAD sends no body, keep-alive carries several requests on one connection, a
 * survey POST stores its response and answers 303, and stopping the server with a client still
 * connected is clean (no leak under ASan).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#include "webtest.h"
#include "server.h"

/* One client connection and the bytes read but not yet consumed. */
struct conn {
	int fd;
	char buf[1 << 16];
	size_t len;
};

struct http_res {
	int status;
	char headers[8192];          /* the header lines, "Name: value\r\n" each */
	char *body;                  /* NUL-terminated, malloc'd */
	size_t body_len;
};

static void http_res_free(struct http_res *r)
{
	free(r->body);
	memset(r, 0, sizeof *r);
}

static void conn_open(struct conn *c, unsigned port)
{
	struct sockaddr_in sa;

	memset(c, 0, sizeof *c);
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((unsigned short)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	c->fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(c->fd >= 0);
	if (connect(c->fd, (struct sockaddr *)&sa, sizeof sa))
		fail_msg("connect to 127.0.0.1:%u: %s", port, strerror(errno));
}

static void conn_close(struct conn *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
}

/* Send all of data; false when the peer closed (EPIPE/ECONNRESET), never SIGPIPE. */
static bool send_all(struct conn *c, const void *data, size_t n)
{
	const char *p = data;

	while (n) {
		ssize_t k = send(c->fd, p, n, MSG_NOSIGNAL);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return false;
		p += k;
		n -= (size_t)k;
	}
	return true;
}

/* Read more bytes into c->buf; false at end of stream or on an error. */
static bool fill(struct conn *c)
{
	ssize_t k;

	if (c->len == sizeof c->buf)
		fail_msg("response headers larger than the test's buffer");
	do
		k = recv(c->fd, c->buf + c->len, sizeof c->buf - c->len, 0);
	while (k < 0 && errno == EINTR);
	if (k <= 0)
		return false;
	c->len += (size_t)k;
	return true;
}

/* A header's value in r->headers (case-insensitive name), copied into out; false if absent. */
static bool header_get(const struct http_res *r, const char *name, char *out, size_t size)
{
	size_t nlen = strlen(name);

	for (const char *line = r->headers; *line;) {
		const char *eol = strstr(line, "\r\n");
		size_t llen = eol ? (size_t)(eol - line) : strlen(line);

		if (llen > nlen && !strncasecmp(line, name, nlen) && line[nlen] == ':') {
			const char *v = line + nlen + 1;

			while (*v == ' ')
				v++;
			snprintf(out, size, "%.*s", (int)(llen - (size_t)(v - line)), v);
			return true;
		}
		line = eol ? eol + 2 : line + llen;
	}
	return false;
}

/*
 * Read one response: status line, headers, and a body of Content-Length bytes (none for a HEAD
 * request or a status without body). Returns false when the connection ended before a whole
 * response arrived.
 */
static bool read_response(struct conn *c, bool head, struct http_res *r)
{
	char *end, value[64];
	size_t hlen, need;
	long clen = -1;

	memset(r, 0, sizeof *r);
	while (!(end = memmem(c->buf, c->len, "\r\n\r\n", 4)))
		if (!fill(c))
			return false;
	hlen = (size_t)(end - c->buf) + 4;
	if (hlen - 2 >= sizeof r->headers)
		fail_msg("response headers too long");
	if (sscanf(c->buf, "HTTP/1.%*d %d", &r->status) != 1)
		fail_msg("not an HTTP status line: %.40s", c->buf);
	{
		const char *first_eol = strstr(c->buf, "\r\n");
		size_t off = (size_t)(first_eol - c->buf) + 2;

		memcpy(r->headers, c->buf + off, hlen - 2 - off);
		r->headers[hlen - 2 - off] = '\0';
	}
	if (header_get(r, "Content-Length", value, sizeof value)) {
		char *e;

		clen = strtol(value, &e, 10);
		assert_true(*e == '\0' && clen >= 0);
	}
	if (head || r->status == 204 || r->status == 304 || (r->status >= 100 && r->status < 200))
		clen = 0;
	if (clen < 0)
		fail_msg("response %d without Content-Length (the test reads only those)",
			 r->status);
	need = hlen + (size_t)clen;
	r->body = malloc((size_t)clen + 1);
	assert_non_null(r->body);
	r->body_len = (size_t)clen;
	/* the body may be larger than the buffer: move what is there, then read straight on */
	{
		size_t have = c->len < need ? c->len - hlen : (size_t)clen;

		memcpy(r->body, c->buf + hlen, have);
		memmove(c->buf, c->buf + hlen + have, c->len - hlen - have);
		c->len -= hlen + have;
		while (have < (size_t)clen) {
			ssize_t k = recv(c->fd, r->body + have, (size_t)clen - have, 0);

			if (k < 0 && errno == EINTR)
				continue;
			if (k <= 0) {
				http_res_free(r);
				return false;
			}
			have += (size_t)k;
		}
	}
	r->body[clen] = '\0';
	return true;
}

/* Send one request (extra_headers: "Name: value\r\n" lines or "") and read its response. */
static bool request(struct conn *c, const char *method, const char *target,
		    const char *extra_headers, const char *body, struct http_res *r)
{
	char head[1024];
	int n;

	if (body)
		n = snprintf(head, sizeof head, "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%s"
			     "Content-Length: %zu\r\n\r\n", method, target, extra_headers,
			     strlen(body));
	else
		n = snprintf(head, sizeof head, "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%s\r\n",
			     method, target, extra_headers);
	assert_true(n > 0 && (size_t)n < sizeof head);
	if (!send_all(c, head, (size_t)n) || (body && !send_all(c, body, strlen(body))))
		return false;
	return read_response(c, !strcmp(method, "HEAD"), r);
}

/* The webtest app with its survey window moved around today (the server stamps requests with
 * the real time), served on 127.0.0.1:0. */
static void start(struct webtest *t, struct web_server **srv)
{
	struct oi_error err;

	/* the route groups these tests reach, referenced here: routes.c refers to the groups
	   weakly, and a weak reference does not pull a member out of libopenita.a */
	assert_non_null(web_routes_survey[0].pattern);
	assert_non_null(web_routes_agency[0].pattern);
	webtest_setup(t);
	memcpy(t->assessment.survey_open, "2000-01-01", 11);
	memcpy(t->assessment.survey_close, "2999-12-31", 11);
	if (oi_store_assessment_update(t->st, &t->assessment, &err))
		webtest_fail("assessment update", &err);
	if (web_server_start(t->app, "127.0.0.1:0", srv, &err))
		webtest_fail("server start", &err);
	assert_true(web_server_port(*srv) > 0);
}

static void stop(struct webtest *t, struct web_server *srv)
{
	web_server_stop(srv);
	webtest_teardown(t);
}

/* One GET on a new connection. */
static void get_once(unsigned port, const char *target, struct http_res *r)
{
	struct conn *c = malloc(sizeof *c);

	assert_non_null(c);
	conn_open(c, port);
	assert_true(request(c, "GET", target, "", NULL, r));
	conn_close(c);
	free(c);
}

static void test_healthz_json(void **state)
{
	struct webtest t;
	struct web_server *srv;
	struct http_res r;
	char ct[128];

	(void)state;
	start(&t, &srv);
	get_once(web_server_port(srv), "/healthz", &r);
	assert_int_equal(r.status, 200);
	assert_true(header_get(&r, "Content-Type", ct, sizeof ct));
	assert_true(!strncmp(ct, "application/json", 16));
	assert_non_null(strstr(r.body, "\"status\""));
	assert_non_null(strstr(r.body, "\"ok\""));
	/* the security headers travel over the wire too */
	assert_true(header_get(&r, "X-Content-Type-Options", ct, sizeof ct));
	assert_string_equal(ct, "nosniff");
	http_res_free(&r);
	stop(&t, srv);
}

static void test_head_has_no_body(void **state)
{
	struct webtest t;
	struct web_server *srv;
	struct http_res r;
	struct conn *c = malloc(sizeof *c);
	char ct[128];

	(void)state;
	assert_non_null(c);
	start(&t, &srv);
	conn_open(c, web_server_port(srv));
	assert_true(request(c, "HEAD", "/healthz", "", NULL, &r));
	assert_int_equal(r.status, 200);
	assert_int_equal(r.body_len, 0);
	assert_true(header_get(&r, "Content-Type", ct, sizeof ct));
	assert_true(!strncmp(ct, "application/json", 16));
	http_res_free(&r);
	/* nothing of a body is left on the wire: the next answer on the connection is whole */
	assert_true(request(c, "GET", "/healthz", "", NULL, &r));
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "\"ok\""));
	http_res_free(&r);
	conn_close(c);
	free(c);
	stop(&t, srv);
}

static void test_keep_alive_two_requests(void **state)
{
	struct webtest t;
	struct web_server *srv;
	struct http_res r;
	struct conn *c = malloc(sizeof *c);

	(void)state;
	assert_non_null(c);
	start(&t, &srv);
	conn_open(c, web_server_port(srv));
	assert_true(request(c, "GET", "/healthz", "", NULL, &r));
	assert_int_equal(r.status, 200);
	http_res_free(&r);
	assert_true(request(c, "GET", "/no/such/page", "", NULL, &r));
	assert_int_equal(r.status, 404);
	assert_true(r.body_len > 0);
	http_res_free(&r);
	assert_true(request(c, "GET", "/static/app.css", "", NULL, &r));
	assert_int_equal(r.status, 200);
	http_res_free(&r);
	conn_close(c);
	free(c);
	stop(&t, srv);
}

static void test_oversized_body_413_then_serving(void **state)
{
	struct webtest t;
	struct web_server *srv;
	struct http_res r;
	struct conn *c = malloc(sizeof *c);
	size_t total = 3u << 20, chunk = 64u << 10, sent = 0;
	char head[512], *block = malloc(chunk);
	int n;

	(void)state;
	assert_non_null(c);
	assert_non_null(block);
	memset(block, 'a', chunk);
	start(&t, &srv);
	conn_open(c, web_server_port(srv));
	n = snprintf(head, sizeof head, "POST /s/%s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
		     "Content-Type: application/x-www-form-urlencoded\r\n"
		     "Content-Length: %zu\r\n\r\n", t.p01.eit_token, total);
	assert_true(send_all(c, head, (size_t)n));
	/* the server may answer and close before the last byte; a refused send is fine */
	while (sent < total && send_all(c, block, chunk))
		sent += chunk;
	assert_true(read_response(c, false, &r));
	assert_int_equal(r.status, 413);
	http_res_free(&r);
	conn_close(c);
	free(c);
	free(block);

	get_once(web_server_port(srv), "/healthz", &r);
	assert_int_equal(r.status, 200);
	http_res_free(&r);
	stop(&t, srv);
}

static void test_bad_targets(void **state)
{
	struct webtest t;
	struct web_server *srv;
	struct http_res r;
	unsigned port;

	(void)state;
	start(&t, &srv);
	port = web_server_port(srv);
	get_once(port, "/%zz", &r);
	assert_int_equal(r.status, 400);
	http_res_free(&r);
	get_once(port, "/a%00b", &r);
	assert_int_equal(r.status, 400);
	http_res_free(&r);
	get_once(port, "/no/such/page", &r);
	assert_int_equal(r.status, 404);
	http_res_free(&r);
	{
		struct conn *c = malloc(sizeof *c);
		char path[128];

		assert_non_null(c);
		snprintf(path, sizeof path, "/s/%s", t.p01.eit_token);
		conn_open(c, port);
		assert_true(request(c, "POST", path, "Content-Type: text/plain\r\n", "e1=1", &r));
		assert_int_equal(r.status, 415);
		http_res_free(&r);
		conn_close(c);
		free(c);
	}
	stop(&t, srv);
}

/* Count of EIT responses stored for agency A01. */
static long eit_count(struct webtest *t)
{
	struct oi_agency_progress *p = NULL;
	struct oi_error err;
	size_t n = 0;
	long count;

	if (oi_store_progress(t->st, t->assessment.id, t->a01.id, &p, &n, &err))
		webtest_fail("progress", &err);
	assert_int_equal(n, 1);
	count = p[0].eit_responses;
	free(p);
	return count;
}

static void test_survey_post_303_and_stored(void **state)
{
	struct webtest t;
	struct web_server *srv;
	struct http_res r;
	struct conn *c = malloc(sizeof *c);
	struct buf body;
	char path[128], loc[256], want[256];
	const struct oi_instrument *eit;
	long before;

	(void)state;
	assert_non_null(c);
	start(&t, &srv);
	eit = &t.fw->instruments[1];
	assert_string_equal(eit->code, "EIT");
	buf_init(&body, 4096);
	for (size_t i = 0; i < eit->n_subitems; i++)
		buf_printf(&body, "%s=1&", t.fw->subitems[eit->first_subitem + i].code);
	buf_puts(&body, "nonce=ServerTestNonce0000000");     /* 22 base64url characters */
	assert_false(body.overflow);
	snprintf(path, sizeof path, "/s/%s", t.p01.eit_token);
	before = eit_count(&t);

	conn_open(c, web_server_port(srv));
	assert_true(request(c, "GET", path, "", NULL, &r));
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "name=\"nonce\""));
	http_res_free(&r);
	assert_true(request(c, "POST", path,
			    "Content-Type: application/x-www-form-urlencoded\r\n", body.data, &r));
	assert_int_equal(r.status, 303);
	assert_true(header_get(&r, "Location", loc, sizeof loc));
	snprintf(want, sizeof want, "/s/%s/thanks", t.p01.eit_token);
	assert_string_equal(loc, want);
	http_res_free(&r);
	assert_int_equal(eit_count(&t), before + 1);

	/* the same nonce again: not counted twice */
	assert_true(request(c, "POST", path,
			    "Content-Type: application/x-www-form-urlencoded\r\n", body.data, &r));
	assert_true(r.status == 303 || r.status == 200);
	http_res_free(&r);
	assert_int_equal(eit_count(&t), before + 1);
	conn_close(c);
	free(c);
	buf_release(&body);
	stop(&t, srv);
}

/*
 * The Cookie header and a form's CSRF field reach the dispatcher through the server: a session
 * made for now (webtest's own sessions are stamped at WEBTEST_NOW and the server uses the real
 * clock) opens an agency page, and its POST passes with the CSRF token and fails without it.
 * The page's status matches what webtest_request gets through web_handle() alone.
 */
static void test_session_cookie_and_csrf(void **state)
{
	static const char token[] = "tok-http-a01";
	struct webtest t;
	struct web_server *srv;
	struct webtest_res mem;
	struct http_res r;
	struct conn *c = malloc(sizeof *c);
	struct oi_user u;
	struct oi_error err;
	unsigned char hash[32];
	char csrf[OI_TOKEN_MAX], body[256], cookie[128];
	const char *form = "Content-Type: application/x-www-form-urlencoded\r\n";
	char headers[256];

	(void)state;
	assert_non_null(c);
	start(&t, &srv);
	assert_int_equal(oi_store_user_by_name(t.st, "a01", &u, &err), 0);
	crypto_hash_sha256(hash, (const unsigned char *)token, strlen(token));
	if (oi_store_session_put(t.st, hash, u.id, webtest_csrf("a01", csrf, sizeof csrf),
				 (int64_t)time(NULL) + 3600, &err))
		webtest_fail("session", &err);
	snprintf(cookie, sizeof cookie, "Cookie: oi_session=%s\r\n", token);

	conn_open(c, web_server_port(srv));
	assert_true(request(c, "GET", "/agency/A01", cookie, NULL, &r));
	assert_int_equal(r.status, 200);
	/* (a content type, though a GET has no body: GCC's -Wnonnull cannot see that
	   webtest_request reads it only for a POST) */
	webtest_request(&t, "GET", "/agency/A01", "application/x-www-form-urlencoded", NULL, 0,
			"a01", &mem);
	assert_int_equal(mem.status, r.status);
	webtest_res_free(&mem);
	http_res_free(&r);
	assert_true(request(c, "GET", "/agency/A01", "", NULL, &r));
	assert_int_equal(r.status, 303);            /* no cookie: to the login page */
	http_res_free(&r);

	snprintf(headers, sizeof headers, "%s%s", cookie, form);
	assert_true(request(c, "POST", "/agency/A01/populations", headers,
			    "staff=450&service=900", &r));
	assert_int_equal(r.status, 403);            /* no CSRF field */
	http_res_free(&r);
	snprintf(body, sizeof body, "staff=450&service=900&csrf=%s", csrf);
	assert_true(request(c, "POST", "/agency/A01/populations", headers, body, &r));
	assert_int_equal(r.status, 303);
	http_res_free(&r);
	conn_close(c);
	free(c);
	stop(&t, srv);
}

/* Stop with a client still connected (idle keep-alive) and one mid-request: the stop returns,
 * frees everything (ASan's leak check runs at exit), and the clients see the end. */
static void test_stop_with_clients_connected(void **state)
{
	struct webtest t;
	struct web_server *srv;
	struct http_res r;
	struct conn *idle = malloc(sizeof *idle), *partial = malloc(sizeof *partial);
	static const char half[] = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n";
	char byte;
	ssize_t k;

	(void)state;
	assert_non_null(idle);
	assert_non_null(partial);
	start(&t, &srv);
	conn_open(idle, web_server_port(srv));
	assert_true(request(idle, "GET", "/healthz", "", NULL, &r));
	assert_int_equal(r.status, 200);
	http_res_free(&r);
	conn_open(partial, web_server_port(srv));
	assert_true(send_all(partial, half, sizeof half - 1));
	stop(&t, srv);
	do
		k = recv(idle->fd, &byte, 1, 0);
	while (k < 0 && errno == EINTR);
	assert_true(k <= 0);
	conn_close(idle);
	conn_close(partial);
	free(idle);
	free(partial);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_healthz_json),
		cmocka_unit_test(test_head_has_no_body),
		cmocka_unit_test(test_keep_alive_two_requests),
		cmocka_unit_test(test_oversized_body_413_then_serving),
		cmocka_unit_test(test_bad_targets),
		cmocka_unit_test(test_survey_post_303_and_stored),
		cmocka_unit_test(test_session_cookie_and_csrf),
		cmocka_unit_test(test_stop_with_clients_connected),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
