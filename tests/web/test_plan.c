/*
 * test_plan.c — the result sheet and the measures plan (src/web/result_page.c, plan_*.c,
 * admin_plans.c) through whole requests: every form's happy path and its refusals (missing
 * fields, over-long text, bad dates, numbers over 100, bad UTF-8, forged and missing CSRF),
 * each refusal a 4xx that stores nothing (the plan's JSON and the result compared before and
 * after); drafting from the analysis and the refusal to overwrite without confirmation; alerts
 * as of the request's day; who may read and write (agency admins their own agency only,
 * viewers read, assessors nothing); the admin's national list; HTML escaping of what agencies
 * type.
 */
#include "webtest.h"

/* Percent-encode s into out for a form body (RFC 3986 unreserved kept). */
static const char *enc(const char *s, char *out, size_t size)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t k = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p && k + 4 < size; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '.' || *p == '_' || *p == '~') {
			out[k++] = (char)*p;
		} else {
			out[k++] = '%';
			out[k++] = hex[*p >> 4];
			out[k++] = hex[*p & 15];
		}
	}
	out[k] = '\0';
	return out;
}

/* Move the harness's clock to now, with fresh sessions (they last a year from the old now). */
static void at_time(struct webtest *t, time_t now)
{
	static const char *const users[] = {"admin", "a01", "a02", "assessor", "viewer"};

	t->now = now;
	for (size_t i = 0; i < sizeof users / sizeof users[0]; i++) {
		struct oi_user u;
		struct oi_error err;

		if (oi_store_user_by_name(t->st, users[i], &u, &err))
			webtest_fail("user", &err);
		webtest_session(t, users[i], u.id);
	}
}

/* Does the response body contain s? */
#define assert_body_has(r, s) assert_non_null(strstr((r).body, (s)))
#define assert_body_lacks(r, s) assert_null(strstr((r).body, (s)))

/* The stored result's presence and indicator 3, as text, for "nothing stored" checks. */
static char *result_text(struct webtest *t, long agency_id)
{
	struct oi_agency_result *ar = NULL;
	struct oi_error err;
	char *s = malloc(128);
	int rc = oi_store_result_load(t->st, agency_id, t->assessment.fiscal_year - 1, t->fw, &ar,
				      &err);

	if (rc < 0)
		webtest_fail("result load", &err);
	if (rc == 1)
		snprintf(s, 128, "none");
	else
		snprintf(s, 128, "ind3 %d %.4f verdict0 %d", ar->result.has_indicator[2],
			 ar->result.indicator[2], ar->verdict[0]);
	oi_agency_result_free(ar);
	return s;
}

/* Everything a form may change, as text. */
static char *state_text(struct webtest *t)
{
	char *p1 = webtest_plan_json(t, t->a01.id), *p2 = webtest_plan_json(t, t->a02.id);
	char *r1 = result_text(t, t->a01.id), *r2 = result_text(t, t->a02.id);
	size_t len = strlen(p1) + strlen(p2) + strlen(r1) + strlen(r2) + 8;
	char *s = malloc(len);

	snprintf(s, len, "%s\n%s\n%s\n%s", p1, p2, r1, r2);
	free(p1);
	free(p2);
	free(r1);
	free(r2);
	return s;
}

/* A request that must be refused with want and store nothing. */
static void refused(struct webtest *t, const char *method, const char *path,
		    const char *content_type, const char *body, const char *user, int want,
		    const char *must_contain)
{
	char *before = state_text(t), *after;
	struct webtest_res r;

	webtest_request(t, method, path, content_type, body, 0, user, &r);
	if (r.status != want)
		fail_msg("%s %s [%s] as %s: %d, wanted %d\n%.2000s", method, path,
			 body ? body : "", user ? user : "anonymous", r.status, want, r.body);
	if (must_contain && !strstr(r.body, must_contain))
		fail_msg("%s %s: the answer does not say \"%s\"\n%.3000s", method, path,
			 must_contain, r.body);
	webtest_res_free(&r);
	after = state_text(t);
	if (strcmp(before, after))
		fail_msg("%s %s [%s] changed the store:\n%s\n---\n%s", method, path,
			 body ? body : "", before, after);
	free(before);
	free(after);
}

static const char result_body[] =
	"ind_1=95&ind_2=92&ind_3=70.5&ind_4=96&ind_5=91&ind_6=80&ind_7=85&ind_8=75&ind_9=93"
	"&ind_10=40&prev_year=2566&prev_1=90&prev_3=60";

/* ---- the result sheet ---- */

static void result_form_and_analysis(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;
	char body[2048], comment[256], *stored;
	const char *item = t->fw->oit_items[0].code;

	webtest_expect(t, "GET", "/agency/A01/result", NULL, "a01", 200, &r);
	assert_body_has(r, "ผลการประเมินปี 2567");
	assert_body_has(r, "name=\"ind_1\"");
	assert_body_has(r, "name=\"ind_10\"");
	assert_body_has(r, "<legend>");
	assert_body_has(r, "for=\"f-ind_3\"");
	assert_body_has(r, "ยังไม่ได้บันทึกผลการประเมิน");
	webtest_res_free(&r);

	snprintf(body, sizeof body, "%s&fail_%s=1&comment_%s=%s", result_body, item, item,
		 enc("ไม่พบข้อมูล <ผู้บริหาร>", comment, sizeof comment));
	webtest_expect(t, "POST", "/agency/A01/result", body, "a01", 303, &r);
	assert_string_equal(r.location, "/agency/A01/result?saved=1#h-analysis");
	webtest_res_free(&r);
	stored = result_text(t, t->a01.id);
	assert_string_equal(stored, "ind3 1 70.5000 verdict0 0");
	free(stored);

	webtest_expect(t, "GET", "/agency/A01/result?saved=1", NULL, "a01", 200, &r);
	assert_body_has(r, "บันทึกผลการประเมินแล้ว");
	assert_body_has(r, "ผลการวิเคราะห์");
	assert_body_has(r, "ต้องพัฒนา");
	assert_body_has(r, "จุดแข็ง");
	assert_body_has(r, "ไม่พบข้อมูล &lt;ผู้บริหาร&gt;");     /* the comment, escaped */
	assert_body_lacks(r, "<ผู้บริหาร>");
	assert_body_has(r, "value=\"70.50\"");                   /* kept in the form */
	assert_body_has(r, "+10.50");                            /* change of indicator 3 */
	webtest_res_free(&r);

	/* viewer and admin read it; the viewer gets no form */
	webtest_expect(t, "GET", "/agency/A01/result", NULL, "viewer", 200, &r);
	assert_body_has(r, "ผลการวิเคราะห์");
	assert_body_lacks(r, "name=\"ind_1\"");
	webtest_res_free(&r);
	webtest_expect_status(t, "GET", "/agency/A01/result", NULL, "admin", 200);
	webtest_expect_status(t, "GET", "/agency/A01/result", NULL, "assessor", 403);
	webtest_expect_status(t, "GET", "/agency/A02/result", NULL, "a01", 403);

	/* the admin edits another agency's result */
	webtest_expect_status(t, "POST", "/agency/A02/result", "ind_1=50", "admin", 303);
	stored = result_text(t, t->a02.id);
	assert_string_equal(stored, "ind3 0 0.0000 verdict0 -1");
	free(stored);
}

static void result_refusals(void **state)
{
	struct webtest *t = *state;
	char body[8192], *long_text;

	refused(t, "POST", "/agency/A01/result", NULL, "ind_3=101", "a01", 422,
		"ตัวชี้วัดที่ 3");
	refused(t, "POST", "/agency/A01/result", NULL, "ind_3=101", "a01", 422, "value=\"101\"");
	refused(t, "POST", "/agency/A01/result", NULL, "ind_1=abc", "a01", 422, "ตัวชี้วัดที่ 1");
	refused(t, "POST", "/agency/A01/result", NULL, "ind_1=-5", "a01", 422, "ตัวชี้วัดที่ 1");
	refused(t, "POST", "/agency/A01/result", NULL, "ind_1=1e2", "a01", 422, NULL);
	refused(t, "POST", "/agency/A01/result", NULL, "ind_1=nan", "a01", 422, NULL);
	refused(t, "POST", "/agency/A01/result", NULL, "ind_1=90.123456", "a01", 422, NULL);
	refused(t, "POST", "/agency/A01/result", NULL, "", "a01", 422, "อย่างน้อยหนึ่งตัวชี้วัด");
	refused(t, "POST", "/agency/A01/result", NULL, "ind_1=90&prev_1=80&prev_year=", "a01", 422,
		"ปีงบประมาณ");
	refused(t, "POST", "/agency/A01/result", NULL, "ind_1=90&prev_1=80&prev_year=2567", "a01",
		422, "ก่อนปี 2567");
	refused(t, "POST", "/agency/A01/result", NULL, "ind_1=90&prev_1=80&prev_year=25x7", "a01",
		422, NULL);
	refused(t, "POST", "/agency/A01/result", NULL, "ind_1=90&prev_2=200&prev_year=2566", "a01",
		422, "ตัวชี้วัดที่ 2");
	long_text = malloc(2100);
	memset(long_text, 'a', 2010);
	long_text[2010] = '\0';
	snprintf(body, sizeof body, "ind_1=90&fail_%s=1&comment_%s=%s", t->fw->oit_items[0].code,
		 t->fw->oit_items[0].code, long_text);
	free(long_text);
	refused(t, "POST", "/agency/A01/result", NULL, body, "a01", 422, "ยาวเกิน");
	refused(t, "POST", "/agency/A01/result", NULL, "ind_1=90&comment_O1=%FF%FE", "a01", 400,
		NULL);
	refused(t, "POST", "/agency/A01/result", NULL, "ind_1=90&csrf=forged", "a01", 403, NULL);
	refused(t, "POST", "/agency/A01/result", "multipart/form-data; boundary=B",
		"--B\r\nContent-Disposition: form-data; name=\"ind_1\"\r\n\r\n90\r\n--B--\r\n",
		"a01", 403, NULL);
	refused(t, "POST", "/agency/A01/result", NULL, "ind_1=90", "viewer", 403, NULL);
	refused(t, "POST", "/agency/A02/result", NULL, "ind_1=90", "a01", 403, NULL);
	refused(t, "POST", "/agency/A01/result", NULL, "ind_1=90", "assessor", 403, NULL);
}

/* ---- drafting ---- */

static void draft_from_the_analysis(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;
	char *first, *again;

	webtest_expect(t, "GET", "/agency/A01/plan", NULL, "a01", 200, &r);
	assert_body_has(r, "แผนมาตรการปีงบประมาณ 2568");
	assert_body_has(r, "ยังไม่มีแผนมาตรการ");
	assert_body_has(r, "action=\"/agency/A01/plan/draft\"");
	webtest_res_free(&r);
	refused(t, "POST", "/agency/A01/plan/draft", NULL, "", "a01", 409, "ยังไม่ได้บันทึกผล");

	webtest_expect_status(t, "POST", "/agency/A01/result", result_body, "a01", 303);
	webtest_expect(t, "POST", "/agency/A01/plan/draft", "", "a01", 303, &r);
	assert_string_equal(r.location, "/agency/A01/plan?drafted=1");
	webtest_res_free(&r);
	first = webtest_plan_json(t, t->a01.id);
	assert_string_not_equal(first, "none");
	assert_non_null(strstr(first, "\"fiscal_year_be\""));

	/* a second draft is refused unless confirmed */
	refused(t, "POST", "/agency/A01/plan/draft", NULL, "", "a01", 409, "แทนที่แผนเดิม");
	webtest_expect_status(t, "POST", "/agency/A01/plan/draft", "confirm=1", "a01", 303);
	again = webtest_plan_json(t, t->a01.id);
	assert_string_equal(first, again);
	free(first);
	free(again);

	webtest_expect(t, "GET", "/agency/A01/plan", NULL, "a01", 200, &r);
	assert_body_has(r, "<table class=\"measures\">");
	assert_body_has(r, "/agency/A01/plan/measures/1/progress/6");
	assert_body_has(r, "/agency/A01/plan/doc/measures.pdf");
	assert_body_has(r, "/agency/A01/plan/doc/analysis.docx");
	assert_body_has(r, "/agency/A01/plan/doc/memo.html");
	assert_body_has(r, "name=\"confirm\"");
	webtest_res_free(&r);
}

/* ---- the plan page, alerts, readers ---- */

static void plan_page_alerts_and_readers(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;

	webtest_seed_plan(t, &t->a01);
	webtest_expect(t, "GET", "/agency/A01/plan", NULL, "a01", 200, &r);
	assert_body_has(r, "มาตรการป้องกันการใช้อำนาจโดยมิชอบ");
	assert_body_has(r, "ไม่มีมาตรการที่เลยกำหนด");
	assert_body_has(r, "คณะทำงานด้าน IIT");
	assert_body_has(r, "งบประมาณจำกัด");
	assert_body_has(r, "เพิ่มมาตรการ");
	webtest_res_free(&r);

	/* 15 April 2025: the 6-month report (due 31 Mar 2025) is missing */
	at_time(t, (time_t)1744686000);   /* 2025-04-15T03:00Z */
	webtest_expect(t, "GET", "/agency/A01/plan", NULL, "a01", 200, &r);
	assert_body_has(r, "ยังไม่รายงานความก้าวหน้ารอบ 6 เดือน");
	assert_body_has(r, "31 มี.ค. 2568");
	webtest_res_free(&r);
	/* 5 October 2025: the period is over and nothing is done */
	at_time(t, (time_t)1759633200);   /* 2025-10-05T03:00Z */
	webtest_expect(t, "GET", "/agency/A01/plan", NULL, "a01", 200, &r);
	assert_body_has(r, "เลยกำหนดแล้วยังไม่แล้วเสร็จ");
	webtest_res_free(&r);

	webtest_expect(t, "GET", "/agency/A01/plan", NULL, "viewer", 200, &r);
	assert_body_has(r, "มาตรการป้องกันการใช้อำนาจโดยมิชอบ");
	assert_body_lacks(r, "เพิ่มมาตรการ");
	assert_body_lacks(r, "/plan/draft");
	webtest_res_free(&r);
	webtest_expect(t, "GET", "/agency/A01/plan/measures/1", NULL, "viewer", 200, &r);
	assert_body_has(r, "<fieldset disabled>");
	assert_body_lacks(r, "บันทึกมาตรการ</button>");
	webtest_res_free(&r);
	webtest_expect_status(t, "GET", "/agency/A01/plan", NULL, "assessor", 403);
	webtest_expect_status(t, "GET", "/agency/A02/plan", NULL, "a01", 403);
	webtest_expect_status(t, "GET", "/agency/A01/plan/measures/2", NULL, "a01", 404);
	webtest_expect_status(t, "GET", "/agency/A01/plan/measures/0", NULL, "a01", 404);
	webtest_expect_status(t, "GET", "/agency/A01/plan/measures/x", NULL, "a01", 404);
	webtest_expect_status(t, "GET", "/agency/A02/plan/measures/1", NULL, "admin", 404);

	/* the workspace links here */
	webtest_expect(t, "GET", "/agency/A01", NULL, "a01", 200, &r);
	assert_body_has(r, "href=\"/agency/A01/plan\"");
	assert_body_has(r, "href=\"/agency/A01/result\"");
	webtest_res_free(&r);
}

/* ---- measures ---- */

static const char measure_body[] =
	"instrument=EIT&source=e11&issue=%E0%B8%9B%E0%B8%A3%E0%B8%B1%E0%B8%9A%E0%B8%9B%E0%B8%A3"
	"%E0%B8%B8%E0%B8%87+%3Cscript%3Ealert(1)%3C%2Fscript%3E&finding=f&guideline=g"
	"&steps=one%0D%0A%0D%0Atwo%0D%0A&period_start=2025-11-01&period_end=2026-06-30"
	"&unit=u&followup=x";

static void measure_edit_add_delete(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;
	char *json;

	webtest_seed_plan(t, &t->a01);
	webtest_expect(t, "POST", "/agency/A01/plan/measures/1", measure_body, "a01", 303, &r);
	assert_string_equal(r.location, "/agency/A01/plan/measures/1?saved=1");
	webtest_res_free(&r);
	json = webtest_plan_json(t, t->a01.id);
	assert_non_null(strstr(json, "\"one\""));
	assert_non_null(strstr(json, "\"two\""));
	assert_non_null(strstr(json, "2026-06-30"));
	{
		struct oi_plan *p = NULL;
		struct oi_error err;

		assert_int_equal(oi_store_plan_load(t->st, t->a01.id, 2568, &p, &err), 0);
		assert_int_equal(p->measures[0].n_steps, 2);   /* the empty line is no step */
		oi_plan_free(p);
	}
	assert_non_null(strstr(json, "e11"));
	free(json);
	webtest_expect(t, "GET", "/agency/A01/plan/measures/1", NULL, "a01", 200, &r);
	assert_body_has(r, "&lt;script&gt;alert(1)&lt;/script&gt;");
	assert_body_lacks(r, "<script>");
	assert_body_has(r, "value=\"2025-11-01\"");
	assert_body_has(r, "<option value=\"EIT\" selected>");
	webtest_res_free(&r);

	/* refusals: nothing changes */
	refused(t, "POST", "/agency/A01/plan/measures/1", NULL,
		"issue=&period_start=2025-10-01&period_end=2026-09-30", "a01", 422,
		"ประเด็น / มาตรการ");
	refused(t, "POST", "/agency/A01/plan/measures/1", NULL,
		"issue=x&period_start=2025-10-01&period_end=2026-02-30", "a01", 422, "สิ้นสุด");
	refused(t, "POST", "/agency/A01/plan/measures/1", NULL,
		"issue=x&period_start=2025-10-01&period_end=30/09/2026", "a01", 422,
		"aria-invalid=\"true\"");
	refused(t, "POST", "/agency/A01/plan/measures/1", NULL,
		"issue=x&period_start=2026-10-01&period_end=2026-09-30", "a01", 422,
		"ไม่ก่อนวันที่เริ่ม");
	refused(t, "POST", "/agency/A01/plan/measures/1", NULL,
		"issue=x&period_start=&period_end=2026-09-30", "a01", 422, "เริ่ม");
	refused(t, "POST", "/agency/A01/plan/measures/1", NULL,
		"instrument=XYZ&issue=x&period_start=2025-10-01&period_end=2026-09-30", "a01", 422,
		"IIT, EIT, OIT");
	{
		char body[8192];
		size_t k = (size_t)snprintf(body, sizeof body, "period_start=2025-10-01"
							      "&period_end=2026-09-30&issue=");

		memset(body + k, 'x', 2001);
		body[k + 2001] = '\0';
		refused(t, "POST", "/agency/A01/plan/measures/1", NULL, body, "a01", 422,
			"ยาวเกิน 2000");
	}
	{
		char body[8192];
		size_t k = (size_t)snprintf(body, sizeof body, "issue=x&period_start=2025-10-01"
							      "&period_end=2026-09-30&steps=a%%0A");

		memset(body + k, 'y', 2001);
		body[k + 2001] = '\0';
		refused(t, "POST", "/agency/A01/plan/measures/1", NULL, body, "a01", 422,
			"บรรทัดที่ 2 ยาวเกิน");
		k = (size_t)snprintf(body, sizeof body, "issue=x&period_start=2025-10-01"
							"&period_end=2026-09-30&steps=");
		for (int i = 0; i < 51; i++)
			k += (size_t)snprintf(body + k, sizeof body - k, "s%%0A");
		refused(t, "POST", "/agency/A01/plan/measures/1", NULL, body, "a01", 422,
			"ไม่เกิน 50 บรรทัด");
	}
	refused(t, "POST", "/agency/A01/plan/measures/1", NULL, "issue=%C0%AF", "a01", 400, NULL);
	refused(t, "POST", "/agency/A01/plan/measures/1", NULL, "issue=x&csrf=nope", "a01", 403,
		NULL);
	refused(t, "POST", "/agency/A01/plan/measures/1", NULL, measure_body, "viewer", 403, NULL);
	refused(t, "POST", "/agency/A01/plan/measures/9", NULL, measure_body, "a01", 404, NULL);
	/* the refused form keeps what was typed */
	webtest_expect(t, "POST", "/agency/A01/plan/measures/1",
		       "issue=%E0%B8%97%E0%B8%94%E0%B8%AA%E0%B8%AD%E0%B8%9A&period_start=2025-10-01"
		       "&period_end=2026-13-01", "a01", 422, &r);
	assert_body_has(r, "ทดสอบ</textarea>");
	assert_body_has(r, "value=\"2026-13-01\"");
	webtest_res_free(&r);

	/* add, then delete */
	webtest_expect(t, "GET", "/agency/A01/plan/measures/new", NULL, "a01", 200, &r);
	assert_body_has(r, "value=\"2024-10-01\"");   /* the plan year's start */
	webtest_res_free(&r);
	refused(t, "POST", "/agency/A01/plan/measures", NULL,
		"issue=&period_start=2025-10-01&period_end=2026-09-30", "a01", 422, NULL);
	webtest_expect(t, "POST", "/agency/A01/plan/measures",
		       "issue=new+one&period_start=2025-10-01&period_end=2026-09-30", "a01", 303,
		       &r);
	assert_string_equal(r.location, "/agency/A01/plan/measures/2?saved=1");
	webtest_res_free(&r);
	json = webtest_plan_json(t, t->a01.id);
	assert_non_null(strstr(json, "new one"));
	free(json);
	refused(t, "POST", "/agency/A01/plan/measures/1/delete", NULL, "", "a01", 409,
		"ยืนยันการลบ");
	webtest_expect_status(t, "POST", "/agency/A01/plan/measures/1/delete", "confirm=1", "a01",
			      303);
	json = webtest_plan_json(t, t->a01.id);
	assert_null(strstr(json, "<script>"));
	assert_non_null(strstr(json, "new one"));
	free(json);
	refused(t, "POST", "/agency/A01/plan/measures/2/delete", NULL, "confirm=1", "a01", 404,
		NULL);
	/* an agency without a plan */
	refused(t, "POST", "/agency/A02/plan/measures/1", NULL, measure_body, "admin", 404, NULL);
}

/* ---- progress ---- */

static void progress_report(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;
	char *json;

	webtest_seed_plan(t, &t->a01);
	webtest_expect(t, "GET", "/agency/A01/plan/measures/1/progress/6", NULL, "a01", 200, &r);
	assert_body_has(r, "name=\"status\"");
	assert_body_has(r, "<legend>สถานะการดำเนินการ</legend>");
	assert_body_has(r, "31 มี.ค. 2568");      /* due 2025-03-31 */
	webtest_res_free(&r);
	webtest_expect(t, "POST", "/agency/A01/plan/measures/1/progress/6",
		       "status=2&done=%E0%B8%AD%E0%B8%9A%E0%B8%A3%E0%B8%A1%E0%B9%81%E0%B8%A5%E0%B9"
		       "%89%E0%B8%A7&suggestion=s&remark=r&evidence_url=https%3A%2F%2Fexample.go.th"
		       "%2Fita&reported_on=2026-03-20", "a01", 303, &r);
	assert_string_equal(r.location, "/agency/A01/plan/measures/1/progress/6?saved=1");
	webtest_res_free(&r);
	json = webtest_plan_json(t, t->a01.id);
	assert_non_null(strstr(json, "https://example.go.th/ita"));
	assert_non_null(strstr(json, "2026-03-20"));
	assert_non_null(strstr(json, "อบรมแล้ว"));
	free(json);
	webtest_expect(t, "GET", "/agency/A01/plan", NULL, "a01", 200, &r);
	assert_body_has(r, "อยู่ระหว่างดำเนินการ");
	webtest_res_free(&r);
	webtest_expect_status(t, "POST", "/agency/A01/plan/measures/1/progress/12",
			      "status=3&reported_on=2026-09-30", "a01", 303);

	refused(t, "POST", "/agency/A01/plan/measures/1/progress/6", NULL,
		"done=x&reported_on=2026-03-20", "a01", 422, "กรุณาเลือกสถานะ");
	refused(t, "POST", "/agency/A01/plan/measures/1/progress/6", NULL,
		"status=7&reported_on=2026-03-20", "a01", 422, "สถานะการดำเนินการไม่ถูกต้อง");
	refused(t, "POST", "/agency/A01/plan/measures/1/progress/6", NULL,
		"status=3&reported_on=2026-13-20", "a01", 422, "วันที่รายงาน");
	refused(t, "POST", "/agency/A01/plan/measures/1/progress/6", NULL, "status=3&reported_on=",
		"a01", 422, "วันที่รายงาน");
	refused(t, "POST", "/agency/A01/plan/measures/1/progress/6", NULL,
		"status=3&reported_on=2026-03-20&evidence_url=javascript%3Aalert(1)", "a01", 422,
		"https://");
	refused(t, "POST", "/agency/A01/plan/measures/1/progress/6", NULL,
		"status=3&reported_on=2026-03-20&evidence_url=https%3A%2F%2Fa+b", "a01", 422, NULL);
	refused(t, "POST", "/agency/A01/plan/measures/1/progress/9", NULL,
		"status=3&reported_on=2026-03-20", "a01", 404, NULL);
	refused(t, "POST", "/agency/A01/plan/measures/1/progress/6", NULL,
		"status=3&reported_on=2026-03-20&remark=%FF", "a01", 400, NULL);
	refused(t, "POST", "/agency/A01/plan/measures/1/progress/6", NULL,
		"status=3&reported_on=2026-03-20", "viewer", 403, NULL);
	refused(t, "POST", "/agency/A01/plan/measures/1/progress/6", NULL,
		"status=3&reported_on=2026-03-20&csrf=x", "a01", 403, NULL);
}

/* ---- committees, members, problems, memo ---- */

static void committees_and_members(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;
	char *json;

	webtest_seed_plan(t, &t->a01);
	webtest_expect(t, "GET", "/agency/A01/plan/committees", NULL, "a01", 200, &r);
	assert_body_has(r, "นายประธาน ทดสอบ");
	assert_body_has(r, "<legend>เพิ่มคณะทำงาน</legend>");
	webtest_res_free(&r);
	webtest_expect_status(t, "POST", "/agency/A01/plan/committees",
			      "new_instrument=EIT&new_name=EIT+team&new_duties=d", "a01", 303);
	webtest_expect_status(t, "POST", "/agency/A01/plan/committees/2/members",
			      "c2_new_name=Somchai&c2_new_position=p&c2_new_role=secretary", "a01",
			      303);
	webtest_expect_status(t, "POST", "/agency/A01/plan/committees/2/members/1",
			      "c2_m1_name=Somsri&c2_m1_position=p2&c2_m1_role=chair", "a01", 303);
	webtest_expect_status(t, "POST", "/agency/A01/plan/committees/1",
			      "c1_instrument=IIT&c1_name=IIT+renamed&c1_duties=dd", "a01", 303);
	json = webtest_plan_json(t, t->a01.id);
	assert_non_null(strstr(json, "EIT team"));
	assert_non_null(strstr(json, "Somsri"));
	assert_null(strstr(json, "Somchai"));
	assert_non_null(strstr(json, "IIT renamed"));
	free(json);

	refused(t, "POST", "/agency/A01/plan/committees", NULL, "new_name=", "a01", 422,
		"ชื่อคณะทำงาน");
	refused(t, "POST", "/agency/A01/plan/committees", NULL,
		"new_name=x&new_instrument=ABC", "a01", 422, "IIT, EIT, OIT");
	refused(t, "POST", "/agency/A01/plan/committees/2/members", NULL,
		"c2_new_name=x&c2_new_role=king", "a01", 422, "บทบาท");
	refused(t, "POST", "/agency/A01/plan/committees/2/members", NULL,
		"c2_new_name=&c2_new_role=member", "a01", 422, "ชื่อ-สกุล");
	refused(t, "POST", "/agency/A01/plan/committees/2/members", NULL,
		"c2_new_name=Kept+Name&c2_new_position=&c2_new_role=boss", "a01", 422,
		"value=\"Kept Name\"");
	refused(t, "POST", "/agency/A01/plan/committees/3/members", NULL,
		"c3_new_name=x&c3_new_role=member", "a01", 404, NULL);
	refused(t, "POST", "/agency/A01/plan/committees/2/members/5/delete", NULL, "", "a01", 404,
		NULL);
	refused(t, "POST", "/agency/A01/plan/committees/2/members/1/delete", NULL, "", "viewer",
		403, NULL);

	webtest_expect_status(t, "POST", "/agency/A01/plan/committees/2/members/1/delete", "",
			      "a01", 303);
	refused(t, "POST", "/agency/A01/plan/committees/1/delete", NULL, "", "a01", 409, NULL);
	webtest_expect_status(t, "POST", "/agency/A01/plan/committees/1/delete", "confirm=1", "a01",
			      303);
	json = webtest_plan_json(t, t->a01.id);
	assert_null(strstr(json, "Somsri"));
	assert_null(strstr(json, "IIT renamed"));
	assert_non_null(strstr(json, "EIT team"));
	free(json);
}

static void problems_and_memo(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;
	char *json;

	webtest_seed_plan(t, &t->a01);
	webtest_expect_status(t, "POST", "/agency/A01/plan/problems", "problem=staff+changes",
			      "a01", 303);
	refused(t, "POST", "/agency/A01/plan/problems", NULL, "problem=+", "a01", 422, NULL);
	refused(t, "POST", "/agency/A01/plan/problems/3/delete", NULL, "", "a01", 404, NULL);
	webtest_expect_status(t, "POST", "/agency/A01/plan/problems/1/delete", "", "a01", 303);
	json = webtest_plan_json(t, t->a01.id);
	assert_non_null(strstr(json, "staff changes"));
	assert_null(strstr(json, "งบประมาณจำกัด"));
	free(json);

	webtest_expect(t, "GET", "/agency/A01/plan/memo", NULL, "a01", 200, &r);
	assert_body_has(r, "name=\"reference_no\"");
	webtest_res_free(&r);
	webtest_expect_status(t, "POST", "/agency/A01/plan/memo",
			      "department=Dept&reference_no=123%2F2569&date=2025-11-15&subject="
			      "&to=Director&signer_name=S&signer_position=P&prepared_by=Q"
			      "&prepared_position=R", "a01", 303);
	json = webtest_plan_json(t, t->a01.id);
	assert_non_null(strstr(json, "123/2569"));
	assert_non_null(strstr(json, "2025-11-15"));
	free(json);
	webtest_expect(t, "GET", "/agency/A01/plan", NULL, "a01", 200, &r);
	assert_body_has(r, "15 พ.ย. 2568");
	webtest_res_free(&r);
	refused(t, "POST", "/agency/A01/plan/memo", NULL, "date=15-11-2025", "a01", 422, "วันที่");
	refused(t, "POST", "/agency/A01/plan/memo", NULL, "reference_no=%E0%B8", "a01", 400, NULL);
	refused(t, "POST", "/agency/A01/plan/memo", NULL, "to=x", "viewer", 403, NULL);
	webtest_expect_status(t, "GET", "/agency/A01/plan/memo", NULL, "viewer", 403);
}

/* ---- the admin's list ---- */

static void admin_list(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;

	webtest_seed_plan(t, &t->a01);
	at_time(t, (time_t)1744686000);   /* 2025-04-15: one report missing */
	webtest_expect(t, "GET", "/admin/plans", NULL, "admin", 200, &r);
	assert_body_has(r, "แผนมาตรการของหน่วยงาน ปีงบประมาณ 2568");
	assert_body_has(r, "href=\"/agency/A01/plan\"");
	assert_body_has(r, "ยังไม่มีแผน");                 /* A02 */
	assert_body_has(r, "<td class=\"num bad\">1</td>");  /* A01's missing report */
	webtest_res_free(&r);
	webtest_expect(t, "GET", "/national", NULL, "admin", 200, &r);
	assert_body_has(r, "href=\"/admin/plans\"");
	webtest_res_free(&r);
	webtest_expect_status(t, "GET", "/admin/plans", NULL, "a01", 403);
	webtest_expect_status(t, "GET", "/admin/plans", NULL, "viewer", 403);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		webtest_unit_test(result_form_and_analysis),
		webtest_unit_test(result_refusals),
		webtest_unit_test(draft_from_the_analysis),
		webtest_unit_test(plan_page_alerts_and_readers),
		webtest_unit_test(measure_edit_add_delete),
		webtest_unit_test(progress_report),
		webtest_unit_test(committees_and_members),
		webtest_unit_test(problems_and_memo),
		webtest_unit_test(admin_list),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
