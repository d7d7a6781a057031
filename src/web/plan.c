/*
 * plan.c — the agency's "from result to action" workspace: the result sheet it received, the
 * analysis of it, and the measures plan it writes for the next fiscal year with its progress.
 *
 * Years: the plan runs in the fiscal year of the current assessment (oi_store_assessment_current)
 * and answers the result of the year before it (plan.h: result_year_be = fiscal_year_be - 1), as
 * agencies work: the result of year N is published near its end, the measures run through N + 1
 * while N + 1 is assessed. The result is read under the framework of its own year's assessment
 * when the store has one, else under the current one's. Every page
 * reads the stored result or plan, and every form loads the whole plan, changes one part,
 * checks the input (a refused form is shown again with what was typed, the field named, status
 * 422, and nothing stored) and saves the whole plan in one transaction (oi_store_plan_save),
 * then records an audit entry and redirects (303) to the page it came from. That shape is
 * written once, in plan_change(); each form gives it a function that changes the loaded plan
 * (or refuses), and each page a function that shows it (plan_show()).
 *
 * Pages (all under /agency/:agency; the dispatcher has checked the role and that an agency
 * admin acts only for their agency; ctx->agency holds the agency):
 *   result                       the result sheet form and the analysis (oi_analyse)
 *   plan                         the plan: alerts, measures, committees, problems, memo, the
 *                                documents section (links to plan/doc/<kind>.<fmt>, which
 *                                documents.c serves); draft from the analysis
 *   plan/measures/new, /:n       a measure (1-based); its progress per checkpoint (6, 12)
 *   plan/committees              committees and their members
 *   plan/problems                problems and obstacles (add, delete)
 *   plan/memo                    the fields of the covering memo
 * and /admin/plans, every agency's plan with its measures and alerts, 50 agencies a page with
 * a filter (pager.h).
 *
 * Who: admins and the agency's own admin write; viewers read; assessors have no access.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "openita/date.h"
#include "openita/analysis.h"
#include "openita/plan.h"
#include "openita/playbook.h"
#include "pager.h"
#include "plan.h"
#include "progress.h"
#include "result_compute.h"
#include "utf8.h"
#include "web.h"

#define READERS (WEB_ADMIN | WEB_AGENCY | WEB_VIEWER)
#define WRITERS (WEB_ADMIN | WEB_AGENCY)
#define FORM_BODY (64u << 10)
#define RESULT_BODY (512u << 10)

/* Character limits of the forms' fields (the store's own limit is 8 KiB of bytes). */
#define SHORT_MAX 200
#define TEXT_MAX 2000
#define STEPS_MAX (4 * TEXT_MAX)   /* the steps of a measure, one per line */

/* What a request works on: the assessment, its framework and the two years. */
struct plan_ctx {
	struct oi_assessment as;      /* the current one: the plan's year */
	const struct oi_framework *fw;   /* of the result's year */
	int result_year;              /* the assessed year the plan answers */
	int plan_year;                /* the year the measures run in */
	struct oi_plan *plan;         /* loaded, or NULL (freed by plan_ctx_release) */
	bool has_result_as;           /* the result year was assessed in this database: */
	struct oi_assessment result_as;   /* that assessment (its data give a computed result) */
};

/* A refused form: the field to mark and the message (Thai). */
struct form_error {
	const char *field;
	const char *message;
};

/* ---- small helpers ---- */

static const char *msgf(struct web_ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A message made from trusted constants and numbers, in the request's arena. */
static const char *msgf(struct web_ctx *c, const char *fmt, ...)
{
	struct buf b;
	va_list ap;
	const char *s;

	buf_init(&b, 4096);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	s = arena_strdup(c->arena, b.data ? b.data : "");
	buf_release(&b);
	return s;
}

/* "/agency/<code><suffix>" in the arena, the code percent-encoded. */
static const char *agency_path(struct web_ctx *c, const char *suffix)
{
	struct buf u;
	const char *s;

	buf_init(&u, 2048);
	buf_puts(&u, "/agency/");
	html_urlencode(&u, c->agency.code);
	buf_puts(&u, suffix);
	s = arena_strdup(c->arena, u.data ? u.data : "/");
	buf_release(&u);
	return s;
}

static void redirect_to(struct web_ctx *c, const char *suffix)
{
	web_redirect(c, agency_path(c, suffix));
}

static void put_score(struct buf *b, const struct oi_framework *fw, double x)
{
	html_fmt(b, "%.*f", (int)fw->result_decimals, oi_round(x, fw->result_decimals));
}

/* The assessment and years; on failure the response is set and -1 returned. */
static int plan_ctx_init(struct web_ctx *c, struct plan_ctx *pc)
{
	struct oi_assessment *list = NULL;
	const char *framework_id;
	struct oi_error err;
	size_t n = 0;
	int rc;

	memset(pc, 0, sizeof *pc);
	rc = oi_store_assessment_current(web_app_store(c->app), &pc->as, &err);
	if (rc) {
		web_error(c, rc < 0 ? 500 : 409,
			  rc < 0 ? err.message : "ยังไม่มีการประเมินที่เปิดอยู่ ผู้ดูแลระบบต้องเปิดปีการประเมินก่อน");
		return -1;
	}
	pc->plan_year = pc->as.fiscal_year;
	pc->result_year = pc->as.fiscal_year - 1;
	framework_id = pc->as.framework_id;
	if (oi_store_assessment_list(web_app_store(c->app), &list, &n, &err) == 0) {
		for (size_t i = 0; i < n; i++)
			if (list[i].fiscal_year == pc->result_year) {
				framework_id = arena_strdup(c->arena, list[i].framework_id);
				pc->result_as = list[i];
				pc->has_result_as = true;
			}
		free(list);
	}
	pc->fw = web_app_framework(c->app, framework_id, &err);
	if (!pc->fw) {
		web_error(c, 500, err.message);
		return -1;
	}
	return 0;
}

int plan_workspace_years(struct web_ctx *c, struct plan_years *out)
{
	struct plan_ctx pc;

	memset(out, 0, sizeof *out);
	if (plan_ctx_init(c, &pc))
		return -1;
	out->plan_year = pc.plan_year;
	out->result_year = pc.result_year;
	out->fw = pc.fw;
	return 0;
}

static void plan_ctx_release(struct plan_ctx *pc)
{
	oi_plan_free(pc->plan);
	pc->plan = NULL;
}

/* Load the plan into pc->plan: 0; 1 with a 404 page when there is none; -1 with a 500. */
static int load_plan(struct web_ctx *c, struct plan_ctx *pc)
{
	struct oi_error err;
	int rc = oi_store_plan_load(web_app_store(c->app), c->agency.id, pc->plan_year, &pc->plan,
				    &err);

	if (rc < 0)
		web_error(c, 500, err.message);
	else if (rc == 1)
		web_error(c, 404, "หน่วยงานนี้ยังไม่มีแผนมาตรการของปีนี้ สร้างแผนจากหน้าแผนก่อน");
	return rc;
}

/* Save pc->plan and record the audit entry `action`; on failure a 500 page and -1. */
static int save_plan(struct web_ctx *c, struct plan_ctx *pc, const char *action)
{
	struct oi_store *st = web_app_store(c->app);
	struct oi_error err;
	char detail[160];

	if (oi_store_plan_save(st, c->agency.id, pc->plan, &err)) {
		web_error(c, 500, err.message);
		return -1;
	}
	snprintf(detail, sizeof detail, "agency=%s fiscal_year=%d measures=%zu", c->agency.code,
		 pc->plan_year, pc->plan->n_measures);
	if (oi_store_audit(st, c->session.user.id, action, detail, &err)) {
		web_error(c, 500, err.message);
		return -1;
	}
	return 0;
}

/* A 1-based number parameter within 1..max: the 0-based index, or -1. */
static long index_param(const char *s, size_t max)
{
	long v = 0;

	if (!s || !*s || strlen(s) > 6)
		return -1;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		v = v * 10 + (*p - '0');
	}
	return v >= 1 && (size_t)v <= max ? v - 1 : -1;
}

/* The item numbered by params[k] (1-based, within 1..n) as a 0-based index; else a 404 page
 * with the message missing, and -1. */
static long item_param(struct web_ctx *c, int k, size_t n, const char *missing)
{
	long i = index_param(c->params[k], n);

	if (i < 0)
		web_error(c, 404, missing);
	return i;
}

/* Remove element i of an array of *n elements of size bytes: the rest shift down (the plan's
 * arrays belong to its arena, so nothing is freed). */
static void remove_at(void *base, size_t *n, size_t i, size_t size)
{
	memmove((char *)base + i * size, (char *)base + (i + 1) * size, (*n - i - 1) * size);
	(*n)--;
}

/* A page of the plan: the loaded plan with the refused form's error, or fe NULL. */
typedef void (*plan_page_fn)(struct web_ctx *c, struct plan_ctx *pc, const struct form_error *fe);

/* Load the plan (404 page when there is none, 500 when the store fails) and show page. */
static void plan_show(struct web_ctx *c, plan_page_fn page)
{
	struct plan_ctx pc;

	if (plan_ctx_init(c, &pc) || load_plan(c, &pc))
		return;
	page(c, &pc, NULL);
	plan_ctx_release(&pc);
}

/* Refuse a form: page again with what was typed and the error, status 422. */
static void refuse(struct web_ctx *c, struct plan_ctx *pc, plan_page_fn page,
		   const struct form_error *fe)
{
	page(c, pc, fe);
	c->res->status = 422;
}

/*
 * What a form does to the loaded plan, for plan_change(): change pc->plan and return where to
 * go next (a suffix of the agency's path); or answer itself (404 for an item not there, 422
 * with the form again) and return NULL, and nothing is stored.
 */
typedef const char *(*plan_change_fn)(struct web_ctx *c, struct plan_ctx *pc);

/* The shape of every form of the plan: load the plan (404 page when there is none, 500 when
 * the store fails); change it; save it with the audit entry action; redirect (303). */
static void plan_change(struct web_ctx *c, const char *action, plan_change_fn change)
{
	struct plan_ctx pc;
	const char *next;

	if (plan_ctx_init(c, &pc) || load_plan(c, &pc))
		return;
	next = change(c, &pc);
	if (next && save_plan(c, &pc, action) == 0)
		redirect_to(c, next);
	plan_ctx_release(&pc);
}

/* The route handlers of the plan's pages and forms: plan_show(c, page) and
 * plan_change(c, action, change). */
#define PLAN_PAGE(handler, page)                                                                  \
	static void handler(struct web_ctx *c)                                                    \
	{                                                                                         \
		plan_show(c, page);                                                               \
	}
#define PLAN_FORM(handler, action, change)                                                        \
	static void handler(struct web_ctx *c)                                                    \
	{                                                                                         \
		plan_change(c, action, change);                                                   \
	}

/* ---- reading fields ---- */

/* A text field: "" when absent; trimmed of surrounding spaces; longer than max characters, or
 * empty when required, fills fe (the first error only) with a message naming label. */
static const char *take_text(struct web_ctx *c, struct form_error *fe, const char *name,
			     const char *label, size_t max, bool required)
{
	const char *v = web_field(c, name);
	size_t len;

	if (!v)
		v = "";
	while (*v == ' ' || *v == '\t' || *v == '\r' || *v == '\n')
		v++;
	len = strlen(v);
	while (len && (v[len - 1] == ' ' || v[len - 1] == '\t' || v[len - 1] == '\r' ||
		       v[len - 1] == '\n'))
		len--;
	v = arena_strndup(c->arena, v, len);
	if (fe->message)
		return v;
	if (required && !*v) {
		fe->field = name;
		fe->message = msgf(c, "กรุณากรอกช่อง “%s”", label);
	} else if (utf8_count(v, len) > max) {
		fe->field = name;
		fe->message = msgf(c, "ช่อง “%s” ยาวเกิน %zu ตัวอักษร (กรอกมา %zu ตัวอักษร)", label,
				   max, utf8_count(v, len));
	}
	return v;
}

/* A real date "YYYY-MM-DD" (Gregorian), as <input type="date"> sends it. */
static bool date_valid(const char *s)
{
	static const int days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, m, d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return false;
	return !(m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)));
}

/* A date field: "" allowed unless required; otherwise a real date. */
static const char *take_date(struct web_ctx *c, struct form_error *fe, const char *name,
			     const char *label, bool required)
{
	const char *v = take_text(c, fe, name, label, 10, required);

	if (!fe->message && *v && !date_valid(v)) {
		fe->field = name;
		fe->message = msgf(c, "ช่อง “%s” ต้องเป็นวันที่ในรูปแบบ ปปปป-ดด-วว (ค.ศ.) เช่น "
				      "2025-10-01", label);
	}
	return v;
}

/* One text field of a form and the plan's string it fills. */
struct plan_field {
	const char *name, *label;   /* the form's name; the label its messages name */
	size_t max;                 /* characters (a date is 10) */
	bool required, date;        /* date: a real date "YYYY-MM-DD" (take_date) */
	char **to;                  /* the string to set, or NULL when the caller uses the value */
};

/* Read n fields in order into values (take_text or take_date); fe gets the first error. */
static void take_fields(struct web_ctx *c, struct form_error *fe, const struct plan_field *f,
			size_t n, const char **values)
{
	for (size_t k = 0; k < n; k++)
		values[k] = f[k].date ? take_date(c, fe, f[k].name, f[k].label, f[k].required)
				      : take_text(c, fe, f[k].name, f[k].label, f[k].max,
						  f[k].required);
}

/* Set each field's string of p (those with a place) to its value. */
static void set_fields(struct oi_plan *p, const struct plan_field *f, size_t n,
		       const char **values)
{
	for (size_t k = 0; k < n; k++)
		if (f[k].to)
			oi_plan_set(p, f[k].to, values[k]);
}

/* "" (the whole agency) or one of the instruments IIT, EIT, OIT. */
static bool instrument_valid(const char *s)
{
	return !strcmp(s, "") || !strcmp(s, "IIT") || !strcmp(s, "EIT") || !strcmp(s, "OIT");
}

/*
 * A score 0–100 as typed: digits with at most one '.' (Thai digits are not accepted here, the
 * number pad sends ASCII). Returns 1 with *out when given, 0 when empty, -1 when bad.
 */
static int parse_score(const char *s, double *out)
{
	size_t digits = 0, dots = 0, decimals = 0;
	char *end;

	while (*s == ' ')
		s++;
	if (!*s)
		return 0;
	for (const char *p = s; *p && *p != ' '; p++) {
		if (*p >= '0' && *p <= '9') {
			digits++;
			decimals += dots;
		} else if (*p == '.') {
			dots++;
		} else {
			return -1;
		}
	}
	if (!digits || dots > 1 || decimals > 4 || strlen(s) > 12)
		return -1;
	*out = strtod(s, &end);
	while (*end == ' ')
		end++;
	if (*end || !isfinite(*out) || *out < 0 || *out > 100)
		return -1;
	return 1;
}

/* ---- page pieces ---- */

static void error_box(struct buf *b, const struct form_error *fe)
{
	if (!fe || !fe->message)
		return;
	html_raw(b, "<div class=\"errors\" role=\"alert\" id=\"form-error\"><p>");
	html_text(b, fe->message);
	html_raw(b, "</p><p>ยังไม่ได้บันทึกข้อมูลใด ๆ แก้ไขแล้วส่งอีกครั้ง</p></div>");
}

static void saved_notice(struct web_ctx *c, const char *text)
{
	if (web_query(c, "saved")) {
		html_raw(&c->res->body, "<p class=\"notice\" role=\"status\">");
		html_text(&c->res->body, text);
		html_raw(&c->res->body, "</p>");
	}
}

/* The attributes of an input named name: id, name, and the error marks when it is the one. */
static void field_attrs(struct buf *b, const char *name, const struct form_error *fe)
{
	html_raw(b, " id=\"f-");
	html_attr(b, name);
	html_raw(b, "\" name=\"");
	html_attr(b, name);
	html_raw(b, "\"");
	if (fe && fe->field && !strcmp(fe->field, name))
		html_raw(b, " aria-invalid=\"true\" aria-describedby=\"form-error\" autofocus");
}

static void label_for(struct buf *b, const char *name, const char *label)
{
	html_raw(b, "<label for=\"f-");
	html_attr(b, name);
	html_raw(b, "\">");
	html_text(b, label);
	html_raw(b, "</label>");
}

/* The value to show: what was typed when a refused form sent the field, else the stored one
 * (so the other forms of a page with several keep their stored values). */
static const char *shown(struct web_ctx *c, bool typed, const char *name, const char *stored)
{
	if (typed) {
		const char *v = web_field(c, name);

		if (v)
			return v;
	}
	return stored ? stored : "";
}

static void text_input(struct web_ctx *c, const char *name, const char *label, const char *value,
		       const struct form_error *fe, const char *type, size_t max)
{
	struct buf *b = &c->res->body;

	label_for(b, name, label);
	html_raw(b, "<input type=\"");
	html_raw(b, type);
	html_raw(b, "\"");
	field_attrs(b, name, fe);
	if (max)
		html_fmt(b, " maxlength=\"%zu\"", max);
	html_raw(b, " value=\"");
	html_attr(b, value);
	html_raw(b, "\">");
}

static void textarea_max(struct web_ctx *c, const char *name, const char *label,
			 const char *hint, const char *value, const struct form_error *fe, int rows,
			 size_t max)
{
	struct buf *b = &c->res->body;

	label_for(b, name, label);
	if (hint) {
		html_raw(b, "<p class=\"hint\">");
		html_text(b, hint);
		html_raw(b, "</p>");
	}
	html_fmt(b, "<textarea rows=\"%d\"", rows);
	field_attrs(b, name, fe);
	html_fmt(b, " maxlength=\"%zu\">", max);
	html_text(b, value);
	html_raw(b, "</textarea>");
}

static void textarea(struct web_ctx *c, const char *name, const char *label, const char *hint,
		     const char *value, const struct form_error *fe, int rows)
{
	textarea_max(c, name, label, hint, value, fe, rows, TEXT_MAX);
}

/* A <select> of the instruments with selected chosen: whole_label for "" (the whole agency),
 * then IIT, EIT, OIT (what instrument_valid() accepts). */
static void instrument_select(struct web_ctx *c, const char *name, const char *label,
			      const char *selected, const char *whole_label,
			      const struct form_error *fe)
{
	static const char *const instruments[] = {"", "IIT", "EIT", "OIT"};
	struct buf *b = &c->res->body;

	label_for(b, name, label);
	html_raw(b, "<select");
	field_attrs(b, name, fe);
	html_raw(b, ">");
	for (size_t k = 0; k < 4; k++) {
		html_raw(b, "<option value=\"");
		html_attr(b, instruments[k]);
		html_raw(b, "\"");
		if (!strcmp(selected, instruments[k]))
			html_raw(b, " selected");
		html_raw(b, ">");
		html_text(b, k ? instruments[k] : whole_label);
		html_raw(b, "</option>");
	}
	html_raw(b, "</select>");
}

static void page_head(struct web_ctx *c, const char *title, const char *crumb_suffix,
		      const char *crumb_label)
{
	struct buf *b = &c->res->body;

	page_begin(c, title);
	html_raw(b, "<nav aria-label=\"ตำแหน่งของหน้า\" class=\"crumbs\"><a href=\"");
	html_attr(b, agency_path(c, ""));
	html_raw(b, "\">");
	html_text(b, c->agency.name);
	html_raw(b, "</a>");
	if (crumb_suffix) {
		html_raw(b, " › <a href=\"");
		html_attr(b, agency_path(c, crumb_suffix));
		html_raw(b, "\">");
		html_text(b, crumb_label);
		html_raw(b, "</a>");
	}
	html_raw(b, "</nav><h1>");
	html_text(b, title);
	html_raw(b, "</h1>");
}

static void post_button(struct web_ctx *c, const char *action_suffix, const char *label,
			const char *cls)
{
	struct buf *b = &c->res->body;

	html_raw(b, "<form method=\"post\" class=\"inline\" action=\"");
	html_attr(b, agency_path(c, action_suffix));
	html_raw(b, "\">");
	page_csrf(c);
	html_raw(b, "<button type=\"submit\"");
	if (cls) {
		html_raw(b, " class=\"");
		html_raw(b, cls);
		html_raw(b, "\"");
	}
	html_raw(b, ">");
	html_text(b, label);
	html_raw(b, "</button></form>");
}

/* A delete form that asks to be confirmed: a checkbox "confirm" the handler requires (no
 * script needed). id_suffix tells its checkbox from others on the page. */
static void delete_form(struct web_ctx *c, const char *action_suffix, const char *id_suffix,
			const char *what_th, const char *button_th)
{
	struct buf *b = &c->res->body;

	html_raw(b, "<form method=\"post\" class=\"delete\" action=\"");
	html_attr(b, agency_path(c, action_suffix));
	html_raw(b, "\">");
	page_csrf(c);
	html_raw(b, "<p><input type=\"checkbox\" name=\"confirm\" value=\"1\" id=\"f-confirm-");
	html_attr(b, id_suffix);
	html_raw(b, "\"><label class=\"inline\" for=\"f-confirm-");
	html_attr(b, id_suffix);
	html_raw(b, "\">");
	html_text(b, what_th);
	html_raw(b, "</label></p><p><button type=\"submit\" class=\"danger\">");
	html_text(b, button_th);
	html_raw(b, "</button></p></form>");
}

/* The deletion was confirmed; else a 409 page saying how, and false. */
static bool delete_confirmed(struct web_ctx *c)
{
	if (web_field(c, "confirm"))
		return true;
	web_error(c, 409, "ยังไม่ได้ลบ: เลือกช่องยืนยันการลบก่อนกดปุ่มลบ");
	return false;
}

/* ---- the result sheet ---- */

static const char *indicator_label(struct web_ctx *c, const struct oi_indicator *ind)
{
	return msgf(c, "%s. %s", ind->code, ind->name_th);
}

static void indicator_inputs(struct web_ctx *c, const struct oi_framework *fw, const char *prefix,
			     const struct oi_result *stored, bool typed,
			     const struct form_error *fe)
{
	struct buf *b = &c->res->body;

	for (size_t i = 0; i < fw->n_indicators; i++) {
		const char *name = msgf(c, "%s%s", prefix, fw->indicators[i].code);
		char value[32] = "";

		if (!typed && stored && stored->has_indicator[i])
			snprintf(value, sizeof value, "%.*f", (int)fw->result_decimals,
				 oi_round(stored->indicator[i], fw->result_decimals));
		html_raw(b, "<div class=\"score-field\">");
		label_for(b, name, indicator_label(c, &fw->indicators[i]));
		html_raw(b, "<input type=\"text\" inputmode=\"decimal\" autocomplete=\"off\" "
			    "class=\"score\" maxlength=\"12\"");
		field_attrs(b, name, fe);
		html_raw(b, " value=\"");
		html_attr(b, typed ? shown(c, true, name, NULL) : value);
		html_raw(b, "\"></div>");
	}
}

static void analysis_section(struct web_ctx *c, const struct oi_analysis *an)
{
	struct buf *b = &c->res->body;
	const struct oi_framework *fw = an->ar->fw;

	html_raw(b, "<section aria-labelledby=\"h-analysis\"><h2 id=\"h-analysis\">ผลการวิเคราะห์"
		    "</h2><div class=\"cards\"><div class=\"card\"><span class=\"counter\">");
	if (an->has_total)
		put_score(b, fw, an->total);
	else
		html_raw(b, "—");
	html_raw(b, "</span>คะแนนรวม");
	if (an->has_previous_total) {
		html_raw(b, " (ปี ");
		html_fmt(b, "%d", an->previous_year_be);
		html_raw(b, ": ");
		put_score(b, fw, an->previous_total);
		html_fmt(b, ", เปลี่ยน %+.*f)", (int)fw->result_decimals,
			 oi_round(an->total_change, fw->result_decimals));
	}
	html_raw(b, "</div><div class=\"card\"><span class=\"counter\">");
	html_text(b, an->grade ? an->grade : "—");
	html_raw(b, "</span>ระดับผลการประเมิน");
	if (!an->grade)
		html_raw(b, " (ยังไม่ครบทุกตัวชี้วัด)");
	html_raw(b, "</div><div class=\"card\"><span class=\"counter\">");
	html_fmt(b, "%zu / %zu", an->n_strengths, an->n_weaknesses);
	html_raw(b, "</span>จุดแข็ง / จุดที่ต้องพัฒนา (เกณฑ์ ");
	html_fmt(b, "%.2f", fw->strength_min);
	html_raw(b, " คะแนน)</div></div>");

	html_raw(b, "<div class=\"table-wrap\"><table><caption>คะแนนรายตัวชี้วัด</caption><thead><tr>"
		    "<th scope=\"col\">ตัวชี้วัด</th><th scope=\"col\" class=\"num\">คะแนน</th>"
		    "<th scope=\"col\" class=\"num\">ปีก่อน</th><th scope=\"col\" class=\"num\">"
		    "เปลี่ยนแปลง</th><th scope=\"col\">ผล</th></tr></thead><tbody>");
	for (size_t k = 0; k < an->n_indicators; k++) {
		const struct oi_indicator_finding *f = &an->indicators[k];

		html_raw(b, "<tr><th scope=\"row\">");
		html_text(b, indicator_label(c, &fw->indicators[f->indicator]));
		html_raw(b, "</th><td class=\"num\">");
		if (f->has_score)
			put_score(b, fw, f->score);
		else
			html_raw(b, "ไม่มีข้อมูล");
		html_raw(b, "</td><td class=\"num\">");
		if (f->has_previous)
			put_score(b, fw, f->previous);
		else
			html_raw(b, "—");
		html_raw(b, "</td><td class=\"num\">");
		if (f->has_previous && f->has_score)
			html_fmt(b, "%+.*f", (int)fw->result_decimals,
				 oi_round(f->change, fw->result_decimals));
		else
			html_raw(b, "—");
		html_raw(b, "</td><td>");
		if (!f->has_score)
			html_raw(b, "—");
		else if (f->strength)
			html_raw(b, "<span class=\"ok\">จุดแข็ง</span>");
		else
			html_raw(b, "<span class=\"bad\">ต้องพัฒนา</span>");
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "</tbody></table></div>");

	html_raw(b, "<h3>ตัวชี้วัดที่ต่ำที่สุดของแต่ละเครื่องมือ</h3><ul>");
	for (size_t k = 0; k < an->n_instruments; k++) {
		const struct oi_instrument_finding *f = &an->instruments[k];
		const struct oi_instrument *in = &fw->instruments[f->instrument];

		html_raw(b, "<li><strong>");
		html_text(b, in->code);
		html_raw(b, "</strong> ");
		if (f->has_score) {
			put_score(b, fw, f->score);
			html_raw(b, f->meets_target ? " (ถึงค่าเป้าหมาย)" : " (ต่ำกว่าค่าเป้าหมาย)");
		}
		html_raw(b, ": ");
		if (f->lowest_indicator >= 0) {
			const struct oi_indicator *ind = &fw->indicators[f->lowest_indicator];

			html_text(b, indicator_label(c, ind));
			html_raw(b, " — ");
			put_score(b, fw, an->indicators[f->lowest_indicator].score);
		} else {
			html_raw(b, "ไม่มีข้อมูล");
		}
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul><h3>ข้อ OIT ที่ไม่ผ่าน</h3>");
	if (!an->n_failed_items) {
		html_raw(b, "<p>ไม่มีข้อที่บันทึกว่าไม่ผ่าน</p>");
	} else {
		html_raw(b, "<ul>");
		for (size_t k = 0; k < an->n_failed_items; k++) {
			const struct oi_oit_item *it = &fw->oit_items[an->failed_items[k].item];

			html_raw(b, "<li><strong>");
			html_text(b, it->code);
			html_raw(b, "</strong> ");
			html_text(b, it->title_th ? it->title_th : "");
			if (an->failed_items[k].comment) {
				html_raw(b, "<br><span class=\"hint\">ความเห็นผู้ประเมิน: ");
				html_text(b, an->failed_items[k].comment);
				html_raw(b, "</span>");
			}
			html_raw(b, "</li>");
		}
		html_raw(b, "</ul>");
	}
	if (an->n_low_questions) {
		html_raw(b, "<h3>ข้อคำถามที่ได้คะแนนต่ำ</h3><ul>");
		for (size_t k = 0; k < an->n_low_questions && k < 10; k++) {
			const struct oi_question *q = &fw->questions[an->low_questions[k].question];

			html_raw(b, "<li>");
			html_text(b, q->code);
			html_raw(b, " ");
			html_text(b, q->text_th);
			html_raw(b, " — ");
			put_score(b, fw, an->low_questions[k].score);
			html_raw(b, "</li>");
		}
		html_raw(b, "</ul>");
	}
	html_raw(b, "</section>");
}

/* The latest earlier year of ar, or NULL. */
static const struct oi_previous_result *latest_previous(const struct oi_agency_result *ar)
{
	return ar && ar->n_previous ? &ar->previous[ar->n_previous - 1] : NULL;
}

/*
 * The result openita computes from its own data for the result year (result_compute.h): what
 * went in (respondents against the minimum, confirmed OIT items), the total and grade it gives,
 * and for writers the button that saves it as the year's result.
 */
static void computed_section(struct web_ctx *c, struct plan_ctx *pc, bool may_write)
{
	struct buf *b = &c->res->body;
	struct result_compute_counts n;
	struct oi_agency_result *ar = NULL;
	struct oi_error err;
	int rc;

	html_raw(b, "<section aria-labelledby=\"h-computed\"><h2 id=\"h-computed\">ผลที่คำนวณจาก"
		    "ข้อมูลในระบบ</h2>");
	if (!pc->has_result_as) {
		html_fmt(b, "<p class=\"hint\">ระบบนี้ไม่มีข้อมูลการประเมินปี %d (แบบสำรวจ IIT/EIT "
			    "และผลการตรวจ OIT) จึงคำนวณผลให้ไม่ได้ กรอกคะแนนจากแบบแจ้งผลด้านล่างแทน"
			    "</p></section>", pc->result_year);
		return;
	}
	rc = result_compute(web_app_store(c->app), pc->fw, &pc->result_as, &c->agency, &ar, &n,
			    &err);
	if (rc < 0) {
		html_raw(b, "<p class=\"bad\">คำนวณผลไม่ได้: ");
		html_text(b, err.message);
		html_raw(b, "</p></section>");
		return;
	}
	html_raw(b, "<p class=\"hint\">คำนวณด้วยวิธีเดียวกับการคำนวณผลจริง จากคำตอบแบบสำรวจที่เก็บ"
		    "ในระบบ และผลการตรวจ OIT ที่สำนักงาน ป.ป.ช. ยืนยันแล้วเท่านั้น</p><div "
		    "class=\"table-wrap\"><table id=\"computed-inputs\"><thead><tr><th scope=\"col\">"
		    "เครื่องมือ</th><th scope=\"col\" class=\"num\">ข้อมูลที่ใช้</th><th scope=\"col\">"
		    "หมายเหตุ</th></tr></thead><tbody>");
	for (size_t i = 0; i < n.n_surveys; i++) {
		html_raw(b, "<tr><th scope=\"row\">");
		html_text(b, n.survey[i].code);
		html_fmt(b, "</th><td class=\"num\">%lu คน</td><td>", n.survey[i].respondents);
		if (!n.survey[i].has_minimum)
			html_raw(b, "ยังไม่ได้กรอกจำนวนประชากร จึงไม่ทราบจำนวนขั้นต่ำ");
		else if (n.survey[i].respondents < n.survey[i].minimum)
			html_fmt(b, "<span class=\"bad\">ยังไม่ถึงจำนวนขั้นต่ำ %lu คน</span>",
				 n.survey[i].minimum);
		else
			html_fmt(b, "ถึงจำนวนขั้นต่ำ %lu คนแล้ว", n.survey[i].minimum);
		if (n.survey[i].skipped)
			html_fmt(b, " · ข้ามคำตอบที่ไม่ตรงกับแบบสำรวจ %lu ชุด", n.survey[i].skipped);
		html_raw(b, "</td></tr>");
	}
	html_fmt(b, "<tr><th scope=\"row\">OIT</th><td class=\"num\">%zu จาก %zu ข้อ</td><td>",
		 n.oit_confirmed, n.oit_items);
	html_raw(b, n.oit_confirmed < n.oit_items ? "ตัวชี้วัดที่ยังยืนยันผลไม่ครบทุกข้อจะยังไม่มีคะแนน"
						   : "ยืนยันผลครบทุกข้อแล้ว");
	html_raw(b, "</td></tr></tbody></table></div>");
	if (rc == 1) {
		html_raw(b, "<p>ยังไม่มีคำตอบแบบสำรวจหรือผลการตรวจ OIT ที่ยืนยันแล้ว จึงยังไม่มีผลให้ใช้"
			    "</p></section>");
		return;
	}
	html_raw(b, "<p id=\"computed-total\">คะแนนรวมที่คำนวณได้: <strong>");
	if (ar->result.complete)
		put_score(b, pc->fw, ar->result.total);
	else
		html_raw(b, "ยังไม่ครบทุกตัวชี้วัด");
	html_raw(b, "</strong>");
	if (ar->result.grade) {
		html_raw(b, " ระดับ <strong>");
		html_text(b, ar->result.grade);
		html_raw(b, "</strong>");
	}
	html_raw(b, "</p>");
	if (may_write) {
		html_raw(b, "<form method=\"post\" action=\"");
		html_attr(b, agency_path(c, "/result/compute"));
		html_raw(b, "\">");
		page_csrf(c);
		html_fmt(b, "<p class=\"hint\">ใช้ผลนี้แทนคะแนนตัวชี้วัดและผล OIT ที่บันทึกไว้ของปี %d "
			    "คะแนนปีก่อนที่บันทึกไว้ยังคงอยู่</p><p><button type=\"submit\">"
			    "ใช้ผลที่คำนวณจากระบบ</button></p></form>", pc->result_year);
	}
	html_raw(b, "</section>");
	oi_agency_result_free(ar);
}

static void result_page(struct web_ctx *c, struct plan_ctx *pc, const struct oi_agency_result *ar,
			const struct form_error *fe)
{
	struct buf *b;
	const struct oi_framework *fw = pc->fw;
	const struct oi_previous_result *prev = latest_previous(ar);
	bool typed = fe && fe->message;
	bool may_write = web_may_write_agency(c, c->agency.id);
	char prev_year[16] = "";

	page_head(c, msgf(c, "ผลการประเมินปี %d", pc->result_year), NULL, NULL);
	b = &c->res->body;
	html_raw(b, "<p>กรอบการประเมิน ");
	html_text(b, fw->name_th ? fw->name_th : fw->id);
	html_raw(b, " · <a href=\"");
	html_attr(b, agency_path(c, "/plan"));
	html_raw(b, "\">แผนมาตรการปี ");
	html_fmt(b, "%d", pc->plan_year);
	html_raw(b, "</a></p>");
	error_box(b, fe);
	saved_notice(c, "บันทึกผลการประเมินแล้ว");

	if (ar && !typed) {
		struct oi_analysis an;
		struct oi_error err;

		if (oi_analyse(ar, &an, &err) == 0) {
			analysis_section(c, &an);
			oi_analysis_release(&an);
		} else {
			html_raw(b, "<p class=\"notice\">");
			html_text(b, err.message);
			html_raw(b, "</p>");
		}
	} else if (!ar) {
		html_raw(b, "<p class=\"notice\">ยังไม่ได้บันทึกผลการประเมินของปีนี้ กรอกคะแนนจากแบบแจ้งผล"
			    "การประเมินที่ได้รับด้านล่าง แล้วระบบจะวิเคราะห์จุดแข็งและจุดที่ต้องพัฒนาให้</p>");
	}
	computed_section(c, pc, may_write);
	if (!may_write) {
		page_end(c);
		return;
	}
	html_raw(b, "<section aria-labelledby=\"h-sheet\"><h2 id=\"h-sheet\">กรอกผลการประเมินตาม"
		    "แบบแจ้งผล</h2><form method=\"post\" action=\"");
	html_attr(b, agency_path(c, "/result"));
	html_raw(b, "\" novalidate>");
	page_csrf(c);
	html_raw(b, "<fieldset><legend>คะแนนรายตัวชี้วัด ปี ");
	html_fmt(b, "%d", pc->result_year);
	html_raw(b, " (0 ถึง 100 เว้นว่างถ้าไม่มีข้อมูล)</legend><div class=\"score-grid\">");
	indicator_inputs(c, fw, "ind_", ar ? &ar->result : NULL, typed, fe);
	html_raw(b, "</div></fieldset>");

	html_raw(b, "<fieldset><legend>ข้อ OIT ที่ไม่ผ่าน พร้อมความเห็นของผู้ประเมิน</legend>"
		    "<p class=\"hint\">เลือกข้อที่แบบแจ้งผลระบุว่าไม่ผ่าน และคัดลอกความเห็นของผู้ประเมินมา"
		    "ใส่ (ถ้ามี)</p><details");
	{
		bool any = false;   /* open the list when an item is (or was typed as) failed */

		for (size_t k = 0; k < fw->n_oit_items; k++)
			any |= typed ? web_field(c, msgf(c, "fail_%s", fw->oit_items[k].code)) != NULL
				     : ar && ar->verdict[k] == 0;
		if (any || (fe && fe->field && (!strncmp(fe->field, "comment_", 8) ||
						 !strncmp(fe->field, "fail_", 5))))
			html_raw(b, " open");
	}
	html_raw(b, "><summary>รายการข้อ OIT ทั้งหมด</summary><div class=\"oit-list\">");
	for (size_t k = 0; k < fw->n_oit_items; k++) {
		const struct oi_oit_item *it = &fw->oit_items[k];
		const char *fail = msgf(c, "fail_%s", it->code);
		const char *note = msgf(c, "comment_%s", it->code);
		bool checked = typed ? web_field(c, fail) != NULL : ar && ar->verdict[k] == 0;

		html_raw(b, "<div class=\"oit-item\"><input type=\"checkbox\" value=\"1\"");
		field_attrs(b, fail, fe);
		if (checked)
			html_raw(b, " checked");
		html_raw(b, "><label class=\"inline\" for=\"f-");
		html_attr(b, fail);
		html_raw(b, "\">");
		html_text(b, it->code);
		html_raw(b, " ");
		html_text(b, it->title_th ? it->title_th : "(ไม่ทราบชื่อข้อ)");
		html_raw(b, " — ไม่ผ่าน</label>");
		text_input(c, note, msgf(c, "ความเห็นของผู้ประเมิน ข้อ %s", it->code),
			   shown(c, typed, note, ar && ar->comment[k] ? ar->comment[k] : ""), fe,
			   "text", 0);
		html_raw(b, "</div>");
	}
	html_raw(b, "</div></details></fieldset>");

	if (prev)
		snprintf(prev_year, sizeof prev_year, "%d", prev->fiscal_year_be);
	else
		snprintf(prev_year, sizeof prev_year, "%d", pc->result_year - 1);
	html_raw(b, "<fieldset><legend>คะแนนปีก่อน เพื่อเปรียบเทียบ (เว้นว่างได้)</legend>");
	text_input(c, "prev_year", "ปีงบประมาณ (พ.ศ.)", shown(c, typed, "prev_year", prev_year), fe,
		   "text", 4);
	html_raw(b, "<div class=\"score-grid\">");
	indicator_inputs(c, fw, "prev_", prev ? &prev->result : NULL, typed, fe);
	html_raw(b, "</div></fieldset><p><button type=\"submit\">บันทึกผลการประเมิน</button></p>"
		    "</form></section>");
	page_end(c);
}

static struct oi_agency_result *load_result(struct web_ctx *c, struct plan_ctx *pc, int *rc)
{
	struct oi_agency_result *ar = NULL;
	struct oi_error err;

	*rc = oi_store_result_load(web_app_store(c->app), c->agency.id, pc->result_year, pc->fw,
				   &ar, &err);
	if (*rc < 0)
		web_error(c, 500, err.message);
	return ar;
}

static void get_result(struct web_ctx *c)
{
	struct plan_ctx pc;
	struct oi_agency_result *ar;
	int rc;

	if (plan_ctx_init(c, &pc))
		return;
	ar = load_result(c, &pc, &rc);
	if (rc < 0)
		return;
	result_page(c, &pc, ar, NULL);
	oi_agency_result_free(ar);
}

/* Read the indicator inputs named prefix<code> into r; fe on a bad one. */
static void take_scores(struct web_ctx *c, const struct oi_framework *fw, const char *prefix,
			const char *what, struct oi_result *r, struct form_error *fe)
{
	for (size_t i = 0; i < fw->n_indicators; i++) {
		const char *name = msgf(c, "%s%s", prefix, fw->indicators[i].code);
		const char *v = web_field(c, name);
		double x;
		int got = v ? parse_score(v, &x) : 0;

		if (got < 0 && !fe->message) {
			fe->field = name;
			fe->message = msgf(c, "คะแนน%sตัวชี้วัดที่ %s ต้องเป็นตัวเลข 0 ถึง 100 (ทศนิยมไม่เกิน "
					      "4 ตำแหน่ง) หรือเว้นว่าง", what, fw->indicators[i].code);
		}
		r->has_indicator[i] = got > 0;
		r->indicator[i] = got > 0 ? x : 0;
	}
}

static void set_comment(struct oi_agency_result *ar, size_t k, const char *text)
{
	size_t len = strlen(text) + 1;

	/* analysis.h: comment[k] is owned by ar (malloc'd) and freed by oi_agency_result_free() */
	free(ar->comment[k]);
	ar->comment[k] = *text ? memcpy(xmalloc(len), text, len) : NULL;
}

static void post_result(struct web_ctx *c)
{
	struct oi_store *st = web_app_store(c->app);
	struct plan_ctx pc;
	struct oi_agency_result *old, *ar;
	struct form_error fe = {0};
	struct oi_previous_result prev;
	const char *prev_year;
	bool any_prev = false;
	struct oi_error err;
	char detail[160];
	int rc;
	long year = 0;

	if (plan_ctx_init(c, &pc))
		return;
	old = load_result(c, &pc, &rc);
	if (rc < 0)
		return;
	ar = oi_agency_result_new(pc.fw, c->agency.code);
	oi_agency_result_set_name(ar, c->agency.name);
	ar->fiscal_year_be = pc.result_year;
	take_scores(c, pc.fw, "ind_", "", &ar->result, &fe);
	for (size_t k = 0; k < pc.fw->n_oit_items; k++) {
		const struct oi_oit_item *it = &pc.fw->oit_items[k];
		const char *note = take_text(c, &fe, msgf(c, "comment_%s", it->code),
					     msgf(c, "ความเห็นของผู้ประเมิน ข้อ %s", it->code),
					     TEXT_MAX, false);

		if (web_field(c, msgf(c, "fail_%s", it->code))) {
			ar->verdict[k] = 0;
			set_comment(ar, k, note);
		} else if (old && old->verdict[k] == 1) {
			ar->verdict[k] = 1;   /* a stored pass stays; the form lists failures only */
		}
	}
	memset(&prev, 0, sizeof prev);
	take_scores(c, pc.fw, "prev_", "ปีก่อนของ", &prev.result, &fe);
	for (size_t i = 0; i < pc.fw->n_indicators; i++)
		any_prev |= prev.result.has_indicator[i];
	prev_year = take_text(c, &fe, "prev_year", "ปีงบประมาณ (พ.ศ.)", 4, any_prev);
	if (!fe.message && *prev_year) {
		for (const char *p = prev_year; *p; p++)
			year = *p >= '0' && *p <= '9' ? year * 10 + (*p - '0') : -1000000;
		if (year < 2500 || year >= pc.result_year) {
			fe.field = "prev_year";
			fe.message = msgf(c, "ปีงบประมาณของคะแนนปีก่อนต้องเป็นปี พ.ศ. ก่อนปี %d เช่น %d",
					  pc.result_year, pc.result_year - 1);
		}
	}
	if (!fe.message) {
		bool any = false;

		for (size_t i = 0; i < pc.fw->n_indicators; i++)
			any |= ar->result.has_indicator[i];
		if (!any) {
			fe.field = msgf(c, "ind_%s", pc.fw->indicators[0].code);
			fe.message = "กรุณากรอกคะแนนอย่างน้อยหนึ่งตัวชี้วัด";
		}
	}
	if (fe.message) {
		result_page(c, &pc, old, &fe);
		c->res->status = 422;
		goto done;
	}
	/* keep question scores and the other earlier years already stored */
	for (size_t q = 0; old && q < pc.fw->n_questions; q++)
		ar->question_score[q] = old->question_score[q];
	for (size_t p = 0; old && p < old->n_previous; p++)
		if (old->previous[p].fiscal_year_be != (int)year)
			ar->previous[ar->n_previous++] = old->previous[p];
	if (any_prev) {
		size_t at = ar->n_previous;

		prev.fiscal_year_be = (int)year;
		oi_result_finish(pc.fw, &prev.result);
		if (at == OI_MAX_PREVIOUS) {
			memmove(&ar->previous[0], &ar->previous[1],
				(OI_MAX_PREVIOUS - 1) * sizeof ar->previous[0]);
			at--;
		}
		while (at > 0 && ar->previous[at - 1].fiscal_year_be > prev.fiscal_year_be) {
			ar->previous[at] = ar->previous[at - 1];
			at--;
		}
		ar->previous[at] = prev;
		ar->n_previous = ar->n_previous < OI_MAX_PREVIOUS ? ar->n_previous + 1
								  : OI_MAX_PREVIOUS;
	}
	oi_agency_result_finish(ar);
	if (oi_store_result_save(st, c->agency.id, ar, "entered", &err)) {
		web_error(c, 422, err.message);
		goto done;
	}
	snprintf(detail, sizeof detail, "agency=%s fiscal_year=%d", c->agency.code,
		 pc.result_year);
	if (oi_store_audit(st, c->session.user.id, "result.save", detail, &err)) {
		web_error(c, 500, err.message);
		goto done;
	}
	redirect_to(c, "/result?saved=1#h-analysis");
done:
	oi_agency_result_free(old);
	oi_agency_result_free(ar);
}

/* Save the result computed from the database (computed_section) as the result year's,
 * keeping the earlier years already stored. */
static void post_result_compute(struct web_ctx *c)
{
	struct oi_store *st = web_app_store(c->app);
	struct result_compute_counts n;
	struct plan_ctx pc;
	struct oi_agency_result *old, *ar = NULL;
	struct oi_error err;
	char detail[160];
	int rc;

	if (plan_ctx_init(c, &pc))
		return;
	if (!pc.has_result_as) {
		web_error(c, 409, msgf(c, "ระบบนี้ไม่มีข้อมูลการประเมินปี %d จึงคำนวณผลไม่ได้",
				       pc.result_year));
		return;
	}
	old = load_result(c, &pc, &rc);
	if (rc < 0)
		return;
	rc = result_compute(st, pc.fw, &pc.result_as, &c->agency, &ar, &n, &err);
	if (rc) {
		if (rc < 0)
			web_error(c, 500, err.message);
		else
			web_error(c, 409, "ยังไม่มีคำตอบแบบสำรวจหรือผลการตรวจ OIT ที่ยืนยันแล้ว "
					  "จึงยังไม่มีผลให้ใช้");
		goto done;
	}
	for (size_t p = 0; old && p < old->n_previous; p++)
		ar->previous[ar->n_previous++] = old->previous[p];
	if (oi_store_result_save(st, c->agency.id, ar, "computed", &err)) {
		web_error(c, 500, err.message);
		goto done;
	}
	snprintf(detail, sizeof detail, "agency=%s fiscal_year=%d source=computed",
		 c->agency.code, pc.result_year);
	if (oi_store_audit(st, c->session.user.id, "result.compute", detail, &err)) {
		web_error(c, 500, err.message);
		goto done;
	}
	redirect_to(c, "/result?saved=1#h-analysis");
done:
	oi_agency_result_free(old);
	oi_agency_result_free(ar);
}

/* ---- the plan page ---- */

static const char *instrument_th(const char *code)
{
	if (!code || !*code)
		return "ภาพรวม";
	return code;
}

static void status_cell(struct buf *b, const struct oi_progress *g)
{
	const char *cls = g->status == OI_PROGRESS_DONE	      ? "ok"
			  : g->status == OI_PROGRESS_NOT_REPORTED ? "muted"
								  : "warn";

	html_raw(b, "<span class=\"");
	html_raw(b, cls);
	html_raw(b, "\">");
	html_text(b, oi_progress_status_th(g->status));
	html_raw(b, "</span>");
}

static void alerts_section(struct web_ctx *c, const struct oi_plan *plan)
{
	struct buf *b = &c->res->body;
	struct oi_plan_alert alerts[50];
	char today[11];
	size_t n = oi_plan_alerts(plan, oi_date_today(c->req->now, today), alerts, 50);

	html_raw(b, "<section aria-labelledby=\"h-alerts\"><h2 id=\"h-alerts\">การแจ้งเตือน</h2>");
	if (!n) {
		html_raw(b, "<p class=\"ok\">ไม่มีมาตรการที่เลยกำหนดหรือขาดการรายงาน ณ วันที่ ");
		page_date_th(b, today);
		html_raw(b, "</p></section>");
		return;
	}
	html_raw(b, "<ul class=\"alerts\">");
	for (size_t k = 0; k < n && k < 50; k++) {
		const struct oi_plan_alert *a = &alerts[k];

		html_raw(b, "<li class=\"bad\">");
		if (a->kind == OI_ALERT_OVERDUE)
			html_raw(b, "เลยกำหนดแล้วยังไม่แล้วเสร็จ: ");
		else
			html_raw(b, a->checkpoint == 0 ? "ยังไม่รายงานความก้าวหน้ารอบ 6 เดือน: "
						       : "ยังไม่รายงานผลรอบ 12 เดือน: ");
		html_raw(b, "<a href=\"");
		html_attr(b, agency_path(c, msgf(c, "/plan/measures/%zu", a->measure + 1)));
		html_raw(b, "\">มาตรการที่ ");
		html_fmt(b, "%zu", a->measure + 1);
		html_raw(b, "</a> (ครบกำหนด ");
		page_date_th(b, a->due);
		html_raw(b, ")</li>");
	}
	html_raw(b, "</ul>");
	if (n > 50)
		html_fmt(b, "<p>และอีก %zu รายการ</p>", n - 50);
	html_raw(b, "</section>");
}

static void measures_section(struct web_ctx *c, const struct oi_plan *plan, bool may_write)
{
	struct buf *b = &c->res->body;

	html_raw(b, "<section aria-labelledby=\"h-measures\"><h2 id=\"h-measures\">มาตรการ (");
	html_fmt(b, "%zu", plan->n_measures);
	html_raw(b, ")</h2>");
	if (may_write) {
		html_raw(b, "<p><a class=\"button secondary\" href=\"");
		html_attr(b, agency_path(c, "/plan/measures/new"));
		html_raw(b, "\">เพิ่มมาตรการ</a></p>");
	}
	if (!plan->n_measures) {
		html_raw(b, "<p>ยังไม่มีมาตรการ</p></section>");
		return;
	}
	html_raw(b, "<div class=\"table-wrap\"><table class=\"measures\"><caption>มาตรการส่งเสริม"
		    "คุณธรรมและความโปร่งใส ปีงบประมาณ ");
	html_fmt(b, "%d", plan->fiscal_year_be);
	html_raw(b, "</caption><thead><tr><th scope=\"col\">ที่</th><th scope=\"col\">ประเด็น / "
		    "มาตรการ</th><th scope=\"col\">ระยะเวลา</th><th scope=\"col\">ผู้รับผิดชอบ</th>"
		    "<th scope=\"col\">รอบ 6 เดือน</th><th scope=\"col\">รอบ 12 เดือน</th></tr>"
		    "</thead><tbody>");
	for (size_t i = 0; i < plan->n_measures; i++) {
		const struct oi_measure *m = &plan->measures[i];

		html_fmt(b, "<tr><td class=\"num\">%zu</td><td><a href=\"", i + 1);
		html_attr(b, agency_path(c, msgf(c, "/plan/measures/%zu", i + 1)));
		html_raw(b, "\">");
		html_text(b, *m->issue_th ? m->issue_th : "(ไม่มีชื่อ)");
		html_raw(b, "</a><br><span class=\"hint\">");
		html_text(b, instrument_th(m->instrument));
		if (*m->source) {
			html_raw(b, " · ");
			html_text(b, m->source);
		}
		html_raw(b, "</span></td><td class=\"nowrap\">");
		page_date_th(b, m->period_start);
		html_raw(b, " –<br>");
		page_date_th(b, m->period_end);
		html_raw(b, "</td><td>");
		html_text(b, m->unit_th);
		html_raw(b, "</td>");
		for (int cp = 0; cp < OI_PLAN_CHECKPOINTS; cp++) {
			html_raw(b, "<td class=\"nowrap\"><a href=\"");
			html_attr(b, agency_path(c, msgf(c, "/plan/measures/%zu/progress/%d", i + 1,
							 cp ? 12 : 6)));
			html_raw(b, "\" aria-label=\"");
			html_attr(b, msgf(c, "ความก้าวหน้ามาตรการที่ %zu รอบ %d เดือน", i + 1,
					  cp ? 12 : 6));
			html_raw(b, "\">");
			status_cell(b, &m->progress[cp]);
			html_raw(b, "</a></td>");
		}
		html_raw(b, "</tr>");
	}
	html_raw(b, "</tbody></table></div></section>");
}

static void committees_summary(struct web_ctx *c, const struct oi_plan *plan, bool may_write)
{
	struct buf *b = &c->res->body;

	html_raw(b, "<section aria-labelledby=\"h-committees\"><h2 id=\"h-committees\">"
		    "คณะทำงาน</h2>");
	if (!plan->n_committees)
		html_raw(b, "<p>ยังไม่มีคณะทำงาน</p>");
	else
		html_raw(b, "<ul>");
	for (size_t i = 0; i < plan->n_committees; i++) {
		const struct oi_committee *cm = &plan->committees[i];

		html_raw(b, "<li>");
		html_text(b, *cm->name_th ? cm->name_th : "(ไม่มีชื่อ)");
		html_fmt(b, " — สมาชิก %zu คน</li>", cm->n_members);
	}
	if (plan->n_committees)
		html_raw(b, "</ul>");
	html_raw(b, "<p><a href=\"");
	html_attr(b, agency_path(c, "/plan/committees"));
	html_raw(b, may_write ? "\">จัดการคณะทำงานและสมาชิก</a></p></section>"
			      : "\">ดูคณะทำงานและสมาชิก</a></p></section>");
}

static void problems_section(struct web_ctx *c, const struct oi_plan *plan, bool may_write)
{
	struct buf *b = &c->res->body;

	html_raw(b, "<section aria-labelledby=\"h-problems\"><h2 id=\"h-problems\">ปัญหาและอุปสรรค"
		    "</h2>");
	if (!plan->n_problems)
		html_raw(b, "<p>ยังไม่ได้บันทึก</p>");
	else
		html_raw(b, "<ol class=\"problems\">");
	for (size_t i = 0; i < plan->n_problems; i++) {
		html_raw(b, "<li>");
		html_text(b, plan->problems_th[i]);
		if (may_write) {
			html_raw(b, " ");
			post_button(c, msgf(c, "/plan/problems/%zu/delete", i + 1),
				    msgf(c, "ลบข้อที่ %zu", i + 1), "secondary small");
		}
		html_raw(b, "</li>");
	}
	if (plan->n_problems)
		html_raw(b, "</ol>");
	if (may_write) {
		html_raw(b, "<form method=\"post\" action=\"");
		html_attr(b, agency_path(c, "/plan/problems"));
		html_raw(b, "\">");
		page_csrf(c);
		html_raw(b, "<fieldset><legend>เพิ่มปัญหาหรืออุปสรรค</legend>");
		textarea(c, "problem", "ปัญหาหรืออุปสรรค", NULL, "", NULL, 2);
		html_raw(b, "<p><button type=\"submit\">เพิ่ม</button></p></fieldset></form>");
	}
	html_raw(b, "</section>");
}

static void memo_row(struct buf *b, const char *label, const char *value, bool date)
{
	html_raw(b, "<tr><th scope=\"row\">");
	html_text(b, label);
	html_raw(b, "</th><td>");
	if (!*value)
		html_raw(b, "—");
	else if (date)
		page_date_th(b, value);
	else
		html_text(b, value);
	html_raw(b, "</td></tr>");
}

static void memo_section(struct web_ctx *c, const struct oi_plan *plan, bool may_write)
{
	struct buf *b = &c->res->body;
	const struct oi_memo *m = &plan->memo;

	html_raw(b, "<section aria-labelledby=\"h-memo\"><h2 id=\"h-memo\">บันทึกข้อความนำส่ง</h2>"
		    "<div class=\"table-wrap\"><table><tbody>");
	memo_row(b, "ส่วนราชการ", m->department_th, false);
	memo_row(b, "ที่", m->reference_no, false);
	memo_row(b, "วันที่", m->date, true);
	memo_row(b, "เรื่อง", m->subject_th, false);
	memo_row(b, "เรียน", m->to_th, false);
	memo_row(b, "ผู้ลงนาม", m->signer_name_th, false);
	memo_row(b, "ตำแหน่งผู้ลงนาม", m->signer_position_th, false);
	memo_row(b, "ผู้จัดทำ", plan->prepared_by_th, false);
	memo_row(b, "ตำแหน่งผู้จัดทำ", plan->prepared_position_th, false);
	html_raw(b, "</tbody></table></div>");
	if (may_write) {
		html_raw(b, "<p><a href=\"");
		html_attr(b, agency_path(c, "/plan/memo"));
		html_raw(b, "\">แก้ไขบันทึกข้อความ</a></p>");
	}
	html_raw(b, "</section>");
}

/*
 * The documents made from this plan (documents.c serves them): each as PDF to print, DOCX to
 * edit and HTML to read on screen, its tables as XLSX and CSV (the memo has none). Digits are
 * Thai unless this page was asked with ?digits=arabic, which the links then carry on.
 */
static void documents_section(struct web_ctx *c, const struct plan_ctx *pc)
{
	static const struct {
		const char *kind, *label;
		bool tables;
	} docs[] = {
		{"analysis", "รายงานการวิเคราะห์ผลการประเมิน", true},
		{"measures", "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", true},
		{"progress-6", "รายงานความก้าวหน้า รอบ 6 เดือน", true},
		{"progress-12", "รายงานความก้าวหน้า รอบ 12 เดือน", true},
		{"memo", "บันทึกข้อความนำส่ง", false},
	};
	static const struct {
		const char *fmt, *label;
	} files[] = {
		{"pdf", "PDF"}, {"docx", "Word"}, {"html", "ดูบนเว็บ"}, {"xlsx", "Excel"}, {"csv", "CSV"},
	};
	const char *digits = web_query(c, "digits");
	bool arabic = digits && !strcmp(digits, "arabic");
	struct buf *b = &c->res->body;

	html_raw(b, "<section aria-labelledby=\"h-docs\" class=\"documents no-print\"><h2 "
		    "id=\"h-docs\">เอกสาร</h2><p class=\"hint\">ดาวน์โหลดเอกสารที่ระบบจัดทำจากแผนนี้"
		    "และผลการประเมิน: <strong>PDF</strong> พร้อมพิมพ์บนกระดาษ A4 · <strong>Word</strong>"
		    " แก้ไขข้อความได้ก่อนพิมพ์ · <strong>ดูบนเว็บ</strong> เปิดอ่านในเบราว์เซอร์ · "
		    "<strong>Excel</strong> และ <strong>CSV</strong> เฉพาะตารางในเอกสาร</p>"
		    "<p class=\"hint\">");
	html_raw(b, arabic ? "ตัวเลขในเอกสารเป็นเลขอารบิก (1 2 3) · <a href=\""
			   : "ตัวเลขในเอกสารเป็นเลขไทย (๑ ๒ ๓) · <a href=\"");
	html_attr(b, agency_path(c, arabic ? "/plan#h-docs" : "/plan?digits=arabic#h-docs"));
	html_raw(b, arabic ? "\">ใช้เลขไทย</a></p>" : "\">ใช้เลขอารบิก</a></p>");
	html_raw(b, "<div class=\"table-wrap\"><table><caption>เอกสารของแผนมาตรการปี ");
	html_fmt(b, "%d", pc->plan_year);
	html_raw(b, "</caption><thead><tr><th scope=\"col\">เอกสาร</th><th scope=\"col\">พิมพ์"
		    "</th><th scope=\"col\">แก้ไขได้</th><th scope=\"col\">อ่าน</th><th "
		    "scope=\"col\">ตาราง</th></tr></thead><tbody>");
	for (size_t k = 0; k < sizeof docs / sizeof docs[0]; k++) {
		html_raw(b, "<tr><th scope=\"row\">");
		html_text(b, docs[k].label);
		if (!strcmp(docs[k].kind, "analysis"))
			html_fmt(b, " ปี %d", pc->result_year);
		html_raw(b, "</th>");
		/* a cell each for PDF, Word and the web; Excel and CSV share the last one */
		for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
			if (f == 3 && !docs[k].tables) {
				html_raw(b, "<td><span class=\"muted\">ไม่มีตาราง</span></td>");
				break;
			}
			html_raw(b, f == 4 ? " · " : "<td>");
			html_raw(b, "<a href=\"");
			html_attr(b, agency_path(c, msgf(c, "/plan/doc/%s.%s%s", docs[k].kind,
							 files[f].fmt,
							 arabic ? "?digits=arabic" : "")));
			html_raw(b, "\" aria-label=\"");
			html_attr(b, docs[k].label);
			html_raw(b, " ");
			html_attr(b, files[f].label);
			html_raw(b, "\">");
			html_text(b, files[f].label);
			html_raw(b, f == 3 ? "</a>" : "</a></td>");
		}
		html_raw(b, "</tr>");
	}
	html_raw(b, "</tbody></table></div></section>");
}

static void draft_form(struct web_ctx *c, bool has_plan)
{
	struct buf *b = &c->res->body;

	html_raw(b, "<form method=\"post\" action=\"");
	html_attr(b, agency_path(c, "/plan/draft"));
	html_raw(b, "\">");
	page_csrf(c);
	html_raw(b, "<fieldset><legend>ร่างแผนจากผลการวิเคราะห์</legend><p class=\"hint\">ระบบจะร่าง"
		    "มาตรการหนึ่งข้อต่อหนึ่งจุดที่ต้องพัฒนา พร้อมแนวทางและวิธีการดำเนินการจากคลังแนวทาง "
		    "แล้วแก้ไขต่อได้ทุกช่อง</p>");
	if (has_plan)
		html_raw(b, "<p><input type=\"checkbox\" id=\"f-confirm\" name=\"confirm\" "
			    "value=\"1\"><label class=\"inline\" for=\"f-confirm\">แทนที่แผนเดิมทั้งหมด"
			    " (มาตรการ ความก้าวหน้า คณะทำงาน ปัญหา และบันทึกข้อความที่กรอกไว้จะหายไป)"
			    "</label></p>");
	html_raw(b, "<p><button type=\"submit\"");
	if (has_plan)
		html_raw(b, " class=\"secondary\"");
	html_raw(b, ">ร่างแผนจากผลการวิเคราะห์</button></p></fieldset></form>");
}

static void get_plan(struct web_ctx *c)
{
	struct plan_ctx pc;
	struct oi_error err;
	struct buf *b;
	bool may_write = web_may_write_agency(c, c->agency.id);
	int rc;

	if (plan_ctx_init(c, &pc))
		return;
	rc = oi_store_plan_load(web_app_store(c->app), c->agency.id, pc.plan_year, &pc.plan, &err);
	if (rc < 0) {
		web_error(c, 500, err.message);
		return;
	}
	page_head(c, msgf(c, "แผนมาตรการปีงบประมาณ %d", pc.plan_year), NULL, NULL);
	b = &c->res->body;
	html_raw(b, "<p>จากผลการประเมินปี ");
	html_fmt(b, "%d", pc.result_year);
	html_raw(b, " · <a href=\"");
	html_attr(b, agency_path(c, "/result"));
	html_raw(b, "\">ผลการประเมินและการวิเคราะห์</a></p>");
	if (web_query(c, "drafted"))
		html_raw(b, "<p class=\"notice\" role=\"status\">ร่างแผนจากผลการวิเคราะห์แล้ว "
			    "ตรวจและแก้ไขมาตรการ ผู้รับผิดชอบ และคณะทำงานได้ด้านล่าง</p>");
	saved_notice(c, "บันทึกแล้ว");
	if (!pc.plan) {
		html_raw(b, "<p class=\"notice\">ยังไม่มีแผนมาตรการของปีนี้");
		if (may_write)
			html_raw(b, " ร่างแผนจากผลการวิเคราะห์ได้ทันทีเมื่อบันทึกผลการประเมินแล้ว");
		html_raw(b, "</p>");
		if (may_write)
			draft_form(c, false);
		page_end(c);
		return;
	}
	alerts_section(c, pc.plan);
	measures_section(c, pc.plan, may_write);
	committees_summary(c, pc.plan, may_write);
	problems_section(c, pc.plan, may_write);
	memo_section(c, pc.plan, may_write);
	documents_section(c, &pc);
	if (may_write)
		draft_form(c, true);
	page_end(c);
	plan_ctx_release(&pc);
}

static void post_draft(struct web_ctx *c)
{
	struct oi_store *st = web_app_store(c->app);
	struct plan_ctx pc;
	struct oi_agency_result *ar;
	struct oi_playbook *pb = NULL;
	struct oi_analysis an;
	struct oi_plan *existing = NULL;
	struct oi_error err;
	int rc;

	if (plan_ctx_init(c, &pc))
		return;
	rc = oi_store_plan_load(st, c->agency.id, pc.plan_year, &existing, &err);
	oi_plan_free(existing);
	if (rc < 0) {
		web_error(c, 500, err.message);
		return;
	}
	if (rc == 0 && !web_field(c, "confirm")) {
		web_error(c, 409, "หน่วยงานนี้มีแผนของปีนี้อยู่แล้ว ถ้าต้องการร่างใหม่แทนที่แผนเดิม ให้เลือก "
				  "“แทนที่แผนเดิมทั้งหมด” แล้วกดร่างแผนอีกครั้ง");
		return;
	}
	ar = load_result(c, &pc, &rc);
	if (rc < 0)
		return;
	if (rc == 1) {
		web_error(c, 409, "ยังไม่ได้บันทึกผลการประเมิน กรอกผลการประเมินก่อนจึงร่างแผนได้");
		return;
	}
	if (oi_analyse(ar, &an, &err)) {
		oi_agency_result_free(ar);
		web_error(c, 409, err.message);
		return;
	}
	if (oi_playbook_open(NULL, pc.fw, &pb, &err))
		pb = NULL;   /* no built-in playbook: the framework's own texts (plan.h) */
	rc = oi_plan_draft(&an, pb, pc.plan_year, &pc.plan, &err);
	oi_playbook_free(pb);
	oi_analysis_release(&an);
	oi_agency_result_free(ar);
	if (rc) {
		web_error(c, 409, err.message);
		return;
	}
	oi_plan_set(pc.plan, &pc.plan->agency_name_th, c->agency.name);
	if (save_plan(c, &pc, "plan.draft") == 0)
		redirect_to(c, "/plan?drafted=1");
	plan_ctx_release(&pc);
}

/* ---- a measure ---- */

static void measure_form(struct web_ctx *c, struct plan_ctx *pc, long index,
			 const struct form_error *fe)
{
	struct buf *b;
	bool typed = fe && fe->message;
	const struct oi_measure *m = index >= 0 ? &pc->plan->measures[index] : NULL;
	bool may_write = web_may_write_agency(c, c->agency.id);
	const char *instrument = shown(c, typed, "instrument", m ? m->instrument : "");
	char start[11], end[11];
	struct buf steps;

	oi_fiscal_year_bounds(pc->plan_year, start, end);
	page_head(c, index >= 0 ? msgf(c, "มาตรการที่ %ld", index + 1) : "เพิ่มมาตรการ", "/plan",
		  msgf(c, "แผนมาตรการปี %d", pc->plan_year));
	b = &c->res->body;
	error_box(b, fe);
	saved_notice(c, "บันทึกมาตรการแล้ว");
	if (m) {
		html_raw(b, "<section aria-labelledby=\"h-progress\"><h2 id=\"h-progress\">ความก้าวหน้า"
			    "</h2><ul>");
		for (int cp = 0; cp < OI_PLAN_CHECKPOINTS; cp++) {
			char due[11];

			oi_measure_checkpoint_due(m, cp, due);
			html_raw(b, "<li><a href=\"");
			html_attr(b, agency_path(c, msgf(c, "/plan/measures/%ld/progress/%d",
							 index + 1, cp ? 12 : 6)));
			html_fmt(b, "\">รอบ %d เดือน</a> (ครบกำหนด ", cp ? 12 : 6);
			page_date_th(b, due);
			html_raw(b, "): ");
			status_cell(b, &m->progress[cp]);
			html_raw(b, "</li>");
		}
		html_raw(b, "</ul></section>");
	}
	html_raw(b, "<form method=\"post\" action=\"");
	html_attr(b, agency_path(c, m ? msgf(c, "/plan/measures/%ld", index + 1)
				      : "/plan/measures"));
	html_raw(b, "\" novalidate>");
	page_csrf(c);
	html_raw(b, "<fieldset");
	if (!may_write)
		html_raw(b, " disabled");
	html_raw(b, "><legend>รายละเอียดมาตรการ</legend>");
	instrument_select(c, "instrument", "เครื่องมือการประเมิน", instrument, "ภาพรวม (ไม่ระบุ)", fe);
	text_input(c, "source", "ข้อคำถาม ข้อ OIT หรือตัวชี้วัดที่มา (เช่น i13, O42, 3)",
		   shown(c, typed, "source", m ? m->source : ""), fe, "text", 32);
	textarea(c, "issue", "ประเด็น / มาตรการ (จำเป็น)", NULL,
		 shown(c, typed, "issue", m ? m->issue_th : ""), fe, 2);
	textarea(c, "finding", "ข้อบกพร่องหรือจุดอ่อนที่พบ", NULL,
		 shown(c, typed, "finding", m ? m->finding_th : ""), fe, 3);
	textarea(c, "guideline", "แนวทางการนำผลไปสู่การปฏิบัติ", NULL,
		 shown(c, typed, "guideline", m ? m->guideline_th : ""), fe, 3);
	buf_init(&steps, 1u << 20);
	for (size_t k = 0; m && k < m->n_steps; k++) {
		buf_puts(&steps, m->steps_th[k]);
		buf_puts(&steps, "\n");
	}
	textarea_max(c, "steps", "วิธีการดำเนินการ", "หนึ่งขั้นตอนต่อหนึ่งบรรทัด (ไม่เกิน 50 บรรทัด "
		     "บรรทัดละไม่เกิน 2,000 ตัวอักษร)",
		     shown(c, typed, "steps", steps.data ? steps.data : ""), fe, 5, STEPS_MAX);
	buf_release(&steps);
	text_input(c, "period_start", "เริ่ม (วันที่)",
		   shown(c, typed, "period_start", m ? m->period_start : start), fe, "date", 10);
	text_input(c, "period_end", "สิ้นสุด (วันที่)",
		   shown(c, typed, "period_end", m ? m->period_end : end), fe, "date", 10);
	text_input(c, "unit", "ผู้รับผิดชอบ", shown(c, typed, "unit", m ? m->unit_th : ""), fe,
		   "text", SHORT_MAX);
	textarea(c, "followup", "การติดตามผล", NULL,
		 shown(c, typed, "followup", m ? m->followup_th : ""), fe, 2);
	if (may_write)
		html_raw(b, "<p><button type=\"submit\">บันทึกมาตรการ</button></p>");
	html_raw(b, "</fieldset></form>");
	if (m && may_write) {
		html_raw(b, "<h2>ลบมาตรการ</h2>");
		delete_form(c, msgf(c, "/plan/measures/%ld/delete", index + 1), "measure",
			    "ยืนยันว่าจะลบมาตรการนี้พร้อมความก้าวหน้าที่รายงานไว้", "ลบมาตรการนี้");
	}
	page_end(c);
}

static void new_measure_page(struct web_ctx *c, struct plan_ctx *pc, const struct form_error *fe)
{
	measure_form(c, pc, -1, fe);
}

static void measure_page(struct web_ctx *c, struct plan_ctx *pc, const struct form_error *fe)
{
	long i = item_param(c, 1, pc->plan->n_measures, "ไม่พบมาตรการลำดับนี้");

	if (i >= 0)
		measure_form(c, pc, i, fe);
}

PLAN_PAGE(get_measure_new, new_measure_page)
PLAN_PAGE(get_measure, measure_page)

/* Read the measure form into m (of pc->plan); fe on bad input. */
static void take_measure(struct web_ctx *c, struct plan_ctx *pc, struct oi_measure *m,
			 struct form_error *fe)
{
	enum { INSTRUMENT, SOURCE, ISSUE, FINDING, GUIDELINE, STEPS, START, END, UNIT, FOLLOWUP };
	const struct plan_field fields[] = {
		[INSTRUMENT] = {"instrument", "เครื่องมือการประเมิน", 3, false, false, &m->instrument},
		[SOURCE] = {"source", "ที่มา", 32, false, false, &m->source},
		[ISSUE] = {"issue", "ประเด็น / มาตรการ", TEXT_MAX, true, false, &m->issue_th},
		[FINDING] = {"finding", "ข้อบกพร่องหรือจุดอ่อนที่พบ", TEXT_MAX, false, false,
			     &m->finding_th},
		[GUIDELINE] = {"guideline", "แนวทาง", TEXT_MAX, false, false, &m->guideline_th},
		[STEPS] = {"steps", "วิธีการดำเนินการ", STEPS_MAX, false, false, NULL},
		[START] = {"period_start", "เริ่ม", 10, true, true, &m->period_start},
		[END] = {"period_end", "สิ้นสุด", 10, true, true, &m->period_end},
		[UNIT] = {"unit", "ผู้รับผิดชอบ", SHORT_MAX, false, false, &m->unit_th},
		[FOLLOWUP] = {"followup", "การติดตามผล", TEXT_MAX, false, false, &m->followup_th},
	};
	const char *v[sizeof fields / sizeof fields[0]];
	struct oi_plan *p = pc->plan;
	const char *steps;
	size_t n_lines = 0;

	take_fields(c, fe, fields, sizeof fields / sizeof fields[0], v);
	steps = v[STEPS];
	if (!fe->message && !instrument_valid(v[INSTRUMENT])) {
		fe->field = "instrument";
		fe->message = "เครื่องมือการประเมินต้องเป็น IIT, EIT, OIT หรือภาพรวม";
	}
	if (!fe->message && strcmp(v[START], v[END]) > 0) {
		fe->field = "period_end";
		fe->message = "วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่ม";
	}
	for (const char *s = steps; *s;) {
		size_t len = strcspn(s, "\n");

		n_lines++;
		if (!fe->message && utf8_count(s, len) > TEXT_MAX) {
			fe->field = "steps";
			fe->message = msgf(c, "วิธีการดำเนินการบรรทัดที่ %zu ยาวเกิน %d ตัวอักษร", n_lines,
					   TEXT_MAX);
		}
		s += len;
		if (*s)
			s++;
	}
	if (!fe->message && n_lines > 50) {
		fe->field = "steps";
		fe->message = "วิธีการดำเนินการมีได้ไม่เกิน 50 บรรทัด";
	}
	if (fe->message)
		return;
	set_fields(p, fields, sizeof fields / sizeof fields[0], v);
	m->n_steps = 0;   /* the old step strings stay in the plan's arena (plan.h) */
	for (const char *s = steps; *s;) {
		size_t len = strcspn(s, "\n");
		size_t trimmed = len;

		while (trimmed && (s[trimmed - 1] == '\r' || s[trimmed - 1] == ' '))
			trimmed--;
		if (trimmed) {
			char *line = arena_strndup(c->arena, s, trimmed);

			oi_plan_measure_add_step(p, m, line);
		}
		s += len;
		if (*s == '\n')
			s++;
	}
}

/* Add a measure (create) or change the one of the path. */
static const char *change_measure(struct web_ctx *c, struct plan_ctx *pc, bool create)
{
	struct form_error fe = {0};
	struct oi_measure scratch;
	long i = -1;

	if (!create) {
		i = item_param(c, 1, pc->plan->n_measures, "ไม่พบมาตรการลำดับนี้");
		if (i < 0)
			return NULL;
	} else if (pc->plan->n_measures >= 500) {
		web_error(c, 422, "แผนหนึ่งมีมาตรการได้ไม่เกิน 500 ข้อ");
		return NULL;
	}
	/* Check on a copy first, so a refused form changes nothing (no empty measure added). */
	if (create)
		memset(&scratch, 0, sizeof scratch);
	else
		scratch = pc->plan->measures[i];
	take_measure(c, pc, &scratch, &fe);
	if (fe.message) {
		refuse(c, pc, create ? new_measure_page : measure_page, &fe);
		return NULL;
	}
	if (create) {
		struct oi_measure *added = oi_plan_add_measure(pc->plan);

		/* the new measure's empty progress, the form's everything else */
		memcpy(scratch.progress, added->progress, sizeof scratch.progress);
		*added = scratch;
		i = (long)pc->plan->n_measures - 1;
	} else {
		pc->plan->measures[i] = scratch;
	}
	return msgf(c, "/plan/measures/%ld?saved=1", i + 1);
}

static const char *add_measure(struct web_ctx *c, struct plan_ctx *pc)
{
	return change_measure(c, pc, true);
}

static const char *edit_measure(struct web_ctx *c, struct plan_ctx *pc)
{
	return change_measure(c, pc, false);
}

static const char *delete_measure(struct web_ctx *c, struct plan_ctx *pc)
{
	long i = item_param(c, 1, pc->plan->n_measures, "ไม่พบมาตรการลำดับนี้");

	if (i < 0 || !delete_confirmed(c))
		return NULL;
	oi_plan_remove_measure(pc->plan, (size_t)i);
	return "/plan?saved=1#h-measures";
}

PLAN_FORM(post_measure_create, "plan.measure.add", add_measure)
PLAN_FORM(post_measure, "plan.measure.edit", edit_measure)
PLAN_FORM(post_measure_delete, "plan.measure.delete", delete_measure)

/* ---- progress of a measure at a checkpoint ---- */

/* "6" → 0, "12" → 1, else -1. */
static int checkpoint_param(const char *s)
{
	return !strcmp(s, "6") ? 0 : !strcmp(s, "12") ? 1 : -1;
}

static void progress_form(struct web_ctx *c, struct plan_ctx *pc, long index, int cp,
			  const struct form_error *fe)
{
	static const enum oi_progress_status statuses[] = {
		OI_PROGRESS_NOT_DONE, OI_PROGRESS_IN_PROGRESS, OI_PROGRESS_DONE};
	const struct oi_measure *m = &pc->plan->measures[index];
	const struct oi_progress *g = &m->progress[cp];
	bool typed = fe && fe->message;
	bool may_write = web_may_write_agency(c, c->agency.id);
	const char *status = shown(c, typed, "status", "");
	char today[11], due[11];
	struct buf *b;

	oi_date_today(c->req->now, today);
	oi_measure_checkpoint_due(m, cp, due);
	page_head(c, msgf(c, "ความก้าวหน้ามาตรการที่ %ld รอบ %d เดือน", index + 1, cp ? 12 : 6),
		  msgf(c, "/plan/measures/%ld", index + 1), msgf(c, "มาตรการที่ %ld", index + 1));
	b = &c->res->body;
	html_raw(b, "<p><strong>");
	html_text(b, m->issue_th);
	html_raw(b, "</strong><br>ระยะเวลา ");
	page_dates_th(b, m->period_start, m->period_end);
	html_raw(b, " · ครบกำหนดรายงาน ");
	page_date_th(b, due);
	html_raw(b, "</p>");
	error_box(b, fe);
	saved_notice(c, "บันทึกความก้าวหน้าแล้ว");
	html_raw(b, "<form method=\"post\" action=\"");
	html_attr(b, agency_path(c, msgf(c, "/plan/measures/%ld/progress/%d", index + 1,
					 cp ? 12 : 6)));
	html_raw(b, "\" novalidate>");
	page_csrf(c);
	html_raw(b, "<fieldset");
	if (!may_write)
		html_raw(b, " disabled");
	html_raw(b, "><legend>สถานะการดำเนินการ</legend>");
	for (size_t k = 0; k < 3; k++) {
		char value[4];
		bool checked;

		snprintf(value, sizeof value, "%d", (int)statuses[k]);
		checked = typed ? !strcmp(status, value) : g->status == statuses[k];
		html_raw(b, "<div class=\"radio\"><input type=\"radio\" name=\"status\" id=\"f-status-");
		html_raw(b, value);
		html_raw(b, "\" value=\"");
		html_raw(b, value);
		html_raw(b, "\"");
		if (checked)
			html_raw(b, " checked");
		if (fe && fe->field && !strcmp(fe->field, "status")) {
			html_raw(b, " aria-describedby=\"form-error\"");
			if (k == 0)
				html_raw(b, " aria-invalid=\"true\" autofocus");
		}
		html_raw(b, "><label class=\"inline\" for=\"f-status-");
		html_raw(b, value);
		html_raw(b, "\">");
		html_text(b, oi_progress_status_th(statuses[k]));
		html_raw(b, "</label></div>");
	}
	html_raw(b, "</fieldset><fieldset");
	if (!may_write)
		html_raw(b, " disabled");
	html_raw(b, "><legend>รายละเอียด</legend>");
	textarea(c, "done", "ผลการดำเนินการ", NULL, shown(c, typed, "done", g->done_th), fe, 4);
	textarea(c, "suggestion", "ข้อเสนอแนะ", NULL,
		 shown(c, typed, "suggestion", g->suggestion_th), fe, 2);
	textarea(c, "remark", "หมายเหตุ", NULL, shown(c, typed, "remark", g->remark_th), fe, 2);
	text_input(c, "evidence_url", "ลิงก์หลักฐาน (https://…)",
		   shown(c, typed, "evidence_url", g->evidence_url), fe, "url", TEXT_MAX);
	text_input(c, "reported_on", "วันที่รายงาน",
		   shown(c, typed, "reported_on", *g->reported_on ? g->reported_on : today), fe,
		   "date", 10);
	if (may_write)
		html_raw(b, "<p><button type=\"submit\">บันทึกความก้าวหน้า</button></p>");
	html_raw(b, "</fieldset></form>");
	page_end(c);
}

/* The measure index and checkpoint of the path; 404 page and -1 when not there. */
static int progress_target(struct web_ctx *c, struct plan_ctx *pc, long *i, int *cp)
{
	*i = index_param(c->params[1], pc->plan->n_measures);
	*cp = checkpoint_param(c->params[2]);
	if (*i < 0 || *cp < 0) {
		web_error(c, 404, "ไม่พบมาตรการหรือรอบการรายงานนี้ (รอบมี 6 และ 12 เดือน)");
		return -1;
	}
	return 0;
}

static void progress_page(struct web_ctx *c, struct plan_ctx *pc, const struct form_error *fe)
{
	long i;
	int cp;

	if (progress_target(c, pc, &i, &cp) == 0)
		progress_form(c, pc, i, cp, fe);
}

PLAN_PAGE(get_progress, progress_page)

/* The fields are read one by one, not through take_fields(): the link is checked before the
 * date is read, so that its error is the one shown when both are wrong. */
static const char *change_progress(struct web_ctx *c, struct plan_ctx *pc)
{
	struct form_error fe = {0};
	struct oi_progress *g;
	const char *status, *done, *suggestion, *remark, *url, *date;
	long i;
	int cp;

	if (progress_target(c, pc, &i, &cp))
		return NULL;
	status = take_text(c, &fe, "status", "สถานะการดำเนินการ", 1, true);
	if (fe.message)
		fe.message = "กรุณาเลือกสถานะการดำเนินการ";
	else if (strcmp(status, "1") && strcmp(status, "2") && strcmp(status, "3")) {
		fe.field = "status";
		fe.message = "สถานะการดำเนินการไม่ถูกต้อง";
	}
	done = take_text(c, &fe, "done", "ผลการดำเนินการ", TEXT_MAX, false);
	suggestion = take_text(c, &fe, "suggestion", "ข้อเสนอแนะ", TEXT_MAX, false);
	remark = take_text(c, &fe, "remark", "หมายเหตุ", TEXT_MAX, false);
	url = take_text(c, &fe, "evidence_url", "ลิงก์หลักฐาน", TEXT_MAX, false);
	if (!fe.message && *url && strncmp(url, "https://", 8) && strncmp(url, "http://", 7)) {
		fe.field = "evidence_url";
		fe.message = "ลิงก์หลักฐานต้องขึ้นต้นด้วย https:// หรือ http://";
	}
	if (!fe.message && strpbrk(url, " \t\r\n\"<>")) {
		fe.field = "evidence_url";
		fe.message = "ลิงก์หลักฐานต้องไม่มีช่องว่างหรือเครื่องหมาย \" < >";
	}
	date = take_date(c, &fe, "reported_on", "วันที่รายงาน", true);
	if (fe.message) {
		refuse(c, pc, progress_page, &fe);
		return NULL;
	}
	g = &pc->plan->measures[i].progress[cp];
	g->status = (enum oi_progress_status)(status[0] - '0');
	oi_plan_set(pc->plan, &g->done_th, done);
	oi_plan_set(pc->plan, &g->suggestion_th, suggestion);
	oi_plan_set(pc->plan, &g->remark_th, remark);
	oi_plan_set(pc->plan, &g->evidence_url, url);
	oi_plan_set(pc->plan, &g->reported_on, date);
	return msgf(c, "/plan/measures/%ld/progress/%d?saved=1", i + 1, cp ? 12 : 6);
}

PLAN_FORM(post_progress, "plan.progress", change_progress)

/* ---- committees and members ---- */

static const char *const role_values[] = {"chair", "member", "secretary"};

static void committee_fields(struct web_ctx *c, const char *prefix,
			     const struct oi_committee *cm, bool typed, const struct form_error *fe)
{
	const char *in_name = msgf(c, "%sinstrument", prefix);
	const char *instrument = shown(c, typed, in_name, cm ? cm->instrument : "");

	instrument_select(c, in_name, "ด้าน", instrument, "ภาพรวม", fe);
	text_input(c, msgf(c, "%sname", prefix), "ชื่อคณะทำงาน",
		   shown(c, typed, msgf(c, "%sname", prefix), cm ? cm->name_th : ""), fe, "text",
		   SHORT_MAX);
	textarea(c, msgf(c, "%sduties", prefix), "หน้าที่", NULL,
		 shown(c, typed, msgf(c, "%sduties", prefix), cm ? cm->duties_th : ""), fe, 3);
}

static void member_fields(struct web_ctx *c, const char *prefix,
			  const struct oi_committee_member *mb, const struct form_error *fe)
{
	struct buf *b = &c->res->body;
	const char *role_name = msgf(c, "%srole", prefix);
	const char *name = msgf(c, "%sname", prefix), *position = msgf(c, "%sposition", prefix);
	bool typed = fe && fe->message;

	text_input(c, name, "ชื่อ-สกุล", shown(c, typed, name, mb ? mb->name_th : ""), fe, "text",
		   SHORT_MAX);
	text_input(c, position, "ตำแหน่ง", shown(c, typed, position, mb ? mb->position_th : ""), fe,
		   "text", SHORT_MAX);
	label_for(b, role_name, "บทบาทในคณะทำงาน");
	html_raw(b, "<select");
	field_attrs(b, role_name, fe);
	html_raw(b, ">");
	for (int r = OI_ROLE_CHAIR; r <= OI_ROLE_SECRETARY; r++) {
		html_raw(b, "<option value=\"");
		html_raw(b, role_values[r]);
		html_raw(b, "\"");
		if ((mb && (int)mb->role == r) || (!mb && r == OI_ROLE_MEMBER))
			html_raw(b, " selected");
		html_raw(b, ">");
		html_text(b, oi_committee_role_th((enum oi_committee_role)r));
		html_raw(b, "</option>");
	}
	html_raw(b, "</select>");
}

/* Is the refused field one of the form whose fields start with prefix? */
static bool error_in(const struct form_error *fe, const char *prefix)
{
	return fe && fe->field && !strncmp(fe->field, prefix, strlen(prefix));
}

/* The members of committee i (0-based) as a table, or a line saying there are none. */
static void members_table(struct web_ctx *c, const struct oi_committee *cm, size_t i,
			  bool may_write)
{
	struct buf *b = &c->res->body;

	if (!cm->n_members) {
		html_raw(b, "<p>ยังไม่มีสมาชิก</p>");
		return;
	}
	html_raw(b, "<div class=\"table-wrap\"><table><caption>สมาชิก</caption><thead><tr>"
		    "<th scope=\"col\">ชื่อ-สกุล</th><th scope=\"col\">ตำแหน่ง</th>"
		    "<th scope=\"col\">บทบาท</th>");
	if (may_write)
		html_raw(b, "<th scope=\"col\">ลบ</th>");
	html_raw(b, "</tr></thead><tbody>");
	for (size_t k = 0; k < cm->n_members; k++) {
		const struct oi_committee_member *mb = &cm->members[k];

		html_raw(b, "<tr><td>");
		html_text(b, mb->name_th);
		html_raw(b, "</td><td>");
		html_text(b, mb->position_th);
		html_raw(b, "</td><td>");
		html_text(b, oi_committee_role_th(mb->role));
		html_raw(b, "</td>");
		if (may_write) {
			html_raw(b, "<td>");
			post_button(c, msgf(c, "/plan/committees/%zu/members/%zu/delete", i + 1, k + 1),
				    msgf(c, "ลบ %s", mb->name_th), "secondary small");
			html_raw(b, "</td>");
		}
		html_raw(b, "</tr>");
	}
	html_raw(b, "</tbody></table></div>");
}

static void committees_page(struct web_ctx *c, struct plan_ctx *pc, const struct form_error *fe)
{
	struct buf *b;
	bool may_write = web_may_write_agency(c, c->agency.id);

	page_head(c, "คณะทำงาน", "/plan", msgf(c, "แผนมาตรการปี %d", pc->plan_year));
	b = &c->res->body;
	error_box(b, fe);
	saved_notice(c, "บันทึกคณะทำงานแล้ว");
	for (size_t i = 0; i < pc->plan->n_committees; i++) {
		const struct oi_committee *cm = &pc->plan->committees[i];

		html_fmt(b, "<section class=\"card committee\" aria-labelledby=\"h-c%zu\">"
			    "<h2 id=\"h-c%zu\">", i + 1, i + 1);
		html_text(b, *cm->name_th ? cm->name_th : "(ไม่มีชื่อ)");
		html_raw(b, "</h2>");
		if (*cm->duties_th) {
			html_raw(b, "<p>");
			html_text(b, cm->duties_th);
			html_raw(b, "</p>");
		}
		members_table(c, cm, i, may_write);
		if (may_write) {
			for (size_t k = 0; k < cm->n_members; k++) {
				html_raw(b, error_in(fe, msgf(c, "c%zu_m%zu_", i + 1, k + 1))
						    ? "<details open><summary>"
						    : "<details><summary>");
				html_text(b, msgf(c, "แก้ไขสมาชิก: %s", cm->members[k].name_th));
				html_raw(b, "</summary><form method=\"post\" action=\"");
				html_attr(b, agency_path(c, msgf(c, "/plan/committees/%zu/members/%zu",
								 i + 1, k + 1)));
				html_raw(b, "\">");
				page_csrf(c);
				html_raw(b, "<fieldset><legend>สมาชิกคนที่ ");
				html_fmt(b, "%zu", k + 1);
				html_raw(b, "</legend>");
				member_fields(c, msgf(c, "c%zu_m%zu_", i + 1, k + 1),
					      &cm->members[k], fe);
				html_raw(b, "<p><button type=\"submit\">บันทึกสมาชิก</button></p>"
					    "</fieldset></form></details>");
			}
			html_raw(b, "<form method=\"post\" action=\"");
			html_attr(b, agency_path(c, msgf(c, "/plan/committees/%zu/members", i + 1)));
			html_raw(b, "\">");
			page_csrf(c);
			html_raw(b, "<fieldset><legend>เพิ่มสมาชิก</legend>");
			member_fields(c, msgf(c, "c%zu_new_", i + 1), NULL, fe);
			html_raw(b, "<p><button type=\"submit\">เพิ่มสมาชิก</button></p></fieldset>"
				    "</form>");
			html_raw(b, error_in(fe, msgf(c, "c%zu_", i + 1)) &&
					    !error_in(fe, msgf(c, "c%zu_m", i + 1)) &&
					    !error_in(fe, msgf(c, "c%zu_new_", i + 1))
					    ? "<details open>"
					    : "<details>");
			html_raw(b, "<summary>แก้ไขชื่อและหน้าที่ของคณะทำงาน</summary>"
				    "<form method=\"post\" action=\"");
			html_attr(b, agency_path(c, msgf(c, "/plan/committees/%zu", i + 1)));
			html_raw(b, "\">");
			page_csrf(c);
			html_raw(b, "<fieldset><legend>คณะทำงาน</legend>");
			committee_fields(c, msgf(c, "c%zu_", i + 1), cm, fe && fe->message, fe);
			html_raw(b, "<p><button type=\"submit\">บันทึกคณะทำงาน</button></p>"
				    "</fieldset></form></details>");
			delete_form(c, msgf(c, "/plan/committees/%zu/delete", i + 1), msgf(c, "c%zu", i + 1),
				    "ยืนยันว่าจะลบคณะทำงานนี้พร้อมสมาชิกทั้งหมด", "ลบคณะทำงานนี้");
		}
		html_raw(b, "</section>");
	}
	if (!pc->plan->n_committees)
		html_raw(b, "<p>ยังไม่มีคณะทำงาน</p>");
	if (may_write) {
		html_raw(b, "<form method=\"post\" action=\"");
		html_attr(b, agency_path(c, "/plan/committees"));
		html_raw(b, "\">");
		page_csrf(c);
		html_raw(b, "<fieldset><legend>เพิ่มคณะทำงาน</legend>");
		committee_fields(c, "new_", NULL, fe && fe->message, fe);
		html_raw(b, "<p><button type=\"submit\">เพิ่มคณะทำงาน</button></p></fieldset></form>");
	}
	page_end(c);
}

PLAN_PAGE(get_committees, committees_page)

static bool take_committee(struct web_ctx *c, struct plan_ctx *pc, const char *prefix,
			   struct oi_committee *cm, struct form_error *fe)
{
	const char *instrument = take_text(c, fe, msgf(c, "%sinstrument", prefix), "ด้าน", 3, false);
	const char *name = take_text(c, fe, msgf(c, "%sname", prefix), "ชื่อคณะทำงาน", SHORT_MAX,
				     true);
	const char *duties = take_text(c, fe, msgf(c, "%sduties", prefix), "หน้าที่", TEXT_MAX,
				       false);

	if (!fe->message && !instrument_valid(instrument)) {
		fe->field = msgf(c, "%sinstrument", prefix);
		fe->message = "ด้านของคณะทำงานต้องเป็น IIT, EIT, OIT หรือภาพรวม";
	}
	if (fe->message)
		return false;
	oi_plan_set(pc->plan, &cm->instrument, instrument);
	oi_plan_set(pc->plan, &cm->name_th, name);
	oi_plan_set(pc->plan, &cm->duties_th, duties);
	return true;
}

static const char *add_committee(struct web_ctx *c, struct plan_ctx *pc)
{
	struct form_error fe = {0};
	struct oi_committee scratch, *cm;

	memset(&scratch, 0, sizeof scratch);
	if (pc->plan->n_committees >= 20) {
		fe.field = "new_name";
		fe.message = "แผนหนึ่งมีคณะทำงานได้ไม่เกิน 20 คณะ";
	}
	if (fe.message || !take_committee(c, pc, "new_", &scratch, &fe)) {
		refuse(c, pc, committees_page, &fe);
		return NULL;
	}
	cm = oi_plan_add_committee(pc->plan);
	cm->instrument = scratch.instrument;
	cm->name_th = scratch.name_th;
	cm->duties_th = scratch.duties_th;
	return "/plan/committees?saved=1";
}

static const char *edit_committee(struct web_ctx *c, struct plan_ctx *pc)
{
	struct form_error fe = {0};
	struct oi_committee scratch;
	long i = item_param(c, 1, pc->plan->n_committees, "ไม่พบคณะทำงานลำดับนี้");

	if (i < 0)
		return NULL;
	scratch = pc->plan->committees[i];
	if (!take_committee(c, pc, msgf(c, "c%ld_", i + 1), &scratch, &fe)) {
		refuse(c, pc, committees_page, &fe);
		return NULL;
	}
	pc->plan->committees[i] = scratch;
	return "/plan/committees?saved=1";
}

static const char *delete_committee(struct web_ctx *c, struct plan_ctx *pc)
{
	long i = item_param(c, 1, pc->plan->n_committees, "ไม่พบคณะทำงานลำดับนี้");

	if (i < 0 || !delete_confirmed(c))
		return NULL;
	remove_at(pc->plan->committees, &pc->plan->n_committees, (size_t)i,
		  sizeof pc->plan->committees[0]);
	return "/plan/committees?saved=1";
}

PLAN_FORM(post_committee_add, "plan.committee.add", add_committee)
PLAN_FORM(post_committee_edit, "plan.committee.edit", edit_committee)
PLAN_FORM(post_committee_delete, "plan.committee.delete", delete_committee)

static bool take_member(struct web_ctx *c, struct plan_ctx *pc, const char *prefix,
			struct oi_committee_member *mb, struct form_error *fe)
{
	const char *name = take_text(c, fe, msgf(c, "%sname", prefix), "ชื่อ-สกุล", SHORT_MAX, true);
	const char *position = take_text(c, fe, msgf(c, "%sposition", prefix), "ตำแหน่ง",
					 SHORT_MAX, false);
	const char *role = take_text(c, fe, msgf(c, "%srole", prefix), "บทบาท", 16, true);
	int r = -1;

	for (int k = 0; k < 3; k++)
		if (!strcmp(role, role_values[k]))
			r = k;
	if (!fe->message && r < 0) {
		fe->field = msgf(c, "%srole", prefix);
		fe->message = "บทบาทต้องเป็นประธาน กรรมการ หรือเลขานุการ";
	}
	if (fe->message)
		return false;
	oi_plan_set(pc->plan, &mb->name_th, name);
	oi_plan_set(pc->plan, &mb->position_th, position);
	mb->role = (enum oi_committee_role)r;
	return true;
}

/* The committee i and its member k of the path (0-based); a 404 page and -1 when not there. */
static int member_target(struct web_ctx *c, struct plan_ctx *pc, long *i, long *k)
{
	*i = index_param(c->params[1], pc->plan->n_committees);
	*k = *i < 0 ? -1 : index_param(c->params[2], pc->plan->committees[*i].n_members);
	if (*i < 0 || *k < 0) {
		web_error(c, 404, "ไม่พบสมาชิกลำดับนี้");
		return -1;
	}
	return 0;
}

static const char *add_member(struct web_ctx *c, struct plan_ctx *pc)
{
	struct form_error fe = {0};
	struct oi_committee_member scratch;
	long i = item_param(c, 1, pc->plan->n_committees, "ไม่พบคณะทำงานลำดับนี้");

	memset(&scratch, 0, sizeof scratch);
	if (i < 0)
		return NULL;
	if (pc->plan->committees[i].n_members >= 100) {
		web_error(c, 422, "คณะทำงานหนึ่งมีสมาชิกได้ไม่เกิน 100 คน");
		return NULL;
	}
	if (!take_member(c, pc, msgf(c, "c%ld_new_", i + 1), &scratch, &fe)) {
		refuse(c, pc, committees_page, &fe);
		return NULL;
	}
	*oi_plan_committee_add_member(pc->plan, &pc->plan->committees[i]) = scratch;
	return "/plan/committees?saved=1";
}

static const char *edit_member(struct web_ctx *c, struct plan_ctx *pc)
{
	struct form_error fe = {0};
	struct oi_committee_member scratch;
	long i, k;

	if (member_target(c, pc, &i, &k))
		return NULL;
	scratch = pc->plan->committees[i].members[k];
	if (!take_member(c, pc, msgf(c, "c%ld_m%ld_", i + 1, k + 1), &scratch, &fe)) {
		refuse(c, pc, committees_page, &fe);
		return NULL;
	}
	pc->plan->committees[i].members[k] = scratch;
	return "/plan/committees?saved=1";
}

static const char *delete_member(struct web_ctx *c, struct plan_ctx *pc)
{
	struct oi_committee *cm;
	long i, k;

	if (member_target(c, pc, &i, &k))
		return NULL;
	cm = &pc->plan->committees[i];
	remove_at(cm->members, &cm->n_members, (size_t)k, sizeof cm->members[0]);
	return "/plan/committees?saved=1";
}

PLAN_FORM(post_member_add, "plan.member.add", add_member)
PLAN_FORM(post_member_edit, "plan.member.edit", edit_member)
PLAN_FORM(post_member_delete, "plan.member.delete", delete_member)

/* ---- problems ---- */

static const char *add_problem(struct web_ctx *c, struct plan_ctx *pc)
{
	struct form_error fe = {0};
	const char *text = take_text(c, &fe, "problem", "ปัญหาหรืออุปสรรค", TEXT_MAX, true);

	if (!fe.message && pc->plan->n_problems >= 200)
		fe.message = "บันทึกปัญหาและอุปสรรคได้ไม่เกิน 200 ข้อ";
	if (fe.message) {
		web_error(c, 422, fe.message);
		return NULL;
	}
	oi_plan_add_problem(pc->plan, text);
	return "/plan?saved=1#h-problems";
}

static const char *delete_problem(struct web_ctx *c, struct plan_ctx *pc)
{
	long i = item_param(c, 1, pc->plan->n_problems, "ไม่พบปัญหาลำดับนี้");

	if (i < 0)
		return NULL;
	remove_at(pc->plan->problems_th, &pc->plan->n_problems, (size_t)i,
		  sizeof pc->plan->problems_th[0]);
	return "/plan?saved=1#h-problems";
}

PLAN_FORM(post_problem_add, "plan.problem.add", add_problem)
PLAN_FORM(post_problem_delete, "plan.problem.delete", delete_problem)

/* ---- memo ---- */

static void memo_form(struct web_ctx *c, struct plan_ctx *pc, const struct form_error *fe)
{
	const struct oi_memo *m = &pc->plan->memo;
	bool typed = fe && fe->message;
	struct buf *b;

	page_head(c, "บันทึกข้อความนำส่ง", "/plan", msgf(c, "แผนมาตรการปี %d", pc->plan_year));
	b = &c->res->body;
	error_box(b, fe);
	html_raw(b, "<form method=\"post\" action=\"");
	html_attr(b, agency_path(c, "/plan/memo"));
	html_raw(b, "\" novalidate>");
	page_csrf(c);
	html_raw(b, "<fieldset><legend>หัวบันทึกข้อความ</legend>");
	text_input(c, "department", "ส่วนราชการ", shown(c, typed, "department", m->department_th),
		   fe, "text", SHORT_MAX);
	text_input(c, "reference_no", "ที่", shown(c, typed, "reference_no", m->reference_no), fe,
		   "text", 64);
	text_input(c, "date", "วันที่", shown(c, typed, "date", m->date), fe, "date", 10);
	text_input(c, "subject", "เรื่อง (เว้นว่างเพื่อใช้เรื่องมาตรฐาน)",
		   shown(c, typed, "subject", m->subject_th), fe, "text", SHORT_MAX);
	text_input(c, "to", "เรียน", shown(c, typed, "to", m->to_th), fe, "text", SHORT_MAX);
	html_raw(b, "</fieldset><fieldset><legend>ผู้ลงนามและผู้จัดทำ</legend>");
	text_input(c, "signer_name", "ผู้ลงนาม", shown(c, typed, "signer_name", m->signer_name_th),
		   fe, "text", SHORT_MAX);
	text_input(c, "signer_position", "ตำแหน่งผู้ลงนาม",
		   shown(c, typed, "signer_position", m->signer_position_th), fe, "text",
		   SHORT_MAX);
	text_input(c, "prepared_by", "ผู้จัดทำ",
		   shown(c, typed, "prepared_by", pc->plan->prepared_by_th), fe, "text", SHORT_MAX);
	text_input(c, "prepared_position", "ตำแหน่งผู้จัดทำ",
		   shown(c, typed, "prepared_position", pc->plan->prepared_position_th), fe,
		   "text", SHORT_MAX);
	html_raw(b, "<p><button type=\"submit\">บันทึก</button></p></fieldset></form>");
	page_end(c);
}

PLAN_PAGE(get_memo, memo_form)

static const char *change_memo(struct web_ctx *c, struct plan_ctx *pc)
{
	struct oi_plan *p = pc->plan;
	const struct plan_field fields[] = {
		{"department", "ส่วนราชการ", SHORT_MAX, false, false, &p->memo.department_th},
		{"reference_no", "ที่", 64, false, false, &p->memo.reference_no},
		{"date", "วันที่", 10, false, true, &p->memo.date},
		{"subject", "เรื่อง", SHORT_MAX, false, false, &p->memo.subject_th},
		{"to", "เรียน", SHORT_MAX, false, false, &p->memo.to_th},
		{"signer_name", "ผู้ลงนาม", SHORT_MAX, false, false, &p->memo.signer_name_th},
		{"signer_position", "ตำแหน่งผู้ลงนาม", SHORT_MAX, false, false,
		 &p->memo.signer_position_th},
		{"prepared_by", "ผู้จัดทำ", SHORT_MAX, false, false, &p->prepared_by_th},
		{"prepared_position", "ตำแหน่งผู้จัดทำ", SHORT_MAX, false, false,
		 &p->prepared_position_th},
	};
	const char *v[sizeof fields / sizeof fields[0]];
	struct form_error fe = {0};

	take_fields(c, &fe, fields, sizeof fields / sizeof fields[0], v);
	if (fe.message) {
		refuse(c, pc, memo_form, &fe);
		return NULL;
	}
	set_fields(p, fields, sizeof fields / sizeof fields[0], v);
	return "/plan?saved=1#h-memo";
}

PLAN_FORM(post_memo, "plan.memo", change_memo)

/* ---- the national view for admins ---- */

static void get_admin_plans(struct web_ctx *c)
{
	struct oi_store *st = web_app_store(c->app);
	struct oi_assessment as;
	struct oi_plan_overview *rows = NULL;
	struct oi_error err;
	const struct oi_plan_overview **shown = NULL;
	struct pager pg;
	size_t n = 0, m = 0, with_plan = 0, with_alerts = 0;
	char today[11];
	struct buf *b;
	int rc;

	if (pager_parse(c, "/admin/plans", &pg))
		return;
	rc = oi_store_assessment_current(st, &as, &err);
	if (rc) {
		web_error(c, rc < 0 ? 500 : 409, rc < 0 ? err.message : "ยังไม่มีการประเมินที่เปิดอยู่");
		return;
	}
	if (oi_store_plan_overview(st, as.fiscal_year, oi_date_today(c->req->now, today), &rows,
				   &n, &err)) {
		web_error(c, 500, err.message);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		with_plan += rows[i].has_plan;
		with_alerts += rows[i].n_overdue + rows[i].n_missing > 0;
	}
	shown = xcalloc(n ? n : 1, sizeof *shown);
	for (size_t i = 0; i < n; i++)
		if (pager_match(&pg, rows[i].agency.code, rows[i].agency.name))
			shown[m++] = &rows[i];
	pager_set_total(&pg, m);
	page_begin(c, "แผนมาตรการของหน่วยงาน");
	b = &c->res->body;
	html_raw(b, "<h1>แผนมาตรการของหน่วยงาน ปีงบประมาณ ");
	html_fmt(b, "%d", as.fiscal_year);
	html_raw(b, "</h1><p>จากผลการประเมินปี ");
	html_fmt(b, "%d", as.fiscal_year - 1);
	html_raw(b, " · ข้อมูล ณ วันที่ ");
	page_date_th(b, today);
	html_raw(b, "</p><div class=\"cards\"><div class=\"card\"><span class=\"counter\">");
	page_int(b, (long)with_plan);
	html_raw(b, "</span>หน่วยงานที่มีแผน จาก ");
	page_int(b, (long)n);
	html_raw(b, "</div><div class=\"card\"><span class=\"counter\">");
	page_int(b, (long)with_alerts);
	html_raw(b, "</span>หน่วยงานที่มีการแจ้งเตือน</div></div>");
	pager_form(c, &pg);
	pager_status(c, &pg);
	html_raw(b, "<div class=\"table-wrap\"><table>"
		    "<caption>รายหน่วยงาน</caption><thead><tr><th scope=\"col\">หน่วยงาน</th>"
		    "<th scope=\"col\">ผลการประเมิน</th><th scope=\"col\" class=\"num\">มาตรการ</th>"
		    "<th scope=\"col\" class=\"num\">รายงานแล้ว</th><th scope=\"col\" class=\"num\">"
		    "เลยกำหนด</th><th scope=\"col\" class=\"num\">ขาดรายงาน</th></tr></thead><tbody>");
	for (size_t i = pg.first; i < pg.end; i++) {
		const struct oi_plan_overview *o = shown[i];
		struct buf u;

		buf_init(&u, 512);
		buf_puts(&u, "/agency/");
		html_urlencode(&u, o->agency.code);
		buf_puts(&u, "/plan");
		html_raw(b, "<tr><th scope=\"row\"><a href=\"");
		html_attr(b, u.data ? u.data : "/");
		buf_release(&u);
		html_raw(b, "\">");
		html_text(b, o->agency.name);
		html_raw(b, "</a> <span class=\"hint\">");
		html_text(b, o->agency.code);
		html_raw(b, "</span></th><td>");
		html_raw(b, o->has_result ? "บันทึกแล้ว" : "<span class=\"muted\">ยังไม่บันทึก</span>");
		html_raw(b, "</td>");
		if (!o->has_plan) {
			html_raw(b, "<td colspan=\"4\" class=\"muted\">ยังไม่มีแผน</td></tr>");
			continue;
		}
		html_raw(b, "<td class=\"num\">");
		page_int(b, (long)o->n_measures);
		html_raw(b, "</td><td class=\"num\">");
		page_int(b, (long)o->n_reported);
		html_raw(b, o->n_overdue ? "</td><td class=\"num bad\">" : "</td><td class=\"num\">");
		page_int(b, (long)o->n_overdue);
		html_raw(b, o->n_missing ? "</td><td class=\"num bad\">" : "</td><td class=\"num\">");
		page_int(b, (long)o->n_missing);
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "</tbody></table></div>");
	pager_links(c, &pg);
	free(shown);
	free(rows);
	page_end(c);
}

const struct web_route web_routes_plan[] = {
	{WEB_GET, "/agency/:agency/result", READERS, get_result, 0},
	{WEB_POST, "/agency/:agency/result", WRITERS, post_result, RESULT_BODY},
	{WEB_POST, "/agency/:agency/result/compute", WRITERS, post_result_compute, FORM_BODY},
	{WEB_GET, "/agency/:agency/plan", READERS, get_plan, 0},
	{WEB_POST, "/agency/:agency/plan/draft", WRITERS, post_draft, FORM_BODY},
	{WEB_GET, "/agency/:agency/plan/measures/new", WRITERS, get_measure_new, 0},
	{WEB_POST, "/agency/:agency/plan/measures", WRITERS, post_measure_create, FORM_BODY},
	{WEB_GET, "/agency/:agency/plan/measures/:n", READERS, get_measure, 0},
	{WEB_POST, "/agency/:agency/plan/measures/:n", WRITERS, post_measure, FORM_BODY},
	{WEB_POST, "/agency/:agency/plan/measures/:n/delete", WRITERS, post_measure_delete,
	 FORM_BODY},
	{WEB_GET, "/agency/:agency/plan/measures/:n/progress/:checkpoint", READERS, get_progress,
	 0},
	{WEB_POST, "/agency/:agency/plan/measures/:n/progress/:checkpoint", WRITERS,
	 post_progress, FORM_BODY},
	{WEB_GET, "/agency/:agency/plan/committees", READERS, get_committees, 0},
	{WEB_POST, "/agency/:agency/plan/committees", WRITERS, post_committee_add, FORM_BODY},
	{WEB_POST, "/agency/:agency/plan/committees/:n", WRITERS, post_committee_edit, FORM_BODY},
	{WEB_POST, "/agency/:agency/plan/committees/:n/delete", WRITERS, post_committee_delete,
	 FORM_BODY},
	{WEB_POST, "/agency/:agency/plan/committees/:n/members", WRITERS, post_member_add,
	 FORM_BODY},
	{WEB_POST, "/agency/:agency/plan/committees/:n/members/:m", WRITERS, post_member_edit,
	 FORM_BODY},
	{WEB_POST, "/agency/:agency/plan/committees/:n/members/:m/delete", WRITERS,
	 post_member_delete, FORM_BODY},
	{WEB_POST, "/agency/:agency/plan/problems", WRITERS, post_problem_add, FORM_BODY},
	{WEB_POST, "/agency/:agency/plan/problems/:n/delete", WRITERS, post_problem_delete,
	 FORM_BODY},
	{WEB_GET, "/agency/:agency/plan/memo", WRITERS, get_memo, 0},
	{WEB_POST, "/agency/:agency/plan/memo", WRITERS, post_memo, FORM_BODY},
	{WEB_GET, "/admin/plans", WEB_ADMIN, get_admin_plans, 0},
	{0, NULL, 0, NULL, 0},
};
