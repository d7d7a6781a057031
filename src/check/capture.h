/*
 * capture.h — fetching OIT evidence URLs and keeping what was there (issue 4).
 *
 * A capture fetches one URL with libcurl under hard bounds — connect time, total time, a body
 * size cap, a redirect limit, http and https only — and records the time, HTTP status, final
 * URL, content type, size, SHA-256 of the body, and a gzip-compressed copy of the body (itself
 * capped), so that assessors and clarifications see exactly what was there and when. Private,
 * loopback and link-local addresses are refused unless allowed, checked on the address actually
 * connected to (every hop of a redirect), never on the name alone. Proxies named in the
 * environment (http_proxy, …) are not used: the address checked is the evidence's own.
 *
 * Many URLs are captured concurrently with one curl multi handle and bounded concurrency; memory
 * stays bounded by concurrency × cap.
 */
#ifndef OPENITA_CHECK_CAPTURE_H
#define OPENITA_CHECK_CAPTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "openita/error.h"

struct capture_options {
	long connect_timeout_ms;     /* 0: 5000 */
	long total_timeout_ms;       /* 0: 20000 (also bounds a server that drips bytes) */
	size_t max_body;             /* 0: 10 MiB; a larger body is cut there and marked */
	size_t max_stored;           /* 0: 2 MiB of gzip kept */
	long max_redirects;          /* 0: 5 */
	bool allow_private;          /* admit private, loopback and link-local addresses */
	size_t concurrency;          /* capture_many: 0 → 16 */
	const char *user_agent;      /* NULL: "openita-evidence/0.1" */
};

enum capture_outcome {
	CAPTURE_OK,                  /* a response with status 2xx */
	CAPTURE_HTTP_ERROR,          /* 4xx / 5xx (status set) */
	CAPTURE_DNS,                 /* the name does not resolve */
	CAPTURE_REFUSED,             /* connection refused / unreachable */
	CAPTURE_TIMEOUT,             /* connect or total time exceeded */
	CAPTURE_TOO_LARGE,           /* body over max_body (what came is kept, cut) */
	CAPTURE_TOO_MANY_REDIRECTS,
	CAPTURE_FORBIDDEN_ADDRESS,   /* private/loopback/link-local and not allowed */
	CAPTURE_BAD_URL,             /* not http(s), malformed */
	CAPTURE_TLS,                 /* certificate or handshake failure */
	CAPTURE_OTHER,
};

struct capture {
	char *url;                   /* as asked */
	char *final_url;             /* after redirects; "" when nothing was fetched */
	long status;                 /* HTTP status, 0 when none */
	char *content_type;          /* "" when none */
	uint64_t size;               /* body bytes received */
	char sha256[65];             /* hex of the body received; "" when no body */
	char text_sha256[65];        /* hex of the visible text (html_text.h) of an HTML body
					(content type text/html or XHTML); "" otherwise */
	char sniffed[8];             /* when the content type is generic (content_type_generic():
					octet-stream, none, …): what the body's first bytes are,
					content_kind_name() ("pdf", "image", "office"); else "" */
	int64_t fetched_at;          /* Unix time (seconds) */
	enum capture_outcome outcome;
	char *error;                 /* plain-words reason, "" when CAPTURE_OK */
	unsigned char *body_gz;      /* gzip of the body (capped at max_stored), may be NULL */
	size_t body_gz_len;
	bool body_truncated;         /* the body or the stored copy was cut */
};

/* Capture one URL (blocking). Always fills *out (free with capture_release()); returns 0, or
 * -1 when libcurl could not even be set up (err filled). A failed fetch is not an error: its
 * outcome says what happened. */
int capture_one(const char *url, const struct capture_options *opt, struct capture *out,
		struct oi_error *err);

/* Capture n URLs concurrently (opt->concurrency at once); out[i] belongs to urls[i]. */
int capture_many(const char *const *urls, size_t n, const struct capture_options *opt,
		 struct capture *out, struct oi_error *err);

/*
 * Capture URLs as a stream, for lists of any length: next(arg) gives the next URL (NULL at the
 * end; the string need only stay valid until next() is called again), and done(arg, index, c)
 * receives each capture as it completes — index counts the URLs from 0 in the order next() gave
 * them; c is the callee's to keep (copy *c) or capture_release(). At most opt->concurrency
 * transfers run at once, and memory is bounded by them, not by the number of URLs. Returns 0,
 * or -1 when libcurl could not be set up (err filled; done() still receives every URL, failed).
 * capture_many() is this over an array.
 */
int capture_each(const char *(*next)(void *arg),
		 void (*done)(void *arg, size_t index, struct capture *c), void *arg,
		 const struct capture_options *opt, struct oi_error *err);

void capture_release(struct capture *c);

/* "ok", "http_error", "dns", … (stable names for JSON and the database). */
const char *capture_outcome_name(enum capture_outcome o);

/* The capture as one JSON object on one line: url, final_url, status, content_type, size,
 * sha256, text_sha256 (null when ""), sniffed (null when ""), fetched_at (ISO 8601 UTC),
 * outcome (capture_outcome_name()), error (null when CAPTURE_OK). Bytes that are not UTF-8 become U+FFFD. malloc'd; the caller frees. */
char *capture_to_json(const struct capture *c);

/*
 * The text fingerprint (text_sha256) of an HTML body kept as the gzip copy gz[0..gz_len): what
 * a capture computes while the body arrives, computed afterwards from the copy, for captures
 * stored before fingerprints were (the copy must be whole: not body_truncated). Writes 64 hex
 * digits to out and returns 0; -1 with out "" when gz is not a complete gzip stream, inflates
 * to nothing, or to more than 64 MiB.
 */
int capture_text_fingerprint(const unsigned char *gz, size_t gz_len, char out[65]);

/* How evidence stands against the capture made when it was submitted (link monitor). */
enum evidence_state {
	EVIDENCE_OK,
	EVIDENCE_BROKEN,             /* DNS, refused, timeout, 4xx/5xx, … */
	EVIDENCE_CHANGED,            /* fetched fine, hash (of an HTML page: its visible text)
					differs from the submitted capture */
	EVIDENCE_EMPTY,              /* fetched fine, no body */
	EVIDENCE_UNEXPECTED_TYPE,    /* not HTML, PDF, an image, an office document or text */
};

/* Classify the latest capture against the one taken at submission (baseline may be NULL),
 * in this order: BROKEN unless a 2xx response came (CAPTURE_OK, or CAPTURE_TOO_LARGE with a 2xx
 * status: a big file is evidence, judged on its first max_body bytes); EMPTY when its body is
 * empty; UNEXPECTED_TYPE when its content type is not one of the kinds above, unless it is
 * generic (missing, application/octet-stream, …: content_type_generic()) and its first bytes
 * were sniffed as a PDF, an image or an office document; CHANGED when the baseline was fetched
 * and differs: for an HTML page whose two captures both have a text_sha256, those differ (a new
 * visitor count, date or token is no change); otherwise their SHA-256 differ; else OK. */
enum evidence_state evidence_classify(const struct capture *latest, const struct capture *baseline);
const char *evidence_state_name(enum evidence_state s);
const char *evidence_state_th(enum evidence_state s);

#endif
