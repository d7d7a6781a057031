/*
 * fuzz_survey.c — libFuzzer driver for the survey answers reader (src/core/score_input.c) on
 * the built-in ita-2565: any CSV must be scored or rejected cleanly, and every score stays
 * within 0–100.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>

#include "openita/score_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct oi_framework *fw;
	struct oi_scoreset *ss;
	struct oi_csv *csv;
	struct oi_error err;

	if (!fw && oi_framework_open("ita-2565", &fw, &err))
		return 0;
	ss = oi_scoreset_new(fw);
	csv = oi_csv_from_memory("fuzz.csv", (const char *)data, size);
	if (!oi_read_survey(ss, 0, csv, NULL, &err)) {
		for (size_t a = 0; a < oi_scoreset_count(ss); a++) {
			struct oi_result r;

			oi_scoreset_result(ss, a, &r);
			for (size_t i = 0; i < fw->n_indicators; i++)
				assert(!r.has_indicator[i] ||
				       (r.indicator[i] >= -1e-9 && r.indicator[i] <= 100 + 1e-9));
		}
	}
	oi_csv_free(csv);
	oi_scoreset_free(ss);
	return 0;
}
