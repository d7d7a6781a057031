/*
 * pager.c — the shared paging of the admin's lists of agencies (pager.h): the page and filter
 * from the query string, the page arithmetic, the filter form, the "X–Y จาก N" line and the
 * links between pages, written as national.c writes its own.
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "html.h"
#include "openita/store.h"
#include "pager.h"

int pager_parse(struct web_ctx *c, const char *path, struct pager *pg)
{
	struct agency_filter f;
	const char *problem, *s, *e;
	size_t len;

	memset(pg, 0, sizeof *pg);
	pg->path = path;
	pg->page = 1;
	pg->pages = 1;
	/* the dashboard's parser, for its checks and messages of page and q */
	if (agency_filter_parse(&c->query, false, &f, &problem)) {
		web_error(c, 400, problem);
		return -1;
	}
	pg->page = f.page;
	if (f.q) {     /* trimmed of spaces: people paste names with them */
		s = f.q;
		while (*s == ' ' || *s == '\t')
			s++;
		e = s + strlen(s);
		while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		len = (size_t)(e - s) < sizeof pg->q - 1 ? (size_t)(e - s) : sizeof pg->q - 1;
		memcpy(pg->q, s, len);
		pg->q[len] = '\0';
	}
	return 0;
}

bool pager_match(const struct pager *pg, const char *code, const char *name)
{
	if (!pg->q[0])
		return true;
	return (code && strcasestr(code, pg->q)) || (name && strcasestr(name, pg->q));
}

void pager_set_total(struct pager *pg, size_t total)
{
	size_t pages = (total + AGENCY_PER_PAGE - 1) / AGENCY_PER_PAGE;

	pg->total = total;
	pg->pages = pages ? (long)pages : 1;
	if (pg->page > pg->pages)     /* beyond the last: the last */
		pg->page = pg->pages;
	if (pg->page < 1)
		pg->page = 1;
	pg->first = (size_t)(pg->page - 1) * AGENCY_PER_PAGE;
	pg->end = pg->first + AGENCY_PER_PAGE < total ? pg->first + AGENCY_PER_PAGE : total;
	if (pg->first > total)
		pg->first = total;
}

/* The list's URL at page (1: no page parameter) with the filter, for an href attribute. */
static void pager_url(struct buf *b, const struct pager *pg, long page)
{
	bool first = true;

	html_raw(b, pg->path);
	if (pg->q[0]) {
		html_raw(b, "?q=");
		html_urlencode(b, pg->q);
		first = false;
	}
	if (page > 1)
		html_fmt(b, "%spage=%ld", first ? "?" : "&amp;", page);
}

void pager_form(struct web_ctx *c, const struct pager *pg)
{
	struct buf *b = &c->res->body;

	html_raw(b, "<form method=\"get\" action=\"");
	html_attr(b, pg->path);
	html_raw(b, "\" role=\"search\" class=\"filters no-print\"><div><label for=\"f-q\">"
		    "ค้นหาหน่วยงาน (รหัสหรือชื่อ)</label><input type=\"search\" id=\"f-q\" "
		    "name=\"q\" maxlength=\"200\" value=\"");
	html_attr(b, pg->q);
	html_raw(b, "\"></div><p><button type=\"submit\">ค้นหา</button>");
	if (pg->q[0]) {
		html_raw(b, " <a class=\"button secondary\" href=\"");
		html_attr(b, pg->path);
		html_raw(b, "\">ล้างตัวกรอง</a>");
	}
	html_raw(b, "</p></form>");
}

void pager_status(struct web_ctx *c, const struct pager *pg)
{
	struct buf *b = &c->res->body;

	html_raw(b, "<p role=\"status\" class=\"pager-status\">");
	if (!pg->total) {
		html_raw(b, pg->q[0] ? "ไม่พบหน่วยงานตามคำค้น" : "ยังไม่มีหน่วยงาน");
		html_raw(b, "</p>");
		return;
	}
	html_raw(b, "หน่วยงาน ");
	page_int(b, (long)pg->first + 1);
	html_raw(b, "–");
	page_int(b, (long)pg->end);
	html_raw(b, " จาก ");
	page_int(b, (long)pg->total);
	if (pg->pages > 1)
		html_fmt(b, " · หน้า %ld จาก %ld", pg->page, pg->pages);
	html_raw(b, "</p>");
}

static void page_link(struct buf *b, const struct pager *pg, long page, bool current,
		      const char *label_th)
{
	html_raw(b, "<li><a ");
	if (current)
		html_raw(b, "aria-current=\"page\" ");
	html_raw(b, "href=\"");
	pager_url(b, pg, page);
	html_raw(b, "\">");
	if (current)
		html_fmt(b, "<strong>%ld</strong>", page);
	else if (label_th)
		html_text(b, label_th);
	else
		html_fmt(b, "%ld", page);
	html_raw(b, "</a></li>");
}

void pager_links(struct web_ctx *c, const struct pager *pg)
{
	struct buf *b = &c->res->body;
	long last_shown = 0;

	if (pg->pages <= 1)
		return;
	html_raw(b, "<nav aria-label=\"เลขหน้า\" class=\"pagination\"><ul class=\"menu\">");
	if (pg->page > 1)
		page_link(b, pg, pg->page - 1, false, "‹ ก่อนหน้า");
	for (long p = 1; p <= pg->pages; p++) {
		if (p != 1 && p != pg->pages && (p < pg->page - 2 || p > pg->page + 2))
			continue;
		if (last_shown && p > last_shown + 1)
			html_raw(b, "<li aria-hidden=\"true\">…</li>");
		page_link(b, pg, p, p == pg->page, NULL);
		last_shown = p;
	}
	if (pg->page < pg->pages)
		page_link(b, pg, pg->page + 1, false, "ถัดไป ›");
	html_raw(b, "</ul></nav>");
}

const struct oi_agency **pager_filter_agencies(struct pager *pg, const struct oi_agency *list,
					       size_t n)
{
	const struct oi_agency **shown = xcalloc(n ? n : 1, sizeof *shown);
	size_t m = 0;

	for (size_t i = 0; i < n; i++)
		if (pager_match(pg, list[i].code, list[i].name))
			shown[m++] = &list[i];
	pager_set_total(pg, m);
	return shown;
}
