/*
 * capture_int.h — the inside of evidence capture shared by its files and its tests. Private to
 * src/check/ (and tests/check/).
 */
#ifndef OPENITA_CHECK_CAPTURE_INT_H
#define OPENITA_CHECK_CAPTURE_INT_H

#include <stddef.h>
#include <sys/socket.h>

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

#endif
