/*
 * doc_html.c — a document as one self-contained HTML page (doc.h): UTF-8, inline CSS in the look
 * of the PDF (Laksaman 16 pt, A4 print margins, bordered tables with shaded header rows in
 * <thead>, so browsers repeat them on printed pages), the table of contents as links to the
 * headings' anchors. Every text goes through doc_xml_escape(); digits are converted as in the
 * PDF. Page breaks and landscape sections become print-only breaks (a named @page for landscape).
 */
#include "doc_int.h"

#include <stdlib.h>

/* Escaped text with digits converted per flags; newlines become <br>. */
static void text(struct buf *out, const struct doc *d, const char *s, unsigned flags)
{
	char *shown = doc_digits(s, d->options.thai_digits, flags);
	char *line = shown;

	for (char *p = shown;; p++) {
		if (*p == '\n' || *p == '\0') {
			char c = *p;

			*p = '\0';
			doc_xml_escape(out, line);
			if (c == '\0')
				break;
			buf_puts(out, "<br>");
			line = p + 1;
		}
	}
	free(shown);
}

static const char *align_class(unsigned flags)
{
	return flags & DOC_CENTER ? " c" : flags & DOC_RIGHT ? " r" : flags & DOC_JUSTIFY ? " j" : "";
}

static void classes(struct buf *out, unsigned flags)
{
	buf_printf(out, " class=\"%s%s%s%s\"", align_class(flags), flags & DOC_BOLD ? " b" : "",
		   flags & DOC_INDENT ? " i" : "", flags & DOC_SMALL ? " s" : "");
}

static void table(struct buf *out, const struct doc *d, const struct doc_table *t)
{
	buf_puts(out, "<table>");
	if (t->caption) {
		buf_puts(out, "<caption>");
		text(out, d, t->caption, 0);
		buf_puts(out, "</caption>");
	}
	buf_puts(out, "<colgroup>");
	for (size_t c = 0; c < t->ncols; c++)
		buf_printf(out, "<col style=\"width:%.2f%%\">", t->widths[c] * 100);
	buf_puts(out, "</colgroup>");
	for (size_t r = 0; r < t->nrows; r++) {
		const struct doc_row *row = &t->rows[r];
		bool head = r < t->header_rows;
		size_t col = 0;

		if (r == 0 && head)
			buf_puts(out, "<thead>");
		if (r == t->header_rows)
			buf_puts(out, "<tbody>");
		buf_puts(out, "<tr>");
		for (size_t i = 0; i < row->ncells; i++) {
			const struct doc_cell *c = &row->cells[i];
			size_t span = doc_span(t, col, c);

			if (!span)
				break;
			buf_puts(out, head ? "<th" : "<td");
			if (span > 1)
				buf_printf(out, " colspan=\"%zu\"", span);
			classes(out, c->flags);
			buf_puts(out, ">");
			text(out, d, c->text, c->flags);
			buf_puts(out, head ? "</th>" : "</td>");
			col += span;
		}
		for (; col < t->ncols; col++)
			buf_puts(out, head ? "<th></th>" : "<td></td>");
		buf_puts(out, "</tr>");
		if (head && r + 1 == t->header_rows)
			buf_puts(out, "</thead>");
	}
	if (t->nrows > t->header_rows)
		buf_puts(out, "</tbody>");
	else if (t->nrows && t->nrows < t->header_rows)
		buf_puts(out, "</thead>");
	buf_puts(out, "</table>\n");
}

static const char style[] =
	"<style>\n"
	"@page{size:A4;margin:2.5cm 2cm 2cm 3cm}\n"
	"@page wide{size:A4 landscape}\n"
	"body{font-family:'%s','TH Sarabun New','Laksaman',sans-serif;font-size:%gpt;"
	"line-height:1.35;color:#000;margin:1cm 0;padding:0 1cm}\n"
	/* on screen each part is as wide as its printed page's text: 16 cm on portrait A4,
	   24.7 cm on landscape (the action tables), never wider than the window */
	"body>div{max-width:16cm;margin:0 auto}body>div.wide{max-width:24.7cm}\n"
	"h1{font-size:1.25em;text-align:center}h2{font-size:1.125em}h3{font-size:1em}\n"
	"h1,h2,h3{margin:.6em 0 .25em;break-after:avoid}\n"
	"p{margin:0 0 .15em}.c{text-align:center}.r{text-align:right}.j{text-align:justify}"
	".b{font-weight:bold}.i{text-indent:2.5cm}.s{font-size:.875em}\n"
	"table{border-collapse:collapse;width:100%%;margin:.4em 0 .6em}"
	"caption{font-weight:bold;text-align:left;padding-bottom:.2em}\n"
	"th,td{border:1px solid #000;padding:2pt 4pt;vertical-align:top}"
	"th{background:#dcdcdc;font-weight:bold;text-align:center}"
	"thead{display:table-header-group}tr{break-inside:avoid}\n"
	".memo-title{font-size:1.8em;font-weight:bold;text-align:center;margin:0 0 .2em}"
	".memo p{margin:.15em 0}.memo .lbl{font-weight:bold;font-size:1.25em;margin-right:.3em}"
	".memo .val{border-bottom:1px dotted #000;display:inline-block;min-width:30%%}"
	".memo hr{border:0;border-top:1px solid #000}\n"
	".sig{margin:2.5em 0 1em 50%%;text-align:center}\n"
	".toc{list-style:none;padding:0}.toc li{display:flex}.toc a{color:inherit;"
	"text-decoration:none}.toc .l2{padding-left:1cm}.toc .fill{flex:1;"
	"border-bottom:1px dotted #000;margin:0 .3em .35em}.toc .pg{min-width:2em;text-align:right}\n"
	".break{break-after:page}.wide{page:wide}\n"
	"@media print{body{margin:0;padding:0}body>div,body>div.wide{max-width:none}}\n"
	"</style>\n";

static void memo(struct buf *out, const struct doc *d, const struct doc_memo_header *m)
{
	const char *labels[] = {"ส่วนราชการ", "ที่", "วันที่", "เรื่อง"};
	const char *values[] = {m->department, m->reference_no, m->date, m->subject};

	buf_puts(out, "<div class=\"memo\"><p class=\"memo-title\">บันทึกข้อความ</p>");
	for (int i = 0; i < 4; i++) {
		if (i != 2)
			buf_puts(out, "<p>");
		else
			buf_puts(out, " &nbsp; ");
		buf_printf(out, "<span class=\"lbl\">%s</span><span class=\"val\">", labels[i]);
		text(out, d, values[i] ? values[i] : "", 0);
		buf_puts(out, "</span>");
		if (i != 1)
			buf_puts(out, "</p>");
	}
	buf_puts(out, "<hr><p>เรียน&nbsp; ");
	text(out, d, m->to ? m->to : "", 0);
	buf_puts(out, "</p></div>\n");
}

/* The font family for CSS: letters, digits, spaces and hyphens only (it sits in a quoted CSS
 * string, where HTML escaping does not apply). */
static void css_family(const char *family, char *out, size_t size)
{
	size_t n = 0;

	for (const char *p = family; *p && n + 1 < size; p++)
		if ((unsigned char)*p >= 0x80 || *p == ' ' || *p == '-' ||
		    (*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
			out[n++] = *p;
	out[n] = '\0';
}

int doc_render_html(const struct doc *d, struct buf *out, struct oi_error *err)
{
	bool wide = false;
	char family[128];

	buf_puts(out, "<!DOCTYPE html>\n<html lang=\"th\"><head><meta charset=\"utf-8\">"
		 "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>");
	doc_xml_escape(out, d->options.title ? d->options.title : "");
	buf_puts(out, "</title>\n");
	css_family(d->options.font_family, family, sizeof family);
	buf_printf(out, style, family, d->options.font_size_pt);
	buf_puts(out, "</head><body>\n<div>\n");
	for (size_t i = 0; i < d->nblocks; i++) {
		const struct doc_block *b = &d->blocks[i];

		switch (b->kind) {
		case DOC_B_HEADING:
			buf_printf(out, "<h%d id=\"h%zu\">", b->level + 1, i);
			text(out, d, b->text, 0);
			buf_printf(out, "</h%d>\n", b->level + 1);
			break;
		case DOC_B_PARAGRAPH:
			buf_puts(out, "<p");
			classes(out, b->flags);
			buf_puts(out, ">");
			text(out, d, b->text, b->flags);
			buf_puts(out, "</p>\n");
			break;
		case DOC_B_SPACE:
			buf_printf(out, "<div style=\"height:%.1fpt\"></div>\n", b->pt);
			break;
		case DOC_B_PAGE_BREAK:
			buf_puts(out, "</div>\n<div class=\"break\"></div>\n<div>\n");
			break;
		case DOC_B_NUMBER_PAGES:
			break;
		case DOC_B_LANDSCAPE:
		case DOC_B_PORTRAIT:
			if ((b->kind == DOC_B_LANDSCAPE) != wide) {
				wide = !wide;
				buf_printf(out, "</div>\n<div class=\"break\"></div>\n<div%s>\n",
					   wide ? " class=\"wide\"" : "");
			}
			break;
		case DOC_B_TOC:
			buf_puts(out, "<h2 class=\"c\">");
			text(out, d, b->text, 0);
			buf_puts(out, "</h2>\n<ul class=\"toc\">\n");
			for (size_t j = i + 1; j < d->nblocks; j++) {
				if (!doc_heading_in_toc(&d->blocks[j]))
					continue;
				buf_printf(out, "<li class=\"l%d\"><a href=\"#h%zu\">",
					   d->blocks[j].level, j);
				text(out, d, d->blocks[j].text, 0);
				buf_puts(out, "</a></li>\n");
			}
			buf_puts(out, "</ul>\n");
			break;
		case DOC_B_MEMO:
			memo(out, d, &b->memo);
			break;
		case DOC_B_SIGNATURE:
			buf_puts(out, "<p class=\"sig\">(");
			text(out, d, b->text, 0);
			buf_puts(out, ")<br>");
			text(out, d, b->text2, 0);
			buf_puts(out, "</p>\n");
			break;
		case DOC_B_TABLE:
			table(out, d, b->table);
			break;
		}
	}
	buf_puts(out, "</div>\n</body></html>\n");
	if (out->overflow)
		return oi_error_set(err, "", 0, 0, "the HTML page is larger than the %zu bytes allowed",
				    out->max);
	return 0;
}
