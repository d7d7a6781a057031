/*
 * fuzz_framework.c — libFuzzer driver for the framework loader (src/core/framework_load.c):
 * any bytes must load into a framework whose invariants hold, or fail with a message.
 */
#include <assert.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "openita/framework.h"
#include "openita/score.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct oi_framework *fw;
	struct oi_error err;
	double sum = 0;

	if (oi_framework_load_buffer("fuzz.json", (const char *)data, size, &fw, &err)) {
		assert(!fw && err.message[0]);
		return 0;
	}
	for (size_t i = 0; i < fw->n_indicators; i++)
		sum += fw->indicators[i].weight;
	assert(fabs(sum - 100) < 1e-6);
	for (size_t i = 0; i < fw->n_subitems; i++)
		for (unsigned k = 1; k <= fw->questions[fw->subitems[i].question].scale->n_options; k++)
			assert(oi_subitem_score(fw, i, k) >= 0 && oi_subitem_score(fw, i, k) <= 100);
	{
		double ins[OI_MAX_INSTRUMENTS] = {0};

		assert(oi_grade(fw, 0, ins) && oi_grade(fw, 100, ins));
	}
	oi_framework_free(fw);
	return 0;
}
