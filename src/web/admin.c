/*
 * admin.c — the NACC administrator's pages: assessments (fiscal years with their calendar
 * windows) and agencies (one by one, or thousands from a CSV file).
 *
 *   GET  /admin/assessments          every fiscal year with its windows, a form to open a year
 *   POST /admin/assessments          open a year: validate, store, create every agency's
 *                                    participation
 *   POST /admin/assessments/:id      change a year's windows
 *   GET  /admin/agencies/new         the add-one-agency form
 *   POST /admin/agencies             add one agency (and its participation in the current year)
 *   GET  /admin/agencies/import      the CSV import form
 *   POST /admin/agencies/import      check every row (agency_import.h); any problem → 422 with
 *                                    the list and nothing stored; else one transaction
 *
 * Forms are validated completely before anything is stored, every problem named in Thai with
 * its field; a refused form comes back (422) with what was typed. Every change writes an audit
 * entry. Only WEB_ADMIN reaches these handlers (the dispatcher checks the role).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agency_import.h"
#include "html.h"
#include "progress.h"
#include "web.h"

#define FISCAL_YEAR_MIN 2500
#define FISCAL_YEAR_MAX 2700
#define IMPORT_MAX_BODY (8u << 20)   /* 20,000 rows of Thai names need more than 2 MiB */

/* ---- small writers ---- */

/* A list of problems found in a form, each naming its field. */
#define FORM_PROBLEMS_MAX 16

struct form_problems {
	size_t n;
	const char *field[FORM_PROBLEMS_MAX];    /* the field's name, for aria-invalid */
	const char *message[FORM_PROBLEMS_MAX];  /* in the request's arena */
};

static void problem(struct web_ctx *c, struct form_problems *p, const char *field,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void problem(struct web_ctx *c, struct form_problems *p, const char *field,
		    const char *fmt, ...)
{
	struct buf m;
	va_list ap;

	if (p->n == FORM_PROBLEMS_MAX)
		return;
	buf_init(&m, 2048);
	va_start(ap, fmt);
	buf_vprintf(&m, fmt, ap);
	va_end(ap);
	p->field[p->n] = field;
	p->message[p->n] = arena_strdup(c->arena, m.data ? m.data : "");
	p->n++;
	buf_release(&m);
}

static bool has_problem(const struct form_problems *p, const char *field)
{
	for (size_t i = 0; p && i < p->n; i++)
		if (p->field[i] && strcmp(p->field[i], field) == 0)
			return true;
	return false;
}

static void problems_box(struct buf *b, const struct form_problems *p, const char *id)
{
	if (!p || !p->n)
		return;
	html_raw(b, "<div class=\"errors\" role=\"alert\" id=\"");
	html_attr(b, id);
	html_raw(b, "\"><p>ยังไม่ได้บันทึก เพราะ:</p><ul>");
	for (size_t i = 0; i < p->n; i++) {
		html_raw(b, "<li>");
		html_text(b, p->message[i]);
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul></div>");
}

/* A labelled input. type "text", "date" …; id_prefix keeps ids unique on pages with many
 * forms. */
static void input_field(struct buf *b, const char *id_prefix, const char *name,
			const char *label, const char *type, const char *value, bool required,
			const struct form_problems *p, const char *extra)
{
	bool bad = has_problem(p, name);

	html_raw(b, "<label for=\"");
	html_attr(b, id_prefix);
	html_attr(b, name);
	html_raw(b, "\">");
	html_text(b, label);
	if (!required)
		html_raw(b, " <span class=\"hint\">(ไม่บังคับ)</span>");
	html_raw(b, "</label><input type=\"");
	html_raw(b, type);
	html_raw(b, "\" id=\"");
	html_attr(b, id_prefix);
	html_attr(b, name);
	html_raw(b, "\" name=\"");
	html_attr(b, name);
	html_raw(b, "\" value=\"");
	html_attr(b, value ? value : "");
	html_raw(b, "\"");
	if (required)
		html_raw(b, " required");
	if (bad)
		html_raw(b, " aria-invalid=\"true\"");
	if (extra) {
		html_raw(b, " ");
		html_raw(b, extra);
	}
	html_raw(b, ">");
}

static void redirect_to(struct web_ctx *c, const char *path, const char *query_name,
			const char *query_value)
{
	struct buf u;

	buf_init(&u, 1024);
	buf_puts(&u, path);
	if (query_name) {
		buf_puts(&u, "?");
		buf_puts(&u, query_name);
		buf_puts(&u, "=");
		html_urlencode(&u, query_value);
	}
	web_redirect(c, u.data ? u.data : "/");
	buf_release(&u);
}

static bool audit(struct web_ctx *c, const char *action, const char *detail)
{
	struct oi_error err;

	if (oi_store_audit(web_app_store(c->app), c->session.user.id, action, detail, &err)) {
		web_error(c, 500, err.message);
		return false;
	}
	return true;
}

/* ---- assessments ---- */

enum window_field {
	W_SURVEY_OPEN, W_SURVEY_CLOSE, W_OIT_OPEN, W_OIT_CLOSE, W_REVIEW_OPEN, W_REVIEW_CLOSE,
	W_CLARIFY_OPEN, W_CLARIFY_CLOSE, W_PUBLISH_ON, W__MAX
};

static const char *const window_names[W__MAX] = {
	"survey_open", "survey_close", "oit_open", "oit_close", "review_open", "review_close",
	"clarify_open", "clarify_close", "publish_on"};

static const char *const window_th[W__MAX] = {
	"วันเปิดรับแบบสำรวจ IIT/EIT", "วันปิดรับแบบสำรวจ IIT/EIT",
	"วันเปิดส่งข้อมูล OIT", "วันปิดส่งข้อมูล OIT",
	"วันเริ่มตรวจ OIT ของผู้ประเมิน", "วันสิ้นสุดการตรวจ OIT ของผู้ประเมิน",
	"วันเริ่มช่วงชี้แจงเพิ่มเติม", "วันสิ้นสุดช่วงชี้แจงเพิ่มเติม",
	"วันประกาศผล"};

static char *window_slot(struct oi_assessment *a, enum window_field w)
{
	switch (w) {
	case W_SURVEY_OPEN: return a->survey_open;
	case W_SURVEY_CLOSE: return a->survey_close;
	case W_OIT_OPEN: return a->oit_open;
	case W_OIT_CLOSE: return a->oit_close;
	case W_REVIEW_OPEN: return a->review_open;
	case W_REVIEW_CLOSE: return a->review_close;
	case W_CLARIFY_OPEN: return a->clarify_open;
	case W_CLARIFY_CLOSE: return a->clarify_close;
	default: return a->publish_on;
	}
}

/* The typed values of an assessment form (NULL: not typed, take the stored one). */
struct assessment_input {
	const char *fiscal_year, *framework;
	const char *window[W__MAX];
};

static void read_assessment_input(struct web_ctx *c, struct assessment_input *in)
{
	in->fiscal_year = web_field(c, "fiscal_year");
	in->framework = web_field(c, "framework");
	for (int w = 0; w < W__MAX; w++)
		in->window[w] = web_field(c, window_names[w]);
}

/* A quoted copy of what was typed for messages, cut at 40 bytes on a character boundary. */
static const char *quoted(struct web_ctx *c, const char *s)
{
	size_t len = s ? strlen(s) : 0;

	if (len > 40) {
		len = 40;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
	}
	return arena_strndup(c->arena, s ? s : "", len);
}

/* Check the nine dates into a (all of them, each problem added to p). */
static void check_windows(struct web_ctx *c, const struct assessment_input *in,
			  struct oi_assessment *a, struct form_problems *p)
{
	static const enum window_field pairs[][2] = {{W_SURVEY_OPEN, W_SURVEY_CLOSE},
						     {W_OIT_OPEN, W_OIT_CLOSE},
						     {W_REVIEW_OPEN, W_REVIEW_CLOSE},
						     {W_CLARIFY_OPEN, W_CLARIFY_CLOSE}};
	bool ok[W__MAX];

	for (int w = 0; w < W__MAX; w++) {
		const char *v = in->window[w];

		ok[w] = false;
		if (!v || !*v) {
			problem(c, p, window_names[w], "%s: ยังไม่ได้กรอกวันที่", window_th[w]);
		} else if (!progress_date_parse(v, NULL)) {
			problem(c, p, window_names[w],
				"%s: \"%s\" ไม่ใช่วันที่ที่ถูกต้อง ต้องเป็นวันที่มีจริงในรูปแบบ "
				"ปปปป-ดด-วว ปี ค.ศ. เช่น 2025-01-31",
				window_th[w], quoted(c, v));
		} else {
			memcpy(window_slot(a, (enum window_field)w), v, 11);
			ok[w] = true;
		}
	}
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		enum window_field o = pairs[i][0], cl = pairs[i][1];

		if (ok[o] && ok[cl] && strcmp(window_slot(a, o), window_slot(a, cl)) > 0)
			problem(c, p, window_names[cl], "%s (%s) ต้องไม่ก่อน%s (%s)", window_th[cl],
				window_slot(a, cl), window_th[o], window_slot(a, o));
	}
}

static void window_inputs(struct buf *b, const char *id_prefix,
			  const struct oi_assessment *stored,
			  const struct assessment_input *in, const struct form_problems *p)
{
	for (int w = 0; w < W__MAX; w++) {
		const char *v = in && in->window[w] ? in->window[w]
			       : stored ? window_slot((struct oi_assessment *)stored,
						      (enum window_field)w)
					: "";

		if (w % 2 == 0)
			html_raw(b, "<div class=\"window-pair\">");
		input_field(b, id_prefix, window_names[w], window_th[w], "date", v, true, p, NULL);
		if (w % 2 == 1 || w == W__MAX - 1)
			html_raw(b, "</div>");
	}
}

static void window_cell(struct buf *b, const char *open, const char *close)
{
	html_raw(b, "<td>");
	page_dates_th(b, open, close);
	html_raw(b, "</td>");
}

/*
 * The assessments page. new_in/new_p: a refused "open a year" form; edit_id/edit_in/edit_p:
 * a refused edit of that assessment.
 */
static void assessments_page(struct web_ctx *c, const struct assessment_input *new_in,
			     const struct form_problems *new_p, long edit_id,
			     const struct assessment_input *edit_in,
			     const struct form_problems *edit_p)
{
	struct oi_store *st = web_app_store(c->app);
	struct oi_assessment *list = NULL;
	size_t n = 0;
	struct oi_error err;
	struct buf *b;
	const char *const *ids = oi_builtin_framework_ids();
	const char *chosen = new_in && new_in->framework ? new_in->framework : NULL;

	if (oi_store_assessment_list(st, &list, &n, &err)) {
		web_error(c, 500, err.message);
		return;
	}
	page_begin(c, "ปีการประเมิน");
	b = &c->res->body;
	html_raw(b, "<h1>ปีการประเมิน</h1>");
	if (web_query(c, "created")) {
		html_raw(b, "<p class=\"notice\" role=\"status\">เปิดปีงบประมาณ ");
		html_text(b, web_query(c, "created"));
		html_raw(b, " แล้ว และสร้างการเข้าร่วมของทุกหน่วยงานแล้ว</p>");
	} else if (web_query(c, "updated")) {
		html_raw(b, "<p class=\"notice\" role=\"status\">บันทึกช่วงเวลาของปีงบประมาณ ");
		html_text(b, web_query(c, "updated"));
		html_raw(b, " แล้ว</p>");
	}

	html_raw(b, "<section aria-labelledby=\"h-list\"><h2 id=\"h-list\">ปีที่เปิดแล้ว</h2>");
	if (!n) {
		html_raw(b, "<p>ยังไม่มีปีการประเมิน</p>");
	} else {
		html_raw(b, "<div class=\"table-wrap\"><table><thead><tr>"
			    "<th scope=\"col\">ปีงบประมาณ</th><th scope=\"col\">กรอบการประเมิน</th>"
			    "<th scope=\"col\">แบบสำรวจ IIT/EIT</th><th scope=\"col\">ส่ง OIT</th>"
			    "<th scope=\"col\">ตรวจ OIT</th><th scope=\"col\">ชี้แจง</th>"
			    "<th scope=\"col\">ประกาศผล</th></tr></thead><tbody>");
		for (size_t i = 0; i < n; i++) {
			const struct oi_assessment *a = &list[i];

			html_fmt(b, "<tr><th scope=\"row\">%d</th><td>", a->fiscal_year);
			html_text(b, a->framework_id);
			html_raw(b, "</td>");
			window_cell(b, a->survey_open, a->survey_close);
			window_cell(b, a->oit_open, a->oit_close);
			window_cell(b, a->review_open, a->review_close);
			window_cell(b, a->clarify_open, a->clarify_close);
			window_cell(b, a->publish_on, NULL);
			html_raw(b, "</tr>");
		}
		html_raw(b, "</tbody></table></div>");
		for (size_t i = 0; i < n; i++) {
			const struct oi_assessment *a = &list[i];
			bool editing = edit_id == a->id;
			char prefix[32], box[32];

			snprintf(prefix, sizeof prefix, "e%ld-", a->id);
			snprintf(box, sizeof box, "e%ld-errors", a->id);
			html_raw(b, "<details class=\"no-print\"");
			if (editing)
				html_raw(b, " open");
			html_fmt(b, "><summary>แก้ไขช่วงเวลาของปีงบประมาณ %d</summary>",
				 a->fiscal_year);
			if (editing)
				problems_box(b, edit_p, box);
			html_fmt(b, "<form method=\"post\" action=\"/admin/assessments/%ld\">", a->id);
			page_csrf(c);
			html_fmt(b, "<fieldset><legend>ช่วงเวลาของปีงบประมาณ %d</legend>",
				 a->fiscal_year);
			window_inputs(b, prefix, a, editing ? edit_in : NULL,
				      editing ? edit_p : NULL);
			html_raw(b, "<p><button type=\"submit\">บันทึกช่วงเวลา</button></p>"
				    "</fieldset></form></details>");
		}
	}
	html_raw(b, "</section>");

	html_raw(b, "<section aria-labelledby=\"h-new\"><h2 id=\"h-new\">เปิดปีการประเมินใหม่</h2>"
		    "<p>เมื่อเปิดปีแล้ว ทุกหน่วยงานในระบบจะเข้าร่วมการประเมินปีนั้นพร้อมลิงก์แบบสำรวจ"
		    "ของตนเอง</p>");
	problems_box(b, new_p, "new-errors");
	html_raw(b, "<form method=\"post\" action=\"/admin/assessments\">");
	page_csrf(c);
	html_raw(b, "<fieldset><legend>ปีงบประมาณและกรอบการประเมิน</legend>");
	input_field(b, "n-", "fiscal_year", "ปีงบประมาณ (พ.ศ.)", "text",
		    new_in && new_in->fiscal_year ? new_in->fiscal_year : "", true, new_p,
		    "inputmode=\"numeric\" placeholder=\"เช่น 2569\"");
	html_raw(b, "<label for=\"n-framework\">กรอบการประเมิน</label>"
		    "<select id=\"n-framework\" name=\"framework\"");
	if (has_problem(new_p, "framework"))
		html_raw(b, " aria-invalid=\"true\"");
	html_raw(b, ">");
	for (size_t i = 0; ids[i]; i++) {
		html_raw(b, "<option value=\"");
		html_attr(b, ids[i]);
		html_raw(b, "\"");
		if (chosen ? strcmp(chosen, ids[i]) == 0 : !ids[i + 1])
			html_raw(b, " selected");
		html_raw(b, ">");
		html_text(b, ids[i]);
		html_raw(b, "</option>");
	}
	html_raw(b, "</select></fieldset><fieldset><legend>ช่วงเวลา (ปี ค.ศ. ตามปฏิทิน)</legend>");
	window_inputs(b, "n-", NULL, new_in, new_p);
	html_raw(b, "</fieldset><p><button type=\"submit\">เปิดปีการประเมิน</button></p></form>"
		    "</section>");
	page_end(c);
	free(list);
}

static void get_assessments(struct web_ctx *c)
{
	assessments_page(c, NULL, NULL, 0, NULL, NULL);
}

static void refuse_assessments(struct web_ctx *c, int status,
			       const struct assessment_input *new_in,
			       const struct form_problems *new_p, long edit_id,
			       const struct assessment_input *edit_in,
			       const struct form_problems *edit_p)
{
	assessments_page(c, new_in, new_p, edit_id, edit_in, edit_p);
	if (c->res->status == 200)
		c->res->status = status;
}

/*
 * After a year was opened or its windows changed: the audit entry (action; detail
 * "fiscal_year=… [framework=…] survey=open..close oit=… review=… clarify=… publish=…"), then
 * back to the assessments page with ?<done>=<fiscal year>.
 */
static void assessment_saved(struct web_ctx *c, const struct oi_assessment *a,
			     const char *action, bool with_framework, const char *done)
{
	char windows[256], detail[512], y[16];

	snprintf(windows, sizeof windows,
		 "survey=%s..%s oit=%s..%s review=%s..%s clarify=%s..%s publish=%s",
		 a->survey_open, a->survey_close, a->oit_open, a->oit_close, a->review_open,
		 a->review_close, a->clarify_open, a->clarify_close, a->publish_on);
	if (with_framework)
		snprintf(detail, sizeof detail, "fiscal_year=%d framework=%s %s", a->fiscal_year,
			 a->framework_id, windows);
	else
		snprintf(detail, sizeof detail, "fiscal_year=%d %s", a->fiscal_year, windows);
	if (!audit(c, action, detail))
		return;
	snprintf(y, sizeof y, "%d", a->fiscal_year);
	redirect_to(c, "/admin/assessments", done, y);
}

static bool framework_known(const char *id)
{
	const char *const *ids = oi_builtin_framework_ids();

	for (size_t i = 0; id && ids[i]; i++)
		if (strcmp(ids[i], id) == 0)
			return true;
	return false;
}

static void post_assessments(struct web_ctx *c)
{
	struct oi_store *st = web_app_store(c->app);
	struct assessment_input in = {0};
	struct form_problems p = {0};
	struct oi_assessment a, *list = NULL;
	struct oi_error err;
	size_t n = 0;
	char *end;
	long year = 0;

	memset(&a, 0, sizeof a);
	read_assessment_input(c, &in);
	if (!in.fiscal_year || !*in.fiscal_year) {
		problem(c, &p, "fiscal_year", "ปีงบประมาณ (พ.ศ.): ยังไม่ได้กรอก");
	} else {
		errno = 0;
		year = strtol(in.fiscal_year, &end, 10);
		if (errno || *end || end == in.fiscal_year || year < FISCAL_YEAR_MIN ||
		    year > FISCAL_YEAR_MAX)
			problem(c, &p, "fiscal_year",
				"ปีงบประมาณ (พ.ศ.): \"%s\" ต้องเป็นตัวเลขปีพุทธศักราช %d ถึง %d "
				"เช่น 2569",
				quoted(c, in.fiscal_year), FISCAL_YEAR_MIN, FISCAL_YEAR_MAX);
	}
	if (!framework_known(in.framework))
		problem(c, &p, "framework",
			"กรอบการประเมิน: \"%s\" ไม่มีในระบบ เลือกจากรายการที่มีให้",
			quoted(c, in.framework));
	check_windows(c, &in, &a, &p);
	if (p.n) {
		refuse_assessments(c, 422, &in, &p, 0, NULL, NULL);
		return;
	}
	a.fiscal_year = (int)year;
	snprintf(a.framework_id, sizeof a.framework_id, "%s", in.framework);

	if (oi_store_assessment_list(st, &list, &n, &err)) {
		web_error(c, 500, err.message);
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (list[i].fiscal_year == a.fiscal_year) {
			problem(c, &p, "fiscal_year",
				"ปีงบประมาณ %d เปิดไว้แล้ว เปิดซ้ำไม่ได้ "
				"(แก้ไขช่วงเวลาของปีนั้นได้ในรายการด้านบน)",
				a.fiscal_year);
			break;
		}
	free(list);
	if (p.n) {
		refuse_assessments(c, 409, &in, &p, 0, NULL, NULL);
		return;
	}
	if (!web_app_framework(c->app, a.framework_id, &err)) {
		web_error(c, 500, err.message);
		return;
	}
	if (oi_store_assessment_add(st, &a, &err)) {
		problem(c, &p, "fiscal_year", "บันทึกปีงบประมาณ %d ไม่ได้: %s", a.fiscal_year,
			err.message);
		refuse_assessments(c, 409, &in, &p, 0, NULL, NULL);
		return;
	}
	if (oi_store_participation_ensure_all(st, a.id, &err)) {
		web_error(c, 500, err.message);
		return;
	}
	assessment_saved(c, &a, "assessment.open", true, "created");
}

static void post_assessment_edit(struct web_ctx *c)
{
	struct oi_store *st = web_app_store(c->app);
	struct assessment_input in = {0};
	struct form_problems p = {0};
	struct oi_assessment a;
	struct oi_error err;
	char *end;
	long id;
	int rc;

	errno = 0;
	id = strtol(c->params[0], &end, 10);
	if (errno || *end || id <= 0) {
		web_error(c, 404, "ไม่พบปีการประเมินนี้");
		return;
	}
	rc = oi_store_assessment_by_id(st, id, &a, &err);
	if (rc) {
		web_error(c, rc < 0 ? 500 : 404, rc < 0 ? err.message : "ไม่พบปีการประเมินนี้");
		return;
	}
	read_assessment_input(c, &in);
	check_windows(c, &in, &a, &p);
	if (p.n) {
		refuse_assessments(c, 422, NULL, NULL, id, &in, &p);
		return;
	}
	if (oi_store_assessment_update(st, &a, &err)) {
		web_error(c, 500, err.message);
		return;
	}
	assessment_saved(c, &a, "assessment.windows", false, "updated");
}

/* ---- one agency ---- */

static const char *const agency_fields[] = {"code", "name", "type", "province", "parent"};

static void agency_new_page(struct web_ctx *c, const struct form_problems *p)
{
	struct buf *b;
	bool refused = p && p->n;
	const char *v[5];

	for (int i = 0; i < 5; i++)
		v[i] = refused ? web_field(c, agency_fields[i]) : "";
	page_begin(c, "เพิ่มหน่วยงาน");
	b = &c->res->body;
	html_raw(b, "<h1>เพิ่มหน่วยงาน</h1>");
	if (!refused && web_query(c, "added")) {
		html_raw(b, "<p class=\"notice\" role=\"status\">เพิ่มหน่วยงาน ");
		html_text(b, web_query(c, "added"));
		html_raw(b, " แล้ว — <a href=\"/agency/");
		{
			struct buf u;

			buf_init(&u, 256);
			html_urlencode(&u, web_query(c, "added"));
			html_attr(b, u.data ? u.data : "");
			buf_release(&u);
		}
		html_raw(b, "\">ไปที่หน้าหน่วยงาน</a></p>");
	}
	problems_box(b, p, "agency-errors");
	html_raw(b, "<p>เพิ่มทีละหลายหน่วยงานได้ที่ <a href=\"/admin/agencies/import\">นำเข้าจากไฟล์ "
		    "CSV</a></p><form method=\"post\" action=\"/admin/agencies\">");
	page_csrf(c);
	html_raw(b, "<fieldset><legend>ข้อมูลหน่วยงาน</legend>");
	input_field(b, "f-", "code", "รหัสหน่วยงาน (A-Z a-z 0-9 - _ . ไม่เกิน 30 ตัวอักษร)", "text",
		    v[0], true, p, "maxlength=\"30\" autocomplete=\"off\"");
	input_field(b, "f-", "name", "ชื่อหน่วยงาน", "text", v[1], true, p, "maxlength=\"255\"");
	input_field(b, "f-", "type", "ประเภทหน่วยงาน", "text", v[2], false, p,
		    "maxlength=\"255\"");
	input_field(b, "f-", "province", "จังหวัด", "text", v[3], false, p, "maxlength=\"255\"");
	input_field(b, "f-", "parent", "รหัสหน่วยงานแม่ (ต้องมีอยู่ในระบบแล้ว)", "text", v[4],
		    false, p, "maxlength=\"30\" autocomplete=\"off\"");
	html_raw(b, "<p><button type=\"submit\">เพิ่มหน่วยงาน</button></p></fieldset></form>");
	page_end(c);
}

static void get_agency_new(struct web_ctx *c)
{
	agency_new_page(c, NULL);
}

/* Ensure the agency's participation in the current assessment (none: nothing to do). */
static int ensure_current(struct oi_store *st, long agency_id, struct oi_error *err)
{
	struct oi_assessment as;
	struct oi_participation part;
	int rc = oi_store_assessment_current(st, &as, err);

	if (rc)
		return rc < 0 ? -1 : 0;
	return oi_store_participation_ensure(st, as.id, agency_id, &part, err);
}

static void post_agency(struct web_ctx *c)
{
	struct oi_store *st = web_app_store(c->app);
	struct form_problems p = {0};
	struct oi_agency a;
	struct oi_error err;
	char detail[1200];

	if (agency_validate(st, web_field(c, "code"), web_field(c, "name"),
			    web_field(c, "type"), web_field(c, "province"),
			    web_field(c, "parent"), &a, &err)) {
		problem(c, &p, arena_strdup(c->arena, err.file), "%s", err.message);
		agency_new_page(c, &p);
		if (c->res->status == 200)
			c->res->status = 422;
		return;
	}
	if (oi_store_agency_add(st, &a, &err)) {
		problem(c, &p, "code", "เพิ่มหน่วยงานไม่ได้: %s", err.message);
		agency_new_page(c, &p);
		if (c->res->status == 200)
			c->res->status = 409;
		return;
	}
	if (ensure_current(st, a.id, &err)) {
		web_error(c, 500, err.message);
		return;
	}
	snprintf(detail, sizeof detail, "code=%s name=%s type=%s province=%s parent=%s", a.code,
		 a.name, a.type, a.province, a.parent_code);
	if (!audit(c, "agency.add", detail))
		return;
	redirect_to(c, "/admin/agencies/new", "added", a.code);
}

/* ---- CSV import ---- */

static void import_form(struct web_ctx *c, const char *csv_text)
{
	struct buf *b = &c->res->body;

	html_raw(b, "<form method=\"post\" action=\"/admin/agencies/import\" "
		    "enctype=\"multipart/form-data\">");
	page_csrf(c);
	html_raw(b, "<fieldset><legend>ไฟล์หน่วยงาน (CSV, UTF-8)</legend>"
		    "<label for=\"f-file\">เลือกไฟล์ CSV</label>"
		    "<input type=\"file\" id=\"f-file\" name=\"file\" accept=\".csv,text/csv\" "
		    "aria-describedby=\"csv-rules\">"
		    "<label for=\"f-csv\">หรือวางข้อมูล CSV ที่นี่</label>"
		    "<textarea id=\"f-csv\" name=\"csv\" rows=\"8\" "
		    "aria-describedby=\"csv-rules\">");
	html_text(b, csv_text ? csv_text : "");
	html_raw(b, "</textarea><div id=\"csv-rules\" class=\"hint\"><p>บรรทัดแรกเป็นหัวตาราง "
		    "<code>code,name,type,province,parent</code> (ต้องมี code และ name เป็น 2 คอลัมน์"
		    "แรก คอลัมน์อื่นไม่บังคับ) ไฟล์ละไม่เกิน 20,000 หน่วยงาน บันทึกจาก Excel เป็น "
		    "\"CSV UTF-8\"</p><ul><li>รหัสหน่วยงาน 1–30 ตัวอักษร ใช้ได้เฉพาะ A-Z a-z 0-9 - _ . "
		    "และต้องไม่ซ้ำกันหรือซ้ำกับที่มีในระบบ</li><li>ชื่อหน่วยงานห้ามว่าง ไม่เกิน 255 ไบต์"
		    "</li><li>หน่วยงานแม่ (parent) ต้องมีอยู่ในไฟล์หรือในระบบ</li>"
		    "<li>ถ้ามีแถวใดผิด จะไม่นำเข้าหน่วยงานใดเลย และแสดงทุกบรรทัดที่ต้องแก้</li></ul>"
		    "<p>ตัวอย่าง:</p><pre>code,name,type,province,parent\n"
		    "D001,กรมตัวอย่าง,กรม,กรุงเทพมหานคร,\n"
		    "D001-01,สำนักงานตัวอย่างจังหวัดเชียงใหม่,ส่วนภูมิภาค,เชียงใหม่,D001</pre></div>"
		    "<p><button type=\"submit\">ตรวจและนำเข้า</button></p></fieldset></form>");
}

static void get_import(struct web_ctx *c)
{
	page_begin(c, "นำเข้าหน่วยงาน");
	html_raw(&c->res->body, "<h1>นำเข้าหน่วยงานจากไฟล์ CSV</h1>");
	import_form(c, NULL);
	page_end(c);
}

static void import_problems_page(struct web_ctx *c, const struct agency_import *imp,
				 const char *csv_text)
{
	struct buf *b;
	unsigned long lines = 0, last = 0;

	for (size_t i = 0; i < imp->n_problems; i++)
		if (i == 0 || imp->problems[i].line != last) {
			lines++;
			last = imp->problems[i].line;
		}
	page_begin(c, "นำเข้าหน่วยงานไม่สำเร็จ");
	b = &c->res->body;
	html_raw(b, "<h1>นำเข้าหน่วยงานไม่สำเร็จ</h1><div class=\"errors\" role=\"alert\"><p>"
		    "ยังไม่ได้นำเข้าหน่วยงานใดเลย: พบปัญหา ");
	page_int(b, (long)imp->n_problems);
	html_raw(b, " รายการ ใน ");
	page_int(b, (long)lines);
	html_raw(b, " บรรทัด");
	if (imp->fatal)
		html_raw(b, " และอ่านไฟล์ต่อไม่ได้");
	html_raw(b, " แก้ไขไฟล์แล้วส่งใหม่ทั้งไฟล์</p></div><div class=\"table-wrap\"><table>"
		    "<caption>ปัญหาที่พบ เรียงตามบรรทัดของไฟล์</caption><thead><tr>"
		    "<th scope=\"col\">บรรทัด</th><th scope=\"col\">คอลัมน์</th>"
		    "<th scope=\"col\">ปัญหา</th></tr></thead><tbody>");
	for (size_t i = 0; i < imp->n_problems; i++) {
		const struct agency_problem *pr = &imp->problems[i];

		html_fmt(b, "<tr><td>บรรทัด %lu</td><td>", pr->line);
		html_text(b, pr->field[0] ? pr->field : "—");
		html_raw(b, "</td><td>");
		html_text(b, pr->message);
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "</tbody></table></div><h2>ส่งไฟล์ใหม่</h2>");
	import_form(c, csv_text);
	page_end(c);
	c->res->status = 422;
}

static void post_import(struct web_ctx *c)
{
	struct oi_store *st = web_app_store(c->app);
	const struct form_field *file = form_field(&c->form, "file");
	const char *data = NULL, *name = "CSV", *csv_text = NULL;
	size_t len = 0;
	struct agency_import imp;
	struct oi_error err;
	struct oi_assessment as;
	char detail[512];
	struct buf *b;
	int rc;

	if (file && file->len > 0) {
		data = file->value;
		len = file->len;
		name = file->filename && *file->filename ? file->filename : "CSV";
	} else {
		csv_text = form_get(&c->form, "csv", &len);
		data = csv_text;
		if (!csv_text || !len) {
			page_begin(c, "นำเข้าหน่วยงาน");
			html_raw(&c->res->body, "<h1>นำเข้าหน่วยงานจากไฟล์ CSV</h1>"
						"<div class=\"errors\" role=\"alert\"><p>"
						"ยังไม่ได้เลือกไฟล์ CSV และไม่ได้วางข้อมูล: "
						"เลือกไฟล์ในช่อง \"เลือกไฟล์ CSV\" หรือวางข้อมูลใน"
						"ช่องข้อความ</p></div>");
			import_form(c, NULL);
			page_end(c);
			c->res->status = 422;
			return;
		}
	}
	if (agency_import_check(st, name, data, len, &imp, &err)) {
		web_error(c, 500, err.message);
		return;
	}
	if (imp.n_problems) {
		/* Give pasted text back to be fixed; a file is chosen again. */
		import_problems_page(c, &imp, csv_text && len <= (256u << 10) ? csv_text : NULL);
		agency_import_release(&imp);
		return;
	}
	if (oi_store_agency_import(st, imp.agencies, imp.n, &err)) {
		agency_import_release(&imp);
		web_error(c, 409, err.message);
		return;
	}
	rc = oi_store_assessment_current(st, &as, &err);
	if (rc < 0 || (rc == 0 && oi_store_participation_ensure_all(st, as.id, &err))) {
		agency_import_release(&imp);
		web_error(c, 500, err.message);
		return;
	}
	snprintf(detail, sizeof detail, "count=%zu source=%.200s first=%s last=%s", imp.n, name,
		 imp.agencies[0].code, imp.agencies[imp.n - 1].code);
	if (!audit(c, "agency.import", detail)) {
		agency_import_release(&imp);
		return;
	}

	page_begin(c, "นำเข้าหน่วยงานแล้ว");
	b = &c->res->body;
	html_raw(b, "<h1>นำเข้า ");
	page_int(b, (long)imp.n);
	html_raw(b, " หน่วยงาน</h1><p class=\"notice\" role=\"status\">นำเข้า ");
	page_int(b, (long)imp.n);
	html_raw(b, " หน่วยงานเรียบร้อยแล้ว");
	if (rc == 0)
		html_fmt(b, " และทุกหน่วยงานเข้าร่วมการประเมินปีงบประมาณ %d แล้ว", as.fiscal_year);
	html_raw(b, "</p><p>หน่วยงานทั้งหมดในระบบตอนนี้: ");
	page_int(b, oi_store_agency_count(st));
	html_raw(b, "</p><p><a href=\"/national\">ไปหน้าภาพรวมทุกหน่วยงาน</a> · "
		    "<a href=\"/admin/agencies/import\">นำเข้าไฟล์อื่น</a></p>");
	page_end(c);
	agency_import_release(&imp);
}

const struct web_route web_routes_admin[] = {
	{WEB_GET, "/admin/assessments", WEB_ADMIN, get_assessments, 0},
	{WEB_POST, "/admin/assessments", WEB_ADMIN, post_assessments, 64u << 10},
	{WEB_POST, "/admin/assessments/:id", WEB_ADMIN, post_assessment_edit, 64u << 10},
	{WEB_GET, "/admin/agencies/new", WEB_ADMIN, get_agency_new, 0},
	{WEB_POST, "/admin/agencies", WEB_ADMIN, post_agency, 64u << 10},
	{WEB_GET, "/admin/agencies/import", WEB_ADMIN, get_import, 0},
	{WEB_POST, "/admin/agencies/import", WEB_ADMIN, post_import, IMPORT_MAX_BODY},
	{0, NULL, 0, NULL, 0},
};
