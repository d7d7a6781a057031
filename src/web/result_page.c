/*
 * result_page.c — the result sheet of the agency's workspace (/agency/:agency/result): the
 * result it received for the result year (plan_common.c: the year before the plan's), the
 * analysis of it (oi_analyse: the total and grade against the year before, each indicator a
 * strength or to improve, the lowest indicator of each instrument, the failed OIT items, the
 * lowest questions), the result openita computes from its own data (result_compute.h), and for
 * writers the form to enter the sheet's scores, the failed OIT items with the assessors'
 * comments and an earlier year's scores.
 *
 *   GET  result            the analysis, the computed result, the form
 *   POST result            the sheet as typed (a refused form: 422 with what was typed)
 *   POST result/compute    the computed result saved as the year's, earlier years kept
 *
 * Who: admins and the agency's own admin write; viewers read; assessors have no access.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "openita/analysis.h"
#include "plan_pages_int.h"
#include "result_compute.h"

static void put_score(struct buf *b, const struct oi_framework *fw, double x)
{
	html_fmt(b, "%.*f", (int)fw->result_decimals, oi_round(x, fw->result_decimals));
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

/* ---- the result sheet ---- */

static const char *indicator_label(struct web_ctx *c, const struct oi_indicator *ind)
{
	return plan_msgf(c, "%s. %s", ind->code, ind->name_th);
}

static void indicator_inputs(struct web_ctx *c, const struct oi_framework *fw, const char *prefix,
			     const struct oi_result *stored, bool typed,
			     const struct form_error *fe)
{
	struct buf *b = &c->res->body;

	for (size_t i = 0; i < fw->n_indicators; i++) {
		const char *name = plan_msgf(c, "%s%s", prefix, fw->indicators[i].code);
		char value[32] = "";

		if (!typed && stored && stored->has_indicator[i])
			snprintf(value, sizeof value, "%.*f", (int)fw->result_decimals,
				 oi_round(stored->indicator[i], fw->result_decimals));
		html_raw(b, "<div class=\"score-field\">");
		plan_label_for(b, name, indicator_label(c, &fw->indicators[i]));
		html_raw(b, "<input type=\"text\" inputmode=\"decimal\" autocomplete=\"off\" "
			    "class=\"score\" maxlength=\"12\"");
		plan_field_attrs(b, name, fe);
		html_raw(b, " value=\"");
		html_attr(b, typed ? plan_shown(c, true, name, NULL) : value);
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
		html_attr(b, plan_agency_path(c, "/result/compute"));
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

	plan_page_head(c, plan_msgf(c, "ผลการประเมินปี %d", pc->result_year), NULL, NULL);
	b = &c->res->body;
	html_raw(b, "<p>กรอบการประเมิน ");
	html_text(b, fw->name_th ? fw->name_th : fw->id);
	html_raw(b, " · <a href=\"");
	html_attr(b, plan_agency_path(c, "/plan"));
	html_raw(b, "\">แผนมาตรการปี ");
	html_fmt(b, "%d", pc->plan_year);
	html_raw(b, "</a></p>");
	plan_error_box(b, fe);
	plan_saved_notice(c, "บันทึกผลการประเมินแล้ว");

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
	html_attr(b, plan_agency_path(c, "/result"));
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
			any |= typed ? web_field(c, plan_msgf(c, "fail_%s",
							      fw->oit_items[k].code)) != NULL
				     : ar && ar->verdict[k] == 0;
		if (any || (fe && fe->field && (!strncmp(fe->field, "comment_", 8) ||
						 !strncmp(fe->field, "fail_", 5))))
			html_raw(b, " open");
	}
	html_raw(b, "><summary>รายการข้อ OIT ทั้งหมด</summary><div class=\"oit-list\">");
	for (size_t k = 0; k < fw->n_oit_items; k++) {
		const struct oi_oit_item *it = &fw->oit_items[k];
		const char *fail = plan_msgf(c, "fail_%s", it->code);
		const char *note = plan_msgf(c, "comment_%s", it->code);
		bool checked = typed ? web_field(c, fail) != NULL : ar && ar->verdict[k] == 0;

		html_raw(b, "<div class=\"oit-item\"><input type=\"checkbox\" value=\"1\"");
		plan_field_attrs(b, fail, fe);
		if (checked)
			html_raw(b, " checked");
		html_raw(b, "><label class=\"inline\" for=\"f-");
		html_attr(b, fail);
		html_raw(b, "\">");
		html_text(b, it->code);
		html_raw(b, " ");
		html_text(b, it->title_th ? it->title_th : "(ไม่ทราบชื่อข้อ)");
		html_raw(b, " — ไม่ผ่าน</label>");
		plan_text_input(
			c, note, plan_msgf(c, "ความเห็นของผู้ประเมิน ข้อ %s", it->code),
			plan_shown(c, typed, note, ar && ar->comment[k] ? ar->comment[k] : ""), fe,
			"text", 0);
		html_raw(b, "</div>");
	}
	html_raw(b, "</div></details></fieldset>");

	if (prev)
		snprintf(prev_year, sizeof prev_year, "%d", prev->fiscal_year_be);
	else
		snprintf(prev_year, sizeof prev_year, "%d", pc->result_year - 1);
	html_raw(b, "<fieldset><legend>คะแนนปีก่อน เพื่อเปรียบเทียบ (เว้นว่างได้)</legend>");
	plan_text_input(c, "prev_year", "ปีงบประมาณ (พ.ศ.)",
			plan_shown(c, typed, "prev_year", prev_year), fe, "text", 4);
	html_raw(b, "<div class=\"score-grid\">");
	indicator_inputs(c, fw, "prev_", prev ? &prev->result : NULL, typed, fe);
	html_raw(b, "</div></fieldset><p><button type=\"submit\">บันทึกผลการประเมิน</button></p>"
		    "</form></section>");
	page_end(c);
}

struct oi_agency_result *plan_result_load(struct web_ctx *c, struct plan_ctx *pc, int *rc)
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
	ar = plan_result_load(c, &pc, &rc);
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
		const char *name = plan_msgf(c, "%s%s", prefix, fw->indicators[i].code);
		const char *v = web_field(c, name);
		double x;
		int got = v ? parse_score(v, &x) : 0;

		if (got < 0 && !fe->message) {
			fe->field = name;
			fe->message = plan_msgf(c,
						"คะแนน%sตัวชี้วัดที่ %s ต้องเป็นตัวเลข 0 ถึง 100 (ทศนิยมไม่เกิน "
						"4 ตำแหน่ง) หรือเว้นว่าง",
						what, fw->indicators[i].code);
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

/*
 * Store ar as the agency's result of the result year, source "entered" or "computed", record
 * it in the audit log ("result.save" with the source) and answer with the redirect to the
 * analysis; on failure the error page (422 for what the store refuses, 500 for the audit).
 */
static void save_result(struct web_ctx *c, const struct plan_ctx *pc,
			const struct oi_agency_result *ar, const char *source)
{
	struct oi_store *st = web_app_store(c->app);
	struct oi_error err;
	char detail[160];

	if (oi_store_result_save(st, c->agency.id, ar, source, &err)) {
		web_error(c, 422, err.message);
		return;
	}
	snprintf(detail, sizeof detail, "agency=%s fiscal_year=%d source=%s", c->agency.code,
		 pc->result_year, source);
	if (oi_store_audit(st, c->session.user.id, "result.save", detail, &err)) {
		web_error(c, 500, err.message);
		return;
	}
	plan_redirect(c, "/result?saved=1#h-analysis");
}

static void post_result(struct web_ctx *c)
{
	struct plan_ctx pc;
	struct oi_agency_result *old, *ar;
	struct form_error fe = {0};
	struct oi_previous_result prev;
	const char *prev_year;
	bool any_prev = false;
	int rc;
	long year = 0;

	if (plan_ctx_init(c, &pc))
		return;
	old = plan_result_load(c, &pc, &rc);
	if (rc < 0)
		return;
	ar = oi_agency_result_new(pc.fw, c->agency.code);
	oi_agency_result_set_name(ar, c->agency.name);
	ar->fiscal_year_be = pc.result_year;
	take_scores(c, pc.fw, "ind_", "", &ar->result, &fe);
	for (size_t k = 0; k < pc.fw->n_oit_items; k++) {
		const struct oi_oit_item *it = &pc.fw->oit_items[k];
		const char *note = plan_take_text(c, &fe, plan_msgf(c, "comment_%s", it->code),
						  plan_msgf(c, "ความเห็นของผู้ประเมิน ข้อ %s", it->code),
						  TEXT_MAX, false);

		if (web_field(c, plan_msgf(c, "fail_%s", it->code))) {
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
	prev_year = plan_take_text(c, &fe, "prev_year", "ปีงบประมาณ (พ.ศ.)", 4, any_prev);
	if (!fe.message && *prev_year) {
		for (const char *p = prev_year; *p; p++)
			year = *p >= '0' && *p <= '9' ? year * 10 + (*p - '0') : -1000000;
		if (year < 2500 || year >= pc.result_year) {
			fe.field = "prev_year";
			fe.message =
				plan_msgf(c, "ปีงบประมาณของคะแนนปีก่อนต้องเป็นปี พ.ศ. ก่อนปี %d เช่น %d",
					  pc.result_year, pc.result_year - 1);
		}
	}
	if (!fe.message) {
		bool any = false;

		for (size_t i = 0; i < pc.fw->n_indicators; i++)
			any |= ar->result.has_indicator[i];
		if (!any) {
			fe.field = plan_msgf(c, "ind_%s", pc.fw->indicators[0].code);
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
		prev.fiscal_year_be = (int)year;
		oi_result_finish(pc.fw, &prev.result);
		oi_agency_result_add_previous(ar, &prev, 1);
	}
	oi_agency_result_finish(ar);
	save_result(c, &pc, ar, "entered");
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
	int rc;

	if (plan_ctx_init(c, &pc))
		return;
	if (!pc.has_result_as) {
		web_error(c, 409, plan_msgf(c, "ระบบนี้ไม่มีข้อมูลการประเมินปี %d จึงคำนวณผลไม่ได้",
					    pc.result_year));
		return;
	}
	old = plan_result_load(c, &pc, &rc);
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
	if (old)
		oi_agency_result_add_previous(ar, old->previous, old->n_previous);
	/* the year before, from this database too when it was assessed here (a year typed in
	 * from its result sheet stays as typed) */
	if (pc.has_previous_as &&
	    result_compute_previous(st, pc.fw, &pc.previous_as, &c->agency, ar, &err) < 0) {
		web_error(c, 500, err.message);
		goto done;
	}
	save_result(c, &pc, ar, "computed");
done:
	oi_agency_result_free(old);
	oi_agency_result_free(ar);
}

const struct web_route web_routes_result[] = {
	{WEB_GET, "/agency/:agency/result", READERS, get_result, 0},
	{WEB_POST, "/agency/:agency/result", WRITERS, post_result, RESULT_BODY},
	{WEB_POST, "/agency/:agency/result/compute", WRITERS, post_result_compute, FORM_BODY},
	{0, NULL, 0, NULL, 0},
};
