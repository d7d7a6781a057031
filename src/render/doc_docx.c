/*
 * doc_docx.c — a document as a WordprocessingML package (doc.h) that Word and LibreOffice open
 * and edit: [Content_Types].xml, _rels/.rels, word/document.xml, word/styles.xml,
 * word/settings.xml, two headers (the page number as a PAGE field between dashes, and an empty
 * one; Thai digits come from the sections' w:fmt="thaiNumbers", which Word honours and
 * LibreOffice shows as ASCII digits), docProps/core.xml, zipped in memory with libzip.
 *
 * The page is the PDF's: A4 (11906 x 16838 twips, turned for landscape sections), margins top
 * 1417, left 1701, right 1134, bottom 1134 twips; the font of the options for Latin and complex
 * script alike (Thai is a complex script to Word, so w:cs, w:szCs and w:bCs carry its look).
 * Sections break where the orientation changes and where numbering starts; the section that
 * starts numbering restarts at 1 and hides the number on its first page (titlePg with an empty
 * first-page header), as the PDF does. Table header rows repeat (w:tblHeader); spans are
 * w:gridSpan over a fixed grid. The table of contents is a static list whose page numbers come
 * from the PDF layout (doc_layout_run). Every text is XML-escaped; digits as in the PDF.
 * Elements inside w:pPr, w:rPr, w:tblPr, w:sectPr and w:settings keep the schema's order, which
 * Word (unlike LibreOffice) enforces.
 */
#include "doc_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#define TW_A4_W 11906
#define TW_A4_H 16838
#define TW_TOP 1417
#define TW_LEFT 1701
#define TW_RIGHT 1134
#define TW_BOTTOM 1134
#define TW_INDENT 1417
#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

struct writer {
	const struct doc *d;
	struct buf *x;               /* word/document.xml */
	int half_pt;                 /* body size in half-points */
	bool landscape;
	bool numbered;               /* the current section shows numbers */
	bool restart;                /* the current section starts numbering at 1 */
	const int *pages;            /* shown page of every block (PDF layout) */
};

static int text_w(const struct writer *w)
{
	return (w->landscape ? TW_A4_H : TW_A4_W) - TW_LEFT - TW_RIGHT;
}

/* Runs of text: newlines become <w:br/>, digits converted per flags. */
static void runs(struct writer *w, const char *s, unsigned flags, bool bold, int half_pt)
{
	char *shown = doc_digits(s, w->d->options.thai_digits, flags);
	char *line = shown;

	buf_puts(w->x, "<w:r><w:rPr>");
	if (bold || (flags & DOC_BOLD))
		buf_puts(w->x, "<w:b/><w:bCs/>");
	if (flags & DOC_SMALL)
		half_pt -= 4;
	if (half_pt != w->half_pt)
		buf_printf(w->x, "<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/>", half_pt, half_pt);
	buf_puts(w->x, "</w:rPr>");
	for (char *p = shown;; p++) {
		if (*p == '\n' || *p == '\0') {
			char c = *p;

			*p = '\0';
			buf_puts(w->x, "<w:t xml:space=\"preserve\">");
			doc_xml_escape(w->x, line);
			buf_puts(w->x, "</w:t>");
			if (c == '\0')
				break;
			buf_puts(w->x, "<w:br/>");
			line = p + 1;
		}
	}
	buf_puts(w->x, "</w:r>");
	free(shown);
}

static const char *jc(unsigned flags)
{
	return flags & DOC_CENTER ? "center" : flags & DOC_RIGHT ? "right"
	       : flags & DOC_JUSTIFY ? "both" : NULL;
}

/* <w:p> with paragraph properties (style may be NULL) and one run of text. */
static void para(struct writer *w, const char *style, unsigned flags, bool keep_next,
		 const char *text, bool bold, int half_pt)
{
	const char *align = jc(flags);

	buf_puts(w->x, "<w:p><w:pPr>");
	if (style)
		buf_printf(w->x, "<w:pStyle w:val=\"%s\"/>", style);
	if (keep_next || (flags & DOC_KEEP_NEXT))
		buf_puts(w->x, "<w:keepNext/>");
	if (flags & DOC_INDENT)
		buf_printf(w->x, "<w:ind w:firstLine=\"%d\"/>", TW_INDENT);
	if (align)
		buf_printf(w->x, "<w:jc w:val=\"%s\"/>", align);
	buf_puts(w->x, "</w:pPr>");
	if (text && *text)
		runs(w, text, flags, bold, half_pt);
	buf_puts(w->x, "</w:p>\n");
}

/* The properties of the section that ends here. */
static void sect_pr(struct writer *w)
{
	buf_puts(w->x, "<w:sectPr>");
	if (w->numbered) {
		buf_puts(w->x, "<w:headerReference w:type=\"default\" r:id=\"rIdHdrNum\"/>");
		buf_puts(w->x, "<w:headerReference w:type=\"first\" r:id=\"rIdHdrEmpty\"/>");
	} else {
		buf_puts(w->x, "<w:headerReference w:type=\"default\" r:id=\"rIdHdrEmpty\"/>");
		buf_puts(w->x, "<w:headerReference w:type=\"first\" r:id=\"rIdHdrEmpty\"/>");
	}
	if (w->landscape)
		buf_printf(w->x, "<w:pgSz w:w=\"%d\" w:h=\"%d\" w:orient=\"landscape\"/>", TW_A4_H,
			   TW_A4_W);
	else
		buf_printf(w->x, "<w:pgSz w:w=\"%d\" w:h=\"%d\"/>", TW_A4_W, TW_A4_H);
	buf_printf(w->x, "<w:pgMar w:top=\"%d\" w:right=\"%d\" w:bottom=\"%d\" w:left=\"%d\" "
		   "w:header=\"680\" w:footer=\"567\" w:gutter=\"0\"/>", TW_TOP, TW_RIGHT,
		   TW_BOTTOM, TW_LEFT);
	if (w->numbered || w->restart) {
		buf_puts(w->x, "<w:pgNumType");
		if (w->d->options.thai_digits)
			buf_puts(w->x, " w:fmt=\"thaiNumbers\"");
		if (w->restart)
			buf_puts(w->x, " w:start=\"1\"");
		buf_puts(w->x, "/>");
	}
	if (w->restart)
		buf_puts(w->x, "<w:titlePg/>");
	buf_puts(w->x, "</w:sectPr>");
}

static void section_break(struct writer *w)
{
	buf_puts(w->x, "<w:p><w:pPr>");
	sect_pr(w);
	buf_puts(w->x, "</w:pPr></w:p>\n");
	w->restart = false;
}

static void tc_open(struct writer *w, int width, size_t span, bool header)
{
	buf_printf(w->x, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>", width);
	if (span > 1)
		buf_printf(w->x, "<w:gridSpan w:val=\"%zu\"/>", span);
	if (header)
		buf_puts(w->x, "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"DCDCDC\"/>");
	buf_puts(w->x, "</w:tcPr>");
}

static void table(struct writer *w, const struct doc_table *t)
{
	int tw = text_w(w);
	int *grid = xcalloc(t->ncols, sizeof *grid);

	if (t->caption)
		para(w, NULL, 0, t->nrows > 0, t->caption, true, w->half_pt);
	if (t->nrows == 0) {   /* Word refuses a table without rows */
		free(grid);
		return;
	}
	buf_puts(w->x, "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/>");
	buf_printf(w->x, "<w:tblW w:w=\"%d\" w:type=\"dxa\"/>", tw);
	buf_puts(w->x, "<w:tblBorders>");
	for (int i = 0; i < 6; i++) {
		static const char *const sides[] = {"top", "left", "bottom", "right", "insideH",
						    "insideV"};

		buf_printf(w->x, "<w:%s w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>",
			   sides[i]);
	}
	buf_puts(w->x, "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"80\" w:type=\"dxa\"/>"
		 "<w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>");
	for (size_t c = 0; c < t->ncols; c++) {
		grid[c] = (int)(t->widths[c] * tw);
		buf_printf(w->x, "<w:gridCol w:w=\"%d\"/>", grid[c]);
	}
	buf_puts(w->x, "</w:tblGrid>\n");
	for (size_t r = 0; r < t->nrows; r++) {
		const struct doc_row *row = &t->rows[r];
		bool header = r < t->header_rows;
		size_t col = 0;

		buf_puts(w->x, "<w:tr>");
		if (header)
			buf_puts(w->x, "<w:trPr><w:tblHeader/></w:trPr>");
		for (size_t i = 0; i < row->ncells; i++) {
			const struct doc_cell *c = &row->cells[i];
			size_t span = doc_span(t, col, c);
			unsigned flags = c->flags;
			int width = 0;

			if (!span)
				break;
			for (size_t k = col; k < col + span; k++)
				width += grid[k];
			if (header && !(flags & (DOC_CENTER | DOC_RIGHT)))
				flags |= DOC_CENTER;
			tc_open(w, width, span, header);
			para(w, NULL, flags & ~(unsigned)DOC_INDENT, false, c->text, header,
			     w->half_pt);
			buf_puts(w->x, "</w:tc>");
			col += span;
		}
		for (; col < t->ncols; col++) {
			tc_open(w, grid[col], 1, header);
			buf_puts(w->x, "<w:p/></w:tc>");
		}
		buf_puts(w->x, "</w:tr>\n");
	}
	buf_puts(w->x, "</w:tbl>\n");
	para(w, NULL, 0, false, "", false, w->half_pt);   /* Word needs a paragraph after a table */
	free(grid);
}

/* A memo line: bold label, the value, dots to the tab stop at pos. */
static void memo_field(struct writer *w, const char *label, const char *value, int half_pt)
{
	runs(w, label, 0, true, half_pt + 8);
	runs(w, " ", 0, false, half_pt);
	if (value && *value)
		runs(w, value, 0, false, half_pt);
	buf_puts(w->x, "<w:r><w:tab/></w:r>");
}

static void memo(struct writer *w, const struct doc_memo_header *m)
{
	int tw = text_w(w), hp = w->half_pt;

	para(w, NULL, DOC_CENTER, true, "บันทึกข้อความ", true, hp + 26);
	buf_printf(w->x, "<w:p><w:pPr><w:keepNext/><w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" "
		   "w:pos=\"%d\"/></w:tabs></w:pPr>", tw);
	memo_field(w, "ส่วนราชการ", m->department, hp);
	buf_puts(w->x, "</w:p>\n");
	buf_printf(w->x, "<w:p><w:pPr><w:keepNext/><w:tabs><w:tab w:val=\"left\" w:leader=\"dot\" "
		   "w:pos=\"%d\"/><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"%d\"/></w:tabs>"
		   "</w:pPr>", tw / 2 - 120, tw);
	memo_field(w, "ที่", m->reference_no, hp);
	runs(w, " ", 0, false, hp);
	memo_field(w, "วันที่", m->date, hp);
	buf_puts(w->x, "</w:p>\n");
	buf_printf(w->x, "<w:p><w:pPr><w:keepNext/><w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" "
		   "w:space=\"4\" w:color=\"000000\"/></w:pBdr><w:tabs><w:tab w:val=\"right\" "
		   "w:leader=\"dot\" w:pos=\"%d\"/></w:tabs></w:pPr>", tw);
	memo_field(w, "เรื่อง", m->subject, hp);
	buf_puts(w->x, "</w:p>\n");
	buf_puts(w->x, "<w:p><w:pPr><w:spacing w:before=\"120\"/></w:pPr>");
	runs(w, "เรียน  ", 0, false, hp);
	if (m->to)
		runs(w, m->to, 0, false, hp);
	buf_puts(w->x, "</w:p>\n");
}

static void signature(struct writer *w, const struct doc_block *b)
{
	size_t len = strlen(b->text) + 3;
	char *name = xmalloc(len);
	int tw = text_w(w);

	snprintf(name, len, "(%s)", b->text);
	buf_printf(w->x, "<w:p><w:pPr><w:keepNext/><w:spacing w:before=\"900\"/>"
		   "<w:ind w:left=\"%d\"/><w:jc w:val=\"center\"/></w:pPr>", tw / 2);
	runs(w, name, 0, false, w->half_pt);
	buf_puts(w->x, "</w:p>\n");
	free(name);
	if (*b->text2) {
		buf_printf(w->x, "<w:p><w:pPr><w:ind w:left=\"%d\"/><w:jc w:val=\"center\"/>"
			   "</w:pPr>", tw / 2);
		runs(w, b->text2, 0, false, w->half_pt);
		buf_puts(w->x, "</w:p>\n");
	}
}

static void toc(struct writer *w, size_t at)
{
	const struct doc *d = w->d;
	int tw = text_w(w);

	para(w, "Heading2", DOC_CENTER, true, d->blocks[at].text, true, w->half_pt + 4);
	para(w, NULL, DOC_RIGHT, true, "หน้า", true, w->half_pt);
	for (size_t i = at + 1; i < d->nblocks; i++) {
		const struct doc_block *b = &d->blocks[i];
		char num[24] = "";

		if (!doc_heading_in_toc(b))
			continue;
		if (w->pages[i] > 0)
			snprintf(num, sizeof num, "%d", w->pages[i]);
		buf_printf(w->x, "<w:p><w:pPr><w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" "
			   "w:pos=\"%d\"/></w:tabs><w:ind w:left=\"%d\"/></w:pPr>", tw,
			   b->level == 2 ? 567 : 0);
		runs(w, b->text, 0, b->level == 1, w->half_pt);
		buf_puts(w->x, "<w:r><w:tab/></w:r>");
		runs(w, num, 0, false, w->half_pt);
		buf_puts(w->x, "</w:p>\n");
	}
}

/*
 * The blocks in order. A page break is held back until something follows it, so that a break
 * right before a section break (which starts a new page itself) does not leave a blank page.
 */
static void body(struct writer *w)
{
	const struct doc *d = w->d;
	bool any_numbering = false;
	bool section_used = false;   /* something written in the current section */
	bool page_used = false;      /* something written since the last page break */
	bool pending_break = false;

	for (size_t i = 0; i < d->nblocks; i++)
		any_numbering = any_numbering || d->blocks[i].kind == DOC_B_NUMBER_PAGES;
	w->numbered = w->restart = !any_numbering;
	for (size_t i = 0; i < d->nblocks; i++) {
		const struct doc_block *b = &d->blocks[i];
		bool turn = (b->kind == DOC_B_LANDSCAPE && !w->landscape) ||
			    (b->kind == DOC_B_PORTRAIT && w->landscape);

		if (b->kind == DOC_B_PAGE_BREAK) {
			pending_break = pending_break || page_used;
			continue;
		}
		if (b->kind == DOC_B_NUMBER_PAGES || turn) {
			if (section_used)
				section_break(w);
			section_used = page_used = pending_break = false;
			if (turn)
				w->landscape = b->kind == DOC_B_LANDSCAPE;
			else
				w->numbered = w->restart = true;
			continue;
		}
		if (b->kind == DOC_B_LANDSCAPE || b->kind == DOC_B_PORTRAIT)
			continue;
		if (pending_break)
			buf_puts(w->x, "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>\n");
		pending_break = false;
		section_used = page_used = true;
		switch (b->kind) {
		case DOC_B_HEADING: {
			static const char *const styles[] = {"Title", "Heading1", "Heading2"};
			static const int plus[] = {8, 4, 0};

			para(w, styles[b->level], b->level == 0 ? DOC_CENTER : 0, true, b->text,
			     true, w->half_pt + plus[b->level]);
			break;
		}
		case DOC_B_PARAGRAPH:
			para(w, NULL, b->flags, false, b->text, false, w->half_pt);
			break;
		case DOC_B_SPACE:
			buf_printf(w->x, "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" "
				   "w:line=\"%d\" w:lineRule=\"exact\"/></w:pPr></w:p>\n",
				   (int)(b->pt * 20) > 20 ? (int)(b->pt * 20) : 20);
			break;
		case DOC_B_TOC:
			toc(w, i);
			break;
		case DOC_B_MEMO:
			memo(w, &b->memo);
			break;
		case DOC_B_SIGNATURE:
			signature(w, b);
			break;
		case DOC_B_TABLE:
			table(w, b->table);
			break;
		default:
			break;
		}
	}
}

static void document_xml(struct writer *w)
{
	size_t start;

	buf_puts(w->x, XML_DECL "<w:document xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\"><w:body>\n");
	start = w->x->len;
	body(w);
	if (w->x->len == start)
		buf_puts(w->x, "<w:p/>\n");   /* an empty document still has a paragraph */
	sect_pr(w);
	buf_puts(w->x, "</w:body></w:document>\n");
}

static void styles_xml(const struct doc *d, struct buf *x)
{
	int hp = (int)(d->options.font_size_pt * 2 + 0.5);

	buf_puts(x, XML_DECL "<w:styles xmlns:w=\"" NS_W "\"><w:docDefaults><w:rPrDefault><w:rPr>"
		 "<w:rFonts w:ascii=\"");
	doc_xml_escape(x, d->options.font_family);
	buf_puts(x, "\" w:hAnsi=\"");
	doc_xml_escape(x, d->options.font_family);
	buf_puts(x, "\" w:eastAsia=\"");
	doc_xml_escape(x, d->options.font_family);
	buf_puts(x, "\" w:cs=\"");
	doc_xml_escape(x, d->options.font_family);
	buf_printf(x, "\"/><w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/>"
		   "<w:lang w:val=\"en-US\" w:eastAsia=\"en-US\" w:bidi=\"th-TH\"/></w:rPr>"
		   "</w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" "
		   "w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>\n", hp, hp);
	buf_puts(x, "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
		 "<w:name w:val=\"Normal\"/><w:qFormat/></w:style>\n");
	buf_printf(x, "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/>"
		   "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr>"
		   "<w:keepNext/><w:spacing w:after=\"200\"/><w:jc w:val=\"center\"/></w:pPr><w:rPr>"
		   "<w:b/><w:bCs/><w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/></w:rPr></w:style>\n",
		   hp + 8, hp + 8);
	for (int level = 1; level <= 2; level++)
		buf_printf(x, "<w:style w:type=\"paragraph\" w:styleId=\"Heading%d\">"
			   "<w:name w:val=\"heading %d\"/><w:basedOn w:val=\"Normal\"/>"
			   "<w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/>"
			   "<w:spacing w:before=\"%d\" w:after=\"80\"/><w:outlineLvl w:val=\"%d\"/>"
			   "</w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/>"
			   "</w:rPr></w:style>\n", level, level, level == 1 ? 240 : 120, level - 1,
			   hp + (level == 1 ? 4 : 0), hp + (level == 1 ? 4 : 0));
	buf_puts(x, "<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/>"
		 "<w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
		 "w:color=\"000000\"/><w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
		 "w:color=\"000000\"/><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
		 "w:color=\"000000\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
		 "w:color=\"000000\"/><w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
		 "w:color=\"000000\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
		 "w:color=\"000000\"/></w:tblBorders></w:tblPr></w:style>\n</w:styles>\n");
}

static void header_xml(struct buf *x, bool number, bool thai)
{
	buf_puts(x, XML_DECL "<w:hdr xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\"><w:p><w:pPr>"
		 "<w:jc w:val=\"center\"/></w:pPr>");
	if (number)
		buf_printf(x, "<w:r><w:t xml:space=\"preserve\">- </w:t></w:r>"
			   "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
			   "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
			   "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
			   "<w:r><w:t>%s</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
			   "<w:r><w:t xml:space=\"preserve\"> -</w:t></w:r>",
			   thai ? "\xE0\xB9\x92" : "2");
	buf_puts(x, "</w:p></w:hdr>\n");
}

static const char content_types[] = XML_DECL
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	"<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package."
	"relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	"<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-"
	"officedocument.wordprocessingml.document.main+xml\"/>"
	"<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-"
	"officedocument.wordprocessingml.styles+xml\"/>"
	"<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-"
	"officedocument.wordprocessingml.settings+xml\"/>"
	"<Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-"
	"officedocument.wordprocessingml.header+xml\"/>"
	"<Override PartName=\"/word/header2.xml\" ContentType=\"application/vnd.openxmlformats-"
	"officedocument.wordprocessingml.header+xml\"/>"
	"<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-"
	"package.core-properties+xml\"/></Types>\n";

static const char package_rels[] = XML_DECL
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"" NS_R "/officeDocument\" Target=\"word/document.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
	"relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
	"</Relationships>\n";

static const char document_rels[] = XML_DECL
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rIdStyles\" Type=\"" NS_R "/styles\" Target=\"styles.xml\"/>"
	"<Relationship Id=\"rIdSettings\" Type=\"" NS_R "/settings\" Target=\"settings.xml\"/>"
	"<Relationship Id=\"rIdHdrNum\" Type=\"" NS_R "/header\" Target=\"header1.xml\"/>"
	"<Relationship Id=\"rIdHdrEmpty\" Type=\"" NS_R "/header\" Target=\"header2.xml\"/>"
	"</Relationships>\n";

static const char settings[] = XML_DECL
	"<w:settings xmlns:w=\"" NS_W "\"><w:defaultTabStop w:val=\"720\"/>"
	"<w:characterSpacingControl w:val=\"doNotCompress\"/><w:compat><w:compatSetting "
	"w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" "
	"w:val=\"15\"/></w:compat><w:themeFontLang w:val=\"en-US\" w:bidi=\"th-TH\"/>"
	"</w:settings>\n";

static void core_xml(const struct doc *d, struct buf *x)
{
	buf_puts(x, XML_DECL "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/"
		 "package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/"
		 "1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/"
		 "2001/XMLSchema-instance\"><dc:title>");
	doc_xml_escape(x, d->options.title ? d->options.title : "");
	buf_puts(x, "</dc:title><dc:creator>openita</dc:creator><dc:language>th-TH</dc:language>"
		 "</cp:coreProperties>\n");
}

/* Add a part to the archive; libzip takes a malloc'd copy. */
static int add_part(zip_t *za, const char *name, const void *data, size_t len,
		    struct oi_error *err)
{
	void *copy = xmalloc(len ? len : 1);
	zip_source_t *s;

	memcpy(copy, data, len);
	s = zip_source_buffer(za, copy, len, 1);
	if (!s) {
		free(copy);
		return oi_error_set(err, name, 0, 0, "libzip: %s", zip_strerror(za));
	}
	if (zip_file_add(za, name, s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
		zip_source_free(s);
		return oi_error_set(err, name, 0, 0, "libzip: %s", zip_strerror(za));
	}
	return 0;
}

/* Zip the parts into out. */
static int zip_parts(const char *const *names, struct buf *parts, size_t n, struct buf *out,
		     struct oi_error *err)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	zip_stat_t st;
	char chunk[16384];
	zip_int64_t got;
	int ret = 0;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (!src) {
		ret = oi_error_set(err, "", 0, 0, "libzip: %s", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return ret;
	}
	za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	if (!za) {
		ret = oi_error_set(err, "", 0, 0, "libzip: %s", zip_error_strerror(&ze));
		zip_source_free(src);
		zip_error_fini(&ze);
		return ret;
	}
	zip_source_keep(src);
	for (size_t i = 0; i < n && ret == 0; i++)
		ret = add_part(za, names[i], parts[i].data ? parts[i].data : "", parts[i].len, err);
	if (ret < 0) {
		zip_discard(za);
		zip_source_free(src);
		zip_error_fini(&ze);
		return -1;
	}
	if (zip_close(za) < 0) {
		ret = oi_error_set(err, "", 0, 0, "libzip: %s", zip_strerror(za));
		zip_discard(za);
		zip_source_free(src);
		zip_error_fini(&ze);
		return ret;
	}
	if (zip_source_stat(src, &st) < 0 || zip_source_open(src) < 0) {
		ret = oi_error_set(err, "", 0, 0, "libzip: cannot read the archive back");
		zip_source_free(src);
		zip_error_fini(&ze);
		return ret;
	}
	while ((got = zip_source_read(src, chunk, sizeof chunk)) > 0)
		buf_add(out, chunk, (size_t)got);
	if (got < 0)
		ret = oi_error_set(err, "", 0, 0, "libzip: cannot read the archive back");
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
	return ret;
}

int doc_render_docx(const struct doc *d, struct buf *out, struct oi_error *err)
{
	static const char *const names[] = {
		"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
		"word/styles.xml", "word/settings.xml", "word/header1.xml", "word/header2.xml",
		"docProps/core.xml",
	};
	enum { N = sizeof names / sizeof names[0] };
	struct buf parts[N];
	struct doc_layout lay;
	struct writer w = {0};
	int ret;

	if (doc_layout_run(d, &lay, err) < 0)
		return -1;
	for (size_t i = 0; i < N; i++)
		buf_init(&parts[i], out->max ? out->max : (size_t)1 << 30);
	buf_puts(&parts[0], content_types);
	buf_puts(&parts[1], package_rels);
	w.d = d;
	w.x = &parts[2];
	w.half_pt = (int)(d->options.font_size_pt * 2 + 0.5);
	w.pages = lay.block_page;
	document_xml(&w);
	buf_puts(&parts[3], document_rels);
	styles_xml(d, &parts[4]);
	buf_puts(&parts[5], settings);
	header_xml(&parts[6], true, d->options.thai_digits);
	header_xml(&parts[7], false, false);
	core_xml(d, &parts[8]);
	ret = 0;
	for (size_t i = 0; i < N; i++)
		if (parts[i].overflow)
			ret = oi_error_set(err, names[i], 0, 0, "the DOCX part is larger than the %zu "
					   "bytes allowed", parts[i].max);
	if (ret == 0)
		ret = zip_parts(names, parts, N, out, err);
	if (ret == 0 && out->overflow)
		ret = oi_error_set(err, "", 0, 0, "the DOCX is larger than the %zu bytes allowed",
				   out->max);
	for (size_t i = 0; i < N; i++)
		buf_release(&parts[i]);
	doc_layout_release(&lay);
	return ret;
}
