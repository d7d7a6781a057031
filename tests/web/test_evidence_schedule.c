/*
 * test_evidence_schedule.c — the link monitor's scheduled round (src/web/evidence_schedule.c):
 * one round captures every current evidence URL of every agency of the current assessment and
 * stores the captures; the schedule runs rounds by itself while the server runs and stops
 * promptly when told; a database without an assessment is a round with nothing to do.
 * Captures come from a counting test double, so no network is used. No time is asserted: the
 * schedule's first round is waited for with a generous bound.
 */
#include <stdatomic.h>

#include "app_int.h"
#include "evidence_schedule.h"
#include "webtest.h"

static atomic_int fetched;

static int counting_fetch(void *arg, const char *const *urls, size_t n,
			  struct oi_capture_row *rows, unsigned char **bodies, size_t *lens)
{
	(void)arg;
	(void)bodies;
	(void)lens;
	for (size_t i = 0; i < n; i++) {
		atomic_fetch_add(&fetched, 1);
		rows[i].fetched_at = (int64_t)time(NULL);
		rows[i].status = 200;
		snprintf(rows[i].final_url, sizeof rows[i].final_url, "%s", urls[i]);
		snprintf(rows[i].content_type, sizeof rows[i].content_type, "text/html");
		snprintf(rows[i].sha256, sizeof rows[i].sha256, "%064d", 7);
		snprintf(rows[i].outcome, sizeof rows[i].outcome, "ok");
		rows[i].size = 10;
	}
	return 0;
}

static const struct oit_capturer counting = {counting_fetch, NULL};

static int setup(void **state)
{
	int rc = webtest_cmocka_setup(state);
	struct webtest *t = *state;

	t->app->cfg.capturer = &counting;
	atomic_store(&fetched, 0);
	/* A01 submits item O1 with two evidence URLs inside the OIT window (captured: 2) */
	webtest_expect_status(t, "POST", "/agency/A01/oit/O1",
			      "action=submit&has=1&url=https%3A%2F%2Fa01.example.go.th%2Fa&"
			      "url=https%3A%2F%2Fa01.example.go.th%2Fb&explanation=x", "a01", 303);
	assert_int_equal(atomic_load(&fetched), 2);
	return rc;
}

#define TEST(f) cmocka_unit_test_setup_teardown(f, setup, webtest_cmocka_teardown)

static void one_round(void **state)
{
	struct webtest *t = *state;
	struct oi_error err;
	size_t agencies = 9, urls = 9;

	assert_int_equal(evidence_round(t->st, &counting, NULL, &agencies, &urls, &err), 0);
	assert_int_equal(agencies, 1);          /* A02 has no evidence */
	assert_int_equal(urls, 2);
	assert_int_equal(atomic_load(&fetched), 4);
	/* the agency's monitor shows the URLs checked, none with a problem */
	webtest_expect_status(t, "GET", "/agency/A01/evidence?all=1", NULL, "a01", 200);
}

static void schedule_runs_by_itself(void **state)
{
	struct webtest *t = *state;
	struct evidence_schedule *s;
	struct oi_error err;

	assert_int_equal(evidence_schedule_start(t->st, &counting, 1, &s, &err), 0);
	for (int i = 0; i < 300 && evidence_schedule_rounds(s) < 2; i++)
		usleep(100 * 1000);                /* at most 30 s, however loaded the machine */
	assert_true(evidence_schedule_rounds(s) >= 2);
	evidence_schedule_stop(s);
	assert_true(atomic_load(&fetched) >= 2 + 2 * 2);
}

static void stop_before_any_round(void **state)
{
	struct webtest *t = *state;
	struct evidence_schedule *s;
	struct oi_error err;

	assert_int_equal(evidence_schedule_start(t->st, &counting, 3600, &s, &err), 0);
	assert_int_equal(evidence_schedule_rounds(s), 0);
	evidence_schedule_stop(s);              /* returns without waiting for the hour */
	assert_int_equal(atomic_load(&fetched), 2);
	evidence_schedule_stop(NULL);
}

static void no_assessment_nothing_to_do(void **state)
{
	struct webtest *t = *state;
	struct oi_store *st;
	struct oi_error err;
	char path[256];
	size_t agencies = 9, urls = 9;

	(void)t;
	snprintf(path, sizeof path, "%s/empty.db", t->dir);
	assert_int_equal(oi_store_open(path, &st, &err), 0);
	assert_int_equal(evidence_round(st, &counting, NULL, &agencies, &urls, &err), 0);
	assert_int_equal(agencies, 0);
	assert_int_equal(urls, 0);
	oi_store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(one_round),
		TEST(schedule_runs_by_itself),
		TEST(stop_before_any_round),
		TEST(no_assessment_nothing_to_do),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
