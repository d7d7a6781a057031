/*
 * fuzz_playbook.c — libFuzzer driver for the playbook loader (src/core/playbook.c) against the
 * built-in ita-2565 and ita-2568 frameworks: any bytes must load into a playbook whose entries
 * are sound and each found again by kind and code, or fail with a message and nothing loaded.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "openita/playbook.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const struct oi_playbook *pb, const struct oi_framework *fw)
{
	assert(!strcmp(pb->framework_id, fw->id) && pb->n_entries > 0);
	for (size_t i = 0; i < pb->n_entries; i++) {
		const struct oi_playbook_entry *e = &pb->entries[i];

		assert(e->code[0] && e->finding_th[0] && e->guideline_th[0] && e->unit_th[0]);
		assert(e->n_steps > 0);
		for (size_t k = 0; k < e->n_steps; k++)
			assert(e->steps_th[k][0]);
		assert(e->kind != OI_PLAYBOOK_INDICATOR || e->measures_th);
		assert(oi_playbook_find(pb, e->kind, e->code) == e);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct oi_framework *fws[2];
	static const char *const ids[2] = {"ita-2565", "ita-2568"};
	struct oi_error err;

	for (size_t f = 0; f < 2; f++) {
		struct oi_playbook *pb;

		if (!fws[f] && oi_framework_open(ids[f], &fws[f], &err))
			return 0;
		if (oi_playbook_load_buffer("fuzz.json", (const char *)data, size, fws[f], &pb,
					    &err)) {
			assert(!pb && err.message[0]);
			continue;
		}
		check(pb, fws[f]);
		oi_playbook_free(pb);
	}
	return 0;
}
