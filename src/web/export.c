/*
 * export.c — the national list of agencies (load, filter, sort, page) and its CSV and XLSX
 * writers; see export.h for the rules. Everything works over the store's progress rows in
 * memory: 8,300 agencies are a few megabytes and a sort of a few milliseconds, cheaper and
 * simpler than one SQL query per combination of filters.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "arena.h"
#include "export.h"
#include "progress.h"

/* ---- statuses and sort keys ---- */

static const char *const status_names[AGENCY_STATUS__MAX] = {"missing", "collecting", "reached"};
static const char *const status_th[AGENCY_STATUS__MAX] = {
	"ยังไม่กรอกจำนวนประชากร", "กำลังเก็บข้อมูล", "ครบขั้นต่ำ IIT และ EIT"};
static const char *const sort_names[SORT__MAX] = {"code", "name", "province", "iit", "eit",
						  "status"};

/* names[i] of a table of n, or "" when i is out of range. */
static const char *name_at(const char *const *names, int n, int i)
{
	return (unsigned)i < (unsigned)n ? names[i] : "";
}

/* The index of s in a table of n names, or -1 (also for NULL). */
static int name_index(const char *const *names, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (!strcmp(s, names[i]))
			return i;
	return -1;
}

const char *agency_status_name(enum agency_status s)
{
	return name_at(status_names, AGENCY_STATUS__MAX, (int)s);
}

const char *agency_status_th(enum agency_status s)
{
	return name_at(status_th, AGENCY_STATUS__MAX, (int)s);
}

int agency_status_parse(const char *s)
{
	return name_index(status_names, AGENCY_STATUS__MAX, s);
}

const char *agency_sort_name(enum agency_sort s)
{
	return name_at(sort_names, SORT__MAX, (int)s);
}

int agency_sort_parse(const char *s)
{
	return name_index(sort_names, SORT__MAX, s);
}

/* ---- the filter from a query string ---- */

/* A whole number of decimal digits only (no sign, no spaces) within 1..max; -1 otherwise. */
static long parse_count(const char *s, long max)
{
	char *end;
	long v;

	if (!s || *s < '0' || *s > '9' || strlen(s) > 9)
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < 1 || v > max)
		return -1;
	return v;
}

int agency_filter_parse(const struct form *query, bool with_per_page, struct agency_filter *f,
			const char **problem_th)
{
	const char *v;

	memset(f, 0, sizeof *f);
	f->status = -1;
	f->sort = SORT_CODE;
	f->page = 1;
	f->per_page = AGENCY_PER_PAGE;

	f->province = form_get(query, "province", NULL);
	f->type = form_get(query, "type", NULL);
	f->q = form_get(query, "q", NULL);
	if (f->province && strlen(f->province) >= OI_NAME_MAX) {
		*problem_th = "ชื่อจังหวัด (province) ยาวเกินกำหนด";
		return -1;
	}
	if (f->type && strlen(f->type) >= OI_NAME_MAX) {
		*problem_th = "ประเภทหน่วยงาน (type) ยาวเกินกำหนด";
		return -1;
	}
	if (f->q && strlen(f->q) > AGENCY_SEARCH_MAX) {
		*problem_th = "คำค้น (q) ยาวเกิน 200 ไบต์";
		return -1;
	}
	v = form_get(query, "status", NULL);
	if (v && *v && (f->status = agency_status_parse(v)) < 0) {
		*problem_th = "สถานะ (status) ต้องเป็น missing, collecting หรือ reached";
		return -1;
	}
	v = form_get(query, "sort", NULL);
	if (v && *v) {
		int s = agency_sort_parse(v);

		if (s < 0) {
			*problem_th = "การเรียง (sort) ต้องเป็น code, name, province, iit, eit "
				      "หรือ status";
			return -1;
		}
		f->sort = (enum agency_sort)s;
	}
	v = form_get(query, "dir", NULL);
	if (v && *v) {
		if (strcmp(v, "asc") && strcmp(v, "desc")) {
			*problem_th = "ทิศทางการเรียง (dir) ต้องเป็น asc หรือ desc";
			return -1;
		}
		f->desc = !strcmp(v, "desc");
	}
	v = form_get(query, "page", NULL);
	if (v && *v && (f->page = parse_count(v, AGENCY_PAGE_MAX)) < 0) {
		*problem_th = "หมายเลขหน้า (page) ต้องเป็นจำนวนเต็มตั้งแต่ 1 ถึง 1000000";
		return -1;
	}
	v = with_per_page ? form_get(query, "per_page", NULL) : NULL;
	if (v && *v && (f->per_page = parse_count(v, AGENCY_PER_PAGE_MAX)) < 0) {
		*problem_th = "จำนวนต่อหน้า (per_page) ต้องเป็นจำนวนเต็มตั้งแต่ 1 ถึง 500";
		return -1;
	}
	return 0;
}

/* ---- Thai dictionary order (first level) ---- */

/* The code point at *s, advancing past it; 0 at the end. A malformed byte stands for itself. */
static uint32_t next_code_point(const unsigned char **s)
{
	const unsigned char *p = *s;
	uint32_t cp;
	int more;

	if (!*p)
		return 0;
	if (*p < 0x80) {
		*s = p + 1;
		return *p;
	}
	if ((*p & 0xE0) == 0xC0) {
		cp = *p & 0x1F;
		more = 1;
	} else if ((*p & 0xF0) == 0xE0) {
		cp = *p & 0x0F;
		more = 2;
	} else if ((*p & 0xF8) == 0xF0) {
		cp = *p & 0x07;
		more = 3;
	} else {
		*s = p + 1;
		return *p;
	}
	for (int i = 1; i <= more; i++) {
		if ((p[i] & 0xC0) != 0x80) {   /* also stops at the NUL */
			*s = p + 1;
			return *p;
		}
		cp = cp << 6 | (p[i] & 0x3F);
	}
	*s = p + 1 + more;
	return cp;
}

static bool thai_consonant(uint32_t cp) { return cp >= 0x0E01 && cp <= 0x0E2E; }
static bool thai_leading_vowel(uint32_t cp) { return cp >= 0x0E40 && cp <= 0x0E44; }
/* Tone marks and signs that Thai dictionaries ignore at the first level. */
static bool thai_tone(uint32_t cp) { return cp >= 0x0E47 && cp <= 0x0E4E; }

struct thai_iter {
	const unsigned char *s;
	uint32_t pending;              /* a leading vowel to give after its consonant */
};

static uint32_t thai_next(struct thai_iter *it)
{
	uint32_t cp;

	if (it->pending) {
		cp = it->pending;
		it->pending = 0;
		return cp;
	}
	for (;;) {
		cp = next_code_point(&it->s);
		if (!cp)
			return 0;
		if (thai_tone(cp))
			continue;
		if (thai_leading_vowel(cp)) {
			const unsigned char *after = it->s;
			uint32_t next = next_code_point(&after);

			if (thai_consonant(next)) {
				it->s = after;
				it->pending = cp;
				return next;
			}
		}
		if (cp >= 'A' && cp <= 'Z')
			cp += 'a' - 'A';
		return cp;
	}
}

int agency_text_cmp(const char *a, const char *b)
{
	struct thai_iter ia = {(const unsigned char *)a, 0}, ib = {(const unsigned char *)b, 0};

	for (;;) {
		uint32_t x = thai_next(&ia), y = thai_next(&ib);

		if (x != y)
			return x < y ? -1 : 1;
		if (!x)
			break;
	}
	return strcmp(a, b);
}

/* Append code point cp as UTF-8 at out; returns the bytes written. */
static size_t put_utf8(char *out, uint32_t cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/*
 * The first-level sort key of s: thai_next's code points written as UTF-8, whose bytewise order
 * is code point order, so strcmp on keys orders as agency_text_cmp's first level does. out
 * holds at least 2 × strlen(s) + 1 bytes (a malformed byte becomes a two-byte character).
 * Returns the bytes used, NUL included.
 */
static size_t text_key(const char *s, char *out)
{
	struct thai_iter it = {(const unsigned char *)s, 0};
	size_t k = 0;
	uint32_t cp;

	while ((cp = thai_next(&it)) != 0)
		k += put_utf8(out + k, cp);
	out[k++] = '\0';
	return k;
}

/* ---- load, select, page ---- */

long agency_minimum(const struct oi_framework *fw, long instrument, long population)
{
	unsigned long m;

	if (population < 0)
		return -1;
	if (instrument < 0 || !progress_minimum(fw, (size_t)instrument, population, &m))
		return 0;
	return (long)m;
}

int agency_list_load(struct agency_list *l, struct oi_store *st, const struct oi_framework *fw,
		     long assessment_id, long agency_id, struct oi_error *err)
{
	long iit = oi_framework_find_instrument(fw, "IIT");
	long eit = oi_framework_find_instrument(fw, "EIT");
	size_t n = 0;

	memset(l, 0, sizeof *l);
	if (oi_store_progress(st, assessment_id, agency_id, &l->progress, &n, err))
		return -1;
	l->rows = xcalloc(n ? n : 1, sizeof *l->rows);
	l->match = xcalloc(n ? n : 1, sizeof *l->match);
	l->n_rows = n;
	for (size_t i = 0; i < n; i++) {
		struct agency_row *r = &l->rows[i];
		const struct oi_agency_progress *p = &l->progress[i];

		r->p = p;
		r->iit_min = agency_minimum(fw, iit, p->part.staff_population);
		r->eit_min = agency_minimum(fw, eit, p->part.service_population);
		if (r->iit_min < 0 || r->eit_min < 0)
			r->status = AGENCY_MISSING;
		else if (p->iit_responses >= r->iit_min && p->eit_responses >= r->eit_min)
			r->status = AGENCY_REACHED;
		else
			r->status = AGENCY_COLLECTING;
	}
	return 0;
}

void agency_list_release(struct agency_list *l)
{
	free(l->progress);
	free(l->rows);
	free(l->match);
	memset(l, 0, sizeof *l);
}

/* The share of the minimum collected: -1 with no minimum known. */
static double share_of(long responses, long minimum)
{
	if (minimum < 0)
		return -1;
	if (minimum == 0)
		return 1;
	return (double)responses / (double)minimum;
}

static int cmp_long(long a, long b)
{
	return a < b ? -1 : a > b;
}

static int cmp_share(long ra, long ma, long rb, long mb)
{
	double a = share_of(ra, ma), b = share_of(rb, mb);

	if (a != b)
		return a < b ? -1 : 1;
	return cmp_long(ra, rb);
}

struct sort_ctx {
	const struct agency_filter *f;
	const struct agency_row *rows;
	const char **keys;             /* by row index: the text sort keys (name or province) */
};

/* Keys first, then the texts bytewise: agency_text_cmp's order without decoding twice. */
static int key_cmp(const struct sort_ctx *s, const struct agency_row *a,
		   const struct agency_row *b, const char *ta, const char *tb)
{
	int c = strcmp(s->keys[a - s->rows], s->keys[b - s->rows]);

	return c ? c : strcmp(ta, tb);
}

static int row_cmp(const void *pa, const void *pb, void *ctx)
{
	const struct agency_row *a = *(const struct agency_row *const *)pa;
	const struct agency_row *b = *(const struct agency_row *const *)pb;
	const struct sort_ctx *s = ctx;
	const struct agency_filter *f = s->f;
	int c = 0;

	switch (f->sort) {
	case SORT_NAME:
		c = key_cmp(s, a, b, a->p->agency.name, b->p->agency.name);
		break;
	case SORT_PROVINCE:
		c = key_cmp(s, a, b, a->p->agency.province, b->p->agency.province);
		break;
	case SORT_IIT:
		c = cmp_share(a->p->iit_responses, a->iit_min, b->p->iit_responses, b->iit_min);
		break;
	case SORT_EIT:
		c = cmp_share(a->p->eit_responses, a->eit_min, b->p->eit_responses, b->eit_min);
		break;
	case SORT_STATUS:
		c = cmp_long(a->status, b->status);
		break;
	case SORT_CODE:
	case SORT__MAX:
		break;
	}
	if (!c)
		c = strcmp(a->p->agency.code, b->p->agency.code);
	return f->desc ? -c : c;
}

/* Sort l->match under f; text keys are made once per row, not once per comparison. */
static void sort_match(struct agency_list *l, const struct agency_filter *f)
{
	struct sort_ctx s = {f, l->rows, NULL};
	char *mem = NULL;

	if (f->sort == SORT_NAME || f->sort == SORT_PROVINCE) {
		size_t total = 0, used = 0;

		for (size_t i = 0; i < l->n_match; i++) {
			const struct oi_agency *a = &l->match[i]->p->agency;

			total += 2 * strlen(f->sort == SORT_NAME ? a->name : a->province) + 1;
		}
		mem = xmalloc(total ? total : 1);
		s.keys = xcalloc(l->n_rows ? l->n_rows : 1, sizeof *s.keys);
		for (size_t i = 0; i < l->n_match; i++) {
			const struct oi_agency *a = &l->match[i]->p->agency;

			s.keys[l->match[i] - l->rows] = mem + used;
			used += text_key(f->sort == SORT_NAME ? a->name : a->province, mem + used);
		}
	}
	qsort_r(l->match, l->n_match, sizeof *l->match, row_cmp, &s);
	free(s.keys);
	free(mem);
}

static bool blank(const char *s)
{
	return !s || !*s;
}

void agency_list_select(struct agency_list *l, const struct agency_filter *f)
{
	char q[AGENCY_SEARCH_MAX + 1] = "";
	size_t qlen = 0;

	if (f->q) {    /* trimmed of spaces: people paste names with them */
		const char *s = f->q, *e;

		while (*s == ' ' || *s == '\t')
			s++;
		e = s + strlen(s);
		while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		qlen = (size_t)(e - s) < sizeof q - 1 ? (size_t)(e - s) : sizeof q - 1;
		memcpy(q, s, qlen);
		q[qlen] = '\0';
	}
	l->n_match = 0;
	l->n_unfiltered = 0;
	memset(l->by_status, 0, sizeof l->by_status);
	for (size_t i = 0; i < l->n_rows; i++) {
		struct agency_row *r = &l->rows[i];
		const struct oi_agency *a = &r->p->agency;

		if (!blank(f->province) && strcmp(a->province, f->province))
			continue;
		if (!blank(f->type) && strcmp(a->type, f->type))
			continue;
		if (qlen && !strcasestr(a->code, q) && !strcasestr(a->name, q))
			continue;
		l->n_unfiltered++;
		l->by_status[r->status]++;
		if (f->status >= 0 && (int)r->status != f->status)
			continue;
		l->match[l->n_match++] = r;
	}
	sort_match(l, f);
}

size_t agency_list_pages(const struct agency_list *l, long per_page)
{
	size_t pp = per_page > 0 ? (size_t)per_page : AGENCY_PER_PAGE;
	size_t pages = (l->n_match + pp - 1) / pp;

	return pages ? pages : 1;
}

void agency_list_page(const struct agency_list *l, long page, long per_page, size_t *first,
		      size_t *end)
{
	size_t pp = per_page > 0 ? (size_t)per_page : AGENCY_PER_PAGE;
	size_t pg = page > 0 ? (size_t)page : 1;

	*first = (pg - 1) * pp;   /* page ≤ AGENCY_PAGE_MAX and pp ≤ 500: no overflow */
	if (*first > l->n_match)
		*first = l->n_match;
	*end = *first + pp < l->n_match ? *first + pp : l->n_match;
}

/* ---- CSV ---- */

enum { N_COLUMNS = 11 };

static const char *const column_th[N_COLUMNS] = {
	"รหัสหน่วยงาน", "ชื่อหน่วยงาน", "ประเภท", "จังหวัด",
	"จำนวนบุคลากร (ประชากร IIT)", "ตอบ IIT", "ขั้นต่ำ IIT",
	"จำนวนผู้รับบริการ (ประชากร EIT)", "ตอบ EIT", "ขั้นต่ำ EIT", "สถานะ"};
/* Column widths in the workbook, in characters. */
static const double column_width[N_COLUMNS] = {12, 48, 24, 18, 16, 10, 10, 18, 10, 10, 24};

/* One cell of an exported row: a text, or (text NULL) a count, left empty when negative. */
struct cell {
	const char *text;
	long count;
};

/* The cells of r in the order of column_th: what both the CSV and the workbook write. */
static void row_cells(const struct agency_row *r, struct cell out[N_COLUMNS])
{
	const struct oi_agency_progress *p = r->p;
	const struct cell cells[N_COLUMNS] = {
		{p->agency.code, 0},
		{p->agency.name, 0},
		{p->agency.type, 0},
		{p->agency.province, 0},
		{NULL, p->part.staff_population},
		{NULL, p->iit_responses},
		{NULL, r->iit_min},
		{NULL, p->part.service_population},
		{NULL, p->eit_responses},
		{NULL, r->eit_min},
		{agency_status_th(r->status), 0},
	};

	memcpy(out, cells, sizeof cells);
}

static void csv_text(struct buf *b, const char *s)
{
	bool quote = strpbrk(s, ",\"\r\n") != NULL;
	bool formula = *s == '=' || *s == '+' || *s == '-' || *s == '@';

	if (!quote && !formula) {
		buf_puts(b, s);
		return;
	}
	buf_puts(b, "\"");
	if (formula)
		buf_puts(b, "'");
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			buf_puts(b, "\"\"");
		else
			buf_add(b, p, 1);
	}
	buf_puts(b, "\"");
}

/* A count; nothing when negative (not entered). */
static void csv_count(struct buf *b, long v)
{
	if (v >= 0)
		buf_printf(b, "%ld", v);
}

int export_csv(const struct agency_list *l, struct buf *out)
{
	buf_puts(out, "\xEF\xBB\xBF");
	for (int i = 0; i < N_COLUMNS; i++) {
		if (i)
			buf_puts(out, ",");
		csv_text(out, column_th[i]);
	}
	buf_puts(out, "\r\n");
	for (size_t i = 0; i < l->n_match && !out->overflow; i++) {
		struct cell cells[N_COLUMNS];

		row_cells(l->match[i], cells);
		for (int k = 0; k < N_COLUMNS; k++) {
			if (k)
				buf_puts(out, ",");
			if (cells[k].text)
				csv_text(out, cells[k].text);
			else
				csv_count(out, cells[k].count);
		}
		buf_puts(out, "\r\n");
	}
	return out->overflow ? -1 : 0;
}

/* ---- XLSX ---- */

static void xlsx_count(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, long v)
{
	if (v >= 0)
		worksheet_write_number(ws, row, col, (double)v, NULL);
}

/* Write the workbook to path; 0 or -1 with err. */
static int xlsx_write(const struct agency_list *l, const char *path, char *tmpdir,
		      struct oi_error *err)
{
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = tmpdir};
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	lxw_worksheet *ws;
	lxw_format *bold;
	lxw_error rc;

	if (!wb)
		return oi_error_set(err, "", 0, 0, "cannot create the workbook %s", path);
	ws = workbook_add_worksheet(wb, "หน่วยงาน");
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	if (!ws || !bold) {
		workbook_close(wb);
		return oi_error_set(err, "", 0, 0, "cannot add the worksheet");
	}
	for (lxw_col_t col = 0; col < N_COLUMNS; col++)
		worksheet_set_column(ws, col, col, column_width[col], NULL);
	worksheet_freeze_panes(ws, 1, 0);
	worksheet_autofilter(ws, 0, 0, (lxw_row_t)(l->n_match ? l->n_match : 1), N_COLUMNS - 1);
	for (lxw_col_t col = 0; col < N_COLUMNS; col++)
		worksheet_write_string(ws, 0, col, column_th[col], bold);
	for (size_t i = 0; i < l->n_match; i++) {
		lxw_row_t row = (lxw_row_t)(i + 1);
		struct cell cells[N_COLUMNS];

		row_cells(l->match[i], cells);
		for (lxw_col_t col = 0; col < N_COLUMNS; col++) {
			if (!cells[col].text)
				xlsx_count(ws, row, col, cells[col].count);
			else if (*cells[col].text)   /* an empty text stays an empty cell */
				worksheet_write_string(ws, row, col, cells[col].text, NULL);
		}
	}
	rc = workbook_close(wb);
	if (rc != LXW_NO_ERROR)
		return oi_error_set(err, "", 0, 0, "cannot write the workbook: %s",
				    lxw_strerror(rc));
	return 0;
}

/* Append the file at path to out; 0 or -1 with err. */
static int append_file(const char *path, struct buf *out, struct oi_error *err)
{
	FILE *f = fopen(path, "rb");
	char chunk[65536];
	size_t got;
	int rc = 0;

	if (!f)
		return oi_error_set(err, "", 0, 0, "cannot read %s back: %s", path,
				    strerror(errno));
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (buf_add(out, chunk, got)) {
			rc = oi_error_set(err, "", 0, 0, "the workbook is larger than a response "
					  "may be");
			break;
		}
	if (!rc && ferror(f))
		rc = oi_error_set(err, "", 0, 0, "cannot read %s back", path);
	fclose(f);
	return rc;
}

int export_xlsx(const struct agency_list *l, struct buf *out, struct oi_error *err)
{
	const char *base = getenv("TMPDIR");
	char dir[512], path[600];
	int rc;

	if (!base || !*base || strlen(base) > 400)
		base = "/tmp";
	snprintf(dir, sizeof dir, "%s/openita-xlsx-XXXXXX", base);
	if (!mkdtemp(dir))
		return oi_error_set(err, "", 0, 0, "cannot make a temporary folder under %s: %s",
				    base, strerror(errno));
	snprintf(path, sizeof path, "%s/agencies.xlsx", dir);
	rc = xlsx_write(l, path, dir, err);
	if (!rc)
		rc = append_file(path, out, err);
	unlink(path);
	rmdir(dir);
	return rc;
}
