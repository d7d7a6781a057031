/*
 * testutil.h — what the cmocka tests share: loading a built-in framework, reading CSV text
 * from memory, and asserting on error records.
 */
#ifndef OPENITA_TESTUTIL_H
#define OPENITA_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "lsan.h"

#include "openita/csv.h"
#include "openita/error.h"
#include "openita/framework.h"

/* A built-in framework, or the test fails. */
static inline struct oi_framework *load_builtin(const char *id)
{
	struct oi_framework *fw = NULL;
	struct oi_error err;

	if (oi_framework_open(id, &fw, &err)) {
		char line[2048];

		fail_msg("cannot load %s: %s", id, oi_error_format(&err, line, sizeof line));
	}
	return fw;
}

/* A CSV reader over a string literal, named like a file for messages. */
static inline struct oi_csv *csv_text(const char *name, const char *text)
{
	return oi_csv_from_memory(name, text, strlen(text));
}

/* Write text to a new file under /tmp; returns its path (valid until the next call). */
static inline char *write_temp(const char *text)
{
	static char path[64];
	int fd;

	snprintf(path, sizeof path, "/tmp/openita-test-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

/* err, formatted as "FILE:LINE:COLUMN: message", contains want. */
#define assert_error_contains(err, want)                                                \
	do {                                                                             \
		char line_[2048];                                                        \
		oi_error_format(&(err), line_, sizeof line_);                            \
		if (!strstr(line_, (want)))                                              \
			fail_msg("error \"%s\"\n  does not contain \"%s\"", line_, (want)); \
	} while (0)

/* |a - b| <= eps */
#define assert_close(a, b, eps)                                                          \
	do {                                                                             \
		double a_ = (a), b_ = (b);                                               \
		if (!(a_ - b_ <= (eps) && b_ - a_ <= (eps)))                              \
			fail_msg("%.10g is not within %g of %.10g", a_, (double)(eps), b_); \
	} while (0)

#endif
