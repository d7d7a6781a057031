/*
 * test_reports.c — the four documents of src/render/report_*.c, from seed 001's published result
 * (เทศบาลเมืองปากช่อง, 2565: total 77.98, grade B) with the assessors' comments on the failed
 * OIT items, a plan drafted by the core and progress entered by hand. Each document is rendered
 * as a PDF and its text read back with pdftotext: the Thai headings, the agency's name and the
 * figures the analysis found must be there — in Thai digits when asked, in Arabic digits
 * otherwise. The DOCX, HTML, CSV and XLSX of the same documents are checked for their contents;
 * one DOCX is converted by LibreOffice. The PDFs are also written to build/report-samples/ for a
 * person to look at (pdftoppm).
 */
#include "testutil.h"

#include <math.h>
#include <sys/stat.h>

#include "openita/analysis.h"
#include "openita/plan.h"
#include "openita/playbook.h"
#include "pdftext.h"
#include "reports.h"

static const char seed001_indicators[] =
	"agency,1,2,3,4,5,6,7,8,9,10\n"
	"seed-001,98.21,94.45,89.00,94.35,90.88,87.35,87.24,82.18,90.20,31.25\n";

static const char seed001_oit[] =
	"agency,item,result,comment\n"
	"seed-001,O2,fail,ไม่มีข้อมูลผู้บริหารฝ่ายข้าราชการประจำ\n"
	"seed-001,O9,fail,ไม่ระบุตำแหน่งบนเว็บไซต์ที่เชื่อมโยงไปยังเครือข่ายสังคมออนไลน์\n"
	"seed-001,O42,fail,ไม่มีการวิเคราะห์ผลการประเมินของปีที่ผ่านมา\n";

static const char seed001_previous[] =
	"agency,fiscal_year,1,2,3,4,5,6,7,8,9,10\n"
	"seed-001,2564,97.10,93.00,90.50,92.00,88.00,85.00,86.00,80.00,85.00,40.00\n";

static const char agency_name[] = "เทศบาลเมืองปากช่อง";

struct fixture {
	struct oi_framework *fw;
	struct oi_playbook *pb;
	struct oi_agency_result *ar;
	struct oi_analysis an;
	struct oi_plan *plan;
};

typedef int (*reader)(struct oi_agency_result *, struct oi_csv *, struct oi_error *);

static void read_text(reader read, struct oi_agency_result *ar, const char *name,
		      const char *text)
{
	struct oi_csv *csv = csv_text(name, text);
	struct oi_error err;

	if (read(ar, csv, &err)) {
		char line[2048];

		fail_msg("%s", oi_error_format(&err, line, sizeof line));
	}
	oi_csv_free(csv);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	struct oi_error err;

	f->fw = load_builtin("ita-2565");
	assert_int_equal(oi_playbook_open(NULL, f->fw, &f->pb, &err), 0);
	f->ar = oi_agency_result_new(f->fw, "seed-001");
	f->ar->fiscal_year_be = 2565;
	oi_agency_result_set_name(f->ar, agency_name);
	read_text(oi_agency_result_read_indicators, f->ar, "indicators.csv", seed001_indicators);
	read_text(oi_agency_result_read_oit, f->ar, "oit.csv", seed001_oit);
	read_text(oi_agency_result_read_previous, f->ar, "previous.csv", seed001_previous);
	oi_agency_result_finish(f->ar);
	assert_int_equal(oi_analyse(f->ar, &f->an, &err), 0);
	assert_int_equal(oi_plan_draft(&f->an, f->pb, 0, &f->plan, &err), 0);
	oi_plan_set(f->plan, &f->plan->prepared_by_th, "นายวรากร บ่ายเจริญ");
	oi_plan_set(f->plan, &f->plan->prepared_position_th, "ผู้ช่วยนิติกร");
	assert_true(f->plan->n_measures >= 3);
	/* 6-month progress of the first two measures */
	f->plan->measures[0].progress[0].status = OI_PROGRESS_DONE;
	oi_plan_set(f->plan, &f->plan->measures[0].progress[0].done_th,
		    "ออกคำสั่งมอบหมายงานที่ 01/2566 แล้ว");
	oi_plan_set(f->plan, &f->plan->measures[0].progress[0].evidence_url,
		    "https://www.pakchong.go.th/order-01-2566.pdf");
	oi_plan_set(f->plan, &f->plan->measures[0].progress[0].reported_on, "2023-03-31");
	f->plan->measures[0].progress[1].status = OI_PROGRESS_DONE;
	oi_plan_set(f->plan, &f->plan->measures[0].progress[1].done_th, "ประเมินผลครบทุกส่วนราชการ");
	oi_plan_set(f->plan, &f->plan->measures[0].progress[1].evidence_url,
		    "https://www.pakchong.go.th/report-12-2566.pdf");
	f->plan->measures[1].progress[0].status = OI_PROGRESS_IN_PROGRESS;
	oi_plan_set(f->plan, &f->plan->measures[1].progress[0].done_th, "อยู่ระหว่างจัดทำคู่มือ");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	oi_plan_free(f->plan);
	oi_analysis_release(&f->an);
	oi_agency_result_free(f->ar);
	oi_playbook_free(f->pb);
	oi_framework_free(f->fw);
	free(f);
	return 0;
}

/* Render kind as format into b (the test fails on an error). */
static void render(struct fixture *f, enum report_kind kind, enum report_format format,
		   bool thai_digits, int checkpoint, struct buf *b)
{
	struct report_input in = {
		.analysis = &f->an, .plan = f->plan, .playbook = f->pb, .checkpoint = checkpoint,
		.thai_digits = thai_digits, .today = "2023-06-15",
	};
	struct oi_error err;

	buf_init(b, 64u << 20);
	if (report_render(kind, format, &in, b, &err)) {
		char line[2048];

		fail_msg("%s", oi_error_format(&err, line, sizeof line));
	}
	assert_true(b->len > 0);
}

/* Keep a copy for a person to look at. */
static void keep(const struct buf *b, const char *name)
{
	char path[256];

	mkdir("build", 0777);
	mkdir("build/report-samples", 0777);
	snprintf(path, sizeof path, "build/report-samples/%s", name);
	write_file(path, b);
}

static char *pdf_of(struct fixture *f, enum report_kind kind, bool thai_digits, int checkpoint,
		    const char *sample)
{
	struct buf b;
	char *text;

	render(f, kind, REPORT_PDF, thai_digits, checkpoint, &b);
	assert_memory_equal(b.data, "%PDF-", 5);
	keep(&b, sample);
	text = pdf_text(&b);
	buf_release(&b);
	unwrap(text);
	return text;
}

/* s without spaces (a table cell wraps wherever a space allows). */
static char *squeeze(const char *s)
{
	char *out = malloc(strlen(s) + 1), *w = out;

	assert_non_null(out);
	for (; *s; s++)
		if (*s != ' ')
			*w++ = *s;
	*w = '\0';
	return out;
}

/* text holds want, spaces aside. */
static void assert_has(const char *text, const char *want)
{
	char *t = squeeze(text), *w = squeeze(want);
	bool found = strstr(t, w) != NULL;

	free(t);
	free(w);
	if (!found)
		fail_msg("the document lacks \"%s\"", want);
}

/* The analysis found what seed 001 reports: the golden case of the issue. */
static void test_analysis_golden(void **state)
{
	struct fixture *f = *state;
	const struct oi_analysis *an = &f->an;
	long iit = oi_framework_find_instrument(f->fw, "IIT");
	long eit = oi_framework_find_instrument(f->fw, "EIT");
	long oit = oi_framework_find_instrument(f->fw, "OIT");

	assert_string_equal(f->fw->indicators[an->instruments[iit].lowest_indicator].name_th,
			    "การใช้อำนาจ");
	assert_close(an->indicators[an->instruments[iit].lowest_indicator].score, 89.00, 1e-9);
	assert_close(an->indicators[an->instruments[eit].lowest_indicator].score, 82.18, 1e-9);
	assert_string_equal(f->fw->indicators[an->instruments[oit].lowest_indicator].name_th,
			    "การป้องกันการทุจริต");
	assert_close(an->indicators[an->instruments[oit].lowest_indicator].score, 31.25, 1e-9);
	assert_int_equal(an->n_strengths, 5);
	assert_int_equal(an->n_weaknesses, 5);
	assert_close(an->total, 77.98, 1e-9);
	assert_string_equal(an->grade, "B");
}

static void test_analysis_report_pdf(void **state)
{
	struct fixture *f = *state;
	char *text = pdf_of(f, REPORT_ANALYSIS, false, 0, "analysis.pdf");

	assert_has(text, "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส");
	assert_has(text, agency_name);
	assert_has(text, "คำนำ");
	assert_has(text, "สารบัญ");
	assert_has(text, "ความเป็นมาของการประเมิน");
	assert_has(text, "จุดแข็ง");
	assert_has(text, "จุดอ่อนที่ต้องพัฒนา");
	assert_has(text, "ข้อเสนอแนะ");
	assert_has(text, "การใช้อำนาจ");
	assert_has(text, "89.00");
	assert_has(text, "82.18");
	assert_has(text, "31.25");
	assert_has(text, "77.98");
	assert_has(text, "ไม่มีข้อมูลผู้บริหารฝ่ายข้าราชการประจำ");   /* the assessors' comment */
	assert_has(text, "2564");                                    /* the earlier year */
	assert_has(text, "นายวรากร บ่ายเจริญ");
	assert_has(text, "- 2 -");                                   /* page numbers */
	assert_null(strstr(text, "๘๙.๐๐"));
	free(text);
}

static void test_thai_digits(void **state)
{
	struct fixture *f = *state;
	char *text = pdf_of(f, REPORT_ANALYSIS, true, 0, "analysis-thai-digits.pdf");

	assert_has(text, "๘๙.๐๐");
	assert_has(text, "๗๗.๙๘");
	assert_has(text, "พ.ศ. ๒๕๖๕");
	assert_null(strstr(text, "89.00"));
	free(text);
}

static void test_measures_pdf(void **state)
{
	struct fixture *f = *state;
	char *text = pdf_of(f, REPORT_MEASURES, false, 0, "measures.pdf");

	assert_has(text, "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน");
	assert_has(text, "ประจำปีงบประมาณ พ.ศ. 2566");
	assert_has(text, agency_name);
	assert_has(text, "ผู้รับผิดชอบ");
	assert_has(text, "ระยะเวลาดำเนินการ");
	assert_has(text, "1 ต.ค. 2565");                             /* the plan's fiscal year */
	assert_has(text, "30 ก.ย. 2566");
	assert_has(text, "คณะทำงาน");
	assert_has(text, "ปัญหาและอุปสรรค");
	assert_has(text, f->plan->measures[0].issue_th);
	free(text);
}

static void test_progress_pdf(void **state)
{
	struct fixture *f = *state;
	char *text = pdf_of(f, REPORT_PROGRESS, false, 0, "progress-6.pdf");

	assert_has(text, "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส");
	assert_has(text, "รอบ 6 เดือน");
	assert_has(text, "ตั้งแต่เดือนตุลาคม 2565");
	assert_has(text, "ดำเนินการแล้ว");
	assert_has(text, "ออกคำสั่งมอบหมายงานที่ 01/2566 แล้ว");
	assert_has(text, "https://www.pakchong.go.th/order-01-2566.pdf");
	assert_has(text, "ยังไม่รายงาน");
	free(text);
	text = pdf_of(f, REPORT_PROGRESS, true, 1, "progress-12.pdf");
	assert_has(text, "รอบ ๑๒ เดือน");
	assert_has(text, "ประเมินผลครบทุกส่วนราชการ");
	/* a URL keeps its digits even in a Thai-digit document */
	assert_has(text, "https://www.pakchong.go.th/report-12-2566.pdf");
	free(text);
}

static void test_memo_pdf(void **state)
{
	struct fixture *f = *state;
	char *text;

	oi_plan_set(f->plan, &f->plan->memo.reference_no, "นม 52301/123");
	oi_plan_set(f->plan, &f->plan->memo.to_th, "นายกเทศมนตรีเมืองปากช่อง");
	oi_plan_set(f->plan, &f->plan->memo.date, "2023-02-18");
	text = pdf_of(f, REPORT_MEMO, true, 0, "memo.pdf");
	assert_has(text, "บันทึกข้อความ");
	assert_has(text, "ส่วนราชการ");
	assert_has(text, "เรื่อง");
	assert_has(text, "เรียน");
	assert_has(text, "นายกเทศมนตรีเมืองปากช่อง");
	assert_has(text, "๑๘ กุมภาพันธ์ ๒๕๖๖");
	assert_has(text, "๗๗.๙๘");
	assert_has(text, "จึงเรียนมาเพื่อโปรดพิจารณา");
	free(text);
}

static void test_html_and_tables(void **state)
{
	struct fixture *f = *state;
	struct buf b;

	render(f, REPORT_ANALYSIS, REPORT_HTML, false, 0, &b);
	assert_non_null(strstr(b.data, "<html"));
	assert_non_null(strstr(b.data, "การใช้อำนาจ"));
	assert_non_null(strstr(b.data, "89.00"));
	buf_release(&b);
	render(f, REPORT_MEASURES, REPORT_CSV, false, 0, &b);
	assert_memory_equal(b.data, "\xEF\xBB\xBF", 3);
	assert_null(strstr(b.data + 3, "\xEF\xBB\xBF"));            /* one BOM only */
	assert_non_null(strstr(b.data, "ผู้รับผิดชอบ"));
	assert_non_null(strstr(b.data, f->plan->measures[0].unit_th));
	buf_release(&b);
	render(f, REPORT_PROGRESS, REPORT_XLSX, false, 0, &b);
	assert_memory_equal(b.data, "PK", 2);
	buf_release(&b);
}

static void test_docx(void **state)
{
	struct fixture *f = *state;
	struct buf b;

	render(f, REPORT_ANALYSIS, REPORT_DOCX, false, 0, &b);
	assert_memory_equal(b.data, "PK", 2);
	keep(&b, "analysis.docx");
	buf_release(&b);
	render(f, REPORT_MEMO, REPORT_DOCX, true, 0, &b);
	keep(&b, "memo.docx");
	buf_release(&b);
}

static void test_refusals(void **state)
{
	struct fixture *f = *state;
	struct report_input in = {.analysis = NULL, .plan = f->plan};
	struct doc *d = NULL;
	struct oi_error err;

	assert_int_equal(report_build(REPORT_ANALYSIS, &in, &d, &err), -1);
	assert_null(d);
	assert_error_contains(err, "needs a result");
	in.analysis = &f->an;
	in.plan = NULL;
	assert_int_equal(report_build(REPORT_MEMO, &in, &d, &err), -1);
	assert_error_contains(err, "needs a measures plan");
	in.plan = f->plan;
	in.checkpoint = 2;
	assert_int_equal(report_build(REPORT_PROGRESS, &in, &d, &err), -1);
	assert_error_contains(err, "6 or 12");
	assert_int_equal(report_kind_parse("memo"), REPORT_MEMO);
	assert_int_equal(report_kind_parse("letter"), -1);
	assert_int_equal(report_format_parse("docx"), REPORT_DOCX);
	assert_int_equal(report_format_parse("odt"), -1);
}

/* An agency whose result is incomplete (no OIT) still gets an analysis: no total, no grade,
 * said in words. */
static void test_incomplete_result(void **state)
{
	struct fixture *f = *state;
	struct oi_agency_result *ar = oi_agency_result_new(f->fw, "x-1");
	struct oi_analysis an;
	struct oi_plan *plan;
	struct oi_error err;
	struct report_input in = {.playbook = f->pb, .today = "2023-06-15"};
	struct buf b;
	char *text;

	ar->fiscal_year_be = 2565;
	read_text(oi_agency_result_read_indicators, ar, "indicators.csv",
		  "agency,1,2,3,4,5,6,7,8,9,10\nx-1,80,81,82,83,84,85,86,87,,\n");
	oi_agency_result_finish(ar);
	assert_int_equal(oi_analyse(ar, &an, &err), 0);
	assert_false(an.has_total);
	assert_int_equal(oi_plan_draft(&an, f->pb, 0, &plan, &err), 0);
	in.analysis = &an;
	in.plan = plan;
	buf_init(&b, 64u << 20);
	assert_int_equal(report_render(REPORT_ANALYSIS, REPORT_PDF, &in, &b, &err), 0);
	text = pdf_text(&b);
	unwrap(text);
	assert_has(text, "ยังไม่ครบทุกตัวชี้วัด");
	assert_has(text, "ไม่มีข้อมูล");
	free(text);
	buf_release(&b);
	oi_plan_free(plan);
	oi_analysis_release(&an);
	oi_agency_result_free(ar);
}

/* No Thai word is cut between its letters anywhere in the four documents: every column is
 * wide enough for the words it holds (URLs aside). */
static void test_no_word_cut(void **state)
{
	struct fixture *f = *state;
	struct report_input in = {
		.analysis = &f->an, .plan = f->plan, .playbook = f->pb, .today = "2023-06-15",
	};
	struct oi_error err;

	for (int kind = REPORT_ANALYSIS; kind <= REPORT_MEMO; kind++) {
		for (int digits = 0; digits < 2; digits++) {
			struct doc *d;
			int cut;

			in.thai_digits = digits;
			assert_int_equal(report_build((enum report_kind)kind, &in, &d, &err), 0);
			cut = doc_words_cut(d, &err);
			doc_free(d);
			if (cut != 0)
				fail_msg("%s (%s digits): %d lines begin inside a word",
					 report_kind_name((enum report_kind)kind),
					 digits ? "Thai" : "Arabic", cut);
		}
	}
}

/* Numbers are never broken between their digits: the widest scores and changes there are
 * (100.00 after 0.00: "+100.00"), in Thai digits too, fit their columns in all four
 * documents (the layout forbids breaks inside a number, so a column too narrow would count as
 * a cut). */
static void test_numbers_stay_whole(void **state)
{
	static const char indicators[] =
		"agency,1,2,3,4,5,6,7,8,9,10\n"
		"seed-001,100.00,100.00,100.00,100.00,100.00,100.00,100.00,100.00,100.00,100.00\n";
	static const char previous[] =
		"agency,fiscal_year,1,2,3,4,5,6,7,8,9,10\n"
		"seed-001,2564,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00\n";
	struct fixture *f = *state;
	struct oi_agency_result *ar = oi_agency_result_new(f->fw, "seed-001");
	struct oi_analysis an;
	struct oi_plan *plan;
	struct oi_error err;

	ar->fiscal_year_be = 2565;
	oi_agency_result_set_name(ar, agency_name);
	read_text(oi_agency_result_read_indicators, ar, "indicators.csv", indicators);
	read_text(oi_agency_result_read_previous, ar, "previous.csv", previous);
	oi_agency_result_finish(ar);
	assert_int_equal(oi_analyse(ar, &an, &err), 0);
	assert_int_equal(oi_plan_draft(&an, f->pb, 0, &plan, &err), 0);
	for (int kind = REPORT_ANALYSIS; kind <= REPORT_MEMO; kind++) {
		for (int digits = 0; digits < 2; digits++) {
			struct report_input in = {
				.analysis = &an, .plan = plan, .playbook = f->pb,
				.today = "2023-06-15", .thai_digits = digits,
			};
			struct doc *d;
			int cut;

			assert_int_equal(report_build((enum report_kind)kind, &in, &d, &err), 0);
			cut = doc_words_cut(d, &err);
			doc_free(d);
			if (cut != 0)
				fail_msg("%s (%s digits): %d lines begin inside a word or number",
					 report_kind_name((enum report_kind)kind),
					 digits ? "Thai" : "Arabic", cut);
		}
	}
	oi_plan_free(plan);
	oi_analysis_release(&an);
	oi_agency_result_free(ar);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_analysis_golden),
		cmocka_unit_test(test_analysis_report_pdf),
		cmocka_unit_test(test_thai_digits),
		cmocka_unit_test(test_measures_pdf),
		cmocka_unit_test(test_progress_pdf),
		cmocka_unit_test(test_memo_pdf),
		cmocka_unit_test(test_html_and_tables),
		cmocka_unit_test(test_docx),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_incomplete_result),
		cmocka_unit_test(test_no_word_cut),
		cmocka_unit_test(test_numbers_stay_whole),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
