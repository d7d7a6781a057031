/*
 * scoreset.c — per-agency accumulators and the agency result (see include/openita/score.h).
 *
 * Each agency owns one block: question sums and counts, respondent counts per instrument,
 * OIT verdicts with the input line they came from, and published indicator scores. Nothing is
 * kept per respondent.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "openita/score.h"
#include "strmap.h"

struct agency {
	const char *code;
	size_t code_len;
	const char *name;
	double *q_sum;                  /* [n_questions] */
	uint32_t *q_count;              /* [n_questions] */
	unsigned long respondents[OI_MAX_INSTRUMENTS];
	int8_t *verdict;                /* [n_oit_items]: -1 none, 0 fail, 1 pass */
	uint32_t *verdict_line;         /* [n_oit_items] */
	double published[OI_MAX_INDICATORS];
	bool has_published[OI_MAX_INDICATORS];
};

struct oi_scoreset {
	const struct oi_framework *fw;
	struct arena arena;             /* codes, names, per-agency arrays */
	struct strmap by_code;
	struct agency *agencies;
	size_t n, cap;
};

struct oi_scoreset *oi_scoreset_new(const struct oi_framework *fw)
{
	struct oi_scoreset *ss = xcalloc(1, sizeof *ss);

	ss->fw = fw;
	arena_init(&ss->arena);
	strmap_init(&ss->by_code);
	return ss;
}

void oi_scoreset_free(struct oi_scoreset *ss)
{
	if (!ss)
		return;
	arena_release(&ss->arena);
	strmap_release(&ss->by_code);
	free(ss->agencies);
	free(ss);
}

const struct oi_framework *oi_scoreset_framework(const struct oi_scoreset *ss)
{
	return ss->fw;
}

long oi_scoreset_find_agency(const struct oi_scoreset *ss, const char *code, size_t len)
{
	return strmap_get(&ss->by_code, code, len);
}

size_t oi_scoreset_agency(struct oi_scoreset *ss, const char *code, size_t len)
{
	const struct oi_framework *fw = ss->fw;
	long found = strmap_get(&ss->by_code, code, len);
	struct agency *a;

	if (found >= 0)
		return (size_t)found;
	if (ss->n == ss->cap) {
		ss->cap = ss->cap ? ss->cap * 2 : 64;
		ss->agencies = xrealloc(ss->agencies, ss->cap * sizeof *ss->agencies);
	}
	a = &ss->agencies[ss->n];
	memset(a, 0, sizeof *a);
	a->code = arena_strndup(&ss->arena, code, len);
	a->code_len = len;
	a->q_sum = arena_alloc(&ss->arena, (fw->n_questions + 1) * sizeof *a->q_sum);
	a->q_count = arena_alloc(&ss->arena, (fw->n_questions + 1) * sizeof *a->q_count);
	a->verdict = arena_alloc(&ss->arena, fw->n_oit_items + 1);
	memset(a->verdict, -1, fw->n_oit_items + 1);
	a->verdict_line = arena_alloc(&ss->arena, (fw->n_oit_items + 1) * sizeof *a->verdict_line);
	strmap_put(&ss->by_code, a->code, len, (long)ss->n);
	return ss->n++;
}

size_t oi_scoreset_count(const struct oi_scoreset *ss)
{
	return ss->n;
}

const char *oi_scoreset_agency_code(const struct oi_scoreset *ss, size_t agency)
{
	return ss->agencies[agency].code;
}

void oi_scoreset_set_name(struct oi_scoreset *ss, size_t agency, const char *name, size_t len)
{
	ss->agencies[agency].name = arena_strndup(&ss->arena, name, len);
}

const char *oi_scoreset_agency_name(const struct oi_scoreset *ss, size_t agency)
{
	return ss->agencies[agency].name;
}

void oi_scoreset_add_question(struct oi_scoreset *ss, size_t agency, size_t question,
			      double score)
{
	struct agency *a = &ss->agencies[agency];

	a->q_sum[question] += score;
	a->q_count[question]++;
}

void oi_scoreset_add_respondent(struct oi_scoreset *ss, size_t agency, size_t instrument)
{
	ss->agencies[agency].respondents[instrument]++;
}

unsigned long oi_scoreset_set_verdict(struct oi_scoreset *ss, size_t agency, size_t item,
				      bool pass, unsigned long line)
{
	struct agency *a = &ss->agencies[agency];

	if (a->verdict[item] >= 0)
		return a->verdict_line[item] ? a->verdict_line[item] : 1;
	a->verdict[item] = pass ? 1 : 0;
	a->verdict_line[item] = line > UINT32_MAX ? UINT32_MAX : (uint32_t)line;
	return 0;
}

int oi_scoreset_verdict(const struct oi_scoreset *ss, size_t agency, size_t item,
			unsigned long *line)
{
	const struct agency *a = &ss->agencies[agency];

	if (line)
		*line = a->verdict_line[item];
	return a->verdict[item];
}

bool oi_scoreset_set_indicator(struct oi_scoreset *ss, size_t agency, size_t indicator,
			       double score)
{
	struct agency *a = &ss->agencies[agency];

	if (a->has_published[indicator])
		return false;
	a->has_published[indicator] = true;
	a->published[indicator] = score;
	return true;
}

bool oi_scoreset_question_score(const struct oi_scoreset *ss, size_t agency, size_t question,
				double *score)
{
	const struct agency *a = &ss->agencies[agency];

	if (!a->q_count[question])
		return false;
	*score = a->q_sum[question] / a->q_count[question];
	return true;
}

/* Survey indicator from the question sums: mean over questions with data. */
static bool survey_indicator(const struct agency *a, const struct oi_indicator *in,
			     double *out)
{
	double sum = 0;
	size_t n = 0;

	for (size_t j = 0; j < in->n_questions; j++) {
		size_t q = in->questions[j];

		if (a->q_count[q]) {
			sum += a->q_sum[q] / a->q_count[q];
			n++;
		}
	}
	if (!n)
		return false;
	*out = sum / (double)n;
	return true;
}

/* Checklist indicator: mean of sub-indicator pass rates; needs a verdict on every item. */
static bool checklist_indicator(const struct oi_framework *fw, const struct agency *a,
				const struct oi_indicator *in, double *out)
{
	double sum = 0;

	if (!in->n_subindicators)
		return false;
	for (size_t j = 0; j < in->n_subindicators; j++) {
		const struct oi_subindicator *sub = &fw->subindicators[in->subindicators[j]];
		size_t passed = 0;

		for (size_t k = 0; k < sub->n_items; k++) {
			int v = a->verdict[sub->items[k]];

			if (v < 0)
				return false;
			passed += (size_t)v;
		}
		sum += 100.0 * (double)passed / (double)sub->n_items;
	}
	*out = sum / (double)in->n_subindicators;
	return true;
}

static bool computed_indicator(const struct oi_framework *fw, const struct agency *a,
			       size_t i, double *out)
{
	const struct oi_indicator *in = &fw->indicators[i];

	if (fw->instruments[in->instrument].kind == OI_SURVEY)
		return survey_indicator(a, in, out);
	return checklist_indicator(fw, a, in, out);
}

bool oi_scoreset_has_data(const struct oi_scoreset *ss, size_t agency, size_t indicator)
{
	const struct oi_framework *fw = ss->fw;
	const struct agency *a = &ss->agencies[agency];
	const struct oi_indicator *in = &fw->indicators[indicator];

	if (a->has_published[indicator])
		return true;
	for (size_t j = 0; j < in->n_questions; j++)
		if (a->q_count[in->questions[j]])
			return true;
	for (size_t j = 0; j < in->n_subindicators; j++) {
		const struct oi_subindicator *sub = &fw->subindicators[in->subindicators[j]];

		for (size_t k = 0; k < sub->n_items; k++)
			if (a->verdict[sub->items[k]] >= 0)
				return true;
	}
	return false;
}

void oi_scoreset_result(const struct oi_scoreset *ss, size_t agency, struct oi_result *out)
{
	const struct oi_framework *fw = ss->fw;
	const struct agency *a = &ss->agencies[agency];

	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < fw->n_indicators; i++) {
		if (a->has_published[i]) {
			out->has_indicator[i] = true;
			out->indicator[i] = a->published[i];
		} else {
			out->has_indicator[i] = computed_indicator(fw, a, i, &out->indicator[i]);
		}
	}
	memcpy(out->respondents, a->respondents, sizeof out->respondents);
	oi_result_finish(fw, out);
}

void oi_scoreset_merge(struct oi_scoreset *dst, const struct oi_scoreset *src)
{
	const struct oi_framework *fw = dst->fw;

	for (size_t s = 0; s < src->n; s++) {
		const struct agency *from = &src->agencies[s];
		size_t d = oi_scoreset_agency(dst, from->code, from->code_len);
		struct agency *to = &dst->agencies[d];

		for (size_t q = 0; q < fw->n_questions; q++) {
			to->q_sum[q] += from->q_sum[q];
			to->q_count[q] += from->q_count[q];
		}
		for (size_t k = 0; k < fw->n_instruments; k++)
			to->respondents[k] += from->respondents[k];
		for (size_t i = 0; i < fw->n_oit_items; i++)
			if (to->verdict[i] < 0 && from->verdict[i] >= 0) {
				to->verdict[i] = from->verdict[i];
				to->verdict_line[i] = from->verdict_line[i];
			}
		for (size_t i = 0; i < fw->n_indicators; i++)
			if (!to->has_published[i] && from->has_published[i]) {
				to->has_published[i] = true;
				to->published[i] = from->published[i];
			}
		if (!to->name && from->name)
			to->name = arena_strdup(&dst->arena, from->name);
	}
}
