/*
 * test_doc.c — the document engine (src/render/doc*.c) on a realistic Thai report: a cover, a
 * table of contents, headings, indented paragraphs, a 120-row table with a two-row header and a
 * spanning cell, a landscape action table, a memo header and a signature.
 *
 * The PDF is read back with poppler's pdftotext -layout, page by page (pages end with a form
 * feed), and compared without spaces (pdftotext puts spaces where glyph runs meet): the
 * headings and cells are there, the table's header is on every page the table reaches, page
 * numbers read "- ๒ -" (or "- 2 -"), DOC_VERBATIM keeps ASCII digits, the contents' page numbers
 * are the pages the headings are on. The DOCX is unzipped and converted by LibreOffice; HTML,
 * CSV and XLSX are checked for escaping, quoting and sheets. Edge cases: a cell taller than a
 * page, an empty document, a long Thai run without word breaks. Sample pages are written as PNG
 * to build/doc-samples/ (when that folder can be made) for a person to look at.
 */
#include "testutil.h"

#include <sys/stat.h>
#include <time.h>

#include "buf.h"
#include "doc.h"

#define TABLE_ROWS 120
#define HEADER_MARK "ผลคะแนนรายปี"       /* only in the big table's header */
#define ROW_MARK "ตัวชี้วัดย่อยที่"          /* only in the big table's body rows */

static const char *const headings[] = {
	"ส่วนที่ 1 บทนำ",
	"1.1 ความเป็นมาของการประเมิน",
	"1.2 วัตถุประสงค์",
	"ส่วนที่ 2 ผลการประเมิน",
	"ส่วนที่ 3 แนวทางการพัฒนา",
	"ส่วนที่ 4 บันทึกเสนอผู้บริหาร",
};

static const char long_para[] =
	"สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติได้พัฒนาเครื่องมือการประเมิน"
	"คุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ เพื่อเป็นกลไกในการส่งเสริมให้"
	"หน่วยงานภาครัฐมีการบริหารงานด้วยความโปร่งใส มีคุณธรรม และปราศจากการทุจริต โดยในปี"
	"งบประมาณ พ.ศ. 2568 หน่วยงานได้รับผลคะแนน 87.45 คะแนน อยู่ในระดับ A ซึ่งสูงกว่า"
	"ค่าเป้าหมายที่กำหนดไว้ร้อยละ 85 ของหน่วยงานที่เข้ารับการประเมินทั้งหมด";

/* ---- helpers ---- */

/* s with ASCII digits as Thai digits (the test's own, independent of the library's). */
static char *thai(const char *s)
{
	char *out = malloc(strlen(s) * 3 + 1), *o = out;

	assert_non_null(out);
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			*o++ = (char)0xE0;
			*o++ = (char)0xB9;
			*o++ = (char)(0x90 + (*s - '0'));
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	return out;
}

/*
 * s without spaces and without the Thai marks written above or below a consonant (malloc'd).
 * pdftotext -layout orders characters by their position, and a tone mark that Laksaman shifts
 * right of a vowel above comes out after the next consonant ("ชี้ว" read as "ชีว้"); texts are
 * compared on what is left, which still tells every word apart.
 */
static char *squeeze(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;

	assert_non_null(out);
	while (*s) {
		const unsigned char *u = (const unsigned char *)s;

		if (*s == ' ') {
			s++;
			continue;
		}
		if (u[0] == 0xE0 && u[1] == 0xB8 && (u[2] == 0xB1 || (u[2] >= 0xB4 && u[2] <= 0xBA))) {
			s += 3;   /* U+0E31, U+0E34..U+0E3A */
			continue;
		}
		if (u[0] == 0xE0 && u[1] == 0xB9 && u[2] >= 0x87 && u[2] <= 0x8E) {
			s += 3;   /* U+0E47..U+0E4E */
			continue;
		}
		*o++ = *s++;
	}
	*o = '\0';
	return out;
}

static void write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* Write b to a new temporary file with the suffix; returns the malloc'd path. */
static char *temp_file(const struct buf *b, const char *suffix)
{
	char *path = malloc(96);
	int fd;

	assert_non_null(path);
	snprintf(path, 96, "/tmp/openita-doc-XXXXXX%s", suffix);
	fd = mkstemps(path, (int)strlen(suffix));
	assert_true(fd >= 0);
	close(fd);
	write_file(path, b->data, b->len);
	return path;
}

/* Run cmd; its stdout (malloc'd) and exit status. */
static char *run(const char *cmd, int *status)
{
	FILE *p = popen(cmd, "r");
	char *text = NULL;
	size_t len = 0, cap = 0;
	int c, st;

	assert_non_null(p);
	while ((c = fgetc(p)) != EOF) {
		if (len + 2 > cap) {
			cap = cap ? cap * 2 : 65536;
			text = realloc(text, cap);
			assert_non_null(text);
		}
		text[len++] = (char)c;
	}
	if (!text)
		text = calloc(1, 1);
	else
		text[len] = '\0';
	st = pclose(p);
	if (status)
		*status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	return text;
}

/* The pages of a PDF as pdftotext -layout reads them, squeezed of spaces. */
struct pages {
	char *text;          /* all pages, each ended by NUL in place of its form feed */
	char *page[512];
	int n;
};

static void pdf_pages(const struct buf *pdf, struct pages *pg)
{
	char *path = temp_file(pdf, ".pdf"), cmd[256], *raw;
	int st;

	snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 -layout '%s' - 2>&1", path);
	raw = run(cmd, &st);
	assert_int_equal(st, 0);
	unlink(path);
	free(path);
	pg->text = squeeze(raw);
	free(raw);
	pg->n = 0;
	for (char *p = pg->text, *start = p;; p++) {
		if (*p == '\f' || *p == '\0') {
			bool end = *p == '\0';

			*p = '\0';
			if (!end || *start)
				pg->page[pg->n++] = start;
			if (end || pg->n == 512)
				break;
			start = p + 1;
		}
	}
}

static bool page_has(const struct pages *pg, int i, const char *needle)
{
	char *s = squeeze(needle);
	bool found = strstr(pg->page[i], s) != NULL;

	free(s);
	return found;
}

/* ---- the sample document ---- */

static struct doc *sample(bool thai_digits)
{
	struct doc_options o = {.thai_digits = thai_digits, .title = "รายงานการวิเคราะห์ผล ITA"};
	struct doc *d = doc_new(&o);
	static const double w5[] = {0.8, 3, 1.1, 1.1, 1.6};
	static const double w6[] = {0.5, 2.5, 2.5, 1.2, 1.2, 1.6};
	struct doc_table *t;
	char line[512];

	doc_heading(d, 0, "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน"
		    "ของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. 2568");
	doc_space(d, 200);
	doc_paragraph(d, DOC_CENTER | DOC_BOLD, "องค์การบริหารส่วนตำบลโคกกกลอย\n"
		      "อำเภอตะกั่วทุ่ง จังหวัดพังงา");
	doc_page_break(d);
	doc_number_pages(d);
	doc_toc(d, "สารบัญ");
	doc_page_break(d);

	doc_heading(d, 1, headings[0]);
	doc_heading(d, 2, headings[1]);
	for (int i = 0; i < 4; i++)
		doc_paragraph(d, DOC_INDENT | DOC_JUSTIFY, long_para);
	doc_paragraph(d, DOC_INDENT | DOC_VERBATIM,
		      "ตัวชี้วัด O42 เผยแพร่ที่ https://itas.nacc.go.th/go/2568/o42 ตามประกาศ");
	doc_paragraph(d, DOC_INDENT, "ข้อความมีอักขระพิเศษ a < b & c > d \"quoted\" 'single'");
	doc_heading(d, 2, headings[2]);
	for (int i = 0; i < 3; i++)
		doc_paragraph(d, DOC_INDENT, long_para);

	doc_heading(d, 1, headings[3]);
	doc_paragraph(d, DOC_INDENT, long_para);
	t = doc_table_begin(d, "ตารางที่ 1 ผลคะแนนรายตัวชี้วัด", 5, w5, 2);
	doc_table_cell(t, 0, "ลำดับ");
	doc_table_cell(t, 0, "ตัวชี้วัด");
	doc_table_cell_span(t, 0, 2, HEADER_MARK);
	doc_table_cell(t, 0, "หมายเหตุ");
	doc_table_row_end(t);
	doc_table_cell(t, 0, "");
	doc_table_cell(t, 0, "");
	doc_table_cell(t, 0, "ปี 2567");
	doc_table_cell(t, 0, "ปี 2568");
	doc_table_cell(t, 0, "");
	doc_table_row_end(t);
	for (int r = 1; r <= TABLE_ROWS; r++) {
		snprintf(line, sizeof line, "%d", r);
		doc_table_cell(t, DOC_CENTER, line);
		snprintf(line, sizeof line, ROW_MARK "%d การเปิดเผยข้อมูลสาธารณะ%s", r,
			 r % 7 == 0 ? " และการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบของ"
				      "เจ้าหน้าที่" : "");
		doc_table_cell(t, 0, line);
		snprintf(line, sizeof line, "%d.%02d", 70 + r % 30, r % 100);
		doc_table_cell(t, DOC_RIGHT, line);
		snprintf(line, sizeof line, "%d.%02d", 75 + r % 25, (r * 7) % 100);
		doc_table_cell(t, DOC_RIGHT, line);
		if (r == 3)
			doc_table_cell(t, 0, "ข้อ 1, 2 คำว่า \"โปร่งใส\"");
		doc_table_row_end(t);
	}
	doc_table_end(t);

	doc_landscape(d);
	doc_heading(d, 1, headings[4]);
	t = doc_table_begin(d, "ตารางที่ 2 แผนปฏิบัติการ", 6, w6, 1);
	doc_table_cell(t, 0, "ที่");
	doc_table_cell(t, 0, "มาตรการ");
	doc_table_cell(t, 0, "ขั้นตอนการดำเนินการ");
	doc_table_cell(t, 0, "ระยะเวลา");
	doc_table_cell(t, 0, "ผู้รับผิดชอบ");
	doc_table_cell(t, 0, "ตัวชี้วัดความสำเร็จ");
	doc_table_row_end(t);
	for (int r = 1; r <= 8; r++) {
		snprintf(line, sizeof line, "%d", r);
		doc_table_cell(t, DOC_CENTER, line);
		doc_table_cell(t, 0, "มาตรการส่งเสริมการเปิดเผยข้อมูลต่อสาธารณะ");
		doc_table_cell(t, 0, "1. แต่งตั้งคณะทำงาน\n2. จัดทำแผน\n3. ติดตามผล");
		doc_table_cell(t, DOC_CENTER, "ต.ค. 2567 - ก.ย. 2568");
		doc_table_cell(t, 0, "สำนักปลัด");
		doc_table_cell(t, 0, "ร้อยละ 100 ของข้อมูลเผยแพร่ตามกำหนด");
		doc_table_row_end(t);
	}
	doc_table_end(t);
	doc_portrait(d);

	doc_heading(d, 1, headings[5]);
	{
		struct doc_memo_header m = {
			.department = "สำนักปลัด องค์การบริหารส่วนตำบลโคกกกลอย",
			.reference_no = "พง 71901/123",
			.date = "1 กุมภาพันธ์ 2568",
			.subject = "กำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใส",
			.to = "นายกองค์การบริหารส่วนตำบลโคกกกลอย",
		};

		doc_memo_header(d, &m);
	}
	doc_paragraph(d, DOC_INDENT, long_para);
	doc_paragraph(d, DOC_INDENT, "จึงเรียนมาเพื่อโปรดพิจารณา");
	doc_signature(d, "นายสมชาย ใจดี", "ปลัดองค์การบริหารส่วนตำบลโคกกกลอย");
	return d;
}

static struct buf render_pdf(const struct doc *d)
{
	struct buf b;
	struct oi_error err;

	buf_init(&b, 64u << 20);
	if (doc_render_pdf(d, &b, &err) != 0)
		fail_msg("doc_render_pdf: %s", err.message);
	assert_true(b.len > 300);
	assert_memory_equal(b.data, "%PDF-", 5);
	return b;
}

/* PNGs of the first pages into build/doc-samples/ for a person to look at. */
static void samples(const struct buf *pdf, const char *name)
{
	char *path, cmd[512];

	if (mkdir("build/doc-samples", 0755) != 0 && access("build/doc-samples", W_OK) != 0)
		return;
	path = temp_file(pdf, ".pdf");
	snprintf(cmd, sizeof cmd, "cp '%s' build/doc-samples/%s.pdf && pdftoppm -r 60 -png '%s' "
		 "build/doc-samples/%s", path, name, path, name);
	free(run(cmd, NULL));
	unlink(path);
	free(path);
}

/* ---- PDF ---- */

static void test_pdf_text_and_header_repeat(void **state)
{
	struct doc *d = sample(true);
	struct buf b = render_pdf(d);
	struct pages pg;
	int first = -1, last = -1, spanned = 0, with_header = 0;
	struct oi_error err;

	(void)state;
	samples(&b, "sample");
	pdf_pages(&b, &pg);
	assert_int_equal(pg.n, doc_page_count(d, &err));
	assert_true(pg.n > 5);
	for (size_t h = 0; h < sizeof headings / sizeof headings[0]; h++) {
		char *want = thai(headings[h]);
		bool found = false;

		for (int i = 0; i < pg.n; i++)
			found = found || page_has(&pg, i, want);
		if (!found)
			fail_msg("heading \"%s\" is not in the PDF text", want);
		free(want);
	}
	for (int i = 0; i < pg.n; i++) {
		if (page_has(&pg, i, ROW_MARK)) {
			if (first < 0)
				first = i;
			last = i;
			spanned++;
			with_header += page_has(&pg, i, HEADER_MARK);
		}
	}
	assert_true(spanned >= 3);                 /* 120 rows cannot fit on two pages */
	assert_int_equal(last - first + 1, spanned);
	assert_int_equal(with_header, spanned);    /* the header on every page of the table */
	{
		char *want = thai(ROW_MARK "120"), *cell = thai("2567");

		assert_true(page_has(&pg, last, want));
		assert_true(page_has(&pg, first, cell));
		free(want);
		free(cell);
	}
	assert_true(page_has(&pg, pg.n - 1, "(นายสมชายใจดี)"));
	assert_true(page_has(&pg, pg.n - 1, "บันทึกข้อความ") || page_has(&pg, pg.n - 2, "บันทึกข้อความ"));
	free(pg.text);
	buf_release(&b);
	doc_free(d);
}

static void test_page_numbers(void **state)
{
	struct pages pg;

	(void)state;
	for (int t = 0; t < 2; t++) {
		struct doc *d = sample(t == 0);
		struct buf b = render_pdf(d);

		pdf_pages(&b, &pg);
		assert_true(pg.n > 3);
		/* cover: no number; TOC is page 1 (no number shown); then 2, 3, ... */
		assert_false(page_has(&pg, 0, t == 0 ? "-๑-" : "-1-"));
		assert_false(page_has(&pg, 1, t == 0 ? "-๑-" : "-1-"));
		assert_true(page_has(&pg, 2, t == 0 ? "-๒-" : "-2-"));
		assert_true(page_has(&pg, 3, t == 0 ? "-๓-" : "-3-"));
		assert_false(page_has(&pg, 2, t == 0 ? "-2-" : "-๒-"));
		free(pg.text);
		buf_release(&b);
		doc_free(d);
	}
}

static void test_verbatim_digits(void **state)
{
	struct doc *d = sample(true);
	struct buf b = render_pdf(d);
	struct pages pg;
	bool verbatim = false, converted = false, ascii_elsewhere = false;

	(void)state;
	pdf_pages(&b, &pg);
	for (int i = 0; i < pg.n; i++) {
		verbatim = verbatim || page_has(&pg, i, "O42") ||
			   page_has(&pg, i, "itas.nacc.go.th/go/2568/o42");
		verbatim = verbatim && true;
		converted = converted || page_has(&pg, i, "พ.ศ.๒๕๖๘");
		ascii_elsewhere = ascii_elsewhere || page_has(&pg, i, "พ.ศ.2568") ||
				  page_has(&pg, i, "87.45");
	}
	assert_true(verbatim);
	assert_true(converted);
	assert_false(ascii_elsewhere);
	free(pg.text);
	buf_release(&b);
	doc_free(d);
}

/* A Thai number (or ASCII) at the end of s, -1 when none. */
static int trailing_number(const char *s)
{
	size_t len = strlen(s);
	int value = 0, scale = 1, digits = 0;

	while (len > 0) {
		const unsigned char *p = (const unsigned char *)s + len;

		if (len >= 3 && p[-3] == 0xE0 && p[-2] == 0xB9 && p[-1] >= 0x90 && p[-1] <= 0x99) {
			value += (p[-1] - 0x90) * scale;
			len -= 3;
		} else if (p[-1] >= '0' && p[-1] <= '9') {
			value += (p[-1] - '0') * scale;
			len -= 1;
		} else {
			break;
		}
		scale *= 10;
		digits++;
	}
	return digits ? value : -1;
}

static void test_toc_pages(void **state)
{
	struct doc *d = sample(true);
	struct buf b = render_pdf(d);
	struct pages pg;
	int toc = 1;   /* the cover is page 0 */

	(void)state;
	pdf_pages(&b, &pg);
	assert_true(page_has(&pg, toc, "สารบัญ"));
	for (size_t h = 0; h < sizeof headings / sizeof headings[0]; h++) {
		char *want = thai(headings[h]), *sq = squeeze(want), *at, *eol, line[512];
		int n, where = -1;

		at = strstr(pg.page[toc], sq);
		if (!at)
			fail_msg("\"%s\" is not in the contents", want);
		eol = strchr(at, '\n');
		snprintf(line, sizeof line, "%.*s", (int)(eol ? eol - at : (long)strlen(at)), at);
		n = trailing_number(line);
		assert_true(n >= 1);
		for (int i = toc + 1; i < pg.n && where < 0; i++)
			if (page_has(&pg, i, want))
				where = i;
		/* numbering starts at 1 on the contents' page */
		if (where - toc + 1 != n)
			fail_msg("\"%s\": the contents say page %d, it is on page %d", want, n,
				 where - toc + 1);
		if (n >= 2) {
			char mark[32], *tm;

			snprintf(mark, sizeof mark, "-%d-", n);
			tm = thai(mark);
			assert_true(page_has(&pg, where, tm));
			free(tm);
		}
		free(want);
		free(sq);
	}
	free(pg.text);
	buf_release(&b);
	doc_free(d);
}

static void test_tall_cell_and_empty(void **state)
{
	struct doc *d = doc_new(NULL);
	struct doc_table *t = doc_table_begin(d, NULL, 2, NULL, 1);
	struct buf b, tall;
	struct pages pg;
	struct oi_error err;
	size_t cap = 200 * 160;
	char *text = malloc(cap);
	size_t len = 0;

	(void)state;
	assert_non_null(text);
	for (int i = 1; i <= 200; i++)
		len += (size_t)snprintf(text + len, cap - len, "บรรทัดที่ %d ของเซลล์ที่สูงมาก\n", i);
	doc_table_cell(t, 0, "หัวตาราง");
	doc_table_cell(t, 0, "รายละเอียด");
	doc_table_row_end(t);
	doc_table_cell(t, 0, "แถวแรก");
	doc_table_cell(t, 0, text);
	doc_table_row_end(t);
	doc_table_cell(t, 0, "แถวสุดท้าย");
	doc_table_row_end(t);   /* a short row: its missing cell is empty */
	doc_table_end(t);
	free(text);
	tall = render_pdf(d);
	pdf_pages(&tall, &pg);
	assert_true(pg.n >= 5);
	assert_true(page_has(&pg, 0, "บรรทัดที่ 1 ของ"));
	assert_true(page_has(&pg, pg.n - 1, "แถวสุดท้าย"));
	for (int i = 0; i < pg.n; i++)
		assert_true(page_has(&pg, i, "หัวตาราง"));
	free(pg.text);
	buf_release(&tall);
	doc_free(d);

	d = doc_new(NULL);
	assert_int_equal(doc_page_count(d, &err), 1);
	b = render_pdf(d);
	buf_release(&b);
	buf_init(&b, 1 << 20);
	assert_int_equal(doc_render_docx(d, &b, &err), 0);
	buf_reset(&b);
	assert_int_equal(doc_render_html(d, &b, &err), 0);
	buf_reset(&b);
	assert_int_equal(doc_tables_xlsx(d, &b, &err), 0);
	assert_int_equal(doc_table_csv(d, 0, &b, &err), -1);
	assert_error_contains(err, "no table 1");
	buf_release(&b);
	doc_free(d);
}

static void test_long_unbroken_thai(void **state)
{
	struct doc *d = doc_new(NULL);
	struct doc_table *t;
	size_t n = 6000;
	char *run_ = malloc(n * 3 + 1);
	struct buf b;
	struct oi_error err;

	(void)state;
	assert_non_null(run_);
	for (size_t i = 0; i < n; i++)
		memcpy(run_ + 3 * i, "ก", 3);
	run_[3 * n] = '\0';
	doc_paragraph(d, 0, run_);
	t = doc_table_begin(d, "ตาราง", 3, NULL, 1);
	doc_table_cell(t, 0, "ก");
	doc_table_cell(t, 0, "ข");
	doc_table_cell(t, 0, "ค");
	doc_table_row_end(t);
	doc_table_cell(t, 0, run_);
	doc_table_end(t);
	free(run_);
	b = render_pdf(d);
	assert_true(doc_page_count(d, &err) >= 2);
	buf_release(&b);
	doc_free(d);
}

/* ---- DOCX ---- */

static void test_docx(void **state)
{
	struct doc *d = sample(true);
	struct buf b;
	struct oi_error err;
	char *path, cmd[1024], *xml, dir[] = "/tmp/openita-lo-XXXXXX", pdf[256];
	char *h = thai(headings[3]);
	int st;

	(void)state;
	buf_init(&b, 64u << 20);
	if (doc_render_docx(d, &b, &err) != 0)
		fail_msg("doc_render_docx: %s", err.message);
	assert_memory_equal(b.data, "PK", 2);
	path = temp_file(&b, ".docx");
	snprintf(cmd, sizeof cmd, "unzip -p '%s' word/document.xml", path);
	xml = run(cmd, &st);
	assert_int_equal(st, 0);
	assert_non_null(strstr(xml, h));
	assert_non_null(strstr(xml, "<w:tblHeader/>"));
	assert_non_null(strstr(xml, "<w:gridSpan w:val=\"2\"/>"));
	assert_non_null(strstr(xml, "w:orient=\"landscape\""));
	assert_non_null(strstr(xml, "a &lt; b &amp; c &gt; d"));
	assert_non_null(strstr(xml, "O42"));
	assert_null(strstr(xml, "a < b"));
	free(xml);
	snprintf(cmd, sizeof cmd, "unzip -l '%s'", path);
	xml = run(cmd, &st);
	assert_int_equal(st, 0);
	assert_non_null(strstr(xml, "[Content_Types].xml"));
	assert_non_null(strstr(xml, "docProps/core.xml"));
	assert_non_null(strstr(xml, "word/styles.xml"));
	free(xml);

	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof cmd, "cd '%s' && HOME='%s' timeout 180 soffice --headless "
		 "--convert-to pdf --outdir '%s' '%s' >/dev/null 2>&1", dir, dir, dir, path);
	free(run(cmd, &st));
	assert_int_equal(st, 0);
	snprintf(pdf, sizeof pdf, "%s/%s", dir, strrchr(path, '/') + 1);
	memcpy(pdf + strlen(pdf) - 4, "pdf", 4);
	assert_int_equal(access(pdf, R_OK), 0);
	snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' - | tr -d ' '", pdf);
	xml = run(cmd, &st);
	{
		char *sq = squeeze(h), *all = squeeze(xml);

		assert_non_null(strstr(all, sq));
		free(sq);
		free(all);
	}
	free(xml);
	if (access("build/doc-samples", W_OK) == 0) {
		snprintf(cmd, sizeof cmd, "pdftoppm -r 60 -png -l 4 '%s' build/doc-samples/docx", pdf);
		free(run(cmd, NULL));
	}
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	free(run(cmd, NULL));
	unlink(path);
	free(path);
	free(h);
	buf_release(&b);
	doc_free(d);
}

/* ---- HTML, CSV, XLSX ---- */

static void test_html(void **state)
{
	struct doc *d = sample(false);
	struct buf b;
	struct oi_error err;

	(void)state;
	buf_init(&b, 16u << 20);
	assert_int_equal(doc_render_html(d, &b, &err), 0);
	assert_non_null(strstr(b.data, "<meta charset=\"utf-8\">"));
	assert_non_null(strstr(b.data, "@page{size:A4"));
	assert_non_null(strstr(b.data, "a &lt; b &amp; c &gt; d &quot;quoted&quot;"));
	assert_null(strstr(b.data, "a < b"));
	assert_non_null(strstr(b.data, "<thead>"));
	assert_non_null(strstr(b.data, "colspan=\"2\""));
	assert_non_null(strstr(b.data, headings[4]));
	assert_non_null(strstr(b.data, "href=\"#h"));
	buf_release(&b);
	doc_free(d);
}

static void test_csv(void **state)
{
	struct doc *d = sample(true);
	struct buf b;
	struct oi_error err;

	(void)state;
	assert_int_equal(doc_table_count(d), 2);
	buf_init(&b, 1 << 20);
	assert_int_equal(doc_table_csv(d, 0, &b, &err), 0);
	assert_memory_equal(b.data, "\xEF\xBB\xBFตารางที่ 1 ผลคะแนนรายตัวชี้วัด\r\n", 
			    strlen("\xEF\xBB\xBFตารางที่ 1 ผลคะแนนรายตัวชี้วัด\r\n"));
	/* the span: its text, then an empty field for the column it covers */
	assert_non_null(strstr(b.data, "ลำดับ,ตัวชี้วัด," HEADER_MARK ",,หมายเหตุ\r\n"));
	assert_non_null(strstr(b.data, ",\"ข้อ 1, 2 คำว่า \"\"โปร่งใส\"\"\"\r\n"));
	assert_non_null(strstr(b.data, "\r\n120," ROW_MARK "120"));   /* data keeps ASCII */
	buf_release(&b);
	doc_free(d);
}

static void test_xlsx(void **state)
{
	struct doc *d = sample(false);
	struct doc_table *t;
	struct buf b;
	struct oi_error err;
	char *path, cmd[512], *out;
	int st, sheets = 0;

	(void)state;
	/* a third table whose caption is long, has forbidden characters and clashes */
	t = doc_table_begin(d, "ตารางที่ 1 ผลคะแนนรายตัวชี้วัด", 1, NULL, 1);
	doc_table_cell(t, 0, "x");
	doc_table_end(t);
	t = doc_table_begin(d, "a/b:c*d?e[f]g\\h and a caption far longer than thirty-one", 1,
			    NULL, 0);
	doc_table_cell(t, 0, "y");
	doc_table_end(t);
	buf_init(&b, 16u << 20);
	assert_int_equal(doc_tables_xlsx(d, &b, &err), 0);
	assert_memory_equal(b.data, "PK", 2);
	path = temp_file(&b, ".xlsx");
	snprintf(cmd, sizeof cmd, "unzip -l '%s' | grep -c 'xl/worksheets/sheet[0-9]*.xml'", path);
	out = run(cmd, &st);
	sheets = (int)strtol(out, NULL, 10);
	free(out);
	assert_int_equal(sheets, 4);
	snprintf(cmd, sizeof cmd, "unzip -p '%s' xl/workbook.xml", path);
	out = run(cmd, &st);
	assert_non_null(strstr(out, "name=\"ตารางที่ 1 ผลคะแนนรายตัวชี้วัด\""));
	assert_non_null(strstr(out, " (2)\""));          /* the same caption again */
	assert_non_null(strstr(out, "name=\"a b c d e f g h and a caption f\""));   /* 31 */
	free(out);
	unlink(path);
	free(path);
	buf_release(&b);
	doc_free(d);
}

/* Not asserted: how long a ten-page PDF takes (printed for the report). */
static void test_timing(void **state)
{
	struct doc *d = doc_new(&(struct doc_options){.thai_digits = true});
	struct doc_table *t;
	struct timespec a, z;
	struct buf b;
	struct oi_error err;
	char line[128];
	int pages;

	(void)state;
	doc_heading(d, 0, "รายงานทดสอบความเร็ว");
	for (int s = 0; s < 5; s++) {
		doc_heading(d, 1, "ส่วนที่ทดสอบ");
		for (int i = 0; i < 5; i++)
			doc_paragraph(d, DOC_INDENT, long_para);
	}
	t = doc_table_begin(d, "ตาราง", 4, NULL, 1);
	for (int r = 0; r < 40; r++) {
		snprintf(line, sizeof line, "%d", r);
		doc_table_cell(t, 0, line);
		doc_table_cell(t, 0, "การเปิดเผยข้อมูลสาธารณะ");
		doc_table_cell(t, 0, "87.45");
		doc_table_cell(t, 0, "ผ่าน");
		doc_table_row_end(t);
	}
	doc_table_end(t);
	buf_init(&b, 64u << 20);
	assert_int_equal(doc_render_pdf(d, &b, &err), 0);   /* warm the font caches */
	buf_reset(&b);
	clock_gettime(CLOCK_MONOTONIC, &a);
	assert_int_equal(doc_render_pdf(d, &b, &err), 0);
	clock_gettime(CLOCK_MONOTONIC, &z);
	pages = doc_page_count(d, &err);
	print_message("timing: %d-page PDF in %.1f ms (%zu bytes)\n", pages,
		      (double)(z.tv_sec - a.tv_sec) * 1e3 + (double)(z.tv_nsec - a.tv_nsec) / 1e6,
		      b.len);
	buf_release(&b);
	doc_free(d);
}


int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pdf_text_and_header_repeat),
		cmocka_unit_test(test_page_numbers),
		cmocka_unit_test(test_verbatim_digits),
		cmocka_unit_test(test_toc_pages),
		cmocka_unit_test(test_tall_cell_and_empty),
		cmocka_unit_test(test_long_unbroken_thai),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_xlsx),
		cmocka_unit_test(test_docx),
		cmocka_unit_test(test_timing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
