/*
 * plan_common.c — what the pages of the agency's "from result to action" workspace share
 * (plan_pages_int.h): the request's assessment, framework and years; loading and saving the whole
 * plan with its audit entry; the one shape of a plan page (plan_show) and of a plan form
 * (plan_change); reading and checking form fields; the form widgets and page pieces. Also
 * plan_workspace_years (plan.h), which the documents (documents.c) read the same years by.
 *
 * Years: the plan runs in the fiscal year of the current assessment (oi_store_assessment_current)
 * and answers the result of the year before it (plan.h: result_year_be = fiscal_year_be - 1), as
 * agencies work: the result of year N is published near its end, the measures run through N + 1
 * while N + 1 is assessed. The result is read under the framework of its own year's assessment
 * when the store has one, else under the current one's.
 *
 * The workspace's pages (all under /agency/:agency; the dispatcher has checked the role and that
 * an agency admin acts only for their agency; ctx->agency holds the agency), one file each:
 *   result                       result_page.c: the result sheet form and the analysis
 *   plan                         plan_page.c: the plan and its sections; draft from the analysis
 *   plan/measures/new, /:n       plan_measures.c: a measure (1-based); its progress per
 *                                checkpoint (6, 12)
 *   plan/committees, problems    plan_groups.c: committees and their members; problems
 *   plan/memo                    plan_memo.c: the fields of the covering memo
 * and /admin/plans (admin_plans.c), every agency's plan with its measures and alerts.
 *
 * Who: admins and the agency's own admin write; viewers read; assessors have no access.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "plan_pages_int.h"
#include "utf8.h"

/* A message made from trusted constants and numbers, in the request's arena. */
const char *plan_msgf(struct web_ctx *c, const char *fmt, ...)
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
const char *plan_agency_path(struct web_ctx *c, const char *suffix)
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

void plan_redirect(struct web_ctx *c, const char *suffix)
{
	web_redirect(c, plan_agency_path(c, suffix));
}

/* The assessment and years; on failure the response is set and -1 returned. */
int plan_ctx_init(struct web_ctx *c, struct plan_ctx *pc)
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
		/* the year before the result's, on the same framework (its scores compare) */
		for (size_t i = 0; i < n; i++)
			if (list[i].fiscal_year == pc->result_year - 1 &&
			    !strcmp(list[i].framework_id, framework_id)) {
				pc->previous_as = list[i];
				pc->has_previous_as = true;
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

void plan_ctx_release(struct plan_ctx *pc)
{
	oi_plan_free(pc->plan);
	pc->plan = NULL;
}

/* Load the plan into pc->plan: 0; 1 with a 404 page when there is none; -1 with a 500. */
int plan_ctx_load(struct web_ctx *c, struct plan_ctx *pc)
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
int plan_ctx_save(struct web_ctx *c, struct plan_ctx *pc, const char *action)
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
long plan_index_param(const char *s, size_t max)
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
long plan_item_param(struct web_ctx *c, int k, size_t n, const char *missing)
{
	long i = plan_index_param(c->params[k], n);

	if (i < 0)
		web_error(c, 404, missing);
	return i;
}

/* Remove element i of an array of *n elements of size bytes: the rest shift down (the plan's
 * arrays belong to its arena, so nothing is freed). */
void plan_remove_at(void *base, size_t *n, size_t i, size_t size)
{
	memmove((char *)base + i * size, (char *)base + (i + 1) * size, (*n - i - 1) * size);
	(*n)--;
}

/* Load the plan (404 page when there is none, 500 when the store fails) and show page. */
void plan_show(struct web_ctx *c, plan_page_fn page)
{
	struct plan_ctx pc;

	if (plan_ctx_init(c, &pc) || plan_ctx_load(c, &pc))
		return;
	page(c, &pc, NULL);
	plan_ctx_release(&pc);
}

/* Refuse a form: page again with what was typed and the error, status 422. */
void plan_refuse(struct web_ctx *c, struct plan_ctx *pc, plan_page_fn page,
		 const struct form_error *fe)
{
	page(c, pc, fe);
	c->res->status = 422;
}

/* The shape of every form of the plan: load the plan (404 page when there is none, 500 when
 * the store fails); change it; save it with the audit entry action; redirect (303). */
void plan_change(struct web_ctx *c, const char *action, plan_change_fn change)
{
	struct plan_ctx pc;
	const char *next;

	if (plan_ctx_init(c, &pc) || plan_ctx_load(c, &pc))
		return;
	next = change(c, &pc);
	if (next && plan_ctx_save(c, &pc, action) == 0)
		plan_redirect(c, next);
	plan_ctx_release(&pc);
}

/* ---- reading fields ---- */

/* A text field: "" when absent; trimmed of surrounding spaces; longer than max characters, or
 * empty when required, fills fe (the first error only) with a message naming label. */
const char *plan_take_text(struct web_ctx *c, struct form_error *fe, const char *name,
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
		fe->message = plan_msgf(c, "กรุณากรอกช่อง “%s”", label);
	} else if (utf8_count(v, len) > max) {
		fe->field = name;
		fe->message = plan_msgf(c, "ช่อง “%s” ยาวเกิน %zu ตัวอักษร (กรอกมา %zu ตัวอักษร)", label,
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
const char *plan_take_date(struct web_ctx *c, struct form_error *fe, const char *name,
			   const char *label, bool required)
{
	const char *v = plan_take_text(c, fe, name, label, 10, required);

	if (!fe->message && *v && !date_valid(v)) {
		fe->field = name;
		fe->message = plan_msgf(c, "ช่อง “%s” ต้องเป็นวันที่ในรูปแบบ ปปปป-ดด-วว (ค.ศ.) เช่น "
					   "2025-10-01", label);
	}
	return v;
}

/* Read n fields in order into values (take_text or take_date); fe gets the first error. */
void plan_take_fields(struct web_ctx *c, struct form_error *fe, const struct plan_field *f,
		      size_t n, const char **values)
{
	for (size_t k = 0; k < n; k++)
		values[k] = f[k].date ? plan_take_date(c, fe, f[k].name, f[k].label, f[k].required)
				      : plan_take_text(c, fe, f[k].name, f[k].label, f[k].max,
						       f[k].required);
}

/* Set each field's string of p (those with a place) to its value. */
void plan_set_fields(struct oi_plan *p, const struct plan_field *f, size_t n,
		     const char **values)
{
	for (size_t k = 0; k < n; k++)
		if (f[k].to)
			oi_plan_set(p, f[k].to, values[k]);
}

/* "" (the whole agency) or one of the instruments IIT, EIT, OIT. */
bool plan_instrument_valid(const char *s)
{
	return !strcmp(s, "") || !strcmp(s, "IIT") || !strcmp(s, "EIT") || !strcmp(s, "OIT");
}

/* ---- page pieces ---- */

void plan_error_box(struct buf *b, const struct form_error *fe)
{
	if (!fe || !fe->message)
		return;
	html_raw(b, "<div class=\"errors\" role=\"alert\" id=\"form-error\"><p>");
	html_text(b, fe->message);
	html_raw(b, "</p><p>ยังไม่ได้บันทึกข้อมูลใด ๆ แก้ไขแล้วส่งอีกครั้ง</p></div>");
}

void plan_saved_notice(struct web_ctx *c, const char *text)
{
	if (web_query(c, "saved")) {
		html_raw(&c->res->body, "<p class=\"notice\" role=\"status\">");
		html_text(&c->res->body, text);
		html_raw(&c->res->body, "</p>");
	}
}

/* The attributes of an input named name: id, name, and the error marks when it is the one. */
void plan_field_attrs(struct buf *b, const char *name, const struct form_error *fe)
{
	html_raw(b, " id=\"f-");
	html_attr(b, name);
	html_raw(b, "\" name=\"");
	html_attr(b, name);
	html_raw(b, "\"");
	if (fe && fe->field && !strcmp(fe->field, name))
		html_raw(b, " aria-invalid=\"true\" aria-describedby=\"form-error\" autofocus");
}

void plan_label_for(struct buf *b, const char *name, const char *label)
{
	html_raw(b, "<label for=\"f-");
	html_attr(b, name);
	html_raw(b, "\">");
	html_text(b, label);
	html_raw(b, "</label>");
}

/* The value to show: what was typed when a refused form sent the field, else the stored one
 * (so the other forms of a page with several keep their stored values). */
const char *plan_shown(struct web_ctx *c, bool typed, const char *name, const char *stored)
{
	if (typed) {
		const char *v = web_field(c, name);

		if (v)
			return v;
	}
	return stored ? stored : "";
}

void plan_text_input(struct web_ctx *c, const char *name, const char *label, const char *value,
		     const struct form_error *fe, const char *type, size_t max)
{
	struct buf *b = &c->res->body;

	plan_label_for(b, name, label);
	html_raw(b, "<input type=\"");
	html_raw(b, type);
	html_raw(b, "\"");
	plan_field_attrs(b, name, fe);
	if (max)
		html_fmt(b, " maxlength=\"%zu\"", max);
	html_raw(b, " value=\"");
	html_attr(b, value);
	html_raw(b, "\">");
}

void plan_textarea_max(struct web_ctx *c, const char *name, const char *label,
		       const char *hint, const char *value, const struct form_error *fe, int rows,
		       size_t max)
{
	struct buf *b = &c->res->body;

	plan_label_for(b, name, label);
	if (hint) {
		html_raw(b, "<p class=\"hint\">");
		html_text(b, hint);
		html_raw(b, "</p>");
	}
	html_fmt(b, "<textarea rows=\"%d\"", rows);
	plan_field_attrs(b, name, fe);
	html_fmt(b, " maxlength=\"%zu\">", max);
	html_text(b, value);
	html_raw(b, "</textarea>");
}

void plan_textarea(struct web_ctx *c, const char *name, const char *label, const char *hint,
		   const char *value, const struct form_error *fe, int rows)
{
	plan_textarea_max(c, name, label, hint, value, fe, rows, TEXT_MAX);
}

/* A <select> of the instruments with selected chosen: whole_label for "" (the whole agency),
 * then IIT, EIT, OIT (what plan_instrument_valid() accepts). */
void plan_instrument_select(struct web_ctx *c, const char *name, const char *label,
			    const char *selected, const char *whole_label,
			    const struct form_error *fe)
{
	static const char *const instruments[] = {"", "IIT", "EIT", "OIT"};
	struct buf *b = &c->res->body;

	plan_label_for(b, name, label);
	html_raw(b, "<select");
	plan_field_attrs(b, name, fe);
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

void plan_page_head(struct web_ctx *c, const char *title, const char *crumb_suffix,
		    const char *crumb_label)
{
	struct buf *b = &c->res->body;

	page_begin(c, title);
	html_raw(b, "<nav aria-label=\"ตำแหน่งของหน้า\" class=\"crumbs\"><a href=\"");
	html_attr(b, plan_agency_path(c, ""));
	html_raw(b, "\">");
	html_text(b, c->agency.name);
	html_raw(b, "</a>");
	if (crumb_suffix) {
		html_raw(b, " › <a href=\"");
		html_attr(b, plan_agency_path(c, crumb_suffix));
		html_raw(b, "\">");
		html_text(b, crumb_label);
		html_raw(b, "</a>");
	}
	html_raw(b, "</nav><h1>");
	html_text(b, title);
	html_raw(b, "</h1>");
}

void plan_post_button(struct web_ctx *c, const char *action_suffix, const char *label,
		      const char *cls)
{
	struct buf *b = &c->res->body;

	html_raw(b, "<form method=\"post\" class=\"inline\" action=\"");
	html_attr(b, plan_agency_path(c, action_suffix));
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
void plan_delete_form(struct web_ctx *c, const char *action_suffix, const char *id_suffix,
		      const char *what_th, const char *button_th)
{
	struct buf *b = &c->res->body;

	html_raw(b, "<form method=\"post\" class=\"delete\" action=\"");
	html_attr(b, plan_agency_path(c, action_suffix));
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
bool plan_delete_confirmed(struct web_ctx *c)
{
	if (web_field(c, "confirm"))
		return true;
	web_error(c, 409, "ยังไม่ได้ลบ: เลือกช่องยืนยันการลบก่อนกดปุ่มลบ");
	return false;
}

void plan_status_cell(struct buf *b, const struct oi_progress *g)
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
