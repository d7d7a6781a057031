/*
 * doc_export.c — a document's tables as data (doc.h): each as CSV (RFC 4180: CRLF line ends,
 * fields quoted when they hold a comma, quote or line break, quotes doubled; UTF-8 with a BOM
 * so Excel shows Thai; the caption on a line of its own first; a spanning cell followed by
 * empty cells for the columns it covers), or all of them as one XLSX workbook through
 * libxlsxwriter (a sheet per table named from its caption, header rows bold, cells that are
 * plain numbers written as numbers). Digits stay ASCII here: these files are for computing.
 */
#include "doc_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

static void csv_field(struct buf *out, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		buf_puts(out, s);
		return;
	}
	buf_puts(out, "\"");
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			buf_puts(out, "\"");
		buf_add(out, p, 1);
	}
	buf_puts(out, "\"");
}

int doc_table_csv(const struct doc *d, size_t table, struct buf *out, struct oi_error *err)
{
	const struct doc_table *t;

	if (table >= d->ntables)
		return oi_error_set(err, "", 0, 0, "no table %zu: the document has %zu", table + 1,
				    d->ntables);
	t = d->tables[table];
	buf_puts(out, "\xEF\xBB\xBF");
	if (t->caption) {
		csv_field(out, t->caption);
		buf_puts(out, "\r\n");
	}
	for (size_t r = 0; r < t->nrows; r++) {
		const struct doc_row *row = &t->rows[r];
		size_t col = 0;

		for (size_t i = 0; i < row->ncells; i++) {
			size_t span = doc_span(t, col, &row->cells[i]);

			if (!span)
				break;
			if (col)
				buf_puts(out, ",");
			csv_field(out, row->cells[i].text);
			for (size_t k = 1; k < span; k++)
				buf_puts(out, ",");
			col += span;
		}
		for (; col < t->ncols; col++)
			buf_puts(out, col ? "," : "");
		buf_puts(out, "\r\n");
	}
	if (out->overflow)
		return oi_error_set(err, "", 0, 0, "the CSV is larger than the %zu bytes allowed",
				    out->max);
	return 0;
}

/* The number of bytes of the first max characters of the UTF-8 text s[0..len). */
static size_t utf8_prefix(const char *s, size_t len, size_t max)
{
	size_t i = 0;

	for (size_t chars = 0; i < len && chars < max; chars++) {
		i++;
		while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
	}
	return i;
}

/* A sheet name from the caption: at most 31 characters, none of []:*?/\ (nor an apostrophe,
 * which Excel refuses at either end), not empty, unique in the workbook (" (2)" and so on,
 * the caption shortened to make room). names[i] are 128 bytes: 31 characters of at most 4. */
static void sheet_name(const struct doc_table *t, char names[][128], size_t index)
{
	char base[128];
	size_t len = 0;

	for (const char *p = t->caption ? t->caption : ""; *p && len < sizeof base - 1; p++) {
		bool bad = strchr("[]:*?/\\'", *p) || (unsigned char)*p < 0x20;

		if (bad && (len == 0 || base[len - 1] == ' '))
			continue;
		base[len++] = bad ? ' ' : *p;
	}
	len = utf8_prefix(base, len, 31);
	while (len && base[len - 1] == ' ')
		len--;
	base[len] = '\0';
	if (!len)
		len = (size_t)snprintf(base, sizeof base, "Table %zu", index + 1);
	snprintf(names[index], 128, "%s", base);
	for (int n = 2;; n++) {
		bool clash = false;
		char suffix[16];
		int slen;

		for (size_t i = 0; i < index; i++)
			clash = clash || strcmp(names[i], names[index]) == 0;
		if (!clash)
			break;
		slen = snprintf(suffix, sizeof suffix, " (%d)", n);
		snprintf(names[index], 128, "%.*s%s", (int)utf8_prefix(base, len, 31 - (size_t)slen),
			 base, suffix);
	}
}

/* Whether s is a plain decimal number (so the sheet can compute with it). */
static bool plain_number(const char *s, double *value)
{
	char *end;

	if (!*s || strlen(s) > 15 || strspn(s, "0123456789.-") != strlen(s) ||
	    (s[0] == '0' && s[1] >= '0' && s[1] <= '9'))   /* codes such as "007" stay text */
		return false;
	errno = 0;
	*value = strtod(s, &end);
	return errno == 0 && *end == '\0';
}

static int read_file(const char *path, struct buf *out, struct oi_error *err)
{
	FILE *f = fopen(path, "rb");
	char chunk[16384];
	size_t n;

	if (!f)
		return oi_error_set(err, path, 0, 0, "cannot read the workbook back: %s",
				    strerror(errno));
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (buf_add(out, chunk, n) < 0)
			break;
	fclose(f);
	if (out->overflow)
		return oi_error_set(err, "", 0, 0, "the XLSX is larger than the %zu bytes allowed",
				    out->max);
	return 0;
}

int doc_tables_xlsx(const struct doc *d, struct buf *out, struct oi_error *err)
{
	const char *tmp = getenv("TMPDIR");
	char path[512];
	char (*names)[128] = xcalloc(d->ntables ? d->ntables : 1, sizeof *names);
	lxw_workbook *wb;
	lxw_format *bold;
	lxw_error rc;
	int fd, ret;

	snprintf(path, sizeof path, "%s/openita-xlsx-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	fd = mkstemp(path);
	if (fd < 0) {
		free(names);
		return oi_error_set(err, path, 0, 0, "cannot make a temporary file: %s",
				    strerror(errno));
	}
	close(fd);
	wb = workbook_new(path);
	if (!wb) {
		unlink(path);
		free(names);
		return oi_error_set(err, path, 0, 0, "libxlsxwriter could not start a workbook");
	}
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	for (size_t i = 0; i < d->ntables; i++) {
		const struct doc_table *t = d->tables[i];
		lxw_worksheet *ws;

		sheet_name(t, names, i);
		ws = workbook_add_worksheet(wb, names[i]);
		if (!ws)
			ws = workbook_add_worksheet(wb, NULL);
		for (size_t c = 0; c < t->ncols; c++)
			worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, 6 + 90 * t->widths[c],
					     NULL);
		for (size_t r = 0; r < t->nrows && r < 1000000; r++) {
			const struct doc_row *row = &t->rows[r];
			lxw_format *f = r < t->header_rows ? bold : NULL;
			size_t col = 0;

			for (size_t k = 0; k < row->ncells; k++) {
				const struct doc_cell *cell = &row->cells[k];
				size_t span = doc_span(t, col, cell);
				double v;

				if (!span)
					break;
				if (span > 1)
					worksheet_merge_range(ws, (lxw_row_t)r, (lxw_col_t)col,
							      (lxw_row_t)r, (lxw_col_t)(col + span - 1),
							      cell->text, f);
				else if (r >= t->header_rows && plain_number(cell->text, &v))
					worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)col, v, f);
				else
					worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)col,
							       cell->text, f);
				col += span;
			}
		}
		if (t->header_rows)
			worksheet_freeze_panes(ws, (lxw_row_t)t->header_rows, 0);
	}
	if (d->ntables == 0)
		workbook_add_worksheet(wb, NULL);
	rc = workbook_close(wb);
	free(names);
	if (rc != LXW_NO_ERROR) {
		unlink(path);
		return oi_error_set(err, path, 0, 0, "libxlsxwriter could not write the workbook: %s",
				    lxw_strerror(rc));
	}
	ret = read_file(path, out, err);
	unlink(path);
	return ret;
}
