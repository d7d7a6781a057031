/*
 * test_agency.c — the agency workspace (src/web/agency.c) through whole requests: the page,
 * who may see and change it, populations and the minimum samples they give, responses
 * counted, provisional scores shown only from the minimum on and equal to the core's scoring,
 * survey links and poster links.
 */
#include "webtest.h"

#include "openita/sample.h"
#include "openita/score.h"
#include "progress.h"

static void page_shows_agency_and_assessment(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;
	char link[256];

	webtest_request(t, "GET", "/agency/A01", NULL, NULL, 0, "a01", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "สำนักงานทดสอบระบบ หนึ่ง"));
	assert_non_null(strstr(r.body, "กรุงเทพมหานคร"));
	assert_non_null(strstr(r.body, "ปีงบประมาณ 2568"));
	assert_non_null(strstr(r.body, "ita-2565"));
	assert_non_null(strstr(r.body, "1 ม.ค. 2568"));      /* survey opens 2025-01-01 */
	assert_non_null(strstr(r.body, "31 มี.ค. 2568"));
	assert_non_null(strstr(r.body, "name=\"staff\""));
	assert_non_null(strstr(r.body, "name=\"service\""));
	assert_non_null(strstr(r.body, "ยังไม่ได้กรอกจำนวนประชากร"));
	/* survey links, absolute from the Host header, and the posters and codes */
	snprintf(link, sizeof link, "http://openita.test/s/%s", t->p01.iit_token);
	assert_non_null(strstr(r.body, link));
	snprintf(link, sizeof link, "http://openita.test/s/%s", t->p01.eit_token);
	assert_non_null(strstr(r.body, link));
	assert_non_null(strstr(r.body, "/agency/A01/poster/iit?format=pdf"));
	assert_non_null(strstr(r.body, "/agency/A01/poster/iit?format=png"));
	assert_non_null(strstr(r.body, "/agency/A01/poster/eit?format=pdf"));
	assert_non_null(strstr(r.body, "/agency/A01/codes"));
	/* the trend chart and its table */
	assert_non_null(strstr(r.body, "<svg role=\"img\""));
	assert_non_null(strstr(r.body, "ตารางจำนวนผู้ตอบรายวัน"));
	assert_null(strstr(r.body, PROGRESS_PROVISIONAL_LABEL_TH));
	webtest_res_free(&r);

	/* admin, assessor and viewer read it; only the admin gets the form */
	webtest_request(t, "GET", "/agency/A01", NULL, NULL, 0, "admin", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "name=\"staff\""));
	webtest_res_free(&r);
	webtest_request(t, "GET", "/agency/A01", NULL, NULL, 0, "viewer", &r);
	assert_int_equal(r.status, 200);
	assert_null(strstr(r.body, "name=\"staff\""));
	webtest_res_free(&r);
	webtest_request(t, "GET", "/agency/A02", NULL, NULL, 0, "assessor", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "สำนักงานทดสอบระบบ สอง"));
	webtest_res_free(&r);
	webtest_expect_status(t, "GET", "/agency/NOPE", NULL, "admin", 404);
}

static void access_rules(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;
	struct oi_participation p;

	webtest_expect_status(t, "GET", "/agency/A01", NULL, "a02", 403);
	webtest_expect_status(t, "POST", "/agency/A01/populations", "staff=450&service=900", "a02",
			      403);
	webtest_expect_status(t, "POST", "/agency/A01/populations", "staff=450&service=900",
			      "viewer", 403);
	webtest_expect_status(t, "POST", "/agency/A01/populations", "staff=450&service=900",
			      "assessor", 403);
	/* anonymous: to the login page */
	webtest_request(t, "GET", "/agency/A01", NULL, NULL, 0, NULL, &r);
	assert_int_equal(r.status, 303);
	assert_non_null(strstr(r.location, "/login"));
	webtest_res_free(&r);
	/* a forged form (wrong CSRF) changes nothing */
	webtest_expect_status(t, "POST", "/agency/A01/populations",
			      "staff=450&service=900&csrf=forged", "a01", 403);
	p = webtest_participation(t, t->a01.id);
	assert_int_equal(p.staff_population, -1);
	assert_int_equal(p.service_population, -1);

	webtest_expect_status(t, "GET", "/agency/A01", NULL, "a01", 200);
}

static void home_redirects(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;

	webtest_request(t, "GET", "/agency", NULL, NULL, 0, "a01", &r);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/agency/A01");
	webtest_res_free(&r);
	webtest_request(t, "GET", "/agency", NULL, NULL, 0, "a02", &r);
	assert_string_equal(r.location, "/agency/A02");
	webtest_res_free(&r);
	webtest_request(t, "GET", "/agency", NULL, NULL, 0, "admin", &r);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/national");
	webtest_res_free(&r);
	webtest_request(t, "GET", "/agency", NULL, NULL, 0, "viewer", &r);
	assert_string_equal(r.location, "/national");
	webtest_res_free(&r);
}

static void populations_saved_with_minimum(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;
	struct oi_participation p;
	size_t iit = (size_t)oi_framework_find_instrument(t->fw, "IIT");
	size_t eit = (size_t)oi_framework_find_instrument(t->fw, "EIT");
	char want[128];

	webtest_request(t, "POST", "/agency/A01/populations", NULL, "staff=450&service=1200", 0,
			"a01", &r);
	assert_int_equal(r.status, 303);
	assert_non_null(strstr(r.location, "/agency/A01?saved=1"));
	webtest_res_free(&r);
	p = webtest_participation(t, t->a01.id);
	assert_int_equal(p.staff_population, 450);
	assert_int_equal(p.service_population, 1200);

	webtest_request(t, "GET", "/agency/A01?saved=1", NULL, NULL, 0, "a01", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "ขนาดตัวอย่างขั้นต่ำ"));
	assert_non_null(strstr(r.body, "บันทึกจำนวนประชากรแล้ว"));
	/* the rule's minimum, in the table and against the responses */
	assert_int_equal(oi_required_sample_size(t->fw, iit, 450), 45);
	snprintf(want, sizeof want, "<td class=\"num\">%lu คน</td>",
		 oi_required_sample_size(t->fw, iit, 450));
	assert_non_null(strstr(r.body, want));
	snprintf(want, sizeof want, "จากขั้นต่ำ <strong>%lu</strong> คน",
		 oi_required_sample_size(t->fw, eit, 1200));
	assert_non_null(strstr(r.body, want));
	assert_non_null(strstr(r.body, "<progress"));
	assert_non_null(strstr(r.body, "ยังไม่ถึงขั้นต่ำ"));
	assert_non_null(strstr(r.body, "value=\"450\""));
	assert_non_null(strstr(r.body, "1,200"));
	webtest_res_free(&r);

	/* one field only leaves the other; an admin may save too; Thai digits and commas */
	webtest_expect_status(t, "POST", "/agency/A01/populations",
			      "staff=&service=%E0%B9%95%E0%B9%90%E0%B9%90", "admin", 303);
	p = webtest_participation(t, t->a01.id);
	assert_int_equal(p.staff_population, 450);
	assert_int_equal(p.service_population, 500);
	webtest_expect_status(t, "POST", "/agency/A01/populations", "staff=1%2C000", "a01", 303);
	p = webtest_participation(t, t->a01.id);
	assert_int_equal(p.staff_population, 1000);
	assert_int_equal(p.service_population, 500);
	/* the form also arrives as multipart */
	{
		char body[512], csrf[OI_TOKEN_MAX];

		snprintf(body, sizeof body,
			 "--b0\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n"
			 "--b0\r\nContent-Disposition: form-data; name=\"staff\"\r\n\r\n77\r\n"
			 "--b0--\r\n",
			 webtest_csrf("a01", csrf, sizeof csrf));
		webtest_request(t, "POST", "/agency/A01/populations",
				"multipart/form-data; boundary=b0", body, 0, "a01", &r);
		assert_int_equal(r.status, 303);
		webtest_res_free(&r);
		p = webtest_participation(t, t->a01.id);
		assert_int_equal(p.staff_population, 77);
	}
	/* A02 untouched */
	p = webtest_participation(t, t->a02.id);
	assert_int_equal(p.staff_population, -1);
}

static void populations_refused(void **state)
{
	struct webtest *t = *state;
	static const char *const bad[] = {
		"staff=-1&service=100",    "staff=abc&service=100", "staff=10000001&service=1",
		"staff=100&service=1e3",   "staff=99999999999999999999", "staff=1.5",
		"staff=12%2034&service=1", "staff=&service=",       "",
		"staff=100&service=-0",
	};
	struct webtest_res r;
	struct oi_participation p;

	webtest_expect_status(t, "POST", "/agency/A01/populations", "staff=300&service=700", "a01",
			      303);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		webtest_request(t, "POST", "/agency/A01/populations", NULL, bad[i], 0, "a01", &r);
		if (r.status != 422)
			fail_msg("%s: status %d", bad[i], r.status);
		assert_non_null(strstr(r.body, "class=\"errors\""));
		assert_non_null(strstr(r.body, "aria-invalid=\"true\""));
		webtest_res_free(&r);
		p = webtest_participation(t, t->a01.id);
		assert_int_equal(p.staff_population, 300);
		assert_int_equal(p.service_population, 700);
	}
	/* the message names the field */
	webtest_request(t, "POST", "/agency/A01/populations", NULL, "staff=100&service=abc", 0,
			"a01", &r);
	assert_int_equal(r.status, 422);
	assert_non_null(strstr(r.body, "ผู้รับบริการภายนอกในปีงบประมาณ (EIT) ต้องเป็นจำนวนเต็ม"));
	assert_non_null(strstr(r.body, "value=\"abc\""));   /* what was typed comes back */
	webtest_res_free(&r);
	webtest_request(t, "POST", "/agency/A01/populations", NULL, "staff=-1&service=1", 0, "a01",
			&r);
	assert_non_null(strstr(r.body, "(IIT) ต้องเป็นจำนวนเต็มตั้งแต่ 0 ถึง 10,000,000"));
	webtest_res_free(&r);
	/* the upper bound itself is fine */
	webtest_expect_status(t, "POST", "/agency/A01/populations", "staff=10000000&service=0",
			      "a01", 303);
	p = webtest_participation(t, t->a01.id);
	assert_int_equal(p.staff_population, 10000000);
	assert_int_equal(p.service_population, 0);
}

static void responses_counted(void **state)
{
	struct webtest *t = *state;
	size_t eit = (size_t)oi_framework_find_instrument(t->fw, "EIT");
	struct webtest_res r;
	char answers[OI_ANSWERS_MAX];

	webtest_make_answers(t->fw, eit, 5, 1, answers, sizeof answers);
	webtest_request(t, "GET", "/agency/A01", NULL, NULL, 0, "a01", &r);
	assert_non_null(strstr(r.body, "<span id=\"count-EIT\">ผู้ตอบแล้ว <strong>0</strong> คน"));
	assert_non_null(strstr(r.body, "กรอกจำนวนประชากรก่อน"));
	webtest_res_free(&r);
	webtest_submit(t, t->p01.id, "EIT", "2025-02-09T05", answers);
	webtest_submit(t, t->p01.id, "EIT", "2025-02-10T01", answers);
	webtest_submit(t, t->p01.id, "EIT", "2025-02-10T02", answers);
	webtest_submit(t, t->p02.id, "EIT", "2025-02-10T02", answers);
	webtest_request(t, "GET", "/agency/A01", NULL, NULL, 0, "a01", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "<span id=\"count-EIT\">ผู้ตอบแล้ว <strong>3</strong> คน"));
	assert_non_null(strstr(r.body, "<span id=\"count-IIT\">ผู้ตอบแล้ว <strong>0</strong> คน"));
	/* trend: today's bar says 2 (its tooltip) */
	assert_non_null(strstr(r.body, "<title>10 ก.พ. 2568: 2</title>"));
	assert_non_null(strstr(r.body, "<title>9 ก.พ. 2568: 1</title>"));
	webtest_res_free(&r);

	/* with a population: a projected date */
	webtest_request(t, "POST", "/agency/A01/populations", NULL, "service=300", 0, "a01", &r);
	webtest_res_free(&r);
	webtest_request(t, "GET", "/agency/A01", NULL, NULL, 0, "a01", &r);
	/* 3 responses since 02-09 (D = 1): 27 more need 9 days → 19 ก.พ. 2568 */
	assert_non_null(strstr(r.body, "คาดว่าจะครบขั้นต่ำประมาณวันที่ <time datetime=\"2025-02-19\">"
				       "19 ก.พ. 2568</time>"));
	webtest_res_free(&r);
}

/* The score as the page writes it: rounded to the framework's decimals. */
static void score_text(const struct oi_framework *fw, double x, char *out, size_t size)
{
	snprintf(out, size, "<td class=\"num\">%.*f</td>", (int)fw->result_decimals,
		 oi_round(x, fw->result_decimals));
}

static void provisional_scores_from_minimum(void **state)
{
	struct webtest *t = *state;
	const struct oi_framework *fw = t->fw;
	size_t iit = (size_t)oi_framework_find_instrument(fw, "IIT");
	struct oi_scoreset *ss = oi_scoreset_new(fw);
	size_t ag = oi_scoreset_agency(ss, "A01", 3);
	struct oi_result want;
	struct webtest_res r;
	char answers[OI_ANSWERS_MAX], cell[64];
	unsigned k;

	/* population 8 → minimum 8 (under 30: everyone) */
	webtest_expect_status(t, "POST", "/agency/A01/populations", "staff=8", "a01", 303);
	assert_int_equal(oi_required_sample_size(fw, iit, 8), 8);
	for (k = 0; k < 7; k++) {
		webtest_make_answers(fw, iit, 5, k * 2 + 1, answers, sizeof answers);
		webtest_submit(t, t->p01.id, "IIT", "2025-02-08T03", answers);
		assert_int_equal(oi_scoreset_add_answers(ss, ag, iit, answers, strlen(answers)), 0);
	}
	webtest_request(t, "GET", "/agency/A01", NULL, NULL, 0, "a01", &r);
	assert_non_null(strstr(r.body, "ยังไม่ถึงขั้นต่ำ"));
	assert_null(strstr(r.body, PROGRESS_PROVISIONAL_LABEL_TH));
	webtest_res_free(&r);

	webtest_make_answers(fw, iit, 5, 99, answers, sizeof answers);
	webtest_submit(t, t->p01.id, "IIT", "2025-02-10T01", answers);
	assert_int_equal(oi_scoreset_add_answers(ss, ag, iit, answers, strlen(answers)), 0);
	oi_scoreset_result(ss, ag, &want);

	webtest_request(t, "GET", "/agency/A01", NULL, NULL, 0, "a01", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "ครบขั้นต่ำแล้ว"));
	assert_non_null(strstr(r.body, "คะแนนเบื้องต้น (ยังไม่เป็นทางการ)"));
	for (size_t j = 0; j < fw->instruments[iit].n_indicators; j++) {
		size_t i = fw->instruments[iit].indicators[j];
		char row[512];

		assert_true(want.has_indicator[i]);
		score_text(fw, want.indicator[i], cell, sizeof cell);
		snprintf(row, sizeof row, "<tr><th scope=\"row\">%s. %s</th>%s",
			 fw->indicators[i].code, fw->indicators[i].name_th, cell);
		if (!strstr(r.body, row))
			fail_msg("missing provisional row %s", row);
	}
	assert_true(want.has_instrument[iit]);
	score_text(fw, want.instrument[iit], cell, sizeof cell);
	assert_non_null(strstr(r.body, cell));
	/* EIT has no population: no provisional scores there */
	assert_non_null(strstr(r.body, "caption>คะแนนเบื้องต้น (ยังไม่เป็นทางการ) IIT"));
	assert_null(strstr(r.body, "caption>คะแนนเบื้องต้น (ยังไม่เป็นทางการ) EIT"));
	webtest_res_free(&r);
	oi_scoreset_free(ss);

	/* other users of A01's page see the same; A02 sees none */
	webtest_request(t, "GET", "/agency/A02", NULL, NULL, 0, "admin", &r);
	assert_null(strstr(r.body, PROGRESS_PROVISIONAL_LABEL_TH));
	webtest_res_free(&r);
}

static void host_header_and_head(void **state)
{
	struct webtest *t = *state;

	/* a host header that is not a host name is not echoed into links */
	struct web_request q;
	struct web_response res;
	char cookie[] = "oi_session=tok-a01";

	memset(&q, 0, sizeof q);
	q.method = WEB_GET;
	q.path = "/agency/A01";
	q.query = "";
	q.cookie = cookie;
	q.host = "evil.example\"><script>";
	q.now = t->now;
	web_response_init(&res);
	web_handle(t->app, &q, &res);
	assert_int_equal(res.status, 200);
	assert_null(strstr(res.body.data, "evil.example"));
	assert_non_null(strstr(res.body.data, "http://localhost/s/"));
	web_response_release(&res);

	webtest_expect_status(t, "HEAD", "/agency/A01", NULL, "a01", 200);
}

/* The route table: what each route allows. (Referencing the table also links agency.c in
 * while routes.c refers to it weakly.) */
static void route_table(void **state)
{
	size_t n = 0;

	(void)state;
	for (const struct web_route *r = web_routes_agency; r->pattern; r++, n++) {
		assert_true(r->roles != WEB_PUBLIC);
		if (r->methods & WEB_POST) {
			assert_int_equal(r->roles, WEB_ADMIN | WEB_AGENCY);
			assert_non_null(strstr(r->pattern, ":agency"));
		}
	}
	assert_int_equal(n, 3);
	assert_string_equal(web_routes_agency[1].pattern, "/agency/:agency");
	assert_int_equal(web_routes_agency[1].roles, WEB_ANY_USER);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(route_table),
		webtest_unit_test(page_shows_agency_and_assessment),
		webtest_unit_test(access_rules),
		webtest_unit_test(home_redirects),
		webtest_unit_test(populations_saved_with_minimum),
		webtest_unit_test(populations_refused),
		webtest_unit_test(responses_counted),
		webtest_unit_test(provisional_scores_from_minimum),
		webtest_unit_test(host_header_and_head),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
