/*
 * webtest.h — the web layer's test harness: a temporary store and app with one assessment,
 * two agencies and one user per role, and requests run through web_handle() without sockets.
 *
 *   struct webtest t;
 *   webtest_setup(&t);
 *   struct webtest_res r;
 *   webtest_request(&t, "POST", "/agency/A01/populations", NULL, "staff=450&service=900", 0,
 *                   "a01", &r);                // CSRF added automatically for a user's POST
 *   assert_int_equal(r.status, 303);
 *   webtest_res_free(&r);
 *   webtest_teardown(&t);
 *
 * In a cmocka table, webtest_unit_test(f) gives f a fresh harness in *state (setup and teardown
 * webtest_cmocka_setup/_teardown). Shorter forms for tests: webtest_expect() and
 * webtest_expect_status() (a request that must answer a given status), webtest_submit() and
 * webtest_add_responses() (responses straight into the store), webtest_make_answers(),
 * webtest_participation(), webtest_count().
 *
 * Users (password WEBTEST_PASSWORD): admin, a01 (agency admin of A01), a02 (of A02),
 * assessor, viewer. Each has a session: cookie "oi_session=tok-<user>", CSRF "csrf-<user>".
 * Anonymous requests carry the cookie "oi_pre=pre-webtest-token" and, for POSTs without a csrf
 * field, csrf=pre-webtest-token (the login form's double submit).
 * The assessment: fiscal year 2568 on ita-2565, survey window 2025-01-01..2025-03-31, every
 * other window around it; t.now = WEBTEST_NOW (2025-02-10 10:00 Thailand time) lies inside the
 * survey and OIT windows.
 */
#ifndef OPENITA_TESTS_WEBTEST_H
#define OPENITA_TESTS_WEBTEST_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>

#include "auth.h"
#include "openita/analysis.h"
#include "openita/plan.h"
#include "openita/store.h"
#include "web.h"

/* Every helper may go unused in a given test file. */
#define WEBTEST_FN static inline __attribute__((unused))

#define WEBTEST_NOW ((time_t)1739156400)     /* 2025-02-10T03:00:00Z */
#define WEBTEST_PASSWORD "test-pass-1234"

struct webtest {
	char dir[64];
	char db[128];
	struct oi_store *st;
	struct web_app *app;
	struct web_config cfg;
	struct oi_assessment assessment;
	struct oi_agency a01, a02;
	struct oi_participation p01, p02;
	const struct oi_framework *fw;
	time_t now;
	const char *remote_addr;     /* default "192.0.2.10" */
};

struct webtest_res {
	int status;
	char *body;                  /* NUL-terminated */
	size_t len;
	char content_type[128];
	char location[1024];
	char set_cookie[1024];       /* the first Set-Cookie, or "" */
	char headers[4096];          /* every header as "Name: value\n" */
};

WEBTEST_FN void webtest_fail(const char *what, const struct oi_error *err)
{
	fprintf(stderr, "webtest: %s: %s\n", what, err ? err->message : "");
	fail();
}

/* One argon2id hash for every test user: hashing is slow on purpose. */
WEBTEST_FN const char *webtest_hash(void)
{
	static char hash[OI_HASH_MAX];

	if (!hash[0]) {
		struct oi_error err;

		if (auth_hash_password(WEBTEST_PASSWORD, hash, &err))
			webtest_fail("hash", &err);
	}
	return hash;
}

WEBTEST_FN void webtest_session(struct webtest *t, const char *username, long id)
{
	char token[64], csrf[OI_TOKEN_MAX];
	unsigned char hash[32];
	struct oi_error err;

	snprintf(token, sizeof token, "tok-%s", username);
	snprintf(csrf, sizeof csrf, "csrf-%s", username);
	crypto_hash_sha256(hash, (const unsigned char *)token, strlen(token));
	if (oi_store_session_put(t->st, hash, id, csrf, (int64_t)t->now + 86400 * 365, &err))
		webtest_fail("session", &err);
}

WEBTEST_FN void webtest_user(struct webtest *t, const char *name, enum oi_role role,
			 const char *agency)
{
	struct oi_error err;
	long id;

	if (oi_store_user_add(t->st, name, role, agency, webtest_hash(), &id, &err))
		webtest_fail("user", &err);
	webtest_session(t, name, id);
}

WEBTEST_FN void webtest_agency(struct webtest *t, struct oi_agency *a, const char *code,
			   const char *name, const char *province)
{
	struct oi_error err;

	memset(a, 0, sizeof *a);
	snprintf(a->code, sizeof a->code, "%s", code);
	snprintf(a->name, sizeof a->name, "%s", name);
	snprintf(a->type, sizeof a->type, "%s", "กรม");
	snprintf(a->province, sizeof a->province, "%s", province);
	if (oi_store_agency_add(t->st, a, &err))
		webtest_fail("agency", &err);
}

WEBTEST_FN void webtest_setup(struct webtest *t)
{
	struct oi_error err;
	struct oi_assessment *a = &t->assessment;

	memset(t, 0, sizeof *t);
	t->now = WEBTEST_NOW;
	t->remote_addr = "192.0.2.10";
	snprintf(t->dir, sizeof t->dir, "/tmp/openita-webtest-XXXXXX");
	if (!mkdtemp(t->dir))
		fail_msg("mkdtemp");
	snprintf(t->db, sizeof t->db, "%s/test.db", t->dir);
	if (oi_store_open(t->db, &t->st, &err))
		webtest_fail("open", &err);
	web_config_defaults(&t->cfg);
	t->cfg.db_path = t->db;
	if (web_app_new(&t->cfg, t->st, &t->app, &err))
		webtest_fail("app", &err);
	webtest_agency(t, &t->a01, "A01", "สำนักงานทดสอบระบบ หนึ่ง", "กรุงเทพมหานคร");
	webtest_agency(t, &t->a02, "A02", "สำนักงานทดสอบระบบ สอง", "เชียงใหม่");
	a->fiscal_year = 2568;
	snprintf(a->framework_id, sizeof a->framework_id, "ita-2565");
	memcpy(a->survey_open, "2025-01-01", 11);
	memcpy(a->survey_close, "2025-03-31", 11);
	memcpy(a->oit_open, "2025-01-01", 11);
	memcpy(a->oit_close, "2025-04-30", 11);
	memcpy(a->review_open, "2025-05-01", 11);
	memcpy(a->review_close, "2025-06-15", 11);
	memcpy(a->clarify_open, "2025-06-16", 11);
	memcpy(a->clarify_close, "2025-06-30", 11);
	memcpy(a->publish_on, "2025-09-15", 11);
	if (oi_store_assessment_add(t->st, a, &err) ||
	    oi_store_participation_ensure(t->st, a->id, t->a01.id, &t->p01, &err) ||
	    oi_store_participation_ensure(t->st, a->id, t->a02.id, &t->p02, &err))
		webtest_fail("assessment", &err);
	t->fw = web_app_framework(t->app, "ita-2565", &err);
	if (!t->fw)
		webtest_fail("framework", &err);
	webtest_user(t, "admin", OI_ROLE_ADMIN, NULL);
	webtest_user(t, "a01", OI_ROLE_AGENCY_ADMIN, "A01");
	webtest_user(t, "a02", OI_ROLE_AGENCY_ADMIN, "A02");
	webtest_user(t, "assessor", OI_ROLE_ASSESSOR, NULL);
	webtest_user(t, "viewer", OI_ROLE_VIEWER, NULL);
}

WEBTEST_FN void webtest_teardown(struct webtest *t)
{
	char path[192];

	web_app_free(t->app);
	oi_store_close(t->st);
	snprintf(path, sizeof path, "%s-wal", t->db);
	unlink(path);
	snprintf(path, sizeof path, "%s-shm", t->db);
	unlink(path);
	unlink(t->db);
	rmdir(t->dir);
}

/*
 * cmocka fixtures: a fresh harness per test, allocated in *state, removed afterwards.
 *   cmocka_unit_test_setup_teardown(f, webtest_cmocka_setup, webtest_cmocka_teardown)
 * or, shorter, webtest_unit_test(f).
 */
WEBTEST_FN int webtest_cmocka_setup(void **state)
{
	struct webtest *t = calloc(1, sizeof *t);

	if (!t)
		return -1;
	webtest_setup(t);
	*state = t;
	return 0;
}

WEBTEST_FN int webtest_cmocka_teardown(void **state)
{
	webtest_teardown(*state);
	free(*state);
	return 0;
}

#define webtest_unit_test(f) \
	cmocka_unit_test_setup_teardown(f, webtest_cmocka_setup, webtest_cmocka_teardown)

/* The participation of agency agency_id in the harness's assessment, or the test fails. */
WEBTEST_FN struct oi_participation webtest_participation(struct webtest *t, long agency_id)
{
	struct oi_participation p;
	struct oi_error err;

	if (oi_store_participation_get(t->st, t->assessment.id, agency_id, &p, &err))
		webtest_fail("participation", &err);
	return p;
}

/*
 * A valid answers string for survey instrument `instrument` (index into fw->instruments):
 * answer code i gets option (i * step + seed) mod n + 1, n being its scale's options, written
 * '1'..'9', 'A' for 10.
 */
WEBTEST_FN void webtest_make_answers(const struct oi_framework *fw, size_t instrument,
				     unsigned step, unsigned seed, char *out, size_t size)
{
	const struct oi_instrument *in = &fw->instruments[instrument];
	size_t i;

	assert_true(in->n_subitems < size);
	for (i = 0; i < in->n_subitems; i++) {
		const struct oi_subitem *s = &fw->subitems[in->first_subitem + i];
		size_t n = fw->questions[s->question].scale->n_options;
		size_t opt = (i * step + seed) % n + 1;

		out[i] = opt == 10 ? 'A' : (char)('0' + opt);
	}
	out[i] = '\0';
}

/* Store one response straight through the store; the test fails unless it is stored. */
WEBTEST_FN void webtest_submit(struct webtest *t, long participation, const char *instrument,
			       const char *hour, const char *answers)
{
	struct oi_response r;
	enum oi_submit_result result;
	struct oi_error err;

	memset(&r, 0, sizeof r);
	r.participation_id = participation;
	snprintf(r.instrument, sizeof r.instrument, "%s", instrument);
	snprintf(r.hour, sizeof r.hour, "%s", hour);
	snprintf(r.answers, sizeof r.answers, "%s", answers);
	if (oi_store_response_submit(t->st, &r, &result, &err))
		webtest_fail("submit", &err);
	assert_int_equal(result, OI_SUBMIT_STORED);
}

/*
 * n responses of instrument ("IIT"/"EIT") to a participation at hour ("YYYY-MM-DDTHH"); the
 * k-th response answers code a with option 1 + (a + k) mod cycle (cycle 1: every option 1;
 * cycle 2: options 1 and 2, valid on every scale).
 */
WEBTEST_FN void webtest_add_responses(struct webtest *t, long participation,
				      const char *instrument, int n, const char *hour,
				      unsigned cycle)
{
	long k = oi_framework_find_instrument(t->fw, instrument);
	char answers[OI_ANSWERS_MAX];
	size_t len;

	assert_true(k >= 0);
	len = t->fw->instruments[k].n_subitems;
	assert_true(len < sizeof answers && cycle > 0);
	for (int i = 0; i < n; i++) {
		for (size_t a = 0; a < len; a++)
			answers[a] = (char)('1' + (a + (size_t)i) % cycle);
		answers[len] = '\0';
		webtest_submit(t, participation, instrument, hour, answers);
	}
}

/* How many times needle occurs in hay, not overlapping. */
WEBTEST_FN size_t webtest_count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

WEBTEST_FN void webtest_res_free(struct webtest_res *r)
{
	free(r->body);
	memset(r, 0, sizeof *r);
}

/* The CSRF token of a user's session ("csrf-<user>"), for multipart bodies built by tests. */
WEBTEST_FN const char *webtest_csrf(const char *user, char *out, size_t size)
{
	snprintf(out, size, "csrf-%s", user);
	return out;
}

/*
 * Run one request. method: "GET", "POST", "HEAD", other → WEB_OTHER. target: path with an
 * optional "?query" (the path is used as given: write it percent-decoded). content_type NULL:
 * urlencoded for a POST. body_len 0 with a body: strlen(body). as_user: NULL anonymous.
 */
WEBTEST_FN int webtest_request(struct webtest *t, const char *method, const char *target,
			   const char *content_type, const char *body, size_t body_len,
			   const char *as_user, struct webtest_res *out)
{
	struct web_request q;
	struct web_response res;
	char path[2048], cookie[256], *fullbody = NULL;
	const char *qm = strchr(target, '?');
	size_t plen = qm ? (size_t)(qm - target) : strlen(target);

	memset(out, 0, sizeof *out);
	memset(&q, 0, sizeof q);
	if (plen >= sizeof path)
		plen = sizeof path - 1;
	memcpy(path, target, plen);
	path[plen] = '\0';
	q.path = path;
	q.query = qm ? qm + 1 : "";
	q.method = !strcmp(method, "GET")    ? WEB_GET
		   : !strcmp(method, "POST") ? WEB_POST
		   : !strcmp(method, "HEAD") ? WEB_HEAD
					     : WEB_OTHER;
	if (body && !body_len)
		body_len = strlen(body);
	if (q.method == WEB_POST && !content_type)
		content_type = "application/x-www-form-urlencoded";
	if (as_user)
		snprintf(cookie, sizeof cookie, "oi_session=tok-%s", as_user);
	else
		snprintf(cookie, sizeof cookie, "oi_pre=pre-webtest-token");
	if (q.method == WEB_POST && content_type &&
	    !strncmp(content_type, "application/x-www-form-urlencoded", 33) &&
	    (!body || !strstr(body, "csrf="))) {
		size_t cap = body_len + 128;

		fullbody = malloc(cap);
		snprintf(fullbody, cap, "%.*s%scsrf=%s%s", (int)body_len, body ? body : "",
			 body_len ? "&" : "", as_user ? "csrf-" : "pre-webtest-token",
			 as_user ? as_user : "");
		body = fullbody;
		body_len = strlen(fullbody);
	}
	q.content_type = content_type;
	q.cookie = cookie;
	q.host = "openita.test";
	q.body = body;
	q.body_len = body_len;
	q.remote_addr = t->remote_addr;
	q.now = t->now;
	web_response_init(&res);
	web_handle(t->app, &q, &res);
	out->status = res.status;
	out->len = res.body.len;
	out->body = malloc(res.body.len + 1);
	if (res.body.len)
		memcpy(out->body, res.body.data, res.body.len);
	out->body[res.body.len] = '\0';
	snprintf(out->content_type, sizeof out->content_type, "%s",
		 res.content_type ? res.content_type : "");
	for (size_t i = 0; i < res.n_headers; i++) {
		size_t used = strlen(out->headers);

		snprintf(out->headers + used, sizeof out->headers - used, "%s: %s\n",
			 res.headers[i].name, res.headers[i].value);
		if (!strcasecmp(res.headers[i].name, "Location"))
			snprintf(out->location, sizeof out->location, "%s", res.headers[i].value);
		if (!strcasecmp(res.headers[i].name, "Set-Cookie") && !out->set_cookie[0])
			snprintf(out->set_cookie, sizeof out->set_cookie, "%s",
				 res.headers[i].value);
	}
	web_response_release(&res);
	free(fullbody);
	return out->status;
}

/*
 * Run a request (a urlencoded body, or none) and fail the test, naming the request, unless its
 * status is want. The response stays in out: free it with webtest_res_free().
 */
WEBTEST_FN void webtest_expect(struct webtest *t, const char *method, const char *target,
			       const char *body, const char *as_user, int want,
			       struct webtest_res *out)
{
	webtest_request(t, method, target, NULL, body, 0, as_user, out);
	if (out->status != want)
		fail_msg("%s %s as %s: %d, wanted %d\n%s", method, target,
			 as_user ? as_user : "anonymous", out->status, want, out->body);
}

/* webtest_expect() when only the status matters: the response is freed. */
WEBTEST_FN void webtest_expect_status(struct webtest *t, const char *method, const char *target,
				      const char *body, const char *as_user, int want)
{
	struct webtest_res r;

	webtest_expect(t, method, target, body, as_user, want, &r);
	webtest_res_free(&r);
}

/*
 * A stored result (the year before the harness's assessment, 2567) and plan (2568) for agency:
 * indicators 1..10 scored 95, 92, 70, 96, 91, 80, 85, 75, 93, 40 (so 3, 6, 7, 8 and 10 are
 * weaknesses), the first OIT item failed with a comment; the plan has one measure running the
 * whole fiscal year (2024-10-01..2025-09-30) with two steps, one committee with a chair, and
 * one problem.
 */
WEBTEST_FN void webtest_seed_plan(struct webtest *t, const struct oi_agency *agency)
{
	static const double scores[] = {95, 92, 70, 96, 91, 80, 85, 75, 93, 40};
	struct oi_agency_result *ar = oi_agency_result_new(t->fw, agency->code);
	struct oi_plan *p = oi_plan_new(t->fw->id, agency->code, t->assessment.fiscal_year);
	struct oi_measure *m;
	struct oi_committee *c;
	struct oi_committee_member *mb;
	struct oi_error err;

	ar->fiscal_year_be = t->assessment.fiscal_year - 1;
	for (size_t i = 0; i < t->fw->n_indicators && i < 10; i++) {
		ar->result.has_indicator[i] = true;
		ar->result.indicator[i] = scores[i];
	}
	ar->verdict[0] = 0;
	ar->comment[0] = malloc(64);
	snprintf(ar->comment[0], 64, "%s", "ไม่พบข้อมูลผู้บริหาร");
	oi_agency_result_finish(ar);
	if (oi_store_result_save(t->st, agency->id, ar, "entered", &err))
		webtest_fail("seed result", &err);
	oi_agency_result_free(ar);

	p->result_year_be = t->assessment.fiscal_year - 1;
	oi_plan_set(p, &p->agency_name_th, agency->name);
	m = oi_plan_add_measure(p);
	oi_plan_set(p, &m->instrument, "IIT");
	oi_plan_set(p, &m->source, "3");
	oi_plan_set(p, &m->issue_th, "มาตรการป้องกันการใช้อำนาจโดยมิชอบ");
	oi_plan_set(p, &m->finding_th, "คะแนนตัวชี้วัดที่ 3 ต่ำกว่าเกณฑ์");
	oi_plan_measure_add_step(p, m, "ประกาศเจตนารมณ์");
	oi_plan_measure_add_step(p, m, "อบรมบุคลากร");
	oi_plan_set(p, &m->unit_th, "กองกลาง");
	c = oi_plan_add_committee(p);
	oi_plan_set(p, &c->instrument, "IIT");
	oi_plan_set(p, &c->name_th, "คณะทำงานด้าน IIT");
	mb = oi_plan_committee_add_member(p, c);
	oi_plan_set(p, &mb->name_th, "นายประธาน ทดสอบ");
	mb->role = OI_ROLE_CHAIR;
	oi_plan_add_problem(p, "งบประมาณจำกัด");
	if (oi_store_plan_save(t->st, agency->id, p, &err))
		webtest_fail("seed plan", &err);
	oi_plan_free(p);
}

/* The stored plan of agency for the harness's year as JSON (malloc'd), or "none". */
WEBTEST_FN char *webtest_plan_json(struct webtest *t, long agency_id)
{
	struct oi_plan *p = NULL;
	struct oi_error err;
	char *s;
	int rc = oi_store_plan_load(t->st, agency_id, t->assessment.fiscal_year, &p, &err);

	if (rc < 0)
		webtest_fail("plan load", &err);
	if (rc == 1) {
		s = malloc(5);
		memcpy(s, "none", 5);
		return s;
	}
	s = oi_plan_to_json(p);
	oi_plan_free(p);
	return s;
}

#endif
