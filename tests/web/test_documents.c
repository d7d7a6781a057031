/*
 * test_documents.c — the agency's documents from the database (src/web/documents.c) through
 * whole requests: every kind × format answers 200 with its media type, its first bytes (%PDF-,
 * PK, <html, the CSV's BOM), its file name and the no-store / nosniff headers; the PDFs' text
 * (pdftotext) holds the agency's name and its total score, in Thai digits by default and in
 * Arabic digits with ?digits=arabic; no plan → 404 in Thai linking to the plan page; no result →
 * the analysis 404 (linking to the result page) while the measures document is still made;
 * unknown names → 404; who may download (the agency's own admin, admins, viewers; not another
 * agency's admin, not assessors); what agencies typed shown as text in the HTML document; and
 * the plan page's documents table linking them all.
 */
#include "webtest.h"

#include "render/pdftext.h"
#include "reports.h"

static const char *const kinds[] = {"analysis", "measures", "progress-6", "progress-12", "memo"};
static const char *const formats[] = {"pdf", "docx", "html", "csv", "xlsx"};

#define N_KINDS (sizeof kinds / sizeof kinds[0])
#define N_FORMATS (sizeof formats / sizeof formats[0])

#define assert_body_has(r, s) assert_non_null(strstr((r).body, (s)))

/* The header line "Name: value" is among the response's headers. */
static void assert_header(const struct webtest_res *r, const char *line)
{
	char want[512];

	snprintf(want, sizeof want, "%s\n", line);
	if (!strstr(r->headers, want))
		fail_msg("no header \"%s\" in:\n%s", line, r->headers);
}

/* The response body as a struct buf for pdftext.h (borrowed: do not release). */
static struct buf body_buf(const struct webtest_res *r)
{
	struct buf b;

	memset(&b, 0, sizeof b);
	b.data = r->body;
	b.len = r->len;
	return b;
}

/* The PDF text of GET target as user (must be 200 application/pdf), unwrapped, malloc'd. */
static char *pdf_of(struct webtest *t, const char *target, const char *user)
{
	struct webtest_res r;
	struct buf b;
	char *text;

	webtest_expect(t, "GET", target, NULL, user, 200, &r);
	assert_string_equal(r.content_type, "application/pdf");
	b = body_buf(&r);
	text = pdf_text(&b);
	unwrap(text);
	webtest_res_free(&r);
	return text;
}

/* The total the harness's seeded result scores, as the analysis report writes it ("%.2f"). */
static void seeded_total(struct webtest *t, char *out, size_t size)
{
	struct oi_agency_result *ar = NULL;
	struct oi_analysis an;
	struct oi_error err;

	if (oi_store_result_load(t->st, t->a01.id, t->assessment.fiscal_year - 1, t->fw, &ar,
				 &err))
		webtest_fail("result load", &err);
	if (oi_analyse(ar, &an, &err))
		webtest_fail("analyse", &err);
	assert_true(an.has_total);
	snprintf(out, size, "%.2f", an.total);
	oi_analysis_release(&an);
	oi_agency_result_free(ar);
}

/* s with every ASCII digit written as a Thai digit (UTF-8). */
static void thai_digits(const char *s, char *out, size_t size)
{
	size_t k = 0;

	for (; *s && k + 4 < size; s++) {
		if (*s >= '0' && *s <= '9') {
			unsigned cp = 0x0E50u + (unsigned)(*s - '0');

			out[k++] = (char)(0xE0 | (cp >> 12));
			out[k++] = (char)(0x80 | ((cp >> 6) & 0x3F));
			out[k++] = (char)(0x80 | (cp & 0x3F));
		} else {
			out[k++] = *s;
		}
	}
	out[k] = '\0';
}

/* A plan for A01 with one measure and no result stored. */
static void seed_plan_only(struct webtest *t)
{
	struct oi_plan *p = oi_plan_new(t->fw->id, t->a01.code, t->assessment.fiscal_year);
	struct oi_measure *m;
	struct oi_error err;

	p->result_year_be = t->assessment.fiscal_year - 1;
	oi_plan_set(p, &p->agency_name_th, t->a01.name);
	m = oi_plan_add_measure(p);
	oi_plan_set(p, &m->instrument, "EIT");
	oi_plan_set(p, &m->issue_th, "มาตรการเปิดช่องทางรับฟังความคิดเห็นผู้รับบริการ");
	oi_plan_measure_add_step(p, m, "เปิดช่องทางออนไลน์");
	oi_plan_set(p, &m->unit_th, "กลุ่มงานประชาสัมพันธ์");
	if (oi_store_plan_save(t->st, t->a01.id, p, &err))
		webtest_fail("plan save", &err);
	oi_plan_free(p);
}

/* Does the body start (after nothing but blank space) with magic, case-insensitively? Or, for
 * HTML, hold "<html" within its first bytes (after a doctype)? */
static bool starts_right(const struct webtest_res *r, const char *fmt)
{
	if (!strcmp(fmt, "pdf"))
		return r->len > 5 && !memcmp(r->body, "%PDF-", 5);
	if (!strcmp(fmt, "docx") || !strcmp(fmt, "xlsx"))
		return r->len > 4 && !memcmp(r->body, "PK\x03\x04", 4);
	if (!strcmp(fmt, "csv"))
		return r->len >= 3 && !memcmp(r->body, "\xEF\xBB\xBF", 3);
	if (!strcmp(fmt, "html")) {
		char head[512];

		snprintf(head, sizeof head, "%.*s", (int)(r->len < 511 ? r->len : 511), r->body);
		return !strncasecmp(head, "<!doctype html", 14) && strcasestr(head, "<html");
	}
	return false;
}

/* ---- every kind × format ---- */

static void every_kind_and_format(void **state)
{
	struct webtest *t = *state;

	webtest_seed_plan(t, &t->a01);
	for (size_t k = 0; k < N_KINDS; k++) {
		for (size_t f = 0; f < N_FORMATS; f++) {
			struct webtest_res r;
			char target[160], line[256];

			snprintf(target, sizeof target, "/agency/A01/plan/doc/%s.%s", kinds[k],
				 formats[f]);
			webtest_expect(t, "GET", target, NULL, "a01", 200, &r);
			assert_string_equal(r.content_type,
					    report_format_mime(report_format_parse(formats[f])));
			if (!starts_right(&r, formats[f]))
				fail_msg("%s does not start as a %s: %.40s", target, formats[f],
					 r.body);
			if (!strcmp(formats[f], "html"))
				snprintf(line, sizeof line, "Content-Disposition: inline; "
					 "filename=\"ita-A01-2568-%s.html\"", kinds[k]);
			else
				snprintf(line, sizeof line, "Content-Disposition: attachment; "
					 "filename=\"ita-A01-2568-%s.%s\"", kinds[k], formats[f]);
			assert_header(&r, line);
			assert_header(&r, "Cache-Control: no-store");
			assert_header(&r, "X-Content-Type-Options: nosniff");
			webtest_res_free(&r);
		}
	}
}

/* ---- what the PDFs say ---- */

static void pdf_text_name_and_total(void **state)
{
	struct webtest *t = *state;
	char total[32], total_th[96], *text;

	webtest_seed_plan(t, &t->a01);
	seeded_total(t, total, sizeof total);
	thai_digits(total, total_th, sizeof total_th);

	text = pdf_of(t, "/agency/A01/plan/doc/analysis.pdf?digits=arabic", "a01");
	if (!strstr(text, t->a01.name) || !strstr(text, total))
		fail_msg("the analysis PDF lacks \"%s\" or the total %s:\n%.3000s", t->a01.name,
			 total, text);
	assert_non_null(strstr(text, "รายงานการวิเคราะห์ผลการประเมิน"));
	assert_null(strstr(text, total_th));
	free(text);

	text = pdf_of(t, "/agency/A01/plan/doc/analysis.pdf", "viewer");   /* Thai digits */
	if (!strstr(text, t->a01.name) || !strstr(text, total_th))
		fail_msg("the analysis PDF (Thai digits) lacks \"%s\" or the total %s:\n%.3000s",
			 t->a01.name, total_th, text);
	assert_null(strstr(text, total));
	free(text);

	text = pdf_of(t, "/agency/A01/plan/doc/measures.pdf", "admin");
	if (!strstr(text, t->a01.name) || !strstr(text, "มาตรการป้องกันการใช้อำนาจโดยมิชอบ"))
		fail_msg("the measures PDF lacks the agency or its measure:\n%.3000s", text);
	free(text);

	text = pdf_of(t, "/agency/A01/plan/doc/progress-12.pdf", "a01");
	assert_non_null(strstr(text, "๑๒ เดือน"));
	assert_non_null(strstr(text, t->a01.name));
	free(text);
}

/* The two checkpoints make different reports. */
static void progress_checkpoints(void **state)
{
	struct webtest *t = *state;
	struct webtest_res six, twelve;

	webtest_seed_plan(t, &t->a01);
	webtest_expect(t, "GET", "/agency/A01/plan/doc/progress-6.html?digits=arabic", NULL, "a01",
		       200, &six);
	webtest_expect(t, "GET", "/agency/A01/plan/doc/progress-12.html?digits=arabic", NULL,
		       "a01", 200, &twelve);
	assert_non_null(strstr(six.body, "6 เดือน"));
	assert_non_null(strstr(twelve.body, "12 เดือน"));
	assert_null(strstr(six.body, "12 เดือน"));
	webtest_res_free(&six);
	webtest_res_free(&twelve);
}

/* ---- what is missing ---- */

static void no_plan(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;

	for (size_t k = 0; k < N_KINDS; k++) {
		char target[160];

		snprintf(target, sizeof target, "/agency/A01/plan/doc/%s.pdf", kinds[k]);
		webtest_expect(t, "GET", target, NULL, "a01", 404, &r);
		assert_string_equal(r.content_type, "text/html; charset=utf-8");
		assert_body_has(r, "ยังไม่มีแผนมาตรการ");
		assert_body_has(r, "ร่างแผนมาตรการ");
		assert_body_has(r, "href=\"/agency/A01/plan\"");
		assert_null(strstr(r.headers, "Content-Disposition"));
		webtest_res_free(&r);
	}
}

static void no_result(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;
	char *text;

	seed_plan_only(t);
	webtest_expect(t, "GET", "/agency/A01/plan/doc/analysis.pdf", NULL, "a01", 404, &r);
	assert_body_has(r, "ยังไม่มีผลการประเมิน");
	assert_body_has(r, "href=\"/agency/A01/result\"");
	webtest_res_free(&r);
	webtest_expect_status(t, "GET", "/agency/A01/plan/doc/analysis.html", NULL, "viewer", 404);

	text = pdf_of(t, "/agency/A01/plan/doc/measures.pdf", "a01");
	if (!strstr(text, t->a01.name) ||
	    !strstr(text, "มาตรการเปิดช่องทางรับฟังความคิดเห็นผู้รับบริการ"))
		fail_msg("the measures PDF without a result lacks its measure:\n%.3000s", text);
	free(text);
	for (size_t f = 0; f < N_FORMATS; f++) {
		char target[160];

		snprintf(target, sizeof target, "/agency/A01/plan/doc/memo.%s", formats[f]);
		webtest_expect_status(t, "GET", target, NULL, "a01", 200);
		snprintf(target, sizeof target, "/agency/A01/plan/doc/progress-6.%s", formats[f]);
		webtest_expect_status(t, "GET", target, NULL, "a01", 200);
	}
}

static void unknown_names(void **state)
{
	static const char *const names[] = {
		"report.pdf", "measures.txt", "measures", "measures.", ".pdf", "progress.pdf",
		"progress-3.pdf", "MEASURES.pdf", "measures.PDF", "measures.pdf.pdf",
		"measures.pdfx", "analysis-6.pdf", "memo.json",
	};
	struct webtest *t = *state;
	struct webtest_res r;

	webtest_seed_plan(t, &t->a01);
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char target[160];

		snprintf(target, sizeof target, "/agency/A01/plan/doc/%s", names[i]);
		webtest_expect(t, "GET", target, NULL, "a01", 404, &r);
		assert_body_has(r, "ไม่มีเอกสารนี้");
		webtest_res_free(&r);
	}
	webtest_expect(t, "GET", "/agency/A01/plan/doc/measures.pdf?digits=roman", NULL, "a01",
		       400, &r);
	assert_body_has(r, "digits=arabic");
	webtest_res_free(&r);
	webtest_expect_status(t, "GET", "/agency/A01/plan/doc/measures.html?digits=thai", NULL,
			      "a01", 200);
	webtest_expect_status(t, "GET", "/agency/A99/plan/doc/measures.pdf", NULL, "admin", 404);
	webtest_expect_status(t, "POST", "/agency/A01/plan/doc/measures.pdf", "x=1", "a01", 405);
}

/* ---- who ---- */

static void who_may_download(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;

	webtest_seed_plan(t, &t->a01);
	webtest_seed_plan(t, &t->a02);
	webtest_expect_status(t, "GET", "/agency/A01/plan/doc/measures.html", NULL, "a01", 200);
	webtest_expect_status(t, "GET", "/agency/A02/plan/doc/measures.html", NULL, "a02", 200);
	webtest_expect_status(t, "GET", "/agency/A01/plan/doc/measures.html", NULL, "admin", 200);
	webtest_expect_status(t, "GET", "/agency/A02/plan/doc/memo.docx", NULL, "viewer", 200);
	webtest_expect(t, "GET", "/agency/A01/plan/doc/measures.pdf", NULL, "a02", 403, &r);
	assert_int_equal(r.len > 4 && !memcmp(r.body, "%PDF", 4), 0);
	webtest_res_free(&r);
	webtest_expect_status(t, "GET", "/agency/A02/plan/doc/analysis.pdf", NULL, "a01", 403);
	webtest_expect_status(t, "GET", "/agency/A01/plan/doc/measures.pdf", NULL, "assessor", 403);
	webtest_expect_status(t, "GET", "/agency/A01/plan/doc/analysis.csv", NULL, "assessor", 403);
	webtest_expect(t, "GET", "/agency/A01/plan/doc/measures.pdf", NULL, NULL, 303, &r);
	assert_int_equal(strncmp(r.location, "/login?next=", 12), 0);
	webtest_res_free(&r);
}

/* Each agency gets its own data: A02's document names A02 and not A01. */
static void each_agency_its_own(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;

	webtest_seed_plan(t, &t->a01);
	webtest_seed_plan(t, &t->a02);
	webtest_expect(t, "GET", "/agency/A02/plan/doc/measures.html", NULL, "admin", 200, &r);
	assert_body_has(r, t->a02.name);
	assert_null(strstr(r.body, t->a01.name));
	assert_header(&r, "Content-Disposition: inline; filename=\"ita-A02-2568-measures.html\"");
	webtest_res_free(&r);
}

/* What an agency typed is text in the HTML document, never markup. */
static void html_escapes_typed_text(void **state)
{
	struct webtest *t = *state;
	struct oi_plan *p = NULL;
	struct oi_error err;
	struct webtest_res r;

	webtest_seed_plan(t, &t->a01);
	if (oi_store_plan_load(t->st, t->a01.id, t->assessment.fiscal_year, &p, &err))
		webtest_fail("plan load", &err);
	oi_plan_set(p, &p->measures[0].issue_th, "มาตรการ <script>alert(1)</script> & \"อื่น ๆ\"");
	oi_plan_set(p, &p->measures[0].unit_th, "<img src=x onerror=alert(2)>");
	if (oi_store_plan_save(t->st, t->a01.id, p, &err))
		webtest_fail("plan save", &err);
	oi_plan_free(p);
	webtest_expect(t, "GET", "/agency/A01/plan/doc/measures.html?digits=arabic", NULL, "a01",
		       200, &r);
	assert_null(strstr(r.body, "<script>"));
	assert_null(strstr(r.body, "<img"));
	assert_body_has(r, "&lt;script&gt;alert(1)&lt;/script&gt;");
	webtest_res_free(&r);
}

/* ---- the plan page's documents table ---- */

static void plan_page_links(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;

	webtest_seed_plan(t, &t->a01);
	webtest_expect(t, "GET", "/agency/A01/plan", NULL, "viewer", 200, &r);
	assert_body_has(r, "id=\"h-docs\"");
	for (size_t k = 0; k < N_KINDS; k++)
		for (size_t f = 0; f < N_FORMATS; f++) {
			char href[160];
			bool tables = strcmp(kinds[k], "memo") != 0;
			bool want = f < 3 || tables;

			snprintf(href, sizeof href, "href=\"/agency/A01/plan/doc/%s.%s\"", kinds[k],
				 formats[f]);
			if ((strstr(r.body, href) != NULL) != want)
				fail_msg("the plan page %s %s", want ? "lacks" : "has", href);
		}
	assert_int_equal(webtest_count(r.body, "/plan/doc/"), 5 * 3 + 4 * 2);
	assert_body_has(r, "รายงานความก้าวหน้า รอบ 6 เดือน");
	assert_body_has(r, "รายงานความก้าวหน้า รอบ 12 เดือน");
	assert_body_has(r, "Word");
	assert_body_has(r, "ใช้เลขอารบิก");
	assert_null(strstr(r.body, "?digits=arabic\""));
	webtest_res_free(&r);

	webtest_expect(t, "GET", "/agency/A01/plan?digits=arabic", NULL, "a01", 200, &r);
	assert_int_equal(webtest_count(r.body, "?digits=arabic\""), 5 * 3 + 4 * 2);
	assert_body_has(r, "ใช้เลขไทย");
	webtest_res_free(&r);

	/* every link the page shows answers 200 */
	webtest_expect(t, "GET", "/agency/A01/plan", NULL, "a01", 200, &r);
	for (const char *p = r.body; (p = strstr(p, "href=\"/agency/A01/plan/doc/")) != NULL;) {
		char target[160];
		size_t n;

		p += 6;
		n = strcspn(p, "\"");
		assert_true(n < sizeof target);
		snprintf(target, sizeof target, "%.*s", (int)n, p);
		if (strstr(target, ".pdf") || strstr(target, ".docx"))
			continue;   /* rendered above; keep this test quick */
		webtest_expect_status(t, "GET", target, NULL, "a01", 200);
	}
	webtest_res_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		webtest_unit_test(every_kind_and_format),
		webtest_unit_test(pdf_text_name_and_total),
		webtest_unit_test(progress_checkpoints),
		webtest_unit_test(no_plan),
		webtest_unit_test(no_result),
		webtest_unit_test(unknown_names),
		webtest_unit_test(who_may_download),
		webtest_unit_test(each_agency_its_own),
		webtest_unit_test(html_escapes_typed_text),
		webtest_unit_test(plan_page_links),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
