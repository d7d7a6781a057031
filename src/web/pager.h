/*
 * pager.h — paging and a text filter for the admin's lists of agencies (/admin/plans,
 * /admin/oit, /review, /evidence): 50 agencies a page under ?page=N, an optional ?q= that keeps
 * the agencies whose code or name contains it, the "หน่วยงาน X–Y จาก N" line, the GET form of
 * the filter and the links to the previous, first, last and next pages, worded as the national
 * dashboard's (national.c). The caller loads the list of agencies (one query), keeps those that
 * pager_match() accepts, calls pager_set_total() and loads what each row needs only for
 * [first, end): so a page costs per-agency queries for its 50 rows, not for 8,300.
 *
 * A page number that is not a whole number within 1..1000000 is refused (400, the dashboard's
 * message); a page beyond the last shows the last, as the dashboard does.
 */
#ifndef OPENITA_WEB_PAGER_H
#define OPENITA_WEB_PAGER_H

#include <stdbool.h>
#include <stddef.h>

#include "export.h"
#include "web.h"

struct pager {
	const char *path;              /* the page's path, e.g. "/admin/plans" (a literal) */
	char q[AGENCY_SEARCH_MAX + 1]; /* the filter, trimmed of spaces; "" for none */
	long page;                     /* 1-based, clamped by pager_set_total() */
	long pages;                    /* at least 1 */
	size_t total;                  /* agencies that pass the filter */
	size_t first, end;             /* the page's range [first, end) of those agencies */
};

/*
 * Read ?page= and ?q= of the request for the list at path (a string that outlives pg).
 * Returns 0, or -1 after answering 400 with a Thai message (bad page, q too long).
 */
int pager_parse(struct web_ctx *c, const char *path, struct pager *pg);

/* True when the agency passes the filter: no filter, or q within its code or its name
 * (ASCII letters without regard to case). */
bool pager_match(const struct pager *pg, const char *code, const char *name);

/* Set the number of agencies that passed the filter: computes the pages, clamps the page to
 * the last and sets [first, end). */
void pager_set_total(struct pager *pg, size_t total);

struct oi_agency;

/* The agencies of list[0..n) that pass pg's filter (code or name), in order, as a malloc'd
 * array of pointers into list (the caller frees it; never NULL); sets pg's total to their
 * number. */
const struct oi_agency **pager_filter_agencies(struct pager *pg, const struct oi_agency *list,
					       size_t n);

/* The GET form of the filter (a labelled text input for code or name, a submit button and,
 * while a filter is on, a link that clears it), into the response body. */
void pager_form(struct web_ctx *c, const struct pager *pg);

/* <p role="status">หน่วยงาน X–Y จาก N</p> ("ไม่พบหน่วยงาน…" when none passed the filter). */
void pager_status(struct web_ctx *c, const struct pager *pg);

/* The navigation between pages (nothing when there is a single page): previous, the first,
 * the last and two either side of the current one, next; every link keeps the filter. */
void pager_links(struct web_ctx *c, const struct pager *pg);

#endif
