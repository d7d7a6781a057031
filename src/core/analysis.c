/*
 * analysis.c — what an agency's analysis report says, from its result (see
 * include/openita/analysis.h): each indicator's standing, each instrument against the target
 * and its lowest indicator, the low questions, the failed OIT items and the change since the
 * most recent earlier year.
 *
 * Every threshold comes from the framework (strength_min, target, result_decimals): the
 * analysis compares scores as they are published, rounded to the framework's decimals, so an
 * indicator published as 90.00 is a strength even when its unrounded value is 89.996.
 */
#include "openita/analysis.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

static int by_score_then_order(const void *a, const void *b)
{
	const struct oi_low_question *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? -1 : 1;
	return (x->question > y->question) - (x->question < y->question);
}

static void find_indicators(const struct oi_agency_result *ar, struct oi_analysis *a)
{
	const struct oi_framework *fw = ar->fw;
	unsigned dec = fw->result_decimals;
	const struct oi_previous_result *prev =
		ar->n_previous ? &ar->previous[ar->n_previous - 1] : NULL;

	a->n_indicators = fw->n_indicators;
	for (size_t i = 0; i < fw->n_indicators; i++) {
		struct oi_indicator_finding *f = &a->indicators[i];

		f->indicator = i;
		if (ar->result.has_indicator[i]) {
			f->has_score = true;
			f->score = oi_round(ar->result.indicator[i], dec);
			f->strength = f->score >= fw->strength_min;
			if (f->strength)
				a->n_strengths++;
			else
				a->n_weaknesses++;
		}
		if (prev && prev->result.has_indicator[i]) {
			f->has_previous = true;
			f->previous_year_be = prev->fiscal_year_be;
			f->previous = oi_round(prev->result.indicator[i], dec);
			if (f->has_score)
				f->change = oi_round(f->score - f->previous, dec);
		}
	}
}

static void find_instruments(const struct oi_agency_result *ar, struct oi_analysis *a)
{
	const struct oi_framework *fw = ar->fw;

	a->n_instruments = fw->n_instruments;
	for (size_t k = 0; k < fw->n_instruments; k++) {
		const struct oi_instrument *ins = &fw->instruments[k];
		struct oi_instrument_finding *f = &a->instruments[k];

		f->instrument = k;
		f->lowest_indicator = -1;
		if (ar->result.has_instrument[k]) {
			f->has_score = true;
			f->score = oi_round(ar->result.instrument[k], fw->result_decimals);
			f->meets_target = f->score >= fw->target;
		}
		for (size_t j = 0; j < ins->n_indicators; j++) {
			size_t i = ins->indicators[j];

			if (a->indicators[i].has_score &&
			    (f->lowest_indicator < 0 ||
			     a->indicators[i].score < a->indicators[f->lowest_indicator].score))
				f->lowest_indicator = (long)i;
		}
	}
}

static void find_low_questions(const struct oi_agency_result *ar, struct oi_analysis *a)
{
	const struct oi_framework *fw = ar->fw;

	a->low_questions = xcalloc(fw->n_questions + 1, sizeof *a->low_questions);
	for (size_t q = 0; q < fw->n_questions; q++) {
		double score;

		if (isnan(ar->question_score[q]))
			continue;
		score = oi_round(ar->question_score[q], fw->result_decimals);
		if (score < fw->strength_min)
			a->low_questions[a->n_low_questions++] =
				(struct oi_low_question){.question = q, .score = score};
	}
	qsort(a->low_questions, a->n_low_questions, sizeof *a->low_questions,
	      by_score_then_order);
}

static void find_failed_items(const struct oi_agency_result *ar, struct oi_analysis *a)
{
	const struct oi_framework *fw = ar->fw;

	a->failed_items = xcalloc(fw->n_oit_items + 1, sizeof *a->failed_items);
	for (size_t i = 0; i < fw->n_oit_items; i++)
		if (ar->verdict[i] == 0)
			a->failed_items[a->n_failed_items++] =
				(struct oi_failed_item){.item = i, .comment = ar->comment[i]};
}

static void find_total(const struct oi_agency_result *ar, struct oi_analysis *a)
{
	const struct oi_framework *fw = ar->fw;
	const struct oi_previous_result *prev =
		ar->n_previous ? &ar->previous[ar->n_previous - 1] : NULL;

	if (prev)
		a->previous_year_be = prev->fiscal_year_be;
	if (!ar->result.complete)
		return;
	a->has_total = true;
	a->total = oi_round(ar->result.total, fw->result_decimals);
	a->grade = ar->result.grade;
	a->meets_target = a->total >= fw->target;
	if (prev && prev->result.complete) {
		a->has_previous_total = true;
		a->previous_total = oi_round(prev->result.total, fw->result_decimals);
		a->total_change = oi_round(a->total - a->previous_total, fw->result_decimals);
	}
}

int oi_analyse(const struct oi_agency_result *ar, struct oi_analysis *out, struct oi_error *err)
{
	bool any = false;

	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < ar->fw->n_indicators; i++)
		any |= ar->result.has_indicator[i];
	if (!any)
		return oi_error_set(err, "", 0, 0, "agency \"%.100s\" has no indicator score: no "
				    "result to analyse", ar->agency_code);
	out->ar = ar;
	find_indicators(ar, out);
	find_instruments(ar, out);
	find_low_questions(ar, out);
	find_failed_items(ar, out);
	find_total(ar, out);
	return 0;
}

void oi_analysis_release(struct oi_analysis *a)
{
	if (!a)
		return;
	free(a->low_questions);
	free(a->failed_items);
	a->low_questions = NULL;
	a->failed_items = NULL;
	a->n_low_questions = a->n_failed_items = 0;
}
