/*
 * doc_pdf.c — the PDF renderer of doc.h and the page layout the other renderers borrow.
 *
 * One walk over the blocks lays them out on A4 pages (595.28 x 841.89 pt, or turned) inside the
 * margins of the Thai official document (top 2.5 cm, left 3 cm, right 2 cm, bottom 2 cm). Text
 * is set by Pango, which shapes Thai and breaks it between words (libthai); we only ever split
 * a text between the lines Pango made. Every block is measured before it is placed:
 * paragraphs flow line by line across pages; headings and DOC_KEEP_NEXT blocks move to the next
 * page unless the start of what follows fits under them; memo headers, signatures and TOC
 * entries are never split; a table draws its header rows again at the top of every page it
 * reaches, moves a row that does not fit to the next page, and splits a row taller than a page
 * between the lines of its cells (always at least one line per page, so it ends).
 *
 * Headings of levels 1 and 2 become the PDF's bookmarks (outline).
 *
 * The walk runs without drawing to learn page numbers (doc_layout_run: the table of contents,
 * DOCX's static contents, doc_page_count) and again drawing on a cairo PDF surface. One Pango
 * context and one set of font descriptions serve a whole run.
 */
#include "doc_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#define A4_W 595.28
#define A4_H 841.89
#define CM (72.0 / 2.54)
#define MARGIN_TOP (2.5 * CM)
#define MARGIN_LEFT (3.0 * CM)
#define MARGIN_RIGHT (2.0 * CM)
#define MARGIN_BOTTOM (2.0 * CM)
#define INDENT (2.5 * CM)        /* DOC_INDENT: first-line indent of a Thai paragraph */
#define PAGE_NO_Y (1.2 * CM)     /* top of the page number line */
#define PAD_X 4.0                /* cell padding */
#define PAD_Y 2.0
#define TOC_NUM_W 40.0           /* the page number column of the contents */
#define TOC_LEVEL2_INDENT (1.0 * CM)
#define SIGN_SPACE 40.0          /* room to sign above "(name)" */
#define SIGN_W(p) (text_w(p) * 0.6)   /* the signature block: the right 60% of the line */
#define FUZZ 0.01

enum font_kind { F_BODY, F_BOLD, F_SMALL, F_SMALL_BOLD, F_TITLE, F_H1, F_MEMO_TITLE, F_MEMO_LABEL,
		 F_COUNT };

struct line {
	PangoLayoutLine *line;       /* owned by the layout */
	double x, top, bottom, base; /* points, relative to the layout */
};

/* A laid-out text: the Pango layout and its lines. */
struct text {
	PangoLayout *layout;
	struct line *lines;
	int n;
	double height;
};

/*
 * The texts laid out so far in one rendering, by content: shaping with Pango is most of what a
 * document costs, and the same text is laid out several times — to keep a heading with what
 * follows, then to place it; in the contents' first pass, then in the drawing pass. A hit hands
 * out another reference to the same layout (text_make's callers free their copy as always).
 */
#define TEXT_CACHE_SLOTS 4096

struct cached_text {
	char *text;
	enum font_kind font;
	int width;                   /* Pango units */
	unsigned flags;
	struct text t;
	struct cached_text *next;
};

struct text_cache {
	struct cached_text *slot[TEXT_CACHE_SLOTS];
};

struct pager {
	const struct doc *d;
	cairo_t *cr;                 /* NULL: measure only */
	cairo_surface_t *surface;
	PangoContext *pc;
	PangoAttrList *no_hyphens;   /* insert_hyphens off, for every layout */
	PangoFontDescription *font[F_COUNT];
	int page;                    /* physical page being filled, from 1 */
	bool landscape;
	double page_w, page_h;
	double y;                    /* where the next block goes */
	bool empty;                  /* nothing placed on this page yet */
	int number_start;            /* physical page shown as 1; 0 while pages are unnumbered */
	int *block_page;             /* out: shown page number of every block */
	int outline_parent;          /* the PDF outline entry of the last level-1 heading */
	const int *toc_pages;        /* in: page numbers of the first pass, or NULL */
	int words_cut;               /* lines that begin inside a word */
	struct text_cache *cache;    /* shared by the passes of one rendering */
};

static double left_x(const struct pager *p) { (void)p; return MARGIN_LEFT; }
static double text_w(const struct pager *p) { return p->page_w - MARGIN_LEFT - MARGIN_RIGHT; }
static double bottom_y(const struct pager *p) { return p->page_h - MARGIN_BOTTOM; }
static double body_h(const struct pager *p) { return bottom_y(p) - MARGIN_TOP; }

static int shown_number(const struct pager *p)
{
	return p->number_start ? p->page - p->number_start + 1 : 0;
}

/* ---- text ---- */

/* Lines of l that begin where Pango allows no line break (inside a word): the fallback of
 * PANGO_WRAP_WORD_CHAR for a word wider than the line; and lines wider than l's width (a
 * number, which may not be broken, longer than its cell by more than the cell's padding: it
 * would run over the cell's edge). */
static int count_words_cut(PangoLayout *l)
{
	const PangoLogAttr *attrs;
	const char *text = pango_layout_get_text(l);
	int n_attrs, cut = 0, width = pango_layout_get_width(l);
	GSList *lines = pango_layout_get_lines_readonly(l);

	attrs = pango_layout_get_log_attrs_readonly(l, &n_attrs);
	for (GSList *it = lines; it; it = it->next) {
		PangoLayoutLine *line = it->data;
		long at = g_utf8_pointer_to_offset(text, text + line->start_index);
		PangoRectangle logical;

		if (it != lines && at > 0 && at < n_attrs && !attrs[at].is_line_break &&
		    text[line->start_index - 1] != '\n')
			cut++;
		pango_layout_line_get_extents(line, NULL, &logical);
		/* into the cell's padding is still inside its edge */
		if (width > 0 && logical.width > width + (int)(PAD_X * PANGO_SCALE))
			cut++;
	}
	return cut;
}

static void layout_text(struct pager *p, struct text *t, const char *text, enum font_kind font,
			double width, unsigned flags);

static unsigned long text_hash(const char *text, enum font_kind font, int width, unsigned flags)
{
	unsigned long h = 1469598103934665603UL ^ (unsigned long)font ^
			  ((unsigned long)flags << 8) ^ ((unsigned long)(unsigned)width << 16);

	for (const unsigned char *c = (const unsigned char *)text; *c; c++)
		h = (h ^ *c) * 1099511628211UL;
	return h;
}

/* A copy of t that the caller frees with text_free (the layout is shared by reference). */
static void text_copy(struct text *out, const struct text *t)
{
	*out = *t;
	g_object_ref(t->layout);
	out->lines = xmalloc((size_t)(t->n > 0 ? t->n : 1) * sizeof *out->lines);
	memcpy(out->lines, t->lines, (size_t)t->n * sizeof *out->lines);
}

/* Lay out text (digits converted per flags) in font, width points wide; the caller frees t with
 * text_free(). Laid out once per rendering (the pager's cache), handed out as often as asked. */
static void text_make(struct pager *p, struct text *t, const char *text, enum font_kind font,
		      double width, unsigned flags)
{
	int w = (int)(width * PANGO_SCALE);
	unsigned long h;
	struct cached_text *e;

	if (!p->cache) {
		layout_text(p, t, text, font, width, flags);
		return;
	}
	h = text_hash(text, font, w, flags) % TEXT_CACHE_SLOTS;
	for (e = p->cache->slot[h]; e; e = e->next)
		if (e->font == font && e->width == w && e->flags == flags && !strcmp(e->text, text))
			break;
	if (!e) {
		e = xcalloc(1, sizeof *e);
		e->text = xmalloc(strlen(text) + 1);
		memcpy(e->text, text, strlen(text) + 1);
		e->font = font;
		e->width = w;
		e->flags = flags;
		layout_text(p, &e->t, text, font, width, flags);
		e->next = p->cache->slot[h];
		p->cache->slot[h] = e;
	}
	text_copy(t, &e->t);
}

static void text_free(struct text *t);

static void text_cache_free(struct text_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < TEXT_CACHE_SLOTS; i++)
		for (struct cached_text *e = c->slot[i], *next; e; e = next) {
			next = e->next;
			text_free(&e->t);
			free(e->text);
			free(e);
		}
	free(c);
}

/* Bytes of the character of a number at s (an ASCII or Thai digit, or . , % + - / between
 * them), or 0. */
static size_t number_char(const unsigned char *s, bool *digit)
{
	*digit = true;
	if (s[0] >= '0' && s[0] <= '9')
		return 1;
	if (s[0] == 0xE0 && s[1] == 0xB9 && s[2] >= 0x90 && s[2] <= 0x99)
		return 3;
	*digit = false;
	return s[0] == '.' || s[0] == ',' || s[0] == '%' || s[0] == '+' || s[0] == '-' ||
	       s[0] == '/' ? 1 : 0;
}

/* Forbid line breaks inside every number of text (a run of number characters holding a
 * digit): "๑๐๐.๐๐" or "+๔๓.๗๕" stays on one line, or counts as cut (count_words_cut) when a
 * cell is too narrow for it. */
static void keep_numbers_whole(PangoAttrList *attrs, const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;

	while (s[i]) {
		size_t start = i, chars = 0, len;
		bool digit, any = false;

		while (s[i] && (len = number_char(s + i, &digit)) > 0) {
			any = any || digit;
			i += len;
			chars++;
		}
		if (any && chars > 1) {
			PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);

			a->start_index = (guint)start;
			a->end_index = (guint)i;
			pango_attr_list_insert(attrs, a);
		}
		if (i == start)
			i++;
	}
}

/* Lay out text (digits converted per flags) in font, width points wide: the work itself. */
static void layout_text(struct pager *p, struct text *t, const char *text, enum font_kind font,
			double width, unsigned flags)
{
	char *shown = doc_digits(text, p->d->options.thai_digits, flags);
	PangoLayout *l = pango_layout_new(p->pc);
	PangoLayoutIter *it;
	int i = 0;

	pango_layout_set_font_description(l, p->font[font]);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, flags & DOC_CENTER ? PANGO_ALIGN_CENTER
				   : flags & DOC_RIGHT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	if (flags & DOC_JUSTIFY)
		pango_layout_set_justify(l, true);
	if (flags & DOC_INDENT)
		pango_layout_set_indent(l, (int)(INDENT * PANGO_SCALE));
	pango_layout_set_text(l, shown, -1);
	{
		/* a word broken for want of room (a URL) gets no '-' added; a number is never
		 * broken where Pango would allow it (between Thai digits) */
		PangoAttrList *attrs = p->no_hyphens ? pango_attr_list_copy(p->no_hyphens)
						     : pango_attr_list_new();

		keep_numbers_whole(attrs, shown);
		pango_layout_set_attributes(l, attrs);
		pango_attr_list_unref(attrs);
	}
	free(shown);
	if (!(flags & DOC_VERBATIM))
		p->words_cut += count_words_cut(l);
	t->layout = l;
	t->n = pango_layout_get_line_count(l);
	t->lines = xmalloc((size_t)(t->n > 0 ? t->n : 1) * sizeof *t->lines);
	it = pango_layout_get_iter(l);
	do {
		PangoRectangle logical;
		int y0, y1;

		if (i >= t->n)
			break;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		t->lines[i] = (struct line){
			.line = pango_layout_iter_get_line_readonly(it),
			.x = (double)logical.x / PANGO_SCALE,
			.top = (double)y0 / PANGO_SCALE,
			.bottom = (double)y1 / PANGO_SCALE,
			.base = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE,
		};
		i++;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	t->n = i;
	t->height = i ? t->lines[i - 1].bottom - t->lines[0].top : 0;
}

static void text_free(struct text *t)
{
	if (t->layout)
		g_object_unref(t->layout);
	free(t->lines);
	memset(t, 0, sizeof *t);
}

/* The logical width of a line in points. */
static double line_width(PangoLayoutLine *line)
{
	PangoRectangle logical;

	pango_layout_line_get_extents(line, NULL, &logical);
	return (double)logical.width / PANGO_SCALE;
}

/* Height of lines [from, to). */
static double lines_h(const struct text *t, int from, int to)
{
	return to > from ? t->lines[to - 1].bottom - t->lines[from].top : 0;
}

/* Draw lines [from, to) of t with the top of line from at (x, y). */
static void text_draw(struct pager *p, const struct text *t, int from, int to, double x, double y)
{
	if (!p->cr)
		return;
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	for (int i = from; i < to; i++) {
		const struct line *ln = &t->lines[i];

		cairo_move_to(p->cr, x + ln->x, y + ln->base - t->lines[from].top);
		pango_cairo_show_layout_line(p->cr, ln->line);
	}
}

/* ---- pages ---- */

static void page_open(struct pager *p)
{
	p->page++;
	p->page_w = p->landscape ? A4_H : A4_W;
	p->page_h = p->landscape ? A4_W : A4_H;
	p->y = MARGIN_TOP;
	p->empty = true;
	if (p->surface)
		cairo_pdf_surface_set_size(p->surface, p->page_w, p->page_h);
}

static void page_close(struct pager *p)
{
	int n = shown_number(p);

	if (!p->cr)
		return;
	if (n >= 2) {
		char num[32];
		struct text t;

		snprintf(num, sizeof num, "- %d -", n);
		text_make(p, &t, num, F_BODY, text_w(p), DOC_CENTER);
		text_draw(p, &t, 0, t.n, left_x(p), PAGE_NO_Y);
		text_free(&t);
	}
	cairo_show_page(p->cr);
}

static void new_page(struct pager *p)
{
	page_close(p);
	page_open(p);
}

/* Make room for h points: a new page unless they fit or this page is still empty. */
static void ensure(struct pager *p, double h)
{
	if (!p->empty && p->y + h > bottom_y(p) + FUZZ)
		new_page(p);
}

/* Space that vanishes at the top of a page. */
static void space(struct pager *p, double h)
{
	if (!p->empty)
		p->y += h;
	if (p->y > bottom_y(p))
		p->y = bottom_y(p);
}

/* Flow the lines of t down the pages at x; a first line alone at the foot of a page goes on to
 * the next page with the rest. */
static void flow(struct pager *p, const struct text *t, double x)
{
	int i = 0;

	while (i < t->n) {
		double avail = bottom_y(p) - p->y;
		int j = i;

		while (j < t->n && lines_h(t, i, j + 1) <= avail + FUZZ)
			j++;
		if (j == i || (i == 0 && j == 1 && t->n > 2 && !p->empty)) {
			if (p->empty) {
				j = i + 1;   /* a line taller than the page: place it anyway */
			} else {
				new_page(p);
				continue;
			}
		}
		text_draw(p, t, i, j, x, p->y);
		p->y += lines_h(t, i, j);
		p->empty = false;
		i = j;
		if (i < t->n)
			new_page(p);
	}
}

/* ---- tables ---- */

struct cell_lay {
	struct text text;
	double x, w;                 /* the cell's box across */
	int next;                    /* first line not drawn yet */
};

struct row_lay {
	struct cell_lay *cells;
	size_t n;
	double height;               /* the whole row */
};

static void row_make(struct pager *p, const struct doc_table *t, size_t r, struct row_lay *row)
{
	const struct doc_row *src = &t->rows[r];
	double tw = text_w(p), x = left_x(p);
	size_t col = 0;
	bool header = r < t->header_rows;

	row->cells = xcalloc(t->ncols, sizeof *row->cells);
	row->n = 0;
	row->height = 0;
	for (size_t i = 0; col < t->ncols; i++) {
		const struct doc_cell empty = {.text = "", .colspan = 1};
		const struct doc_cell *c = i < src->ncells ? &src->cells[i] : &empty;
		size_t span = doc_span(t, col, c);
		struct cell_lay *cl = &row->cells[row->n++];
		unsigned flags = c->flags;
		enum font_kind f;
		double w = 0;

		for (size_t k = col; k < col + span; k++)
			w += t->widths[k] * tw;
		if (header && !(flags & (DOC_RIGHT | DOC_CENTER)))
			flags |= DOC_CENTER;
		f = flags & DOC_SMALL ? (header || (flags & DOC_BOLD) ? F_SMALL_BOLD : F_SMALL)
				      : (header || (flags & DOC_BOLD) ? F_BOLD : F_BODY);
		cl->x = x;
		cl->w = w;
		text_make(p, &cl->text, c->text, f, w - 2 * PAD_X > 1 ? w - 2 * PAD_X : 1, flags);
		if (cl->text.height + 2 * PAD_Y > row->height)
			row->height = cl->text.height + 2 * PAD_Y;
		x += w;
		col += span;
	}
}

static void row_free(struct row_lay *row)
{
	for (size_t i = 0; i < row->n; i++)
		text_free(&row->cells[i].text);
	free(row->cells);
	row->cells = NULL;
	row->n = 0;
}

/* Draw, for every cell, lines [next, upto[i]) in boxes h high at the current y. */
static void row_draw(struct pager *p, struct row_lay *row, const int *upto, double h, bool header)
{
	for (size_t i = 0; i < row->n; i++) {
		struct cell_lay *c = &row->cells[i];

		if (p->cr) {
			cairo_rectangle(p->cr, c->x, p->y, c->w, h);
			if (header) {
				cairo_set_source_rgb(p->cr, 0.86, 0.86, 0.86);
				cairo_fill_preserve(p->cr);
			}
			cairo_set_source_rgb(p->cr, 0, 0, 0);
			cairo_set_line_width(p->cr, 0.6);
			cairo_stroke(p->cr);
		}
		text_draw(p, &c->text, c->next, upto[i], c->x + PAD_X, p->y + PAD_Y);
		c->next = upto[i];
	}
	p->y += h;
	p->empty = false;
}

struct table_run {
	struct row_lay *head;        /* the header rows, laid out once */
	size_t nhead;
	double head_h;
	bool repeat;                 /* header short enough to repeat */
	bool fresh;                  /* no body row on this page yet */
};

static void heads_draw(struct pager *p, struct table_run *tr)
{
	for (size_t r = 0; r < tr->nhead; r++) {
		struct row_lay *row = &tr->head[r];
		int upto[row->n > 0 ? row->n : 1];

		for (size_t i = 0; i < row->n; i++) {
			row->cells[i].next = 0;
			upto[i] = row->cells[i].text.n;
		}
		row_draw(p, row, upto, row->height, true);
	}
	tr->fresh = true;
}

static void table_new_page(struct pager *p, struct table_run *tr)
{
	new_page(p);
	if (tr->repeat)
		heads_draw(p, tr);
	else
		tr->fresh = true;
}

/* Place one body row: whole, or moved to the next page, or split between lines. */
static void row_place(struct pager *p, struct table_run *tr, struct row_lay *row)
{
	int upto[row->n > 0 ? row->n : 1];
	bool started = false;

	for (;;) {
		double avail = bottom_y(p) - p->y, rest = 0, seg = 0;
		bool moved = false;

		for (size_t i = 0; i < row->n; i++) {
			const struct cell_lay *c = &row->cells[i];
			double h = lines_h(&c->text, c->next, c->text.n) + 2 * PAD_Y;

			if (h > rest)
				rest = h;
			upto[i] = c->text.n;
		}
		if (rest <= avail + FUZZ) {
			row_draw(p, row, upto, rest, false);
			tr->fresh = false;
			return;
		}
		if (!started && !tr->fresh &&
		    rest <= body_h(p) - (tr->repeat ? tr->head_h : 0) + FUZZ) {
			table_new_page(p, tr);
			continue;
		}
		for (size_t i = 0; i < row->n; i++) {
			const struct cell_lay *c = &row->cells[i];
			int j = c->next;

			while (j < c->text.n &&
			       lines_h(&c->text, c->next, j + 1) + 2 * PAD_Y <= avail + FUZZ)
				j++;
			if (j > c->next)
				moved = true;
			upto[i] = j;
		}
		if (!moved) {
			if (!tr->fresh) {
				table_new_page(p, tr);
				continue;
			}
			for (size_t i = 0; i < row->n; i++)   /* progress, whatever the size */
				if (row->cells[i].next < row->cells[i].text.n)
					upto[i] = row->cells[i].next + 1;
		}
		for (size_t i = 0; i < row->n; i++) {
			const struct cell_lay *c = &row->cells[i];
			double h = lines_h(&c->text, c->next, upto[i]) + 2 * PAD_Y;

			if (h > seg)
				seg = h;
		}
		if (seg < avail)
			seg = avail;   /* the split row's boxes reach the foot of the page */
		row_draw(p, row, upto, seg, false);
		started = true;
		tr->fresh = false;
		table_new_page(p, tr);
	}
}

static double caption_gap(void) { return 4.0; }

/* Lines of the first body row that must come with the table's start. */
#define TABLE_START_LINES 3

/*
 * Height a table needs at its start: caption, header rows and the first TABLE_START_LINES lines
 * of its first body row (the whole row when it is shorter). A heading above keeps with that
 * much; a taller first row is split between its lines as any row that does not fit, so neither
 * a heading nor a caption is ever left alone at the foot of a page, and no page is left empty
 * before a tall row.
 */
static double table_start_h(struct pager *p, const struct doc_table *t)
{
	double h = 0;
	size_t first_body = t->header_rows;

	if (t->caption) {
		struct text c;

		text_make(p, &c, t->caption, F_BOLD, text_w(p), 0);
		h += c.height + caption_gap();
		text_free(&c);
	}
	for (size_t r = 0; r < t->nrows && r <= first_body; r++) {
		struct row_lay row;
		double rh = 0;

		row_make(p, t, r, &row);
		if (r < first_body) {
			rh = row.height;
		} else {
			for (size_t i = 0; i < row.n; i++) {
				const struct cell_lay *c = &row.cells[i];
				int n = c->text.n < TABLE_START_LINES ? c->text.n : TABLE_START_LINES;
				double ch = lines_h(&c->text, 0, n) + 2 * PAD_Y;

				if (ch > rh)
					rh = ch;
			}
		}
		h += rh;
		row_free(&row);
	}
	return h < body_h(p) ? h : body_h(p);
}

static void table_place(struct pager *p, const struct doc_table *t)
{
	struct table_run tr = {0};
	size_t nhead = t->header_rows < t->nrows ? t->header_rows : t->nrows;

	space(p, 6);
	ensure(p, table_start_h(p, t));
	if (t->caption) {
		struct text c;

		text_make(p, &c, t->caption, F_BOLD, text_w(p), 0);
		flow(p, &c, left_x(p));
		p->y += caption_gap();
		text_free(&c);
	}
	tr.head = xcalloc(nhead ? nhead : 1, sizeof *tr.head);
	tr.nhead = nhead;
	for (size_t r = 0; r < nhead; r++) {
		row_make(p, t, r, &tr.head[r]);
		tr.head_h += tr.head[r].height;
	}
	tr.repeat = tr.head_h <= body_h(p) / 2;
	heads_draw(p, &tr);
	for (size_t r = nhead; r < t->nrows; r++) {
		struct row_lay row;

		row_make(p, t, r, &row);
		row_place(p, &tr, &row);
		row_free(&row);
	}
	for (size_t r = 0; r < nhead; r++)
		row_free(&tr.head[r]);
	free(tr.head);
	space(p, 8);
}

/* ---- blocks ---- */

static void heading_text(struct pager *p, const struct doc_block *b, struct text *t)
{
	enum font_kind f = b->level == 0 ? F_TITLE : b->level == 1 ? F_H1 : F_BOLD;

	text_make(p, t, b->text, f, text_w(p), b->level == 0 ? DOC_CENTER : 0);
}

static double heading_before(const struct doc_block *b)
{
	return b->level == 0 ? 0 : b->level == 1 ? 12 : 6;
}

static double heading_after(const struct doc_block *b)
{
	return b->level == 0 ? 10 : 4;
}

static enum font_kind para_font(unsigned flags)
{
	if (flags & DOC_SMALL)
		return flags & DOC_BOLD ? F_SMALL_BOLD : F_SMALL;
	return flags & DOC_BOLD ? F_BOLD : F_BODY;
}

static double memo_h(struct pager *p, const struct doc_block *b);
static double signature_h(struct pager *p, const struct doc_block *b);

/* The least of block i that must share a page with a heading above it. */
static double next_min_h(struct pager *p, size_t i)
{
	const struct doc *d = p->d;
	double h = 0;

	for (; i < d->nblocks; i++) {
		const struct doc_block *b = &d->blocks[i];
		struct text t;

		switch (b->kind) {
		case DOC_B_SPACE:
			h += b->pt;
			continue;
		case DOC_B_NUMBER_PAGES:
			continue;
		case DOC_B_HEADING:
			heading_text(p, b, &t);
			h += heading_before(b) + t.height + heading_after(b);
			text_free(&t);
			continue;   /* a heading keeps with the next block in turn */
		case DOC_B_PARAGRAPH:
			text_make(p, &t, b->text, para_font(b->flags), text_w(p), b->flags);
			h += lines_h(&t, 0, t.n < 2 ? t.n : 2);
			text_free(&t);
			break;
		case DOC_B_TABLE:
			h += 6 + table_start_h(p, b->table);
			break;
		case DOC_B_MEMO:
			h += memo_h(p, b);
			break;
		case DOC_B_SIGNATURE:
			h += signature_h(p, b);
			break;
		default:
			break;
		}
		break;
	}
	return h < body_h(p) ? h : body_h(p);
}

static void heading_place(struct pager *p, size_t i)
{
	const struct doc_block *b = &p->d->blocks[i];
	struct text t;

	heading_text(p, b, &t);
	space(p, heading_before(b));
	ensure(p, t.height + heading_after(b) + next_min_h(p, i + 1));
	p->block_page[i] = shown_number(p);
	if (p->surface && b->level >= 1) {   /* the viewer's bookmarks */
		char *title = doc_digits(b->text, p->d->options.thai_digits, 0), link[96];
		int id;

		snprintf(link, sizeof link, "page=%d pos=[%.1f %.1f]", p->page, left_x(p), p->y);
		id = cairo_pdf_surface_add_outline(p->surface, b->level == 1 ? CAIRO_PDF_OUTLINE_ROOT
						   : p->outline_parent, title, link, 0);
		if (b->level == 1)
			p->outline_parent = id;
		free(title);
	}
	flow(p, &t, left_x(p));
	p->y += heading_after(b);
	text_free(&t);
}

static void paragraph_place(struct pager *p, size_t i)
{
	const struct doc_block *b = &p->d->blocks[i];
	struct text t;

	text_make(p, &t, b->text, para_font(b->flags), text_w(p), b->flags);
	if (b->flags & DOC_KEEP_NEXT) {
		double need = t.height + next_min_h(p, i + 1);

		if (need <= body_h(p))
			ensure(p, need);
	}
	p->block_page[i] = shown_number(p);
	flow(p, &t, left_x(p));
	p->y += 2;
	text_free(&t);
}

/* A dotted line from x0 to x1 at y. */
static void dots(struct pager *p, double x0, double x1, double y)
{
	static const double dash[] = {0.01, 2.6};

	if (!p->cr || x1 <= x0)
		return;
	cairo_save(p->cr);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	cairo_set_line_width(p->cr, 0.9);
	cairo_set_line_cap(p->cr, CAIRO_LINE_CAP_ROUND);
	cairo_set_dash(p->cr, dash, 2, 0);
	cairo_move_to(p->cr, x0, y);
	cairo_line_to(p->cr, x1, y);
	cairo_stroke(p->cr);
	cairo_restore(p->cr);
}

/* One labelled field of the memo header from x to x + w at the current y: the label in bold,
 * the value after it, a dotted line under the value to the end. Returns its height. */
static double memo_field(struct pager *p, const char *label, const char *value, double x,
			 double w, bool draw)
{
	struct text lt, vt;
	double lw, base, h, vx;

	text_make(p, &lt, label, F_MEMO_LABEL, w, 0);
	lw = lt.n ? (double)line_width(lt.lines[0].line) : 0;
	vx = x + lw + 6;
	text_make(p, &vt, value ? value : "", F_BODY, x + w - vx > 20 ? x + w - vx : 20, 0);
	base = lt.n ? lt.lines[0].base : 0;
	if (vt.n && vt.lines[0].base > base)
		base = vt.lines[0].base;
	h = lt.height;
	if (vt.n && base - vt.lines[0].base + vt.height > h)
		h = base - vt.lines[0].base + vt.height;
	if (draw && p->cr) {
		double ly = p->y + base - (lt.n ? lt.lines[0].base : 0);
		double vy = p->y + base - (vt.n ? vt.lines[0].base : 0);

		text_draw(p, &lt, 0, lt.n, x, ly);
		text_draw(p, &vt, 0, vt.n, vx, vy);
		if (vt.n == 0)
			dots(p, vx, x + w, p->y + base + 3);
		for (int i = 0; i < vt.n; i++)
			dots(p, vx, x + w, vy + vt.lines[i].base + 3);
	}
	text_free(&lt);
	text_free(&vt);
	return h;
}

static double memo_draw(struct pager *p, const struct doc_block *b, bool draw)
{
	const struct doc_memo_header *m = &b->memo;
	double x = left_x(p), w = text_w(p), y0 = p->y, h1, h2, gap = 4;
	struct text title, to;
	char *to_text;
	size_t len;

	text_make(p, &title, "บันทึกข้อความ", F_MEMO_TITLE, w, DOC_CENTER);
	if (draw)
		text_draw(p, &title, 0, title.n, x, p->y);
	p->y += title.height + gap;
	p->y += memo_field(p, "ส่วนราชการ", m->department, x, w, draw) + gap;
	h1 = memo_field(p, "ที่", m->reference_no, x, w / 2 - 6, draw);
	h2 = memo_field(p, "วันที่", m->date, x + w / 2, w / 2, draw);
	p->y += (h1 > h2 ? h1 : h2) + gap;
	p->y += memo_field(p, "เรื่อง", m->subject, x, w, draw) + gap;
	if (draw && p->cr) {
		cairo_set_source_rgb(p->cr, 0, 0, 0);
		cairo_set_line_width(p->cr, 0.8);
		cairo_move_to(p->cr, x, p->y + 2);
		cairo_line_to(p->cr, x + w, p->y + 2);
		cairo_stroke(p->cr);
	}
	p->y += 8;
	len = strlen("เรียน  ") + (m->to ? strlen(m->to) : 0) + 1;
	to_text = xmalloc(len);
	snprintf(to_text, len, "เรียน  %s", m->to ? m->to : "");
	text_make(p, &to, to_text, F_BODY, w, 0);
	free(to_text);
	if (draw)
		text_draw(p, &to, 0, to.n, x, p->y);
	p->y += to.height + 6;
	text_free(&title);
	text_free(&to);
	h1 = p->y - y0;
	p->y = y0;
	return h1;
}

static double memo_h(struct pager *p, const struct doc_block *b)
{
	return memo_draw(p, b, false);
}

static void signature_text(struct pager *p, const struct doc_block *b, struct text *t)
{
	size_t len = strlen(b->text) + strlen(b->text2) + 4;
	char *s = xmalloc(len);

	snprintf(s, len, "(%s)%s%s", b->text, *b->text2 ? "\n" : "", b->text2);
	text_make(p, t, s, F_BODY, SIGN_W(p), DOC_CENTER);
	free(s);
}

static double signature_h(struct pager *p, const struct doc_block *b)
{
	struct text t;
	double h;

	signature_text(p, b, &t);
	h = SIGN_SPACE + t.height;
	text_free(&t);
	return h;
}

static void signature_place(struct pager *p, const struct doc_block *b)
{
	struct text t;

	signature_text(p, b, &t);
	space(p, 12);
	ensure(p, SIGN_SPACE + t.height);
	p->y += SIGN_SPACE;
	text_draw(p, &t, 0, t.n, left_x(p) + text_w(p) - SIGN_W(p), p->y);
	p->y += t.height + 6;
	p->empty = false;
	text_free(&t);
}

static void toc_place(struct pager *p, size_t at)
{
	const struct doc *d = p->d;
	struct text title, head;
	double w = text_w(p), x = left_x(p);

	text_make(p, &title, d->blocks[at].text, F_H1, w, DOC_CENTER);
	text_make(p, &head, "หน้า", F_BOLD, w, DOC_RIGHT);
	ensure(p, title.height + 8 + head.height);
	flow(p, &title, x);
	p->y += 8;
	flow(p, &head, x);
	text_free(&title);
	text_free(&head);
	for (size_t i = at + 1; i < d->nblocks; i++) {
		const struct doc_block *b = &d->blocks[i];
		double indent = b->level == 2 ? TOC_LEVEL2_INDENT : 0;
		struct text entry, num;
		char numtext[24] = "";
		int n;

		if (!doc_heading_in_toc(b))
			continue;
		n = p->toc_pages ? p->toc_pages[i] : 0;
		if (n > 0)
			snprintf(numtext, sizeof numtext, "%d", n);
		text_make(p, &entry, b->text, b->level == 1 ? F_BOLD : F_BODY,
			  w - indent - TOC_NUM_W - 8, 0);
		text_make(p, &num, numtext, F_BODY, TOC_NUM_W, DOC_RIGHT);
		ensure(p, entry.height);
		if (p->cr && entry.n) {
			const struct line *last = &entry.lines[entry.n - 1];
			double end = x + indent + last->x + line_width(last->line);
			double base = p->y + last->base - entry.lines[0].top;

			text_draw(p, &entry, 0, entry.n, x + indent, p->y);
			dots(p, end + 4, x + w - TOC_NUM_W - 2, base);
			text_draw(p, &num, 0, num.n, x + w - TOC_NUM_W, base - (num.n ? num.lines[0].base : 0));
		}
		p->y += entry.height + 1;
		p->empty = false;
		text_free(&entry);
		text_free(&num);
	}
}

static void set_orientation(struct pager *p, bool landscape)
{
	if (p->landscape == landscape)
		return;
	p->landscape = landscape;
	if (p->empty) {   /* nothing drawn yet: turn this page */
		p->page--;
		page_open(p);
	} else {
		new_page(p);
	}
}

static void walk(struct pager *p)
{
	const struct doc *d = p->d;

	p->number_start = 1;
	for (size_t i = 0; i < d->nblocks; i++)
		if (d->blocks[i].kind == DOC_B_NUMBER_PAGES)
			p->number_start = 0;
	page_open(p);
	for (size_t i = 0; i < d->nblocks; i++) {
		const struct doc_block *b = &d->blocks[i];

		p->block_page[i] = shown_number(p);
		switch (b->kind) {
		case DOC_B_HEADING:
			heading_place(p, i);
			break;
		case DOC_B_PARAGRAPH:
			paragraph_place(p, i);
			break;
		case DOC_B_SPACE:
			space(p, b->pt);
			break;
		case DOC_B_PAGE_BREAK:
			if (!p->empty)
				new_page(p);
			break;
		case DOC_B_NUMBER_PAGES:
			if (!p->empty)
				new_page(p);
			p->number_start = p->page;
			break;
		case DOC_B_LANDSCAPE:
			set_orientation(p, true);
			break;
		case DOC_B_PORTRAIT:
			set_orientation(p, false);
			break;
		case DOC_B_TOC:
			toc_place(p, i);
			break;
		case DOC_B_MEMO: {
			double h = memo_h(p, b);

			ensure(p, h);
			memo_draw(p, b, true);
			p->y += h;
			p->empty = false;
			break;
		}
		case DOC_B_SIGNATURE:
			signature_place(p, b);
			break;
		case DOC_B_TABLE:
			p->block_page[i] = shown_number(p);
			table_place(p, b->table);
			break;
		}
	}
	page_close(p);
}

/* ---- runs ---- */

static void pager_init(struct pager *p, const struct doc *d, int *block_page)
{
	static const struct { enum font_kind kind; double scale, plus; bool bold; } fonts[] = {
		{F_BODY, 1, 0, false}, {F_BOLD, 1, 0, true},
		{F_SMALL, 1, -2, false}, {F_SMALL_BOLD, 1, -2, true},
		{F_TITLE, 1, 4, true}, {F_H1, 1, 2, true},
		{F_MEMO_TITLE, 1, 13, true}, {F_MEMO_LABEL, 1, 4, true},
	};
	cairo_font_options_t *fo = cairo_font_options_create();

	memset(p, 0, sizeof *p);
	p->d = d;
	p->block_page = block_page;
	p->outline_parent = CAIRO_PDF_OUTLINE_ROOT;
	p->pc = pango_font_map_create_context(pango_cairo_font_map_get_default());
	p->no_hyphens = pango_attr_list_new();
	pango_attr_list_insert(p->no_hyphens, pango_attr_insert_hyphens_new(FALSE));
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(p->pc, fo);
	cairo_font_options_destroy(fo);
	for (size_t i = 0; i < sizeof fonts / sizeof fonts[0]; i++) {
		PangoFontDescription *fd = pango_font_description_new();
		double size = d->options.font_size_pt * fonts[i].scale + fonts[i].plus;

		pango_font_description_set_family(fd, d->options.font_family);
		pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
		pango_font_description_set_weight(fd, fonts[i].bold ? PANGO_WEIGHT_BOLD
						  : PANGO_WEIGHT_NORMAL);
		p->font[fonts[i].kind] = fd;
	}
}

static void pager_release(struct pager *p)
{
	for (int i = 0; i < F_COUNT; i++)
		pango_font_description_free(p->font[i]);
	g_object_unref(p->pc);
	pango_attr_list_unref(p->no_hyphens);
}

/* The measuring pass, laying texts out through cache (may be NULL). */
static void layout_run(const struct doc *d, struct doc_layout *lay, struct text_cache *cache)
{
	struct pager p;

	lay->block_page = xcalloc(d->nblocks ? d->nblocks : 1, sizeof *lay->block_page);
	pager_init(&p, d, lay->block_page);
	p.cache = cache;
	walk(&p);
	lay->pages = p.page;
	lay->words_cut = p.words_cut;
	pager_release(&p);
}

int doc_layout_run(const struct doc *d, struct doc_layout *lay, struct oi_error *err)
{
	struct text_cache *cache = xcalloc(1, sizeof *cache);

	(void)err;
	layout_run(d, lay, cache);
	text_cache_free(cache);
	return 0;
}

void doc_layout_release(struct doc_layout *lay)
{
	free(lay->block_page);
	lay->block_page = NULL;
}

int doc_words_cut(const struct doc *d, struct oi_error *err)
{
	struct doc_layout lay;
	int n;

	if (doc_layout_run(d, &lay, err) < 0)
		return -1;
	n = lay.words_cut;
	doc_layout_release(&lay);
	return n;
}

int doc_page_count(const struct doc *d, struct oi_error *err)
{
	struct doc_layout lay;
	int n;

	if (doc_layout_run(d, &lay, err) < 0)
		return -1;
	n = lay.pages;
	doc_layout_release(&lay);
	return n;
}

static cairo_status_t pdf_write(void *closure, const unsigned char *data, unsigned int len)
{
	return buf_add(closure, data, len) == 0 ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static bool has_toc(const struct doc *d)
{
	for (size_t i = 0; i < d->nblocks; i++)
		if (d->blocks[i].kind == DOC_B_TOC)
			return true;
	return false;
}

int doc_render_pdf(const struct doc *d, struct buf *out, struct oi_error *err)
{
	struct doc_layout first = {0};
	struct text_cache *cache = xcalloc(1, sizeof *cache);   /* both passes lay out once */
	struct pager p;
	cairo_status_t st;
	int *pages = xcalloc(d->nblocks ? d->nblocks : 1, sizeof *pages);

	if (has_toc(d))
		layout_run(d, &first, cache);
	pager_init(&p, d, pages);
	p.cache = cache;
	p.toc_pages = first.block_page;
	p.surface = cairo_pdf_surface_create_for_stream(pdf_write, out, A4_W, A4_H);
	if (d->options.title)
		cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_TITLE, d->options.title);
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_CREATOR, "openita");
	p.cr = cairo_create(p.surface);
	walk(&p);
	cairo_destroy(p.cr);
	cairo_surface_finish(p.surface);
	st = cairo_surface_status(p.surface);
	cairo_surface_destroy(p.surface);
	pager_release(&p);
	text_cache_free(cache);
	doc_layout_release(&first);
	free(pages);
	if (out->overflow)
		return oi_error_set(err, "", 0, 0, "the PDF is larger than the %zu bytes allowed",
				    out->max);
	if (st != CAIRO_STATUS_SUCCESS)
		return oi_error_set(err, "", 0, 0, "cairo could not write the PDF: %s",
				    cairo_status_to_string(st));
	return 0;
}
