/*
 * testutil.h — what the cmocka tests share: loading a built-in framework, reading CSV text
 * from memory, asserting on error records, and running tables of cases as one cmocka test per
 * case.
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

/* rc is 0 (a call that sets err succeeded), or the test fails with its message. */
#define assert_ok(rc, err)                                                               \
	do {                                                                             \
		if ((rc) != 0) {                                                         \
			char line_[2048];                                                \
			fail_msg("unexpected error: %s",                                 \
				 oi_error_format(&(err), line_, sizeof line_));          \
		}                                                                        \
	} while (0)

/* err, formatted as "FILE:LINE:COLUMN: message", is exactly want. */
#define assert_error_is(err, want)                                                       \
	do {                                                                             \
		char line_[2048];                                                        \
		assert_string_equal(oi_error_format(&(err), line_, sizeof line_), (want)); \
	} while (0)

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

/*
 * A group of tests put together from fixed tests and tables of cases, one cmocka test per
 * case (named by the case's `name`, given the case as its state), then run as one group:
 *
 *	struct test_list l = {0};
 *	test_list_add(&l, fixed, sizeof fixed / sizeof fixed[0]);
 *	test_list_add_cases(&l, error_cases, run_error_case);
 *	return test_list_run(&l, "analysis", load_frameworks, free_frameworks);
 *
 * Tests run in the order they were added. Out of memory ends the program with status 1.
 */
struct test_list {
	struct CMUnitTest *tests;
	size_t n;
};

static inline struct CMUnitTest *test_list_grow_(struct test_list *l, size_t more)
{
	struct CMUnitTest *t = realloc(l->tests, (l->n + more) * sizeof *t);

	if (!t) {
		fprintf(stderr, "out of memory for %zu tests\n", l->n + more);
		exit(1);
	}
	l->tests = t;
	return t + l->n;
}

static inline void test_list_add(struct test_list *l, const struct CMUnitTest *tests, size_t n)
{
	memcpy(test_list_grow_(l, n), tests, n * sizeof *tests);
	l->n += n;
}

static inline void test_list_add_cases_(struct test_list *l, const void *cases, size_t n,
					size_t size, size_t name_offset, CMUnitTestFunction run)
{
	struct CMUnitTest *t = test_list_grow_(l, n);

	for (size_t i = 0; i < n; i++) {
		const char *c = (const char *)cases + i * size;
		const char *const *name = (const char *const *)(const void *)(c + name_offset);

		t[i] = (struct CMUnitTest){*name, run, NULL, NULL, (void *)c};
	}
	l->n += n;
}

/* Every case of the array `cases` (a struct with a `const char *name`) run by run(state). */
#define test_list_add_cases(l, cases, run)                                               \
	test_list_add_cases_((l), (cases), sizeof(cases) / sizeof(cases)[0], sizeof(cases)[0], \
			     (size_t)((const char *)&(cases)[0].name - (const char *)&(cases)[0]), \
			     (run))

/* Run the list as cmocka group `group`, free it; the number of tests that failed. */
static inline int test_list_run(struct test_list *l, const char *group, CMFixtureFunction setup,
				CMFixtureFunction teardown)
{
	int failed = _cmocka_run_group_tests(group, l->tests, l->n, setup, teardown);

	free(l->tests);
	l->tests = NULL;
	l->n = 0;
	return failed;
}

#endif
