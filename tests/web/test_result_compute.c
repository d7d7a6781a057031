/*
 * test_result_compute.c — the result computed from the database (src/web/result_compute.c and
 * the result page's section and POST /agency/:agency/result/compute): with the result year
 * (2567) assessed in the same database, A01's stored IIT/EIT responses and the NACC admin's
 * confirmed OIT verdicts give exactly the indicators that an independent score set of the same
 * answers and verdicts gives; unconfirmed items leave their indicator without a score; the
 * failed item's final review comment travels into the result and the analysis; earlier years
 * already stored are kept; what went in is shown (respondents against the minimum, items
 * confirmed); without that year's assessment or data the POST is a 409 that stores nothing;
 * viewers see the section without the button, other agencies are refused.
 */
#include <math.h>

#include "openita/analysis.h"
#include "openita/score.h"
#include "webtest.h"

#define assert_body_has(r, s) assert_non_null(strstr((r).body, (s)))
#define assert_body_lacks(r, s) assert_null(strstr((r).body, (s)))

#define N_IIT 12
#define N_EIT 7
#define FAILED_COMMENT "ไม่พบแผนผังโครงสร้าง <ล่าสุด>"

static long user_id(struct webtest *t, const char *name)
{
	struct oi_user u;
	struct oi_error err;

	if (oi_store_user_by_name(t->st, name, &u, &err))
		webtest_fail("user", &err);
	return u.id;
}

/* The assessment `back` years before the harness's 2568, on the same framework. */
static struct oi_assessment add_year(struct webtest *t, int back)
{
	struct oi_assessment a = t->assessment;
	struct oi_error err;

	a.id = 0;
	a.fiscal_year = t->assessment.fiscal_year - back;
	if (oi_store_assessment_add(t->st, &a, &err))
		webtest_fail("assessment", &err);
	return a;
}

/* The assessment of fiscal year 2567: the result year of the harness's 2568. */
static struct oi_assessment add_result_year(struct webtest *t)
{
	return add_year(t, 1);
}

/* Item `item` of agency A01 in assessment `as`: submitted, reviewed, confirmed as pass. */
static void confirm_item(struct webtest *t, const struct oi_assessment *as, const char *item,
			 bool pass, const char *comment)
{
	struct oi_oit_submission s = {0};
	struct oi_oit_review r = {0};
	struct oi_oit_confirmation f = {0};
	struct oi_error err;

	s.assessment_id = r.assessment_id = f.assessment_id = as->id;
	s.agency_id = r.agency_id = f.agency_id = t->a01.id;
	snprintf(s.item, sizeof s.item, "%s", item);
	memcpy(r.item, s.item, sizeof r.item);
	memcpy(f.item, s.item, sizeof f.item);
	s.has = s.submitted = true;
	snprintf(s.urls[0], sizeof s.urls[0], "https://a01.example.go.th/%s", item);
	s.n_urls = 1;
	s.by_user = user_id(t, "a01");
	if (oi_store_oit_submit(t->st, &s, &err))
		webtest_fail("submit", &err);
	r.round = 1;
	r.submission_id = s.id;
	r.pass = pass;
	snprintf(r.comment, sizeof r.comment, "%s", comment ? comment : "");
	r.by_user = user_id(t, "assessor");
	if (oi_store_oit_review(t->st, &r, &err))
		webtest_fail("review", &err);
	f.review_id = r.id;
	f.pass = pass;
	f.by_user = user_id(t, "admin");
	if (oi_store_oit_confirm(t->st, &f, 1, &err))
		webtest_fail("confirm", &err);
}

/*
 * Fill the 2567 assessment: A01's populations (staff 40, so the IIT minimum is above N_IIT),
 * N_IIT and N_EIT responses, and every OIT item confirmed except the last one when
 * `leave_one`; the first item fails with FAILED_COMMENT. The same answers and verdicts go into
 * `ss` (agency "A01") for the expected figures.
 */
static void fill_result_year(struct webtest *t, const struct oi_assessment *as,
			     struct oi_scoreset *ss, bool leave_one)
{
	struct oi_participation p;
	struct oi_error err;
	size_t agency = oi_scoreset_agency(ss, "A01", 3);
	static const struct {
		const char *code;
		int n;
	} surveys[] = {{"IIT", N_IIT}, {"EIT", N_EIT}};

	if (oi_store_participation_ensure(t->st, as->id, t->a01.id, &p, &err) ||
	    oi_store_participation_set(t->st, p.id, 40, -1, false, &err))
		webtest_fail("participation 2567", &err);
	for (size_t k = 0; k < 2; k++) {
		long in = oi_framework_find_instrument(t->fw, surveys[k].code);

		assert_true(in >= 0);
		for (int i = 0; i < surveys[k].n; i++) {
			char answers[OI_ANSWERS_MAX];

			webtest_make_answers(t->fw, (size_t)in, (unsigned)i % 3 + 1, (unsigned)i,
					     answers, sizeof answers);
			webtest_submit(t, p.id, surveys[k].code, "2024-03-01T10", answers);
			assert_int_equal(oi_scoreset_add_answers(ss, agency, (size_t)in, answers,
								 strlen(answers)), 0);
		}
	}
	for (size_t k = 0; k < t->fw->n_oit_items - (leave_one ? 1 : 0); k++) {
		bool pass = k != 0;

		confirm_item(t, as, t->fw->oit_items[k].code, pass, pass ? "" : FAILED_COMMENT);
		oi_scoreset_set_verdict(ss, agency, k, pass, k + 1);
	}
}

/* The stored result of A01 for 2567 (must be there). */
static struct oi_agency_result *stored_result(struct webtest *t)
{
	struct oi_agency_result *ar = NULL;
	struct oi_error err;

	if (oi_store_result_load(t->st, t->a01.id, t->assessment.fiscal_year - 1, t->fw, &ar,
				 &err))
		fail_msg("no stored result: %s", err.message);
	return ar;
}

static void computed_equals_the_core(void **state)
{
	struct webtest *t = *state;
	struct oi_assessment as = add_result_year(t);
	struct oi_scoreset *ss = oi_scoreset_new(t->fw);
	struct oi_result want;
	struct oi_agency_result *ar;
	struct webtest_res r;
	char expected[64];

	fill_result_year(t, &as, ss, false);
	oi_scoreset_result(ss, 0, &want);
	assert_true(want.complete);

	/* an earlier year typed in before: kept by the computed result */
	webtest_expect_status(t, "POST", "/agency/A01/result",
			      "ind_1=50&prev_year=2566&prev_1=61.5", "a01", 303);

	webtest_expect(t, "GET", "/agency/A01/result", NULL, "a01", 200, &r);
	assert_body_has(r, "ผลที่คำนวณจากข้อมูลในระบบ");
	assert_body_has(r, "12 คน");
	assert_body_has(r, "ยังไม่ถึงจำนวนขั้นต่ำ");           /* IIT: 12 of a staff of 40 */
	assert_body_has(r, "ยังไม่ได้กรอกจำนวนประชากร");      /* EIT: no population */
	assert_body_has(r, "43 จาก 43 ข้อ");
	snprintf(expected, sizeof expected, "<strong>%.2f</strong>", oi_round(want.total, 2));
	assert_body_has(r, expected);
	assert_body_has(r, "ใช้ผลที่คำนวณจากระบบ");
	webtest_res_free(&r);

	webtest_expect(t, "POST", "/agency/A01/result/compute", "", "a01", 303, &r);
	assert_string_equal(r.location, "/agency/A01/result?saved=1#h-analysis");
	webtest_res_free(&r);

	ar = stored_result(t);
	for (size_t i = 0; i < t->fw->n_indicators; i++) {
		assert_true(ar->result.has_indicator[i]);
		assert_true(fabs(ar->result.indicator[i] - want.indicator[i]) < 1e-9);
	}
	assert_true(fabs(ar->result.total - want.total) < 1e-9);
	assert_string_equal(ar->result.grade, want.grade);
	assert_int_equal(ar->verdict[0], 0);
	assert_int_equal(ar->verdict[1], 1);
	assert_string_equal(ar->comment[0], FAILED_COMMENT);
	assert_int_equal(ar->n_previous, 1);
	assert_int_equal(ar->previous[0].fiscal_year_be, 2566);
	assert_true(fabs(ar->previous[0].result.indicator[0] - 61.5) < 1e-9);
	oi_agency_result_free(ar);

	/* the analysis on the page is the computed one, comment escaped */
	webtest_expect(t, "GET", "/agency/A01/result?saved=1", NULL, "a01", 200, &r);
	assert_body_has(r, "ผลการวิเคราะห์");
	assert_body_has(r, "ไม่พบแผนผังโครงสร้าง &lt;ล่าสุด&gt;");
	assert_body_lacks(r, "<ล่าสุด>");
	webtest_res_free(&r);
	oi_scoreset_free(ss);
}

static void unconfirmed_item_leaves_its_indicator_empty(void **state)
{
	struct webtest *t = *state;
	struct oi_assessment as = add_result_year(t);
	struct oi_scoreset *ss = oi_scoreset_new(t->fw);
	size_t last = t->fw->n_oit_items - 1;
	struct oi_agency_result *ar;
	struct oi_result want;
	struct webtest_res r;
	long open_indicator = -1;

	fill_result_year(t, &as, ss, true);
	oi_scoreset_result(ss, 0, &want);
	assert_false(want.complete);
	webtest_expect(t, "GET", "/agency/A01/result", NULL, "a01", 200, &r);
	assert_body_has(r, "42 จาก 43 ข้อ");
	assert_body_has(r, "ยังไม่ครบทุกตัวชี้วัด");
	webtest_res_free(&r);
	webtest_expect_status(t, "POST", "/agency/A01/result/compute", "", "a01", 303);
	ar = stored_result(t);
	for (size_t i = 0; i < t->fw->n_indicators; i++) {
		assert_int_equal(ar->result.has_indicator[i], want.has_indicator[i]);
		if (!want.has_indicator[i])
			open_indicator = (long)i;
		else
			assert_true(fabs(ar->result.indicator[i] - want.indicator[i]) < 1e-9);
	}
	assert_true(open_indicator >= 0);              /* the last item's indicator */
	assert_int_equal(ar->verdict[last], -1);
	assert_false(ar->result.complete);
	assert_null(ar->result.grade);
	oi_agency_result_free(ar);
	oi_scoreset_free(ss);
}

static void refused_without_data(void **state)
{
	struct webtest *t = *state;
	struct oi_agency_result *ar = NULL;
	struct oi_assessment as;
	struct webtest_res r;
	struct oi_error err;

	/* no 2567 assessment in this database */
	webtest_expect(t, "GET", "/agency/A01/result", NULL, "a01", 200, &r);
	assert_body_has(r, "ระบบนี้ไม่มีข้อมูลการประเมินปี 2567");
	assert_body_lacks(r, "/result/compute");
	webtest_res_free(&r);
	webtest_expect_status(t, "POST", "/agency/A01/result/compute", "", "a01", 409);

	/* the assessment, but nothing collected for A01 */
	as = add_result_year(t);
	(void)as;
	webtest_expect(t, "GET", "/agency/A01/result", NULL, "a01", 200, &r);
	assert_body_has(r, "ยังไม่มีคำตอบแบบสำรวจหรือผลการตรวจ OIT ที่ยืนยันแล้ว");
	assert_body_has(r, "0 จาก 43 ข้อ");
	webtest_res_free(&r);
	webtest_expect_status(t, "POST", "/agency/A01/result/compute", "", "a01", 409);
	assert_int_equal(oi_store_result_load(t->st, t->a01.id, 2567, t->fw, &ar, &err), 1);
}

static void who_may_compute(void **state)
{
	struct webtest *t = *state;
	struct oi_assessment as = add_result_year(t);
	struct oi_scoreset *ss = oi_scoreset_new(t->fw);
	struct oi_agency_result *ar = NULL;
	struct webtest_res r;
	struct oi_error err;

	fill_result_year(t, &as, ss, false);
	webtest_expect(t, "GET", "/agency/A01/result", NULL, "viewer", 200, &r);
	assert_body_has(r, "ผลที่คำนวณจากข้อมูลในระบบ");
	assert_body_lacks(r, "/result/compute");
	webtest_res_free(&r);
	webtest_expect_status(t, "POST", "/agency/A01/result/compute", "", "viewer", 403);
	webtest_expect_status(t, "POST", "/agency/A01/result/compute", "", "a02", 403);
	webtest_expect_status(t, "POST", "/agency/A01/result/compute", "", "assessor", 403);
	assert_int_equal(oi_store_result_load(t->st, t->a01.id, 2567, t->fw, &ar, &err), 1);
	webtest_expect_status(t, "POST", "/agency/A01/result/compute", "", "admin", 303);
	assert_int_equal(oi_store_result_load(t->st, t->a01.id, 2567, t->fw, &ar, &err), 0);
	oi_agency_result_free(ar);
	oi_scoreset_free(ss);
}

/*
 * With 2566 assessed in the database too, the computed 2567 result carries 2566 computed as its
 * earlier year; a 2566 typed in from its result sheet stays as typed.
 */
static void previous_year_computed_too(void **state)
{
	struct webtest *t = *state;
	struct oi_assessment as = add_result_year(t), before = add_year(t, 2);
	struct oi_scoreset *ss = oi_scoreset_new(t->fw), *ss0 = oi_scoreset_new(t->fw);
	struct oi_agency_result *ar;
	struct oi_result want0;

	fill_result_year(t, &as, ss, false);
	fill_result_year(t, &before, ss0, true);     /* 2566: one item left unconfirmed */
	oi_scoreset_result(ss0, 0, &want0);
	webtest_expect_status(t, "POST", "/agency/A01/result/compute", "", "a01", 303);
	ar = stored_result(t);
	assert_int_equal(ar->n_previous, 1);
	assert_int_equal(ar->previous[0].fiscal_year_be, 2566);
	for (size_t i = 0; i < t->fw->n_indicators; i++) {
		assert_int_equal(ar->previous[0].result.has_indicator[i], want0.has_indicator[i]);
		if (want0.has_indicator[i])
			assert_true(fabs(ar->previous[0].result.indicator[i] - want0.indicator[i]) <
				    1e-9);
	}
	oi_agency_result_free(ar);

	/* typed from the 2566 sheet: kept as typed when computing again */
	webtest_expect_status(t, "POST", "/agency/A01/result",
			      "ind_1=50&prev_year=2566&prev_1=61.5", "a01", 303);
	webtest_expect_status(t, "POST", "/agency/A01/result/compute", "", "a01", 303);
	ar = stored_result(t);
	assert_int_equal(ar->n_previous, 1);
	assert_true(fabs(ar->previous[0].result.indicator[0] - 61.5) < 1e-9);
	assert_false(ar->previous[0].result.has_indicator[1]);
	oi_agency_result_free(ar);
	oi_scoreset_free(ss);
	oi_scoreset_free(ss0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		webtest_unit_test(computed_equals_the_core),
		webtest_unit_test(unconfirmed_item_leaves_its_indicator_empty),
		webtest_unit_test(refused_without_data),
		webtest_unit_test(who_may_compute),
		webtest_unit_test(previous_year_computed_too),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
