/*
 * test_api.c — the JSON API under /api/v1 (src/web/api.c): the shape of every document, the
 * agency list's filters and paging, refusals of bad parameters (page=-1, per_page beyond 500,
 * sort=bogus …) as JSON 4xx, one agency and its progress (minimums, trend, projection,
 * provisional scores once the minimum is reached), setting populations and adding an agency
 * with their validation, CSRF and body cap.
 *
 * Run with OPENITA_API_EXAMPLES=1 to print the example responses docs/api.md shows.
 */
#include <jansson.h>

#include "routes.h"
#include "webtest.h"

/* ---- helpers ---- */

static bool print_examples;

/* Run a request and parse its JSON body (the test fails when it is not JSON). The caller
 * json_decref()s the result. */
static json_t *call(struct webtest *t, const char *method, const char *target, const char *body,
		    const char *user, int want_status)
{
	struct webtest_res r;
	json_error_t jerr;
	json_t *j;

	webtest_request(t, method, target, body ? "application/x-www-form-urlencoded" : NULL,
			body, 0, user, &r);
	if (r.status != want_status)
		fail_msg("%s %s as %s: %d, wanted %d\n%s", method, target,
			 user ? user : "anonymous", r.status, want_status, r.body);
	if (strncmp(r.content_type, "application/json", 16))
		fail_msg("%s %s: content type %s", method, target, r.content_type);
	j = json_loads(r.body, 0, &jerr);
	if (!j)
		fail_msg("%s %s: not JSON (%s): %s", method, target, jerr.text, r.body);
	if (print_examples) {
		char *pretty = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

		printf("\n### %s %s%s%s as %s → %d\n%s\n", method, target, body ? " body: " : "",
		       body ? body : "", user ? user : "anonymous", r.status, pretty);
		free(pretty);
	}
	webtest_res_free(&r);
	return j;
}

/* An error document: {"error": "<non-empty>", "status": status}. */
static void assert_error_doc(json_t *j, int status)
{
	const char *msg = json_string_value(json_object_get(j, "error"));

	assert_non_null(msg);
	assert_true(strlen(msg) > 0);
	assert_int_equal(json_integer_value(json_object_get(j, "status")), status);
}

static const char *jget_str(json_t *j, const char *path)
{
	return json_string_value(json_object_get(j, path));
}

static json_int_t jget_int(json_t *j, const char *key)
{
	json_t *v = json_object_get(j, key);

	if (!json_is_integer(v))
		fail_msg("\"%s\" is not an integer", key);
	return json_integer_value(v);
}

/* ---- tests ---- */

/* The group is one the dispatcher searches (and this strong reference links it in). */
static void test_route_table_listed(void **state)
{
	bool found = false;

	(void)state;
	for (size_t g = 0; g < web_route_group_count; g++)
		found = found || web_route_groups[g] == web_routes_api;
	assert_true(found);
}

static void test_me(void **state)
{
	struct webtest *t = *state;
	json_t *j;

	j = call(t, "GET", "/api/v1/me", NULL, "viewer", 200);
	assert_string_equal(jget_str(j, "username"), "viewer");
	assert_string_equal(jget_str(j, "role"), "viewer");
	assert_true(json_is_null(json_object_get(j, "agency")));
	assert_string_equal(jget_str(j, "csrf"), "csrf-viewer");
	json_decref(j);
	j = call(t, "GET", "/api/v1/me", NULL, "a01", 200);
	assert_string_equal(jget_str(j, "role"), "agency_admin");
	assert_string_equal(jget_str(j, "agency"), "A01");
	json_decref(j);
	j = call(t, "GET", "/api/v1/me", NULL, NULL, 401);
	assert_error_doc(j, 401);
	json_decref(j);
	j = call(t, "GET", "/api/v1/nothing-here", NULL, "viewer", 404);
	assert_error_doc(j, 404);
	json_decref(j);
	j = call(t, "POST", "/api/v1/me", "", "viewer", 405);
	assert_error_doc(j, 405);
	json_decref(j);
}

static void test_assessments(void **state)
{
	struct webtest *t = *state;
	json_t *j, *cur, *list;

	j = call(t, "GET", "/api/v1/assessments", NULL, "a01", 200);
	cur = json_object_get(j, "current");
	list = json_object_get(j, "assessments");
	assert_true(json_is_object(cur));
	assert_int_equal(json_array_size(list), 1);
	assert_int_equal(jget_int(cur, "fiscal_year"), 2568);
	assert_int_equal(jget_int(cur, "id"), t->assessment.id);
	assert_string_equal(jget_str(cur, "framework"), "ita-2565");
	assert_string_equal(jget_str(json_object_get(cur, "survey"), "open"), "2025-01-01");
	assert_string_equal(jget_str(json_object_get(cur, "survey"), "close"), "2025-03-31");
	assert_string_equal(jget_str(cur, "publish_on"), "2025-09-15");
	json_decref(j);
}

static void test_agencies_list(void **state)
{
	struct webtest *t = *state;
	struct oi_error err;
	json_t *j, *items, *first, *summary;
	char target[256];

	if (oi_store_participation_set(t->st, t->p01.id, 40, 300, false, &err))
		fail_msg("%s", err.message);
	webtest_add_responses(t, t->p01.id, "IIT", 2, "2025-02-10T03", 2);

	j = call(t, "GET", "/api/v1/agencies", NULL, "viewer", 200);
	assert_int_equal(jget_int(j, "total"), 2);
	assert_int_equal(jget_int(j, "page"), 1);
	assert_int_equal(jget_int(j, "per_page"), 50);
	assert_int_equal(jget_int(j, "pages"), 1);
	assert_string_equal(jget_str(j, "sort"), "code");
	assert_string_equal(jget_str(j, "dir"), "asc");
	assert_int_equal(jget_int(json_object_get(j, "assessment"), "fiscal_year"), 2568);
	summary = json_object_get(j, "summary");
	assert_int_equal(jget_int(summary, "agencies"), 2);
	assert_int_equal(jget_int(summary, "collecting"), 1);
	assert_int_equal(jget_int(summary, "missing"), 1);
	assert_int_equal(jget_int(summary, "reached"), 0);
	items = json_object_get(j, "items");
	assert_int_equal(json_array_size(items), 2);
	first = json_array_get(items, 0);
	assert_string_equal(jget_str(first, "code"), "A01");
	assert_string_equal(jget_str(first, "name"), "สำนักงานทดสอบระบบ หนึ่ง");
	assert_string_equal(jget_str(first, "province"), "กรุงเทพมหานคร");
	assert_string_equal(jget_str(first, "type"), "กรม");
	assert_true(json_is_null(json_object_get(first, "parent")));
	assert_int_equal(jget_int(json_object_get(first, "populations"), "staff"), 40);
	assert_int_equal(jget_int(json_object_get(first, "populations"), "service"), 300);
	assert_int_equal(jget_int(json_object_get(first, "iit"), "responses"), 2);
	assert_int_equal(jget_int(json_object_get(first, "iit"), "minimum"), 30);
	assert_int_equal(jget_int(json_object_get(first, "eit"), "minimum"), 30);
	assert_string_equal(jget_str(first, "status"), "collecting");
	/* A02: populations not entered → nulls, status missing */
	assert_true(json_is_null(json_object_get(
		json_object_get(json_array_get(items, 1), "populations"), "staff")));
	assert_true(json_is_null(
		json_object_get(json_object_get(json_array_get(items, 1), "iit"), "minimum")));
	assert_string_equal(jget_str(json_array_get(items, 1), "status"), "missing");
	json_decref(j);

	/* paging and sorting */
	j = call(t, "GET", "/api/v1/agencies?per_page=1&page=2", NULL, "assessor", 200);
	assert_int_equal(jget_int(j, "pages"), 2);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	assert_string_equal(jget_str(json_array_get(json_object_get(j, "items"), 0), "code"),
			    "A02");
	json_decref(j);
	j = call(t, "GET", "/api/v1/agencies?per_page=1&page=3", NULL, "admin", 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 0);   /* beyond: empty */
	assert_int_equal(jget_int(j, "total"), 2);
	json_decref(j);
	j = call(t, "GET", "/api/v1/agencies?sort=code&dir=desc&per_page=500", NULL, "viewer",
		 200);
	assert_string_equal(jget_str(json_array_get(json_object_get(j, "items"), 0), "code"),
			    "A02");
	json_decref(j);

	/* filters */
	snprintf(target, sizeof target, "/api/v1/agencies?province=%s",
		 "%E0%B9%80%E0%B8%8A%E0%B8%B5%E0%B8%A2%E0%B8%87%E0%B9%83%E0%B8%AB%E0%B8%A1%E0%B9%88");
	j = call(t, "GET", target, NULL, "viewer", 200);               /* เชียงใหม่ */
	assert_int_equal(jget_int(j, "total"), 1);
	assert_string_equal(jget_str(json_array_get(json_object_get(j, "items"), 0), "code"),
			    "A02");
	json_decref(j);
	j = call(t, "GET", "/api/v1/agencies?status=collecting&q=a0", NULL, "viewer", 200);
	assert_int_equal(jget_int(j, "total"), 1);
	assert_int_equal(jget_int(json_object_get(j, "summary"), "agencies"), 2);
	json_decref(j);

	/* agency admins and anonymous callers may not list */
	j = call(t, "GET", "/api/v1/agencies", NULL, "a01", 403);
	assert_error_doc(j, 403);
	json_decref(j);
	j = call(t, "GET", "/api/v1/agencies", NULL, NULL, 401);
	assert_error_doc(j, 401);
	json_decref(j);
}

static void test_agencies_bad_parameters(void **state)
{
	static const struct {
		const char *query, *names;
	} bad[] = {
		{"page=-1", "(page)"},         {"page=0", "(page)"},
		{"page=1.5", "(page)"},        {"page=%201", "(page)"},
		{"page=9999999999", "(page)"}, {"per_page=0", "(per_page)"},
		{"per_page=501", "(per_page)"}, {"per_page=100000", "(per_page)"},
		{"per_page=-5", "(per_page)"}, {"sort=bogus", "(sort)"},
		{"sort=CODE", "(sort)"},       {"dir=sideways", "(dir)"},
		{"status=done", "(status)"},   {"q=%FF", "q"},
		{"q=%01x", "q"},
	};
	struct webtest *t = *state;
	char target[512];
	json_t *j;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(target, sizeof target, "/api/v1/agencies?%s", bad[i].query);
		j = call(t, "GET", target, NULL, "viewer", 400);
		assert_error_doc(j, 400);
		if (!strstr(jget_str(j, "error"), bad[i].names))
			fail_msg("%s: \"%s\" does not name %s", target, jget_str(j, "error"),
				 bad[i].names);
		json_decref(j);
	}
	snprintf(target, sizeof target, "/api/v1/agencies?q=%0*d", 201, 0);
	j = call(t, "GET", target, NULL, "viewer", 400);
	assert_non_null(strstr(jget_str(j, "error"), "(q)"));
	json_decref(j);
	/* the edges that are fine */
	j = call(t, "GET", "/api/v1/agencies?per_page=500&page=1000000&sort=&dir=", NULL,
		 "viewer", 200);
	json_decref(j);
}

static void test_agency_document(void **state)
{
	struct webtest *t = *state;
	json_t *j, *part;

	j = call(t, "GET", "/api/v1/agencies/A01", NULL, "a01", 200);
	assert_string_equal(jget_str(j, "code"), "A01");
	assert_string_equal(jget_str(j, "status"), "missing");
	part = json_object_get(j, "participation");
	assert_true(json_is_object(part));
	assert_true(json_is_null(json_object_get(part, "staff_population")));
	assert_true(json_is_false(json_object_get(part, "iit_codes_required")));
	assert_int_equal(jget_int(json_object_get(j, "iit"), "responses"), 0);
	assert_int_equal(jget_int(json_object_get(j, "assessment"), "fiscal_year"), 2568);
	json_decref(j);
	j = call(t, "GET", "/api/v1/agencies/A02", NULL, "a01", 403);
	assert_error_doc(j, 403);
	json_decref(j);
	j = call(t, "GET", "/api/v1/agencies/A02", NULL, "viewer", 200);
	assert_string_equal(jget_str(j, "code"), "A02");
	json_decref(j);
	j = call(t, "GET", "/api/v1/agencies/NOPE", NULL, "viewer", 404);
	assert_error_doc(j, 404);
	json_decref(j);
	j = call(t, "GET", "/api/v1/agencies/A01", NULL, NULL, 401);
	json_decref(j);
}

static void test_agency_progress(void **state)
{
	struct webtest *t = *state;
	struct oi_error err;
	json_t *j, *inst, *iit, *eit, *trend, *last, *proj, *prov, *ind;

	/* IIT: population 10 → minimum 10, 10 responses: reached, provisional scores.
	 * EIT: population 5 → minimum 5, 2 responses today: 3 more at 2 a day → 2 days. */
	if (oi_store_participation_set(t->st, t->p01.id, 10, 5, false, &err))
		fail_msg("%s", err.message);
	webtest_add_responses(t, t->p01.id, "IIT", 4, "2025-02-08T05", 2);
	webtest_add_responses(t, t->p01.id, "IIT", 6, "2025-02-10T01", 2);
	webtest_add_responses(t, t->p01.id, "EIT", 2, "2025-02-10T02", 2);

	j = call(t, "GET", "/api/v1/agencies/A01/progress", NULL, "a01", 200);
	assert_string_equal(jget_str(j, "today"), "2025-02-10");
	assert_string_equal(jget_str(json_object_get(j, "agency"), "code"), "A01");
	assert_int_equal(jget_int(json_object_get(j, "assessment"), "fiscal_year"), 2568);
	inst = json_object_get(j, "instruments");
	assert_int_equal(json_array_size(inst), 2);
	iit = json_array_get(inst, 0);
	eit = json_array_get(inst, 1);
	assert_string_equal(jget_str(iit, "code"), "IIT");
	assert_int_equal(jget_int(iit, "population"), 10);
	assert_int_equal(jget_int(iit, "minimum"), 10);
	assert_int_equal(jget_int(iit, "responses"), 10);
	assert_true(json_is_true(json_object_get(iit, "reached")));
	trend = json_object_get(iit, "trend");
	assert_int_equal(json_array_size(trend), 30);
	last = json_array_get(trend, 29);
	assert_string_equal(jget_str(last, "date"), "2025-02-10");
	assert_int_equal(jget_int(last, "count"), 6);
	assert_int_equal(jget_int(json_array_get(trend, 27), "count"), 4);
	assert_string_equal(jget_str(json_object_get(iit, "projection"), "state"), "reached");
	prov = json_object_get(iit, "provisional");
	assert_true(json_is_object(prov));
	assert_int_equal(jget_int(prov, "respondents"), 10);
	assert_int_equal(jget_int(prov, "skipped"), 0);
	assert_non_null(strstr(jget_str(prov, "label"), "เบื้องต้น"));
	assert_true(json_is_number(json_object_get(prov, "score")));
	ind = json_object_get(prov, "indicators");
	assert_true(json_array_size(ind) >= 1);
	assert_non_null(jget_str(json_array_get(ind, 0), "code"));
	assert_true(json_is_number(json_object_get(json_array_get(ind, 0), "score")));

	assert_string_equal(jget_str(eit, "code"), "EIT");
	assert_true(json_is_false(json_object_get(eit, "reached")));
	assert_true(json_is_null(json_object_get(eit, "provisional")));
	proj = json_object_get(eit, "projection");
	assert_string_equal(jget_str(proj, "state"), "date");
	assert_int_equal(jget_int(proj, "remaining"), 3);
	assert_int_equal(jget_int(proj, "days_needed"), 2);
	assert_string_equal(jget_str(proj, "date"), "2025-02-12");
	assert_true(json_is_false(json_object_get(proj, "after_close")));
	json_decref(j);

	/* A02: no populations → no minimum, nothing to project */
	j = call(t, "GET", "/api/v1/agencies/A02/progress", NULL, "viewer", 200);
	iit = json_array_get(json_object_get(j, "instruments"), 0);
	assert_true(json_is_null(json_object_get(iit, "minimum")));
	assert_true(json_is_null(json_object_get(iit, "population")));
	assert_string_equal(jget_str(json_object_get(iit, "projection"), "state"), "no_minimum");
	json_decref(j);
	j = call(t, "GET", "/api/v1/agencies/A02/progress", NULL, "a01", 403);
	json_decref(j);
}

static void test_post_populations(void **state)
{
	static const char *const bad[] = {
		"staff=-1",        "staff=abc",   "staff=1.5",    "staff=+5",
		"staff=%2010",     "service=1e3", "staff=100000001", "staff=99999999999999999999",
		"staff=&service=", "",           "staff=12&service=x",
	};
	struct webtest *t = *state;
	struct oi_participation p;
	json_t *j;
	char big[20000];

	j = call(t, "POST", "/api/v1/agencies/A01/populations", "staff=120&service=3000", "a01",
		 200);
	assert_int_equal(jget_int(json_object_get(j, "participation"), "staff_population"), 120);
	assert_int_equal(jget_int(json_object_get(j, "iit"), "minimum"), 30);   /* at least 30 */
	assert_int_equal(jget_int(json_object_get(j, "eit"), "minimum"), 100);  /* at most 100 */
	assert_string_equal(jget_str(j, "status"), "collecting");
	json_decref(j);
	p = webtest_participation(t, t->a01.id);
	assert_int_equal(p.staff_population, 120);
	assert_int_equal(p.service_population, 3000);

	/* one field alone leaves the other */
	j = call(t, "POST", "/api/v1/agencies/A01/populations", "service=0", "admin", 200);
	json_decref(j);
	p = webtest_participation(t, t->a01.id);
	assert_int_equal(p.staff_population, 120);
	assert_int_equal(p.service_population, 0);

	/* bad values: 422 naming the field, nothing changed */
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		j = call(t, "POST", "/api/v1/agencies/A01/populations", bad[i], "a01", 422);
		assert_error_doc(j, 422);
		assert_non_null(jget_str(j, "field"));
		json_decref(j);
	}
	p = webtest_participation(t, t->a01.id);
	assert_int_equal(p.staff_population, 120);
	assert_int_equal(p.service_population, 0);

	/* who may not: other agency, viewer, assessor, anonymous */
	j = call(t, "POST", "/api/v1/agencies/A02/populations", "staff=5", "a01", 403);
	json_decref(j);
	j = call(t, "POST", "/api/v1/agencies/A01/populations", "staff=5", "viewer", 403);
	json_decref(j);
	j = call(t, "POST", "/api/v1/agencies/A01/populations", "staff=5", "assessor", 403);
	json_decref(j);
	j = call(t, "POST", "/api/v1/agencies/A01/populations", "staff=5", NULL, 401);
	json_decref(j);
	/* forged and missing CSRF */
	j = call(t, "POST", "/api/v1/agencies/A01/populations", "staff=5&csrf=csrf-a02", "a01",
		 403);
	assert_error_doc(j, 403);
	json_decref(j);
	{
		struct webtest_res r;
		const char *mp = "--XyZ\r\nContent-Disposition: form-data; name=\"staff\"\r\n\r\n5"
				 "\r\n--XyZ--\r\n";

		webtest_request(t, "POST", "/api/v1/agencies/A01/populations",
				"multipart/form-data; boundary=XyZ", mp, 0, "a01", &r);
		assert_int_equal(r.status, 403);
		webtest_res_free(&r);
		/* a JSON body is not accepted: 415 */
		webtest_request(t, "POST", "/api/v1/agencies/A01/populations", "application/json",
				"{\"staff\":5}", 0, "a01", &r);
		assert_int_equal(r.status, 415);
		assert_non_null(strstr(r.body, "\"error\""));
		webtest_res_free(&r);
	}
	/* an oversized body: 413 */
	memset(big, 'x', sizeof big - 1);
	memcpy(big, "staff=5&pad=", 12);
	big[sizeof big - 1] = '\0';
	j = call(t, "POST", "/api/v1/agencies/A01/populations", big, "a01", 413);
	assert_error_doc(j, 413);
	json_decref(j);
	p = webtest_participation(t, t->a01.id);
	assert_int_equal(p.staff_population, 120);
}

static void test_post_agency(void **state)
{
	static const struct {
		const char *body, *field;
		int status;
	} bad[] = {
		{"code=A01&name=x", "code", 409},
		{"code=C%202&name=x", "code", 422},
		{"code=C/2&name=x", "code", 422},
		{"name=x", "code", 422},
		{"code=C03", "name", 422},
		{"code=C04&name=x&parent=NOPE", "parent", 422},
		{"code=C05&name=x&parent=C05", "parent", 422},
	};
	struct webtest *t = *state;
	struct webtest_res r;
	struct oi_agency a;
	struct oi_error err;
	json_t *j;

	webtest_request(t, "POST", "/api/v1/agencies", NULL,
			"code=C01&name=%E0%B8%81%E0%B8%A3%E0%B8%A1%E0%B9%83%E0%B8%AB%E0%B8%A1%E0%B9%88"
			"&type=gov&province=Tak&parent=A01",
			0, "admin", &r);
	assert_int_equal(r.status, 201);
	assert_string_equal(r.location, "/api/v1/agencies/C01");
	j = json_loads(r.body, 0, NULL);
	assert_non_null(j);
	assert_string_equal(jget_str(j, "code"), "C01");
	assert_string_equal(jget_str(j, "name"), "กรมใหม่");
	assert_string_equal(jget_str(j, "parent"), "A01");
	assert_true(json_is_object(json_object_get(j, "participation")));
	assert_string_equal(jget_str(j, "status"), "missing");
	json_decref(j);
	webtest_res_free(&r);
	assert_int_equal(oi_store_agency_by_code(t->st, "C01", &a, &err), 0);
	assert_string_equal(a.province, "Tak");
	(void)webtest_participation(t, a.id);    /* takes part in the current assessment */

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		j = call(t, "POST", "/api/v1/agencies", bad[i].body, "admin", bad[i].status);
		assert_error_doc(j, bad[i].status);
		if (strcmp(jget_str(j, "field"), bad[i].field))
			fail_msg("%s: field %s, wanted %s", bad[i].body, jget_str(j, "field"),
				 bad[i].field);
		json_decref(j);
	}
	assert_int_equal(oi_store_agency_count(t->st), 3);
	j = call(t, "POST", "/api/v1/agencies", "code=C09&name=x", "a01", 403);
	json_decref(j);
	j = call(t, "POST", "/api/v1/agencies", "code=C09&name=x", "viewer", 403);
	json_decref(j);
	j = call(t, "POST", "/api/v1/agencies", "code=C09&name=x&csrf=wrong", "admin", 403);
	json_decref(j);
	assert_int_equal(oi_store_agency_count(t->st), 3);
	j = call(t, "GET", "/api/v1/agencies", NULL, "viewer", 200);
	assert_int_equal(jget_int(j, "total"), 3);
	json_decref(j);
}

/* The calls docs/api.md shows, in order, as the documentation's session would make them. */
static void test_examples(void **state)
{
	struct webtest *t = *state;
	struct oi_error err;

	if (oi_store_participation_set(t->st, t->p01.id, 10, 400, false, &err))
		fail_msg("%s", err.message);
	webtest_add_responses(t, t->p01.id, "IIT", 4, "2025-02-08T05", 2);
	webtest_add_responses(t, t->p01.id, "IIT", 6, "2025-02-10T01", 2);
	webtest_add_responses(t, t->p01.id, "EIT", 12, "2025-02-10T02", 2);
	json_decref(call(t, "GET", "/api/v1/me", NULL, "admin", 200));
	json_decref(call(t, "GET", "/api/v1/assessments", NULL, "admin", 200));
	json_decref(call(t, "GET", "/api/v1/agencies?per_page=1&sort=iit&dir=desc", NULL,
			 "viewer", 200));
	json_decref(call(t, "GET", "/api/v1/agencies/A01", NULL, "a01", 200));
	json_decref(call(t, "GET", "/api/v1/agencies/A01/progress", NULL, "a01", 200));
	json_decref(call(t, "POST", "/api/v1/agencies/A02/populations",
			 "staff=250&service=1200", "a02", 200));
	json_decref(call(t, "POST", "/api/v1/agencies",
			 "code=C01&name=%E0%B8%81%E0%B8%A3%E0%B8%A1%E0%B9%83%E0%B8%AB%E0%B8%A1%E0%B9%88"
			 "&province=Tak",
			 "admin", 201));
	json_decref(call(t, "GET", "/api/v1/agencies?page=-1", NULL, "viewer", 400));
	json_decref(call(t, "GET", "/api/v1/agencies", NULL, "a01", 403));
	json_decref(call(t, "GET", "/api/v1/me", NULL, NULL, 401));
	json_decref(call(t, "POST", "/api/v1/agencies/A01/populations", "staff=ten", "a01", 422));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_route_table_listed),
		webtest_unit_test(test_me),
		webtest_unit_test(test_assessments),
		webtest_unit_test(test_agencies_list),
		webtest_unit_test(test_agencies_bad_parameters),
		webtest_unit_test(test_agency_document),
		webtest_unit_test(test_agency_progress),
		webtest_unit_test(test_post_populations),
		webtest_unit_test(test_post_agency),
		webtest_unit_test(test_examples),
	};
	const char *ex = getenv("OPENITA_API_EXAMPLES");

	print_examples = ex && *ex == '1';
	(void)webtest_csrf;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
