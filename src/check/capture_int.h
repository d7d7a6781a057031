/*
 * capture_int.h — the inside of evidence capture shared by its files and its tests. Private to
 * src/check/ (and tests/check/).
 */
#ifndef OPENITA_CHECK_CAPTURE_INT_H
#define OPENITA_CHECK_CAPTURE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#include <curl/curl.h>

#include "capture.h"

/*
 * The address policy a transfer applies to every address it is about to connect to: NULL when
 * the address may be contacted, else a word saying why not ("loopback", "private", …).
 */
typedef const char *(*capture_policy_fn)(const struct sockaddr *sa, size_t len, void *arg);

/*
 * capture_many() with the address policy given (policy NULL: admit every address). The public
 * functions pass address.c's policy, or NULL with allow_private; tests pass their own to see a
 * refusal on a redirect's second hop while every test server is on loopback.
 */
int capture_many_policy(const char *const *urls, size_t n, const struct capture_options *opt,
			capture_policy_fn policy, void *policy_arg, struct capture *out,
			struct oi_error *err);

/* What a finished transfer tells (capture_outcome.c). */
struct transfer_end {
	CURLcode code;               /* curl's result */
	long status;                 /* the last HTTP status, 0 when none */
	bool body_cut;               /* the body went past max_body */
	const char *refused_why;     /* the address policy's word, NULL when nothing was refused */
	const char *refused_address; /* the refused address as text */
	const char *curl_message;    /* curl's error buffer ("" when empty) */
	long os_errno;               /* of the failed connect */
	bool connected;              /* a connection was made */
};

/* Set c->outcome and c->error for the end e of its transfer, under the options o (with their
 * defaults filled in: the messages name the bounds). */
void capture_judge(struct capture *c, const struct transfer_end *e,
		   const struct capture_options *o);

/* Mark c failed with outcome and message (malloc'd, taken over); fetched_at set when unset. */
void capture_fail(struct capture *c, enum capture_outcome outcome, char *message);

/* malloc'd copies (abort when out of memory, as xmalloc). */
char *capture_strdup(const char *s);
char *capture_format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
