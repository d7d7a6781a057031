/*
 * test_authz.c — the authorization matrix: every route of every route group (read from the
 * tables themselves, so a new route is covered the day it is added) × every kind of caller
 * (anonymous, admin, an agency admin of A01, assessor, viewer) × for patterns with ":agency"
 * the caller's own agency A01 and another A02. The expected outcome of each cell follows from
 * the route's roles mask and the agency rule (web.h):
 *   - public route                        → passes the gate
 *   - no session                          → 303 to /login (401 JSON under /api/)
 *   - role not in the mask                → 403
 *   - agency admin, :agency of another    → 403
 *   - otherwise                           → passes the gate: neither 401, 403, nor a redirect
 *                                           to /login, and no 5xx (the handler may still say
 *                                           400/404/409/422 about the made-up input)
 * For every POST route and every caller it lets through, a forged CSRF token and a missing one
 * are refused with 403 and change nothing (the store's visible state is compared before and
 * after), except the respondents' survey routes under /s/, whose guard is the form's nonce.
 * OIT (issue 4): an assessor may open an agency's review pages (/review/:agency…) only when
 * assigned to it; the matrix assigns the assessor to A01 only, so those cells are 403 at A02.
 * ":item" is filled with the item O1, ":id" with a capture id that does not exist (the capture
 * pages' own rules are tested in test_oit.c).
 * A short explicit table of the critical cells follows, so a mistake in the derivation above
 * cannot hide one.
 */
#include "codes.h"
#include "documents.h"
#include "oit.h"
#include "plan.h"
#include "posters.h"
#include "routes.h"
#include "webtest.h"

/* Referencing every group links it into this test even where routes.c only refers to it
 * weakly; the matrix then iterates web_route_groups, the dispatcher's own list. */
static const struct web_route *const linked_groups[] = {
	web_routes_auth, web_routes_survey, web_routes_agency, web_routes_admin,
	web_routes_national, web_routes_api, web_routes_posters, web_routes_codes,
	web_routes_oit, web_routes_review, web_routes_evidence,
	web_routes_result, web_routes_plan, web_routes_plan_measures, web_routes_plan_groups,
	web_routes_plan_memo, web_routes_admin_plans, web_routes_documents,
};


struct caller {
	const char *user;          /* NULL: anonymous */
	int role;                  /* enum oi_role, or -1 */
	const char *agency;        /* an agency admin's agency, else NULL */
};

static const struct caller callers[] = {
	{NULL, -1, NULL},
	{"admin", OI_ROLE_ADMIN, NULL},
	{"a01", OI_ROLE_AGENCY_ADMIN, "A01"},
	{"assessor", OI_ROLE_ASSESSOR, NULL},
	{"viewer", OI_ROLE_VIEWER, NULL},
};
#define N_CALLERS (sizeof callers / sizeof callers[0])

enum outcome { ALLOWED, LOGIN, FORBIDDEN };

static const char *outcome_name(enum outcome o)
{
	return o == ALLOWED ? "allowed" : o == LOGIN ? "login (303/401)" : "forbidden (403)";
}

static bool has_agency_param(const char *pattern)
{
	for (const char *p = pattern; (p = strstr(p, ":agency")) != NULL; p++)
		if (p[7] == '/' || !p[7])
			return true;
	return false;
}

/* The expected outcome of a caller on a route, at agency `agency` (NULL: no :agency). */
static enum outcome expected(const struct web_route *r, const struct caller *c,
			     const char *agency)
{
	if (r->roles == WEB_PUBLIC)
		return ALLOWED;
	if (!c->user)
		return LOGIN;
	if (!(r->roles & (1u << c->role)))
		return FORBIDDEN;
	if (agency && c->role == OI_ROLE_AGENCY_ADMIN && strcmp(agency, c->agency))
		return FORBIDDEN;
	if (agency && c->role == OI_ROLE_ASSESSOR && !strncmp(r->pattern, "/review/:agency", 15) &&
	    strcmp(agency, "A01"))
		return FORBIDDEN;   /* the assessor is assigned to A01 only */
	return ALLOWED;
}

/* The outcome class of a response. The gate's redirect carries the page asked for
 * ("/login?next=…"), which tells it from a handler's own redirect (logout → /login). */
static enum outcome observed(const struct webtest_res *res, const char *path)
{
	bool api = !strncmp(path, "/api/", 5);

	if (res->status == 403)
		return FORBIDDEN;
	if (api && res->status == 401)
		return LOGIN;
	if (!api && res->status == 303 && !strncmp(res->location, "/login?next=", 12))
		return LOGIN;
	return ALLOWED;
}

/* The path of a pattern with its parameters filled: ":agency" → agency, ":token" → A01's IIT
 * link, ":instrument" → "iit", ":checkpoint" → "6", ":name" (a document) → "measures.pdf",
 * anything else → "1". */
static void fill(const struct webtest *t, const char *pattern, const char *agency, char *out,
		 size_t size)
{
	size_t k = 0;

	for (const char *p = pattern; *p && k + 1 < size;) {
		if (*p == ':') {
			size_t n = strcspn(p, "/");
			const char *v = "1";

			if (n == 7 && !strncmp(p, ":agency", 7))
				v = agency;
			else if (n == 6 && !strncmp(p, ":token", 6))
				v = t->p01.iit_token;
			else if (n == 11 && !strncmp(p, ":instrument", 11))
				v = "iit";
			else if (n == 5 && !strncmp(p, ":item", 5))
				v = "O1";
			else if (n == 3 && !strncmp(p, ":id", 3))
				v = "999999";
			else if (n == 11 && !strncmp(p, ":checkpoint", 11))
				v = "6";
			else if (n == 5 && !strncmp(p, ":name", 5))
				v = "measures.pdf";
			k += (size_t)snprintf(out + k, size - k, "%s", v);
			p += n;
		} else {
			out[k++] = *p++;
		}
	}
	out[k < size ? k : size - 1] = '\0';
}

/* Does pattern match path (the dispatcher's rule: ':' segments match one non-empty segment)? */
static bool matches(const char *pattern, const char *path)
{
	while (*pattern && *path) {
		size_t ps, qs;

		if (*pattern != '/' || *path != '/')
			return false;
		pattern++, path++;
		ps = strcspn(pattern, "/");
		qs = strcspn(path, "/");
		if (*pattern == ':') {
			if (!qs)
				return false;
		} else if (ps != qs || strncmp(pattern, path, ps)) {
			return false;
		}
		pattern += ps;
		path += qs;
	}
	return !*pattern && !*path;
}

/* The route the dispatcher picks for method and path: the first match in group order. */
static const struct web_route *first_route(unsigned method, const char *path)
{
	for (size_t g = 0; g < web_route_group_count; g++) {
		if (!web_route_groups[g])
			continue;
		for (const struct web_route *r = web_route_groups[g]; r->pattern; r++)
			if ((r->methods & method) && matches(r->pattern, path))
				return r;
	}
	return NULL;
}

/* What a forged request could change, as text: agencies, users, assessments, participations
 * with populations, flags and counts, access codes. */
static char *fingerprint(struct webtest *t)
{
	struct oi_error err;
	struct oi_agency_progress *pr = NULL;
	struct oi_assessment *as = NULL;
	size_t n = 0, na = 0, cap = 1 << 16, k = 0;
	char *s = malloc(cap);

	k += (size_t)snprintf(s + k, cap - k, "agencies %ld users %ld\n",
			      oi_store_agency_count(t->st), oi_store_user_count(t->st));
	if (oi_store_assessment_list(t->st, &as, &na, &err))
		fail_msg("%s", err.message);
	for (size_t i = 0; i < na && k < cap; i++)
		k += (size_t)snprintf(s + k, cap - k, "as %d %s %s..%s %s..%s\n", as[i].fiscal_year,
				      as[i].framework_id, as[i].survey_open, as[i].survey_close,
				      as[i].oit_open, as[i].publish_on);
	free(as);
	if (oi_store_progress(t->st, t->assessment.id, 0, &pr, &n, &err))
		fail_msg("%s", err.message);
	for (size_t i = 0; i < n && k < cap; i++) {
		char (*codes)[OI_CODE_MAX] = NULL;
		bool *used = NULL;
		size_t nc = 0;

		if (oi_store_access_codes_list(t->st, pr[i].part.id, &codes, &used, &nc, &err))
			fail_msg("%s", err.message);
		k += (size_t)snprintf(s + k, cap - k, "%s %s %ld %ld %d %ld %ld codes %zu\n",
				      pr[i].agency.code, pr[i].agency.name,
				      pr[i].part.staff_population, pr[i].part.service_population,
				      pr[i].part.iit_codes_required, pr[i].iit_responses,
				      pr[i].eit_responses, nc);
		free(codes);
		free(used);
	}
	free(pr);
	for (long ag = 1; ag <= 2 && k < cap; ag++) {   /* OIT rows of A01 and A02 */
		struct oi_oit_item_state *st = NULL;
		struct oi_assignment *asg = NULL;
		size_t ns = 0, nasg = 0;

		if (oi_store_oit_states(t->st, t->assessment.id, ag == 1 ? t->a01.id : t->a02.id,
					&st, &ns, &err) ||
		    oi_store_assignment_list(t->st, t->assessment.id, 0, &asg, &nasg, &err))
			fail_msg("%s", err.message);
		for (size_t i = 0; i < ns && k < cap; i++)
			k += (size_t)snprintf(s + k, cap - k, "oit %s %ld %ld %ld %ld %ld %ld\n",
					      st[i].item, st[i].submission.id, st[i].draft.id,
					      st[i].review1.id, st[i].review2.id,
					      st[i].clarification.id, st[i].confirmation.id);
		k += (size_t)snprintf(s + k, cap - k, "assignments %zu\n", nasg);
		free(st);
		free(asg);
	}
	for (int a = 0; a < 2 && k < cap; a++) {
		long id = a ? t->a02.id : t->a01.id;
		char *plan = webtest_plan_json(t, id);
		struct oi_agency_result *ar = NULL;
		int rc = oi_store_result_load(t->st, id, t->assessment.fiscal_year - 1, t->fw, &ar,
					      &err);

		if (rc < 0)
			fail_msg("%s", err.message);
		k += (size_t)snprintf(s + k, cap - k, "plan %ld %s\nresult %d %d\n", id, plan, rc,
				      ar ? (int)ar->result.has_indicator[2] : -1);
		free(plan);
		oi_agency_result_free(ar);
	}
	return s;
}

/* Put back any test session a request ended (POST /logout). */
static void restore_sessions(struct webtest *t)
{
	for (size_t i = 0; i < N_CALLERS; i++) {
		struct oi_user u;
		struct oi_error err;
		char token[64], csrf[OI_TOKEN_MAX];
		unsigned char hash[32];

		if (!callers[i].user)
			continue;
		snprintf(token, sizeof token, "tok-%s", callers[i].user);
		crypto_hash_sha256(hash, (const unsigned char *)token, strlen(token));
		if (oi_store_session_get(t->st, hash, (int64_t)t->now, &u, csrf, &err) == 0)
			continue;
		if (oi_store_user_by_name(t->st, callers[i].user, &u, &err))
			fail_msg("user %s: %s", callers[i].user, err.message);
		webtest_session(t, callers[i].user, u.id);
	}
}

static const char *method_name(unsigned m)
{
	return m == WEB_GET ? "GET" : m == WEB_POST ? "POST" : m == WEB_HEAD ? "HEAD" : "OTHER";
}

struct tally {
	size_t cells, forged, failures;
};

/* A POST of caller c that passes the gate: a forged and a missing CSRF token are 403 and
 * change nothing. */
static void csrf_cells(struct webtest *t, const struct web_route *r, const char *path,
		       const struct caller *c, struct tally *tl)
{
	static const char *const mp = "--Bnd\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1"
				      "\r\n--Bnd--\r\n";
	struct webtest_res res;
	char *before, *after;

	if (r->roles == WEB_PUBLIC && !strncmp(r->pattern, "/s/", 3))
		return;   /* the respondents' forms: no session, the nonce guards them */
	before = fingerprint(t);
	webtest_request(t, "POST", path, NULL, "x=1&csrf=forged-token", 0, c->user, &res);
	if (res.status != 403) {
		print_error("FORGED CSRF  POST %-45s %-9s → %d, wanted 403\n", path,
			    c->user ? c->user : "anonymous", res.status);
		tl->failures++;
	}
	webtest_res_free(&res);
	webtest_request(t, "POST", path, "multipart/form-data; boundary=Bnd", mp, 0, c->user,
			&res);
	if (res.status != 403) {
		print_error("MISSING CSRF POST %-45s %-9s → %d, wanted 403\n", path,
			    c->user ? c->user : "anonymous", res.status);
		tl->failures++;
	}
	webtest_res_free(&res);
	after = fingerprint(t);
	if (strcmp(before, after)) {
		print_error("CHANGED by a refused POST %s as %s:\n%s\n---\n%s\n", path,
			    c->user ? c->user : "anonymous", before, after);
		tl->failures++;
	}
	free(before);
	free(after);
	tl->forged += 2;
}

static void one_cell(struct webtest *t, const struct web_route *r, unsigned method,
		     const char *agency, const struct caller *c, struct tally *tl)
{
	struct webtest_res res;
	char path[512];
	enum outcome want, got;

	fill(t, r->pattern, agency ? agency : "A01", path, sizeof path);
	if (first_route(method, path) != r)
		return;   /* an earlier route answers this path: its own cells cover it */
	want = expected(r, c, agency);
	webtest_request(t, method_name(method), path, NULL, NULL, 0, c->user, &res);
	got = observed(&res, path);
	tl->cells++;
	if (got != want || (want == ALLOWED && res.status >= 500)) {
		print_error("%-4s %-50s %-9s → %d %s, wanted %s\n", method_name(method), path,
			    c->user ? c->user : "anonymous", res.status, res.location,
			    outcome_name(want));
		tl->failures++;
	}
	webtest_res_free(&res);
	if (method == WEB_POST) {
		restore_sessions(t);
		if (want == ALLOWED)
			csrf_cells(t, r, path, c, tl);
	}
}

/* Assign the harness's assessor to agency a. */
static void assign_assessor(struct webtest *t, const struct oi_agency *a)
{
	struct oi_user assessor, admin;
	struct oi_error err;

	if (oi_store_user_by_name(t->st, "assessor", &assessor, &err) ||
	    oi_store_user_by_name(t->st, "admin", &admin, &err) ||
	    oi_store_assignment_add(t->st, t->assessment.id, assessor.id, a->id, admin.id, &err))
		fail_msg("assign: %s", err.message);
}

static void test_matrix(void **state)
{
	static const unsigned methods[] = {WEB_GET, WEB_POST};
	struct webtest t;
	struct tally tl = {0};
	size_t routes = 0;

	(void)state;
	webtest_setup(&t);
	/* a result and a plan for both agencies, so the plan routes' ":n" names something */
	webtest_seed_plan(&t, &t.a01);
	webtest_seed_plan(&t, &t.a02);
	assign_assessor(&t, &t.a01);
	for (size_t g = 0; g < web_route_group_count; g++) {
		if (!web_route_groups[g]) {   /* the program would serve none of its routes */
			print_error("route group %zu of web_route_groups is not linked in: add its "
				    "table to linked_groups above (and make sure the program links "
				    "it)\n", g);
			tl.failures++;
			continue;
		}
		for (const struct web_route *r = web_route_groups[g]; r->pattern; r++) {
			bool per_agency = has_agency_param(r->pattern);

			routes++;
			for (size_t m = 0; m < sizeof methods / sizeof methods[0]; m++) {
				if (!(r->methods & methods[m]))
					continue;
				for (size_t c = 0; c < N_CALLERS; c++) {
					one_cell(&t, r, methods[m], per_agency ? "A01" : NULL,
						 &callers[c], &tl);
					if (per_agency)
						one_cell(&t, r, methods[m], "A02", &callers[c], &tl);
				}
			}
		}
	}
	print_message("    %zu routes, %zu cells, %zu refused-CSRF requests, %zu failures\n",
		      routes, tl.cells, tl.forged, tl.failures);
	assert_true(routes >= 20);
	assert_int_equal(tl.failures, 0);
	webtest_teardown(&t);
}

/* Every group this test links is one the dispatcher searches. */
static void test_groups_listed(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof linked_groups / sizeof linked_groups[0]; i++) {
		bool found = false;

		for (size_t g = 0; g < web_route_group_count; g++)
			found = found || web_route_groups[g] == linked_groups[i];
		if (!found)
			fail_msg("route group %zu is not in web_route_groups", i);
	}
}

/* The derivation above checked against cells written out by hand. */
static void test_critical_cells(void **state)
{
	static const struct {
		const char *method, *path, *user;
		int status;
		const char *location;   /* prefix of Location, or NULL */
	} cells[] = {
		{"GET", "/agency/A02", "a01", 403, NULL},
		{"GET", "/agency/A01", "a01", 200, NULL},
		{"GET", "/api/v1/agencies/A02", "a01", 403, NULL},
		{"GET", "/api/v1/agencies/A02/progress", "a01", 403, NULL},
		{"GET", "/api/v1/agencies/A01", "a01", 200, NULL},
		{"POST", "/api/v1/agencies/A01/populations", "viewer", 403, NULL},
		{"POST", "/api/v1/agencies/A01/populations", "assessor", 403, NULL},
		{"POST", "/api/v1/agencies/A01/populations", "a02", 403, NULL},
		{"POST", "/agency/A01/populations", "viewer", 403, NULL},
		{"POST", "/agency/A01/populations", "a02", 403, NULL},
		{"POST", "/api/v1/agencies", "a01", 403, NULL},
		{"GET", "/national", NULL, 303, "/login"},
		{"GET", "/national", "a01", 403, NULL},
		{"GET", "/national/export.csv", "a01", 403, NULL},
		{"GET", "/api/v1/agencies", "a01", 403, NULL},
		{"GET", "/api/v1/me", NULL, 401, NULL},
		{"GET", "/api/v1/agencies", NULL, 401, NULL},
		{"POST", "/api/v1/agencies/A01/populations", NULL, 401, NULL},
		{"GET", "/admin/assessments", "viewer", 403, NULL},
		{"GET", "/admin/assessments", "a01", 403, NULL},
		{"GET", "/agency/A02/oit", "a01", 403, NULL},
		{"GET", "/agency/A02/oit/O1", "a01", 403, NULL},
		{"POST", "/agency/A02/oit/O1", "a01", 403, NULL},
		{"GET", "/agency/A01/oit", "assessor", 403, NULL},
		{"POST", "/agency/A01/oit/O1", "assessor", 403, NULL},
		{"GET", "/review/A02", "assessor", 403, NULL},
		{"GET", "/review/A02/O1", "assessor", 403, NULL},
		{"POST", "/review/A02/O1", "assessor", 403, NULL},
		{"GET", "/review/A01", "assessor", 200, NULL},
		{"GET", "/review", "a01", 403, NULL},
		{"GET", "/review/A01/O1", "viewer", 403, NULL},
		{"GET", "/admin/assignments", "assessor", 403, NULL},
		{"POST", "/admin/assignments", "assessor", 403, NULL},
		{"POST", "/admin/oit/A01", "assessor", 403, NULL},
		{"GET", "/admin/oit/A01", "a01", 403, NULL},
		{"GET", "/agency/A02/result", "a01", 403, NULL},
		{"GET", "/agency/A02/plan", "a01", 403, NULL},
		{"POST", "/agency/A02/result", "a01", 403, NULL},
		{"POST", "/agency/A02/plan/draft", "a01", 403, NULL},
		{"POST", "/agency/A02/plan/measures/1", "a01", 403, NULL},
		{"GET", "/agency/A01/plan", "assessor", 403, NULL},
		{"GET", "/agency/A01/result", "assessor", 403, NULL},
		{"POST", "/agency/A01/result", "viewer", 403, NULL},
		{"POST", "/agency/A01/plan/measures/1/progress/6", "viewer", 403, NULL},
		{"GET", "/agency/A01/plan/memo", "viewer", 403, NULL},
		{"GET", "/admin/plans", "a01", 403, NULL},
		{"GET", "/admin/plans", "viewer", 403, NULL},
		{"GET", "/agency/A01/plan", NULL, 303, "/login"},
		{"GET", "/agency/A02/plan/doc/measures.pdf", "a01", 403, NULL},
		{"GET", "/agency/A01/plan/doc/analysis.html", "assessor", 403, NULL},
		{"GET", "/agency/A01/plan/doc/memo.docx", NULL, 303, "/login"},
		{"GET", "/agency/A01/plan/doc/measures.pdf", "viewer", 404, NULL},   /* no plan */
	};
	struct webtest t;
	struct webtest_res res;
	char *before, *after;

	(void)state;
	webtest_setup(&t);
	assign_assessor(&t, &t.a01);
	before = fingerprint(&t);
	for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) {
		const char *body = !strcmp(cells[i].method, "POST") ? "staff=7&service=7" : NULL;

		webtest_request(&t, cells[i].method, cells[i].path, NULL, body, 0, cells[i].user,
				&res);
		if (res.status != cells[i].status)
			fail_msg("%s %s as %s: %d, wanted %d", cells[i].method, cells[i].path,
				 cells[i].user ? cells[i].user : "anonymous", res.status,
				 cells[i].status);
		if (cells[i].location && strncmp(res.location, cells[i].location,
						  strlen(cells[i].location)))
			fail_msg("%s %s: Location %s", cells[i].method, cells[i].path, res.location);
		if (res.status == 401 || (!strncmp(cells[i].path, "/api/", 5) && res.status >= 400))
			assert_non_null(strstr(res.body, "\"error\""));
		webtest_res_free(&res);
	}
	after = fingerprint(&t);
	assert_string_equal(before, after);   /* no refused POST set a population */
	free(before);
	free(after);
	webtest_teardown(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_groups_listed),
		cmocka_unit_test(test_critical_cells),
		cmocka_unit_test(test_matrix),
	};

	(void)webtest_csrf;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
