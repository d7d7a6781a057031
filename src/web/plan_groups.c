/*
 * plan_groups.c — the people and obstacles of the plan: the working groups (committees) with
 * their members (plan/committees: add, change, delete a committee; add, change, delete a
 * member, each numbered 1-based in the path), and the problems and obstacles met (add one,
 * delete one; the plan page, plan_page.c, lists them with their forms).
 *
 * Who: admins and the agency's own admin write; viewers read; assessors have no access.
 */
#include <string.h>

#include "html.h"
#include "plan_pages_int.h"

/* ---- committees and members ---- */

static const char *const role_values[] = {"chair", "member", "secretary"};

static void committee_fields(struct web_ctx *c, const char *prefix,
			     const struct oi_committee *cm, bool typed, const struct form_error *fe)
{
	const char *in_name = plan_msgf(c, "%sinstrument", prefix);
	const char *instrument = plan_shown(c, typed, in_name, cm ? cm->instrument : "");

	plan_instrument_select(c, in_name, "ด้าน", instrument, "ภาพรวม", fe);
	plan_text_input(c, plan_msgf(c, "%sname", prefix), "ชื่อคณะทำงาน",
			plan_shown(c, typed, plan_msgf(c, "%sname", prefix), cm ? cm->name_th : ""),
			fe, "text", SHORT_MAX);
	plan_textarea(c, plan_msgf(c, "%sduties", prefix), "หน้าที่", NULL,
		      plan_shown(c, typed, plan_msgf(c, "%sduties", prefix),
				 cm ? cm->duties_th : ""),
		      fe, 3);
}

static void member_fields(struct web_ctx *c, const char *prefix,
			  const struct oi_committee_member *mb, const struct form_error *fe)
{
	struct buf *b = &c->res->body;
	const char *role_name = plan_msgf(c, "%srole", prefix);
	const char *name = plan_msgf(c, "%sname", prefix),
		   *position = plan_msgf(c, "%sposition", prefix);
	bool typed = fe && fe->message;

	plan_text_input(c, name, "ชื่อ-สกุล", plan_shown(c, typed, name, mb ? mb->name_th : ""), fe,
			"text", SHORT_MAX);
	plan_text_input(c, position, "ตำแหน่ง",
			plan_shown(c, typed, position, mb ? mb->position_th : ""), fe, "text",
			SHORT_MAX);
	plan_label_for(b, role_name, "บทบาทในคณะทำงาน");
	html_raw(b, "<select");
	plan_field_attrs(b, role_name, fe);
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
			plan_post_button(c,
					 plan_msgf(c, "/plan/committees/%zu/members/%zu/delete",
						   i + 1, k + 1),
					 plan_msgf(c, "ลบ %s", mb->name_th), "secondary small");
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

	plan_page_head(c, "คณะทำงาน", "/plan", plan_msgf(c, "แผนมาตรการปี %d", pc->plan_year));
	b = &c->res->body;
	plan_error_box(b, fe);
	plan_saved_notice(c, "บันทึกคณะทำงานแล้ว");
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
				html_raw(b, error_in(fe, plan_msgf(c, "c%zu_m%zu_", i + 1, k + 1))
						    ? "<details open><summary>"
						    : "<details><summary>");
				html_text(b, plan_msgf(c, "แก้ไขสมาชิก: %s", cm->members[k].name_th));
				html_raw(b, "</summary><form method=\"post\" action=\"");
				html_attr(b, plan_agency_path(c, plan_msgf(c, "/plan/committees/"
									   "%zu/members/%zu", i + 1,
									   k + 1)));
				html_raw(b, "\">");
				page_csrf(c);
				html_raw(b, "<fieldset><legend>สมาชิกคนที่ ");
				html_fmt(b, "%zu", k + 1);
				html_raw(b, "</legend>");
				member_fields(c, plan_msgf(c, "c%zu_m%zu_", i + 1, k + 1),
					      &cm->members[k], fe);
				html_raw(b, "<p><button type=\"submit\">บันทึกสมาชิก</button></p>"
					    "</fieldset></form></details>");
			}
			html_raw(b, "<form method=\"post\" action=\"");
			html_attr(b, plan_agency_path(c, plan_msgf(c, "/plan/committees/%zu/members",
								   i + 1)));
			html_raw(b, "\">");
			page_csrf(c);
			html_raw(b, "<fieldset><legend>เพิ่มสมาชิก</legend>");
			member_fields(c, plan_msgf(c, "c%zu_new_", i + 1), NULL, fe);
			html_raw(b, "<p><button type=\"submit\">เพิ่มสมาชิก</button></p></fieldset>"
				    "</form>");
			html_raw(b, error_in(fe, plan_msgf(c, "c%zu_", i + 1)) &&
					    !error_in(fe, plan_msgf(c, "c%zu_m", i + 1)) &&
					    !error_in(fe, plan_msgf(c, "c%zu_new_", i + 1))
					    ? "<details open>"
					    : "<details>");
			html_raw(b, "<summary>แก้ไขชื่อและหน้าที่ของคณะทำงาน</summary>"
				    "<form method=\"post\" action=\"");
			html_attr(b,
				  plan_agency_path(c, plan_msgf(c, "/plan/committees/%zu", i + 1)));
			html_raw(b, "\">");
			page_csrf(c);
			html_raw(b, "<fieldset><legend>คณะทำงาน</legend>");
			committee_fields(c, plan_msgf(c, "c%zu_", i + 1), cm, fe && fe->message,
					 fe);
			html_raw(b, "<p><button type=\"submit\">บันทึกคณะทำงาน</button></p>"
				    "</fieldset></form></details>");
			plan_delete_form(c, plan_msgf(c, "/plan/committees/%zu/delete", i + 1),
					 plan_msgf(c, "c%zu", i + 1),
					 "ยืนยันว่าจะลบคณะทำงานนี้พร้อมสมาชิกทั้งหมด", "ลบคณะทำงานนี้");
		}
		html_raw(b, "</section>");
	}
	if (!pc->plan->n_committees)
		html_raw(b, "<p>ยังไม่มีคณะทำงาน</p>");
	if (may_write) {
		html_raw(b, "<form method=\"post\" action=\"");
		html_attr(b, plan_agency_path(c, "/plan/committees"));
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
	const char *instrument =
		plan_take_text(c, fe, plan_msgf(c, "%sinstrument", prefix), "ด้าน", 3, false);
	const char *name = plan_take_text(c, fe, plan_msgf(c, "%sname", prefix), "ชื่อคณะทำงาน",
					  SHORT_MAX, true);
	const char *duties =
		plan_take_text(c, fe, plan_msgf(c, "%sduties", prefix), "หน้าที่", TEXT_MAX, false);

	if (!fe->message && !plan_instrument_valid(instrument)) {
		fe->field = plan_msgf(c, "%sinstrument", prefix);
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
		plan_refuse(c, pc, committees_page, &fe);
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
	long i = plan_item_param(c, 1, pc->plan->n_committees, "ไม่พบคณะทำงานลำดับนี้");

	if (i < 0)
		return NULL;
	scratch = pc->plan->committees[i];
	if (!take_committee(c, pc, plan_msgf(c, "c%ld_", i + 1), &scratch, &fe)) {
		plan_refuse(c, pc, committees_page, &fe);
		return NULL;
	}
	pc->plan->committees[i] = scratch;
	return "/plan/committees?saved=1";
}

static const char *delete_committee(struct web_ctx *c, struct plan_ctx *pc)
{
	long i = plan_item_param(c, 1, pc->plan->n_committees, "ไม่พบคณะทำงานลำดับนี้");

	if (i < 0 || !plan_delete_confirmed(c))
		return NULL;
	plan_remove_at(pc->plan->committees, &pc->plan->n_committees, (size_t)i,
		       sizeof pc->plan->committees[0]);
	return "/plan/committees?saved=1";
}

PLAN_FORM(post_committee_add, "plan.committee.add", add_committee)
PLAN_FORM(post_committee_edit, "plan.committee.edit", edit_committee)
PLAN_FORM(post_committee_delete, "plan.committee.delete", delete_committee)

static bool take_member(struct web_ctx *c, struct plan_ctx *pc, const char *prefix,
			struct oi_committee_member *mb, struct form_error *fe)
{
	const char *name =
		plan_take_text(c, fe, plan_msgf(c, "%sname", prefix), "ชื่อ-สกุล", SHORT_MAX, true);
	const char *position = plan_take_text(c, fe, plan_msgf(c, "%sposition", prefix), "ตำแหน่ง",
					      SHORT_MAX, false);
	const char *role = plan_take_text(c, fe, plan_msgf(c, "%srole", prefix), "บทบาท", 16, true);
	int r = -1;

	for (int k = 0; k < 3; k++)
		if (!strcmp(role, role_values[k]))
			r = k;
	if (!fe->message && r < 0) {
		fe->field = plan_msgf(c, "%srole", prefix);
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
	*i = plan_index_param(c->params[1], pc->plan->n_committees);
	*k = *i < 0 ? -1 : plan_index_param(c->params[2], pc->plan->committees[*i].n_members);
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
	long i = plan_item_param(c, 1, pc->plan->n_committees, "ไม่พบคณะทำงานลำดับนี้");

	memset(&scratch, 0, sizeof scratch);
	if (i < 0)
		return NULL;
	if (pc->plan->committees[i].n_members >= 100) {
		web_error(c, 422, "คณะทำงานหนึ่งมีสมาชิกได้ไม่เกิน 100 คน");
		return NULL;
	}
	if (!take_member(c, pc, plan_msgf(c, "c%ld_new_", i + 1), &scratch, &fe)) {
		plan_refuse(c, pc, committees_page, &fe);
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
	if (!take_member(c, pc, plan_msgf(c, "c%ld_m%ld_", i + 1, k + 1), &scratch, &fe)) {
		plan_refuse(c, pc, committees_page, &fe);
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
	plan_remove_at(cm->members, &cm->n_members, (size_t)k, sizeof cm->members[0]);
	return "/plan/committees?saved=1";
}

PLAN_FORM(post_member_add, "plan.member.add", add_member)
PLAN_FORM(post_member_edit, "plan.member.edit", edit_member)
PLAN_FORM(post_member_delete, "plan.member.delete", delete_member)

/* ---- problems ---- */

static const char *add_problem(struct web_ctx *c, struct plan_ctx *pc)
{
	struct form_error fe = {0};
	const char *text = plan_take_text(c, &fe, "problem", "ปัญหาหรืออุปสรรค", TEXT_MAX, true);

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
	long i = plan_item_param(c, 1, pc->plan->n_problems, "ไม่พบปัญหาลำดับนี้");

	if (i < 0)
		return NULL;
	plan_remove_at(pc->plan->problems_th, &pc->plan->n_problems, (size_t)i,
		       sizeof pc->plan->problems_th[0]);
	return "/plan?saved=1#h-problems";
}

PLAN_FORM(post_problem_add, "plan.problem.add", add_problem)
PLAN_FORM(post_problem_delete, "plan.problem.delete", delete_problem)

const struct web_route web_routes_plan_groups[] = {
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
	{0, NULL, 0, NULL, 0},
};
