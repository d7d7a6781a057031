/*
 * doc.h — a document, built once, rendered as PDF, DOCX or HTML, its tables as CSV or XLSX.
 *
 * The reports of issue 5 (analysis, measures, progress, memo) are composed as a list of blocks —
 * headings, paragraphs, tables, a memo header, signatures, page breaks, a table of contents —
 * and each renderer lays the same blocks out in the official look of Thai government documents:
 * A4 portrait (or landscape per section), the font "Laksaman" (fonts-tlwg-laksaman, a TH Sarabun
 * design) at 16 pt, margins top 2.5 cm, left 3 cm, right 2 cm, bottom 2 cm, page numbers at
 * the top centre as "- ๒ -" from the second numbered page, dates and digits as the composer
 * writes them (Thai digits when options.thai_digits: every ASCII digit of a text is shown as a
 * Thai digit unless the block or cell is DOC_VERBATIM, as URLs and codes must be).
 *
 * PDF: Cairo + Pango, so Thai is shaped and broken between words (libthai) — never mid-word;
 * tables split across pages between rows (a row taller than a page is split between lines) with
 * the header rows repeated on every page. DOCX: WordprocessingML in a zip (libzip) that Word and
 * LibreOffice open and edit, table header rows marked to repeat. HTML: one self-contained page
 * (inline CSS, print styles for A4).
 *
 * Memory: a struct doc copies every string it is given; doc_free() frees all. Building cannot
 * fail (out of memory aborts, arena.h policy); rendering returns -1 with err filled.
 */
#ifndef OPENITA_RENDER_DOC_H
#define OPENITA_RENDER_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "openita/error.h"

/* Flags of a paragraph or a cell. */
#define DOC_BOLD      0x01u
#define DOC_CENTER    0x02u
#define DOC_RIGHT     0x04u
#define DOC_JUSTIFY   0x08u     /* Thai distributed justification is not asked for: plain
				   justify (PDF: Pango justify) */
#define DOC_INDENT    0x10u     /* first-line indent 2.5 cm, as paragraphs of Thai letters */
#define DOC_VERBATIM  0x20u     /* no digit conversion (URLs, codes such as "O42") */
#define DOC_SMALL     0x40u     /* 14 pt instead of 16 (dense tables) */
#define DOC_KEEP_NEXT 0x80u     /* keep with the next block on one page (captions, headings
				   always keep with next) */

struct doc_options {
	bool thai_digits;            /* show digits as ๐–๙ */
	const char *title;           /* document title (PDF/DOCX metadata, HTML <title>) */
	const char *font_family;     /* NULL: "Laksaman" */
	double font_size_pt;         /* 0: 16 */
};

struct doc;

/* A new, empty document; options are copied. */
struct doc *doc_new(const struct doc_options *options);
void doc_free(struct doc *d);

/*
 * Headings. level 0: the document title (bold, 20 pt, centred). level 1: a section (bold);
 * level 2: a subsection (bold). Levels 1 and 2 go into the table of contents. A heading keeps
 * with the next block.
 */
void doc_heading(struct doc *d, int level, const char *text);

/* A paragraph of text with DOC_* flags. Newlines in text start new lines in the paragraph. */
void doc_paragraph(struct doc *d, unsigned flags, const char *text);

/* Vertical space of pt points. */
void doc_space(struct doc *d, double pt);

/* Start a new page (nothing when the current page is still empty: no blank pages). */
void doc_page_break(struct doc *d);

/*
 * Page numbering starts at the next page, counting 1, and is shown from its second page on
 * ("- 2 -" at the top centre). Pages before the first doc_number_pages() carry no number (a
 * cover, a preface). Without a call, every page is numbered from the first. "The next page" is
 * the page the next block lands on: a new page when the current one holds something, the
 * current page when it is still empty (so doc_page_break() then doc_number_pages() makes one
 * break, not two).
 */
void doc_number_pages(struct doc *d);

/*
 * Landscape pages (A4 turned) from the next page on until doc_portrait(); each starts a new page.
 * Wide action tables use it.
 */
void doc_landscape(struct doc *d);
void doc_portrait(struct doc *d);

/* The table of contents: every level-1 and level-2 heading after it, with its page number
 * (PDF: laid out in two passes; DOCX: the same list with numbers from the PDF layout; HTML:
 * links). Right-aligned page numbers under the heading "หน้า". */
void doc_toc(struct doc *d, const char *title);

/* The header of an official memo (บันทึกข้อความ, ระเบียบงานสารบรรณ): the title "บันทึกข้อความ"
 * large and bold, then ส่วนราชการ, ที่ and วันที่ (on one line), เรื่อง, each label bold with its
 * value after it and a dotted line to the margin, then a rule, then "เรียน <to>". NULL fields
 * are left with dotted lines to fill by hand. */
struct doc_memo_header {
	const char *department, *reference_no, *date, *subject, *to;
};
void doc_memo_header(struct doc *d, const struct doc_memo_header *m);

/* A signature block in the right half: space to sign, "(name)" and position lines centred. */
void doc_signature(struct doc *d, const char *name, const char *position);

/*
 * A table: ncols columns whose widths are the relative weights widths[0..ncols) (copied) of the
 * text width; the first header_rows rows are the header (bold, shaded, repeated on every page).
 * caption (may be NULL) is a bold line above the table, kept with it, and names the table in
 * CSV/XLSX exports. Rows are then given cell by cell; doc_table_row_end() ends a row (missing
 * cells are empty). A cell spanning several columns gives colspan > 1.
 */
struct doc_table;
struct doc_table *doc_table_begin(struct doc *d, const char *caption, size_t ncols,
				  const double *widths, size_t header_rows);
void doc_table_cell(struct doc_table *t, unsigned flags, const char *text);
void doc_table_cell_span(struct doc_table *t, unsigned flags, size_t colspan, const char *text);
void doc_table_row_end(struct doc_table *t);
void doc_table_end(struct doc_table *t);

/* Renderers: append the file's bytes to out. Return 0, or -1 with err filled (out may then
 * hold part of a file: the caller discards it). */
int doc_render_pdf(const struct doc *d, struct buf *out, struct oi_error *err);
int doc_render_docx(const struct doc *d, struct buf *out, struct oi_error *err);
int doc_render_html(const struct doc *d, struct buf *out, struct oi_error *err);

/*
 * How many times the PDF layout had to break a word between its characters because the word is
 * wider than its line or cell (Pango's fallback), or let a line run wider than its cell (a
 * number, which is never broken: "๑๐๐.๐๐", "+๔๓.๗๕"). Text marked DOC_VERBATIM (URLs, codes)
 * is not counted. 0 means no word is broken mid-word and nothing runs over a cell's edge; a
 * composer whose tables give 0 keeps Thai readable. Runs the layout; -1 on error.
 */
int doc_words_cut(const struct doc *d, struct oi_error *err);

/* Number of pages of the PDF layout (runs the layout; -1 on error). */
int doc_page_count(const struct doc *d, struct oi_error *err);

/* Tables: how many, and each as CSV (RFC 4180, UTF-8 with BOM so Excel shows Thai, caption as
 * a first line of its own when present, spans repeated as empty cells) or all of them as one
 * XLSX workbook (a sheet per table, named by its caption, header rows bold). */
size_t doc_table_count(const struct doc *d);
int doc_table_csv(const struct doc *d, size_t table, struct buf *out, struct oi_error *err);
int doc_tables_xlsx(const struct doc *d, struct buf *out, struct oi_error *err);

#endif
