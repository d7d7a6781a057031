/*
 * test_score_input.c — tests of the readers of `openita score`'s input files
 * (src/core/score_input.c), on framework ita-2565 (and ita-2568 where it differs):
 *   - survey answers (IIT, EIT): scores checked through oi_scoreset_result against values
 *     computed by hand from the scale (0, 100/3, 200/3, 100; reverse items reversed; yes/no
 *     มี = 100, ไม่มี = 0 before reversing), respondent counts, blank cells;
 *   - OIT verdicts: spellings of pass and fail, the seed agencies' published indicators 9 and
 *     10 recomputed from their verdicts;
 *   - published indicator scores, and agencies.
 * Every error is checked for its exact "FILE:LINE[:COLUMN]: message" — the whole line, or the
 * start of it where the rest of a long message is checked by another case (cases in a table,
 * one cmocka test per case, named after it).
 */
#include "frameworks.h"
#include "testutil.h"

#include <stdlib.h>

#include "openita/score.h"
#include "openita/score_input.h"

/* The IIT answer codes of ita-2565, in the order of the framework (51 columns). */
#define IIT_CODES                                                                           \
	"i1.1,i1.2,i2,i3.1,i3.2,i3.3,i4.1,i4.2,i4.3,i5.1,i5.2,i5.3,i6.1,i6.2,i6.3,i7,i8.1,"  \
	"i8.2,i9,i10,i11.1,i11.2,i12.1,i12.2,i12.3,i13,i14,i15,i16,i17,i18.1,i18.2,i18.3,"   \
	"i19,i20,i21,i22,i23,i24,i25,i26.1,i26.2,i27,i28.1,i28.2,i28.3,i29,i30.1,i30.2,"     \
	"i30.3,i30.4"
#define IIT_HEADER "agency,respondent," IIT_CODES "\n"

/*
 * The best answer to every IIT item, by hand from `openita framework show ita-2565`: 4 on
 * level4 items, 1 on reverse level4 items (i9, i10, i11.2, i16, i17, i18.x, i19, i22), 2
 * (ไม่มี) on the reverse yes/no items i4.x–i6.x, 1 (มี) on i26.x.
 */
#define IIT_BEST                                                                            \
	"4,4,4,4,4,4,2,2,2,2,2,2,2,2,2,4,4,4,1,1,4,1,4,4,4,4,4,4,1,1,1,1,1,1,4,4,1,4,4,4,1,1," \
	"4,4,4,4,4,4,4,4,4"

/* 4 on every level4 item, 1 (มี) on every yes/no item, reverse or not. */
#define IIT_ALL_HIGH                                                                        \
	"4,4,4,4,4,4,1,1,1,1,1,1,1,1,1,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,1,1," \
	"4,4,4,4,4,4,4,4,4"

/* EIT: header columns e1 at 19, e2 22, … e9 43, e10 46, e11 50 … e15 66; a row "A001,e01,"
 * has e1 at column 10, e2 at 12, … e15 at 38. */
#define EIT_HEADER "agency,respondent,e1,e2,e3,e4,e5,e6,e7,e8,e9,e10,e11,e12,e13,e14,e15\n"
#define EIT_ROW(agency, resp) agency "," resp ",4,4,4,2,4,4,4,4,4,4,4,4,4,4,4\n"

#define OIT_HEADER "agency,item,result\n"
#define IND_HEADER "agency,1,2,3,4,5,6,7,8,9,10\n"

#define A10 "AAAAAAAAAA"
#define A101 A10 A10 A10 A10 A10 A10 A10 A10 A10 A10 "A"

/* ---- helpers ---- */

static size_t instrument(const struct oi_framework *f, const char *code)
{
	long k = oi_framework_find_instrument(f, code);

	assert_true(k >= 0);
	return (size_t)k;
}

static size_t indicator(const char *code)
{
	long i = oi_framework_find_indicator(fw, code);

	assert_true(i >= 0);
	return (size_t)i;
}

static int read_survey_text(struct oi_scoreset *ss, const char *ins, const char *text,
			    const struct oi_scoreset *known, struct oi_error *err)
{
	struct oi_csv *c = csv_text("t.csv", text);
	int rc;

	oi_error_clear(err);
	rc = oi_read_survey(ss, instrument(oi_scoreset_framework(ss), ins), c, known, err);
	oi_csv_free(c);
	return rc;
}

typedef int (*reader_fn)(struct oi_scoreset *, struct oi_csv *, const struct oi_scoreset *,
			 struct oi_error *);

static int read_text(reader_fn read, struct oi_scoreset *ss, const char *text,
		     const struct oi_scoreset *known, struct oi_error *err)
{
	struct oi_csv *c = csv_text("t.csv", text);
	int rc;

	oi_error_clear(err);
	rc = read(ss, c, known, err);
	oi_csv_free(c);
	return rc;
}

static int read_agencies(struct oi_scoreset *ss, struct oi_csv *c, const struct oi_scoreset *k,
			 struct oi_error *err)
{
	(void)k;
	return oi_read_agencies(ss, c, err);
}

/* The result of the agency with this code. */
static void result_of(const struct oi_scoreset *ss, const char *code, struct oi_result *r)
{
	long a = oi_scoreset_find_agency(ss, code, strlen(code));

	if (a < 0)
		fail_msg("no agency \"%s\"", code);
	oi_scoreset_result(ss, (size_t)a, r);
}

/* A new score set with text read by read (or the test fails), and agency's result in *r. */
static struct oi_scoreset *set_from_text(reader_fn read, const char *text, const char *agency,
					 struct oi_result *r)
{
	struct oi_scoreset *ss = oi_scoreset_new(fw);
	struct oi_error err;

	assert_ok(read_text(read, ss, text, NULL, &err), err);
	result_of(ss, agency, r);
	return ss;
}

/*
 * A row of an IIT file for agency/resp: every answer empty except those in `answers`, written
 * "code=value code=value". The row is appended to out (a buffer of outsize bytes).
 */
static void iit_row(char *out, size_t outsize, const char *agency, const char *resp,
		    const char *answers)
{
	char codes[] = IIT_CODES;
	size_t used = strlen(out);
	char *save = NULL;

	used += (size_t)snprintf(out + used, outsize - used, "%s,%s", agency, resp);
	for (char *code = strtok_r(codes, ",", &save); code; code = strtok_r(NULL, ",", &save)) {
		const char *value = "";
		char key[16];
		const char *hit;

		snprintf(key, sizeof key, "%s=", code);
		for (hit = strstr(answers, key); hit; hit = strstr(hit + 1, key))
			if (hit == answers || hit[-1] == ' ')
				break;
		if (hit)
			value = hit + strlen(key);
		used += (size_t)snprintf(out + used, outsize - used, ",%.*s",
					 (int)strcspn(value, " "), value);
	}
	used += (size_t)snprintf(out + used, outsize - used, "\n");
	assert_true(used < outsize);
}

/* Score one IIT respondent of agency A001 answering `answers` only; return the result. */
static void score_one_iit(const char *answers, struct oi_result *r)
{
	char text[4096] = IIT_HEADER;
	struct oi_scoreset *ss = oi_scoreset_new(fw);
	struct oi_error err;

	iit_row(text, sizeof text, "A001", "r1", answers);
	assert_ok(read_survey_text(ss, "IIT", text, NULL, &err), err);
	result_of(ss, "A001", r);
	oi_scoreset_free(ss);
}

#define EPS 1e-9

/* ---- survey: scores ---- */

static void survey_best_answers_score_100(void **state)
{
	struct oi_scoreset *ss = oi_scoreset_new(fw);
	struct oi_result r;
	struct oi_error err;
	size_t iit = instrument(fw, "IIT");

	(void)state;
	assert_ok(read_survey_text(ss, "IIT", IIT_HEADER "A001,r1," IIT_BEST "\n", NULL, &err),
		  err);
	assert_int_equal(oi_scoreset_count(ss), 1);
	assert_string_equal(oi_scoreset_agency_code(ss, 0), "A001");
	assert_null(oi_scoreset_agency_name(ss, 0));
	result_of(ss, "A001", &r);
	for (const char *const *c = (const char *const[]){"1", "2", "3", "4", "5", NULL}; *c; c++) {
		assert_true(r.has_indicator[indicator(*c)]);
		assert_close(r.indicator[indicator(*c)], 100, EPS);
	}
	assert_true(r.has_instrument[iit]);
	assert_close(r.instrument[iit], 100, EPS);
	assert_int_equal(r.respondents[iit], 1);
	assert_int_equal(r.respondents[instrument(fw, "EIT")], 0);
	assert_false(r.has_indicator[indicator("6")]);
	assert_false(r.complete);
	assert_null(r.grade);
	oi_scoreset_free(ss);
}

/* 4 everywhere on level4 and มี everywhere on yes/no: reverse items score 0, i26 (not
 * reverse) scores 100. By hand: 1 = (100+100+100+0+0+0)/6; 2 = (100+100+0+0+50+100)/6 with
 * i11 = (100 + 0)/2; 3 = (100+100+100+0+0+0)/6; 4 = (0+100+100+0+100+100)/6; 5 = 100. */
static void survey_all_high_answers(void **state)
{
	struct oi_scoreset *ss = oi_scoreset_new(fw);
	struct oi_result r;
	struct oi_error err;

	(void)state;
	assert_ok(read_survey_text(ss, "IIT", IIT_HEADER "A001,r1," IIT_ALL_HIGH "\n", NULL, &err),
		  err);
	result_of(ss, "A001", &r);
	assert_close(r.indicator[indicator("1")], 50, EPS);
	assert_close(r.indicator[indicator("2")], 350.0 / 6, EPS);
	assert_close(r.indicator[indicator("3")], 50, EPS);
	assert_close(r.indicator[indicator("4")], 400.0 / 6, EPS);
	assert_close(r.indicator[indicator("5")], 100, EPS);
	assert_close(r.instrument[instrument(fw, "IIT")], 65, EPS);
	oi_scoreset_free(ss);
}

/* One answer at a time: the indicator equals that question's score. */
struct single_answer {
	const char *answers, *indicator;
	double want;
};

static void survey_single_answers(void **state)
{
	static const struct single_answer cases[] = {
		{"i9=1", "2", 100},              /* reverse level4: option 1 is the best */
		{"i9=2", "2", 200.0 / 3},
		{"i9=4", "2", 0},
		{"i10=3", "2", 100.0 / 3},
		{"i7=1", "2", 0},                /* plain level4 */
		{"i7=2", "2", 100.0 / 3},
		{"i7=3", "2", 200.0 / 3},
		{"i7=4", "2", 100},
		{"i4.1=1", "1", 0},              /* reverse yes/no: มี (bribe asked) is bad */
		{"i4.1=2", "1", 100},
		{"i26.1=1", "5", 100},           /* plain yes/no: มี is good */
		{"i26.1=2", "5", 0},
		{"i11.1=4 i11.2=4", "2", 50},    /* sub-items averaged: 100 and reversed 0 */
		{"i11.1=4 i11.2=1", "2", 100},
		{"i1.1=4 i1.2=1", "1", 50},
		{"i30.1=4 i30.2=3 i30.4=2", "5", 200.0 / 3},   /* (100 + 200/3 + 100/3) / 3 */
		{"i2=4 i13=1", "1", 100},        /* another indicator's answer does not count here */
		{"i1.1=4 i2=1", "1", 50},        /* two questions: (100 + 0) / 2 */
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct oi_result r;
		size_t ind = indicator(cases[i].indicator);

		score_one_iit(cases[i].answers, &r);
		if (!r.has_indicator[ind])
			fail_msg("%s: indicator %s has no data", cases[i].answers, cases[i].indicator);
		if (r.indicator[ind] - cases[i].want > EPS || cases[i].want - r.indicator[ind] > EPS)
			fail_msg("%s: indicator %s is %.12g, expected %.12g", cases[i].answers,
				 cases[i].indicator, r.indicator[ind], cases[i].want);
		/* every other IIT indicator without an answer has no data */
		if (!strcmp(cases[i].answers, "i9=1"))
			for (const char *const *c = (const char *const[]){"1", "3", "4", "5", NULL};
			     *c; c++)
				assert_false(r.has_indicator[indicator(*c)]);
	}
}

/*
 * Two respondents, blanks skipped: r1 i1.1=4 i1.2=1 → i1 = 50; r2 i1.1=3, i1.2 blank →
 * i1 = 200/3; the agency's i1 = (50 + 200/3) / 2 = 175/3. i2 only from r2 (= 100/3), so
 * indicator 1 = (175/3 + 100/3) / 2 = 275/6.
 */
static void survey_means_and_blanks(void **state)
{
	char text[8192] = IIT_HEADER;
	struct oi_scoreset *ss = oi_scoreset_new(fw);
	struct oi_result r;
	struct oi_error err;

	(void)state;
	iit_row(text, sizeof text, "A001", "r1", "i1.1=4 i1.2=1");
	iit_row(text, sizeof text, "A001", "r2", "i1.1=3 i2=2");
	assert_ok(read_survey_text(ss, "IIT", text, NULL, &err), err);
	result_of(ss, "A001", &r);
	assert_close(r.indicator[indicator("1")], 275.0 / 6, EPS);
	assert_int_equal(r.respondents[instrument(fw, "IIT")], 2);
	oi_scoreset_free(ss);
}

/* EIT, several agencies; the same respondent id in two agencies is fine; CRLF and a BOM. */
static void survey_eit_agencies(void **state)
{
	static const char text[] =
		"\xEF\xBB\xBF" "agency,respondent,e1,e2,e3,e4,e5,e6,e7,e8,e9,e10,e11,e12,e13,e14,e15\r\n"
		"A001,1,4,4,4,2,4,4,4,4,4,4,4,4,4,4,4\r\n"
		"A001,2,3,3,3,1,3,2,2,2,2,2,1,1,1,1,1\r\n"
		"\r\n"
		"A002,1,1,2,,2,,4,,,,,,,,,3\r\n";
	struct oi_scoreset *ss = oi_scoreset_new(fw);
	struct oi_result r;
	struct oi_error err;
	size_t eit = instrument(fw, "EIT");

	(void)state;
	assert_ok(read_survey_text(ss, "EIT", text, NULL, &err), err);
	assert_int_equal(oi_scoreset_count(ss), 2);
	assert_string_equal(oi_scoreset_agency_code(ss, 0), "A001");
	assert_string_equal(oi_scoreset_agency_code(ss, 1), "A002");
	result_of(ss, "A001", &r);
	assert_int_equal(r.respondents[eit], 2);
	assert_int_equal(r.respondents[instrument(fw, "IIT")], 0);
	/* 6: e1–e3 (100, 200/3 each) → 250/3 each; e4 (reverse yes/no) 100 and 0 → 50;
	 * e5 250/3 → (4 × 250/3 + 50) / 5 = 230/3 */
	assert_close(r.indicator[indicator("6")], 230.0 / 3, EPS);
	/* 7: r1 100, r2 100/3 on each → 200/3 */
	assert_close(r.indicator[indicator("7")], 200.0 / 3, EPS);
	/* 8: r1 100, r2 0 → 50 */
	assert_close(r.indicator[indicator("8")], 50, EPS);
	assert_close(r.instrument[eit], (230.0 / 3 + 200.0 / 3 + 50) / 3, EPS);
	result_of(ss, "A002", &r);
	assert_int_equal(r.respondents[eit], 1);
	/* 6: e1 0, e2 100/3, e4 (ไม่มี, reversed) 100 → 400/9; 7: e6 only → 100;
	 * 8: e15 only → 200/3 */
	assert_close(r.indicator[indicator("6")], (0 + 100.0 / 3 + 100) / 3, EPS);
	assert_close(r.indicator[indicator("7")], 100, EPS);
	assert_close(r.indicator[indicator("8")], 200.0 / 3, EPS);
	oi_scoreset_free(ss);
}

/* Answers written as the options' words (as survey tools export them, spaces around them
 * ignored) score exactly as their numbers. */
static void survey_answers_as_labels(void **state)
{
	static const char numbers[] =
		EIT_HEADER
		"A001,1,4,4,4,2,4,4,4,4,4,4,4,4,4,4,4\n"
		"A001,2,3,3,3,1,3,2,2,2,2,2,1,1,1,1,1\n";
	static const char words[] =
		EIT_HEADER
		"A001,1,มากที่สุด,4, มากที่สุด ,ไม่มี,4,4,4,4,4,4,4,4,4,4,มากที่สุด\n"
		"A001,2,มาก,3,3,มี,3,น้อย,2,2,2,2,น้อยที่สุดหรือไม่มีเลย,1,1,1,1\n";
	struct oi_scoreset *a = oi_scoreset_new(fw), *b = oi_scoreset_new(fw);
	struct oi_result ra, rb;
	struct oi_error err;

	(void)state;
	assert_ok(read_survey_text(a, "EIT", numbers, NULL, &err), err);
	assert_ok(read_survey_text(b, "EIT", words, NULL, &err), err);
	result_of(a, "A001", &ra);
	result_of(b, "A001", &rb);
	for (size_t i = 0; i < fw->n_indicators; i++) {
		assert_int_equal(ra.has_indicator[i], rb.has_indicator[i]);
		if (ra.has_indicator[i])
			assert_close(ra.indicator[i], rb.indicator[i], 1e-12);
	}
	assert_true(ra.has_indicator[indicator("6")]);
	oi_scoreset_free(a);
	oi_scoreset_free(b);
}

/* Reading answers adds to what the set already holds (the CLI merges per-file sets). */
static void survey_adds_to_existing_set(void **state)
{
	struct oi_scoreset *ss = oi_scoreset_new(fw);
	struct oi_result r;
	struct oi_error err;

	(void)state;
	assert_ok(read_survey_text(ss, "EIT", EIT_HEADER EIT_ROW("A001", "e1"), NULL, &err), err);
	assert_ok(read_survey_text(ss, "EIT",
				   EIT_HEADER "A001,e2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1\n", NULL, &err),
		  err);
	result_of(ss, "A001", &r);
	assert_int_equal(r.respondents[instrument(fw, "EIT")], 2);
	assert_close(r.indicator[indicator("6")], 50, EPS);
	oi_scoreset_free(ss);
}

/* With a registry (`known`), an agency in it is accepted and one not in it is an error. */
static void survey_known_agencies(void **state)
{
	struct oi_scoreset *known = oi_scoreset_new(fw), *ss = oi_scoreset_new(fw);
	struct oi_error err;

	(void)state;
	assert_ok(read_text(read_agencies, known, "code,name\nA001,หน่วยงาน ก\nA002,หน่วยงาน ข\n",
			    NULL, &err), err);
	assert_ok(read_survey_text(ss, "EIT", EIT_HEADER EIT_ROW("A002", "1") EIT_ROW("A001", "1"),
				   known, &err), err);
	assert_int_equal(oi_scoreset_count(ss), 2);
	assert_int_equal(read_survey_text(ss, "EIT",
					  EIT_HEADER EIT_ROW("A001", "2") EIT_ROW("A009", "1"),
					  known, &err), -1);
	assert_error_is(err, "t.csv:3:1: unknown agency \"A009\"; it is not in the agencies file");
	oi_scoreset_free(ss);
	oi_scoreset_free(known);
}

/* ---- OIT ---- */

/*
 * Verdicts for all 43 items of agency `agency`: fail for the codes in `fails` (space
 * separated), pass for the others, spelled in turn with every accepted spelling.
 */
static void oit_text(char *out, size_t size, const char *agency, const char *fails)
{
	static const char *const pass[] = {"pass", "PASS", "Pass", "ผ่าน"};
	static const char *const fail[] = {"fail", "FAIL", "Fail", "ไม่ผ่าน"};
	size_t used = (size_t)snprintf(out, size, OIT_HEADER);

	for (int i = 1; i <= 43; i++) {
		char code[16];
		bool failed = false;
		size_t n;

		snprintf(code, sizeof code, "O%d", i);
		n = strlen(code);
		for (const char *p = strstr(fails, code); p; p = strstr(p + 1, code))
			if ((p == fails || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
				failed = true;
		used += (size_t)snprintf(out + used, size - used, "%s,%s,%s\n", agency, code,
					 failed ? fail[i % 4] : pass[i % 4]);
	}
	assert_true(used < size);
}

/* Seed 001 (published 9 = 90.20, 10 = 31.25, OIT = 60.73): fails O2, O9, O17, O20 and
 * O39–O43. 9 = (7/9 + 7/8 + 6/7 + 1 + 1) / 5 × 100; 10 = (5/8 + 0) / 2 × 100. */
static void oit_seed_001(void **state)
{
	char text[4096];
	struct oi_scoreset *ss;
	struct oi_result r;
	size_t oit = instrument(fw, "OIT");

	(void)state;
	oit_text(text, sizeof text, "seed-001", "O2 O9 O17 O20 O39 O40 O41 O42 O43");
	ss = set_from_text(oi_read_oit, text, "seed-001", &r);
	assert_close(r.indicator[indicator("9")], (7.0 / 9 + 7.0 / 8 + 6.0 / 7 + 2) / 5 * 100, EPS);
	assert_close(r.indicator[indicator("9")], 90.20, 0.01);
	assert_close(r.indicator[indicator("10")], 31.25, EPS);
	assert_true(r.has_instrument[oit]);
	assert_close(r.instrument[oit], (r.indicator[indicator("9")] + 31.25) / 2, EPS);
	assert_false(r.has_indicator[indicator("1")]);
	assert_int_equal(r.respondents[oit], 0);
	oi_scoreset_free(ss);
}

/* Seed 002: indicator 10 only; 10.1 O34–O39 pass, O40, O41 fail; 10.2 O42, O43 fail →
 * (75 + 0) / 2 = 37.50, as published. Indicator 9 has no data. */
static void oit_seed_002_indicator_10(void **state)
{
	static const char text[] = OIT_HEADER
		"seed-002,O34,pass\nseed-002,O35,pass\nseed-002,O36,ผ่าน\nseed-002,O37,pass\n"
		"seed-002,O38,pass\nseed-002,O39,pass\nseed-002,O40,fail\nseed-002,O41,ไม่ผ่าน\n"
		"seed-002,O42,fail\nseed-002,O43,FAIL\n";
	struct oi_scoreset *ss;
	struct oi_result r;

	(void)state;
	ss = set_from_text(oi_read_oit, text, "seed-002", &r);
	assert_true(r.has_indicator[indicator("10")]);
	assert_close(r.indicator[indicator("10")], 37.50, EPS);
	assert_false(r.has_indicator[indicator("9")]);
	assert_false(r.has_instrument[instrument(fw, "OIT")]);
	oi_scoreset_free(ss);
}

/* A fourth column `comment` is read and ignored by scoring: seed 002's indicator 10 again,
 * with the assessors' comments on its failed items (a comment may be empty or quoted). */
static void oit_comment_column_ignored(void **state)
{
	static const char text[] = "agency,item,result,comment\n"
		"seed-002,O34,pass,\nseed-002,O35,pass,\nseed-002,O36,ผ่าน,\nseed-002,O37,pass,\n"
		"seed-002,O38,pass,\nseed-002,O39,pass,\n"
		"seed-002,O40,fail,\"ไม่มีรายงาน, ไม่ระบุช่วงเวลา\"\n"
		"seed-002,O41,ไม่ผ่าน,ไม่พบข้อมูล\nseed-002,O42,fail,\"มาตรการ \"\"ไม่ครบ\"\"\"\n"
		"seed-002,O43,FAIL,\n";
	struct oi_scoreset *ss;
	struct oi_result r;

	(void)state;
	ss = set_from_text(oi_read_oit, text, "seed-002", &r);
	assert_close(r.indicator[indicator("10")], 37.50, EPS);
	assert_false(r.has_indicator[indicator("9")]);
	oi_scoreset_free(ss);
}

/* Every item passed: 100 on both indicators; the verdicts of two agencies may interleave. */
static void oit_two_agencies_interleaved(void **state)
{
	char a[4096], b[4096], text[8192] = OIT_HEADER;
	char *save_a = NULL, *save_b = NULL, *la, *lb;
	struct oi_scoreset *ss = oi_scoreset_new(fw);
	struct oi_result r;
	struct oi_error err;

	(void)state;
	oit_text(a, sizeof a, "A001", "");
	oit_text(b, sizeof b, "A002", "O1 O2 O3 O4 O5 O6 O7 O8 O9 O42");
	la = strtok_r(a + strlen(OIT_HEADER), "\n", &save_a);
	lb = strtok_r(b + strlen(OIT_HEADER), "\n", &save_b);
	for (; la && lb; la = strtok_r(NULL, "\n", &save_a), lb = strtok_r(NULL, "\n", &save_b)) {
		size_t used = strlen(text);

		assert_true((size_t)snprintf(text + used, sizeof text - used, "%s\n%s\n", lb, la) <
			    sizeof text - used);
	}
	assert_null(la);
	assert_null(lb);
	assert_ok(read_text(oi_read_oit, ss, text, NULL, &err), err);
	assert_string_equal(oi_scoreset_agency_code(ss, 0), "A002");
	result_of(ss, "A001", &r);
	assert_close(r.indicator[indicator("9")], 100, EPS);
	assert_close(r.indicator[indicator("10")], 100, EPS);
	assert_close(r.instrument[instrument(fw, "OIT")], 100, EPS);
	result_of(ss, "A002", &r);
	assert_close(r.indicator[indicator("9")], 80, EPS);      /* 9.1 all failed: (0+4×100)/5 */
	assert_close(r.indicator[indicator("10")], 75, EPS);     /* 10.2 one of two: (100+50)/2 */
	oi_scoreset_free(ss);
}

/* ita-2568 does not group OIT items into indicators: verdicts are refused with a hint. */
static void oit_refused_for_ita_2568(void **state)
{
	struct oi_scoreset *ss = oi_scoreset_new(fw2568);
	struct oi_error err;

	(void)state;
	assert_int_equal(read_text(oi_read_oit, ss, OIT_HEADER "A001,O1,pass\n", NULL, &err), -1);
	assert_error_is(err, "t.csv:1:1: framework ita-2568 does not say which indicator each OIT "
			"item belongs to (its item grouping is unknown), so OIT verdicts cannot be "
			"scored; give the published indicator scores with --indicators");
	assert_int_equal(oi_scoreset_count(ss), 0);
	oi_scoreset_free(ss);
}

/* ---- published indicators ---- */

/* Seed 000's published indicators give its published total 95.15 and grade AA. */
static void indicators_seed_000(void **state)
{
	static const char text[] = IND_HEADER
		"seed-000,97.60,93.30,93.81,78.81,91.64,97.06,92.74,88.56,100,100\n";
	static const double want[] = {97.60, 93.30, 93.81, 78.81, 91.64, 97.06, 92.74, 88.56, 100,
				      100};
	struct oi_scoreset *ss;
	struct oi_result r;

	(void)state;
	ss = set_from_text(oi_read_indicators, text, "seed-000", &r);
	for (int i = 0; i < 10; i++) {
		char code[16];

		snprintf(code, sizeof code, "%d", i + 1);
		assert_true(r.has_indicator[indicator(code)]);
		assert_close(r.indicator[indicator(code)], want[i], EPS);
	}
	assert_true(r.complete);
	assert_close(r.total, 95.15, 0.005);
	assert_non_null(r.grade);
	assert_string_equal(r.grade, "AA");
	oi_scoreset_free(ss);
}

/* Columns in any order; blank = no data; the edge values 0 and 100 and leading zeros. */
static void indicators_order_blank_edges(void **state)
{
	static const char text[] = "agency,10,9,8,7,6,5,4,3,2,1\n"
				   "A001,0,100.00,,,,,,,0097.5,12.345\n"
				   "A002,,,,,,,,,,\n";
	struct oi_scoreset *ss;
	struct oi_result r;

	(void)state;
	ss = set_from_text(oi_read_indicators, text, "A001", &r);
	assert_close(r.indicator[indicator("10")], 0, EPS);
	assert_true(r.has_indicator[indicator("10")]);
	assert_close(r.indicator[indicator("9")], 100, EPS);
	assert_close(r.indicator[indicator("2")], 97.5, EPS);
	assert_close(r.indicator[indicator("1")], 12.345, EPS);
	assert_false(r.has_indicator[indicator("8")]);
	assert_false(r.has_indicator[indicator("3")]);
	assert_false(r.complete);
	assert_null(r.grade);
	result_of(ss, "A002", &r);
	for (int i = 0; i < 10; i++)
		assert_false(r.has_indicator[i]);
	oi_scoreset_free(ss);
}

/* A published score beside computed ones of other indicators is fine; of the same one is an
 * error, whether computed from answers or from verdicts. */
static void indicators_also_computed(void **state)
{
	char oit[4096];
	struct oi_scoreset *ss = oi_scoreset_new(fw);
	struct oi_result r;
	struct oi_error err;

	(void)state;
	assert_ok(read_survey_text(ss, "EIT", EIT_HEADER "A001,e01,4,,,,,,,,,,,,,,\n", NULL, &err),
		  err);
	oit_text(oit, sizeof oit, "A002", "");
	assert_ok(read_text(oi_read_oit, ss, oit, NULL, &err), err);
	/* A001 answered only e1 (indicator 6): a published 7 is fine */
	assert_ok(read_text(oi_read_indicators, ss, IND_HEADER "A001,,,,,,,55.5,,,\n", NULL, &err),
		  err);
	result_of(ss, "A001", &r);
	assert_close(r.indicator[indicator("6")], 100, EPS);
	assert_close(r.indicator[indicator("7")], 55.5, EPS);

	assert_int_equal(read_text(oi_read_indicators, ss, IND_HEADER "A001,,,,,,90,,,,\n", NULL,
				   &err), -1);
	assert_error_is(err, "t.csv:2:11: indicator 6 of agency \"A001\" is also computed from "
			"answers or verdicts; give one or the other");
	assert_int_equal(read_text(oi_read_indicators, ss, IND_HEADER "A002,,,,,,,,,,50\n", NULL,
				   &err), -1);
	assert_error_is(err, "t.csv:2:15: indicator 10 of agency \"A002\" is also computed from "
			"answers or verdicts; give one or the other");
	/* the first read's published 7 counts too */
	assert_int_equal(read_text(oi_read_indicators, ss, IND_HEADER "A001,,,,,,,60,,,\n", NULL,
				   &err), -1);
	assert_error_contains(err, "t.csv:2:12: indicator 7 of agency \"A001\" is also computed");
	oi_scoreset_free(ss);
}

static void indicators_known_agencies(void **state)
{
	struct oi_scoreset *known = oi_scoreset_new(fw), *ss = oi_scoreset_new(fw);
	struct oi_error err;

	(void)state;
	assert_ok(read_text(read_agencies, known, "code,name\nA001,หน่วยงาน ก\n", NULL, &err), err);
	assert_ok(read_text(oi_read_indicators, ss, IND_HEADER "A001,1,2,3,4,5,6,7,8,9,10\n", known,
			    &err), err);
	assert_int_equal(read_text(oi_read_indicators, ss, IND_HEADER "B001,1,,,,,,,,,\n", known,
				   &err), -1);
	assert_error_is(err, "t.csv:2:1: unknown agency \"B001\"; it is not in the agencies file");
	assert_int_equal(read_text(oi_read_oit, ss, OIT_HEADER "B001,O42,pass\n", known, &err), -1);
	assert_error_is(err, "t.csv:2:1: unknown agency \"B001\"; it is not in the agencies file");
	oi_scoreset_free(ss);
	oi_scoreset_free(known);
}

/* ---- agencies ---- */

static void agencies_valid(void **state)
{
	static const char text[] =
		"code,name,type,province,parent\n"
		"A001,องค์การบริหารส่วนตำบลบ้านสวน,อบต.,ชลบุรี,\n"
		"A002,\"สำนักงาน ก, สาขา \"\"1\"\"\",ส่วนราชการ,,A001\n";
	struct oi_scoreset *ss = oi_scoreset_new(fw);
	struct oi_error err;

	(void)state;
	assert_ok(read_text(read_agencies, ss, text, NULL, &err), err);
	assert_int_equal(oi_scoreset_count(ss), 2);
	assert_string_equal(oi_scoreset_agency_code(ss, 0), "A001");
	assert_string_equal(oi_scoreset_agency_name(ss, 0), "องค์การบริหารส่วนตำบลบ้านสวน");
	assert_string_equal(oi_scoreset_agency_code(ss, 1), "A002");
	assert_string_equal(oi_scoreset_agency_name(ss, 1), "สำนักงาน ก, สาขา \"1\"");
	assert_int_equal(oi_scoreset_find_agency(ss, "A002", 4), 1);
	assert_int_equal(oi_scoreset_find_agency(ss, "A003", 4), -1);
	oi_scoreset_free(ss);
}

static void agencies_header_only(void **state)
{
	struct oi_scoreset *ss = oi_scoreset_new(fw);
	struct oi_error err;

	(void)state;
	assert_ok(read_text(read_agencies, ss, "code,name,province\n", NULL, &err), err);
	assert_int_equal(oi_scoreset_count(ss), 0);
	oi_scoreset_free(ss);
}

/* ---- table of errors ---- */

enum reader { IIT, EIT, OIT, INDICATORS, AGENCIES };

struct error_case {
	const char *name;
	enum reader reader;
	const char *text;
	const char *want;      /* the formatted error starts with this (mostly, is this) */
};

static const struct error_case error_cases[] = {
	/* survey: header */
	{"survey: empty file", EIT, "",
	 "t.csv:1:1: the file is empty; expected a header line agency,respondent,<every EIT answer "
	 "code>"},
	{"survey: blank lines only", IIT, "\n\r\n",
	 "t.csv:1:1: the file is empty; expected a header line agency,respondent,<every IIT answer "
	 "code>"},
	{"survey: header not starting with agency", EIT, "id,respondent,e1\n",
	 "t.csv:1:1: column 1 of the header is \"id\"; expected \"agency\" (header: "
	 "agency,respondent,e1,… (every EIT answer code))"},
	{"survey: header without respondent", IIT, "agency,resp,i1.1\n",
	 "t.csv:1:8: column 2 of the header is \"resp\"; expected \"respondent\" (header: "
	 "agency,respondent,i1.1,… (every IIT answer code))"},
	{"survey: header of one column", EIT, "agency\nA001\n",
	 "t.csv:1: the header has too few columns; expected agency,respondent,e1,… (every EIT "
	 "answer code)"},
	{"survey: header is case-sensitive", EIT, "Agency,respondent,e1\n",
	 "t.csv:1:1: column 1 of the header is \"Agency\"; expected \"agency\" (header: "
	 "agency,respondent,e1,… (every EIT answer code))"},
	{"survey: unknown column", EIT,
	 "agency,respondent,e1,e2,e3,e4,e5,e6,e7,e8,e9,e10,e11,e12,e13,e14,e16\n",
	 "t.csv:1:66: unknown column \"e16\"; expected EIT answer codes such as e1"},
	{"survey: a question code where sub-item codes are expected", IIT,
	 "agency,respondent,i1\n",
	 "t.csv:1:19: unknown column \"i1\"; expected IIT answer codes such as i1.1"},
	{"survey: empty column name", EIT, "agency,respondent,e1,\n",
	 "t.csv:1:22: unknown column \"\"; expected EIT answer codes such as e1"},
	{"survey: IIT column in an EIT file", EIT, "agency,respondent,e1,i1.1\n",
	 "t.csv:1:22: column \"i1.1\" is an answer code of IIT; this file is read as EIT"},
	{"survey: EIT column in an IIT file", IIT, "agency,respondent,i1.1,e1\n",
	 "t.csv:1:24: column \"e1\" is an answer code of EIT; this file is read as IIT"},
	{"survey: duplicate column", EIT,
	 "agency,respondent,e1,e2,e3,e4,e5,e6,e7,e8,e9,e10,e11,e12,e13,e14,e15,e3\n",
	 "t.csv:1:70: column \"e3\" appears twice"},
	{"survey: one column missing", EIT,
	 "agency,respondent,e1,e2,e3,e4,e5,e6,e7,e8,e9,e10,e11,e12,e13,e14\n",
	 "t.csv:1: the header lacks 1 EIT answer code: e15"},
	{"survey: five columns missing", EIT,
	 "agency,respondent,e1,e2,e3,e4,e5,e6,e7,e8,e9,e10\n",
	 "t.csv:1: the header lacks 5 EIT answer codes: e11, e12, e13, e14, e15"},
	{"survey: many columns missing", EIT, "agency,respondent,e1\n",
	 "t.csv:1: the header lacks 14 EIT answer codes: e2, e3, e4, e5, e6, e7, …"},
	{"survey: header only", EIT, EIT_HEADER,
	 "t.csv:2:1: no responses: the file has a header but no rows"},
	{"survey: header and blank lines", EIT, EIT_HEADER "\n\n",
	 "t.csv:2:1: no responses: the file has a header but no rows"},
	/* survey: rows */
	{"survey: too few fields", EIT, EIT_HEADER "A001,e01,4,4,4,2,4,4,4,4,4,4,4,4,4,4\n",
	 "t.csv:2: expected 17 fields as in the header, found 16"},
	{"survey: too many fields", EIT, EIT_HEADER "A001,e01,4,4,4,2,4,4,4,4,4,4,4,4,4,4,4,4\n",
	 "t.csv:2:40: expected 17 fields as in the header, found 18"},
	{"survey: a row of empty cells (Excel)", EIT, EIT_HEADER EIT_ROW("A001", "e01")
	 ",,,,,,,,,,,,,,,,\n",
	 "t.csv:3:1: the agency code is empty"},
	{"survey: empty agency", EIT, EIT_HEADER EIT_ROW("", "e01"),
	 "t.csv:2:1: the agency code is empty"},
	{"survey: agency code too long", EIT, EIT_HEADER EIT_ROW(A101, "e01"),
	 "t.csv:2:1: the agency code is longer than 100 bytes"},
	{"survey: empty respondent", EIT, EIT_HEADER EIT_ROW("A001", ""),
	 "t.csv:2:6: the respondent id is empty"},
	{"survey: respondent id too long", EIT, EIT_HEADER EIT_ROW("A001", A101),
	 "t.csv:2:6: the respondent id is longer than 100 bytes"},
	{"survey: answer 5 on a level4 item", EIT,
	 EIT_HEADER "A001,e01,5,4,4,2,4,4,4,4,4,4,4,4,4,4,4\n",
	 "t.csv:2:10: column \"e1\": answer \"5\" is out of range; expected a number from 1 to 4 or the option's words "
	 "(1 = น้อยที่สุดหรือไม่มีเลย … 4 = มากที่สุด) or an empty cell"},
	{"survey: answer 0", EIT, EIT_HEADER "A001,e01,4,0,4,2,4,4,4,4,4,4,4,4,4,4,4\n",
	 "t.csv:2:12: column \"e2\": answer \"0\" is out of range; expected a number from 1 to 4 or the option's words "
	 "(1 = น้อยที่สุดหรือไม่มีเลย … 4 = มากที่สุด) or an empty cell"},
	{"survey: answer x", EIT, EIT_HEADER "A001,e01,4,4,x,2,4,4,4,4,4,4,4,4,4,4,4\n",
	 "t.csv:2:14: column \"e3\": answer \"x\" is out of range; expected a number from 1 to 4 or the option's words "
	 "(1 = น้อยที่สุดหรือไม่มีเลย … 4 = มากที่สุด) or an empty cell"},
	{"survey: answer 1.0", EIT, EIT_HEADER "A001,e01,4,4,4,2,1.0,4,4,4,4,4,4,4,4,4,4\n",
	 "t.csv:2:18: column \"e5\": answer \"1.0\" is out of range; expected a number from 1 to 4 or the option's words "
	 "(1 = น้อยที่สุดหรือไม่มีเลย … 4 = มากที่สุด) or an empty cell"},
	{"survey: answer 3 on a yes/no item", EIT, EIT_HEADER "A001,e01,4,4,4,3,4,4,4,4,4,4,4,4,4,4,4\n",
	 "t.csv:2:16: column \"e4\": answer \"3\" is out of range; expected a number from 1 to 2 or the option's words "
	 "(1 = มี … 2 = ไม่มี) or an empty cell"},
	{"survey: answer with a space", EIT, EIT_HEADER "A001,e01,4,4,4,2,4,4,4,4,4,4,4,4,4,4, 4\n",
	 "t.csv:2:38: column \"e15\": answer \" 4\" is out of range"},
	{"survey: answer 04", EIT, EIT_HEADER "A001,e01,4,4,4,2,4,4,4,4,4,4,4,4,4,04,4\n",
	 "t.csv:2:36: column \"e14\": answer \"04\" is out of range"},
	{"survey: answer 10 on a 4-option scale", EIT,
	 EIT_HEADER "A001,e01,4,4,4,2,4,4,4,4,4,10,4,4,4,4,4\n",
	 "t.csv:2:28: column \"e10\": answer \"10\" is out of range"},
	{"survey: answer in Thai digits", EIT, EIT_HEADER "A001,e01,๔,4,4,2,4,4,4,4,4,4,4,4,4,4,4\n",
	 "t.csv:2:10: column \"e1\": answer \"๔\" is out of range"},
	{"survey: another scale's label", EIT,
	 EIT_HEADER "A001,e01,4,4,4,มากที่สุด,4,4,4,4,4,4,4,4,4,4,4\n",
	 "t.csv:2:16: column \"e4\": answer \"มากที่สุด\" is out of range"},
	{"survey: part of a label", EIT, EIT_HEADER "A001,e01,น้อยที่สุด,4,4,2,4,4,4,4,4,4,4,4,4,4,4\n",
	 "t.csv:2:10: column \"e1\": answer \"น้อยที่สุด\" is out of range"},
	{"survey: duplicate respondent", EIT, EIT_HEADER EIT_ROW("A001", "e01") EIT_ROW("A001", "e01"),
	 "t.csv:3:6: respondent \"e01\" of agency \"A001\" appears twice (first on line 2)"},
	{"survey: duplicate respondent further down", EIT,
	 EIT_HEADER EIT_ROW("A001", "e01") EIT_ROW("A001", "e02") "\n" EIT_ROW("A001", "e01"),
	 "t.csv:5:6: respondent \"e01\" of agency \"A001\" appears twice (first on line 2)"},
	{"survey: agency rows not together", EIT,
	 EIT_HEADER EIT_ROW("A001", "e01") EIT_ROW("A002", "e01") EIT_ROW("A001", "e02"),
	 "t.csv:4:1: agency \"A001\" appears again after rows of other agencies; keep the rows of "
	 "each agency together (sort the file by agency)"},
	{"survey: respondent with no answer", EIT, EIT_HEADER "A001,e01,,,,,,,,,,,,,,,\n",
	 "t.csv:2:6: respondent \"e01\" gave no answer at all"},
	{"survey: malformed CSV", EIT, EIT_HEADER EIT_ROW("A001", "e01") "A001,\"e02,4\n",
	 "t.csv:3:6: quoted field is never closed"},
	{"survey: not UTF-8", EIT, EIT_HEADER "\xCA\xD3,e01,4,4,4,2,4,4,4,4,4,4,4,4,4,4,4\n",
	 "t.csv:2:1: not valid UTF-8 text; save the file as UTF-8 (in Excel: \"CSV UTF-8\")"},
	/* OIT */
	{"oit: empty file", OIT, "",
	 "t.csv:1:1: the file is empty; expected a header line agency,item,result"},
	{"oit: wrong header", OIT, "agency,item,verdict\n",
	 "t.csv:1:13: column 3 of the header is \"verdict\"; expected \"result\" (header: "
	 "agency,item,result)"},
	{"oit: short header", OIT, "agency,item\n",
	 "t.csv:1: the header has too few columns; expected agency,item,result"},
	{"oit: comment column and no rows", OIT, "agency,item,result,comment\n",
	 "t.csv:2:1: no verdicts: the file has a header but no rows"},
	{"oit: fourth column not comment", OIT, "agency,item,result,note\n",
	 "t.csv:1:20: unknown column \"note\"; expected agency,item,result (then optionally "
	 "comment)"},
	{"oit: fifth column", OIT, "agency,item,result,comment,x\n",
	 "t.csv:1:28: unknown column \"x\"; expected agency,item,result (then optionally comment)"},
	{"oit: row without its comment field", OIT, "agency,item,result,comment\nA001,O42,pass\n",
	 "t.csv:2: expected 4 fields as in the header, found 3"},
	{"oit: comment in a file without the column", OIT, OIT_HEADER "A001,O42,pass,ดี\n",
	 "t.csv:2:15: expected 3 fields as in the header, found 4"},
	{"oit: unknown item", OIT, OIT_HEADER "A001,O44,pass\n",
	 "t.csv:2:6: unknown item \"O44\"; ita-2565 has items O1 to O43"},
	{"oit: item code is case-sensitive", OIT, OIT_HEADER "A001,o1,pass\n",
	 "t.csv:2:6: unknown item \"o1\"; ita-2565 has items O1 to O43"},
	{"oit: bad result", OIT, OIT_HEADER "A001,O42,yes\n",
	 "t.csv:2:10: result \"yes\" is neither \"pass\" nor \"fail\""},
	{"oit: empty result", OIT, OIT_HEADER "A001,O42,\n",
	 "t.csv:2:10: result \"\" is neither \"pass\" nor \"fail\""},
	{"oit: result with a trailing space", OIT, OIT_HEADER "A001,O42,ผ่าน \n",
	 "t.csv:2:10: result \"ผ่าน \" is neither \"pass\" nor \"fail\""},
	{"oit: result as 1", OIT, OIT_HEADER "A001,O42,1\n",
	 "t.csv:2:10: result \"1\" is neither \"pass\" nor \"fail\""},
	{"oit: duplicate verdict", OIT, OIT_HEADER "A001,O42,pass\nA001,O43,pass\nA001,O42,fail\n",
	 "t.csv:4:6: a second verdict for item O42 of agency \"A001\" (the first is on line 2)"},
	{"oit: duplicate verdict, same result", OIT, OIT_HEADER "A001,O42,pass\nA001,O42,PASS\n",
	 "t.csv:3:6: a second verdict for item O42 of agency \"A001\" (the first is on line 2)"},
	{"oit: wrong field count", OIT, OIT_HEADER "A001,O42\n",
	 "t.csv:2: expected 3 fields as in the header, found 2"},
	{"oit: empty agency", OIT, OIT_HEADER ",O42,pass\n", "t.csv:2:1: the agency code is empty"},
	{"oit: partial indicator names the missing items", OIT,
	 OIT_HEADER "A001,O34,pass\nA001,O42,Fail\nA001,O43,ไม่ผ่าน\n",
	 "t.csv:2: agency \"A001\" has verdicts for 3 of the 10 items of indicator 10; missing: O35, "
	 "O36, O37, O38, O39, O40, O41 (every item of an indicator needs pass or fail)"},
	{"oit: partial indicator, line of its first verdict", OIT,
	 OIT_HEADER "A001,O42,pass\nA001,O1,pass\nA001,O43,pass\n",
	 "t.csv:3: agency \"A001\" has verdicts for 1 of the 33 items of indicator 9; missing: O2, "
	 "O3, O4, O5, O6, O7, O8, O9, … (every item of an indicator needs pass or fail)"},
	{"oit: partial second agency", OIT,
	 OIT_HEADER "A001,O34,pass\nA001,O35,pass\nA001,O36,pass\nA001,O37,pass\nA001,O38,pass\n"
	 "A001,O39,pass\nA001,O40,pass\nA001,O41,pass\nA001,O42,pass\nA001,O43,pass\n"
	 "A002,O43,pass\n",
	 "t.csv:12: agency \"A002\" has verdicts for 1 of the 10 items of indicator 10; missing: O34, "
	 "O35, O36, O37, O38, O39, O40, O41, … (every item of an indicator needs pass or fail)"},
	/* published indicators */
	{"indicators: empty file", INDICATORS, "",
	 "t.csv:1:1: the file is empty; expected a header line agency,1,2,3,4,5,6,7,8,9,10"},
	{"indicators: first column not agency", INDICATORS, "หน่วยงาน,1,2,3,4,5,6,7,8,9,10\n",
	 "t.csv:1:1: column 1 of the header is \"หน่วยงาน\"; expected \"agency\" (header: "
	 "agency,1,2,3,4,5,6,7,8,9,10)"},
	{"indicators: too few columns", INDICATORS, "agency,1,2,3,4,5,6,7,8,9\n",
	 "t.csv:1: the header has 10 columns; expected agency,1,2,3,4,5,6,7,8,9,10"},
	{"indicators: unknown column", INDICATORS, "agency,1,2,3,4,5,6,7,8,9,11\n",
	 "t.csv:1:26: unknown column \"11\"; expected agency,1,2,3,4,5,6,7,8,9,10"},
	{"indicators: duplicate column", INDICATORS, "agency,1,2,3,4,5,6,7,8,9,9\n",
	 "t.csv:1:26: column \"9\" appears twice"},
	{"indicators: decimal comma", INDICATORS, IND_HEADER "A001,\"97,6\",,,,,,,,,\n",
	 "t.csv:2:6: indicator 1: \"97,6\" is not a score; expected a number from 0 to 100 such as "
	 "97.60, or an empty cell"},
	{"indicators: negative", INDICATORS, IND_HEADER "A001,,-1,,,,,,,,\n",
	 "t.csv:2:7: indicator 2: \"-1\" is not a score; expected a number from 0 to 100 such as "
	 "97.60, or an empty cell"},
	{"indicators: above 100", INDICATORS, IND_HEADER "A001,,,101,,,,,,,\n",
	 "t.csv:2:8: indicator 3: \"101\" is not a score; expected a number from 0 to 100 such as "
	 "97.60, or an empty cell"},
	{"indicators: just above 100", INDICATORS, IND_HEADER "A001,100.0001,,,,,,,,,\n",
	 "t.csv:2:6: indicator 1: \"100.0001\" is not a score"},
	{"indicators: letters", INDICATORS, IND_HEADER "A001,,,,abc,,,,,,\n",
	 "t.csv:2:9: indicator 4: \"abc\" is not a score"},
	{"indicators: exponent", INDICATORS, IND_HEADER "A001,1e2,,,,,,,,,\n",
	 "t.csv:2:6: indicator 1: \"1e2\" is not a score"},
	{"indicators: leading dot", INDICATORS, IND_HEADER "A001,.5,,,,,,,,,\n",
	 "t.csv:2:6: indicator 1: \".5\" is not a score"},
	{"indicators: trailing dot", INDICATORS, IND_HEADER "A001,5.,,,,,,,,,\n",
	 "t.csv:2:6: indicator 1: \"5.\" is not a score"},
	{"indicators: two dots", INDICATORS, IND_HEADER "A001,1.2.3,,,,,,,,,\n",
	 "t.csv:2:6: indicator 1: \"1.2.3\" is not a score"},
	{"indicators: plus sign", INDICATORS, IND_HEADER "A001,+5,,,,,,,,,\n",
	 "t.csv:2:6: indicator 1: \"+5\" is not a score"},
	{"indicators: space", INDICATORS, IND_HEADER "A001,97.6 ,,,,,,,,,\n",
	 "t.csv:2:6: indicator 1: \"97.6 \" is not a score"},
	{"indicators: percent sign", INDICATORS, IND_HEADER "A001,97.6%,,,,,,,,,\n",
	 "t.csv:2:6: indicator 1: \"97.6%\" is not a score"},
	{"indicators: Thai digits", INDICATORS, IND_HEADER "A001,๙๗,,,,,,,,,\n",
	 "t.csv:2:6: indicator 1: \"๙๗\" is not a score"},
	{"indicators: error after a valid row", INDICATORS,
	 IND_HEADER "A001,1,2,3,4,5,6,7,8,9,10\nA002,1,2,3,4,5,6,7,8,9,x\n",
	 "t.csv:3:24: indicator 10: \"x\" is not a score"},
	{"indicators: duplicate agency row", INDICATORS,
	 IND_HEADER "A001,,,,,,,,,97.6,\nA002,,,,,,,,,,\nA001,,,,,,,,,,50\n",
	 "t.csv:4:1: agency \"A001\" has a second row (the first is on line 2)"},
	{"indicators: duplicate agency row without scores", INDICATORS,
	 IND_HEADER "A001,,,,,,,,,,\nA001,,,,,,,,,,\n",
	 "t.csv:3:1: agency \"A001\" has a second row (the first is on line 2)"},
	{"indicators: wrong field count", INDICATORS, IND_HEADER "A001,1,2\n",
	 "t.csv:2: expected 11 fields as in the header, found 3"},
	{"indicators: empty agency", INDICATORS, IND_HEADER ",1,,,,,,,,,\n",
	 "t.csv:2:1: the agency code is empty"},
	/* agencies */
	{"agencies: empty file", AGENCIES, "",
	 "t.csv:1:1: the file is empty; expected a header line code,name (then optionally "
	 "type,province,parent)"},
	{"agencies: columns swapped", AGENCIES, "name,code\n",
	 "t.csv:1:1: column 1 of the header is \"name\"; expected \"code\" (header: code,name (then "
	 "optionally type,province,parent))"},
	{"agencies: no name column", AGENCIES, "code\nA001\n",
	 "t.csv:1: the header has too few columns; expected code,name (then optionally "
	 "type,province,parent)"},
	{"agencies: unknown column", AGENCIES, "code,name,district\nA001,ก,x\n",
	 "t.csv:1:11: unknown column \"district\"; expected code,name (then optionally "
	 "type,province,parent)"},
	{"agencies: duplicate code", AGENCIES, "code,name\nA001,ก\nA002,ข\nA001,ค\n",
	 "t.csv:4:1: agency \"A001\" is listed twice"},
	{"agencies: empty name", AGENCIES, "code,name\nA001,\n", "t.csv:2:6: the agency name is empty"},
	{"agencies: empty code", AGENCIES, "code,name\n,ก\n", "t.csv:2:1: the agency code is empty"},
	{"agencies: code too long", AGENCIES, "code,name\n" A101 ",ก\n",
	 "t.csv:2:1: the agency code is longer than 100 bytes"},
	{"agencies: wrong field count", AGENCIES, "code,name,province\nA001,ก\n",
	 "t.csv:2: expected 3 fields as in the header, found 2"},
};

static void run_error_case(void **state)
{
	const struct error_case *tc = *state;
	struct oi_scoreset *ss = oi_scoreset_new(fw);
	struct oi_error err;
	char line[2048];
	int rc;

	switch (tc->reader) {
	case IIT:
		rc = read_survey_text(ss, "IIT", tc->text, NULL, &err);
		break;
	case EIT:
		rc = read_survey_text(ss, "EIT", tc->text, NULL, &err);
		break;
	case OIT:
		rc = read_text(oi_read_oit, ss, tc->text, NULL, &err);
		break;
	case INDICATORS:
		rc = read_text(oi_read_indicators, ss, tc->text, NULL, &err);
		break;
	default:
		rc = read_text(read_agencies, ss, tc->text, NULL, &err);
		break;
	}
	assert_int_equal(rc, -1);
	oi_error_format(&err, line, sizeof line);
	if (strncmp(line, tc->want, strlen(tc->want)))
		fail_msg("error \"%s\"\n  does not start with \"%s\"", line, tc->want);
	oi_scoreset_free(ss);
}

int main(void)
{
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(survey_best_answers_score_100),
		cmocka_unit_test(survey_all_high_answers),
		cmocka_unit_test(survey_single_answers),
		cmocka_unit_test(survey_means_and_blanks),
		cmocka_unit_test(survey_eit_agencies),
		cmocka_unit_test(survey_answers_as_labels),
		cmocka_unit_test(survey_adds_to_existing_set),
		cmocka_unit_test(survey_known_agencies),
		cmocka_unit_test(oit_seed_001),
		cmocka_unit_test(oit_seed_002_indicator_10),
		cmocka_unit_test(oit_comment_column_ignored),
		cmocka_unit_test(oit_two_agencies_interleaved),
		cmocka_unit_test(oit_refused_for_ita_2568),
		cmocka_unit_test(indicators_seed_000),
		cmocka_unit_test(indicators_order_blank_edges),
		cmocka_unit_test(indicators_also_computed),
		cmocka_unit_test(indicators_known_agencies),
		cmocka_unit_test(agencies_valid),
		cmocka_unit_test(agencies_header_only),
	};
	struct test_list l = {0};

	test_list_add(&l, fixed, sizeof fixed / sizeof fixed[0]);
	test_list_add_cases(&l, error_cases, run_error_case);
	return test_list_run(&l, "score_input", load_frameworks, free_frameworks);
}
