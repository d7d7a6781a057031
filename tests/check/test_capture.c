/*
 * test_capture.c — evidence capture (src/check/): the address policy and content types as
 * functions; the body sink (hash, capped gzip) on known bytes; then real captures from
 * tests/check/evidence_server.py on loopback — pages, redirects, errors, stalls, drips, oversized
 * bodies, empty bodies, types (and generic ones sniffed), pages whose counters change but not
 * their words, refusals of loopback by address, a self-signed certificate —
 * capture_many over 200 URLs, and memory that stays flat over 2,000 oversized captures. Times are bounds given to the capture
 * (1.5–5 s here), never asserted: the tests assert outcomes.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>

#include <jansson.h>
#include <sodium.h>
#include <zlib.h>

#include "testutil.h"

#include "address.h"
#include "body_sink.h"
#include "capture.h"
#include "capture_int.h"
#include "content_type.h"

#define MiB (1024u * 1024u)

static const char PAGE[] =
	"<!doctype html><html><head><title>OIT</title></head><body>evidence page</body></html>\n";
static const char BIG_PATTERN[] = "abcdefghijklmnopqrstuvwxyz0123456789\n";

struct server {
	pid_t pid;
	int stdin_fd;
	int port;
};

/* Two servers: A for everything, B as the "private" target of a redirect's second hop. */
static struct server A, B;

/* Start the test server (HTTPS with cert and key when given); read its port. */
static int start_server_tls(struct server *s, const char *cert, const char *key)
{
	const char *root = getenv("OPENITA_ROOT");
	char script[1024], line[32];
	int in[2], out[2];
	FILE *f;

	snprintf(script, sizeof script, "%s/tests/check/evidence_server.py", root ? root : ".");
	if (pipe(in) || pipe(out))
		return -1;
	s->pid = fork();
	if (s->pid < 0)
		return -1;
	if (s->pid == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		close(in[0]);
		close(in[1]);
		close(out[0]);
		close(out[1]);
		if (cert)
			execlp("python3", "python3", script, "0", "--tls", cert, key, (char *)NULL);
		else
			execlp("python3", "python3", script, "0", (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	s->stdin_fd = in[1];
	f = fdopen(out[0], "r");
	if (!f || !fgets(line, sizeof line, f))
		return -1;
	fclose(f);
	s->port = (int)strtol(line, NULL, 10);
	return s->port > 0 ? 0 : -1;
}

static int start_server(struct server *s)
{
	return start_server_tls(s, NULL, NULL);
}

static void stop_server(struct server *s)
{
	if (s->pid <= 0)
		return;
	close(s->stdin_fd);
	kill(s->pid, SIGTERM);
	waitpid(s->pid, NULL, 0);
	s->pid = 0;
}

static int setup(void **state)
{
	(void)state;
	if (sodium_init() < 0)
		return -1;
	signal(SIGPIPE, SIG_IGN);
	if (start_server(&A) || start_server(&B))
		return -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	stop_server(&A);
	stop_server(&B);
	return 0;
}

/* http://127.0.0.1:PORT/PATH of server A (valid until the next call with the same slot). */
static const char *url_of(const struct server *s, const char *path)
{
	static char buf[8][256];
	static unsigned slot;
	char *u = buf[slot++ % 8];

	snprintf(u, 256, "http://127.0.0.1:%d%s", s->port, path);
	return u;
}

static void sha256_hex(const void *data, size_t len, char hex[65])
{
	unsigned char d[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(d, data, len);
	sodium_bin2hex(hex, 65, d, sizeof d);
}

/* The gzip gz[0..len) inflated into a malloc'd buffer; *out_len its size. */
static unsigned char *gunzip(const unsigned char *gz, size_t len, size_t *out_len)
{
	size_t cap = 1 << 16;
	unsigned char *out = malloc(cap);
	z_stream z = {0};
	int rc;

	assert_int_equal(inflateInit2(&z, 16 + MAX_WBITS), Z_OK);
	z.next_in = (Bytef *)(uintptr_t)gz;
	z.avail_in = (uInt)len;
	do {
		if (z.total_out == cap) {
			cap *= 2;
			out = realloc(out, cap);
		}
		z.next_out = out + z.total_out;
		z.avail_out = (uInt)(cap - z.total_out);
		rc = inflate(&z, Z_NO_FLUSH);
	} while (rc == Z_OK);
	assert_int_equal(rc, Z_STREAM_END);
	assert_int_equal(z.avail_in, 0);
	*out_len = z.total_out;
	inflateEnd(&z);
	return out;
}

/* Options for the tests: loopback allowed; bounds generous enough for a loaded machine under
 * ASan (the tests that are about timeouts set their own, short ones). */
static struct capture_options test_options(void)
{
	struct capture_options o = {0};

	o.allow_private = true;
	o.connect_timeout_ms = 5000;
	o.total_timeout_ms = 10000;
	return o;
}

static void capture_ok(const char *url, const struct capture_options *o, struct capture *c)
{
	struct oi_error err;

	assert_int_equal(capture_one(url, o, c, &err), 0);
}

#define assert_contains(hay, needle)                                                    \
	do {                                                                             \
		if (!strstr((hay), (needle)))                                            \
			fail_msg("\"%s\" does not contain \"%s\"", (hay), (needle));     \
	} while (0)

/* --- functions without the network ------------------------------------------------------ */

static const char *restriction_of(const char *text)
{
	struct sockaddr_in in = {0};
	struct sockaddr_in6 in6 = {0};

	if (inet_pton(AF_INET, text, &in.sin_addr) == 1) {
		in.sin_family = AF_INET;
		return address_restriction((struct sockaddr *)&in, sizeof in);
	}
	assert_int_equal(inet_pton(AF_INET6, text, &in6.sin6_addr), 1);
	in6.sin6_family = AF_INET6;
	return address_restriction((struct sockaddr *)&in6, sizeof in6);
}

static void address_policy_ranges(void **state)
{
	static const struct { const char *addr, *why; } cases[] = {
		{"127.0.0.1", "loopback"}, {"127.255.1.2", "loopback"},
		{"10.0.0.5", "private"}, {"172.16.0.1", "private"}, {"172.31.255.255", "private"},
		{"192.168.1.1", "private"}, {"169.254.169.254", "link-local"},
		{"100.64.0.1", "shared (carrier-grade NAT)"}, {"100.127.255.255", "shared (carrier-grade NAT)"},
		{"0.0.0.0", "unspecified"}, {"0.1.2.3", "unspecified"}, {"224.0.0.1", "multicast"},
		{"255.255.255.255", "reserved"},
		{"::1", "loopback"}, {"::", "unspecified"}, {"fc00::1", "private"},
		{"fd12:3456::1", "private"}, {"fe80::1", "link-local"}, {"febf::1", "link-local"},
		{"ff02::1", "multicast"},
		{"::ffff:127.0.0.1", "loopback"}, {"::ffff:10.1.2.3", "private"},
		{"::ffff:169.254.1.1", "link-local"}, {"::10.0.0.1", "private"},
		/* IPv4 through NAT64 and 6to4 gateways, judged by the IPv4 address */
		{"64:ff9b::10.0.0.5", "private"}, {"64:ff9b::127.0.0.1", "loopback"},
		{"64:ff9b::169.254.169.254", "link-local"}, {"64:ff9b:1::a00:5", "private"},
		{"2002:7f00:1::", "loopback"}, {"2002:a00:5::1", "private"},
		{"2002:c0a8:101::", "private"}, {"2001::1", "reserved"},
		{"2001:0:4136:e378:8000:63bf:3fff:fdd2", "reserved"}, {"100::1", "reserved"},
		/* public */
		{"8.8.8.8", NULL}, {"172.15.255.255", NULL}, {"172.32.0.0", NULL},
		{"100.63.255.255", NULL}, {"100.128.0.0", NULL}, {"192.169.0.1", NULL},
		{"169.255.0.1", NULL}, {"11.0.0.1", NULL}, {"2001:db8::1", NULL},
		{"2404:6800::1", NULL}, {"fec0::1", NULL}, {"::ffff:8.8.8.8", NULL},
		{"64:ff9b::8.8.8.8", NULL}, {"2002:808:808::1", NULL}, {"2001:4860::8888", NULL},
		{"100:0:0:1::1", NULL},
	};
	struct sockaddr_in short_in = {0};
	char text[ADDRESS_TEXT_MAX];
	struct sockaddr_in6 m = {0};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *got = restriction_of(cases[i].addr);

		if (!cases[i].why != !got || (got && strcmp(got, cases[i].why)))
			fail_msg("%s: got %s, want %s", cases[i].addr, got ? got : "(public)",
				 cases[i].why ? cases[i].why : "(public)");
	}
	short_in.sin_family = AF_INET;
	assert_string_equal(address_restriction((struct sockaddr *)&short_in, 4), "not an IP address");
	m.sin6_family = AF_INET6;
	inet_pton(AF_INET6, "::ffff:10.0.0.5", &m.sin6_addr);
	assert_string_equal(address_text((struct sockaddr *)&m, sizeof m, text, sizeof text),
			    "::ffff:10.0.0.5");
}

static void content_types(void **state)
{
	static const struct { const char *ct; enum content_kind kind; } cases[] = {
		{"text/html", CONTENT_HTML}, {"Text/HTML; charset=UTF-8", CONTENT_HTML},
		{"  application/xhtml+xml ;q=1", CONTENT_HTML}, {"application/pdf", CONTENT_PDF},
		{"image/png", CONTENT_IMAGE}, {"image/svg+xml", CONTENT_IMAGE},
		{"application/vnd.openxmlformats-officedocument.wordprocessingml.document", CONTENT_OFFICE},
		{"application/msword", CONTENT_OFFICE}, {"application/vnd.ms-excel", CONTENT_OFFICE},
		{"application/vnd.oasis.opendocument.text", CONTENT_OFFICE},
		{"text/plain", CONTENT_TEXT}, {"text/csv; header=present", CONTENT_TEXT},
		{"application/octet-stream", CONTENT_OTHER}, {"application/zip", CONTENT_OTHER},
		{"", CONTENT_NONE}, {NULL, CONTENT_NONE}, {"text", CONTENT_NONE},
		{"text/", CONTENT_NONE}, {"/html", CONTENT_NONE}, {"text/html/x", CONTENT_NONE},
		{"te xt/html", CONTENT_NONE}, {"text/h\xe0\xb8\x81", CONTENT_NONE}, {";", CONTENT_NONE},
	};
	char media[32];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		if (content_type_kind(cases[i].ct) != cases[i].kind)
			fail_msg("\"%s\": kind %d, want %d", cases[i].ct ? cases[i].ct : "(null)",
				 content_type_kind(cases[i].ct), cases[i].kind);
	assert_int_equal(content_type_media(" Text/HTML ; charset=x", media, sizeof media), 9);
	assert_string_equal(media, "text/html");
	assert_int_equal(content_type_media("application/this-is-far-too-long-for-it", media,
					    sizeof media), 0);
	assert_string_equal(media, "");
}

/* Feed n bytes of data through a sink in chunks of `chunk`; check hash, cut, stored copy. */
static void sink_case(const unsigned char *data, size_t n, size_t chunk, size_t max_body,
		      size_t max_stored)
{
	struct body_sink s;
	char hex[65], text_hex[65], want[65];
	unsigned char *gz, *plain;
	size_t gz_len, plain_len, taken = 0, expect = n < max_body ? n : max_body;
	bool stored_cut;

	body_sink_init(&s, max_body, max_stored);
	for (size_t off = 0; off < n; off += chunk) {
		size_t len = n - off < chunk ? n - off : chunk;
		size_t got = body_sink_add(&s, data + off, len);

		taken += got;
		if (got < len)
			break;
	}
	assert_int_equal(taken, expect);
	assert_int_equal(s.cut, n > max_body);
	body_sink_finish(&s, hex, text_hex, &gz, &gz_len, &stored_cut);
	body_sink_free(&s);
	assert_string_equal(text_hex, "");   /* body_sink_text() not asked for */
	sha256_hex(data, expect, want);
	if (!expect) {
		assert_string_equal(hex, "");
		assert_null(gz);
		return;
	}
	assert_string_equal(hex, want);
	if (!gz) {   /* a cap too small for a gzip stream keeps no copy */
		assert_true(max_stored < 128);
		assert_true(stored_cut);
		return;
	}
	assert_true(gz_len <= max_stored);
	plain = gunzip(gz, gz_len, &plain_len);
	assert_true(plain_len <= expect);
	assert_memory_equal(plain, data, plain_len);
	assert_int_equal(stored_cut, plain_len < expect);
	free(plain);
	free(gz);
}

static void body_sink_caps(void **state)
{
	size_t n = 3 * MiB;
	unsigned char *random = malloc(n), *text = malloc(n);

	(void)state;
	randombytes_buf_deterministic(random, n, (const unsigned char[32]){1});
	for (size_t i = 0; i < n; i++)
		text[i] = (unsigned char)BIG_PATTERN[i % (sizeof BIG_PATTERN - 1)];
	sink_case(text, 0, 100, MiB, MiB);
	sink_case(text, 1, 1, MiB, MiB);
	sink_case(text, n, 16384, MiB, 2 * MiB);          /* cut at max_body, stored whole */
	sink_case(text, n, 7, 100000, 4096);              /* tiny chunks */
	sink_case(random, n, 16384, 10 * MiB, 2 * MiB);   /* incompressible: stored copy cut */
	sink_case(random, n, 16384, 10 * MiB, 200);       /* a tiny cap */
	sink_case(random, n, 16384, 10 * MiB, 100);       /* too small for any copy */
	sink_case(random, 100000, 1000, 50000, 1 << 20);
	sink_case(random, MiB, 65536, 10 * MiB, 3 * MiB); /* fits whole */
	free(random);
	free(text);
}

static void json_and_names(void **state)
{
	struct capture c = {0};
	json_error_t jerr;
	json_t *root;
	char *json;

	(void)state;
	c.url = "http://example.test/a\"b\x01\xff";
	c.final_url = "";
	c.content_type = "text/html";
	c.status = 404;
	c.size = 12;
	snprintf(c.sha256, sizeof c.sha256, "%064d", 0);
	c.fetched_at = 1700000000;
	c.outcome = CAPTURE_HTTP_ERROR;
	c.error = "HTTP status 404";
	json = capture_to_json(&c);
	root = json_loads(json, 0, &jerr);
	if (!root)
		fail_msg("not JSON: %s (%s)", json, jerr.text);
	assert_string_equal(json_string_value(json_object_get(root, "url")),
			    "http://example.test/a\"b\x01\xef\xbf\xbd");
	assert_int_equal(json_integer_value(json_object_get(root, "status")), 404);
	assert_int_equal(json_integer_value(json_object_get(root, "size")), 12);
	assert_string_equal(json_string_value(json_object_get(root, "fetched_at")),
			    "2023-11-14T22:13:20Z");
	assert_string_equal(json_string_value(json_object_get(root, "error")), "HTTP status 404");
	assert_string_equal(json_string_value(json_object_get(root, "outcome")), "http_error");
	json_decref(root);
	free(json);
	c.outcome = CAPTURE_OK;
	c.error = "";
	json = capture_to_json(&c);
	root = json_loads(json, 0, NULL);
	assert_true(json_is_null(json_object_get(root, "error")));
	json_decref(root);
	free(json);

	assert_string_equal(capture_outcome_name(CAPTURE_TOO_MANY_REDIRECTS), "too_many_redirects");
	assert_string_equal(capture_outcome_name(CAPTURE_FORBIDDEN_ADDRESS), "forbidden_address");
	assert_string_equal(evidence_state_th(EVIDENCE_OK), "ใช้งานได้");
	assert_string_equal(evidence_state_th(EVIDENCE_BROKEN), "ลิงก์เสีย");
	assert_string_equal(evidence_state_th(EVIDENCE_CHANGED), "เนื้อหาเปลี่ยน");
	assert_string_equal(evidence_state_th(EVIDENCE_EMPTY), "หน้าว่าง");
	assert_string_equal(evidence_state_th(EVIDENCE_UNEXPECTED_TYPE), "ชนิดไฟล์ไม่ตรง");
	assert_string_equal(evidence_state_name(EVIDENCE_UNEXPECTED_TYPE), "unexpected_type");
}

static void bad_urls_fail_without_fetching(void **state)
{
	static const char *const bad[] = {"", "ftp://127.0.0.1/x", "file:///etc/passwd",
					  "no scheme at all", "http://", "gopher://a/"};
	struct capture_options o = test_options();
	struct capture c;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		capture_ok(bad[i], &o, &c);
		if (c.outcome != CAPTURE_BAD_URL)
			fail_msg("%s: outcome %s (%s)", bad[i], capture_outcome_name(c.outcome), c.error);
		assert_int_equal(c.status, 0);
		assert_string_equal(c.final_url, "");
		assert_string_equal(c.url, bad[i]);
		assert_true(c.error[0]);
		assert_int_equal(evidence_classify(&c, NULL), EVIDENCE_BROKEN);
		capture_release(&c);
	}
}

/* --- captures over loopback --------------------------------------------------------------- */

static void page_captured(void **state)
{
	struct capture_options o = test_options();
	struct capture c;
	char want[65];
	unsigned char *plain;
	size_t len;

	(void)state;
	capture_ok(url_of(&A, "/page"), &o, &c);
	assert_int_equal(c.outcome, CAPTURE_OK);
	assert_int_equal(c.status, 200);
	assert_string_equal(c.url, url_of(&A, "/page"));
	assert_string_equal(c.final_url, url_of(&A, "/page"));
	assert_string_equal(c.content_type, "text/html; charset=utf-8");
	assert_int_equal(c.size, sizeof PAGE - 1);
	sha256_hex(PAGE, sizeof PAGE - 1, want);
	assert_string_equal(c.sha256, want);
	assert_string_equal(c.error, "");
	assert_false(c.body_truncated);
	assert_true(c.fetched_at >= time(NULL) - 60 && c.fetched_at <= time(NULL));
	plain = gunzip(c.body_gz, c.body_gz_len, &len);
	assert_int_equal(len, sizeof PAGE - 1);
	assert_memory_equal(plain, PAGE, len);
	free(plain);
	sha256_hex("OIT evidence page", strlen("OIT evidence page"), want);
	assert_string_equal(c.text_sha256, want);   /* the page's visible text */
	assert_int_equal(evidence_classify(&c, NULL), EVIDENCE_OK);
	assert_int_equal(evidence_classify(&c, &c), EVIDENCE_OK);
	capture_release(&c);
}

static void redirects(void **state)
{
	struct capture_options o = test_options();
	struct capture c;

	(void)state;
	capture_ok(url_of(&A, "/redirect/3"), &o, &c);
	assert_int_equal(c.outcome, CAPTURE_OK);
	assert_int_equal(c.status, 200);
	assert_string_equal(c.final_url, url_of(&A, "/page"));
	assert_int_equal(c.size, sizeof PAGE - 1);
	capture_release(&c);

	capture_ok(url_of(&A, "/redirect/5"), &o, &c);   /* exactly the limit: followed */
	assert_int_equal(c.outcome, CAPTURE_OK);
	capture_release(&c);

	capture_ok(url_of(&A, "/redirect/6"), &o, &c);
	assert_int_equal(c.outcome, CAPTURE_TOO_MANY_REDIRECTS);
	assert_string_equal(c.error, "more than 5 redirects");
	assert_int_equal(evidence_classify(&c, NULL), EVIDENCE_BROKEN);
	capture_release(&c);

	o.max_redirects = 2;
	capture_ok(url_of(&A, "/loop"), &o, &c);
	assert_int_equal(c.outcome, CAPTURE_TOO_MANY_REDIRECTS);
	assert_string_equal(c.error, "more than 2 redirects");
	assert_int_equal(c.status, 302);
	capture_release(&c);
}

static void http_errors(void **state)
{
	struct capture_options o = test_options();
	struct capture c;

	(void)state;
	capture_ok(url_of(&A, "/status/404"), &o, &c);
	assert_int_equal(c.outcome, CAPTURE_HTTP_ERROR);
	assert_int_equal(c.status, 404);
	assert_string_equal(c.error, "HTTP status 404");
	assert_int_equal(c.size, strlen("status 404\n"));
	assert_int_equal(evidence_classify(&c, NULL), EVIDENCE_BROKEN);
	capture_release(&c);
	capture_ok(url_of(&A, "/status/500"), &o, &c);
	assert_int_equal(c.outcome, CAPTURE_HTTP_ERROR);
	assert_int_equal(c.status, 500);
	capture_release(&c);
	capture_ok(url_of(&A, "/nothing-here"), &o, &c);
	assert_int_equal(c.status, 404);
	capture_release(&c);
}

static void stall_and_drip_time_out(void **state)
{
	struct capture_options o = test_options();
	struct capture c;

	(void)state;
	o.total_timeout_ms = 1500;
	capture_ok(url_of(&A, "/stall"), &o, &c);
	assert_int_equal(c.outcome, CAPTURE_TIMEOUT);
	assert_string_equal(c.error, "timed out after 1.5 s");
	assert_int_equal(c.size, 0);
	assert_int_equal(evidence_classify(&c, NULL), EVIDENCE_BROKEN);
	capture_release(&c);

	o.total_timeout_ms = 2500;   /* long enough for the first byte on a loaded machine */
	capture_ok(url_of(&A, "/drip"), &o, &c);
	assert_int_equal(c.outcome, CAPTURE_TIMEOUT);
	assert_string_equal(c.error, "timed out after 2.5 s");
	assert_int_equal(c.status, 200);
	assert_true(c.size >= 1);   /* what came is kept */
	assert_int_equal(strlen(c.sha256), 64);
	assert_int_equal(evidence_classify(&c, NULL), EVIDENCE_BROKEN);
	capture_release(&c);
}

static void closed_port_refused(void **state)
{
	struct capture_options o = test_options();
	struct sockaddr_in in = {0};
	socklen_t len = sizeof in;
	struct capture c;
	char url[64];
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	(void)state;
	in.sin_family = AF_INET;
	in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&in, sizeof in), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&in, &len), 0);
	close(fd);   /* nothing listens there now */
	snprintf(url, sizeof url, "http://127.0.0.1:%d/", ntohs(in.sin_port));
	capture_ok(url, &o, &c);
	assert_int_equal(c.outcome, CAPTURE_REFUSED);
	assert_string_equal(c.error, "connection refused");
	assert_int_equal(c.status, 0);
	assert_string_equal(c.final_url, "");
	capture_release(&c);
}

static void oversized_cut_at_max_body(void **state)
{
	struct capture_options o = test_options();
	struct capture c;
	size_t len;
	unsigned char *plain, *prefix = malloc(MiB);
	char want[65];

	(void)state;
	for (size_t i = 0; i < MiB; i++)
		prefix[i] = (unsigned char)BIG_PATTERN[i % (sizeof BIG_PATTERN - 1)];
	o.max_body = MiB;
	o.total_timeout_ms = 20000;
	capture_ok(url_of(&A, "/big"), &o, &c);
	assert_int_equal(c.outcome, CAPTURE_TOO_LARGE);
	assert_string_equal(c.error, "body larger than 1 MiB (cut there)");
	assert_int_equal(c.status, 200);
	assert_int_equal(c.size, MiB);
	assert_true(c.body_truncated);
	sha256_hex(prefix, MiB, want);
	assert_string_equal(c.sha256, want);
	assert_true(c.body_gz_len < 64 * 1024);   /* a repetitive body compresses */
	plain = gunzip(c.body_gz, c.body_gz_len, &len);
	assert_int_equal(len, MiB);
	assert_memory_equal(plain, prefix, MiB);
	free(plain);
	/* A 2xx cut at the cap still stands as evidence: its type and hash are judged. */
	assert_int_equal(evidence_classify(&c, NULL), EVIDENCE_OK);
	capture_release(&c);

	/* An incompressible body: the stored copy stops at max_stored and is still gzip. */
	o.max_body = 0;
	o.max_stored = 256 * 1024;
	capture_ok(url_of(&A, "/random?size=1048576&seed=7"), &o, &c);
	assert_int_equal(c.outcome, CAPTURE_OK);
	assert_int_equal(c.size, MiB);
	assert_true(c.body_truncated);
	assert_true(c.body_gz_len <= 256 * 1024);
	plain = gunzip(c.body_gz, c.body_gz_len, &len);
	assert_true(len > 128 * 1024 && len < MiB);
	free(plain);
	assert_int_equal(evidence_classify(&c, NULL), EVIDENCE_UNEXPECTED_TYPE);
	capture_release(&c);
	free(prefix);
}

static void empty_and_types(void **state)
{
	struct capture_options o = test_options();
	struct capture c;

	(void)state;
	capture_ok(url_of(&A, "/empty"), &o, &c);
	assert_int_equal(c.outcome, CAPTURE_OK);
	assert_int_equal(c.size, 0);
	assert_string_equal(c.sha256, "");
	assert_null(c.body_gz);
	assert_int_equal(evidence_classify(&c, NULL), EVIDENCE_EMPTY);
	capture_release(&c);

	capture_ok(url_of(&A, "/pdf"), &o, &c);
	assert_int_equal(c.outcome, CAPTURE_OK);
	assert_string_equal(c.content_type, "application/pdf");
	assert_int_equal(evidence_classify(&c, NULL), EVIDENCE_OK);
	capture_release(&c);

	capture_ok(url_of(&A, "/octet"), &o, &c);
	assert_int_equal(c.outcome, CAPTURE_OK);
	assert_string_equal(c.sniffed, "");
	assert_int_equal(evidence_classify(&c, NULL), EVIDENCE_UNEXPECTED_TYPE);
	capture_release(&c);
}

/* PDFs, images and office files served with a generic type (or none) are sniffed. */
static void generic_types_sniffed(void **state)
{
	static const struct { const char *path, *sniffed; enum evidence_state state; } cases[] = {
		{"/as?type=application/octet-stream&body=pdf", "pdf", EVIDENCE_OK},
		{"/as?body=pdf", "pdf", EVIDENCE_OK},
		{"/as?type=binary/octet-stream&body=png", "image", EVIDENCE_OK},
		{"/as?type=application/force-download&body=jpeg", "image", EVIDENCE_OK},
		{"/as?type=application/x-download&body=docx", "office", EVIDENCE_OK},
		{"/as?type=application/octet-stream&body=doc", "office", EVIDENCE_OK},
		{"/as?type=application/octet-stream&body=gif", "image", EVIDENCE_OK},
		/* Not generic: not sniffed. */
		{"/as?type=application/zip&body=docx", "", EVIDENCE_UNEXPECTED_TYPE},
		{"/as?type=application/pdf&body=pdf", "", EVIDENCE_OK},
	};
	struct capture_options o = test_options();
	struct capture c;
	json_t *root;
	char *json;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		capture_ok(url_of(&A, cases[i].path), &o, &c);
		assert_int_equal(c.outcome, CAPTURE_OK);
		if (strcmp(c.sniffed, cases[i].sniffed) || evidence_classify(&c, NULL) != cases[i].state)
			fail_msg("%s: sniffed \"%s\", state %s", cases[i].path, c.sniffed,
				 evidence_state_name(evidence_classify(&c, NULL)));
		assert_string_equal(c.text_sha256, "");
		json = capture_to_json(&c);
		root = json_loads(json, 0, NULL);
		if (*cases[i].sniffed)
			assert_string_equal(json_string_value(json_object_get(root, "sniffed")),
					    cases[i].sniffed);
		else
			assert_true(json_is_null(json_object_get(root, "sniffed")));
		assert_true(json_is_null(json_object_get(root, "text_sha256")));
		json_decref(root);
		free(json);
		capture_release(&c);
	}
}

/* A page whose visitor count, date, tokens and scripts change is not "changed"; one whose
 * words change is. */
static void dynamic_pages(void **state)
{
	struct capture_options o = test_options();
	struct capture first, second, w1, w2;
	json_t *root;
	char *json;

	(void)state;
	capture_ok(url_of(&A, "/dynamic"), &o, &first);
	capture_ok(url_of(&A, "/dynamic"), &o, &second);
	assert_int_equal(second.outcome, CAPTURE_OK);
	assert_string_not_equal(first.sha256, second.sha256);
	assert_int_equal(strlen(first.text_sha256), 64);
	assert_string_equal(first.text_sha256, second.text_sha256);
	assert_int_equal(evidence_classify(&second, &first), EVIDENCE_OK);
	{
		/* the stored copy gives the fingerprint the capture computed as the body came */
		char again[65];
		unsigned char *cut = malloc(second.body_gz_len);

		assert_int_equal(capture_text_fingerprint(second.body_gz, second.body_gz_len,
							  again), 0);
		assert_string_equal(again, second.text_sha256);
		memcpy(cut, second.body_gz, second.body_gz_len);
		assert_int_equal(capture_text_fingerprint(cut, second.body_gz_len / 2, again), -1);
		assert_string_equal(again, "");
		cut[second.body_gz_len / 2] ^= 0x55;
		assert_int_equal(capture_text_fingerprint(cut, second.body_gz_len, again), -1);
		assert_int_equal(capture_text_fingerprint(NULL, 0, again), -1);
		free(cut);
	}
	json = capture_to_json(&second);
	root = json_loads(json, 0, NULL);
	assert_string_equal(json_string_value(json_object_get(root, "text_sha256")),
			    second.text_sha256);
	json_decref(root);
	free(json);

	capture_ok(url_of(&A, "/words"), &o, &w1);
	capture_ok(url_of(&A, "/words"), &o, &w2);
	assert_int_equal(w2.outcome, CAPTURE_OK);
	assert_string_not_equal(w1.text_sha256, w2.text_sha256);
	assert_int_equal(evidence_classify(&w2, &w1), EVIDENCE_CHANGED);
	/* A baseline stored before the fingerprint: the raw hash decides, as before. */
	first.text_sha256[0] = '\0';
	assert_int_equal(evidence_classify(&second, &first), EVIDENCE_CHANGED);
	capture_release(&first);
	capture_release(&second);
	capture_release(&w1);
	capture_release(&w2);
}

static void changed_content(void **state)
{
	struct capture_options o = test_options();
	struct capture first, second, page;

	(void)state;
	capture_ok(url_of(&A, "/changing"), &o, &first);
	capture_ok(url_of(&A, "/changing"), &o, &second);
	assert_int_equal(first.outcome, CAPTURE_OK);
	assert_string_not_equal(first.sha256, second.sha256);
	assert_int_equal(evidence_classify(&second, &first), EVIDENCE_CHANGED);
	assert_int_equal(evidence_classify(&second, NULL), EVIDENCE_OK);
	capture_ok(url_of(&A, "/status/404"), &o, &page);
	assert_int_equal(evidence_classify(&page, &first), EVIDENCE_BROKEN);
	/* A baseline that was broken cannot make the latest "changed". */
	assert_int_equal(evidence_classify(&first, &page), EVIDENCE_OK);
	capture_release(&first);
	capture_release(&second);
	capture_release(&page);
}

static void loopback_refused_by_address(void **state)
{
	struct capture_options o = test_options();
	struct capture c;
	char url[128];

	(void)state;
	o.allow_private = false;
	capture_ok(url_of(&A, "/page"), &o, &c);
	assert_int_equal(c.outcome, CAPTURE_FORBIDDEN_ADDRESS);
	assert_string_equal(c.error, "address 127.0.0.1 is loopback (allow with --allow-private)");
	assert_int_equal(c.status, 0);
	assert_int_equal(c.size, 0);
	assert_int_equal(evidence_classify(&c, NULL), EVIDENCE_BROKEN);
	capture_release(&c);

	/* A name is judged by the address it resolves to. */
	snprintf(url, sizeof url, "http://localhost:%d/page", A.port);
	capture_ok(url, &o, &c);
	assert_int_equal(c.outcome, CAPTURE_FORBIDDEN_ADDRESS);
	assert_contains(c.error, "is loopback");
	capture_release(&c);
	snprintf(url, sizeof url, "http://[::ffff:127.0.0.1]:%d/page", A.port);
	capture_ok(url, &o, &c);
	assert_int_equal(c.outcome, CAPTURE_FORBIDDEN_ADDRESS);
	capture_release(&c);

	/* The defaults (no options) refuse loopback too. */
	assert_int_equal(capture_one(url_of(&A, "/page"), NULL, &c, NULL), 0);
	assert_int_equal(c.outcome, CAPTURE_FORBIDDEN_ADDRESS);
	capture_release(&c);
}

/* A policy that treats server B's port as private and everything else as public. */
static const char *b_is_private(const struct sockaddr *sa, size_t len, void *arg)
{
	const struct sockaddr_in *in = (const struct sockaddr_in *)(const void *)sa;

	(void)arg;
	if (sa->sa_family == AF_INET && len >= sizeof *in && ntohs(in->sin_port) == B.port)
		return "private";
	return NULL;
}

static void redirect_hop_checked(void **state)
{
	struct capture_options o = test_options();
	const char *urls[2];
	struct capture c[2];
	char to_b[128];

	(void)state;
	snprintf(to_b, sizeof to_b, "/to?port=%d&path=page", B.port);
	urls[0] = url_of(&A, to_b);         /* A answers 302 to B */
	urls[1] = url_of(&A, "/page");
	assert_int_equal(capture_many_policy(urls, 2, &o, b_is_private, NULL, c, NULL), 0);
	assert_int_equal(c[0].outcome, CAPTURE_FORBIDDEN_ADDRESS);
	assert_string_equal(c[0].error, "address 127.0.0.1 is private (allow with --allow-private)");
	assert_int_equal(c[1].outcome, CAPTURE_OK);
	capture_release(&c[0]);
	capture_release(&c[1]);

	/* With the real policy and private addresses allowed, the same chain is followed. */
	capture_ok(urls[0], &o, &c[0]);
	assert_int_equal(c[0].outcome, CAPTURE_OK);
	assert_string_equal(c[0].final_url, url_of(&B, "/page"));
	capture_release(&c[0]);
	/* And a redirect to a name that resolves to loopback is followed when allowed. */
	capture_ok(url_of(&A, "/to-localhost?path=pdf"), &o, &c[0]);
	assert_int_equal(c[0].outcome, CAPTURE_OK);
	assert_string_equal(c[0].content_type, "application/pdf");
	capture_release(&c[0]);
}

/* A self-signed certificate is not accepted: CAPTURE_TLS. */
static void tls_certificate_refused(void **state)
{
	char dir[] = "/tmp/openita-tls-XXXXXX", cmd[512], cert[64], key[64];
	struct capture_options o = test_options();
	struct server tls = {0};
	struct capture c;
	char url[96];

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(cert, sizeof cert, "%s/cert.pem", dir);
	snprintf(key, sizeof key, "%s/key.pem", dir);
	snprintf(cmd, sizeof cmd,
		 "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 "
		 "-keyout %s -out %s >/dev/null 2>&1", key, cert);
	if (system(cmd) != 0) {
		rmdir(dir);
		skip();   /* no openssl command here */
	}
	assert_int_equal(start_server_tls(&tls, cert, key), 0);
	snprintf(url, sizeof url, "https://127.0.0.1:%d/page", tls.port);
	capture_ok(url, &o, &c);
	stop_server(&tls);
	unlink(cert);
	unlink(key);
	rmdir(dir);
	if (c.outcome != CAPTURE_TLS)
		fail_msg("outcome %s: %s", capture_outcome_name(c.outcome), c.error);
	assert_contains(c.error, "certificate");
	assert_int_equal(evidence_classify(&c, NULL), EVIDENCE_BROKEN);
	capture_release(&c);
}

static void many_urls(void **state)
{
	enum { N = 200 };
	struct capture_options o = test_options();
	static char url_text[N][64];
	const char *urls[N];
	struct capture *c = calloc(N, sizeof *c);
	struct oi_error err;

	(void)state;
	o.concurrency = 8;
	o.total_timeout_ms = 20000;
	for (int i = 0; i < N; i++) {
		if (i % 50 == 7)
			snprintf(url_text[i], sizeof url_text[i], "ftp://127.0.0.1/%d", i);
		else if (i % 50 == 9)
			snprintf(url_text[i], sizeof url_text[i], "%s", url_of(&A, "/status/404"));
		else
			snprintf(url_text[i], sizeof url_text[i], "http://127.0.0.1:%d/n/%d", A.port, i);
		urls[i] = url_text[i];
	}
	assert_int_equal(capture_many(urls, N, &o, c, &err), 0);
	for (int i = 0; i < N; i++) {
		char body[32], want[65];

		assert_string_equal(c[i].url, urls[i]);
		if (i % 50 == 7) {
			assert_int_equal(c[i].outcome, CAPTURE_BAD_URL);
		} else if (i % 50 == 9) {
			assert_int_equal(c[i].outcome, CAPTURE_HTTP_ERROR);
		} else {
			if (c[i].outcome != CAPTURE_OK)
				fail_msg("%s: %s", urls[i], c[i].error);
			unsigned char *plain;
			size_t len;

			snprintf(body, sizeof body, "item %d\n", i);
			sha256_hex(body, strlen(body), want);
			assert_string_equal(c[i].sha256, want);
			/* Each slot's deflate state serves many URLs: every copy is its own. */
			plain = gunzip(c[i].body_gz, c[i].body_gz_len, &len);
			assert_int_equal(len, strlen(body));
			assert_memory_equal(plain, body, len);
			free(plain);
			assert_string_equal(c[i].final_url, urls[i]);
		}
		capture_release(&c[i]);
	}
	free(c);
}

/* capture_each(): URLs pulled one at a time, results as they complete. */
struct each_state {
	size_t next, n;
	char url[64];
	size_t order[64];            /* indexes in the order done() saw them */
	size_t n_done;
	bool seen[64];
};

static const char *each_next(void *arg)
{
	struct each_state *e = arg;

	if (e->next == e->n)
		return NULL;
	/* The first URL stalls; the others answer at once. The buffer is reused each call. */
	if (e->next == 0)
		snprintf(e->url, sizeof e->url, "%s", url_of(&A, "/stall"));
	else
		snprintf(e->url, sizeof e->url, "http://127.0.0.1:%d/n/%zu", A.port, e->next);
	e->next++;
	return e->url;
}

static void each_done(void *arg, size_t index, struct capture *c)
{
	struct each_state *e = arg;
	char want[64];

	assert_true(index < e->n);
	assert_false(e->seen[index]);
	e->seen[index] = true;
	e->order[e->n_done++] = index;
	if (index == 0) {
		assert_int_equal(c->outcome, CAPTURE_TIMEOUT);
	} else {
		snprintf(want, sizeof want, "http://127.0.0.1:%d/n/%zu", A.port, index);
		assert_string_equal(c->url, want);
		assert_int_equal(c->outcome, CAPTURE_OK);
	}
	capture_release(c);
}

static void each_streams(void **state)
{
	struct capture_options o = test_options();
	struct each_state e = {0};

	(void)state;
	e.n = 30;
	o.concurrency = 2;
	o.total_timeout_ms = 5000;
	assert_int_equal(capture_each(each_next, each_done, &e, &o, NULL), 0);
	assert_int_equal(e.n_done, e.n);
	/* While the stall held one slot, the other went through every other URL: no batches. */
	assert_int_equal(e.order[e.n - 1], 0);
}

#if defined(__SANITIZE_ADDRESS__)
#define RSS_BOUND_MIB 700   /* ASan keeps freed memory in quarantine and shadow */
#else
#define RSS_BOUND_MIB 200
#endif

static void memory_stays_flat(void **state)
{
	enum { N = 2000 };
	struct capture_options o = test_options();
	const char **urls = calloc(N, sizeof *urls);
	struct capture *c = calloc(N, sizeof *c);
	struct rusage ru;
	char want[65];
	unsigned char *prefix = malloc(MiB);
	const char *big = url_of(&A, "/big");

	(void)state;
	for (size_t i = 0; i < MiB; i++)
		prefix[i] = (unsigned char)BIG_PATTERN[i % (sizeof BIG_PATTERN - 1)];
	sha256_hex(prefix, MiB, want);
	free(prefix);
	for (int i = 0; i < N; i++)
		urls[i] = big;
	o.max_body = MiB;
	o.concurrency = 8;
	o.total_timeout_ms = 60000;
	assert_int_equal(capture_many(urls, N, &o, c, NULL), 0);
	for (int i = 0; i < N; i++) {
		if (c[i].outcome != CAPTURE_TOO_LARGE)
			fail_msg("capture %d: %s: %s", i, capture_outcome_name(c[i].outcome), c[i].error);
		assert_int_equal(c[i].size, MiB);
		assert_string_equal(c[i].sha256, want);
		capture_release(&c[i]);
	}
	assert_int_equal(getrusage(RUSAGE_SELF, &ru), 0);
	print_message("peak RSS after %d oversized captures: %ld MiB (bound %d)\n", N,
		      ru.ru_maxrss / 1024, RSS_BOUND_MIB);
	assert_true(ru.ru_maxrss / 1024 < RSS_BOUND_MIB);
	free(urls);
	free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(address_policy_ranges),
		cmocka_unit_test(content_types),
		cmocka_unit_test(body_sink_caps),
		cmocka_unit_test(json_and_names),
		cmocka_unit_test(bad_urls_fail_without_fetching),
		cmocka_unit_test(page_captured),
		cmocka_unit_test(redirects),
		cmocka_unit_test(http_errors),
		cmocka_unit_test(stall_and_drip_time_out),
		cmocka_unit_test(closed_port_refused),
		cmocka_unit_test(oversized_cut_at_max_body),
		cmocka_unit_test(empty_and_types),
		cmocka_unit_test(changed_content),
		cmocka_unit_test(generic_types_sniffed),
		cmocka_unit_test(dynamic_pages),
		cmocka_unit_test(loopback_refused_by_address),
		cmocka_unit_test(redirect_hop_checked),
		cmocka_unit_test(tls_certificate_refused),
		cmocka_unit_test(many_urls),
		cmocka_unit_test(each_streams),
		cmocka_unit_test(memory_stays_flat),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
