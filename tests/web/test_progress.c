/*
 * test_progress.c — src/web/progress.c: dates, minimum samples, the projection rule with
 * fixed daily counts (hand-computed), the 30-day trend, and provisional scores checked
 * against the core's scoring of the same answers strings.
 */
#include "webtest.h"

#include "openita/sample.h"
#include "openita/score.h"
#include "progress.h"

/* ---- pure functions ---- */

static void dates(void **state)
{
	long d, e;
	char out[11];

	(void)state;
	assert_true(progress_date_parse("1970-01-01", &d));
	assert_int_equal(d, 0);
	assert_true(progress_date_parse("2025-02-10", &d));
	assert_string_equal(progress_date_format(d, out), "2025-02-10");
	assert_true(progress_date_parse("2024-02-29", &d));
	assert_true(progress_date_parse("2024-03-01", &e));
	assert_int_equal(e - d, 1);
	assert_true(progress_date_parse("2000-02-29", NULL));
	assert_false(progress_date_parse("2025-02-29", NULL));
	assert_false(progress_date_parse("1900-02-29", NULL));
	assert_false(progress_date_parse("2025-04-31", NULL));
	assert_false(progress_date_parse("2025-13-01", NULL));
	assert_false(progress_date_parse("2025-00-10", NULL));
	assert_false(progress_date_parse("2025-1-01", NULL));
	assert_false(progress_date_parse("2025-01-01x", NULL));
	assert_false(progress_date_parse("2568-01-01x", NULL));
	assert_false(progress_date_parse("", NULL));
	assert_false(progress_date_parse(NULL, NULL));
	assert_false(progress_date_parse("2025/01/01", NULL));
	assert_false(progress_date_parse("+025-01-01", NULL));
}

static void minimums(void **state)
{
	struct webtest *t = *state;
	const struct oi_framework *fw = t->fw;
	long iit = oi_framework_find_instrument(fw, "IIT");
	long eit = oi_framework_find_instrument(fw, "EIT");
	long oit = oi_framework_find_instrument(fw, "OIT");
	struct oi_participation part;
	unsigned long m;

	assert_true(iit >= 0 && eit >= 0 && oit >= 0);
	assert_true(progress_minimum(fw, (size_t)iit, 450, &m));
	assert_int_equal(m, oi_required_sample_size(fw, (size_t)iit, 450));
	assert_int_equal(m, 45);                        /* 10 % of 450 */
	assert_true(progress_minimum(fw, (size_t)iit, 20, &m));
	assert_int_equal(m, 20);                        /* under 30: everyone */
	assert_true(progress_minimum(fw, (size_t)iit, 200, &m));
	assert_int_equal(m, 30);                        /* at least 30 */
	assert_true(progress_minimum(fw, (size_t)eit, 50000, &m));
	assert_int_equal(m, 100);                       /* at most 100 */
	assert_true(progress_minimum(fw, (size_t)iit, 0, &m));
	assert_int_equal(m, 0);
	assert_false(progress_minimum(fw, (size_t)iit, -1, &m));
	assert_int_equal(m, 0);
	assert_false(progress_minimum(fw, (size_t)oit, 450, &m));

	memset(&part, 0, sizeof part);
	part.staff_population = 450;
	part.service_population = -1;
	assert_int_equal(progress_population(fw, (size_t)iit, &part), 450);
	assert_int_equal(progress_population(fw, (size_t)eit, &part), -1);
	assert_int_equal(progress_population(fw, (size_t)oit, &part), -1);
}

static void projection_rule(void **state)
{
	static const char days[][11] = {"2025-02-01", "2025-02-03", "2025-02-05"};
	static const long counts[] = {5, 10, 5};
	struct progress_projection p;
	struct oi_error err;

	(void)state;
	/* R = 20, F = 02-01, D = 9, rate 20/9; minimum 45: remaining 25,
	 * days = ceil(25 × 9 / 20) = ceil(11.25) = 12 → 2025-02-22. */
	assert_int_equal(progress_project(days, counts, 3, true, 45, "2025-02-10", &p, &err), 0);
	assert_int_equal(p.state, PROGRESS_PROJECTION_DATE);
	assert_int_equal(p.responses, 20);
	assert_string_equal(p.first_day, "2025-02-01");
	assert_int_equal(p.days_elapsed, 9);
	assert_true(p.rate_per_day > 2.2222 && p.rate_per_day < 2.2223);
	assert_int_equal(p.remaining, 25);
	assert_int_equal(p.days_needed, 12);
	assert_string_equal(p.date, "2025-02-22");

	/* R = 15 (02-03: 10, 02-05: 5), D = 7, minimum 35: remaining 20,
	 * ceil(20 × 7 / 15) = ceil(9.33) = 10 → 02-20. */
	assert_int_equal(progress_project(days + 1, counts + 1, 2, true, 35, "2025-02-10", &p,
					  &err), 0);
	assert_int_equal(p.responses, 15);
	assert_int_equal(p.days_elapsed, 7);                /* first day 02-03 */
	assert_int_equal(p.days_needed, 10);                /* 20 × 7 / 15 = 9.33 → 10 */
	assert_string_equal(p.date, "2025-02-20");

	/* Exact division: 10 on 02-05, D = 5, minimum 30: 20 × 5 / 10 = 10 days → 02-20. */
	{
		static const char one_day[][11] = {"2025-02-05"};
		static const long ten[] = {10};

		assert_int_equal(progress_project(one_day, ten, 1, true, 30, "2025-02-10", &p,
						  &err), 0);
		assert_int_equal(p.days_elapsed, 5);
		assert_int_equal(p.days_needed, 10);
		assert_string_equal(p.date, "2025-02-20");
	}
	/* Every response today: D is at least 1. 20 today, minimum 100 → 80 × 1 / 20 = 4. */
	{
		static const char today_only[][11] = {"2025-02-10"};
		static const long twenty[] = {20};

		assert_int_equal(progress_project(today_only, twenty, 1, true, 100, "2025-02-10",
						  &p, &err), 0);
		assert_int_equal(p.days_elapsed, 1);
		assert_int_equal(p.days_needed, 4);
		assert_string_equal(p.date, "2025-02-14");
	}
	/* Reached, exactly and beyond. */
	assert_int_equal(progress_project(days, counts, 3, true, 20, "2025-02-10", &p, &err), 0);
	assert_int_equal(p.state, PROGRESS_PROJECTION_REACHED);
	assert_string_equal(p.date, "");
	assert_int_equal(progress_project(days, counts, 3, true, 0, "2025-02-10", &p, &err), 0);
	assert_int_equal(p.state, PROGRESS_PROJECTION_REACHED);
	/* No minimum; no responses (none at all, or only zero counts). */
	assert_int_equal(progress_project(days, counts, 3, false, 0, "2025-02-10", &p, &err), 0);
	assert_int_equal(p.state, PROGRESS_PROJECTION_NO_MINIMUM);
	assert_int_equal(p.responses, 20);
	assert_int_equal(progress_project(NULL, NULL, 0, true, 30, "2025-02-10", &p, &err), 0);
	assert_int_equal(p.state, PROGRESS_PROJECTION_NO_RESPONSES);
	assert_string_equal(p.first_day, "");
	{
		static const long zeros[] = {0, 0, 0};

		assert_int_equal(progress_project(days, zeros, 3, true, 30, "2025-02-10", &p,
						  &err), 0);
		assert_int_equal(p.state, PROGRESS_PROJECTION_NO_RESPONSES);
	}
	/* Across the year's end, and a leap day. */
	{
		static const char dec[][11] = {"2024-12-20"};
		static const long ten[] = {10};

		/* D = 10, R = 10, minimum 15 → 5 × 10 / 10 = 5 days after 12-30 */
		assert_int_equal(progress_project(dec, ten, 1, true, 15, "2024-12-30", &p, &err),
				 0);
		assert_string_equal(p.date, "2025-01-04");
		assert_int_equal(progress_project(dec, ten, 1, true, 11, "2024-02-28", &p, &err),
				 0);
		/* first day after today: D = 1 */
		assert_int_equal(p.days_elapsed, 1);
		assert_string_equal(p.date, "2024-02-29");
	}
	/* Bad dates are errors, not guesses. */
	assert_int_equal(progress_project(days, counts, 3, true, 45, "10/02/2025", &p, &err), -1);
	{
		static const char bad[][11] = {"2025-02-30"};
		static const long one[] = {1};

		assert_int_equal(progress_project(bad, one, 1, true, 45, "2025-02-10", &p, &err),
				 -1);
	}
}

static void trend_window(void **state)
{
	static const char days[][11] = {"2024-12-01", "2025-01-11", "2025-01-12", "2025-02-01",
					"2025-02-10", "2025-02-11"};
	static const long counts[] = {99, 7, 3, 12, 4, 50};
	struct progress_trend tr;
	struct oi_error err;
	long sum = 0;

	(void)state;
	assert_int_equal(progress_trend(days, counts, 6, "2025-02-10", &tr, &err), 0);
	assert_string_equal(tr.days[0], "2025-01-12");
	assert_string_equal(tr.days[PROGRESS_TREND_DAYS - 1], "2025-02-10");
	assert_string_equal(tr.days[20], "2025-02-01");
	assert_int_equal(tr.counts[0], 3);                 /* 01-11 and 12-01 are before */
	assert_int_equal(tr.counts[20], 12);
	assert_int_equal(tr.counts[29], 4);                /* 02-11 is after today */
	for (int i = 0; i < PROGRESS_TREND_DAYS; i++)
		sum += tr.counts[i];
	assert_int_equal(sum, 19);
	assert_int_equal(tr.max, 12);
	assert_int_equal(progress_trend(NULL, NULL, 0, "2025-03-01", &tr, &err), 0);
	assert_string_equal(tr.days[0], "2025-01-31");
	assert_int_equal(tr.max, 0);
	assert_int_equal(progress_trend(NULL, NULL, 0, "x", &tr, &err), -1);
}

/* ---- against the store ---- */

static void provisional_equals_core_scoring(void **state)
{
	struct webtest *t = *state;
	const struct oi_framework *fw = t->fw;
	size_t iit = (size_t)oi_framework_find_instrument(fw, "IIT");
	struct oi_scoreset *ss = oi_scoreset_new(fw);
	size_t ag = oi_scoreset_agency(ss, "X", 1);
	struct progress_provisional pv;
	struct oi_result want;
	struct oi_error err;
	char answers[OI_ANSWERS_MAX];

	for (unsigned k = 0; k < 12; k++) {
		webtest_make_answers(fw, iit, 7, k * 3 + 1, answers, sizeof answers);
		if (k == 4)   /* some questions left unanswered */
			memset(answers, '0', 10);
		webtest_submit(t, t->p01.id, "IIT", "2025-02-09T04", answers);
		assert_int_equal(oi_scoreset_add_answers(ss, ag, iit, answers, strlen(answers)), 0);
	}
	/* A02's responses must not leak into A01's scores. */
	memset(answers, '1', fw->instruments[iit].n_subitems);
	answers[fw->instruments[iit].n_subitems] = '\0';
	webtest_submit(t, t->p02.id, "IIT", "2025-02-09T04", answers);

	oi_scoreset_result(ss, ag, &want);
	assert_int_equal(progress_provisional_scores(t->st, fw, t->p01.id, iit, &pv, &err), 0);
	assert_true(pv.available);
	assert_int_equal(pv.respondents, 12);
	assert_int_equal(pv.skipped, 0);
	assert_int_equal(pv.n_indicators, fw->instruments[iit].n_indicators);
	for (size_t k = 0; k < pv.n_indicators; k++) {
		size_t i = fw->instruments[iit].indicators[k];

		assert_int_equal(pv.indicator[k], i);
		assert_int_equal(pv.has_score[k], want.has_indicator[i]);
		assert_true(pv.has_score[k]);
		assert_true(pv.score[k] == want.indicator[i]);
	}
	assert_true(pv.has_instrument);
	assert_true(want.has_instrument[iit]);
	assert_true(pv.instrument == want.instrument[iit]);
	oi_scoreset_free(ss);

	/* OIT is not a survey */
	assert_int_equal(progress_provisional_scores(t->st, fw, t->p01.id,
						     (size_t)oi_framework_find_instrument(fw, "OIT"),
						     &pv, &err),
			 -1);
}

static void participation_report(void **state)
{
	struct webtest *t = *state;
	const struct oi_framework *fw = t->fw;
	size_t iit = (size_t)oi_framework_find_instrument(fw, "IIT");
	struct progress_report rep;
	struct oi_participation part;
	struct oi_error err;
	char answers[OI_ANSWERS_MAX];

	/* no populations yet: no minimum, no provisional scores */
	assert_int_equal(progress_participation(t->st, fw, &t->assessment, &t->p01, "2025-02-10",
						&rep, &err), 0);
	assert_int_equal(rep.n, 2);
	assert_string_equal(rep.instruments[0].code, "IIT");
	assert_string_equal(rep.instruments[1].code, "EIT");
	assert_false(rep.instruments[0].has_minimum);
	assert_int_equal(rep.instruments[0].responses, 0);
	assert_int_equal(rep.instruments[0].projection.state, PROGRESS_PROJECTION_NO_MINIMUM);

	/* the populations as the agency saves them */
	webtest_expect_status(t, "POST", "/agency/A01/populations", "staff=6&service=1000", "a01",
			      303);
	assert_int_equal(oi_store_participation_get(t->st, t->assessment.id, t->a01.id, &part,
						    &err), 0);
	webtest_make_answers(fw, iit, 7, 2, answers, sizeof answers);
	webtest_submit(t, part.id, "IIT", "2025-02-06T01", answers);
	webtest_submit(t, part.id, "IIT", "2025-02-06T09", answers);
	webtest_submit(t, part.id, "IIT", "2025-02-08T23", answers);
	assert_int_equal(progress_participation(t->st, fw, &t->assessment, &part, "2025-02-10",
						&rep, &err), 0);
	assert_true(rep.instruments[0].has_minimum);
	assert_int_equal(rep.instruments[0].minimum, 6);
	assert_int_equal(rep.instruments[0].population, 6);
	assert_int_equal(rep.instruments[0].responses, 3);
	assert_false(rep.instruments[0].reached);
	assert_false(rep.instruments[0].provisional.available);
	/* 3 responses over D = 4 days (02-06 → 02-10): 3 more need ceil(3 × 4 / 3) = 4 days */
	assert_int_equal(rep.instruments[0].projection.state, PROGRESS_PROJECTION_DATE);
	assert_string_equal(rep.instruments[0].projection.date, "2025-02-14");
	assert_false(rep.instruments[0].projected_after_close);
	assert_int_equal(rep.instruments[0].trend.counts[25], 2);   /* 02-06 */
	assert_int_equal(rep.instruments[0].trend.counts[27], 0);   /* 02-08T23 UTC is … */
	assert_int_equal(rep.instruments[0].trend.counts[28], 1);   /* … 02-09 in Bangkok */
	assert_int_equal(rep.instruments[1].minimum, 100);
	assert_int_equal(rep.instruments[1].responses, 0);
	assert_int_equal(rep.instruments[1].projection.state, PROGRESS_PROJECTION_NO_RESPONSES);

	/* A projection past the survey's close (2025-03-31) says so. */
	assert_int_equal(progress_participation(t->st, fw, &t->assessment, &part, "2025-03-30",
						&rep, &err), 0);
	assert_int_equal(rep.instruments[0].projection.state, PROGRESS_PROJECTION_DATE);
	assert_true(rep.instruments[0].projected_after_close);

	for (int k = 0; k < 3; k++)
		webtest_submit(t, part.id, "IIT", "2025-02-10T02", answers);
	assert_int_equal(progress_participation(t->st, fw, &t->assessment, &part, "2025-02-10",
						&rep, &err), 0);
	assert_int_equal(rep.instruments[0].responses, 6);
	assert_true(rep.instruments[0].reached);
	assert_int_equal(rep.instruments[0].projection.state, PROGRESS_PROJECTION_REACHED);
	assert_true(rep.instruments[0].provisional.available);
	assert_int_equal(rep.instruments[0].provisional.respondents, 6);
	assert_false(rep.instruments[1].provisional.available);

	/* the agency page presents the same report */
	assert_string_equal(web_routes_agency[1].pattern, "/agency/:agency");
	{
		struct webtest_res r;
		char csrf[OI_TOKEN_MAX];

		webtest_request(t, "GET", "/agency/A01", NULL, NULL, 0, "a01", &r);
		assert_int_equal(r.status, 200);
		assert_non_null(strstr(r.body, "ผู้ตอบแล้ว <strong>6</strong> คน จากขั้นต่ำ "
					       "<strong>6</strong> คน"));
		assert_non_null(strstr(r.body, PROGRESS_PROVISIONAL_LABEL_TH));
		assert_non_null(strstr(r.body, webtest_csrf("a01", csrf, sizeof csrf)));
		webtest_res_free(&r);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dates),
		webtest_unit_test(minimums),
		cmocka_unit_test(projection_rule),
		cmocka_unit_test(trend_window),
		webtest_unit_test(provisional_equals_core_scoring),
		webtest_unit_test(participation_report),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
