/*
 * capture.c — fetching evidence URLs with libcurl under hard bounds (capture.h).
 *
 * Every capture, one or many, runs through one curl multi loop (capture_each_policy()) that
 * pulls URLs from a stream and keeps at most `concurrency` transfers going; a new one starts as
 * soon as one ends. Each transfer owns a slot: a curl easy handle and a body sink (body_sink.c:
 * size, SHA-256, capped gzip copy); when it completes, its result is handed to the caller and
 * everything else it held is freed at once, so memory follows the transfers running, not the
 * URLs asked. capture_many() and capture_one() are streams over an array. How a finished
 * transfer is told as an outcome and a message: capture_outcome.c. The address policy (address.c) is applied in
 * curl's open-socket callback, which sees each resolved address just before it is connected —
 * for every connection, redirect hops included — and refuses it by returning CURL_SOCKET_BAD.
 * Proxies from the environment are switched off: the address checked must be the one the
 * evidence comes from.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <curl/curl.h>
#include <sodium.h>

#include "address.h"
#include "arena.h"
#include "body_sink.h"
#include "capture_int.h"
#include "content_type.h"

#define MAX_URL_LENGTH 8192
#define MAX_CONTENT_TYPE 1024

struct transfer {
	CURL *easy;                  /* NULL: the slot is free */
	size_t index;                /* of the URL, in the order next() gave them */
	struct capture result;       /* handed to done() when the transfer ends */
	struct body_sink body;
	capture_policy_fn policy;
	void *policy_arg;
	const char *refused_why;     /* the policy's word for the last address refused */
	char refused_address[ADDRESS_TEXT_MAX];
	char errbuf[CURL_ERROR_SIZE];
};

static pthread_once_t global_once = PTHREAD_ONCE_INIT;
static int global_status = -1;

static void global_init(void)
{
	if (sodium_init() < 0)
		return;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return;
	global_status = 0;
}

static struct capture_options with_defaults(const struct capture_options *opt)
{
	struct capture_options o = {0};

	if (opt)
		o = *opt;
	if (o.connect_timeout_ms <= 0)
		o.connect_timeout_ms = 5000;
	if (o.total_timeout_ms <= 0)
		o.total_timeout_ms = 20000;
	if (!o.max_body)
		o.max_body = 10u * 1024 * 1024;
	if (!o.max_stored)
		o.max_stored = 2u * 1024 * 1024;
	if (o.max_redirects <= 0)
		o.max_redirects = 5;
	if (!o.concurrency)
		o.concurrency = 16;
	if (!o.user_agent)
		o.user_agent = "openita-evidence/0.1";
	return o;
}

/* Start *out for url: nothing fetched yet. */
static void capture_begin(struct capture *out, const char *url)
{
	memset(out, 0, sizeof *out);
	out->url = capture_strdup(url ? url : "");
	out->final_url = capture_strdup("");
	out->content_type = capture_strdup("");
	out->error = capture_strdup("");
	out->outcome = CAPTURE_OTHER;
}

/* NULL when url may be given to curl, else the reason (malloc'd). */
static char *check_url(const char *url)
{
	CURLU *u;
	CURLUcode rc;
	char *scheme = NULL, *why = NULL;

	if (!url || !*url)
		return capture_strdup("empty URL");
	if (strlen(url) > MAX_URL_LENGTH)
		return capture_format("URL longer than %d bytes", MAX_URL_LENGTH);
	u = curl_url();
	if (!u)
		return capture_strdup("out of memory reading the URL");
	rc = curl_url_set(u, CURLUPART_URL, url, 0);
	if (rc != CURLUE_OK)
		why = capture_format("not a valid URL (%s)", curl_url_strerror(rc));
	else if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK || !scheme)
		why = capture_strdup("not a valid URL (no scheme)");
	else if (strcmp(scheme, "http") && strcmp(scheme, "https"))
		why = capture_format("only http and https URLs are captured, not %s", scheme);
	curl_free(scheme);
	curl_url_cleanup(u);
	return why;
}

static size_t on_body(char *data, size_t one, size_t n, void *arg)
{
	struct transfer *t = arg;

	(void)one;   /* always 1 */
	if (!t->body.size && n) {
		char *type = NULL;

		/* The headers are in: an HTML page's visible text is hashed too. */
		if (curl_easy_getinfo(t->easy, CURLINFO_CONTENT_TYPE, &type) == CURLE_OK &&
		    content_type_kind(type) == CONTENT_HTML)
			body_sink_text(&t->body);
	}
	return body_sink_add(&t->body, data, n);
}

static curl_socket_t on_open_socket(void *arg, curlsocktype purpose, struct curl_sockaddr *a)
{
	struct transfer *t = arg;
	const char *why = NULL;

	(void)purpose;
	if (t->policy)
		why = t->policy(&a->addr, a->addrlen, t->policy_arg);
	if (why) {
		t->refused_why = why;
		address_text(&a->addr, a->addrlen, t->refused_address, sizeof t->refused_address);
		return CURL_SOCKET_BAD;
	}
	return socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);
}

static CURL *make_easy(struct transfer *t, const char *url, const struct capture_options *o)
{
	CURL *e = curl_easy_init();

	if (!e)
		return NULL;
	if (curl_easy_setopt(e, CURLOPT_URL, url) ||
	    curl_easy_setopt(e, CURLOPT_PRIVATE, t) ||
	    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body) ||
	    curl_easy_setopt(e, CURLOPT_WRITEDATA, t) ||
	    curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, on_open_socket) ||
	    curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, t) ||
	    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->errbuf) ||
	    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, o->connect_timeout_ms) ||
	    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, o->total_timeout_ms) ||
	    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L) ||
	    curl_easy_setopt(e, CURLOPT_MAXREDIRS, o->max_redirects) ||
	    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https") ||
	    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https") ||
	    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L) ||
	    curl_easy_setopt(e, CURLOPT_PROXY, "") ||
	    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "") ||
	    curl_easy_setopt(e, CURLOPT_USERAGENT, o->user_agent)) {
		curl_easy_cleanup(e);
		return NULL;
	}
	return e;
}

/* Write the result of the transfer t (ended with code) into t->result and free the transfer. */
static void transfer_finish(struct transfer *t, CURLcode code, const struct capture_options *o)
{
	struct capture *c = &t->result;
	struct transfer_end end = {0};
	curl_off_t connect_us = 0;
	long status = 0;
	char *url = NULL, *type = NULL;
	bool stored_cut = false;

	curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &url);
	curl_easy_getinfo(t->easy, CURLINFO_CONTENT_TYPE, &type);
	c->fetched_at = (int64_t)time(NULL);
	c->status = status;
	if (status && url) {
		free(c->final_url);
		c->final_url = capture_strdup(url);
	}
	if (type && strlen(type) <= MAX_CONTENT_TYPE) {
		free(c->content_type);
		c->content_type = capture_strdup(type);
	}
	c->size = t->body.size;
	end.code = code;
	end.status = status;
	end.body_cut = t->body.cut;
	end.refused_why = t->refused_why;
	end.refused_address = t->refused_address;
	end.curl_message = t->errbuf;
	curl_easy_getinfo(t->easy, CURLINFO_OS_ERRNO, &end.os_errno);
	end.connected = curl_easy_getinfo(t->easy, CURLINFO_CONNECT_TIME_T, &connect_us) == CURLE_OK &&
			connect_us > 0;
	capture_judge(c, &end, o);
	if (t->body.head_len && content_type_generic(c->content_type))
		snprintf(c->sniffed, sizeof c->sniffed, "%s",
			 content_kind_name(content_sniff(t->body.head, t->body.head_len)));
	body_sink_finish(&t->body, c->sha256, c->text_sha256, &c->body_gz, &c->body_gz_len,
			 &stored_cut);
	c->body_truncated = t->body.cut || stored_cut;
	curl_easy_cleanup(t->easy);
	t->easy = NULL;
}

/* Where URLs come from and where their captures go (capture_each()). */
struct stream {
	const char *(*next)(void *arg);
	void (*done)(void *arg, size_t index, struct capture *c);
	void *arg;
	size_t taken;                /* URLs taken from next() so far */
	bool ended;                  /* next() said NULL */
};

/* The next URL, or NULL at the end (next() is not called again after its NULL). */
static const char *take(struct stream *st)
{
	const char *url;

	if (st->ended)
		return NULL;
	url = st->next(st->arg);
	if (!url)
		st->ended = true;
	return url;
}

/* Every URL still to come fails with `what` (setup failures). */
static int fail_rest(struct stream *st, struct oi_error *err, const char *what)
{
	const char *url;

	while ((url = take(st))) {
		struct capture c;

		capture_begin(&c, url);
		capture_fail(&c, CAPTURE_OTHER, capture_format("%s", what));
		st->done(st->arg, st->taken++, &c);
	}
	return oi_error_set(err, "", 0, 0, "%s", what);
}

static const char *default_policy(const struct sockaddr *sa, size_t len, void *arg)
{
	(void)arg;
	return address_restriction(sa, len);
}

/*
 * Take the next URL into the free slot t and add its transfer to multi: 1 when a transfer was
 * started, 0 when the URL was finished at once (a bad URL, or a setup failure: then *failed is
 * set and err filled), -1 at the end of the URLs.
 */
static int start_next(struct stream *st, struct transfer *t, CURLM *multi,
		      const struct capture_options *o, capture_policy_fn policy, void *policy_arg,
		      bool *failed, struct oi_error *err)
{
	const char *url = take(st);
	char *why;

	if (!url)
		return -1;
	/* Field by field: the body sink keeps its deflate state from one URL to the next. */
	t->easy = NULL;
	memset(&t->result, 0, sizeof t->result);
	t->refused_why = NULL;
	t->refused_address[0] = '\0';
	t->errbuf[0] = '\0';
	t->index = st->taken++;
	capture_begin(&t->result, url);
	why = check_url(url);
	if (why) {
		capture_fail(&t->result, CAPTURE_BAD_URL, why);
		st->done(st->arg, t->index, &t->result);
		return 0;
	}
	t->policy = policy;
	t->policy_arg = policy_arg;
	body_sink_restart(&t->body, o->max_body, o->max_stored);
	t->easy = make_easy(t, url, o);
	if (!t->easy || curl_multi_add_handle(multi, t->easy) != CURLM_OK) {
		if (t->easy)
			curl_easy_cleanup(t->easy);
		t->easy = NULL;
		body_sink_release(&t->body);
		capture_fail(&t->result, CAPTURE_OTHER, capture_strdup("cannot set up a libcurl transfer"));
		st->done(st->arg, t->index, &t->result);
		oi_error_set(err, "", 0, 0, "cannot set up a libcurl transfer");
		*failed = true;
		return 0;
	}
	return 1;
}

static int capture_each_policy(struct stream *st, const struct capture_options *opt,
			       capture_policy_fn policy, void *policy_arg, struct oi_error *err)
{
	struct capture_options o = with_defaults(opt);
	struct transfer *slots;
	size_t active = 0;
	bool failed = false;
	CURLM *multi;
	int rc = 0;

	pthread_once(&global_once, global_init);
	if (global_status)
		return fail_rest(st, err, "cannot set up libcurl or libsodium");
	multi = curl_multi_init();
	if (!multi)
		return fail_rest(st, err, "cannot set up a libcurl multi handle");
	curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, (long)o.concurrency);
	slots = xcalloc(o.concurrency, sizeof *slots);
	for (size_t s = 0; s < o.concurrency; s++)
		body_sink_init(&slots[s].body, o.max_body, o.max_stored);

	for (;;) {
		int running, queued;
		bool finished_any = false;
		CURLMsg *msg;

		/* Start transfers while there are free slots and URLs. */
		for (size_t s = 0; s < o.concurrency && !st->ended; s++) {
			int started;

			if (slots[s].easy)
				continue;
			do
				started = start_next(st, &slots[s], multi, &o, policy, policy_arg,
						     &failed, err);
			while (started == 0);
			if (started > 0)
				active++;
		}
		if (!active)
			break;   /* no URL left, nothing running */
		if (curl_multi_perform(multi, &running) != CURLM_OK) {
			rc = oi_error_set(err, "", 0, 0, "the libcurl multi loop failed");
			break;
		}
		while ((msg = curl_multi_info_read(multi, &queued))) {
			struct transfer *t = NULL;

			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&t);
			curl_multi_remove_handle(multi, msg->easy_handle);
			transfer_finish(t, msg->data.result, &o);
			st->done(st->arg, t->index, &t->result);
			active--;
			finished_any = true;
		}
		if (!finished_any)
			curl_multi_poll(multi, NULL, 0, 1000, NULL);
	}
	/* Only after a multi failure: end what still runs, fail what is still to come. */
	for (size_t s = 0; s < o.concurrency; s++) {
		if (slots[s].easy) {
			curl_multi_remove_handle(multi, slots[s].easy);
			transfer_finish(&slots[s], CURLE_FAILED_INIT, &o);
			st->done(st->arg, slots[s].index, &slots[s].result);
		}
	}
	if (!st->ended)
		fail_rest(st, err, "the libcurl multi loop failed");
	for (size_t s = 0; s < o.concurrency; s++)
		body_sink_free(&slots[s].body);
	free(slots);
	curl_multi_cleanup(multi);
	return rc || failed ? -1 : 0;
}

int capture_each(const char *(*next)(void *arg),
		 void (*done)(void *arg, size_t index, struct capture *c), void *arg,
		 const struct capture_options *opt, struct oi_error *err)
{
	struct stream st = {next, done, arg, 0, false};
	bool allow = opt && opt->allow_private;

	return capture_each_policy(&st, opt, allow ? NULL : default_policy, NULL, err);
}

/* capture_many() as a stream over an array. */
struct array_stream {
	const char *const *urls;
	size_t n, next;
	struct capture *out;
};

static const char *array_next(void *arg)
{
	struct array_stream *a = arg;

	return a->next < a->n ? (a->urls[a->next] ? a->urls[a->next++] : (a->next++, "")) : NULL;
}

static void array_done(void *arg, size_t index, struct capture *c)
{
	struct array_stream *a = arg;

	a->out[index] = *c;   /* the capture's strings move to the caller's array */
}

int capture_many_policy(const char *const *urls, size_t n, const struct capture_options *opt,
			capture_policy_fn policy, void *policy_arg, struct capture *out,
			struct oi_error *err)
{
	struct array_stream a = {urls, n, 0, out};
	struct stream st = {array_next, array_done, &a, 0, false};
	struct capture_options o = with_defaults(opt);

	if (o.concurrency > n)
		o.concurrency = n ? n : 1;
	return capture_each_policy(&st, &o, policy, policy_arg, err);
}

int capture_many(const char *const *urls, size_t n, const struct capture_options *opt,
		 struct capture *out, struct oi_error *err)
{
	bool allow = opt && opt->allow_private;

	return capture_many_policy(urls, n, opt, allow ? NULL : default_policy, NULL, out, err);
}

int capture_one(const char *url, const struct capture_options *opt, struct capture *out,
		struct oi_error *err)
{
	const char *urls[1] = {url};

	return capture_many(urls, 1, opt, out, err);
}

void capture_release(struct capture *c)
{
	if (!c)
		return;
	free(c->url);
	free(c->final_url);
	free(c->content_type);
	free(c->error);
	free(c->body_gz);
	memset(c, 0, sizeof *c);
}
