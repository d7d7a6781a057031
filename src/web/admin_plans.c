/*
 * admin_plans.c — /admin/plans, the national view of the plans for admins: every agency's
 * measures plan of the current assessment's fiscal year, with its result entered or not, its
 * measures, how many were reported and how many are overdue or missing a report (the store's
 * plan overview), 50 agencies a page with a filter (pager.h).
 *
 * Who: admins only.
 */
#include <stdlib.h>

#include "html.h"
#include "openita/date.h"
#include "pager.h"
#include "plan.h"

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

const struct web_route web_routes_admin_plans[] = {
	{WEB_GET, "/admin/plans", WEB_ADMIN, get_admin_plans, 0},
	{0, NULL, 0, NULL, 0},
};
