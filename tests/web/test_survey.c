/*
 * test_survey.c — the respondent's survey (src/web/survey.c), its abuse control
 * (src/web/ratelimit.c), access codes (src/web/codes.c) and the poster routes
 * (src/web/posters.c), run as whole requests through web_handle() (webtest.h).
 */
#include "webtest.h"

#include "codes.h"
#include "posters.h"
#include "ratelimit.h"
#include "routes.h"

/* ---- helpers ---- */

static size_t instrument_index(const struct webtest *t, const char *code)
{
	long i = oi_framework_find_instrument(t->fw, code);

	assert_true(i >= 0);
	return (size_t)i;
}

/* The option posted for answer code i: (i * 5 + seed) mod n + 1, so every option occurs. */
static unsigned option_for(const struct webtest *t, size_t sub, size_t i, unsigned seed)
{
	size_t n = t->fw->questions[t->fw->subitems[sub].question].scale->n_options;

	return (unsigned)((i * 5 + seed) % n + 1);
}

/*
 * A urlencoded survey body for instrument `code` with nonce, answering every answer code except
 * those whose index i has leave_out(i) true; extra (may be NULL) is appended. malloc'd.
 */
static char *survey_body(const struct webtest *t, const char *code, const char *nonce,
			 unsigned seed, bool (*leave_out)(size_t i), const char *extra)
{
	const struct oi_instrument *in = &t->fw->instruments[instrument_index(t, code)];
	size_t cap = 64 + in->n_subitems * 24 + (extra ? strlen(extra) : 0), len;
	char *body = malloc(cap);

	len = (size_t)snprintf(body, cap, "nonce=%s", nonce);
	for (size_t i = 0; i < in->n_subitems; i++) {
		size_t sub = in->first_subitem + i;

		if (leave_out && leave_out(i))
			continue;
		len += (size_t)snprintf(body + len, cap - len, "&%s=%u", t->fw->subitems[sub].code,
					option_for(t, sub, i, seed));
	}
	if (extra)
		snprintf(body + len, cap - len, "&%s", extra);
	return body;
}

/* The expected answers string of survey_body() with nothing skipped. */
static void expected_answers(const struct webtest *t, const char *code, unsigned seed,
			     char out[OI_ANSWERS_MAX])
{
	const struct oi_instrument *in = &t->fw->instruments[instrument_index(t, code)];
	size_t i;

	for (i = 0; i < in->n_subitems; i++) {
		unsigned k = option_for(t, in->first_subitem + i, i, seed);

		out[i] = k == 10 ? 'A' : (char)('0' + k);
	}
	out[i] = '\0';
}

static long responses(struct webtest *t, const struct oi_agency *a, const char *instrument)
{
	struct oi_agency_progress *rows = NULL;
	struct oi_error err;
	size_t n = 0;
	long count;

	if (oi_store_progress(t->st, t->assessment.id, a->id, &rows, &n, &err))
		webtest_fail("progress", &err);
	assert_int_equal(n, 1);
	count = !strcmp(instrument, "IIT") ? rows[0].iit_responses : rows[0].eit_responses;
	free(rows);
	return count;
}

#define assert_has(body, needle)                                                        \
	do {                                                                             \
		if (!strstr((body), (needle)))                                           \
			fail_msg("the page lacks \"%s\"", (needle));                     \
	} while (0)

static int post(struct webtest *t, const char *path, const char *body, struct webtest_res *r)
{
	return webtest_request(t, "POST", path, NULL, body, 0, NULL, r);
}

static const char nonce_a[] = "AAAAAAAAAAAAAAAAAAAAAA";
static const char nonce_b[] = "BBBBBBBBBBBBBBBBBBBBBB";

/* ---- the form ---- */

static void test_get_iit_form(void **state)
{
	struct webtest *t = *state;
	const struct oi_instrument *in = &t->fw->instruments[instrument_index(t, "IIT")];
	struct webtest_res r;
	char path[128], needle[128];
	size_t radios = 0;
	const char *nonce;

	assert_int_equal(in->n_subitems, 51);
	snprintf(path, sizeof path, "/s/%s", t->p01.iit_token);
	assert_int_equal(webtest_request(t, "GET", path, NULL, NULL, 0, NULL, &r), 200);
	assert_has(r.body, "lang=\"th\"");
	assert_has(r.body, t->a01.name);
	assert_has(r.body, in->name_th);
	assert_has(r.body, "ไม่ระบุตัวตน");
	assert_int_equal(webtest_count(r.body, "<fieldset"), 51);
	assert_int_equal(webtest_count(r.body, "<legend>"), 51);
	for (size_t i = 0; i < in->n_subitems; i++) {
		const struct oi_subitem *si = &t->fw->subitems[in->first_subitem + i];
		const struct oi_scale *scale = t->fw->questions[si->question].scale;

		snprintf(needle, sizeof needle, "<fieldset id=\"q-%s\"", si->code);
		assert_has(r.body, needle);
		for (size_t k = 0; k < scale->n_options; k++) {
			snprintf(needle, sizeof needle,
				 "<label class=\"opt\"><input type=\"radio\" name=\"%s\" value=\"%zu\">",
				 si->code, k + 1);
			assert_has(r.body, needle);
			radios++;
		}
	}
	assert_int_equal(webtest_count(r.body, "type=\"radio\""), radios);
	assert_int_equal(webtest_count(r.body, " checked"), 0);
	/* the options' labels come from the scale */
	assert_has(r.body, "<span>น้อยที่สุดหรือไม่มีเลย</span>");
	assert_has(r.body, "<span>มี</span>");
	/* numbered: question 1 has sub-items 1.1 and 1.2; question 2 stands alone */
	assert_has(r.body, "<span class=\"qn\">1.1</span>");
	assert_has(r.body, "<span class=\"qn\">2.</span>");
	assert_has(r.body, "<span class=\"qn\">30.4</span>");
	/* a nonce of 22 base64url characters, and no caching of the page that carries it */
	nonce = strstr(r.body, "name=\"nonce\" value=\"");
	assert_non_null(nonce);
	nonce += strlen("name=\"nonce\" value=\"");
	assert_int_equal(strspn(nonce, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
			 22);
	assert_int_equal(nonce[22], '"');
	assert_has(r.headers, "Cache-Control: no-store");
	/* no access code asked when the agency does not require codes */
	assert_null(strstr(r.body, "name=\"code\""));
	webtest_res_free(&r);

	/* a fresh nonce on every page */
	{
		char first[23];
		struct webtest_res r2;

		assert_int_equal(webtest_request(t, "GET", path, NULL, NULL, 0, NULL, &r2), 200);
		nonce = strstr(r2.body, "name=\"nonce\" value=\"") + 20;
		memcpy(first, nonce, 22);
		first[22] = '\0';
		webtest_res_free(&r2);
		assert_int_equal(webtest_request(t, "GET", path, NULL, NULL, 0, NULL, &r2), 200);
		assert_null(strstr(r2.body, first));
		webtest_res_free(&r2);
	}
}

static void test_get_eit_form(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;
	char path[128];

	snprintf(path, sizeof path, "/s/%s", t->p02.eit_token);
	assert_int_equal(webtest_request(t, "GET", path, NULL, NULL, 0, NULL, &r), 200);
	assert_has(r.body, t->a02.name);
	assert_has(r.body, "(EIT)");
	assert_int_equal(webtest_count(r.body, "<fieldset"), 15);
	assert_has(r.body, "name=\"e15\" value=\"4\"");
	webtest_res_free(&r);
	/* HEAD answers too */
	assert_int_equal(webtest_request(t, "HEAD", path, NULL, NULL, 0, NULL, &r), 200);
	webtest_res_free(&r);
}

/* ---- submitting ---- */

struct collect {
	char answers[4][OI_ANSWERS_MAX];
	size_t n;
};

static int collect_one(const char *answers, void *ctx)
{
	struct collect *c = ctx;

	if (c->n < 4)
		snprintf(c->answers[c->n], OI_ANSWERS_MAX, "%s", answers);
	c->n++;
	return 0;
}

static void test_post_complete_and_duplicate(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;
	struct collect got = {0};
	struct oi_error err;
	char path[128], thanks[160], want[OI_ANSWERS_MAX];
	char *body = survey_body(t, "IIT", nonce_a, 1, NULL, NULL);

	snprintf(path, sizeof path, "/s/%s", t->p01.iit_token);
	snprintf(thanks, sizeof thanks, "/s/%s/thanks", t->p01.iit_token);
	assert_int_equal(responses(t, &t->a01, "IIT"), 0);
	assert_int_equal(post(t, path, body, &r), 303);
	assert_string_equal(r.location, thanks);
	webtest_res_free(&r);
	assert_int_equal(responses(t, &t->a01, "IIT"), 1);

	/* the same form again (same nonce): thanked, not counted twice */
	assert_int_equal(post(t, path, body, &r), 303);
	assert_string_equal(r.location, thanks);
	webtest_res_free(&r);
	assert_int_equal(responses(t, &t->a01, "IIT"), 1);
	assert_int_equal(responses(t, &t->a01, "EIT"), 0);
	assert_int_equal(responses(t, &t->a02, "IIT"), 0);

	/* the stored answers decode to what was posted */
	if (oi_store_responses_each(t->st, t->p01.id, "IIT", collect_one, &got, &err))
		webtest_fail("responses", &err);
	assert_int_equal(got.n, 1);
	expected_answers(t, "IIT", 1, want);
	assert_int_equal(strlen(got.answers[0]), 51);
	assert_string_equal(got.answers[0], want);
	for (size_t i = 0; i < 51; i++) {
		size_t sub = t->fw->instruments[instrument_index(t, "IIT")].first_subitem + i;

		assert_int_equal(got.answers[0][i] - '0', option_for(t, sub, i, 1));
	}

	/* the thank-you page */
	assert_int_equal(webtest_request(t, "GET", thanks, NULL, NULL, 0, NULL, &r), 200);
	assert_has(r.body, "ขอบคุณ");
	assert_has(r.body, t->a01.name);
	webtest_res_free(&r);
	free(body);

	/* another respondent (another nonce) counts */
	body = survey_body(t, "IIT", nonce_b, 2, NULL, NULL);
	assert_int_equal(post(t, path, body, &r), 303);
	webtest_res_free(&r);
	assert_int_equal(responses(t, &t->a01, "IIT"), 2);
	free(body);
}

static void test_post_eit(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;
	struct collect got = {0};
	struct oi_error err;
	char path[128], want[OI_ANSWERS_MAX];
	char *body = survey_body(t, "EIT", nonce_a, 3, NULL, NULL);

	snprintf(path, sizeof path, "/s/%s", t->p01.eit_token);
	assert_int_equal(post(t, path, body, &r), 303);
	webtest_res_free(&r);
	assert_int_equal(responses(t, &t->a01, "EIT"), 1);
	assert_int_equal(responses(t, &t->a01, "IIT"), 0);
	if (oi_store_responses_each(t->st, t->p01.id, "EIT", collect_one, &got, &err))
		webtest_fail("responses", &err);
	expected_answers(t, "EIT", 3, want);
	assert_string_equal(got.answers[0], want);
	free(body);
}

static bool skip_some(size_t i)
{
	return i == 2 || i == 10 || i == 50;
}

static void test_post_missing(void **state)
{
	struct webtest *t = *state;
	const struct oi_instrument *in = &t->fw->instruments[instrument_index(t, "IIT")];
	struct webtest_res r;
	char path[128], needle[160];
	char *body = survey_body(t, "IIT", nonce_a, 1, skip_some, NULL);

	snprintf(path, sizeof path, "/s/%s", t->p01.iit_token);
	assert_int_equal(post(t, path, body, &r), 422);
	/* a summary at the top, with a link to each missing question */
	assert_has(r.body, "role=\"alert\"");
	assert_has(r.body, "ยังไม่ได้ตอบ 3 รายการ");
	for (size_t i = 0; i < in->n_subitems; i++) {
		const struct oi_subitem *si = &t->fw->subitems[in->first_subitem + i];

		snprintf(needle, sizeof needle, "href=\"#q-%s\"", si->code);
		if (skip_some(i)) {
			assert_has(r.body, needle);
			snprintf(needle, sizeof needle, "id=\"e-%s\"", si->code);
			assert_has(r.body, needle);
		} else {
			assert_null(strstr(r.body, needle));
			/* what was answered is still checked */
			snprintf(needle, sizeof needle, "name=\"%s\" value=\"%u\" checked", si->code,
				 option_for(t, in->first_subitem + i, i, 1));
			assert_has(r.body, needle);
		}
	}
	assert_int_equal(webtest_count(r.body, " checked"), 48);
	assert_int_equal(webtest_count(r.body, "ยังไม่ได้ตอบข้อนี้"), 3);
	/* the summary names the questions: index 2 is question 2 (no sub-items), 10 is 5.2 (i5.2),
	   50 is 30.4 */
	assert_has(r.body, "ข้อ 2 ");
	assert_has(r.body, "ข้อ 5.2 ");
	assert_has(r.body, "ข้อ 30.4 ");
	/* the same nonce is kept, so the corrected form still counts once */
	snprintf(needle, sizeof needle, "name=\"nonce\" value=\"%s\"", nonce_a);
	assert_has(r.body, needle);
	webtest_res_free(&r);
	assert_int_equal(responses(t, &t->a01, "IIT"), 0);
	free(body);

	/* nothing answered at all */
	assert_int_equal(post(t, path, "nonce=AAAAAAAAAAAAAAAAAAAAAA", &r), 422);
	assert_has(r.body, "ยังไม่ได้ตอบ 51 รายการ");
	assert_has(r.body, "<ul class=\"brief\">");
	assert_has(r.body, "<a href=\"#q-i30.4\">ข้อ 30.4</a>");
	assert_int_equal(webtest_count(r.body, "ยังไม่ได้ตอบข้อนี้"), 51);
	webtest_res_free(&r);
	assert_int_equal(responses(t, &t->a01, "IIT"), 0);
}

/* i1.1 (index 0, four options) and i4.1 (index 6, yes or no) get the bad values. */
static bool skip_bad(size_t i)
{
	return i == 0 || i == 6;
}

static void test_post_bad_values(void **state)
{
	struct webtest *t = *state;
	static const char *const bad[] = {"i1.1=5", "i1.1=0", "i1.1=-1", "i1.1=abc", "i1.1=1x",
					  "i1.1=%2B1", "i1.1=99999999999999999999", "i4.1=3"};
	struct webtest_res r;
	char path[128];

	snprintf(path, sizeof path, "/s/%s", t->p01.iit_token);
	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		char extra[96], *body;

		snprintf(extra, sizeof extra, "%s&%s", bad[k],
			 bad[k][1] == '1' ? "i4.1=1" : "i1.1=1");
		body = survey_body(t, "IIT", nonce_a, 1, skip_bad, extra);
		if (post(t, path, body, &r) != 400)
			fail_msg("%s: status %d, want 400", bad[k], r.status);
		assert_has(r.body, "ไม่ใช่ตัวเลือก");
		webtest_res_free(&r);
		free(body);
	}
	/* no nonce, or a malformed one */
	{
		char *body = survey_body(t, "IIT", "short", 1, NULL, NULL);

		assert_int_equal(post(t, path, body, &r), 400);
		webtest_res_free(&r);
		free(body);
		body = survey_body(t, "IIT", "AAAAAAAAAAAAAAAAAAAAA!", 1, NULL, NULL);
		assert_int_equal(post(t, path, body, &r), 400);
		webtest_res_free(&r);
		free(body);
	}
	assert_int_equal(responses(t, &t->a01, "IIT"), 0);
}

static void test_unknown_token(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;
	char *body = survey_body(t, "IIT", nonce_a, 1, NULL, NULL);

	assert_int_equal(webtest_request(t, "GET", "/s/no-such-link", NULL, NULL, 0, NULL, &r), 404);
	assert_has(r.body, "ไม่พบแบบวัด");
	webtest_res_free(&r);
	assert_int_equal(post(t, "/s/no-such-link", body, &r), 404);
	webtest_res_free(&r);
	assert_int_equal(webtest_request(t, "GET", "/s/no-such-link/thanks", NULL, NULL, 0, NULL,
					 &r),
			 404);
	webtest_res_free(&r);
	assert_int_equal(responses(t, &t->a01, "IIT"), 0);
	free(body);
}

/* The window 2025-01-01..2025-03-31 is read in Thailand's date (UTC+7). */
static void test_window(void **state)
{
	struct webtest *t = *state;
	static const struct {
		time_t now;
		int status;
	} cases[] = {
		{1735664399, 403},   /* 2024-12-31T16:59:59Z = 31 Dec 23:59:59 in Bangkok */
		{1735664400, 200},   /* 2024-12-31T17:00:00Z =  1 Jan 00:00:00 in Bangkok */
		{1743440399, 200},   /* 2025-03-31T16:59:59Z = 31 Mar 23:59:59 in Bangkok */
		{1743440400, 403},   /* 2025-03-31T17:00:00Z =  1 Apr 00:00:00 in Bangkok */
		{1760000000, 403},   /* October 2025 */
	};
	struct webtest_res r;
	char path[128];
	long stored = 0;

	snprintf(path, sizeof path, "/s/%s", t->p01.eit_token);
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		char nonce[23], *body;

		t->now = cases[k].now;
		assert_int_equal(webtest_request(t, "GET", path, NULL, NULL, 0, NULL, &r),
				 cases[k].status);
		if (cases[k].status == 403)
			assert_has(r.body, cases[k].now < 1740000000 ? "ยังไม่เปิดให้ตอบ"
								   : "ปิดรับคำตอบแล้ว");
		webtest_res_free(&r);

		snprintf(nonce, sizeof nonce, "window%016zu", k);
		body = survey_body(t, "EIT", nonce, 1, NULL, NULL);
		assert_int_equal(post(t, path, body, &r), cases[k].status == 200 ? 303 : 403);
		webtest_res_free(&r);
		free(body);
		stored += cases[k].status == 200;
		assert_int_equal(responses(t, &t->a01, "EIT"), stored);
	}
	assert_int_equal(stored, 2);
}

/* Make the app again with other limits (the config is copied when the app is made). */
static void remake_app(struct webtest *t, unsigned net_per_min, unsigned link_per_min)
{
	struct oi_error err;

	web_app_free(t->app);
	t->cfg.rate_network_per_min = net_per_min;
	t->cfg.rate_link_per_min = link_per_min;
	if (web_app_new(&t->cfg, t->st, &t->app, &err))
		webtest_fail("app", &err);
	t->fw = web_app_framework(t->app, "ita-2565", &err);
	if (!t->fw)
		webtest_fail("framework", &err);
}

static void test_rate_limit_link(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;
	char path[128];

	remake_app(t, 0, 3);
	snprintf(path, sizeof path, "/s/%s", t->p02.eit_token);
	for (int k = 0; k < 5; k++) {
		char nonce[23], *body;

		snprintf(nonce, sizeof nonce, "linklimit%013d", k);
		body = survey_body(t, "EIT", nonce, (unsigned)k, NULL, NULL);
		t->remote_addr = k % 2 ? "203.0.113.5" : "2001:db8:1:2::5";   /* networks vary */
		post(t, path, body, &r);
		if (k < 3) {
			assert_int_equal(r.status, 303);
		} else {
			assert_int_equal(r.status, 429);
			assert_has(r.headers, "Retry-After: ");
			assert_has(r.body, "ถี่เกินกำหนด");
			/* the answers are kept on the page */
			assert_has(r.body, "name=\"e1\" value=\"");
			assert_true(webtest_count(r.body, " checked") == 15);
		}
		webtest_res_free(&r);
		free(body);
	}
	assert_int_equal(responses(t, &t->a02, "EIT"), 3);

	/* a minute later the link takes answers again */
	t->now += 60;
	{
		char *body = survey_body(t, "EIT", "linklimit-after-minute", 1, NULL, NULL);

		assert_int_equal(post(t, path, body, &r), 303);
		webtest_res_free(&r);
		free(body);
	}
	assert_int_equal(responses(t, &t->a02, "EIT"), 4);
}

static void test_rate_limit_network(void **state)
{
	struct webtest *t = *state;
	static const struct {
		const char *addr;
		int status;
	} cases[] = {
		{"198.51.100.7", 303},
		{"198.51.100.99", 303},      /* the same /24 */
		{"198.51.100.200", 429},     /* its third: over the limit of 2 */
		{"::ffff:198.51.100.1", 429},/* the same network, written as IPv6 */
		{"198.51.101.7", 303},       /* the next /24 */
		{"2001:db8:77:1::1", 303},
		{"2001:db8:77:ffff::2", 303},/* the same /48 */
		{"2001:db8:77:1234::3", 429},
		{"2001:db8:78::1", 303},     /* another /48 */
	};
	struct webtest_res r;
	char path[128];
	long stored = 0;

	remake_app(t, 2, 0);
	snprintf(path, sizeof path, "/s/%s", t->p01.eit_token);
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		char nonce[23], *body;

		snprintf(nonce, sizeof nonce, "netlimit%014zu", k);
		body = survey_body(t, "EIT", nonce, 1, NULL, NULL);
		t->remote_addr = cases[k].addr;
		if (post(t, path, body, &r) != cases[k].status)
			fail_msg("%s: status %d, want %d", cases[k].addr, r.status, cases[k].status);
		webtest_res_free(&r);
		free(body);
		stored += cases[k].status == 303;
	}
	assert_int_equal(responses(t, &t->a01, "EIT"), stored);
	/* GETs are not limited */
	t->remote_addr = "198.51.100.7";
	assert_int_equal(webtest_request(t, "GET", path, NULL, NULL, 0, NULL, &r), 200);
	webtest_res_free(&r);
}

/* ---- access codes ---- */

static void codes_of(struct webtest *t, long participation, char (**codes)[OI_CODE_MAX],
		     bool **used, size_t *n)
{
	struct oi_error err;

	if (oi_store_access_codes_list(t->st, participation, codes, used, n, &err))
		webtest_fail("codes", &err);
}

static void test_access_codes_required(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;
	struct oi_error err;
	char (*codes)[OI_CODE_MAX];
	bool *used;
	size_t n;
	char path[128], extra[96], typed[32], *body;

	if (oi_store_participation_set(t->st, t->p01.id, -1, -1, true, &err) ||
	    oi_store_access_codes_add(t->st, t->p01.id, 3, &err))
		webtest_fail("codes", &err);
	codes_of(t, t->p01.id, &codes, &used, &n);
	assert_int_equal(n, 3);
	snprintf(path, sizeof path, "/s/%s", t->p01.iit_token);

	/* the form asks for the code first */
	assert_int_equal(webtest_request(t, "GET", path, NULL, NULL, 0, NULL, &r), 200);
	assert_has(r.body, "name=\"code\"");
	assert_has(r.body, "<label for=\"access-code\">");
	assert_true(strstr(r.body, "name=\"code\"") < strstr(r.body, "<fieldset"));
	webtest_res_free(&r);

	/* no code */
	body = survey_body(t, "IIT", "codes-none-0000000000A", 1, NULL, NULL);
	assert_int_equal(post(t, path, body, &r), 422);
	assert_has(r.body, "href=\"#access-code\"");
	assert_has(r.body, "กรุณากรอกรหัสเข้าตอบ");
	assert_int_equal(webtest_count(r.body, " checked"), 51);
	webtest_res_free(&r);
	free(body);

	/* a wrong code */
	body = survey_body(t, "IIT", "codes-wrong-000000000A", 1, NULL, "code=ZZZZ2222");
	assert_int_equal(post(t, path, body, &r), 422);
	assert_has(r.body, "รหัสเข้าตอบไม่ถูกต้องหรือถูกใช้ไปแล้ว");
	assert_has(r.body, "value=\"ZZZZ2222\"");
	assert_int_equal(webtest_count(r.body, " checked"), 51);
	webtest_res_free(&r);
	free(body);
	assert_int_equal(responses(t, &t->a01, "IIT"), 0);

	/* a valid code, typed in lower case with a space: accepted once */
	snprintf(typed, sizeof typed, "%.4s+%s", codes[1], codes[1] + 4);
	for (char *p = typed; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	snprintf(extra, sizeof extra, "code=%s", typed);
	body = survey_body(t, "IIT", "codes-valid-000000000A", 1, NULL, extra);
	assert_int_equal(post(t, path, body, &r), 303);
	webtest_res_free(&r);
	free(body);
	assert_int_equal(responses(t, &t->a01, "IIT"), 1);

	/* the used code again, on a new form */
	body = survey_body(t, "IIT", "codes-again-000000000A", 1, NULL, extra);
	assert_int_equal(post(t, path, body, &r), 422);
	assert_has(r.body, "ถูกใช้ไปแล้ว");
	webtest_res_free(&r);
	free(body);
	assert_int_equal(responses(t, &t->a01, "IIT"), 1);
	free(codes);
	free(used);
	codes_of(t, t->p01.id, &codes, &used, &n);
	assert_false(used[0]);
	assert_true(used[1]);
	assert_false(used[2]);
	free(codes);
	free(used);

	/* the EIT never asks for a code */
	snprintf(path, sizeof path, "/s/%s", t->p01.eit_token);
	assert_int_equal(webtest_request(t, "GET", path, NULL, NULL, 0, NULL, &r), 200);
	assert_null(strstr(r.body, "name=\"code\""));
	webtest_res_free(&r);
}

static void test_codes_pages(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;
	struct oi_participation part;
	struct oi_error err;
	char (*codes)[OI_CODE_MAX];
	bool *used;
	size_t n;
	char needle[64];

	/* who may */
	assert_int_equal(webtest_request(t, "GET", "/agency/A01/codes", NULL, NULL, 0, "a02", &r),
			 403);
	webtest_res_free(&r);
	assert_int_equal(webtest_request(t, "GET", "/agency/A01/codes", NULL, NULL, 0, "viewer",
					 &r),
			 403);
	webtest_res_free(&r);
	assert_int_equal(webtest_request(t, "GET", "/agency/A01/codes", NULL, NULL, 0, NULL, &r),
			 303);
	webtest_res_free(&r);
	assert_int_equal(webtest_request(t, "POST", "/agency/A01/codes/generate", NULL, "count=5",
					 0, "a02", &r),
			 403);
	webtest_res_free(&r);
	assert_int_equal(webtest_request(t, "GET", "/agency/A01/codes", NULL, NULL, 0, "admin", &r),
			 200);
	webtest_res_free(&r);

	assert_int_equal(webtest_request(t, "GET", "/agency/A01/codes", NULL, NULL, 0, "a01", &r),
			 200);
	assert_has(r.body, "ไม่ต้องใช้");
	assert_has(r.body, "name=\"csrf\" value=\"csrf-a01\"");
	assert_has(r.body, "http://openita.test/s/");
	assert_has(r.body, t->p01.iit_token);
	webtest_res_free(&r);

	/* generate: bad counts are refused on the page, good ones make codes */
	assert_int_equal(webtest_request(t, "POST", "/agency/A01/codes/generate", NULL, "count=0",
					 0, "a01", &r),
			 422);
	assert_has(r.body, "1 ถึง 10,000");
	webtest_res_free(&r);
	assert_int_equal(webtest_request(t, "POST", "/agency/A01/codes/generate", NULL,
					 "count=10001", 0, "a01", &r),
			 422);
	webtest_res_free(&r);
	assert_int_equal(webtest_request(t, "POST", "/agency/A01/codes/generate", NULL, "count=abc",
					 0, "a01", &r),
			 422);
	assert_has(r.body, "value=\"abc\"");
	webtest_res_free(&r);
	codes_of(t, t->p01.id, &codes, &used, &n);
	assert_int_equal(n, 0);
	free(codes);
	free(used);
	/* with a forged CSRF token, or another session's: refused by the dispatcher */
	assert_int_equal(webtest_request(t, "POST", "/agency/A01/codes/generate", NULL,
					 "count=5&csrf=forged", 0, "a01", &r),
			 403);
	webtest_res_free(&r);
	{
		char csrf[64], body[96];

		snprintf(body, sizeof body, "count=5&csrf=%s", webtest_csrf("admin", csrf, sizeof csrf));
		assert_int_equal(webtest_request(t, "POST", "/agency/A01/codes/generate", NULL, body, 0,
						 "a01", &r),
				 403);
		webtest_res_free(&r);
	}

	assert_int_equal(webtest_request(t, "POST", "/agency/A01/codes/generate", NULL, "count=5",
					 0, "a01", &r),
			 303);
	assert_string_equal(r.location, "/agency/A01/codes?done=generated&n=5");
	webtest_res_free(&r);
	codes_of(t, t->p01.id, &codes, &used, &n);
	assert_int_equal(n, 5);
	assert_int_equal(webtest_request(t, "GET", "/agency/A01/codes?done=generated&n=5", NULL,
					 NULL, 0, "a01", &r),
			 200);
	assert_has(r.body, "สร้างรหัสเข้าตอบใหม่แล้ว 5 รหัส");
	assert_has(r.body, "<td class=\"num\">5</td>");
	webtest_res_free(&r);

	/* require codes on, then off */
	assert_int_equal(webtest_request(t, "POST", "/agency/A01/codes/require", NULL, "required=1",
					 0, "a01", &r),
			 303);
	webtest_res_free(&r);
	if (oi_store_participation_get(t->st, t->assessment.id, t->a01.id, &part, &err))
		webtest_fail("participation", &err);
	assert_true(part.iit_codes_required);
	assert_int_equal(webtest_request(t, "POST", "/agency/A01/codes/require", NULL, "required=x",
					 0, "a01", &r),
			 400);
	webtest_res_free(&r);

	/* the sheet: one card per unused code, with the link; a used code leaves it */
	{
		char extra[64], *body;

		snprintf(extra, sizeof extra, "code=%s", codes[0]);
		body = survey_body(t, "IIT", "sheet-used-0000000000A", 1, NULL, extra);
		{
			char path[128];

			snprintf(path, sizeof path, "/s/%s", t->p01.iit_token);
			assert_int_equal(post(t, path, body, &r), 303);
			webtest_res_free(&r);
		}
		free(body);
	}
	assert_int_equal(webtest_request(t, "GET", "/agency/A01/codes/sheet", NULL, NULL, 0, "a01",
					 &r),
			 200);
	assert_int_equal(webtest_count(r.body, "<div class=\"card\">"), 4);
	for (size_t i = 0; i < n; i++) {
		snprintf(needle, sizeof needle, "%.4s %s", codes[i], codes[i] + 4);
		if (i == 0)
			assert_null(strstr(r.body, needle));
		else
			assert_has(r.body, needle);
	}
	assert_has(r.body, "@page{size:A4");
	assert_has(r.body, "<symbol id=\"qr\"");
	assert_has(r.body, t->p01.iit_token);
	webtest_res_free(&r);
	assert_int_equal(webtest_request(t, "GET", "/agency/A01/codes/sheet", NULL, NULL, 0, "a02",
					 &r),
			 403);
	webtest_res_free(&r);
	free(codes);
	free(used);

	assert_int_equal(webtest_request(t, "POST", "/agency/A01/codes/require", NULL, "required=0",
					 0, "admin", &r),
			 303);
	webtest_res_free(&r);
	if (oi_store_participation_get(t->st, t->assessment.id, t->a01.id, &part, &err))
		webtest_fail("participation", &err);
	assert_false(part.iit_codes_required);
}

/* ---- posters ---- */

static void test_poster_routes(void **state)
{
	struct webtest *t = *state;
	static const unsigned char png_sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	struct webtest_res r;

	assert_int_equal(webtest_request(t, "GET", "/agency/A01/poster/eit?format=png", NULL, NULL,
					 0, "a01", &r),
			 200);
	assert_string_equal(r.content_type, "image/png");
	assert_true(r.len > 1000);
	assert_memory_equal(r.body, png_sig, 8);
	assert_has(r.headers, "Content-Disposition: attachment; filename=\"poster-A01-eit-2568.png\"");
	webtest_res_free(&r);

	assert_int_equal(webtest_request(t, "GET", "/agency/A01/poster/iit", NULL, NULL, 0, "admin",
					 &r),
			 200);
	assert_string_equal(r.content_type, "application/pdf");
	assert_memory_equal(r.body, "%PDF", 4);
	/* the link printed on it is absolute, built from the Host header */
	{
		char path[] = "/tmp/openita-poster-route-XXXXXX", cmd[128], line[4096], want[160];
		int fd = mkstemp(path);
		FILE *p;
		size_t got;

		assert_true(fd >= 0);
		assert_int_equal(write(fd, r.body, r.len), (ssize_t)r.len);
		close(fd);
		snprintf(cmd, sizeof cmd, "pdftotext -raw '%s' -", path);
		p = popen(cmd, "r");
		assert_non_null(p);
		got = fread(line, 1, sizeof line - 1, p);
		line[got] = '\0';
		pclose(p);
		unlink(path);
		snprintf(want, sizeof want, "http://openita.test/s/%s", t->p01.iit_token);
		assert_has(line, want);
		assert_has(line, t->a01.name);
	}
	webtest_res_free(&r);

	assert_int_equal(webtest_request(t, "GET", "/agency/A01/poster/oit", NULL, NULL, 0, "a01",
					 &r),
			 404);
	webtest_res_free(&r);
	assert_int_equal(webtest_request(t, "GET", "/agency/A01/poster/eit?format=gif", NULL, NULL,
					 0, "a01", &r),
			 400);
	webtest_res_free(&r);
	assert_int_equal(webtest_request(t, "GET", "/agency/A01/poster/eit", NULL, NULL, 0, "a02",
					 &r),
			 403);
	webtest_res_free(&r);
	assert_int_equal(webtest_request(t, "GET", "/agency/A99/poster/eit", NULL, NULL, 0, "admin",
					 &r),
			 404);
	webtest_res_free(&r);
}

/* The three groups are in the dispatcher's list (this reference also links them in while
   routes.c still declares them weak). */
static void test_route_groups(void **state)
{
	const struct web_route *mine[] = {web_routes_survey, web_routes_codes, web_routes_posters};

	(void)state;
	for (size_t k = 0; k < 3; k++) {
		bool listed = false;

		assert_non_null(mine[k]);
		assert_non_null(mine[k][0].pattern);
		for (size_t g = 0; g < web_route_group_count; g++)
			listed |= web_route_groups[g] == mine[k];
		assert_true(listed);
	}
	assert_int_equal(web_routes_survey[0].roles, WEB_PUBLIC);
	assert_int_equal(web_routes_survey[0].max_body, WEB_MAX_SURVEY_BODY);
}

/* ---- the limiter itself ---- */

static void test_ratelimit_unit(void **state)
{
	unsigned char net[8];
	struct ratelimit *rl = ratelimit_new(10);
	time_t now = 1000000;

	(void)state;
	assert_int_equal(ratelimit_network("192.0.2.33", net), 4);
	assert_memory_equal(net, "\x04\xc0\x00\x02", 4);
	assert_int_equal(ratelimit_network("::ffff:192.0.2.1", net), 4);
	assert_memory_equal(net, "\x04\xc0\x00\x02", 4);
	assert_int_equal(ratelimit_network("2001:db8:aa:bb::1", net), 7);
	assert_memory_equal(net, "\x06\x20\x01\x0d\xb8\x00\xaa", 7);
	assert_int_equal(ratelimit_network("not an address", net), 0);
	assert_int_equal(ratelimit_network(NULL, net), 0);
	assert_int_equal(ratelimit_network("192.0.2.256", net), 0);

	/* a minute's burst, then one every 60/per_min seconds */
	for (int i = 0; i < 60; i++)
		assert_int_equal(ratelimit_take(rl, RATELIMIT_LINK, "k", 1, 60, now), 0);
	assert_int_equal(ratelimit_take(rl, RATELIMIT_LINK, "k", 1, 60, now), 1);
	assert_int_equal(ratelimit_take(rl, RATELIMIT_LINK, "k", 1, 60, now + 1), 0);
	assert_int_equal(ratelimit_take(rl, RATELIMIT_LINK, "k", 1, 60, now + 1), 1);
	/* the same key under another kind is another bucket */
	assert_int_equal(ratelimit_take(rl, RATELIMIT_NETWORK, "k", 1, 60, now), 0);
	/* one a minute: the wait is a minute */
	assert_int_equal(ratelimit_take(rl, RATELIMIT_LINK, "slow", 4, 1, now), 0);
	assert_int_equal(ratelimit_take(rl, RATELIMIT_LINK, "slow", 4, 1, now), 60);
	assert_int_equal(ratelimit_take(rl, RATELIMIT_LINK, "slow", 4, 1, now + 30), 30);
	assert_int_equal(ratelimit_take(rl, RATELIMIT_LINK, "slow", 4, 1, now + 60), 0);
	/* 0 is no limit */
	for (int i = 0; i < 1000; i++)
		assert_int_equal(ratelimit_take(rl, RATELIMIT_LINK, "free", 4, 0, now), 0);
	/* a flood of fresh keys fits in the fixed table */
	for (unsigned i = 0; i < 5000; i++)
		assert_int_equal(ratelimit_take(rl, RATELIMIT_NETWORK, &i, sizeof i, 5, now), 0);
	ratelimit_free(rl);
}

/* fontconfig (loaded by the poster routes) keeps its configuration for the life of the
   process: not our leak. Read by LeakSanitizer in the sanitizer build. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		webtest_unit_test(test_get_iit_form),
		webtest_unit_test(test_get_eit_form),
		webtest_unit_test(test_post_complete_and_duplicate),
		webtest_unit_test(test_post_eit),
		webtest_unit_test(test_post_missing),
		webtest_unit_test(test_post_bad_values),
		webtest_unit_test(test_unknown_token),
		webtest_unit_test(test_window),
		webtest_unit_test(test_rate_limit_link),
		webtest_unit_test(test_rate_limit_network),
		webtest_unit_test(test_access_codes_required),
		webtest_unit_test(test_codes_pages),
		webtest_unit_test(test_poster_routes),
		cmocka_unit_test(test_route_groups),
		cmocka_unit_test(test_ratelimit_unit),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
