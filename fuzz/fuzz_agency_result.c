/*
 * fuzz_agency_result.c — libFuzzer driver for the readers of one agency's result
 * (src/core/agency_result.c) and the analysis (src/core/analysis.c), on the built-in ita-2565
 * and ita-2568: the same input goes to each of the four readers in turn (indicators, OIT
 * verdicts with comments, question scores, earlier years) of one result of agency A001, then
 * to the analysis. Any input must be read or rejected cleanly, and what is read must hold:
 * scores within 0–100, earlier years oldest first and at most OI_MAX_PREVIOUS, low questions
 * lowest first and below strength_min, failed items in framework order.
 */
#include <assert.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "openita/analysis.h"
#include "openita/score_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef int (*reader_fn)(struct oi_agency_result *, struct oi_csv *, struct oi_error *);

static void check_analysis(const struct oi_agency_result *ar)
{
	const struct oi_framework *fw = ar->fw;
	struct oi_analysis a;
	struct oi_error err;

	if (oi_analyse(ar, &a, &err))
		return;
	assert(a.n_strengths + a.n_weaknesses <= fw->n_indicators);
	for (size_t k = 1; k < a.n_low_questions; k++)
		assert(a.low_questions[k - 1].score <= a.low_questions[k].score);
	for (size_t k = 0; k < a.n_low_questions; k++)
		assert(a.low_questions[k].score < fw->strength_min);
	for (size_t k = 1; k < a.n_failed_items; k++)
		assert(a.failed_items[k - 1].item < a.failed_items[k].item);
	for (size_t k = 0; k < a.n_instruments; k++)
		assert(a.instruments[k].lowest_indicator < (long)fw->n_indicators);
	oi_analysis_release(&a);
}

static void run(const struct oi_framework *fw, const uint8_t *data, size_t size)
{
	static const reader_fn readers[] = {
		oi_agency_result_read_indicators, oi_agency_result_read_oit,
		oi_agency_result_read_questions, oi_agency_result_read_previous,
	};
	struct oi_agency_result *ar = oi_agency_result_new(fw, "A001");
	struct oi_scoreset *ss = oi_scoreset_new(fw);
	struct oi_csv *csv;
	struct oi_error err;

	ar->fiscal_year_be = 2565;
	for (size_t r = 0; r < sizeof readers / sizeof *readers; r++) {
		csv = oi_csv_from_memory("fuzz.csv", (const char *)data, size);
		readers[r](ar, csv, &err);
		oi_csv_free(csv);
	}
	oi_agency_result_finish(ar);
	for (size_t i = 0; i < fw->n_indicators; i++)
		assert(!ar->result.has_indicator[i] ||
		       (ar->result.indicator[i] >= 0 && ar->result.indicator[i] <= 100));
	for (size_t q = 0; q < fw->n_questions; q++)
		assert(isnan(ar->question_score[q]) ||
		       (ar->question_score[q] >= 0 && ar->question_score[q] <= 100));
	assert(ar->n_previous <= OI_MAX_PREVIOUS);
	for (size_t k = 1; k < ar->n_previous; k++)
		assert(ar->previous[k - 1].fiscal_year_be < ar->previous[k].fiscal_year_be);
	check_analysis(ar);

	/* the scoring reader of the same verdicts, which shares the OIT parser */
	csv = oi_csv_from_memory("fuzz.csv", (const char *)data, size);
	oi_read_oit(ss, csv, NULL, &err);
	oi_csv_free(csv);
	oi_scoreset_free(ss);
	oi_agency_result_free(ar);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct oi_framework *fw, *fw2568;
	struct oi_error err;

	if (!fw && (oi_framework_open("ita-2565", &fw, &err) ||
		    oi_framework_open("ita-2568", &fw2568, &err)))
		return 0;
	run(fw, data, size);
	run(fw2568, data, size);
	return 0;
}
