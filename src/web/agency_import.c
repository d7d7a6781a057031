/*
 * agency_import.c — checking agencies from a form or a CSV file before they are stored (see
 * agency_import.h).
 *
 * A file is read once with the core's CSV reader; each row's own fields are checked at once
 * (code characters, duplicates within the file, codes already in the store, names), and the
 * parents after the last row, when every code of the file is known. Rows are then ordered so
 * that parents precede children (a store may insist on that), and a parent chain that loops
 * back is a problem of every row on the loop. Codes of the file are kept in a hash map whose
 * keys live in an arena, so lookups stay O(1) for 20,000 rows.
 */
#include "agency_import.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "openita/csv.h"
#include "strmap.h"

enum column { COL_CODE, COL_NAME, COL_TYPE, COL_PROVINCE, COL_PARENT, COL__MAX };

static const char *const column_names[COL__MAX] = {"code", "name", "type", "province",
						   "parent"};

/* Thai names of the fields, as messages name them. */
static const char *const column_th[COL__MAX] = {
	"รหัสหน่วยงาน (code)", "ชื่อหน่วยงาน (name)", "ประเภทหน่วยงาน (type)",
	"จังหวัด (province)", "หน่วยงานแม่ (parent)"};

bool agency_code_valid(const char *code, size_t len)
{
	if (len == 0 || len > AGENCY_CODE_MAX_CHARS)
		return false;
	for (size_t i = 0; i < len; i++) {
		char ch = code[i];

		if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
		      (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || ch == '.'))
			return false;
	}
	return true;
}

/* s shortened to at most max bytes at a UTF-8 character boundary, with "…" when cut, for
 * quoting people's input in messages. */
static const char *shorten(const char *s, size_t max, char *out, size_t size)
{
	size_t len = strlen(s);

	if (len <= max && len < size) {
		memcpy(out, s, len + 1);
		return out;
	}
	if (max + 4 > size)
		max = size - 4;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	memcpy(out, s, max);
	memcpy(out + max, "…", 4);   /* 3 bytes and the NUL */
	return out;
}

static bool has_control(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return true;
	return false;
}

struct problems {
	struct agency_problem *list;
	size_t n, cap;
};

static void problem_add(struct problems *p, unsigned long line, enum column col,
			const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void problem_add(struct problems *p, unsigned long line, enum column col,
			const char *fmt, ...)
{
	struct agency_problem *pr;
	va_list ap;

	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->list = xrealloc(p->list, p->cap * sizeof *p->list);
	}
	pr = &p->list[p->n++];
	memset(pr, 0, sizeof *pr);
	pr->line = line;
	if (col < COL__MAX)
		snprintf(pr->field, sizeof pr->field, "%s", column_names[col]);
	va_start(ap, fmt);
	vsnprintf(pr->message, sizeof pr->message, fmt, ap);
	va_end(ap);
}

/*
 * The checks of one row that need nothing but its own fields and the store: code, name,
 * type, province, and the form of the parent code. Each problem is added to p. Returns -1
 * with err filled only when the store fails.
 */
static int check_fields(struct oi_store *st, unsigned long line, const char *const f[COL__MAX],
			const size_t flen[COL__MAX], struct problems *p, struct oi_error *err)
{
	char quoted[160];
	struct oi_agency existing;
	struct oi_error lookup_err;

	if (flen[COL_CODE] == 0) {
		problem_add(p, line, COL_CODE, "%s ว่าง", column_th[COL_CODE]);
	} else if (!agency_code_valid(f[COL_CODE], flen[COL_CODE])) {
		problem_add(p, line, COL_CODE,
			    "%s \"%s\" ไม่ถูกต้อง: ต้องยาว 1–%d ตัวอักษร และใช้ได้เฉพาะ A-Z a-z 0-9 - _ . "
			    "(ไม่มีช่องว่าง)",
			    column_th[COL_CODE], shorten(f[COL_CODE], 60, quoted, sizeof quoted),
			    AGENCY_CODE_MAX_CHARS);
	} else {
		int rc = oi_store_agency_by_code(st, f[COL_CODE], &existing, &lookup_err);

		if (rc < 0) {
			*err = lookup_err;
			return -1;
		}
		if (rc == 0)
			problem_add(p, line, COL_CODE, "%s \"%s\" มีอยู่ในระบบแล้ว",
				    column_th[COL_CODE], f[COL_CODE]);
	}

	if (flen[COL_NAME] == 0)
		problem_add(p, line, COL_NAME, "%s ว่าง", column_th[COL_NAME]);
	for (int c = COL_NAME; c <= COL_PROVINCE; c++) {
		if (flen[c] > AGENCY_NAME_MAX_BYTES)
			problem_add(p, line, (enum column)c, "%s ยาว %zu ไบต์ เกิน %d ไบต์",
				    column_th[c], flen[c], AGENCY_NAME_MAX_BYTES);
		else if (has_control(f[c], flen[c]))
			problem_add(p, line, (enum column)c,
				    "%s มีอักขระควบคุม (เช่น การขึ้นบรรทัดใหม่หรือแท็บ)", column_th[c]);
	}

	if (flen[COL_PARENT] > 0) {
		if (!agency_code_valid(f[COL_PARENT], flen[COL_PARENT]))
			problem_add(p, line, COL_PARENT,
				    "%s \"%s\" ไม่ใช่รหัสหน่วยงานที่ถูกต้อง",
				    column_th[COL_PARENT],
				    shorten(f[COL_PARENT], 60, quoted, sizeof quoted));
		else if (flen[COL_PARENT] == flen[COL_CODE] &&
			 memcmp(f[COL_PARENT], f[COL_CODE], flen[COL_CODE]) == 0)
			problem_add(p, line, COL_PARENT,
				    "%s ต้องไม่ใช่หน่วยงานเดียวกันกับรหัส \"%s\"",
				    column_th[COL_PARENT], f[COL_CODE]);
	}
	return 0;
}

static void fill_agency(struct oi_agency *a, const char *const f[COL__MAX],
			const size_t flen[COL__MAX])
{
	memset(a, 0, sizeof *a);
	memcpy(a->code, f[COL_CODE], flen[COL_CODE] < OI_CODE_MAX ? flen[COL_CODE]
								  : OI_CODE_MAX - 1);
	memcpy(a->name, f[COL_NAME], flen[COL_NAME] < OI_NAME_MAX ? flen[COL_NAME]
								  : OI_NAME_MAX - 1);
	memcpy(a->type, f[COL_TYPE], flen[COL_TYPE] < OI_NAME_MAX ? flen[COL_TYPE]
								  : OI_NAME_MAX - 1);
	memcpy(a->province, f[COL_PROVINCE],
	       flen[COL_PROVINCE] < OI_NAME_MAX ? flen[COL_PROVINCE] : OI_NAME_MAX - 1);
	memcpy(a->parent_code, f[COL_PARENT],
	       flen[COL_PARENT] < OI_CODE_MAX ? flen[COL_PARENT] : OI_CODE_MAX - 1);
}

int agency_validate(struct oi_store *st, const char *code, const char *name, const char *type,
		    const char *province, const char *parent, struct oi_agency *out,
		    struct oi_error *err)
{
	const char *f[COL__MAX] = {code ? code : "", name ? name : "", type ? type : "",
				   province ? province : "", parent ? parent : ""};
	size_t flen[COL__MAX];
	struct problems p = {0};
	struct oi_agency parent_agency;

	for (int c = 0; c < COL__MAX; c++)
		flen[c] = strlen(f[c]);
	if (check_fields(st, 0, f, flen, &p, err))
		goto fail;
	if (p.n == 0 && flen[COL_PARENT] > 0) {
		int rc = oi_store_agency_by_code(st, f[COL_PARENT], &parent_agency, err);

		if (rc < 0)
			goto fail;
		if (rc == 1)
			problem_add(&p, 0, COL_PARENT, "%s \"%s\" ไม่มีในระบบ",
				    column_th[COL_PARENT], f[COL_PARENT]);
	}
	if (p.n > 0) {
		oi_error_set(err, p.list[0].field, 0, 0, "%s", p.list[0].message);
		free(p.list);
		return -1;
	}
	fill_agency(out, f, flen);
	return 0;
fail:
	free(p.list);
	return -1;
}

void agency_import_release(struct agency_import *imp)
{
	free(imp->agencies);
	free(imp->problems);
	memset(imp, 0, sizeof *imp);
}

/* The state of reading one file. */
struct reader {
	struct oi_store *st;
	struct problems problems;
	struct oi_agency *rows;          /* every row whose own fields are good */
	unsigned long *lines;            /* rows[i]'s line */
	size_t n, cap;
	struct arena keys;               /* the map's keys */
	struct strmap by_code;           /* every code of the file → its first row's line */
	struct strmap code_row;          /* good rows' codes → index into rows */
};

/* Map the header's columns; -1 (a fatal problem added) when it is not a valid header. */
static int read_header(struct reader *r, const struct oi_csv_record *rec, int map[COL__MAX],
		       size_t *n_columns)
{
	char quoted[160];

	for (int c = 0; c < COL__MAX; c++)
		map[c] = -1;
	*n_columns = rec->n_fields;
	if (rec->n_fields < 2 || strcmp(rec->fields[0].data, "code") != 0 ||
	    strcmp(rec->fields[1].data, "name") != 0) {
		problem_add(&r->problems, rec->line, COL__MAX,
			    "หัวตารางต้องขึ้นต้นด้วยคอลัมน์ code,name แล้วตามด้วย type, province, parent "
			    "ได้ตามต้องการ (เช่น code,name,type,province,parent)");
		return -1;
	}
	map[COL_CODE] = 0;
	map[COL_NAME] = 1;
	for (size_t i = 2; i < rec->n_fields; i++) {
		const char *name = rec->fields[i].data;
		int c;

		for (c = COL_TYPE; c < COL__MAX; c++)
			if (strcmp(name, column_names[c]) == 0)
				break;
		if (c == COL__MAX) {
			problem_add(&r->problems, rec->line, COL__MAX,
				    "หัวตาราง: ไม่รู้จักคอลัมน์ \"%s\" (ใช้ได้เฉพาะ code, name, type, "
				    "province, parent ตัวพิมพ์เล็ก)",
				    shorten(name, 60, quoted, sizeof quoted));
			return -1;
		}
		if (map[c] >= 0) {
			problem_add(&r->problems, rec->line, COL__MAX,
				    "หัวตาราง: คอลัมน์ \"%s\" ซ้ำ", name);
			return -1;
		}
		map[c] = (int)i;
	}
	return 0;
}

static int read_row(struct reader *r, const struct oi_csv_record *rec, const int map[COL__MAX],
		    size_t n_columns, struct oi_error *err)
{
	const char *f[COL__MAX];
	size_t flen[COL__MAX];
	size_t before = r->problems.n;
	unsigned long line = rec->line;

	if (rec->n_fields != n_columns) {
		problem_add(&r->problems, line, COL__MAX,
			    "มี %zu ช่อง แต่หัวตารางมี %zu ช่อง (ตรวจเครื่องหมายจุลภาคในข้อความ: "
			    "ข้อความที่มีจุลภาคต้องอยู่ในเครื่องหมายคำพูด \"…\")",
			    rec->n_fields, n_columns);
		return 0;
	}
	for (int c = 0; c < COL__MAX; c++) {
		f[c] = map[c] >= 0 ? rec->fields[map[c]].data : "";
		flen[c] = map[c] >= 0 ? rec->fields[map[c]].len : 0;
	}
	if (check_fields(r->st, line, f, flen, &r->problems, err))
		return -1;
	if (flen[COL_CODE] > 0 && agency_code_valid(f[COL_CODE], flen[COL_CODE])) {
		char *key = arena_strndup(&r->keys, f[COL_CODE], flen[COL_CODE]);
		long first = strmap_put(&r->by_code, key, flen[COL_CODE], (long)line);

		if (first >= 0)
			problem_add(&r->problems, line, COL_CODE,
				    "รหัสหน่วยงาน (code) \"%s\" ซ้ำกับบรรทัด %ld", key, first);
	}
	if (r->problems.n != before)
		return 0;
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 256;
		r->rows = xrealloc(r->rows, r->cap * sizeof *r->rows);
		r->lines = xrealloc(r->lines, r->cap * sizeof *r->lines);
	}
	fill_agency(&r->rows[r->n], f, flen);
	r->lines[r->n] = line;
	r->n++;
	return 0;
}

/*
 * After every row: parents must be in the file or the store, and must not loop. Fills
 * parent_row[i] with the index of rows[i]'s parent among the good rows, or -1.
 */
static int check_parents(struct reader *r, long *parent_row, struct oi_error *err)
{
	struct strmap in_store;          /* parent codes looked up in the store → 1 or 0 */
	struct arena store_keys;
	int rc = 0;

	strmap_init(&in_store);
	arena_init(&store_keys);
	for (size_t i = 0; i < r->n; i++) {
		const char *parent = r->rows[i].parent_code;
		size_t len = strlen(parent);
		long known;

		parent_row[i] = -1;
		if (len == 0)
			continue;
		parent_row[i] = strmap_get(&r->code_row, parent, len);
		if (parent_row[i] >= 0 || strmap_get(&r->by_code, parent, len) >= 0)
			continue;    /* in the file (a bad row's parent problem is its own) */
		known = strmap_get(&in_store, parent, len);
		if (known < 0) {
			struct oi_agency a;
			int found = oi_store_agency_by_code(r->st, parent, &a, err);

			if (found < 0) {
				rc = -1;
				break;
			}
			known = found == 0;
			strmap_put(&in_store, arena_strndup(&store_keys, parent, len), len, known);
		}
		if (!known)
			problem_add(&r->problems, r->lines[i], COL_PARENT,
				    "หน่วยงานแม่ (parent) \"%s\" ไม่มีทั้งในไฟล์และในระบบ", parent);
	}
	strmap_release(&in_store);
	arena_release(&store_keys);
	return rc;
}

/* Depth of every row in the parent forest of the file; rows on a loop are reported. */
static void order_rows(struct reader *r, const long *parent_row, long *depth)
{
	unsigned char *state = xcalloc(r->n ? r->n : 1, 1);   /* 0 new, 1 on path, 2 done */
	size_t *path = xmalloc((r->n ? r->n : 1) * sizeof *path);

	for (size_t i = 0; i < r->n; i++) {
		size_t len = 0, cur = i;
		long base;

		if (state[i] == 2)
			continue;
		for (;;) {
			if (state[cur] == 2) {
				base = depth[cur];
				break;
			}
			if (state[cur] == 1) {
				/* a loop: from cur's place on the path to its end */
				size_t at = 0;

				while (path[at] != cur)
					at++;
				for (size_t k = at; k < len; k++) {
					size_t row = path[k];

					problem_add(&r->problems, r->lines[row], COL_PARENT,
						    "หน่วยงานแม่ (parent) \"%s\" ทำให้เกิดวงวน: "
						    "หน่วยงานเป็นแม่ของกันและกัน",
						    r->rows[row].parent_code);
					depth[row] = 0;
					state[row] = 2;
				}
				len = at;
				base = 0;
				break;
			}
			state[cur] = 1;
			path[len++] = cur;
			if (parent_row[cur] < 0) {
				base = -1;
				break;
			}
			cur = (size_t)parent_row[cur];
		}
		while (len > 0) {
			size_t row = path[--len];

			depth[row] = ++base;
			state[row] = 2;
		}
	}
	free(state);
	free(path);
}

struct ordered {
	long depth;
	size_t index;
};

static int ordered_cmp(const void *a, const void *b)
{
	const struct ordered *x = a, *y = b;

	if (x->depth != y->depth)
		return x->depth < y->depth ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

struct numbered_problem {
	struct agency_problem p;
	size_t seq;                      /* the order it was found in, among one line's */
};

static int problem_cmp(const void *a, const void *b)
{
	const struct numbered_problem *x = a, *y = b;

	if (x->p.line != y->p.line)
		return x->p.line < y->p.line ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Problems by line; those of one line in the order they were found. */
static void sort_problems(struct problems *p)
{
	struct numbered_problem *tmp;

	if (p->n < 2)
		return;
	tmp = xmalloc(p->n * sizeof *tmp);
	for (size_t i = 0; i < p->n; i++) {
		tmp[i].p = p->list[i];
		tmp[i].seq = i;
	}
	qsort(tmp, p->n, sizeof *tmp, problem_cmp);
	for (size_t i = 0; i < p->n; i++)
		p->list[i] = tmp[i].p;
	free(tmp);
}

int agency_import_check(struct oi_store *st, const char *name, const char *data, size_t len,
			struct agency_import *out, struct oi_error *err)
{
	struct reader r = {.st = st};
	struct oi_csv *csv = oi_csv_from_memory(name, data, len);
	const struct oi_csv_record *rec;
	struct oi_error csv_err;
	int map[COL__MAX];
	size_t n_columns = 0, n_rows = 0;
	unsigned long header_line = 1;
	long *parent_row = NULL, *depth = NULL;
	int rc = -1, got;

	memset(out, 0, sizeof *out);
	arena_init(&r.keys);
	strmap_init(&r.by_code);
	strmap_init(&r.code_row);

	got = oi_csv_next(csv, &rec, &csv_err);
	if (got == 0) {
		problem_add(&r.problems, 1, COL__MAX,
			    "ไฟล์ว่าง: บรรทัดแรกต้องเป็นหัวตาราง code,name,type,province,parent");
		out->fatal = true;
		goto done;
	}
	if (got == 1)
		header_line = rec->line;
	if (got < 0 || read_header(&r, rec, map, &n_columns)) {
		if (got < 0)
			problem_add(&r.problems, csv_err.line, COL__MAX,
				    "อ่านไฟล์ CSV ไม่ได้ (คอลัมน์ %lu): %s", csv_err.column,
				    csv_err.message);
		out->fatal = true;
		goto done;
	}
	while ((got = oi_csv_next(csv, &rec, &csv_err)) == 1) {
		if (++n_rows > AGENCY_IMPORT_MAX_ROWS) {
			problem_add(&r.problems, rec->line, COL__MAX,
				    "ไฟล์มีหน่วยงานเกิน 20,000 แถว: แบ่งเป็นหลายไฟล์แล้วนำเข้าทีละไฟล์");
			out->fatal = true;
			goto done;
		}
		if (read_row(&r, rec, map, n_columns, err))
			goto fail;
	}
	if (got < 0) {
		problem_add(&r.problems, csv_err.line, COL__MAX,
			    "อ่านไฟล์ CSV ไม่ได้ (คอลัมน์ %lu): %s", csv_err.column,
			    csv_err.message);
		out->fatal = true;
		goto done;
	}
	if (n_rows == 0) {
		problem_add(&r.problems, header_line, COL__MAX,
			    "ไฟล์มีแต่หัวตาราง ไม่มีแถวหน่วยงาน");
		goto done;
	}

	for (size_t i = 0; i < r.n; i++)
		strmap_put(&r.code_row, r.rows[i].code, strlen(r.rows[i].code), (long)i);
	parent_row = xmalloc(r.n * sizeof *parent_row + 1);
	depth = xcalloc(r.n + 1, sizeof *depth);
	if (check_parents(&r, parent_row, err))
		goto fail;
	order_rows(&r, parent_row, depth);
	if (r.problems.n == 0) {
		struct ordered *ord = xmalloc((r.n + 1) * sizeof *ord);

		for (size_t i = 0; i < r.n; i++) {
			ord[i].depth = depth[i];
			ord[i].index = i;
		}
		qsort(ord, r.n, sizeof *ord, ordered_cmp);
		out->agencies = xmalloc((r.n + 1) * sizeof *out->agencies);
		for (size_t i = 0; i < r.n; i++)
			out->agencies[i] = r.rows[ord[i].index];
		out->n = r.n;
		free(ord);
	}
done:
	sort_problems(&r.problems);
	out->problems = r.problems.list;
	out->n_problems = r.problems.n;
	r.problems.list = NULL;
	rc = 0;
fail:
	if (rc) {
		free(r.problems.list);
		agency_import_release(out);
	}
	free(parent_row);
	free(depth);
	free(r.rows);
	free(r.lines);
	strmap_release(&r.by_code);
	strmap_release(&r.code_row);
	arena_release(&r.keys);
	oi_csv_free(csv);
	return rc;
}
