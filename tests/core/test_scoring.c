/*
 * test_scoring.c — the scoring engine (src/core/result.c, scoreset.c, sample.c): the seeds'
 * published results reproduced from their indicator scores and OIT verdicts, hand-computed
 * answer-level cases with sub-items and reverse items, grade bands and rating rules at their
 * edges, no-data handling and the minimum-sample rule.
 */
#include <math.h>
#include <stdlib.h>

#include "testutil.h"
#include "openita/sample.h"
#include "openita/score.h"
#include "openita/score_input.h"

struct seed {
	const char *name;
	double indicator[10];
	double total;
	const char *grade;
};

/* Published in shared/seeds: 000 (FY2564), 001 (FY2565), 002 (FY2563), 004 (FY2564). */
static const struct seed seeds[] = {
	{"000", {97.60, 93.30, 93.81, 78.81, 91.64, 97.06, 92.74, 88.56, 100, 100}, 95.15, "AA"},
	{"001", {98.21, 94.45, 89.00, 94.35, 90.88, 87.35, 87.24, 82.18, 90.20, 31.25}, 77.98, "B"},
	{"002", {85.59, 81.81, 86.09, 78.74, 78.45, 83.29, 77.86, 77.02, 75.56, 37.50}, 71.07, "C"},
	{"004", {99.56, 98.83, 99.33, 100, 99.55, 98.26, 98.38, 97.75, 100, 93.75}, 98.02, "AA"},
};

static void seeds_reproduce_from_indicators(void **state)
{
	struct oi_framework *fw = load_builtin("ita-2565");

	(void)state;
	for (size_t s = 0; s < sizeof seeds / sizeof *seeds; s++) {
		struct oi_result r = {0};

		for (size_t i = 0; i < 10; i++) {
			r.has_indicator[i] = true;
			r.indicator[i] = seeds[s].indicator[i];
		}
		oi_result_finish(fw, &r);
		assert_true(r.complete);
		assert_close(r.total, seeds[s].total, 0.01);
		assert_string_equal(r.grade, seeds[s].grade);
	}
	oi_framework_free(fw);
}

static size_t item(const struct oi_framework *fw, const char *code)
{
	long i = oi_framework_find_oit_item(fw, code);

	assert_true(i >= 0);
	return (size_t)i;
}

/* All of indicator `ind`'s items pass except those in fails. */
static void give_verdicts(struct oi_scoreset *ss, size_t agency, const char *ind,
			  const char *const *fails)
{
	const struct oi_framework *fw = oi_scoreset_framework(ss);
	const struct oi_indicator *in = &fw->indicators[oi_framework_find_indicator(fw, ind)];

	for (size_t j = 0; j < in->n_subindicators; j++) {
		const struct oi_subindicator *sub = &fw->subindicators[in->subindicators[j]];

		for (size_t k = 0; k < sub->n_items; k++) {
			bool pass = true;

			for (const char *const *f = fails; *f; f++)
				if (sub->items[k] == item(fw, *f))
					pass = false;
			assert_int_equal(oi_scoreset_set_verdict(ss, agency, sub->items[k], pass, k + 1),
					 0);
		}
	}
}

static void oit_indicators_from_verdicts(void **state)
{
	struct oi_framework *fw = load_builtin("ita-2565");
	struct oi_scoreset *ss = oi_scoreset_new(fw);
	static const char *const seed002_10[] = {"O40", "O41", "O42", "O43", NULL};
	static const char *const seed001_9[] = {"O2", "O9", "O17", "O20", NULL};
	static const char *const seed001_10[] = {"O39", "O40", "O41", "O42", "O43", NULL};
	size_t s002 = oi_scoreset_agency(ss, "002", 3), s001 = oi_scoreset_agency(ss, "001", 3);
	long i9 = oi_framework_find_indicator(fw, "9"), i10 = oi_framework_find_indicator(fw, "10");
	struct oi_result r;

	(void)state;
	give_verdicts(ss, s002, "10", seed002_10);    /* 10.1 passed 6 of 8, 10.2 none */
	give_verdicts(ss, s001, "9", seed001_9);
	give_verdicts(ss, s001, "10", seed001_10);
	oi_scoreset_result(ss, s002, &r);
	assert_true(r.has_indicator[i10]);
	assert_close(r.indicator[i10], 37.50, 1e-9);
	assert_false(r.has_indicator[i9]);            /* no verdicts: no data, not 0 */
	assert_false(r.complete);
	assert_null(r.grade);
	oi_scoreset_result(ss, s001, &r);
	assert_close(r.indicator[i9], 90.20, 0.01);   /* (7/9 + 7/8 + 6/7 + 1 + 1) / 5 */
	assert_close(r.indicator[i10], 31.25, 1e-9);  /* (5/8 + 0/2) / 2 */
	/* an item with a verdict already keeps it and reports the first line */
	assert_int_equal(oi_scoreset_set_verdict(ss, s001, item(fw, "O1"), false, 99), 1);
	oi_scoreset_free(ss);
	oi_framework_free(fw);
}

/* One IIT row: every level-4 cell `level4`, every yes/no cell `yes_no`, then overrides. */
static void iit_row(const struct oi_framework *fw, char *buf, size_t size, const char *agency,
		    const char *resp, const char *level4, const char *yes_no,
		    const char *const *overrides)
{
	const struct oi_instrument *ins = &fw->instruments[oi_framework_find_instrument(fw, "IIT")];
	size_t used = (size_t)snprintf(buf, size, "%s,%s", agency, resp);

	for (size_t i = 0; i < ins->n_subitems; i++) {
		const struct oi_subitem *s = &fw->subitems[ins->first_subitem + i];
		const char *v = fw->questions[s->question].scale->n_options == 2 ? yes_no : level4;

		for (const char *const *o = overrides; o && *o; o += 2)
			if (!strcmp(o[0], s->code))
				v = o[1];
		used += (size_t)snprintf(buf + used, size - used, ",%s", v);
	}
	snprintf(buf + used, size - used, "\n");
}

static void iit_header(const struct oi_framework *fw, char *buf, size_t size)
{
	const struct oi_instrument *ins = &fw->instruments[oi_framework_find_instrument(fw, "IIT")];
	size_t used = (size_t)snprintf(buf, size, "agency,respondent");

	for (size_t i = 0; i < ins->n_subitems; i++)
		used += (size_t)snprintf(buf + used, size - used, ",%s",
					 fw->subitems[ins->first_subitem + i].code);
	snprintf(buf + used, size - used, "\n");
}

static double question_mean(const struct oi_result *r, const struct oi_framework *fw,
			    const char *indicator)
{
	return r->indicator[oi_framework_find_indicator(fw, indicator)];
}

/* Score two IIT respondents of agency A1 (see iit_row) and return the agency's result. */
static void score_two_iit_rows(const struct oi_framework *fw, const char *l4_1,
			       const char *const *over_1, const char *l4_2,
			       const char *const *over_2, struct oi_result *r)
{
	struct oi_scoreset *ss = oi_scoreset_new(fw);
	long iit = oi_framework_find_instrument(fw, "IIT");
	char text[8192];
	size_t used;
	struct oi_csv *csv;
	struct oi_error err;

	iit_header(fw, text, sizeof text);
	used = strlen(text);
	iit_row(fw, text + used, sizeof text - used, "A1", "r1", l4_1, "2", over_1);
	used = strlen(text);
	iit_row(fw, text + used, sizeof text - used, "A1", "r2", l4_2, "2", over_2);
	csv = csv_text("iit.csv", text);
	assert_int_equal(oi_read_survey(ss, (size_t)iit, csv, NULL, &err), 0);
	oi_csv_free(csv);
	oi_scoreset_result(ss, 0, r);
	oi_scoreset_free(ss);
}

/*
 * Two respondents, worked by hand:
 *   R1 answers 4 (มากที่สุด) on level-4 items, 2 (ไม่มี) on yes/no, but i1.1 = 2 (น้อย),
 *      i4.1 = 1 (มี: asked for a bribe; reverse → 0), i26.1 = 2 (ไม่มี; not reversed → 0).
 *   R2 answers 3 (มาก) on level-4 items, 2 (ไม่มี) on yes/no.
 * Indicator 1 (i1–i6):
 *   i1: R1 mean(100/3, 100) = 200/3, R2 mean(200/3, 200/3) = 200/3 → 200/3
 *   i2, i3: (100 + 200/3) / 2 = 250/3 each;  i4: R1 mean(0, 100, 100) = 200/3, R2 100 → 250/3
 *   i5, i6: 100 (ไม่มี on a reversed yes/no)
 *   → (200/3 + 3 × 250/3 + 200) / 6 = 1550/18
 * Indicator 2 (i7–i12): i9, i10 reversed level-4 (R1 4 → 0, R2 3 → 100/3 ⇒ 50/3 each);
 *   i11 = {i11.1 forward, i11.2 reversed}: R1 mean(100, 0) = 50, R2 mean(200/3, 100/3) = 50 → 50;
 *   i7, i8, i12 forward: 250/3 each → (3 × 250/3 + 2 × 50/3 + 50) / 6 = 1000/18
 * Indicator 5 (i25–i30): i26 yes/no forward {i26.1, i26.2}: R1 mean(0, 0) = 0 (ไม่มี = 0),
 *   R2 mean(0, 0) = 0 → 0; the other five 250/3 → (5 × 250/3 + 0) / 6 = 1250/18
 */
static void answer_level_hand_computed(void **state)
{
	struct oi_framework *fw = load_builtin("ita-2565");
	static const char *const r1_over[] = {"i1.1", "2", "i4.1", "1", NULL};
	long iit = oi_framework_find_instrument(fw, "IIT");
	struct oi_result r;

	(void)state;
	score_two_iit_rows(fw, "4", r1_over, "3", NULL, &r);
	assert_int_equal(r.respondents[iit], 2);
	assert_close(question_mean(&r, fw, "1"), 1550.0 / 18, 1e-9);
	assert_close(question_mean(&r, fw, "2"), 1000.0 / 18, 1e-9);
	assert_close(question_mean(&r, fw, "5"), 1250.0 / 18, 1e-9);
	assert_false(r.has_instrument[oi_framework_find_instrument(fw, "EIT")]);
	assert_false(r.complete);
	oi_framework_free(fw);
}

/* A respondent who leaves sub-items blank is averaged over what was answered. */
static void blank_cells_are_not_answers(void **state)
{
	struct oi_framework *fw = load_builtin("ita-2565");
	/* R1: i1.1 = 1 (0 points), i1.2 blank → i1 = 0; R2: only i1.2 blank → i1 = 100 */
	static const char *const over_1[] = {"i1.1", "1", "i1.2", "", NULL};
	static const char *const over_2[] = {"i1.2", "", NULL};
	struct oi_result r;

	(void)state;
	score_two_iit_rows(fw, "4", over_1, "4", over_2, &r);
	/* i1 = (0 + 100) / 2 = 50; i2..i6 100 → (50 + 500) / 6 */
	assert_close(question_mean(&r, fw, "1"), 550.0 / 6, 1e-9);
	oi_framework_free(fw);
}

static void grade_bands_at_their_edges(void **state)
{
	struct oi_framework *fw = load_builtin("ita-2565");
	static const struct { double total; const char *grade; } cases[] = {
		{100, "AA"}, {95, "AA"}, {94.995, "AA"}, {94.994, "A"}, {94.99, "A"}, {85, "A"},
		{84.99, "B"}, {75, "B"}, {74.99, "C"}, {65, "C"}, {64.99, "D"}, {55, "D"},
		{54.99, "E"}, {50, "E"}, {49.99, "F"}, {0, "F"},
	};
	double ins[OI_MAX_INSTRUMENTS] = {0};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *g = oi_grade(fw, cases[i].total, ins);

		if (strcmp(g, cases[i].grade))
			fail_msg("total %g graded %s, expected %s", cases[i].total, g, cases[i].grade);
	}
	oi_framework_free(fw);
}

static void rating_rules(void **state)
{
	struct oi_framework *fw = load_builtin("ita-2568");
	static const struct {
		double total, iit, eit, oit;
		const char *rating;
	} cases[] = {
		{94.64, 99.0, 84.0, 99.0, "ผ่าน"},          /* the SAO of 2568: EIT < 85 */
		{94.64, 99.0, 85.0, 97.0, "ผ่านดี"},
		{95.81, 99.0, 90.0, 97.0, "ผ่านดี"},        /* Thai PBS 2566: 95.81, EIT < 95 */
		{96.00, 95.0, 95.0, 97.0, "ผ่านดีเยี่ยม"},
		{95.00, 94.995, 96.0, 95.0, "ผ่านดีเยี่ยม"}, /* 94.995 is 95.00 once rounded */
		{95.00, 94.994, 96.0, 95.0, "ผ่านดี"},
		{84.99, 99.0, 99.0, 70.0, "ต้องปรับปรุง"},
		{84.995, 99.0, 99.0, 70.0, "ผ่าน"},
		{70.00, 70.0, 70.0, 70.0, "ต้องปรับปรุง"},
		{69.99, 70.0, 70.0, 70.0, "ต้องปรับปรุงโดยด่วน"},
		{0, 0, 0, 0, "ต้องปรับปรุงโดยด่วน"},
	};

	(void)state;
	assert_int_equal(fw->result_kind, OI_RATING);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		double ins[OI_MAX_INSTRUMENTS] = {0};
		const char *g;

		ins[oi_framework_find_instrument(fw, "IIT")] = cases[i].iit;
		ins[oi_framework_find_instrument(fw, "EIT")] = cases[i].eit;
		ins[oi_framework_find_instrument(fw, "OIT")] = cases[i].oit;
		g = oi_grade(fw, cases[i].total, ins);
		if (strcmp(g, cases[i].rating))
			fail_msg("case %zu: %g (IIT %g, EIT %g, OIT %g) rated %s, expected %s", i,
				 cases[i].total, cases[i].iit, cases[i].eit, cases[i].oit, g,
				 cases[i].rating);
	}
	oi_framework_free(fw);
}

/* Instruments are the weighted means of their indicators, from a full result. */
static void instruments_and_total_from_a_result(void **state)
{
	struct oi_framework *fw = load_builtin("ita-2568");
	struct oi_result r = {0};
	/* IIT 99, EIT 84 (just under), OIT 99.5: total = .3×99 + .3×84 + .4×99.5 = 94.7 */
	static const double ind[10] = {99, 99, 99, 99, 99, 84, 84, 84, 99.5, 99.5};

	(void)state;
	for (size_t i = 0; i < 10; i++) {
		r.has_indicator[i] = true;
		r.indicator[i] = ind[i];
	}
	oi_result_finish(fw, &r);
	assert_close(r.instrument[0], 99, 1e-9);
	assert_close(r.instrument[1], 84, 1e-9);
	assert_close(r.instrument[2], 99.5, 1e-9);
	assert_close(r.total, 94.7, 1e-9);
	assert_string_equal(r.grade, "ผ่าน");
	r.has_indicator[4] = false;                    /* one IIT indicator without data */
	oi_result_finish(fw, &r);
	assert_false(r.complete);
	assert_false(r.has_instrument[0]);
	assert_true(r.has_instrument[1]);
	assert_null(r.grade);
	oi_framework_free(fw);
}

static void sample_sizes(void **state)
{
	struct oi_framework *fw = load_builtin("ita-2565");
	static const unsigned long cases[][2] = {
		{0, 0}, {1, 1}, {29, 29}, {30, 30}, {299, 30}, {300, 30}, {301, 31},
		{1000, 100}, {1001, 100}, {100000, 100}, {4294967295UL, 100},
	};

	(void)state;
	for (size_t k = 0; k < 2; k++) {
		size_t ins = (size_t)oi_framework_find_instrument(fw, k ? "EIT" : "IIT");

		for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
			unsigned long got = oi_required_sample_size(fw, ins, cases[i][0]);

			if (got != cases[i][1])
				fail_msg("population %lu: %lu, expected %lu", cases[i][0], got,
					 cases[i][1]);
		}
	}
	oi_framework_free(fw);
}

static void rounding_is_half_away_from_zero(void **state)
{
	(void)state;
	assert_close(oi_round(95.145, 2), 95.15, 1e-12);
	assert_close(oi_round(95.1449, 2), 95.14, 1e-12);
	assert_close(oi_round(98.0252, 2), 98.03, 1e-12);
	assert_close(oi_round(84.995, 2), 85.00, 1e-12);
	assert_close(oi_round(100.0, 2), 100.0, 1e-12);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(seeds_reproduce_from_indicators),
		cmocka_unit_test(oit_indicators_from_verdicts),
		cmocka_unit_test(answer_level_hand_computed),
		cmocka_unit_test(blank_cells_are_not_answers),
		cmocka_unit_test(grade_bands_at_their_edges),
		cmocka_unit_test(rating_rules),
		cmocka_unit_test(instruments_and_total_from_a_result),
		cmocka_unit_test(sample_sizes),
		cmocka_unit_test(rounding_is_half_away_from_zero),
	};

	return cmocka_run_group_tests_name("scoring", tests, NULL, NULL);
}
