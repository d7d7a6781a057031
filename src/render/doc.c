/*
 * doc.c — the document model of doc.h: builders that copy what they are given into the
 * document's arena and append blocks, plus the helpers every renderer shares (digit conversion,
 * XML escaping). Layout and output live in doc_pdf.c, doc_docx.c, doc_html.c and doc_export.c.
 */
#include "doc_int.h"

#include <stdlib.h>
#include <string.h>

#define DEFAULT_FONT "Laksaman"
#define DEFAULT_SIZE 16.0

struct doc *doc_new(const struct doc_options *options)
{
	struct doc *d = xcalloc(1, sizeof *d);

	arena_init(&d->arena);
	if (options)
		d->options = *options;
	d->options.title = arena_strdup(&d->arena, d->options.title);
	d->options.font_family = arena_strdup(&d->arena, d->options.font_family && *d->options.font_family
					      ? d->options.font_family : DEFAULT_FONT);
	if (!(d->options.font_size_pt >= 6 && d->options.font_size_pt <= 72))
		d->options.font_size_pt = DEFAULT_SIZE;
	return d;
}

void doc_free(struct doc *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->ntables; i++) {
		struct doc_table *t = d->tables[i];

		for (size_t r = 0; r < t->nrows; r++)
			free(t->rows[r].cells);
		free(t->rows);
	}
	free(d->tables);
	free(d->blocks);
	arena_release(&d->arena);
	free(d);
}

static struct doc_block *add_block(struct doc *d, enum doc_block_kind kind)
{
	struct doc_block *b;

	if (d->nblocks == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 32;
		d->blocks = xrealloc(d->blocks, d->cap * sizeof *d->blocks);
	}
	b = &d->blocks[d->nblocks++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	return b;
}

static char *copy(struct doc *d, const char *s)
{
	return arena_strdup(&d->arena, s ? s : "");
}

void doc_heading(struct doc *d, int level, const char *text)
{
	struct doc_block *b = add_block(d, DOC_B_HEADING);

	b->level = level < 0 ? 0 : level > 2 ? 2 : level;
	b->text = copy(d, text);
}

void doc_paragraph(struct doc *d, unsigned flags, const char *text)
{
	struct doc_block *b = add_block(d, DOC_B_PARAGRAPH);

	b->flags = flags;
	b->text = copy(d, text);
}

void doc_space(struct doc *d, double pt)
{
	struct doc_block *b = add_block(d, DOC_B_SPACE);

	b->pt = pt > 0 && pt < 800 ? pt : 0;
}

void doc_page_break(struct doc *d)
{
	add_block(d, DOC_B_PAGE_BREAK);
}

void doc_number_pages(struct doc *d)
{
	add_block(d, DOC_B_NUMBER_PAGES);
}

void doc_landscape(struct doc *d)
{
	add_block(d, DOC_B_LANDSCAPE);
}

void doc_portrait(struct doc *d)
{
	add_block(d, DOC_B_PORTRAIT);
}

void doc_toc(struct doc *d, const char *title)
{
	struct doc_block *b = add_block(d, DOC_B_TOC);

	b->text = copy(d, title ? title : "สารบัญ");
}

void doc_memo_header(struct doc *d, const struct doc_memo_header *m)
{
	struct doc_block *b = add_block(d, DOC_B_MEMO);

	if (!m)
		return;
	b->memo.department = arena_strdup(&d->arena, m->department);
	b->memo.reference_no = arena_strdup(&d->arena, m->reference_no);
	b->memo.date = arena_strdup(&d->arena, m->date);
	b->memo.subject = arena_strdup(&d->arena, m->subject);
	b->memo.to = arena_strdup(&d->arena, m->to);
}

void doc_signature(struct doc *d, const char *name, const char *position)
{
	struct doc_block *b = add_block(d, DOC_B_SIGNATURE);

	b->text = copy(d, name);
	b->text2 = copy(d, position);
}

struct doc_table *doc_table_begin(struct doc *d, const char *caption, size_t ncols,
				  const double *widths, size_t header_rows)
{
	struct doc_table *t = arena_alloc(&d->arena, sizeof *t);
	struct doc_block *b;
	double sum = 0;

	if (ncols == 0)
		ncols = 1;
	t->doc = d;
	t->index = d->ntables;
	t->caption = caption && *caption ? arena_strdup(&d->arena, caption) : NULL;
	t->ncols = ncols;
	t->header_rows = header_rows;
	t->widths = arena_alloc(&d->arena, ncols * sizeof *t->widths);
	for (size_t i = 0; i < ncols; i++) {
		double w = widths && widths[i] > 0 ? widths[i] : 1;

		t->widths[i] = w;
		sum += w;
	}
	for (size_t i = 0; i < ncols; i++)
		t->widths[i] /= sum;
	if (d->ntables == d->tables_cap) {
		d->tables_cap = d->tables_cap ? d->tables_cap * 2 : 8;
		d->tables = xrealloc(d->tables, d->tables_cap * sizeof *d->tables);
	}
	d->tables[d->ntables++] = t;
	b = add_block(d, DOC_B_TABLE);
	b->table = t;
	return t;
}

void doc_table_cell_span(struct doc_table *t, unsigned flags, size_t colspan, const char *text)
{
	struct doc_row *row;

	if (!t->row_open) {
		if (t->nrows == t->cap) {
			t->cap = t->cap ? t->cap * 2 : 16;
			t->rows = xrealloc(t->rows, t->cap * sizeof *t->rows);
		}
		row = &t->rows[t->nrows++];
		memset(row, 0, sizeof *row);
		t->row_open = true;
	}
	row = &t->rows[t->nrows - 1];
	if (row->ncells == row->cap) {
		row->cap = row->cap ? row->cap * 2 : t->ncols;
		row->cells = xrealloc(row->cells, row->cap * sizeof *row->cells);
	}
	row->cells[row->ncells++] = (struct doc_cell){
		.text = copy(t->doc, text), .flags = flags, .colspan = colspan ? colspan : 1,
	};
}

void doc_table_cell(struct doc_table *t, unsigned flags, const char *text)
{
	doc_table_cell_span(t, flags, 1, text);
}

void doc_table_row_end(struct doc_table *t)
{
	if (!t->row_open) {   /* an empty row: one empty cell stands for it */
		doc_table_cell(t, 0, "");
	}
	t->row_open = false;
}

void doc_table_end(struct doc_table *t)
{
	if (t->row_open)
		doc_table_row_end(t);
	t->ended = true;
}

size_t doc_table_count(const struct doc *d)
{
	return d->ntables;
}

char *doc_digits(const char *text, bool thai, unsigned flags)
{
	size_t n = 0, len;
	char *out, *o;

	if (!text)
		text = "";
	len = strlen(text);
	if (thai && !(flags & DOC_VERBATIM))
		for (const char *p = text; *p; p++)
			n += *p >= '0' && *p <= '9';
	out = xmalloc(len + 2 * n + 1);
	if (!n) {
		memcpy(out, text, len + 1);
		return out;
	}
	o = out;
	for (const char *p = text; *p; p++) {
		if (*p >= '0' && *p <= '9') {   /* U+0E50 THAI DIGIT ZERO + d: E0 B9 90+d */
			*o++ = (char)0xE0;
			*o++ = (char)0xB9;
			*o++ = (char)(0x90 + (*p - '0'));
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	return out;
}

void doc_xml_escape(struct buf *out, const char *s)
{
	const char *run = s;

	if (!s)
		return;
	for (const char *p = s;; p++) {
		unsigned char c = (unsigned char)*p;
		const char *ent = NULL;
		bool drop = false;

		switch (c) {
		case '&': ent = "&amp;"; break;
		case '<': ent = "&lt;"; break;
		case '>': ent = "&gt;"; break;
		case '"': ent = "&quot;"; break;
		case '\'': ent = "&#39;"; break;
		default: drop = c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != 0; break;
		}
		if (c == 0 || ent || drop) {
			buf_add(out, run, (size_t)(p - run));
			if (ent)
				buf_puts(out, ent);
			if (c == 0)
				return;
			run = p + 1;
		}
	}
}
