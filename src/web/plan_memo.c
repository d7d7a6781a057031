/*
 * plan_memo.c — the fields of the covering memo that sends the plan (plan/memo): the
 * department, reference number, date, subject, addressee, signer and who prepared the plan;
 * the memo document (documents.c) is made from them.
 *
 * Who: admins and the agency's own admin (both the page and the form); viewers see the fields
 * on the plan page; assessors have no access.
 */
#include "html.h"
#include "plan_pages_int.h"

static void memo_form(struct web_ctx *c, struct plan_ctx *pc, const struct form_error *fe)
{
	const struct oi_memo *m = &pc->plan->memo;
	bool typed = fe && fe->message;
	struct buf *b;

	plan_page_head(c, "บันทึกข้อความนำส่ง", "/plan", plan_msgf(c, "แผนมาตรการปี %d", pc->plan_year));
	b = &c->res->body;
	plan_error_box(b, fe);
	html_raw(b, "<form method=\"post\" action=\"");
	html_attr(b, plan_agency_path(c, "/plan/memo"));
	html_raw(b, "\" novalidate>");
	page_csrf(c);
	html_raw(b, "<fieldset><legend>หัวบันทึกข้อความ</legend>");
	plan_text_input(c, "department", "ส่วนราชการ",
			plan_shown(c, typed, "department", m->department_th), fe, "text",
			SHORT_MAX);
	plan_text_input(c, "reference_no", "ที่",
			plan_shown(c, typed, "reference_no", m->reference_no), fe, "text", 64);
	plan_text_input(c, "date", "วันที่", plan_shown(c, typed, "date", m->date), fe, "date", 10);
	plan_text_input(c, "subject", "เรื่อง (เว้นว่างเพื่อใช้เรื่องมาตรฐาน)",
			plan_shown(c, typed, "subject", m->subject_th), fe, "text", SHORT_MAX);
	plan_text_input(c, "to", "เรียน", plan_shown(c, typed, "to", m->to_th), fe, "text",
			SHORT_MAX);
	html_raw(b, "</fieldset><fieldset><legend>ผู้ลงนามและผู้จัดทำ</legend>");
	plan_text_input(c, "signer_name", "ผู้ลงนาม",
			plan_shown(c, typed, "signer_name", m->signer_name_th), fe, "text",
			SHORT_MAX);
	plan_text_input(c, "signer_position", "ตำแหน่งผู้ลงนาม",
			plan_shown(c, typed, "signer_position", m->signer_position_th), fe, "text",
			SHORT_MAX);
	plan_text_input(c, "prepared_by", "ผู้จัดทำ",
			plan_shown(c, typed, "prepared_by", pc->plan->prepared_by_th), fe, "text",
			SHORT_MAX);
	plan_text_input(c, "prepared_position", "ตำแหน่งผู้จัดทำ",
			plan_shown(c, typed, "prepared_position", pc->plan->prepared_position_th),
			fe, "text", SHORT_MAX);
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

	plan_take_fields(c, &fe, fields, sizeof fields / sizeof fields[0], v);
	if (fe.message) {
		plan_refuse(c, pc, memo_form, &fe);
		return NULL;
	}
	plan_set_fields(p, fields, sizeof fields / sizeof fields[0], v);
	return "/plan?saved=1#h-memo";
}

PLAN_FORM(post_memo, "plan.memo", change_memo)

const struct web_route web_routes_plan_memo[] = {
	{WEB_GET, "/agency/:agency/plan/memo", WRITERS, get_memo, 0},
	{WEB_POST, "/agency/:agency/plan/memo", WRITERS, post_memo, FORM_BODY},
	{0, NULL, 0, NULL, 0},
};
