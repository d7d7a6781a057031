/*
 * fuzz_plan.c — libFuzzer driver for the plan reader and writer (src/core/plan_json.c): any
 * bytes either fail with a message, or read into a plan whose JSON reads back and writes the
 * same bytes again; the alerts and checkpoint dates of any plan that reads are computable.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "openita/plan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct oi_plan *plan, *again;
	struct oi_error err;
	struct oi_plan_alert alerts[4];
	char *first, *second, due[11];

	if (oi_plan_read_json("fuzz.json", (const char *)data, size, &plan, &err)) {
		assert(!plan && err.message[0]);
		return 0;
	}
	first = oi_plan_to_json(plan);
	assert(first);
	if (oi_plan_read_json("again.json", first, strlen(first), &again, &err))
		abort();   /* what we write, we read */
	second = oi_plan_to_json(again);
	assert(second && !strcmp(first, second));
	for (size_t i = 0; i < plan->n_measures; i++)
		for (int cp = 0; cp < OI_PLAN_CHECKPOINTS; cp++) {
			oi_measure_checkpoint_due(&plan->measures[i], cp, due);
			assert(!due[0] || strlen(due) == 10);
		}
	(void)oi_plan_alerts(plan, "2024-06-15", alerts, 4);
	if (plan->n_measures)
		oi_plan_remove_measure(plan, 0);
	free(first);
	free(second);
	oi_plan_free(again);
	oi_plan_free(plan);
	return 0;
}
