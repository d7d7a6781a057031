/*
 * plan_page.c — the measures plan of the agency's workspace (/agency/:agency/plan): the alerts
 * (measures overdue or not reported at a checkpoint), the measures with their progress, the
 * committees, the problems and obstacles (with the form to add one), the covering memo's
 * fields, the documents made from the plan (links to plan/doc/<kind>.<fmt>, which documents.c
 * serves); and POST plan/draft, a plan drafted from the analysis of the stored result and the
 * framework's playbook (oi_plan_draft), which replaces an existing plan only when confirmed.
 *
 * Who: admins and the agency's own admin write; viewers read; assessors have no access.
 */
#include <string.h>

#include "html.h"
#include "openita/analysis.h"
#include "openita/date.h"
#include "openita/playbook.h"
#include "plan_pages_int.h"

static const char *instrument_th(const char *code)
{
	if (!code || !*code)
		return "ภาพรวม";
	return code;
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
		html_attr(b,
			  plan_agency_path(c, plan_msgf(c, "/plan/measures/%zu", a->measure + 1)));
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
		html_attr(b, plan_agency_path(c, "/plan/measures/new"));
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
		html_attr(b, plan_agency_path(c, plan_msgf(c, "/plan/measures/%zu", i + 1)));
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
			html_attr(b,
				  plan_agency_path(c, plan_msgf(c, "/plan/measures/%zu/progress/%d",
								i + 1, cp ? 12 : 6)));
			html_raw(b, "\" aria-label=\"");
			html_attr(b, plan_msgf(c, "ความก้าวหน้ามาตรการที่ %zu รอบ %d เดือน", i + 1,
					       cp ? 12 : 6));
			html_raw(b, "\">");
			plan_status_cell(b, &m->progress[cp]);
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
	html_attr(b, plan_agency_path(c, "/plan/committees"));
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
			plan_post_button(c, plan_msgf(c, "/plan/problems/%zu/delete", i + 1),
					 plan_msgf(c, "ลบข้อที่ %zu", i + 1), "secondary small");
		}
		html_raw(b, "</li>");
	}
	if (plan->n_problems)
		html_raw(b, "</ol>");
	if (may_write) {
		html_raw(b, "<form method=\"post\" action=\"");
		html_attr(b, plan_agency_path(c, "/plan/problems"));
		html_raw(b, "\">");
		page_csrf(c);
		html_raw(b, "<fieldset><legend>เพิ่มปัญหาหรืออุปสรรค</legend>");
		plan_textarea(c, "problem", "ปัญหาหรืออุปสรรค", NULL, "", NULL, 2);
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
		html_attr(b, plan_agency_path(c, "/plan/memo"));
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
	html_attr(b, plan_agency_path(c, arabic ? "/plan#h-docs" : "/plan?digits=arabic#h-docs"));
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
			html_attr(b,
				  plan_agency_path(c, plan_msgf(c, "/plan/doc/%s.%s%s",
								docs[k].kind, files[f].fmt,
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
	html_attr(b, plan_agency_path(c, "/plan/draft"));
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
	plan_page_head(c, plan_msgf(c, "แผนมาตรการปีงบประมาณ %d", pc.plan_year), NULL, NULL);
	b = &c->res->body;
	html_raw(b, "<p>จากผลการประเมินปี ");
	html_fmt(b, "%d", pc.result_year);
	html_raw(b, " · <a href=\"");
	html_attr(b, plan_agency_path(c, "/result"));
	html_raw(b, "\">ผลการประเมินและการวิเคราะห์</a></p>");
	if (web_query(c, "drafted"))
		html_raw(b, "<p class=\"notice\" role=\"status\">ร่างแผนจากผลการวิเคราะห์แล้ว "
			    "ตรวจและแก้ไขมาตรการ ผู้รับผิดชอบ และคณะทำงานได้ด้านล่าง</p>");
	plan_saved_notice(c, "บันทึกแล้ว");
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
	ar = plan_result_load(c, &pc, &rc);
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
	if (plan_ctx_save(c, &pc, "plan.draft") == 0)
		plan_redirect(c, "/plan?drafted=1");
	plan_ctx_release(&pc);
}

const struct web_route web_routes_plan[] = {
	{WEB_GET, "/agency/:agency/plan", READERS, get_plan, 0},
	{WEB_POST, "/agency/:agency/plan/draft", WRITERS, post_draft, FORM_BODY},
	{0, NULL, 0, NULL, 0},
};
