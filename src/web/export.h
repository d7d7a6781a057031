/*
 * export.h — the national list of agencies and its file exports.
 *
 * The national dashboard (national.c), its CSV and XLSX exports, and the JSON API's agency list
 * (api.c) all show the same thing: every participation of an assessment with its populations,
 * response counts, minimum samples and a status, filtered, sorted and paged. This module does
 * that once, in C over the store's progress rows (no SQL per filter), and writes the selected
 * rows as CSV (UTF-8 with a byte-order mark so Excel shows Thai; RFC 4180 quoting) or XLSX
 * (libxlsxwriter).
 *
 * Statuses: "missing" — a population (staff or service users) is not entered, so no minimum is
 * known; "reached" — both the IIT and the EIT have at least their minimum of responses;
 * "collecting" — everything else.
 *
 * Sorting: codes compare bytewise; names and provinces compare in Thai dictionary order at the
 * first level (a leading vowel เ แ โ ใ ไ sorts after the consonant it precedes; tone marks are
 * ignored unless everything else is equal); iit and eit sort by the share of the minimum
 * collected (agencies with no minimum first), then by responses; status sorts missing,
 * collecting, reached. Ties always fall back to the agency code, so the order is total.
 */
#ifndef OPENITA_WEB_EXPORT_H
#define OPENITA_WEB_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "form.h"
#include "openita/error.h"
#include "openita/framework.h"
#include "openita/store.h"

#define AGENCY_PER_PAGE 50          /* rows per page of the dashboard; the API's default */
#define AGENCY_PER_PAGE_MAX 500     /* the API's per_page cap */
#define AGENCY_PAGE_MAX 1000000     /* a page number beyond this is refused */
#define AGENCY_SEARCH_MAX 200       /* bytes of the text search q */

enum agency_status { AGENCY_MISSING = 0, AGENCY_COLLECTING, AGENCY_REACHED, AGENCY_STATUS__MAX };

/* "missing", "collecting", "reached" (the values of the status filter and of the API). */
const char *agency_status_name(enum agency_status s);
/* The status in Thai, as the dashboard and the exports show it. */
const char *agency_status_th(enum agency_status s);
/* The status named s, or -1 when s names none. */
int agency_status_parse(const char *s);

enum agency_sort { SORT_CODE = 0, SORT_NAME, SORT_PROVINCE, SORT_IIT, SORT_EIT, SORT_STATUS,
		   SORT__MAX };

/* "code", "name", "province", "iit", "eit", "status"; and back (-1 when unknown). */
const char *agency_sort_name(enum agency_sort s);
int agency_sort_parse(const char *s);

/* One agency of the list: its progress row with what follows from it. */
struct agency_row {
	const struct oi_agency_progress *p;
	long iit_min, eit_min;         /* minimum samples; -1 when the population is not entered */
	enum agency_status status;
};

/* What to select. Strings point into the request (NULL or "" mean "any"). */
struct agency_filter {
	const char *province;          /* exact match */
	const char *type;              /* exact match */
	const char *q;                 /* case-insensitive (ASCII) substring of code or name */
	int status;                    /* an enum agency_status, or -1 for any */
	enum agency_sort sort;
	bool desc;
	long page;                     /* 1-based */
	long per_page;
};

/*
 * Read a filter from a query string's fields: province, type, status, q, sort, dir (asc|desc),
 * page and — when with_per_page — per_page (1..AGENCY_PER_PAGE_MAX); without it per_page is
 * AGENCY_PER_PAGE. Absent or empty fields take their defaults (sort=code, dir=asc, page=1).
 * Returns 0, or -1 with *problem_th set to a Thai message naming the field and what it must be.
 */
int agency_filter_parse(const struct form *query, bool with_per_page, struct agency_filter *f,
			const char **problem_th);

struct agency_list {
	struct oi_agency_progress *progress;  /* every participation of the assessment (malloc'd) */
	struct agency_row *rows;       /* one per progress row, by code */
	size_t n_rows;
	struct agency_row **match;     /* agency_list_select(): the rows that pass, in order */
	size_t n_match;
	/* agency_list_select(): by status, the rows that pass every filter but the status one,
	 * so the counters stay meaningful while a status filter is on */
	size_t by_status[AGENCY_STATUS__MAX];
	size_t n_unfiltered;           /* rows passing every filter but the status one */
};

/*
 * Load every participation of assessment_id from the store, with minimum samples from fw's
 * sampling rules (instruments "IIT" and "EIT"; an instrument the framework lacks needs 0).
 * agency_id > 0 restricts it to that agency. Nothing is selected yet (n_match 0). The caller
 * releases l with agency_list_release() — also after a failure.
 */
int agency_list_load(struct agency_list *l, struct oi_store *st, const struct oi_framework *fw,
		     long assessment_id, long agency_id, struct oi_error *err);

/* Select (filter and sort) the rows under f; paging is the caller's, with agency_list_page(). */
void agency_list_select(struct agency_list *l, const struct agency_filter *f);

/* The number of pages of the selection at per_page rows (at least 1), and the range of page
 * `page` (1-based, not clamped): [*first, *end) into l->match, empty beyond the last page. */
size_t agency_list_pages(const struct agency_list *l, long per_page);
void agency_list_page(const struct agency_list *l, long page, long per_page, size_t *first,
		      size_t *end);

void agency_list_release(struct agency_list *l);

/* The minimum sample of a population under instrument `instrument` of fw (progress_minimum):
 * -1 when the population is not entered (negative); 0 when the instrument is out of range or
 * has no sampling rule. */
long agency_minimum(const struct oi_framework *fw, long instrument, long population);

/* Compare two texts in the Thai dictionary order described above (then bytewise). */
int agency_text_cmp(const char *a, const char *b);

/*
 * Append the selection (l->match, every row) to out as CSV: UTF-8 byte-order mark, a Thai header
 * row, CRLF line ends, fields quoted when they hold a comma, quote, CR or LF (quotes doubled).
 * A text cell that starts with = + - @ gets a leading apostrophe so a spreadsheet does not run
 * it as a formula. Returns 0, or -1 when out reached its cap.
 */
int export_csv(const struct agency_list *l, struct buf *out);

/*
 * Append the selection as an XLSX workbook (one sheet "หน่วยงาน", bold frozen header row,
 * column widths, an autofilter, counts as numbers, a population not entered as an empty cell)
 * to out. libxlsxwriter writes to a file, so the workbook is made in a private temporary folder
 * (under $TMPDIR or /tmp) that is removed before returning. Returns 0, or -1 with err filled.
 */
int export_xlsx(const struct agency_list *l, struct buf *out, struct oi_error *err);

#endif
