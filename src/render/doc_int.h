/*
 * doc_int.h — the document model behind doc.h, shared by its renderers (doc_pdf.c, doc_docx.c,
 * doc_html.c, doc_export.c). Private to src/render.
 *
 * A struct doc is a flat list of blocks in the order they were given; a table block points at
 * its struct doc_table, whose rows hold the cells as given (a cell spanning columns is one cell
 * with colspan > 1; a short row is padded with empty cells by the renderers). Every string lives
 * in the document's arena; the growing arrays are xrealloc'd and freed by doc_free().
 */
#ifndef OPENITA_RENDER_DOC_INT_H
#define OPENITA_RENDER_DOC_INT_H

#include "arena.h"
#include "doc.h"

enum doc_block_kind {
	DOC_B_HEADING,
	DOC_B_PARAGRAPH,
	DOC_B_SPACE,
	DOC_B_PAGE_BREAK,
	DOC_B_NUMBER_PAGES,
	DOC_B_LANDSCAPE,
	DOC_B_PORTRAIT,
	DOC_B_TOC,
	DOC_B_MEMO,
	DOC_B_SIGNATURE,
	DOC_B_TABLE,
};

struct doc_cell {
	char *text;          /* never NULL */
	unsigned flags;
	size_t colspan;      /* >= 1 */
};

struct doc_row {
	struct doc_cell *cells;
	size_t ncells, cap;
};

struct doc_table {
	struct doc *doc;
	size_t index;        /* among the document's tables, from 0 */
	char *caption;       /* may be NULL */
	size_t ncols;        /* >= 1 */
	double *widths;      /* ncols fractions of the text width, summing to 1 */
	size_t header_rows;
	struct doc_row *rows;
	size_t nrows, cap;
	bool row_open;       /* the last row takes further cells */
	bool ended;
};

struct doc_block {
	enum doc_block_kind kind;
	int level;                   /* DOC_B_HEADING */
	unsigned flags;              /* DOC_B_PARAGRAPH */
	char *text;                  /* heading, paragraph, toc title; signature name */
	char *text2;                 /* signature position */
	double pt;                   /* DOC_B_SPACE */
	struct doc_memo_header memo; /* DOC_B_MEMO: copied strings, NULL fields kept NULL */
	struct doc_table *table;     /* DOC_B_TABLE */
};

struct doc {
	struct arena arena;
	struct doc_options options;  /* strings in the arena; font_family and size filled in */
	struct doc_block *blocks;
	size_t nblocks, cap;
	struct doc_table **tables;
	size_t ntables, tables_cap;
};

/* The layout of the PDF as the other renderers need it: the page count and, for every block,
 * the page number shown for it (0 when the block is on a page without a number); malloc'd
 * array of d->nblocks entries, freed by doc_layout_release(). */
struct doc_layout {
	int pages;
	int *block_page;
	int words_cut;               /* lines begun inside a word (see doc_words_cut) */
};
int doc_layout_run(const struct doc *d, struct doc_layout *lay, struct oi_error *err);
void doc_layout_release(struct doc_layout *lay);

/* text with every ASCII digit turned into a Thai digit when thai is true (and the flags do not
 * say DOC_VERBATIM); malloc'd, never NULL. */
char *doc_digits(const char *text, bool thai, unsigned flags);

/* Whether a heading of this level goes into the table of contents. */
static inline bool doc_heading_in_toc(const struct doc_block *b)
{
	return b->kind == DOC_B_HEADING && (b->level == 1 || b->level == 2);
}

/* The columns cell i of a row really spans: its colspan cut at the table's last column; 0 for
 * a cell that starts past it (dropped). col is the column the cell starts at. */
static inline size_t doc_span(const struct doc_table *t, size_t col, const struct doc_cell *c)
{
	if (col >= t->ncols)
		return 0;
	return c->colspan < t->ncols - col ? c->colspan : t->ncols - col;
}

/* XML/HTML escaping of s into out (& < > " ' as entities; control bytes other than tab and
 * newline dropped, as XML 1.0 forbids them). */
void doc_xml_escape(struct buf *out, const char *s);

#endif
