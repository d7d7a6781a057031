/*
 * test_oit.c — the OIT cycle through whole requests (src/web/oit.c, review.c, evidence.c,
 * oit_score.c): the workflow submit → capture → review → clarify → re-review → confirm →
 * score, with the scores checked against the core's own scoring; the item's history; the
 * workbench's keyboard links; who may see what (an assessor only assigned agencies, an agency
 * only its own items, stored copies only to those); the stored copy served sandboxed and never
 * as active HTML; and bad input on every form answered 4xx with nothing stored.
 *
 * Captures come from a test double (struct oit_capturer) that answers every URL with a small
 * gzip'd HTML page holding a script, so the tests see what the pages do with hostile content
 * without any network.
 */
#include <zlib.h>

#include "app_int.h"
#include "oit.h"
#include "openita/score.h"
#include "webtest.h"

#define T_OIT_OPEN ((time_t)1739156400)      /* 2025-02-10: OIT window */
#define T_REVIEW ((time_t)1746871200)        /* 2025-05-10: review window */
#define T_CLARIFY ((time_t)1750413600)       /* 2025-06-20: clarification window */

static const char hostile[] = "<html><body><script>alert(document.cookie)</script>"
			      "<h1>โครงสร้างหน่วยงาน</h1></body></html>";

/* gzip of s (malloc'd). */
static unsigned char *gzip_of(const char *s, size_t *len)
{
	z_stream z;
	size_t cap = strlen(s) + 128;
	unsigned char *out = malloc(cap);

	memset(&z, 0, sizeof z);
	assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
	z.next_in = (unsigned char *)s;
	z.avail_in = (uInt)strlen(s);
	z.next_out = out;
	z.avail_out = (uInt)cap;
	assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
	*len = cap - z.avail_out;
	deflateEnd(&z);
	return out;
}

static int fake_calls;
static int legacy_round;   /* 1: "legacy" URLs stored without a fingerprint; 2: with one */

static int fake_fetch(void *arg, const char *const *urls, size_t n, struct oi_capture_row *rows,
		      unsigned char **bodies, size_t *lens)
{
	(void)arg;
	for (size_t i = 0; i < n; i++) {
		fake_calls++;
		rows[i].fetched_at = (int64_t)time(NULL);
		if (strstr(urls[i], "broken")) {
			snprintf(rows[i].outcome, sizeof rows[i].outcome, "http_error");
			rows[i].status = 404;
			snprintf(rows[i].error, sizeof rows[i].error, "HTTP 404");
			continue;
		}
		rows[i].status = 200;
		snprintf(rows[i].final_url, sizeof rows[i].final_url, "%s", urls[i]);
		snprintf(rows[i].content_type, sizeof rows[i].content_type, "%s",
			 strstr(urls[i], ".zip") ? "application/zip"
			 : strstr(urls[i], "octet") ? "application/octet-stream"
						    : "text/html; charset=utf-8");
		/* a PDF served as application/octet-stream: its first bytes were sniffed */
		if (strstr(urls[i], "octet"))
			snprintf(rows[i].sniffed, sizeof rows[i].sniffed, "pdf");
		rows[i].size = strstr(urls[i], "empty") ? 0 : sizeof hostile - 1;
		/* "changing" pages answer a new hash and new words every time they are fetched;
		 * "counter" pages a new hash (a visitor count) but the same visible text */
		snprintf(rows[i].sha256, sizeof rows[i].sha256, "%064d",
			 strstr(urls[i], "changing") || strstr(urls[i], "counter") ? fake_calls : 7);
		if (!strstr(urls[i], "octet") && !strstr(urls[i], ".zip"))
			snprintf(rows[i].text_sha256, sizeof rows[i].text_sha256, "%064d",
				 strstr(urls[i], "changing") ? fake_calls : 8);
		snprintf(rows[i].outcome, sizeof rows[i].outcome, "ok");
		bodies[i] = gzip_of(hostile, &lens[i]);
		/* captured before migration 4 (no fingerprint), then again with one: the same words
		 * (the copy's own fingerprint) or new ones */
		if (strstr(urls[i], "legacy") && legacy_round == 1)
			rows[i].text_sha256[0] = '\0';
		else if (strstr(urls[i], "legacy-same"))
			assert_int_equal(capture_text_fingerprint(bodies[i], lens[i],
								  rows[i].text_sha256), 0);
		if (strstr(urls[i], "legacy"))
			snprintf(rows[i].sha256, sizeof rows[i].sha256, "%064d", fake_calls);
	}
	return 0;
}

static const struct oit_capturer fake = {fake_fetch, NULL};

static int setup(void **state)
{
	int rc = webtest_cmocka_setup(state);
	struct webtest *t = *state;

	t->app->cfg.capturer = &fake;
	fake_calls = 0;
	return rc;
}

#define TEST(f) cmocka_unit_test_setup_teardown(f, setup, webtest_cmocka_teardown)

static long user_id(struct webtest *t, const char *name)
{
	struct oi_user u;
	struct oi_error err;

	if (oi_store_user_by_name(t->st, name, &u, &err))
		fail_msg("no user %s", name);
	return u.id;
}

static void assign(struct webtest *t, const char *agency)
{
	char body[128];

	snprintf(body, sizeof body, "action=add&assessor=%ld&agency=%s", user_id(t, "assessor"),
		 agency);
	webtest_expect_status(t, "POST", "/admin/assignments", body, "admin", 303);
}

/* Everything OIT stored for both agencies, as text: compared before and after refused forms. */
static char *oit_fingerprint(struct webtest *t)
{
	struct oi_error err;
	size_t cap = 1 << 15, k = 0;
	char *s = malloc(cap);

	for (int ag = 0; ag < 2; ag++) {
		struct oi_oit_item_state *st = NULL;
		size_t n = 0;

		if (oi_store_oit_states(t->st, t->assessment.id, ag ? t->a02.id : t->a01.id, &st,
					&n, &err))
			fail_msg("%s", err.message);
		for (size_t i = 0; i < n; i++)
			k += (size_t)snprintf(s + k, cap - k, "%s %ld %ld %ld %ld %ld %ld\n",
					      st[i].item, st[i].submission.id, st[i].draft.id,
					      st[i].review1.id, st[i].review2.id,
					      st[i].clarification.id, st[i].confirmation.id);
		free(st);
	}
	{
		struct oi_assignment *as = NULL;
		size_t n = 0;

		if (oi_store_assignment_list(t->st, t->assessment.id, 0, &as, &n, &err))
			fail_msg("%s", err.message);
		k += (size_t)snprintf(s + k, cap - k, "assignments %zu captures-fetched %d\n", n,
				      fake_calls);
		free(as);
	}
	return s;
}

/* The latest capture id of url for A01 (the test fails when there is none). */
static long capture_id(struct webtest *t, const char *url)
{
	struct oi_capture_row row;
	struct oi_error err;

	if (oi_store_capture_latest(t->st, t->a01.id, url, false, &row, &err))
		fail_msg("no capture of %s", url);
	return row.id;
}

/* A whole item through the store: submitted, reviewed round 1 with pass, confirmed. */
static void store_confirmed(struct webtest *t, const char *item, bool pass)
{
	struct oi_oit_submission s = {0};
	struct oi_oit_review r = {0};
	struct oi_oit_confirmation f = {0};
	struct oi_error err;

	s.assessment_id = r.assessment_id = f.assessment_id = t->assessment.id;
	s.agency_id = r.agency_id = f.agency_id = t->a01.id;
	snprintf(s.item, sizeof s.item, "%s", item);
	memcpy(r.item, s.item, sizeof r.item);
	memcpy(f.item, s.item, sizeof f.item);
	s.has = true;
	s.submitted = true;
	snprintf(s.urls[0], sizeof s.urls[0], "https://a01.example.go.th/%s", item);
	s.n_urls = 1;
	s.by_user = user_id(t, "a01");
	if (oi_store_oit_submit(t->st, &s, &err))
		fail_msg("%s", err.message);
	r.round = 1;
	r.submission_id = s.id;
	r.pass = pass;
	r.by_user = user_id(t, "assessor");
	if (oi_store_oit_review(t->st, &r, &err))
		fail_msg("%s", err.message);
	f.review_id = r.id;
	f.pass = pass;
	f.by_user = user_id(t, "admin");
	if (oi_store_oit_confirm(t->st, &f, 1, &err))
		fail_msg("%s", err.message);
}

static void workflow(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;
	char path[256];
	long cap;

	/* the agency: a draft, then the submission inside the OIT window, captured */
	t->now = T_OIT_OPEN;
	webtest_expect(t, "POST", "/agency/A01/oit/O1",
		       "action=draft&has=1&url=https%3A%2F%2Fa01.example.go.th%2Fdraft&"
		       "explanation=%E0%B8%A3%E0%B9%88%E0%B8%B2%E0%B8%87", "a01", 303, &r);
	assert_string_equal(r.location, "/agency/A01/oit/O1?saved=1");
	webtest_res_free(&r);
	assert_int_equal(fake_calls, 0);                      /* drafts are not captured */
	webtest_expect(t, "POST", "/agency/A01/oit/O1",
		       "action=submit&has=1&url=https%3A%2F%2Fa01.example.go.th%2Fstructure&url=&"
		       "url=https%3A%2F%2Fa01.example.go.th%2Fbroken&explanation=structure+page",
		       "a01", 303, &r);
	assert_string_equal(r.location, "/agency/A01/oit/O1?submitted=1");
	webtest_res_free(&r);
	assert_int_equal(fake_calls, 2);
	cap = capture_id(t, "https://a01.example.go.th/structure");

	webtest_expect(t, "GET", "/agency/A01/oit", NULL, "a01", 200, &r);
	assert_non_null(strstr(r.body, "ยังขาด 42 ข้อ"));
	assert_non_null(strstr(r.body, "ส่งแล้ว รอผู้ประเมินตรวจ"));
	assert_non_null(strstr(r.body, "href=\"/agency/A01/oit/O2\""));
	webtest_res_free(&r);
	webtest_expect(t, "GET", "/agency/A01/oit/O1", NULL, "a01", 200, &r);
	assert_non_null(strstr(r.body, "https://a01.example.go.th/structure"));
	assert_non_null(strstr(r.body, "องค์ประกอบที่ต้องมี"));
	assert_non_null(strstr(r.body, t->fw->oit_items[0].elements_th[0]));
	webtest_res_free(&r);

	/* the assessor, once assigned, reviews in the review window: fail with a comment */
	t->now = T_REVIEW;
	webtest_expect_status(t, "GET", "/review/A01", NULL, "assessor", 403);
	assign(t, "A01");
	webtest_expect(t, "GET", "/review", NULL, "assessor", 200, &r);
	assert_non_null(strstr(r.body, "href=\"/review/A01\""));
	assert_null(strstr(r.body, "href=\"/review/A02\""));
	webtest_res_free(&r);
	webtest_expect(t, "GET", "/review/A01/O1", NULL, "assessor", 200, &r);
	snprintf(path, sizeof path, "href=\"/capture/%ld\"", cap);
	assert_non_null(strstr(r.body, path));                 /* the stored copy … */
	assert_non_null(strstr(r.body, "href=\"https://a01.example.go.th/structure\""));  /* live */
	assert_non_null(strstr(r.body, "autofocus"));
	assert_non_null(strstr(r.body, "rel=\"next\" accesskey=\"n\" id=\"next\" "
				       "href=\"/review/A01/O2\""));
	assert_non_null(strstr(r.body, "เหลือต้องตรวจ <strong>1</strong>"));
	assert_non_null(strstr(r.body, t->fw->oit_items[0].elements_th[0]));
	webtest_res_free(&r);
	webtest_expect(t, "POST", "/review/A01/O1",
		       "verdict=fail&comment=%E0%B9%84%E0%B8%A1%E0%B9%88%E0%B8%9E%E0%B8%9A+chart",
		       "assessor", 303, &r);
	assert_string_equal(r.location, "/review/A01/O1?done=1");   /* nothing else to review */
	webtest_res_free(&r);

	/* the agency sees the comment and clarifies in the clarification window */
	t->now = T_CLARIFY;
	webtest_expect(t, "GET", "/agency/A01/oit", NULL, "a01", 200, &r);
	assert_non_null(strstr(r.body, "ไม่พบ chart"));
	assert_non_null(strstr(r.body, "ไม่ผ่าน (ชี้แจงเพิ่มเติมได้)"));
	webtest_res_free(&r);
	webtest_expect(t, "POST", "/agency/A01/oit/O1/clarify",
		       "text=chart+added&url=https%3A%2F%2Fa01.example.go.th%2Fchart", "a01", 303,
		       &r);
	assert_string_equal(r.location, "/agency/A01/oit/O1?clarified=1");
	webtest_res_free(&r);
	assert_int_equal(fake_calls, 3);
	(void)capture_id(t, "https://a01.example.go.th/chart");
	/* a second clarification of the same verdict is refused */
	webtest_expect_status(t, "POST", "/agency/A01/oit/O1/clarify", "text=again", "a01", 409);

	/* the re-review passes it; the admin confirms */
	webtest_expect(t, "GET", "/review/A01/O1", NULL, "assessor", 200, &r);
	assert_non_null(strstr(r.body, "ผลการตรวจอีกครั้งหลังชี้แจง"));
	assert_non_null(strstr(r.body, "chart added"));
	webtest_res_free(&r);
	webtest_expect_status(t, "POST", "/review/A01/O1", "verdict=pass&comment=ok", "assessor",
			      303);
	webtest_expect(t, "GET", "/admin/oit/A01", NULL, "admin", 200, &r);
	assert_non_null(strstr(r.body, "name=\"item\" checked value=\"O1\""));
	webtest_res_free(&r);
	webtest_expect_status(t, "POST", "/admin/oit/A01", "item=O1", "admin", 303);
	webtest_expect_status(t, "POST", "/admin/oit/A01", "item=O1", "admin", 422);  /* again */
	/* confirmed: no more verdicts */
	webtest_expect_status(t, "POST", "/review/A01/O1", "verdict=fail&comment=x", "assessor",
			      409);

	/* the history: every step, in order, nothing overwritten */
	webtest_expect(t, "GET", "/agency/A01/oit/O1", NULL, "a01", 200, &r);
	{
		const char *steps[] = {"บันทึกร่าง", "ส่งข้อมูล", "ระบบเก็บสำเนาหลักฐาน",
				       "ผลการตรวจ</strong>", "ชี้แจงเพิ่มเติม</strong>",
				       "ตรวจอีกครั้งหลังชี้แจง", "ยืนยันผล</strong>"};
		const char *h = strstr(r.body, "id=\"h-history\"");

		assert_non_null(h);
		for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
			h = strstr(h, steps[i]);
			if (!h)
				fail_msg("history step %zu (%s) missing or out of order", i, steps[i]);
		}
		assert_non_null(strstr(r.body, "ผ่าน (ยืนยันผลแล้ว)"));
	}
	webtest_res_free(&r);
}

static void score_from_confirmed(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;
	struct oi_scoreset *ss;
	struct oi_result res;
	size_t ag;
	long ind9 = -1, ind10 = -1;
	char want[64];
	const struct oi_framework *fw = t->fw;

	for (size_t i = 0; i < fw->n_indicators; i++) {
		if (!strcmp(fw->indicators[i].code, "9"))
			ind9 = (long)i;
		if (!strcmp(fw->indicators[i].code, "10"))
			ind10 = (long)i;
	}
	assert_true(ind9 >= 0 && ind10 >= 0);
	/* indicator 9's items confirmed (O2 and O20 fail); indicator 10 not complete */
	for (size_t k = 0; k < 33; k++) {
		const char *code = fw->oit_items[k].code;

		store_confirmed(t, code, strcmp(code, "O2") && strcmp(code, "O20"));
	}
	store_confirmed(t, "O34", true);
	/* one reviewed but not confirmed verdict counts for nothing */
	ss = oi_scoreset_new(fw);
	ag = oi_scoreset_agency(ss, "A01", 3);
	for (size_t k = 0; k < 33; k++)
		oi_scoreset_set_verdict(ss, ag, k, strcmp(fw->oit_items[k].code, "O2") &&
							   strcmp(fw->oit_items[k].code, "O20"),
					k + 1);
	oi_scoreset_set_verdict(ss, ag, 33, true, 34);
	oi_scoreset_result(ss, ag, &res);
	assert_true(res.has_indicator[ind9]);
	assert_false(res.has_indicator[ind10]);
	snprintf(want, sizeof want, "<td class=\"num\">%.*f</td></tr>", (int)fw->result_decimals,
		 oi_round(res.indicator[ind9], fw->result_decimals));
	oi_scoreset_free(ss);

	webtest_expect(t, "GET", "/agency/A01", NULL, "a01", 200, &r);
	{
		const char *sec = strstr(r.body, "id=\"oit-scores\"");

		assert_non_null(sec);
		assert_non_null(strstr(sec, "33/33"));           /* indicator 9 confirmed items */
		assert_non_null(strstr(sec, "1/10"));            /* indicator 10: one of ten */
		assert_non_null(strstr(sec, want));
		assert_non_null(strstr(sec, "ยังไม่ครบ"));
	}
	webtest_res_free(&r);
	/* A02 has nothing confirmed */
	webtest_expect(t, "GET", "/agency/A02", NULL, "a02", 200, &r);
	assert_non_null(strstr(r.body, "0 จาก 43 ข้อ"));
	webtest_res_free(&r);
}

/* The link monitor: broken, changed, empty and unexpected type; "check now"; who sees it. */
static void link_monitor(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;
	const char *tbl;

	t->now = T_OIT_OPEN;
	webtest_expect_status(t, "POST", "/agency/A01/oit/O1",
			      "action=submit&has=1&url=https%3A%2F%2Fa01.example.go.th%2Fgood&"
			      "url=https%3A%2F%2Fa01.example.go.th%2Fbroken&"
			      "url=https%3A%2F%2Fa01.example.go.th%2Fchanging&"
			      "url=https%3A%2F%2Fa01.example.go.th%2Fempty&"
			      "url=https%3A%2F%2Fa01.example.go.th%2Ffiles.zip&explanation=x", "a01",
			      303);
	webtest_expect_status(t, "POST", "/agency/A01/oit/O2",
			      "action=submit&has=1&url=https%3A%2F%2Fa01.example.go.th%2Fcounter&"
			      "url=https%3A%2F%2Fa01.example.go.th%2Foctet.pdf&explanation=x", "a01",
			      303);
	webtest_expect(t, "GET", "/agency/A01/evidence", NULL, "a01", 200, &r);
	tbl = strstr(r.body, "id=\"evidence\"");
	assert_non_null(tbl);
	assert_non_null(strstr(tbl, "ลิงก์เสีย"));
	assert_non_null(strstr(tbl, "HTTP 404"));
	assert_non_null(strstr(tbl, "หน้าว่าง"));
	assert_non_null(strstr(tbl, "ชนิดไฟล์ไม่ตรง"));
	assert_null(strstr(tbl, "เนื้อหาเปลี่ยน"));          /* not yet: one capture only */
	assert_null(strstr(tbl, "href=\"https://a01.example.go.th/good\""));  /* fine: hidden */
	assert_null(strstr(tbl, "a01.example.go.th/octet.pdf"));   /* a sniffed PDF is fine */
	assert_non_null(strstr(r.body, "ลิงก์ทั้งหมด 7 · มีปัญหา <strong>3</strong>"));
	webtest_res_free(&r);

	/* check now: every URL fetched again; the changing page is now changed */
	webtest_expect(t, "POST", "/agency/A01/evidence/check", "", "a01", 303, &r);
	assert_string_equal(r.location, "/agency/A01/evidence?checked=1");
	webtest_res_free(&r);
	assert_int_equal(fake_calls, 14);
	webtest_expect(t, "GET", "/agency/A01/evidence?all=1", NULL, "a01", 200, &r);
	tbl = strstr(r.body, "id=\"evidence\"");
	assert_non_null(strstr(tbl, "เนื้อหาเปลี่ยน"));
	/* one "changed" only: the counter page's words are the same */
	assert_null(strstr(strstr(tbl, "เนื้อหาเปลี่ยน") + 1, "เนื้อหาเปลี่ยน"));
	assert_non_null(strstr(tbl, "PDF (ประกาศเป็น application/octet-stream)"));
	assert_non_null(strstr(tbl, "href=\"https://a01.example.go.th/good\""));    /* all=1 */
	assert_non_null(strstr(tbl, "ใช้งานได้"));
	assert_non_null(strstr(r.body, "มีปัญหา <strong>4</strong>"));
	webtest_res_free(&r);

	/* the NACC admin sees every agency's problems; others may not */
	webtest_expect(t, "GET", "/evidence", NULL, "admin", 200, &r);
	assert_non_null(strstr(r.body, "href=\"/agency/A01/evidence\""));
	assert_non_null(strstr(r.body, "มีปัญหา <strong>4</strong>"));
	webtest_res_free(&r);
	webtest_expect_status(t, "GET", "/evidence", NULL, "a01", 403);
	webtest_expect_status(t, "GET", "/agency/A01/evidence", NULL, "a02", 403);
	webtest_expect_status(t, "POST", "/agency/A01/evidence/check", "", "a02", 403);
	webtest_expect_status(t, "GET", "/agency/A01/evidence", NULL, "assessor", 403);
	/* without a capturer, "check now" says so and stores nothing */
	t->app->cfg.capturer = NULL;
	webtest_expect_status(t, "POST", "/agency/A01/evidence/check", "", "a01", 409);
	assert_int_equal(fake_calls, 14);
}

static void keyboard_links(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;

	assign(t, "A01");
	store_confirmed(t, "O3", true);
	webtest_expect(t, "GET", "/review/A01/O2", NULL, "assessor", 200, &r);
	assert_non_null(strstr(r.body, "rel=\"prev\" accesskey=\"p\" id=\"prev\" "
				       "href=\"/review/A01/O1\""));
	assert_non_null(strstr(r.body, "rel=\"next\" accesskey=\"n\" id=\"next\" "
				       "href=\"/review/A01/O3\""));
	assert_null(strstr(r.body, "id=\"verdict-form\""));   /* O2 not submitted: no form */
	webtest_res_free(&r);
	webtest_expect(t, "GET", "/review/A01/O43", NULL, "assessor", 200, &r);
	assert_null(strstr(r.body, "rel=\"next\""));
	webtest_res_free(&r);
	webtest_expect_status(t, "GET", "/review/A01/O99", NULL, "assessor", 404);
	webtest_expect_status(t, "GET", "/review/A01/%3Cscript%3E", NULL, "assessor", 404);
}

static void authorization(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;
	char path[64];
	long cap;

	t->now = T_OIT_OPEN;
	webtest_expect_status(t, "POST", "/agency/A01/oit/O1",
			      "action=submit&has=1&url=https%3A%2F%2Fa01.example.go.th%2Fx&"
			      "explanation=x", "a01", 303);
	cap = capture_id(t, "https://a01.example.go.th/x");
	/* an agency only its own items */
	webtest_expect_status(t, "GET", "/agency/A01/oit/O1", NULL, "a02", 403);
	webtest_expect_status(t, "POST", "/agency/A01/oit/O1", "action=draft&has=0", "a02", 403);
	webtest_expect_status(t, "GET", "/agency/A01/oit", NULL, "assessor", 403);
	webtest_expect_status(t, "GET", "/agency/A01/oit", NULL, "viewer", 403);
	/* an assessor only assigned agencies */
	webtest_expect_status(t, "GET", "/review/A01", NULL, "assessor", 403);
	webtest_expect_status(t, "GET", "/review/A01/O1", NULL, "assessor", 403);
	webtest_expect_status(t, "POST", "/review/A01/O1", "verdict=pass", "assessor", 403);
	snprintf(path, sizeof path, "/capture/%ld", cap);
	webtest_expect_status(t, "GET", path, NULL, "assessor", 403);
	webtest_expect_status(t, "GET", path, NULL, "a02", 403);
	webtest_expect_status(t, "GET", path, NULL, "viewer", 403);
	webtest_expect_status(t, "GET", path, NULL, NULL, 303);
	webtest_expect_status(t, "GET", path, NULL, "a01", 200);
	webtest_expect_status(t, "GET", path, NULL, "admin", 200);
	assign(t, "A02");
	webtest_expect_status(t, "GET", path, NULL, "assessor", 403);   /* A02 is not A01 */
	assign(t, "A01");
	webtest_expect_status(t, "GET", path, NULL, "assessor", 200);
	webtest_expect_status(t, "GET", "/review/A01/O1", NULL, "assessor", 200);
	/* unassigned again */
	{
		char body[96];

		snprintf(body, sizeof body, "action=remove&assessor=%ld&agency=A01",
			 user_id(t, "assessor"));
		webtest_expect_status(t, "POST", "/admin/assignments", body, "admin", 303);
	}
	webtest_expect_status(t, "GET", "/review/A01/O1", NULL, "assessor", 403);
	webtest_expect(t, "GET", "/admin/assignments", NULL, "admin", 200, &r);
	assert_non_null(strstr(r.body, "สำนักงานทดสอบระบบ สอง"));
	webtest_res_free(&r);
}

static void stored_copy_is_sandboxed(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;
	char path[96];
	long cap;

	t->now = T_OIT_OPEN;
	webtest_expect_status(t, "POST", "/agency/A01/oit/O5",
			      "action=submit&has=1&url=https%3A%2F%2Fa01.example.go.th%2Fo5&"
			      "explanation=x", "a01", 303);
	cap = capture_id(t, "https://a01.example.go.th/o5");
	snprintf(path, sizeof path, "/capture/%ld", cap);
	webtest_expect(t, "GET", path, NULL, "a01", 200, &r);
	assert_non_null(strstr(r.body, "สำเนาที่ระบบเก็บไว้"));
	assert_non_null(strstr(r.body, "ไม่ใช่หน้าเว็บจริง ณ ขณะนี้) เก็บเมื่อ "));
	assert_non_null(strstr(r.body, " น. จาก https://a01.example.go.th/o5"));
	assert_null(strstr(r.body, "<script>"));                   /* the preview is escaped */
	assert_non_null(strstr(r.body, "&lt;script&gt;alert"));
	webtest_res_free(&r);

	snprintf(path, sizeof path, "/capture/%ld/raw", cap);
	webtest_expect(t, "GET", path, NULL, "a01", 200, &r);
	assert_string_equal(r.content_type, "text/plain; charset=utf-8");
	assert_non_null(strstr(r.headers, "Content-Security-Policy: sandbox"));
	assert_non_null(strstr(r.headers, "X-Content-Type-Options: nosniff"));
	assert_true(!strncmp(r.body, "openita: สำเนาที่ระบบเก็บไว้", 20));
	assert_non_null(strstr(r.body, hostile));                   /* as it was, decompressed */
	webtest_res_free(&r);

	snprintf(path, sizeof path, "/capture/%ld/raw?as=original", cap);
	webtest_expect(t, "GET", path, NULL, "a01", 200, &r);
	assert_string_equal(r.content_type, "text/html; charset=utf-8");
	assert_non_null(strstr(r.headers, "Content-Security-Policy: sandbox;"));
	assert_non_null(strstr(r.body, "openita: สำเนาที่ระบบเก็บไว้"));
	webtest_res_free(&r);
	webtest_expect_status(t, "GET", "/capture/99999", NULL, "admin", 404);
	webtest_expect_status(t, "GET", "/capture/abc", NULL, "admin", 404);
	webtest_expect_status(t, "GET", "/capture/0/raw", NULL, "admin", 404);
}

/* Each refused request: its status, and nothing stored. */
struct refusal {
	const char *path, *body, *user;
	int status;
};

static void run_refusals(struct webtest *t, const struct refusal *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *before = oit_fingerprint(t), *after;

		webtest_expect_status(t, "POST", v[i].path, v[i].body, v[i].user, v[i].status);
		after = oit_fingerprint(t);
		if (strcmp(before, after))
			fail_msg("POST %s %s stored something:\n%s---\n%s", v[i].path, v[i].body,
				 before, after);
		free(before);
		free(after);
	}
}

static void bad_input(void **state)
{
	struct webtest *t = *state;
	char long_text[6000], body[6100], six[700], not_assessor[96];
	static const struct refusal agency_form[] = {
		{"/agency/A01/oit/O1", "has=1", "a01", 400},                     /* no action */
		{"/agency/A01/oit/O1", "action=publish&has=1", "a01", 400},
		{"/agency/A01/oit/O1", "action=draft&has=2", "a01", 422},
		{"/agency/A01/oit/O1", "action=submit&has=1&url=javascript%3Aalert(1)", "a01", 422},
		{"/agency/A01/oit/O1", "action=submit&has=1&url=ftp%3A%2F%2Fx.go.th%2Fa", "a01", 422},
		{"/agency/A01/oit/O1", "action=submit&has=1&url=https%3A%2F%2Fx.go.th%2Fa+b", "a01",
		 422},
		{"/agency/A01/oit/O1", "action=submit&has=1&url=", "a01", 422},  /* no URL */
		{"/agency/A01/oit/O1", "action=submit&url=https%3A%2F%2Fx.go.th", "a01", 422},
		{"/agency/A01/oit/O1", "action=submit&has=0", "a01", 422},       /* no reason */
		{"/agency/A01/oit/O1", "action=submit&has=1&url=https%3A%2F%2Fx.go.th&"
				       "explanation=a%07b", "a01", 400},          /* control char */
		{"/agency/A01/oit/O99", "action=draft&has=1", "a01", 404},
		{"/agency/A01/oit/O1/clarify", "text=x", "a01", 409},            /* not failed */
		{"/review/A01/O1", "verdict=pass", "assessor", 409},             /* not submitted */
		{"/admin/assignments", "action=steal", "admin", 400},
		{"/admin/assignments", "action=add&assessor=abc&agency=A01", "admin", 422},
		{"/admin/assignments", "action=add&assessor=1&agency=A01", "admin", 422}, /* admin */
		{"/admin/oit/A01", "", "admin", 422},
		{"/admin/oit/A01", "item=O99", "admin", 422},
		{"/admin/oit/A01", "item=O5", "admin", 422},                     /* not reviewed */
	};
	struct refusal dyn[4];

	t->now = T_OIT_OPEN;
	assign(t, "A01");
	run_refusals(t, agency_form, sizeof agency_form / sizeof *agency_form);
	memset(long_text, 'a', 5000);
	long_text[5000] = '\0';
	snprintf(body, sizeof body, "action=draft&has=1&explanation=%s", long_text);
	snprintf(six, sizeof six, "action=submit&has=1&url=https%%3A%%2F%%2Fa.go.th%%2F1&"
		 "url=https%%3A%%2F%%2Fa.go.th%%2F2&url=https%%3A%%2F%%2Fa.go.th%%2F3&"
		 "url=https%%3A%%2F%%2Fa.go.th%%2F4&url=https%%3A%%2F%%2Fa.go.th%%2F5&"
		 "url=https%%3A%%2F%%2Fa.go.th%%2F6");
	snprintf(not_assessor, sizeof not_assessor, "action=add&assessor=%ld&agency=ZZZ",
		 user_id(t, "assessor"));
	dyn[0] = (struct refusal){"/agency/A01/oit/O1", body, "a01", 422};
	dyn[1] = (struct refusal){"/agency/A01/oit/O1", six, "a01", 422};
	dyn[2] = (struct refusal){"/admin/assignments", not_assessor, "admin", 422};
	snprintf(not_assessor + 48, 8, "%s", "");
	dyn[3] = (struct refusal){"/agency/A01/oit/O1", "action=submit&has=0&explanation=x",
				  "a01", 303};
	run_refusals(t, dyn, 3);
	/* outside the OIT window: submission 409; drafts refused after it closes */
	t->now = T_REVIEW;
	{
		static const struct refusal late[] = {
			{"/agency/A01/oit/O1", "action=submit&has=0&explanation=late", "a01", 409},
			{"/agency/A01/oit/O1", "action=draft&has=0&explanation=late", "a01", 409},
		};

		run_refusals(t, late, 2);
	}
	/* the reviewer's form */
	t->now = T_OIT_OPEN;
	webtest_expect_status(t, "POST", "/agency/A01/oit/O1",
			      "action=submit&has=1&url=https%3A%2F%2Fa01.example.go.th%2Fo1&"
			      "explanation=x", "a01", 303);
	t->now = T_REVIEW;
	{
		static const struct refusal review[] = {
			{"/review/A01/O1", "comment=x", "assessor", 422},              /* no verdict */
			{"/review/A01/O1", "verdict=maybe", "assessor", 422},
			{"/review/A01/O1", "verdict=fail&comment=+++", "assessor", 422}, /* no reason */
			{"/agency/A01/oit/O1/clarify", "text=x", "a01", 409},          /* not failed */
		};

		run_refusals(t, review, sizeof review / sizeof *review);
	}
	webtest_expect_status(t, "POST", "/review/A01/O1", "verdict=fail&comment=missing",
			      "assessor", 303);
	{
		static const struct refusal clarify_early[] = {
			/* failed, but the clarification window is not open yet */
			{"/agency/A01/oit/O1/clarify", "text=x", "a01", 409},
		};

		run_refusals(t, clarify_early, 1);
	}
	t->now = T_CLARIFY;
	{
		static const struct refusal clarify[] = {
			{"/agency/A01/oit/O1/clarify", "text=", "a01", 422},           /* empty */
			{"/agency/A01/oit/O1/clarify", "text=x&url=data%3Atext%2Fhtml,x", "a01", 422},
			{"/agency/A01/oit/O1/clarify", "text=x&url=https%3A%2F%2Fx.go.th%2F%22%3E",
			 "a01", 422},
		};

		run_refusals(t, clarify, sizeof clarify / sizeof *clarify);
	}
}

/* A refused form keeps what was typed, escaped, and says nothing was saved. */
static void refused_form_shows_input(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;

	t->now = T_OIT_OPEN;
	webtest_expect(t, "POST", "/agency/A01/oit/O1",
		       "action=submit&has=1&url=javascript%3Aalert(1)&explanation=%3Cb%3Ehi",
		       "a01", 422, &r);
	assert_non_null(strstr(r.body, "ยังไม่ได้บันทึกข้อมูลใด ๆ"));
	assert_non_null(strstr(r.body, "&lt;b&gt;hi"));
	assert_null(strstr(r.body, "<b>hi"));
	assert_non_null(strstr(r.body, "value=\"javascript:alert(1)\""));
	webtest_res_free(&r);
}

/*
 * The OIT window (2025-01-01..2025-04-30) opens and closes at midnight in Bangkok: 17:00 UTC
 * the day before, not at 07:00 the next morning as it would on UTC dates.
 */
static void window_follows_midnight_in_bangkok(void **state)
{
	static const char body[] = "action=submit&has=0&explanation=on+the+edge";
	struct webtest *t = *state;

	t->now = (time_t)1735664399;   /* 2024-12-31 23:59:59 in Bangkok */
	webtest_expect_status(t, "POST", "/agency/A01/oit/O1", body, "a01", 409);
	t->now = (time_t)1735664400;   /* 2025-01-01 00:00:00 */
	webtest_expect_status(t, "POST", "/agency/A01/oit/O1", body, "a01", 303);
	t->now = (time_t)1746032399;   /* 2025-04-30 23:59:59 */
	webtest_expect_status(t, "POST", "/agency/A01/oit/O2", body, "a01", 303);
	t->now = (time_t)1746032400;   /* 2025-05-01 00:00:00: closed, though it is still the
					  30th in UTC */
	webtest_expect_status(t, "POST", "/agency/A01/oit/O3", body, "a01", 409);
}

/* The assessor assigned to A01, which submits O1 and O2 (one URL each) in the OIT window. */
static void submit_o1_o2(struct webtest *t)
{
	t->now = T_OIT_OPEN;
	assign(t, "A01");
	for (int k = 1; k <= 2; k++) {
		char path[64], body[160];

		snprintf(path, sizeof path, "/agency/A01/oit/O%d", k);
		snprintf(body, sizeof body, "action=submit&has=1&url=https%%3A%%2F%%2Fa01.example."
					    "go.th%%2Fo%d&explanation=x", k);
		webtest_expect_status(t, "POST", path, body, "a01", 303);
	}
}

/*
 * A round-1 verdict only inside the review window (2025-05-01..2025-06-15, Bangkok days); the
 * re-review of a clarification from the clarification window's opening until the day before
 * publication (2025-09-15). Outside, the POST is a 409 that stores nothing and the workbench
 * says why instead of showing the form.
 */
static void review_only_inside_its_window(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;

	submit_o1_o2(t);
	t->now = (time_t)1746032399;             /* 2025-04-30 23:59:59 in Bangkok */
	webtest_expect(t, "GET", "/review/A01/O1", NULL, "assessor", 200, &r);
	assert_non_null(strstr(r.body, "ยังไม่ถึงช่วงตรวจ OIT ช่วงตรวจเริ่ม 1 พฤษภาคม 2568"));
	assert_null(strstr(r.body, "id=\"verdict-form\""));
	webtest_res_free(&r);
	webtest_expect_status(t, "POST", "/review/A01/O1", "verdict=fail&comment=early",
			      "assessor", 409);
	t->now = (time_t)1746032400;             /* 2025-05-01 00:00 */
	webtest_expect(t, "GET", "/review/A01/O1", NULL, "assessor", 200, &r);
	assert_non_null(strstr(r.body, "id=\"verdict-form\""));
	webtest_res_free(&r);
	webtest_expect_status(t, "POST", "/review/A01/O1", "verdict=fail&comment=missing",
			      "assessor", 303);
	t->now = (time_t)1750006800;             /* 2025-06-16 00:00: the review window is over */
	webtest_expect_status(t, "POST", "/review/A01/O2", "verdict=pass", "assessor", 409);
	webtest_expect(t, "GET", "/review/A01/O2", NULL, "assessor", 200, &r);
	assert_non_null(strstr(r.body, "ช่วงตรวจ OIT สิ้นสุดแล้วเมื่อ 15 มิถุนายน 2568"));
	webtest_res_free(&r);
	/* the clarification, re-reviewed until the day before publication */
	t->now = T_CLARIFY;
	webtest_expect_status(t, "POST", "/agency/A01/oit/O1/clarify", "text=here", "a01", 303);
	t->now = (time_t)1757869200;             /* 2025-09-15 00:00: published */
	webtest_expect_status(t, "POST", "/review/A01/O1", "verdict=pass", "assessor", 409);
	t->now = (time_t)1757869199;             /* 2025-09-14 23:59:59 */
	webtest_expect_status(t, "POST", "/review/A01/O1", "verdict=pass", "assessor", 303);
}

/* The state shown on the evidence row of url (the text after its link up to the row's end). */
static bool row_says(const char *body, const char *url, const char *state)
{
	char href[256];
	const char *at, *end;

	snprintf(href, sizeof href, "href=\"%s\"", url);
	at = strstr(body, href);
	if (!at)
		fail_msg("no row for %s", url);
	end = strstr(at, "</tr>");
	at = strstr(at, state);
	return at && (!end || at < end);
}

/*
 * A baseline stored before text fingerprints existed (migration 4) is fingerprinted from its
 * stored copy when checked: a page that only changed its counter is fine, one whose words
 * changed is changed.
 */
static void old_baseline_fingerprinted_from_its_copy(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;

	t->now = T_OIT_OPEN;
	legacy_round = 1;
	webtest_expect_status(t, "POST", "/agency/A01/oit/O3",
			      "action=submit&has=1&url=https%3A%2F%2Fa01.example.go.th%2Flegacy-same&"
			      "url=https%3A%2F%2Fa01.example.go.th%2Flegacy-words&explanation=x",
			      "a01", 303);
	legacy_round = 2;
	webtest_expect_status(t, "POST", "/agency/A01/evidence/check", "", "a01", 303);
	webtest_expect(t, "GET", "/agency/A01/evidence?all=1", NULL, "a01", 200, &r);
	assert_true(row_says(r.body, "https://a01.example.go.th/legacy-same", "ใช้งานได้"));
	assert_true(row_says(r.body, "https://a01.example.go.th/legacy-words", "เนื้อหาเปลี่ยน"));
	webtest_res_free(&r);
	legacy_round = 0;
}

/* A round-1 fail is confirmed only after the clarification window (to 2025-06-30) closes:
 * until then the agency may still clarify it. A pass is confirmed at once. */
static void round_one_fail_confirmed_after_clarification(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;

	submit_o1_o2(t);
	t->now = T_REVIEW;
	webtest_expect_status(t, "POST", "/review/A01/O1", "verdict=fail&comment=missing",
			      "assessor", 303);
	webtest_expect_status(t, "POST", "/review/A01/O2", "verdict=pass", "assessor", 303);
	webtest_expect(t, "GET", "/admin/oit/A01", NULL, "admin", 200, &r);
	assert_null(strstr(r.body, "value=\"O1\""));
	assert_non_null(strstr(r.body, "รอปิดช่วงชี้แจง"));
	assert_non_null(strstr(r.body, "name=\"item\" checked value=\"O2\""));
	webtest_res_free(&r);
	webtest_expect(t, "POST", "/admin/oit/A01", "item=O2&item=O1", "admin", 422, &r);
	assert_non_null(strstr(r.body, "ข้อ O1 ไม่ผ่านในรอบแรก และหน่วยงานยังชี้แจงเพิ่มเติมได้ถึง "
					"30 มิถุนายน 2568"));
	webtest_res_free(&r);
	webtest_expect_status(t, "POST", "/admin/oit/A01", "item=O2", "admin", 303);
	t->now = (time_t)1751302799;             /* 2025-06-30 23:59:59 in Bangkok */
	webtest_expect_status(t, "POST", "/admin/oit/A01", "item=O1", "admin", 422);
	t->now = (time_t)1751302800;             /* 2025-07-01 00:00: the window is over */
	webtest_expect_status(t, "POST", "/admin/oit/A01", "item=O1", "admin", 303);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(workflow),       TEST(score_from_confirmed), TEST(keyboard_links),
		TEST(authorization),  TEST(stored_copy_is_sandboxed), TEST(bad_input),
		TEST(refused_form_shows_input), TEST(link_monitor),
		TEST(window_follows_midnight_in_bangkok), TEST(review_only_inside_its_window),
		TEST(old_baseline_fingerprinted_from_its_copy),
		TEST(round_one_fail_confirmed_after_clarification),
	};

	(void)webtest_csrf;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
