/*
 * national.c — the NACC's national dashboard: every agency of the current assessment with its
 * populations, IIT/EIT responses against the minimum samples, and a status; counters at the
 * top, a filter form (GET, so a filtered view is a link that can be shared), sortable columns,
 * 50 rows a page, and the filtered list as CSV or XLSX. The list itself (load, filter, sort,
 * page, write files) is export.c's; this file is the HTML around it and the three routes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "html.h"
#include "web.h"

#define NATIONAL_ROLES (WEB_ADMIN | WEB_ASSESSOR | WEB_VIEWER)

/* What every route of the group needs: the filter, the assessment and the list. */
struct national {
	struct agency_filter f;
	struct oi_assessment as;
	bool has_assessment;
	struct agency_list list;
};

/*
 * Parse the filter and load the list of the current assessment. Returns 0 (n->has_assessment
 * false when there is none yet), or -1 when it answered with an error.
 */
static int national_load(struct web_ctx *c, struct national *n)
{
	struct oi_store *st = web_app_store(c->app);
	const struct oi_framework *fw;
	const char *problem;
	struct oi_error err;
	int rc;

	memset(n, 0, sizeof *n);
	if (agency_filter_parse(&c->query, false, &n->f, &problem)) {
		web_error(c, 400, problem);
		return -1;
	}
	rc = oi_store_assessment_current(st, &n->as, &err);
	if (rc < 0) {
		web_error(c, 500, err.message);
		return -1;
	}
	if (rc == 1)
		return 0;
	fw = web_app_framework(c->app, n->as.framework_id, &err);
	if (!fw) {
		web_error(c, 500, err.message);
		return -1;
	}
	if (agency_list_load(&n->list, st, fw, n->as.id, 0, &err)) {
		agency_list_release(&n->list);
		web_error(c, 500, err.message);
		return -1;
	}
	n->has_assessment = true;
	agency_list_select(&n->list, &n->f);
	return 0;
}

/* ---- links that keep the filter ---- */

/* One query parameter, "&amp;"-separated (the link goes into an attribute). */
static void url_param(struct buf *b, bool *first, const char *name, const char *value)
{
	if (!value || !*value)
		return;
	html_raw(b, *first ? "?" : "&amp;");
	*first = false;
	html_raw(b, name);
	html_raw(b, "=");
	html_urlencode(b, value);
}

/*
 * The URL of path with the filter f, but sorted by `sort`/`desc` and at `page` (0: no page
 * parameter), written for an href attribute. Defaults are left out so links stay short.
 */
static void list_url(struct buf *b, const char *path, const struct agency_filter *f,
		     enum agency_sort sort, bool desc, long page)
{
	bool first = true;
	char num[24];

	html_raw(b, path);
	url_param(b, &first, "q", f->q);
	url_param(b, &first, "province", f->province);
	url_param(b, &first, "type", f->type);
	if (f->status >= 0)
		url_param(b, &first, "status", agency_status_name((enum agency_status)f->status));
	if (sort != SORT_CODE)
		url_param(b, &first, "sort", agency_sort_name(sort));
	if (desc)
		url_param(b, &first, "dir", "desc");
	if (page > 1) {
		snprintf(num, sizeof num, "%ld", page);
		url_param(b, &first, "page", num);
	}
}

/* A count with thousands separators: 8,317; "–" for none (negative). */
static void put_count(struct buf *b, long v)
{
	if (v < 0)
		html_raw(b, "–");
	else
		page_int(b, v);
}

/* ---- the page ---- */

static const char *status_class(enum agency_status s)
{
	switch (s) {
	case AGENCY_REACHED: return "ok";
	case AGENCY_COLLECTING: return "warn";
	default: return "bad";
	}
}

static void counters(struct web_ctx *c, const struct national *n)
{
	struct buf *b = &c->res->body;
	struct agency_filter f = n->f;
	static const enum agency_status order[] = {AGENCY_REACHED, AGENCY_COLLECTING,
						   AGENCY_MISSING};

	html_raw(b, "<section aria-labelledby=\"summary-h\"><h2 id=\"summary-h\">สรุป</h2>"
		    "<div class=\"cards counters\" role=\"list\"><div class=\"card\" role=\"listitem\">"
		    "<a href=\"");
	f.status = -1;
	list_url(b, "/national", &f, n->f.sort, n->f.desc, 0);
	html_raw(b, "\"><strong class=\"counter\">");
	put_count(b, (long)n->list.n_unfiltered);
	html_raw(b, "</strong> หน่วยงาน</a></div>");
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		f.status = (int)order[i];
		html_raw(b, "<div class=\"card\" role=\"listitem\"><a href=\"");
		list_url(b, "/national", &f, n->f.sort, n->f.desc, 0);
		html_raw(b, "\"><strong class=\"counter ");
		html_raw(b, status_class(order[i]));
		html_raw(b, "\">");
		put_count(b, (long)n->list.by_status[order[i]]);
		html_raw(b, "</strong> ");
		html_text(b, agency_status_th(order[i]));
		html_raw(b, "</a></div>");
	}
	html_raw(b, "</div></section>");
}

static int text_ptr_cmp(const void *a, const void *b)
{
	return agency_text_cmp(*(const char *const *)a, *(const char *const *)b);
}

static int str_ptr_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* <option>s of the distinct non-empty values of a field (province or type) in Thai order,
 * after an "any" option. */
static void distinct_options(struct web_ctx *c, const struct agency_list *l, bool province,
			     const char *any_th, const char *selected)
{
	struct buf *b = &c->res->body;
	const char **v = xcalloc(l->n_rows ? l->n_rows : 1, sizeof *v);
	size_t n = 0;

	for (size_t i = 0; i < l->n_rows; i++) {
		const char *s = province ? l->rows[i].p->agency.province : l->rows[i].p->agency.type;

		if (*s)
			v[n++] = s;
	}
	/* thousands of rows, a hundred values: drop repeats cheaply, then sort the few in Thai */
	qsort(v, n, sizeof *v, str_ptr_cmp);
	for (size_t i = 0, k = 0; i < n; i++) {
		if (!k || strcmp(v[i], v[k - 1]))
			v[k++] = v[i];
		if (i == n - 1)
			n = k;
	}
	qsort(v, n, sizeof *v, text_ptr_cmp);
	html_raw(b, "<option value=\"\">");
	html_text(b, any_th);
	html_raw(b, "</option>");
	for (size_t i = 0; i < n; i++) {
		html_raw(b, "<option value=\"");
		html_attr(b, v[i]);
		html_raw(b, selected && !strcmp(selected, v[i]) ? "\" selected>" : "\">");
		html_text(b, v[i]);
		html_raw(b, "</option>");
	}
	free(v);
}

static void filter_form(struct web_ctx *c, const struct national *n)
{
	struct buf *b = &c->res->body;
	const struct agency_filter *f = &n->f;

	html_raw(b, "<form method=\"get\" action=\"/national\" role=\"search\" class=\"filters "
		    "no-print\"><fieldset><legend>ค้นหาและกรองหน่วยงาน</legend>"
		    "<label for=\"f-q\">รหัสหรือชื่อหน่วยงาน</label>"
		    "<input type=\"text\" id=\"f-q\" name=\"q\" maxlength=\"200\" value=\"");
	html_attr(b, f->q);
	html_raw(b, "\"><label for=\"f-province\">จังหวัด</label>"
		    "<select id=\"f-province\" name=\"province\">");
	distinct_options(c, &n->list, true, "ทุกจังหวัด", f->province);
	html_raw(b, "</select><label for=\"f-type\">ประเภทหน่วยงาน</label>"
		    "<select id=\"f-type\" name=\"type\">");
	distinct_options(c, &n->list, false, "ทุกประเภท", f->type);
	html_raw(b, "</select><label for=\"f-status\">สถานะ</label>"
		    "<select id=\"f-status\" name=\"status\"><option value=\"\">ทุกสถานะ</option>");
	for (int s = 0; s < AGENCY_STATUS__MAX; s++) {
		html_raw(b, "<option value=\"");
		html_raw(b, agency_status_name((enum agency_status)s));
		html_raw(b, f->status == s ? "\" selected>" : "\">");
		html_text(b, agency_status_th((enum agency_status)s));
		html_raw(b, "</option>");
	}
	html_raw(b, "</select>");
	if (f->sort != SORT_CODE) {
		html_raw(b, "<input type=\"hidden\" name=\"sort\" value=\"");
		html_raw(b, agency_sort_name(f->sort));
		html_raw(b, "\">");
	}
	if (f->desc)
		html_raw(b, "<input type=\"hidden\" name=\"dir\" value=\"desc\">");
	html_raw(b, "<p><button type=\"submit\">แสดงรายการ</button> "
		    "<a class=\"button secondary\" href=\"/national\">ล้างตัวกรอง</a></p>"
		    "</fieldset></form>");
}

/* A column header; sortable when key >= 0 (a link that sorts by it, toggling the direction
 * when it is the current key, with aria-sort on the current one). */
static void column_header(struct web_ctx *c, const struct agency_filter *f, int key,
			  const char *label_th, bool numeric)
{
	struct buf *b = &c->res->body;
	bool current = key >= 0 && (int)f->sort == key;

	html_raw(b, numeric ? "<th scope=\"col\" class=\"num\"" : "<th scope=\"col\"");
	if (current)
		html_raw(b, f->desc ? " aria-sort=\"descending\"" : " aria-sort=\"ascending\"");
	html_raw(b, ">");
	if (key < 0) {
		html_text(b, label_th);
		html_raw(b, "</th>");
		return;
	}
	html_raw(b, "<a href=\"");
	list_url(b, "/national", f, (enum agency_sort)key, current && !f->desc, 0);
	html_raw(b, "\">");
	html_text(b, label_th);
	if (current)
		html_raw(b, f->desc ? "<span aria-hidden=\"true\"> ▼</span>"
				    : "<span aria-hidden=\"true\"> ▲</span>");
	html_raw(b, "</a></th>");
}

/* "12 / 30" (responses / minimum), the minimum "–" when the population is missing. */
static void responses_cell(struct buf *b, long responses, long minimum)
{
	html_raw(b, "<td class=\"num\">");
	put_count(b, responses);
	html_raw(b, " / ");
	put_count(b, minimum);
	html_raw(b, "</td>");
}

static void table(struct web_ctx *c, const struct national *n, size_t first, size_t end)
{
	struct buf *b = &c->res->body;
	const struct agency_filter *f = &n->f;

	html_raw(b, "<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"list-caption\" "
		    "tabindex=\"0\"><table class=\"agencies\"><caption id=\"list-caption\">"
		    "ความคืบหน้าการเก็บแบบสำรวจ IIT และ EIT รายหน่วยงาน (ตอบแล้ว / ขั้นต่ำ)"
		    "</caption><thead><tr>");
	column_header(c, f, SORT_CODE, "รหัส", false);
	column_header(c, f, SORT_NAME, "ชื่อหน่วยงาน", false);
	column_header(c, f, SORT_PROVINCE, "จังหวัด", false);
	column_header(c, f, -1, "ประเภท", false);
	column_header(c, f, SORT_IIT, "IIT", true);
	column_header(c, f, SORT_EIT, "EIT", true);
	column_header(c, f, SORT_STATUS, "สถานะ", false);
	html_raw(b, "</tr></thead><tbody>");
	for (size_t i = first; i < end; i++) {
		const struct agency_row *r = n->list.match[i];
		const struct oi_agency *a = &r->p->agency;

		html_raw(b, "<tr><td><a href=\"/agency/");
		html_urlencode(b, a->code);
		html_raw(b, "\">");
		html_text(b, a->code);
		html_raw(b, "</a></td><td>");
		html_text(b, a->name);
		html_raw(b, "</td><td>");
		html_text(b, a->province);
		html_raw(b, "</td><td>");
		html_text(b, a->type);
		html_raw(b, "</td>");
		responses_cell(b, r->p->iit_responses, r->iit_min);
		responses_cell(b, r->p->eit_responses, r->eit_min);
		html_raw(b, "<td class=\"");
		html_raw(b, status_class(r->status));
		html_raw(b, "\">");
		html_text(b, agency_status_th(r->status));
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "</tbody></table></div>");
}

static void page_link(struct web_ctx *c, const struct agency_filter *f, long page,
		      long current, const char *label_th)
{
	struct buf *b = &c->res->body;

	html_raw(b, "<li>");
	if (page == current) {
		html_raw(b, "<a aria-current=\"page\" href=\"");
		list_url(b, "/national", f, f->sort, f->desc, page);
		html_fmt(b, "\"><strong>%ld</strong></a></li>", page);
		return;
	}
	html_raw(b, "<a href=\"");
	list_url(b, "/national", f, f->sort, f->desc, page);
	html_raw(b, "\">");
	if (label_th)
		html_text(b, label_th);
	else
		html_fmt(b, "%ld", page);
	html_raw(b, "</a></li>");
}

/* Previous, the first, the last and two either side of the current page, next. */
static void pagination(struct web_ctx *c, const struct agency_filter *f, long page, long pages)
{
	struct buf *b = &c->res->body;
	long last_shown = 0;

	if (pages <= 1)
		return;
	html_raw(b, "<nav aria-label=\"เลขหน้า\" class=\"pagination\"><ul class=\"menu\">");
	if (page > 1)
		page_link(c, f, page - 1, 0, "‹ ก่อนหน้า");
	for (long p = 1; p <= pages; p++) {
		if (p != 1 && p != pages && (p < page - 2 || p > page + 2))
			continue;
		if (last_shown && p > last_shown + 1)
			html_raw(b, "<li aria-hidden=\"true\">…</li>");
		page_link(c, f, p, page, NULL);
		last_shown = p;
	}
	if (page < pages)
		page_link(c, f, page + 1, 0, "ถัดไป ›");
	html_raw(b, "</ul></nav>");
}

static void get_national(struct web_ctx *c)
{
	struct buf *b = &c->res->body;
	struct national n;
	size_t first, end;
	long pages, page;

	if (national_load(c, &n))
		return;
	page_begin(c, "ภาพรวมทุกหน่วยงาน");
	if (!n.has_assessment) {
		html_raw(b, "<h1>ภาพรวมทุกหน่วยงาน</h1><p class=\"notice\">ยังไม่มีปีการประเมิน "
			    "ผู้ดูแลระบบเปิดปีการประเมินได้ที่หน้า “ปีการประเมิน”</p>");
		page_end(c);
		return;
	}
	pages = (long)agency_list_pages(&n.list, AGENCY_PER_PAGE);
	page = n.f.page < pages ? n.f.page : pages;   /* beyond the last: the last */
	agency_list_page(&n.list, page, AGENCY_PER_PAGE, &first, &end);

	html_fmt(b, "<h1>ภาพรวมทุกหน่วยงาน ปีงบประมาณ %d</h1><p>กรอบการประเมิน ",
		 n.as.fiscal_year);
	html_text(b, n.as.framework_id);
	html_raw(b, " · รับแบบสำรวจ IIT และ EIT ");
	page_dates_th(b, n.as.survey_open, n.as.survey_close);
	html_raw(b, "</p>");
	counters(c, &n);
	filter_form(c, &n);

	html_raw(b, "<h2 id=\"list-h\">รายการหน่วยงาน</h2><p role=\"status\">");
	if (n.list.n_match) {
		html_raw(b, "แสดงลำดับที่ ");
		put_count(b, (long)first + 1);
		html_raw(b, "–");
		put_count(b, (long)end);
		html_raw(b, " จาก ");
	} else {
		html_raw(b, "ไม่พบหน่วยงานตามเงื่อนไข: ");
	}
	put_count(b, (long)n.list.n_match);
	html_raw(b, " หน่วยงาน");
	if (n.list.n_match != n.list.n_rows) {
		html_raw(b, " (ทั้งหมด ");
		put_count(b, (long)n.list.n_rows);
		html_raw(b, " หน่วยงาน)");
	}
	html_fmt(b, " · หน้า %ld จาก %ld</p><p class=\"no-print\">ดาวน์โหลดรายการนี้ "
		    "(ตามตัวกรองและการเรียง): <a href=\"", page, pages);
	list_url(b, "/national/export.csv", &n.f, n.f.sort, n.f.desc, 0);
	html_raw(b, "\" download>CSV</a> · <a href=\"");
	list_url(b, "/national/export.xlsx", &n.f, n.f.sort, n.f.desc, 0);
	html_raw(b, "\" download>Excel (XLSX)</a></p>");
	if (n.list.n_match)
		table(c, &n, first, end);
	pagination(c, &n.f, page, pages);
	page_end(c);
	agency_list_release(&n.list);
}

/* ---- exports ---- */

static void export_file(struct web_ctx *c, bool xlsx)
{
	struct national n;
	struct buf out;
	struct oi_error err;
	char filename[64];
	int rc;

	if (national_load(c, &n))
		return;
	if (!n.has_assessment) {
		web_error(c, 404, "ยังไม่มีปีการประเมิน จึงยังไม่มีรายการหน่วยงานให้ดาวน์โหลด");
		return;
	}
	snprintf(filename, sizeof filename, "openita-%d-agencies.%s", n.as.fiscal_year,
		 xlsx ? "xlsx" : "csv");
	buf_init(&out, WEB_MAX_RESPONSE);
	if (xlsx) {
		rc = export_xlsx(&n.list, &out, &err);
	} else {
		rc = export_csv(&n.list, &out);
		if (rc)
			snprintf(err.message, sizeof err.message, "the CSV is too large");
	}
	agency_list_release(&n.list);
	if (rc) {
		buf_release(&out);
		web_error(c, 500, "สร้างไฟล์ไม่สำเร็จ กรุณาลองใหม่หรือกรองรายการให้น้อยลง");
		return;
	}
	web_bytes(c,
		  xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		       : "text/csv; charset=utf-8",
		  out.data ? out.data : "", out.len, filename);
	buf_release(&out);
}

static void get_export_csv(struct web_ctx *c)
{
	export_file(c, false);
}

static void get_export_xlsx(struct web_ctx *c)
{
	export_file(c, true);
}

const struct web_route web_routes_national[] = {
	{WEB_GET, "/national", NATIONAL_ROLES, get_national, 0},
	{WEB_GET, "/national/export.csv", NATIONAL_ROLES, get_export_csv, 0},
	{WEB_GET, "/national/export.xlsx", NATIONAL_ROLES, get_export_xlsx, 0},
	{0, NULL, 0, NULL, 0},
};
