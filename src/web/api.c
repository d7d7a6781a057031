/*
 * api.c — the JSON API under /api/v1 (docs/api.md): who am I, the assessments, the national
 * agency list (export.c's list, paged), one agency with its participation and progress
 * (progress.h), setting an agency's populations, adding an agency.
 *
 * The API is the web system's own, with its rules: the same session cookie as the pages (log
 * in with POST /login), the dispatcher's role and agency checks (patterns with :agency), and
 * POSTs with form-encoded bodies carrying the session's CSRF token as the field "csrf" (GET
 * /api/v1/me tells it). Errors are {"error": "<Thai message>", "status": N} with a 4xx/5xx
 * status (web_error under /api/); a validation error also names the field ("field").
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "agency_import.h"
#include "export.h"
#include "openita/date.h"
#include "openita/score.h"
#include "progress.h"
#include "web.h"

#define API_READ_ROLES (WEB_ADMIN | WEB_ASSESSOR | WEB_VIEWER)
#define API_MAX_BODY (16u << 10)          /* the API's POST bodies are a few fields */
#define API_POPULATION_MAX 100000000L     /* a population above this is a typing error */

/* ---- JSON pieces ---- */

/* A JSON string; text that is not UTF-8 (never stored by the web system) becomes "". */
static json_t *jstr(const char *s)
{
	json_t *j = json_string(s ? s : "");

	return j ? j : json_string("");
}

/* A string, or null when empty. */
static json_t *jstr_or_null(const char *s)
{
	return s && *s ? jstr(s) : json_null();
}

/* A count, or null when negative (not entered / not known). */
static json_t *jcount(long v)
{
	return v < 0 ? json_null() : json_integer(v);
}

static json_t *agency_json(const struct oi_agency *a)
{
	json_t *o = json_object();

	json_object_set_new(o, "code", jstr(a->code));
	json_object_set_new(o, "name", jstr(a->name));
	json_object_set_new(o, "type", jstr_or_null(a->type));
	json_object_set_new(o, "province", jstr_or_null(a->province));
	json_object_set_new(o, "parent", jstr_or_null(a->parent_code));
	return o;
}

static json_t *window_json(const char *open, const char *close)
{
	json_t *o = json_object();

	json_object_set_new(o, "open", jstr_or_null(open));
	json_object_set_new(o, "close", jstr_or_null(close));
	return o;
}

static json_t *assessment_json(const struct oi_assessment *a)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(a->id));
	json_object_set_new(o, "fiscal_year", json_integer(a->fiscal_year));
	json_object_set_new(o, "framework", jstr(a->framework_id));
	json_object_set_new(o, "survey", window_json(a->survey_open, a->survey_close));
	json_object_set_new(o, "oit", window_json(a->oit_open, a->oit_close));
	json_object_set_new(o, "review", window_json(a->review_open, a->review_close));
	json_object_set_new(o, "clarify", window_json(a->clarify_open, a->clarify_close));
	json_object_set_new(o, "publish_on", jstr_or_null(a->publish_on));
	return o;
}

/* responses and minimum of one instrument */
static json_t *tally_json(long responses, long minimum)
{
	json_t *o = json_object();

	json_object_set_new(o, "responses", json_integer(responses));
	json_object_set_new(o, "minimum", jcount(minimum));
	return o;
}

/* One row of the agency list, and the base of the agency's own document. */
static json_t *row_json(const struct agency_row *r)
{
	json_t *o = agency_json(&r->p->agency);
	json_t *pop = json_object();

	json_object_set_new(pop, "staff", jcount(r->p->part.staff_population));
	json_object_set_new(pop, "service", jcount(r->p->part.service_population));
	json_object_set_new(o, "populations", pop);
	json_object_set_new(o, "iit", tally_json(r->p->iit_responses, r->iit_min));
	json_object_set_new(o, "eit", tally_json(r->p->eit_responses, r->eit_min));
	json_object_set_new(o, "status", jstr(agency_status_name(r->status)));
	return o;
}

/* ---- shared steps ---- */

/*
 * The current assessment and its framework. Returns 0; or -1 after answering (404 when there
 * is no assessment yet, 500 on a store failure).
 */
static int current_assessment(struct web_ctx *c, struct oi_assessment *as,
			      const struct oi_framework **fw)
{
	struct oi_error err;
	int rc = oi_store_assessment_current(web_app_store(c->app), as, &err);

	if (rc < 0) {
		web_error(c, 500, err.message);
		return -1;
	}
	if (rc == 1) {
		web_error(c, 404, "ยังไม่มีปีการประเมิน");
		return -1;
	}
	*fw = web_app_framework(c->app, as->framework_id, &err);
	if (!*fw) {
		web_error(c, 500, err.message);
		return -1;
	}
	return 0;
}

/* An error naming the field it is about: {"error": …, "status": …, "field": …}. */
static void field_error(struct web_ctx *c, int status, const char *field, const char *message)
{
	json_t *o = json_object();

	json_object_set_new(o, "error", jstr(message));
	json_object_set_new(o, "status", json_integer(status));
	json_object_set_new(o, "field", jstr(field));
	web_json(c, status, o);
}

/*
 * The document of one agency in the current assessment: the list row (populations, counts,
 * minimums, status) when it takes part, else the agency with "participation": null. Answers
 * with `status` and returns 0, or answers with an error and returns -1.
 */
static int agency_document(struct web_ctx *c, const struct oi_agency *a, int status)
{
	struct oi_store *st = web_app_store(c->app);
	const struct oi_framework *fw;
	struct oi_assessment as;
	struct agency_list l;
	struct oi_error err;
	json_t *o;

	if (current_assessment(c, &as, &fw))
		return -1;
	if (agency_list_load(&l, st, fw, as.id, a->id, &err)) {
		agency_list_release(&l);
		web_error(c, 500, err.message);
		return -1;
	}
	if (l.n_rows) {
		const struct agency_row *r = &l.rows[0];
		json_t *part = json_object();

		o = row_json(r);
		json_object_set_new(part, "staff_population",
				    jcount(r->p->part.staff_population));
		json_object_set_new(part, "service_population",
				    jcount(r->p->part.service_population));
		json_object_set_new(part, "iit_codes_required",
				    json_boolean(r->p->part.iit_codes_required));
		json_object_set_new(o, "participation", part);
	} else {
		o = agency_json(a);
		json_object_set_new(o, "participation", json_null());
	}
	json_object_set_new(o, "assessment", json_pack("{s:I, s:i}", "id", (json_int_t)as.id,
						       "fiscal_year", as.fiscal_year));
	agency_list_release(&l);
	web_json(c, status, o);
	return 0;
}

/* ---- GET /api/v1/me, /api/v1/assessments ---- */

static void get_me(struct web_ctx *c)
{
	const struct oi_user *u = &c->session.user;
	json_t *o = json_object();

	json_object_set_new(o, "username", jstr(u->username));
	json_object_set_new(o, "role", jstr(oi_role_name(u->role)));
	json_object_set_new(o, "agency", jstr_or_null(u->agency_code));
	json_object_set_new(o, "csrf", jstr(c->session.csrf));
	web_json(c, 200, o);
}

static void get_assessments(struct web_ctx *c)
{
	struct oi_assessment *list = NULL;
	struct oi_error err;
	size_t n = 0;
	json_t *o, *arr;

	if (oi_store_assessment_list(web_app_store(c->app), &list, &n, &err)) {
		web_error(c, 500, err.message);
		return;
	}
	arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, assessment_json(&list[i]));
	o = json_object();
	json_object_set_new(o, "current", n ? assessment_json(&list[0]) : json_null());
	json_object_set_new(o, "assessments", arr);
	free(list);
	web_json(c, 200, o);
}

/* ---- GET /api/v1/agencies ---- */

static void get_agencies(struct web_ctx *c)
{
	struct oi_store *st = web_app_store(c->app);
	const struct oi_framework *fw;
	struct oi_assessment as;
	struct agency_filter f;
	struct agency_list l;
	struct oi_error err;
	const char *problem;
	size_t first, end;
	json_t *o, *items, *summary;

	if (agency_filter_parse(&c->query, true, &f, &problem)) {
		web_error(c, 400, problem);
		return;
	}
	if (current_assessment(c, &as, &fw))
		return;
	if (agency_list_load(&l, st, fw, as.id, 0, &err)) {
		agency_list_release(&l);
		web_error(c, 500, err.message);
		return;
	}
	agency_list_select(&l, &f);
	agency_list_page(&l, f.page, f.per_page, &first, &end);
	items = json_array();
	for (size_t i = first; i < end; i++)
		json_array_append_new(items, row_json(l.match[i]));
	summary = json_object();
	json_object_set_new(summary, "agencies", json_integer((json_int_t)l.n_unfiltered));
	for (int s = 0; s < AGENCY_STATUS__MAX; s++)
		json_object_set_new(summary, agency_status_name((enum agency_status)s),
				    json_integer((json_int_t)l.by_status[s]));
	o = json_object();
	json_object_set_new(o, "assessment", json_pack("{s:I, s:i}", "id", (json_int_t)as.id,
						       "fiscal_year", as.fiscal_year));
	json_object_set_new(o, "total", json_integer((json_int_t)l.n_match));
	json_object_set_new(o, "page", json_integer(f.page));
	json_object_set_new(o, "per_page", json_integer(f.per_page));
	json_object_set_new(o, "pages", json_integer((json_int_t)agency_list_pages(&l, f.per_page)));
	json_object_set_new(o, "sort", jstr(agency_sort_name(f.sort)));
	json_object_set_new(o, "dir", jstr(f.desc ? "desc" : "asc"));
	json_object_set_new(o, "summary", summary);
	json_object_set_new(o, "items", items);
	agency_list_release(&l);
	web_json(c, 200, o);
}

/* ---- GET /api/v1/agencies/:agency and its progress ---- */

static void get_agency(struct web_ctx *c)
{
	agency_document(c, &c->agency, 200);
}

static const char *projection_state_name(enum progress_projection_state s)
{
	switch (s) {
	case PROGRESS_PROJECTION_NO_MINIMUM: return "no_minimum";
	case PROGRESS_PROJECTION_NO_RESPONSES: return "no_responses";
	case PROGRESS_PROJECTION_REACHED: return "reached";
	case PROGRESS_PROJECTION_DATE: return "date";
	}
	return "";
}

/* A score rounded as published results are (the framework's decimals). */
static json_t *score_json(const struct oi_framework *fw, bool has, double v)
{
	return has ? json_real(oi_round(v, fw->result_decimals)) : json_null();
}

static json_t *instrument_progress_json(const struct oi_framework *fw,
					const struct progress_instrument *pi)
{
	const struct progress_projection *pr = &pi->projection;
	json_t *o = json_object(), *trend = json_array(), *proj = json_object();

	json_object_set_new(o, "code", jstr(pi->code));
	json_object_set_new(o, "population", jcount(pi->population));
	json_object_set_new(o, "minimum",
			    pi->has_minimum ? json_integer((json_int_t)pi->minimum) : json_null());
	json_object_set_new(o, "responses", json_integer(pi->responses));
	json_object_set_new(o, "reached", json_boolean(pi->reached));
	for (size_t d = 0; d < PROGRESS_TREND_DAYS; d++)
		json_array_append_new(trend, json_pack("{s:s, s:I}", "date", pi->trend.days[d],
						       "count", (json_int_t)pi->trend.counts[d]));
	json_object_set_new(o, "trend", trend);

	json_object_set_new(proj, "state", jstr(projection_state_name(pr->state)));
	json_object_set_new(proj, "rate_per_day", json_real(oi_round(pr->rate_per_day, 2)));
	json_object_set_new(proj, "remaining", json_integer(pr->remaining));
	json_object_set_new(proj, "first_day", jstr_or_null(pr->first_day));
	if (pr->state == PROGRESS_PROJECTION_DATE) {
		json_object_set_new(proj, "days_needed", json_integer(pr->days_needed));
		json_object_set_new(proj, "date", jstr(pr->date));
		json_object_set_new(proj, "after_close", json_boolean(pi->projected_after_close));
	} else {
		json_object_set_new(proj, "days_needed", json_null());
		json_object_set_new(proj, "date", json_null());
		json_object_set_new(proj, "after_close", json_null());
	}
	json_object_set_new(o, "projection", proj);

	if (pi->provisional.available) {
		const struct progress_provisional *pv = &pi->provisional;
		json_t *p = json_object(), *ind = json_array();

		json_object_set_new(p, "label", jstr(PROGRESS_PROVISIONAL_LABEL_TH));
		json_object_set_new(p, "respondents", json_integer((json_int_t)pv->respondents));
		json_object_set_new(p, "skipped", json_integer((json_int_t)pv->skipped));
		json_object_set_new(p, "score", score_json(fw, pv->has_instrument,
							   pv->instrument));
		for (size_t k = 0; k < pv->n_indicators; k++) {
			const struct oi_indicator *in = &fw->indicators[pv->indicator[k]];
			json_t *i = json_object();

			json_object_set_new(i, "code", jstr(in->code));
			json_object_set_new(i, "name", jstr(in->name_th));
			json_object_set_new(i, "score", score_json(fw, pv->has_score[k],
								   pv->score[k]));
			json_array_append_new(ind, i);
		}
		json_object_set_new(p, "indicators", ind);
		json_object_set_new(o, "provisional", p);
	} else {
		json_object_set_new(o, "provisional", json_null());
	}
	return o;
}

static void get_agency_progress(struct web_ctx *c)
{
	struct oi_store *st = web_app_store(c->app);
	const struct oi_framework *fw;
	struct oi_assessment as;
	struct oi_participation part;
	struct progress_report *rep;
	struct oi_error err;
	char today[11];
	json_t *o, *arr;
	int rc;

	if (current_assessment(c, &as, &fw))
		return;
	rc = oi_store_participation_get(st, as.id, c->agency.id, &part, &err);
	if (rc < 0) {
		web_error(c, 500, err.message);
		return;
	}
	if (rc == 1) {
		web_error(c, 404, "หน่วยงานนี้ไม่ได้เข้าร่วมการประเมินปีปัจจุบัน");
		return;
	}
	oi_date_today(c->req->now, today);
	rep = xmalloc(sizeof *rep);
	if (progress_participation(st, fw, &as, &part, today, rep, &err)) {
		free(rep);
		web_error(c, 500, err.message);
		return;
	}
	arr = json_array();
	for (size_t i = 0; i < rep->n; i++)
		json_array_append_new(arr, instrument_progress_json(fw, &rep->instruments[i]));
	free(rep);
	o = json_object();
	json_object_set_new(o, "agency", agency_json(&c->agency));
	json_object_set_new(o, "assessment", assessment_json(&as));
	json_object_set_new(o, "today", jstr(today));
	json_object_set_new(o, "instruments", arr);
	web_json(c, 200, o);
}

/* ---- POST /api/v1/agencies/:agency/populations ---- */

/*
 * A population field: absent or "" → -1 (unchanged); else a whole number 0..API_POPULATION_MAX
 * of digits only. Returns 0, or -1 after answering 422 naming the field.
 */
static int population_field(struct web_ctx *c, const char *name, const char *label_th,
			    long *out)
{
	const char *v = web_field(c, name);
	char msg[256];
	char *end;
	long n;

	*out = -1;
	if (!v || !*v)
		return 0;
	errno = 0;
	n = strtol(v, &end, 10);
	if (*v < '0' || *v > '9' || *end || errno || n > API_POPULATION_MAX) {
		snprintf(msg, sizeof msg, "%s (%s) ต้องเป็นจำนวนเต็มตั้งแต่ 0 ถึง 100000000",
			 label_th, name);
		field_error(c, 422, name, msg);
		return -1;
	}
	*out = n;
	return 0;
}

static void post_populations(struct web_ctx *c)
{
	struct oi_store *st = web_app_store(c->app);
	const struct oi_framework *fw;
	struct oi_assessment as;
	struct oi_participation part;
	struct oi_error err;
	long staff, service;
	char detail[160];

	if (population_field(c, "staff", "จำนวนบุคลากร", &staff) ||
	    population_field(c, "service", "จำนวนผู้รับบริการ", &service))
		return;
	if (staff < 0 && service < 0) {
		field_error(c, 422, "staff", "ต้องส่งจำนวนบุคลากร (staff) หรือจำนวนผู้รับบริการ "
					     "(service) อย่างน้อยหนึ่งค่า");
		return;
	}
	if (current_assessment(c, &as, &fw))
		return;
	if (progress_set_populations(st, as.id, c->agency.id, staff, service, &part, &err)) {
		web_error(c, 500, err.message);
		return;
	}
	snprintf(detail, sizeof detail, "%s staff=%ld service=%ld", c->agency.code, staff,
		 service);
	oi_store_audit(st, c->session.user.id, "populations.set", detail, NULL);
	agency_document(c, &c->agency, 200);
}

/* ---- POST /api/v1/agencies ---- */

static void post_agency(struct web_ctx *c)
{
	struct oi_store *st = web_app_store(c->app);
	const char *code = web_field(c, "code");
	struct oi_agency a, existing;
	struct oi_assessment as;
	struct oi_participation part;
	struct oi_error err;
	char location[96];
	int rc;

	rc = code && *code ? oi_store_agency_by_code(st, code, &existing, &err) : 1;
	if (rc < 0) {
		web_error(c, 500, err.message);
		return;
	}
	if (rc == 0) {
		field_error(c, 409, "code", "มีหน่วยงานรหัสนี้อยู่แล้ว");
		return;
	}
	oi_error_clear(&err);
	if (agency_validate(st, code, web_field(c, "name"), web_field(c, "type"),
			    web_field(c, "province"), web_field(c, "parent"), &a, &err)) {
		if (err.file[0])
			field_error(c, 422, err.file, err.message);
		else
			web_error(c, 500, err.message);
		return;
	}
	if (oi_store_agency_add(st, &a, &err)) {
		web_error(c, 409, err.message);
		return;
	}
	rc = oi_store_assessment_current(st, &as, &err);
	if (rc == 0 && oi_store_participation_ensure(st, as.id, a.id, &part, &err))
		rc = -1;
	if (rc < 0) {
		web_error(c, 500, err.message);
		return;
	}
	oi_store_audit(st, c->session.user.id, "agency.add", a.code, NULL);
	snprintf(location, sizeof location, "/api/v1/agencies/%s", a.code);
	if (rc == 1) {   /* no assessment yet: the agency alone */
		json_t *o = agency_json(&a);

		json_object_set_new(o, "participation", json_null());
		web_json(c, 201, o);
	} else if (agency_document(c, &a, 201)) {
		return;
	}
	web_header_add(c, "Location", location);
}

const struct web_route web_routes_api[] = {
	{WEB_GET, "/api/v1/me", WEB_ANY_USER, get_me, 0},
	{WEB_GET, "/api/v1/assessments", WEB_ANY_USER, get_assessments, 0},
	{WEB_GET, "/api/v1/agencies", API_READ_ROLES, get_agencies, 0},
	{WEB_POST, "/api/v1/agencies", WEB_ADMIN, post_agency, API_MAX_BODY},
	{WEB_GET, "/api/v1/agencies/:agency", WEB_ANY_USER, get_agency, 0},
	{WEB_GET, "/api/v1/agencies/:agency/progress", WEB_ANY_USER, get_agency_progress, 0},
	{WEB_POST, "/api/v1/agencies/:agency/populations", WEB_ADMIN | WEB_AGENCY,
	 post_populations, API_MAX_BODY},
	{0, NULL, 0, NULL, 0},
};
