/*
 * plan_measures.c — one measure of the plan and its progress: the measure's form
 * (plan/measures/new, plan/measures/:n, 1-based) with its steps one per line and its period,
 * adding, changing and deleting it (a deletion must be confirmed); and the progress of a
 * measure at a checkpoint (plan/measures/:n/progress/6 or 12): its status, what was done,
 * suggestions, a link to the evidence and the date reported.
 *
 * Who: admins and the agency's own admin write; viewers read; assessors have no access.
 */
#include <stdio.h>
#include <string.h>

#include "html.h"
#include "openita/date.h"
#include "plan_pages_int.h"
#include "utf8.h"

static void measure_form(struct web_ctx *c, struct plan_ctx *pc, long index,
			 const struct form_error *fe)
{
	struct buf *b;
	bool typed = fe && fe->message;
	const struct oi_measure *m = index >= 0 ? &pc->plan->measures[index] : NULL;
	bool may_write = web_may_write_agency(c, c->agency.id);
	const char *instrument = plan_shown(c, typed, "instrument", m ? m->instrument : "");
	char start[11], end[11];
	struct buf steps;

	oi_fiscal_year_bounds(pc->plan_year, start, end);
	plan_page_head(c, index >= 0 ? plan_msgf(c, "มาตรการที่ %ld", index + 1) : "เพิ่มมาตรการ",
		       "/plan", plan_msgf(c, "แผนมาตรการปี %d", pc->plan_year));
	b = &c->res->body;
	plan_error_box(b, fe);
	plan_saved_notice(c, "บันทึกมาตรการแล้ว");
	if (m) {
		html_raw(b, "<section aria-labelledby=\"h-progress\"><h2 id=\"h-progress\">ความก้าวหน้า"
			    "</h2><ul>");
		for (int cp = 0; cp < OI_PLAN_CHECKPOINTS; cp++) {
			char due[11];

			oi_measure_checkpoint_due(m, cp, due);
			html_raw(b, "<li><a href=\"");
			html_attr(b,
				  plan_agency_path(c, plan_msgf(c, "/plan/measures/%ld/progress/%d",
								index + 1, cp ? 12 : 6)));
			html_fmt(b, "\">รอบ %d เดือน</a> (ครบกำหนด ", cp ? 12 : 6);
			page_date_th(b, due);
			html_raw(b, "): ");
			plan_status_cell(b, &m->progress[cp]);
			html_raw(b, "</li>");
		}
		html_raw(b, "</ul></section>");
	}
	html_raw(b, "<form method=\"post\" action=\"");
	html_attr(b, plan_agency_path(c, m ? plan_msgf(c, "/plan/measures/%ld", index + 1)
					   : "/plan/measures"));
	html_raw(b, "\" novalidate>");
	page_csrf(c);
	html_raw(b, "<fieldset");
	if (!may_write)
		html_raw(b, " disabled");
	html_raw(b, "><legend>รายละเอียดมาตรการ</legend>");
	plan_instrument_select(c, "instrument", "เครื่องมือการประเมิน", instrument, "ภาพรวม (ไม่ระบุ)",
			       fe);
	plan_text_input(c, "source", "ข้อคำถาม ข้อ OIT หรือตัวชี้วัดที่มา (เช่น i13, O42, 3)",
			plan_shown(c, typed, "source", m ? m->source : ""), fe, "text", 32);
	plan_textarea(c, "issue", "ประเด็น / มาตรการ (จำเป็น)", NULL,
		      plan_shown(c, typed, "issue", m ? m->issue_th : ""), fe, 2);
	plan_textarea(c, "finding", "ข้อบกพร่องหรือจุดอ่อนที่พบ", NULL,
		      plan_shown(c, typed, "finding", m ? m->finding_th : ""), fe, 3);
	plan_textarea(c, "guideline", "แนวทางการนำผลไปสู่การปฏิบัติ", NULL,
		      plan_shown(c, typed, "guideline", m ? m->guideline_th : ""), fe, 3);
	buf_init(&steps, 1u << 20);
	for (size_t k = 0; m && k < m->n_steps; k++) {
		buf_puts(&steps, m->steps_th[k]);
		buf_puts(&steps, "\n");
	}
	plan_textarea_max(c, "steps", "วิธีการดำเนินการ",
			  "หนึ่งขั้นตอนต่อหนึ่งบรรทัด (ไม่เกิน 50 บรรทัด "
			  "บรรทัดละไม่เกิน 2,000 ตัวอักษร)",
			  plan_shown(c, typed, "steps", steps.data ? steps.data : ""), fe, 5,
			  STEPS_MAX);
	buf_release(&steps);
	plan_text_input(c, "period_start", "เริ่ม (วันที่)",
			plan_shown(c, typed, "period_start", m ? m->period_start : start), fe,
			"date", 10);
	plan_text_input(c, "period_end", "สิ้นสุด (วันที่)",
			plan_shown(c, typed, "period_end", m ? m->period_end : end), fe, "date",
			10);
	plan_text_input(c, "unit", "ผู้รับผิดชอบ", plan_shown(c, typed, "unit", m ? m->unit_th : ""),
			fe, "text", SHORT_MAX);
	plan_textarea(c, "followup", "การติดตามผล", NULL,
		      plan_shown(c, typed, "followup", m ? m->followup_th : ""), fe, 2);
	if (may_write)
		html_raw(b, "<p><button type=\"submit\">บันทึกมาตรการ</button></p>");
	html_raw(b, "</fieldset></form>");
	if (m && may_write) {
		html_raw(b, "<h2>ลบมาตรการ</h2>");
		plan_delete_form(c, plan_msgf(c, "/plan/measures/%ld/delete", index + 1), "measure",
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
	long i = plan_item_param(c, 1, pc->plan->n_measures, "ไม่พบมาตรการลำดับนี้");

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

	plan_take_fields(c, fe, fields, sizeof fields / sizeof fields[0], v);
	steps = v[STEPS];
	if (!fe->message && !plan_instrument_valid(v[INSTRUMENT])) {
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
			fe->message = plan_msgf(c, "วิธีการดำเนินการบรรทัดที่ %zu ยาวเกิน %d ตัวอักษร",
						n_lines, TEXT_MAX);
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
	plan_set_fields(p, fields, sizeof fields / sizeof fields[0], v);
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
		i = plan_item_param(c, 1, pc->plan->n_measures, "ไม่พบมาตรการลำดับนี้");
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
		plan_refuse(c, pc, create ? new_measure_page : measure_page, &fe);
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
	return plan_msgf(c, "/plan/measures/%ld?saved=1", i + 1);
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
	long i = plan_item_param(c, 1, pc->plan->n_measures, "ไม่พบมาตรการลำดับนี้");

	if (i < 0 || !plan_delete_confirmed(c))
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
	const char *status = plan_shown(c, typed, "status", "");
	char today[11], due[11];
	struct buf *b;

	oi_date_today(c->req->now, today);
	oi_measure_checkpoint_due(m, cp, due);
	plan_page_head(c,
		       plan_msgf(c, "ความก้าวหน้ามาตรการที่ %ld รอบ %d เดือน", index + 1, cp ? 12 : 6),
		       plan_msgf(c, "/plan/measures/%ld", index + 1),
		       plan_msgf(c, "มาตรการที่ %ld", index + 1));
	b = &c->res->body;
	html_raw(b, "<p><strong>");
	html_text(b, m->issue_th);
	html_raw(b, "</strong><br>ระยะเวลา ");
	page_dates_th(b, m->period_start, m->period_end);
	html_raw(b, " · ครบกำหนดรายงาน ");
	page_date_th(b, due);
	html_raw(b, "</p>");
	plan_error_box(b, fe);
	plan_saved_notice(c, "บันทึกความก้าวหน้าแล้ว");
	html_raw(b, "<form method=\"post\" action=\"");
	html_attr(b, plan_agency_path(c, plan_msgf(c, "/plan/measures/%ld/progress/%d", index + 1,
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
	plan_textarea(c, "done", "ผลการดำเนินการ", NULL, plan_shown(c, typed, "done", g->done_th),
		      fe, 4);
	plan_textarea(c, "suggestion", "ข้อเสนอแนะ", NULL,
		      plan_shown(c, typed, "suggestion", g->suggestion_th), fe, 2);
	plan_textarea(c, "remark", "หมายเหตุ", NULL, plan_shown(c, typed, "remark", g->remark_th),
		      fe, 2);
	plan_text_input(c, "evidence_url", "ลิงก์หลักฐาน (https://…)",
			plan_shown(c, typed, "evidence_url", g->evidence_url), fe, "url", TEXT_MAX);
	plan_text_input(
		c, "reported_on", "วันที่รายงาน",
		plan_shown(c, typed, "reported_on", *g->reported_on ? g->reported_on : today), fe,
		"date", 10);
	if (may_write)
		html_raw(b, "<p><button type=\"submit\">บันทึกความก้าวหน้า</button></p>");
	html_raw(b, "</fieldset></form>");
	page_end(c);
}

/* The measure index and checkpoint of the path; 404 page and -1 when not there. */
static int progress_target(struct web_ctx *c, struct plan_ctx *pc, long *i, int *cp)
{
	*i = plan_index_param(c->params[1], pc->plan->n_measures);
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

/* The fields are read one by one, not through plan_take_fields(): the link is checked before the
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
	status = plan_take_text(c, &fe, "status", "สถานะการดำเนินการ", 1, true);
	if (fe.message)
		fe.message = "กรุณาเลือกสถานะการดำเนินการ";
	else if (strcmp(status, "1") && strcmp(status, "2") && strcmp(status, "3")) {
		fe.field = "status";
		fe.message = "สถานะการดำเนินการไม่ถูกต้อง";
	}
	done = plan_take_text(c, &fe, "done", "ผลการดำเนินการ", TEXT_MAX, false);
	suggestion = plan_take_text(c, &fe, "suggestion", "ข้อเสนอแนะ", TEXT_MAX, false);
	remark = plan_take_text(c, &fe, "remark", "หมายเหตุ", TEXT_MAX, false);
	url = plan_take_text(c, &fe, "evidence_url", "ลิงก์หลักฐาน", TEXT_MAX, false);
	if (!fe.message && *url && strncmp(url, "https://", 8) && strncmp(url, "http://", 7)) {
		fe.field = "evidence_url";
		fe.message = "ลิงก์หลักฐานต้องขึ้นต้นด้วย https:// หรือ http://";
	}
	if (!fe.message && strpbrk(url, " \t\r\n\"<>")) {
		fe.field = "evidence_url";
		fe.message = "ลิงก์หลักฐานต้องไม่มีช่องว่างหรือเครื่องหมาย \" < >";
	}
	date = plan_take_date(c, &fe, "reported_on", "วันที่รายงาน", true);
	if (fe.message) {
		plan_refuse(c, pc, progress_page, &fe);
		return NULL;
	}
	g = &pc->plan->measures[i].progress[cp];
	g->status = (enum oi_progress_status)(status[0] - '0');
	oi_plan_set(pc->plan, &g->done_th, done);
	oi_plan_set(pc->plan, &g->suggestion_th, suggestion);
	oi_plan_set(pc->plan, &g->remark_th, remark);
	oi_plan_set(pc->plan, &g->evidence_url, url);
	oi_plan_set(pc->plan, &g->reported_on, date);
	return plan_msgf(c, "/plan/measures/%ld/progress/%d?saved=1", i + 1, cp ? 12 : 6);
}

PLAN_FORM(post_progress, "plan.progress", change_progress)

const struct web_route web_routes_plan_measures[] = {
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
	{0, NULL, 0, NULL, 0},
};
