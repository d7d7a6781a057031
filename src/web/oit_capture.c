/*
 * oit_capture.c — the OIT pages' evidence capturer on libcurl (src/check/capture.h): a struct
 * oit_capturer whose fetch captures every URL of a batch concurrently (capture_many) and turns
 * each struct capture into a stored row, handing over its gzip copy. The server's is made by
 * oit_capturer_curl() with short bounds, because a submission waits for it; the command line's
 * (`openita evidence check`) with the defaults of capture.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture.h"
#include "oit.h"

static void copy(char *dst, size_t cap, const char *src)
{
	snprintf(dst, cap, "%s", src ? src : "");
}

static int curl_fetch(void *arg, const char *const *urls, size_t n, struct oi_capture_row *rows,
		      unsigned char **bodies, size_t *lens)
{
	const struct capture_options *opt = arg;
	struct capture *caps = calloc(n ? n : 1, sizeof *caps);
	struct oi_error err;
	int rc;

	if (!caps)
		return -1;
	rc = capture_many(urls, n, opt, caps, &err);
	for (size_t i = 0; i < n; i++) {
		struct capture *c = &caps[i];
		struct oi_capture_row *r = &rows[i];

		if (rc == 0) {
			r->fetched_at = c->fetched_at;
			r->status = c->status;
			copy(r->final_url, sizeof r->final_url, c->final_url);
			copy(r->content_type, sizeof r->content_type, c->content_type);
			r->size = c->size;
			copy(r->sha256, sizeof r->sha256, c->sha256);
			copy(r->text_sha256, sizeof r->text_sha256, c->text_sha256);
			copy(r->sniffed, sizeof r->sniffed, c->sniffed);
			copy(r->outcome, sizeof r->outcome, capture_outcome_name(c->outcome));
			copy(r->error, sizeof r->error, c->error);
			r->truncated = c->body_truncated;
			bodies[i] = c->body_gz;       /* handed over */
			lens[i] = c->body_gz ? c->body_gz_len : 0;
			c->body_gz = NULL;
			c->body_gz_len = 0;
		}
		capture_release(c);
	}
	free(caps);
	return rc;
}

void oit_capturer_curl(struct oit_curl_capturer *cc, bool allow_private, bool short_bounds)
{
	memset(cc, 0, sizeof *cc);
	cc->options.allow_private = allow_private;
	if (short_bounds) {
		cc->options.connect_timeout_ms = 3000;
		cc->options.total_timeout_ms = 8000;
	}
	cc->capturer.fetch = curl_fetch;
	cc->capturer.arg = &cc->options;
}
