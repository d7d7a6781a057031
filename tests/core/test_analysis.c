/*
 * test_analysis.c — one agency's result in (src/core/agency_result.c) and its analysis out
 * (src/core/analysis.c), on ita-2565 and ita-2568:
 *   - the golden case, seed 001 from the published indicator scores (tests/data/seeds/
 *     indicators.csv): lowest indicator per instrument, strengths and weaknesses by the
 *     framework's strength_min, instruments against its target, total and grade; seeds 002
 *     and 004 in summary;
 *   - OIT verdicts with the assessors' comments: failed items in framework order, indicator 10
 *     of seed 002 computed from its verdicts (6 of 8 and 0 of 2 → 37.50);
 *   - question scores (low questions lowest first), earlier years (the most recent compared,
 *     oldest first, at most OI_MAX_PREVIOUS), a result taken from a score set;
 *   - every reader's errors with their exact "FILE:LINE[:COLUMN]: message" (cases in a table,
 *     one cmocka test per case).
 */
#include "frameworks.h"
#include "testutil.h"

#include <math.h>
#include <stdlib.h>

#include "openita/analysis.h"
#include "openita/score.h"

#define IND_HEADER "agency,1,2,3,4,5,6,7,8,9,10\n"
#define OIT_HEADER "agency,item,result,comment\n"
#define EPS 1e-9

typedef int (*reader_fn)(struct oi_agency_result *, struct oi_csv *, struct oi_error *);

static int read_len(reader_fn read, struct oi_agency_result *ar, const char *text, size_t len,
		    struct oi_error *err)
{
	struct oi_csv *c = oi_csv_from_memory("t.csv", text, len);
	int rc;

	oi_error_clear(err);
	rc = read(ar, c, err);
	oi_csv_free(c);
	return rc;
}

static int read_text(reader_fn read, struct oi_agency_result *ar, const char *text,
		     struct oi_error *err)
{
	return read_len(read, ar, text, strlen(text), err);
}

static size_t ind(const struct oi_framework *f, const char *code)
{
	long i = oi_framework_find_indicator(f, code);

	assert_true(i >= 0);
	return (size_t)i;
}

static size_t ins(const struct oi_framework *f, const char *code)
{
	long k = oi_framework_find_instrument(f, code);

	assert_true(k >= 0);
	return (size_t)k;
}

static size_t item(const struct oi_framework *f, const char *code)
{
	long i = oi_framework_find_oit_item(f, code);

	assert_true(i >= 0);
	return (size_t)i;
}

static size_t question(const struct oi_framework *f, const char *code)
{
	for (size_t q = 0; q < f->n_questions; q++)
		if (!strcmp(f->questions[q].code, code))
			return q;
	fail_msg("no question %s", code);
	return 0;
}

/* The seeds' published indicators, from tests/data/seeds/indicators.csv. */
static struct oi_agency_result *seed_result(const char *code)
{
	const char *root = getenv("OPENITA_ROOT");
	char path[1024];
	struct oi_agency_result *ar = oi_agency_result_new(fw, code);
	struct oi_csv *csv;
	struct oi_error err;

	snprintf(path, sizeof path, "%s/tests/data/seeds/indicators.csv", root ? root : ".");
	assert_ok(oi_csv_open(path, &csv, &err), err);
	assert_ok(oi_agency_result_read_indicators(ar, csv, &err), err);
	oi_csv_free(csv);
	oi_agency_result_finish(ar);
	return ar;
}

/* The codes of the findings' strengths (or weaknesses), "1 2 4 5 9". */
static void standing(const struct oi_analysis *a, bool strengths, char *out, size_t size)
{
	size_t used = 0;

	out[0] = '\0';
	for (size_t i = 0; i < a->n_indicators; i++)
		if (a->indicators[i].has_score && a->indicators[i].strength == strengths)
			used += (size_t)snprintf(out + used, size - used, "%s%s", used ? " " : "",
						 fw->indicators[a->indicators[i].indicator].code);
}

static void assert_lowest(const struct oi_analysis *a, const char *instrument,
			  const char *indicator, double score, bool meets)
{
	const struct oi_framework *f = a->ar->fw;
	const struct oi_instrument_finding *k = &a->instruments[ins(f, instrument)];

	assert_true(k->has_score);
	assert_int_equal(k->lowest_indicator, (long)ind(f, indicator));
	assert_close(a->indicators[k->lowest_indicator].score, score, EPS);
	assert_int_equal(k->meets_target, meets);
}

/* ---- golden and summary cases ---- */

static void golden_seed_001(void **state)
{
	struct oi_agency_result *ar = seed_result("seed-001");
	struct oi_analysis a;
	struct oi_error err;
	char list[200];

	(void)state;
	assert_ok(oi_analyse(ar, &a, &err), err);
	assert_ptr_equal(a.ar, ar);
	assert_int_equal(a.n_indicators, 10);
	assert_lowest(&a, "IIT", "3", 89.00, true);
	assert_lowest(&a, "EIT", "8", 82.18, true);
	assert_lowest(&a, "OIT", "10", 31.25, false);
	assert_string_equal(fw->indicators[ind(fw, "3")].name_th, "การใช้อำนาจ");
	standing(&a, true, list, sizeof list);
	assert_string_equal(list, "1 2 4 5 9");
	standing(&a, false, list, sizeof list);
	assert_string_equal(list, "3 6 7 8 10");
	assert_int_equal(a.n_strengths, 5);
	assert_int_equal(a.n_weaknesses, 5);
	/* IIT (98.21+94.45+89.00+94.35+90.88)/5 = 93.378; EIT (87.35+87.24+82.18)/3 = 85.59;
	 * OIT (90.20+31.25)/2 = 60.725 */
	assert_close(a.instruments[ins(fw, "IIT")].score, 93.38, EPS);
	assert_close(a.instruments[ins(fw, "EIT")].score, 85.59, EPS);
	assert_close(a.instruments[ins(fw, "OIT")].score, 60.73, EPS);
	assert_true(a.has_total);
	assert_close(a.total, 77.98, EPS);
	assert_string_equal(a.grade, "B");
	assert_false(a.meets_target);
	assert_int_equal(a.n_low_questions, 0);
	assert_int_equal(a.n_failed_items, 0);
	assert_false(a.has_previous_total);
	assert_false(a.indicators[0].has_previous);
	oi_analysis_release(&a);
	oi_agency_result_free(ar);
}

static void summary_seed_002(void **state)
{
	struct oi_agency_result *ar = seed_result("seed-002");
	struct oi_analysis a;
	struct oi_error err;

	(void)state;
	assert_ok(oi_analyse(ar, &a, &err), err);
	assert_lowest(&a, "IIT", "5", 78.45, false);     /* 82.136 → 82.14 */
	assert_lowest(&a, "EIT", "8", 77.02, false);
	assert_lowest(&a, "OIT", "10", 37.50, false);
	assert_int_equal(a.n_strengths, 0);
	assert_int_equal(a.n_weaknesses, 10);
	assert_close(a.total, 71.07, EPS);
	assert_string_equal(a.grade, "C");
	oi_analysis_release(&a);
	oi_agency_result_free(ar);
}

static void summary_seed_004(void **state)
{
	struct oi_agency_result *ar = seed_result("seed-004");
	struct oi_analysis a;
	struct oi_error err;

	(void)state;
	assert_ok(oi_analyse(ar, &a, &err), err);
	assert_lowest(&a, "IIT", "2", 98.83, true);
	assert_lowest(&a, "EIT", "8", 97.75, true);
	assert_lowest(&a, "OIT", "10", 93.75, true);
	assert_int_equal(a.n_strengths, 10);
	assert_int_equal(a.n_weaknesses, 0);
	/* 98.0252 from the published indicators: 98.03, where the seed publishes 98.02 (the
	 * ±0.01 of shared/design/METHODOLOGY.md) */
	assert_close(a.total, 98.03, EPS);
	assert_string_equal(a.grade, "AA");
	assert_true(a.meets_target);
	oi_analysis_release(&a);
	oi_agency_result_free(ar);
}

/* Standing is decided on the published (rounded) value; ties take the first indicator. */
static void rounding_and_ties(void **state)
{
	struct oi_agency_result *ar = oi_agency_result_new(fw, "A001");
	struct oi_analysis a;
	struct oi_error err;

	(void)state;
	assert_ok(read_text(oi_agency_result_read_indicators, ar,
			    "agency,name,1,2,3,4,5,6,7,8,9,10\n"
			    "A000,x,1,1,1,1,1,1,1,1,1,1\n"
			    "A001,เทศบาลตำบลท่าทราย,89.995,89.994,89.994,95,95,84.995,90,90,,\n", &err),
		  err);
	oi_agency_result_finish(ar);
	assert_string_equal(ar->agency_name, "เทศบาลตำบลท่าทราย");
	assert_ok(oi_analyse(ar, &a, &err), err);
	assert_true(a.indicators[ind(fw, "1")].strength);      /* 89.995 → 90.00 */
	assert_close(a.indicators[ind(fw, "1")].score, 90, EPS);
	assert_false(a.indicators[ind(fw, "2")].strength);     /* 89.994 → 89.99 */
	assert_lowest(&a, "IIT", "2", 89.99, true);            /* tie with 3: the first */
	assert_false(a.indicators[ind(fw, "9")].has_score);
	assert_false(a.indicators[ind(fw, "9")].strength);
	assert_int_equal(a.n_strengths, 5);
	assert_int_equal(a.n_weaknesses, 3);
	assert_false(a.instruments[ins(fw, "OIT")].has_score);
	assert_int_equal(a.instruments[ins(fw, "OIT")].lowest_indicator, -1);
	assert_false(a.has_total);
	assert_null(a.grade);
	oi_analysis_release(&a);
	oi_agency_result_free(ar);
}

static void nothing_to_analyse(void **state)
{
	struct oi_agency_result *ar = oi_agency_result_new(fw, "A001");
	struct oi_analysis a;
	struct oi_error err;

	(void)state;
	oi_agency_result_finish(ar);
	assert_int_equal(oi_analyse(ar, &a, &err), -1);
	assert_error_is(err, "agency \"A001\" has no indicator score: no result to analyse");
	oi_analysis_release(&a);
	oi_agency_result_free(ar);
}

/* ---- OIT verdicts with comments ---- */

/* Seed 002 without its published indicator 10: computed from the verdicts. The rows come out
 * of order, with another agency's; failed items are listed in framework order. */
static void oit_seed_002_computed_with_comments(void **state)
{
	static const char oit[] = OIT_HEADER
		"seed-002,O43,fail,\n"
		"seed-002,O41,ไม่ผ่าน,\"ไม่พบการดำเนินการ, ไม่มีรายงาน\"\n"
		"seed-002,O34,pass,\nseed-002,O35,pass,\nseed-002,O36,ผ่าน,\nseed-002,O37,PASS,\n"
		"other,O40,fail,ความเห็นของหน่วยงานอื่น\n"
		"seed-002,O38,pass,\nseed-002,O39,pass,ดี\n"
		"seed-002,O40,fail,ไม่มีรายงานผลการดำเนินการ\n"
		"seed-002,O42,fail,\"มาตรการ \"\"ไม่ครบ\"\"\"\n";
	struct oi_agency_result *ar = oi_agency_result_new(fw, "seed-002");
	struct oi_analysis a;
	struct oi_error err;

	(void)state;
	assert_ok(read_text(oi_agency_result_read_indicators, ar, IND_HEADER
			    "seed-002,85.59,81.81,86.09,78.74,78.45,83.29,77.86,77.02,75.56,\n", &err),
		  err);
	assert_ok(read_text(oi_agency_result_read_oit, ar, oit, &err), err);
	oi_agency_result_finish(ar);
	assert_true(ar->result.has_indicator[ind(fw, "10")]);
	assert_close(ar->result.indicator[ind(fw, "10")], 37.50, EPS);
	assert_close(ar->result.indicator[ind(fw, "9")], 75.56, EPS);   /* the sheet's */
	assert_int_equal(ar->verdict[item(fw, "O39")], 1);
	assert_int_equal(ar->verdict[item(fw, "O1")], -1);
	assert_string_equal(ar->comment[item(fw, "O39")], "ดี");

	assert_ok(oi_analyse(ar, &a, &err), err);
	assert_close(a.total, 71.07, EPS);
	assert_string_equal(a.grade, "C");
	assert_int_equal(a.n_failed_items, 4);
	assert_int_equal(a.failed_items[0].item, item(fw, "O40"));
	assert_string_equal(a.failed_items[0].comment, "ไม่มีรายงานผลการดำเนินการ");
	assert_int_equal(a.failed_items[1].item, item(fw, "O41"));
	assert_string_equal(a.failed_items[1].comment, "ไม่พบการดำเนินการ, ไม่มีรายงาน");
	assert_int_equal(a.failed_items[2].item, item(fw, "O42"));
	assert_string_equal(a.failed_items[2].comment, "มาตรการ \"ไม่ครบ\"");
	assert_int_equal(a.failed_items[3].item, item(fw, "O43"));
	assert_null(a.failed_items[3].comment);
	oi_analysis_release(&a);
	oi_agency_result_free(ar);
}

/* The sheet's indicator stands when the verdicts come after it; verdicts first, then a sheet
 * giving the same indicator, is an error. Only the failed items may be given (no indicator is
 * then computed), in a file without comments. */
static void oit_order_and_partial(void **state)
{
	struct oi_agency_result *ar = oi_agency_result_new(fw, "A001");
	struct oi_error err;
	char text[2048] = "agency,item,result\n";

	(void)state;
	assert_ok(read_text(oi_agency_result_read_indicators, ar,
			    IND_HEADER "A001,90,90,90,90,90,90,90,90,90,50\n", &err), err);
	for (int i = 34; i <= 43; i++) {
		size_t used = strlen(text);

		snprintf(text + used, sizeof text - used, "A001,O%d,pass\n", i);
	}
	assert_ok(read_text(oi_agency_result_read_oit, ar, text, &err), err);
	assert_close(ar->result.indicator[ind(fw, "10")], 50, EPS);
	oi_agency_result_free(ar);

	ar = oi_agency_result_new(fw, "A001");
	assert_ok(read_text(oi_agency_result_read_oit, ar, text, &err), err);
	assert_close(ar->result.indicator[ind(fw, "10")], 100, EPS);
	assert_int_equal(read_text(oi_agency_result_read_indicators, ar,
				   IND_HEADER "A001,90,90,90,90,90,90,90,90,90,50\n", &err), -1);
	assert_error_is(err, "t.csv:2:33: indicator 10 of agency \"A001\" already has a score "
			"(computed from OIT verdicts or read before); give it once");
	assert_false(ar->result.has_indicator[ind(fw, "1")]);      /* nothing applied */
	assert_int_equal(read_text(oi_agency_result_read_oit, ar, text, &err), -1);
	assert_error_is(err, "t.csv:2: item O34 of agency \"A001\" already has a verdict (read "
			"before); give it once");
	oi_agency_result_free(ar);

	ar = oi_agency_result_new(fw, "A001");
	assert_ok(read_text(oi_agency_result_read_oit, ar,
			    "agency,item,result\nA001,O2,fail\nA001,O9,ไม่ผ่าน\n", &err), err);
	assert_false(ar->result.has_indicator[ind(fw, "9")]);
	assert_int_equal(ar->verdict[item(fw, "O2")], 0);
	assert_null(ar->comment[item(fw, "O2")]);
	oi_agency_result_free(ar);
}

/* An agency without verdicts in the file is not an error. */
static void oit_agency_absent(void **state)
{
	struct oi_agency_result *ar = oi_agency_result_new(fw, "A001");
	struct oi_error err;

	(void)state;
	assert_ok(read_text(oi_agency_result_read_oit, ar, OIT_HEADER "A002,O1,fail,x\n", &err),
		  err);
	for (size_t i = 0; i < fw->n_oit_items; i++) {
		assert_int_equal(ar->verdict[i], -1);
		assert_null(ar->comment[i]);
	}
	oi_agency_result_free(ar);
}

/* ita-2568: its OIT items are ungrouped, so verdicts are read (failed items and comments) but
 * no indicator is computed; the published scores give the rating. */
static void ita_2568_rating_and_verdicts(void **state)
{
	struct oi_agency_result *ar = oi_agency_result_new(fw2568, "A001");
	struct oi_analysis a;
	struct oi_error err;

	(void)state;
	assert_ok(read_text(oi_agency_result_read_indicators, ar,
			    IND_HEADER "A001,96,96,96,96,96,96,96,96,100,88.75\n", &err), err);
	assert_ok(read_text(oi_agency_result_read_oit, ar,
			    OIT_HEADER "A001,O1,pass,\nA001,O12,fail,ไม่มีแผนปฏิบัติการประจำปี\n",
			    &err), err);
	oi_agency_result_finish(ar);
	assert_ok(oi_analyse(ar, &a, &err), err);
	/* OIT (100 + 88.75) / 2 = 94.375; total 96 × 0.6 + 94.375 × 0.4 = 95.35 */
	assert_close(a.instruments[ins(fw2568, "OIT")].score, 94.38, EPS);
	assert_close(a.total, 95.35, EPS);
	assert_string_equal(a.grade, "ผ่านดี");
	assert_lowest(&a, "OIT", "10", 88.75, true);
	assert_int_equal(a.n_strengths, 9);
	assert_int_equal(a.n_failed_items, 1);
	assert_int_equal(a.failed_items[0].item, item(fw2568, "O12"));
	assert_string_equal(a.failed_items[0].comment, "ไม่มีแผนปฏิบัติการประจำปี");
	oi_analysis_release(&a);
	oi_agency_result_free(ar);
}

/* ---- question scores ---- */

static void low_questions_lowest_first(void **state)
{
	struct oi_agency_result *ar = seed_result("seed-001");
	struct oi_analysis a;
	struct oi_error err;

	(void)state;
	assert_ok(read_text(oi_agency_result_read_questions, ar,
			    "agency,i13,i15,e11,e12,e14,e1,i1\n"
			    "seed-000,1,2,3,4,5,6,\n"
			    "seed-001,85.5,88.25,80.1,80.1,92,,89.995\n", &err), err);
	assert_true(isnan(ar->question_score[question(fw, "e1")]));
	assert_close(ar->question_score[question(fw, "i15")], 88.25, EPS);
	assert_ok(oi_analyse(ar, &a, &err), err);
	assert_int_equal(a.n_low_questions, 4);
	assert_int_equal(a.low_questions[0].question, question(fw, "e11"));
	assert_close(a.low_questions[0].score, 80.10, EPS);
	assert_int_equal(a.low_questions[1].question, question(fw, "e12"));   /* tie: order */
	assert_int_equal(a.low_questions[2].question, question(fw, "i13"));
	assert_int_equal(a.low_questions[3].question, question(fw, "i15"));
	oi_analysis_release(&a);
	oi_agency_result_free(ar);
}

/* ---- earlier years ---- */

static void previous_most_recent_compared(void **state)
{
	struct oi_agency_result *ar = seed_result("seed-001");
	struct oi_analysis a;
	struct oi_error err;

	(void)state;
	ar->fiscal_year_be = 2565;
	assert_ok(read_text(oi_agency_result_read_previous, ar,
			    "agency,fiscal_year,1,2,3,4,5,6,7,8,9,10\n"
			    "seed-001,2564,97.60,93.30,93.81,78.81,91.64,97.06,92.74,88.56,100,100\n"
			    "seed-002,2564,1,1,1,1,1,1,1,1,1,1\n"
			    "seed-002,2564,2,2,2,2,2,2,2,2,2,2\n"
			    "seed-001,2563,50,,,,,,,,,\n", &err), err);
	assert_int_equal(ar->n_previous, 2);
	assert_int_equal(ar->previous[0].fiscal_year_be, 2563);       /* oldest first */
	assert_int_equal(ar->previous[1].fiscal_year_be, 2564);
	assert_false(ar->previous[0].result.complete);
	assert_true(ar->previous[1].result.complete);
	assert_ok(oi_analyse(ar, &a, &err), err);
	assert_true(a.indicators[ind(fw, "1")].has_previous);
	assert_int_equal(a.indicators[ind(fw, "1")].previous_year_be, 2564);
	assert_close(a.indicators[ind(fw, "1")].previous, 97.60, EPS);
	assert_close(a.indicators[ind(fw, "1")].change, 0.61, EPS);
	assert_close(a.indicators[ind(fw, "10")].change, -68.75, EPS);
	assert_int_equal(a.previous_year_be, 2564);
	assert_true(a.has_previous_total);
	assert_close(a.previous_total, 95.15, EPS);
	assert_close(a.total_change, -17.17, EPS);
	oi_analysis_release(&a);
	oi_agency_result_free(ar);
}

/* The most recent year lacks indicator 10: no comparison for it (the older year is not used),
 * and no total to compare. */
static void previous_only_most_recent(void **state)
{
	struct oi_agency_result *ar = seed_result("seed-001");
	struct oi_analysis a;
	struct oi_error err;

	(void)state;
	assert_ok(read_text(oi_agency_result_read_previous, ar,
			    "agency,fiscal_year,10,1\nseed-001,2563,40,90\nseed-001,2564,,91\n", &err),
		  err);
	assert_ok(oi_analyse(ar, &a, &err), err);
	assert_false(a.indicators[ind(fw, "10")].has_previous);
	assert_true(a.indicators[ind(fw, "1")].has_previous);
	assert_close(a.indicators[ind(fw, "1")].previous, 91, EPS);
	assert_false(a.indicators[ind(fw, "2")].has_previous);
	assert_int_equal(a.previous_year_be, 2564);
	assert_false(a.has_previous_total);
	oi_analysis_release(&a);
	oi_agency_result_free(ar);
}

/* Ten years, in any order, over two files: the OI_MAX_PREVIOUS most recent are kept. */
static void previous_capped(void **state)
{
	struct oi_agency_result *ar = oi_agency_result_new(fw, "A001");
	struct oi_error err;

	(void)state;
	assert_ok(read_text(oi_agency_result_read_previous, ar,
			    "agency,fiscal_year,1\nA001,2560,60\nA001,2555,55\nA001,2564,64\n"
			    "A001,2557,57\nA001,2556,56\n", &err), err);
	assert_ok(read_text(oi_agency_result_read_previous, ar,
			    "agency,fiscal_year,1\nA001,2562,62\nA001,2558,58\nA001,2563,63\n"
			    "A001,2559,59\nA001,2561,61\n", &err), err);
	assert_int_equal(ar->n_previous, OI_MAX_PREVIOUS);
	for (size_t k = 0; k < ar->n_previous; k++) {
		int year = 2564 - (int)(OI_MAX_PREVIOUS - 1 - k);

		assert_int_equal(ar->previous[k].fiscal_year_be, year);
		assert_close(ar->previous[k].result.indicator[0], year - 2500, EPS);
	}
	assert_int_equal(read_text(oi_agency_result_read_previous, ar,
				   "agency,fiscal_year,1\nA001,2564,64\n", &err), -1);
	assert_error_is(err, "t.csv:2:6: year 2564 of agency \"A001\" was read before; give it once");
	oi_agency_result_free(ar);
}

/* ---- from a score set ---- */

static void from_scoreset(void **state)
{
	struct oi_scoreset *ss = oi_scoreset_new(fw);
	struct oi_agency_result *ar = oi_agency_result_new(fw, "A001");
	size_t eit = ins(fw, "EIT"), ag, other;
	struct oi_analysis a;
	struct oi_error err;
	double score;

	(void)state;
	other = oi_scoreset_agency(ss, "A000", 4);
	ag = oi_scoreset_agency(ss, "A001", 4);
	oi_scoreset_set_name(ss, ag, "หน่วยงาน ก", strlen("หน่วยงาน ก"));
	assert_int_equal(oi_scoreset_add_answers(ss, other, eit, "111111111111111", 15), 0);
	assert_int_equal(oi_scoreset_add_answers(ss, ag, eit, "444244444444444", 15), 0);
	assert_int_equal(oi_scoreset_add_answers(ss, ag, eit, "333233333333113", 15), 0);
	for (int i = 34; i <= 43; i++) {
		char code[16];

		snprintf(code, sizeof code, "O%d", i);
		assert_int_equal(oi_scoreset_set_verdict(ss, ag, item(fw, code), i != 40,
							 (unsigned long)i), 0);
	}
	/* the accessor: a question nobody answered has no score */
	assert_false(oi_scoreset_question_score(ss, ag, question(fw, "i1"), &score));
	assert_true(oi_scoreset_question_score(ss, ag, question(fw, "e13"), &score));
	assert_close(score, 50, EPS);

	assert_ok(oi_agency_result_from_scoreset(ar, ss, &err), err);
	oi_agency_result_finish(ar);
	assert_string_equal(ar->agency_name, "หน่วยงาน ก");
	assert_int_equal(ar->result.respondents[eit], 2);
	assert_close(ar->question_score[question(fw, "e1")], 250.0 / 3, 1e-6);
	assert_close(ar->question_score[question(fw, "e4")], 100, EPS);
	assert_true(isnan(ar->question_score[question(fw, "i1")]));
	assert_int_equal(ar->verdict[item(fw, "O40")], 0);
	assert_int_equal(ar->verdict[item(fw, "O1")], -1);

	assert_ok(oi_analyse(ar, &a, &err), err);
	/* 6 = (4 × 83.33 + 100) / 5 = 86.67; 7 = 83.33; 8 = (83.33 × 3 + 50 × 2) / 5 = 70 */
	assert_lowest(&a, "EIT", "8", 70.00, false);
	assert_close(a.indicators[ind(fw, "6")].score, 86.67, EPS);
	assert_close(a.instruments[eit].score, 80.00, EPS);
	assert_false(a.instruments[ins(fw, "IIT")].has_score);
	assert_int_equal(a.instruments[ins(fw, "IIT")].lowest_indicator, -1);
	assert_close(a.indicators[ind(fw, "10")].score, 93.75, EPS);    /* (87.5 + 100) / 2 */
	assert_int_equal(a.n_low_questions, 14);                          /* e4 only is high */
	assert_int_equal(a.low_questions[0].question, question(fw, "e13"));
	assert_int_equal(a.low_questions[1].question, question(fw, "e14"));
	assert_int_equal(a.low_questions[2].question, question(fw, "e1"));
	assert_close(a.low_questions[2].score, 83.33, EPS);
	assert_int_equal(a.n_failed_items, 1);
	assert_int_equal(a.failed_items[0].item, item(fw, "O40"));
	assert_null(a.failed_items[0].comment);
	assert_false(a.has_total);
	oi_analysis_release(&a);
	oi_agency_result_free(ar);

	ar = oi_agency_result_new(fw, "A009");
	assert_int_equal(oi_agency_result_from_scoreset(ar, ss, &err), -1);
	assert_error_is(err, "agency \"A009\" is not in the score set");
	oi_agency_result_free(ar);
	oi_scoreset_free(ss);
}

/* ---- errors ---- */

enum reader { IND, OIT, QUE, PRE };

struct error_case {
	const char *name;
	enum reader reader;
	const char *text;
	size_t len;                      /* 0: strlen(text) */
	const char *want;
};

#define IND_EXPECTED "agency,1,2,3,4,5,6,7,8,9,10 (and optionally name)"
#define QUE_EXPECTED "agency, then survey question codes such as i1"
#define PRE_EXPECTED "agency,fiscal_year,1,2,3,4,5,6,7,8,9,10 (all indicators or some)"
#define PRE_HEADER "agency,fiscal_year,1,2\n"
#define NUL_ROW "A001,,,,,,,,,9\0,\n"

static const struct error_case error_cases[] = {
	/* indicators */
	{"indicators: empty file", IND, "", 0,
	 "t.csv:1:1: the file is empty; expected a header line " IND_EXPECTED},
	{"indicators: first column", IND, "code,1,2,3,4,5,6,7,8,9,10\n", 0,
	 "t.csv:1:1: column 1 of the header is \"code\"; expected \"agency\" (header: "
	 IND_EXPECTED ")"},
	{"indicators: unknown column", IND, "agency,1,2,3,4,5,6,7,8,9,11\n", 0,
	 "t.csv:1:26: unknown column \"11\"; expected " IND_EXPECTED},
	{"indicators: indicator missing", IND, "agency,1,2,3,4,5,6,7,8,9\n", 0,
	 "t.csv:1: the header lacks indicator 10; expected " IND_EXPECTED},
	{"indicators: indicators missing", IND, "agency,name,1,2,3,4,5,6,7\n", 0,
	 "t.csv:1: the header lacks indicators 8, 9, 10; expected " IND_EXPECTED},
	{"indicators: column twice", IND, "agency,1,2,3,4,5,6,7,8,9,10,1\n", 0,
	 "t.csv:1:29: column \"1\" appears twice"},
	{"indicators: name twice", IND, "agency,name,1,2,3,4,5,6,7,8,9,10,name\n", 0,
	 "t.csv:1:34: column \"name\" appears twice"},
	{"indicators: out of range", IND, IND_HEADER "A001,,,,,,,,,101,\n", 0,
	 "t.csv:2:14: indicator 9: \"101\" is not a score; expected a number from 0 to 100 such "
	 "as 97.60, or an empty cell"},
	{"indicators: bad number", IND, IND_HEADER "A001,,,,,,,,,\"97,6\",\n", 0,
	 "t.csv:2:14: indicator 9: \"97,6\" is not a score; expected a number from 0 to 100 such "
	 "as 97.60, or an empty cell"},
	{"indicators: other agency's bad number", IND, IND_HEADER "A002,-1,,,,,,,,,\n"
	 "A001,1,,,,,,,,,\n", 0,
	 "t.csv:2:6: indicator 1: \"-1\" is not a score; expected a number from 0 to 100 such as "
	 "97.60, or an empty cell"},
	{"indicators: second row", IND, IND_HEADER "A001,,,,,,,,,97.6,\nA001,,,,,,,,,,50\n", 0,
	 "t.csv:3:1: agency \"A001\" has a second row (the first is on line 2)"},
	{"indicators: width", IND, IND_HEADER "A001,1,2\n", 0,
	 "t.csv:2: expected 11 fields as in the header, found 3"},
	{"indicators: empty agency", IND, IND_HEADER ",1,,,,,,,,,\n", 0,
	 "t.csv:2:1: the agency code is empty"},
	{"indicators: agency missing", IND, IND_HEADER "A002,1,,,,,,,,,\n", 0,
	 "t.csv: agency \"A001\" is not in t.csv"},
	{"indicators: header only", IND, IND_HEADER, 0,
	 "t.csv: agency \"A001\" is not in t.csv"},
	{"indicators: NUL byte", IND, IND_HEADER NUL_ROW, sizeof IND_HEADER NUL_ROW - 1,
	 "t.csv:2:14: a NUL byte in the text; is this a UTF-16 file? save it as UTF-8 (in Excel: "
	 "\"CSV UTF-8\")"},
	{"indicators: UTF-16 garbage", IND, "\xff\xfe" "a\0g\0", 6,
	 "t.csv:1:1: a NUL byte in the text; is this a UTF-16 file? save it as UTF-8 (in Excel: "
	 "\"CSV UTF-8\")"},
	{"indicators: not UTF-8", IND, IND_HEADER "\xca\xd3,1,,,,,,,,,\n", 0,
	 "t.csv:2:1: not valid UTF-8 text; save the file as UTF-8 (in Excel: \"CSV UTF-8\")"},
	/* OIT */
	{"oit: empty file", OIT, "", 0,
	 "t.csv:1:1: the file is empty; expected a header line agency,item,result"},
	{"oit: unknown column", OIT, "agency,item,result,note\n", 0,
	 "t.csv:1:20: unknown column \"note\"; expected agency,item,result (then optionally "
	 "comment)"},
	{"oit: header only", OIT, OIT_HEADER, 0,
	 "t.csv:2:1: no verdicts: the file has a header but no rows"},
	{"oit: unknown item", OIT, OIT_HEADER "A001,O44,pass,\n", 0,
	 "t.csv:2:6: unknown item \"O44\"; ita-2565 has items O1 to O43"},
	{"oit: bad result", OIT, OIT_HEADER "A001,O1,ok,\n", 0,
	 "t.csv:2:9: result \"ok\" is neither \"pass\" nor \"fail\""},
	{"oit: comment missing", OIT, OIT_HEADER "A001,O1,pass\n", 0,
	 "t.csv:2: expected 4 fields as in the header, found 3"},
	{"oit: second verdict", OIT, OIT_HEADER "A001,O1,pass,\nA001,O1,fail,x\n", 0,
	 "t.csv:3:6: a second verdict for item O1 of agency \"A001\" (the first is on line 2)"},
	{"oit: garbage", OIT, OIT_HEADER "A001,O1,fail,\xe0\x80\n", 0,
	 "t.csv:2:14: not valid UTF-8 text; save the file as UTF-8 (in Excel: \"CSV UTF-8\")"},
	/* questions */
	{"questions: empty file", QUE, "", 0,
	 "t.csv:1:1: the file is empty; expected a header line " QUE_EXPECTED},
	{"questions: no question column", QUE, "agency\nA001\n", 0,
	 "t.csv:1: the header has no question column; expected " QUE_EXPECTED},
	{"questions: unknown column", QUE, "agency,i1,x9\n", 0,
	 "t.csv:1:11: unknown column \"x9\"; expected " QUE_EXPECTED},
	{"questions: an OIT item", QUE, "agency,O1\n", 0,
	 "t.csv:1:8: unknown column \"O1\"; expected " QUE_EXPECTED},
	{"questions: a sub-item", QUE, "agency,i1.1\n", 0,
	 "t.csv:1:8: column \"i1.1\" is a sub-item of question i1; give the score of the "
	 "question"},
	{"questions: column twice", QUE, "agency,i2,e1,i2\n", 0,
	 "t.csv:1:14: column \"i2\" appears twice"},
	{"questions: out of range", QUE, "agency,i2\nA001,100.5\n", 0,
	 "t.csv:2:6: question i2: \"100.5\" is not a score; expected a number from 0 to 100 such "
	 "as 85.50, or an empty cell"},
	{"questions: bad number", QUE, "agency,i2,e1\nA001,80,8O\n", 0,
	 "t.csv:2:9: question e1: \"8O\" is not a score; expected a number from 0 to 100 such as "
	 "85.50, or an empty cell"},
	{"questions: second row", QUE, "agency,i2\nA001,80\nA002,1\nA001,81\n", 0,
	 "t.csv:4:1: agency \"A001\" has a second row (the first is on line 2)"},
	{"questions: agency missing", QUE, "agency,i2\nA002,80\n", 0,
	 "t.csv: agency \"A001\" is not in t.csv"},
	{"questions: NUL byte", QUE, "agency,i2\nA001,8\0\n", sizeof "agency,i2\nA001,8\0\n" - 1,
	 "t.csv:2:6: a NUL byte in the text; is this a UTF-16 file? save it as UTF-8 (in Excel: "
	 "\"CSV UTF-8\")"},
	/* previous years */
	{"previous: empty file", PRE, "", 0,
	 "t.csv:1:1: the file is empty; expected a header line " PRE_EXPECTED},
	{"previous: second column", PRE, "agency,year,1\n", 0,
	 "t.csv:1:8: column 2 of the header is \"year\"; expected \"fiscal_year\" (header: "
	 PRE_EXPECTED ")"},
	{"previous: no indicator column", PRE, "agency,fiscal_year\n", 0,
	 "t.csv:1: the header has no indicator column; expected " PRE_EXPECTED},
	{"previous: unknown column", PRE, "agency,fiscal_year,1,total\n", 0,
	 "t.csv:1:22: unknown column \"total\"; expected " PRE_EXPECTED},
	{"previous: column twice", PRE, "agency,fiscal_year,1,2,1\n", 0,
	 "t.csv:1:24: column \"1\" appears twice"},
	{"previous: year in CE", PRE, PRE_HEADER "A001,2021,90,90\n", 0,
	 "t.csv:2:6: fiscal year \"2021\" is not a year; expected a Buddhist Era year from 2500 to "
	 "2700 such as 2564"},
	{"previous: short year", PRE, PRE_HEADER "A001,64,90,90\n", 0,
	 "t.csv:2:6: fiscal year \"64\" is not a year; expected a Buddhist Era year from 2500 to "
	 "2700 such as 2564"},
	{"previous: year 2701", PRE, PRE_HEADER "A001,2701,90,90\n", 0,
	 "t.csv:2:6: fiscal year \"2701\" is not a year; expected a Buddhist Era year from 2500 to "
	 "2700 such as 2564"},
	{"previous: Thai digits", PRE, PRE_HEADER "A001,๒๕๖๔,90,90\n", 0,
	 "t.csv:2:6: fiscal year \"๒๕๖๔\" is not a year; expected a Buddhist Era year from 2500 to "
	 "2700 such as 2564"},
	{"previous: duplicate year", PRE, PRE_HEADER "A001,2564,90,90\nA002,2564,1,1\n"
	 "A001,2564,91,91\n", 0,
	 "t.csv:4:6: year 2564 of agency \"A001\" appears twice (the first is on line 2)"},
	{"previous: not earlier", PRE, PRE_HEADER "A001,2565,90,90\n", 0,
	 "t.csv:2:6: year 2565 is not earlier than the assessed year 2565"},
	{"previous: out of range", PRE, PRE_HEADER "A001,2564,90,100.01\n", 0,
	 "t.csv:2:14: indicator 2: \"100.01\" is not a score; expected a number from 0 to 100 such "
	 "as 97.60, or an empty cell"},
	{"previous: bad number", PRE, PRE_HEADER "A001,2564,1e2,90\n", 0,
	 "t.csv:2:11: indicator 1: \"1e2\" is not a score; expected a number from 0 to 100 such "
	 "as 97.60, or an empty cell"},
	{"previous: width", PRE, PRE_HEADER "A001,2564,90\n", 0,
	 "t.csv:2: expected 4 fields as in the header, found 3"},
	{"previous: agency missing", PRE, PRE_HEADER "A002,2564,90,90\n", 0,
	 "t.csv: agency \"A001\" is not in t.csv"},
	{"previous: garbage", PRE, PRE_HEADER "A001,2564,\"90\"x,90\n", 0,
	 "t.csv:2:15: unexpected character after a closing quote; expected a comma or the end of "
	 "the line"},
};

static void run_error_case(void **state)
{
	static const reader_fn readers[] = {
		[IND] = oi_agency_result_read_indicators,
		[OIT] = oi_agency_result_read_oit,
		[QUE] = oi_agency_result_read_questions,
		[PRE] = oi_agency_result_read_previous,
	};
	const struct error_case *tc = *state;
	struct oi_agency_result *ar = oi_agency_result_new(fw, "A001");
	struct oi_error err;
	size_t len = tc->len ? tc->len : strlen(tc->text);

	ar->fiscal_year_be = 2565;
	assert_int_equal(read_len(readers[tc->reader], ar, tc->text, len, &err), -1);
	assert_error_is(err, tc->want);
	/* nothing of a failed file is applied */
	for (size_t i = 0; i < fw->n_indicators; i++)
		assert_false(ar->result.has_indicator[i]);
	for (size_t q = 0; q < fw->n_questions; q++)
		assert_true(isnan(ar->question_score[q]));
	for (size_t i = 0; i < fw->n_oit_items; i++)
		assert_int_equal(ar->verdict[i], -1);
	assert_int_equal(ar->n_previous, 0);
	oi_agency_result_free(ar);
}

int main(void)
{
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(golden_seed_001),
		cmocka_unit_test(summary_seed_002),
		cmocka_unit_test(summary_seed_004),
		cmocka_unit_test(rounding_and_ties),
		cmocka_unit_test(nothing_to_analyse),
		cmocka_unit_test(oit_seed_002_computed_with_comments),
		cmocka_unit_test(oit_order_and_partial),
		cmocka_unit_test(oit_agency_absent),
		cmocka_unit_test(ita_2568_rating_and_verdicts),
		cmocka_unit_test(low_questions_lowest_first),
		cmocka_unit_test(previous_most_recent_compared),
		cmocka_unit_test(previous_only_most_recent),
		cmocka_unit_test(previous_capped),
		cmocka_unit_test(from_scoreset),
	};
	struct test_list l = {0};

	test_list_add(&l, fixed, sizeof fixed / sizeof fixed[0]);
	test_list_add_cases(&l, error_cases, run_error_case);
	return test_list_run(&l, "analysis", load_frameworks, free_frameworks);
}
