/*
 * result_compute.c — an agency's result from the database through the core's scoring (see
 * result_compute.h): the participation's responses streamed into a one-agency score set per
 * survey instrument, the confirmed OIT verdicts set on it, then oi_agency_result_from_scoreset.
 */
#include "result_compute.h"

#include <stdlib.h>
#include <string.h>

#include "oit.h"
#include "openita/sample.h"
#include "openita/score.h"
#include "progress.h"

/* Stream every response of the participation into ss, counting per survey instrument. */
static int add_surveys(struct oi_store *st, const struct oi_framework *fw,
		       const struct oi_participation *part, struct oi_scoreset *ss, size_t agency,
		       struct result_compute_counts *counts, struct oi_error *err)
{
	for (size_t i = 0; i < fw->n_instruments; i++) {
		unsigned long scored = 0, skipped = 0;
		size_t k;

		if (fw->instruments[i].kind != OI_SURVEY || counts->n_surveys >= OI_MAX_INSTRUMENTS)
			continue;
		k = counts->n_surveys++;
		counts->survey[k].code = fw->instruments[i].code;
		if (part && progress_add_responses(st, fw, part->id, i, ss, agency, &scored,
						   &skipped, err))
			return -1;
		counts->survey[k].respondents = scored;
		counts->survey[k].skipped = skipped;
		counts->survey[k].has_minimum =
			part && progress_minimum(fw, i, progress_population(fw, i, part),
						 &counts->survey[k].minimum);
		counts->any |= scored > 0;
	}
	return 0;
}

/* Set the confirmed verdicts on ss and keep the failed items' comments for ar. */
static int add_verdicts(struct oi_store *st, const struct oi_framework *fw,
			const struct oi_assessment *as, long agency_id, struct oi_scoreset *ss,
			size_t agency, const char **comment, struct result_compute_counts *counts,
			struct oi_error *err)
{
	struct oi_oit_item_state *states = NULL;
	size_t n = 0;

	if (oi_store_oit_states(st, as->id, agency_id, &states, &n, err))
		return -1;
	for (size_t i = 0; i < n; i++) {
		enum oit_status status = oit_status(&states[i]);
		long k = oit_item_index(fw, states[i].item);
		const struct oi_oit_review *r;

		if (k < 0 || (status != OIT_CONFIRMED_PASS && status != OIT_CONFIRMED_FAIL))
			continue;
		oi_scoreset_set_verdict(ss, agency, (size_t)k, status == OIT_CONFIRMED_PASS,
					(unsigned long)k + 1);
		counts->oit_confirmed++;
		r = oit_final_review(&states[i]);
		if (status == OIT_CONFIRMED_FAIL && r && r->comment[0])
			comment[k] = strdup(r->comment);
	}
	free(states);
	counts->any |= counts->oit_confirmed > 0;
	return 0;
}

int result_compute(struct oi_store *st, const struct oi_framework *fw,
		   const struct oi_assessment *as, const struct oi_agency *agency,
		   struct oi_agency_result **out, struct result_compute_counts *counts,
		   struct oi_error *err)
{
	struct oi_participation part;
	struct oi_scoreset *ss;
	struct oi_agency_result *ar = NULL;
	const char **comment;
	size_t a;
	int rc;

	*out = NULL;
	memset(counts, 0, sizeof *counts);
	counts->oit_items = fw->n_oit_items;
	rc = oi_store_participation_get(st, as->id, agency->id, &part, err);
	if (rc < 0)
		return -1;
	ss = oi_scoreset_new(fw);
	comment = calloc(fw->n_oit_items + 1, sizeof *comment);
	if (!ss || !comment) {
		oi_scoreset_free(ss);
		free(comment);
		return oi_error_set(err, "", 0, 0, "out of memory computing the result");
	}
	a = oi_scoreset_agency(ss, agency->code, strlen(agency->code));
	rc = add_surveys(st, fw, rc == 0 ? &part : NULL, ss, a, counts, err);
	if (rc == 0)
		rc = add_verdicts(st, fw, as, agency->id, ss, a, comment, counts, err);
	if (rc == 0 && counts->any) {
		ar = oi_agency_result_new(fw, agency->code);
		oi_agency_result_set_name(ar, agency->name);
		ar->fiscal_year_be = as->fiscal_year;
		rc = oi_agency_result_from_scoreset(ar, ss, err);
		/* analysis.h: comment[k] is owned by ar (malloc'd), freed by oi_agency_result_free */
		for (size_t k = 0; rc == 0 && k < fw->n_oit_items; k++) {
			ar->comment[k] = (char *)comment[k];
			comment[k] = NULL;
		}
	}
	for (size_t k = 0; k < fw->n_oit_items; k++)
		free((void *)comment[k]);
	free(comment);
	oi_scoreset_free(ss);
	if (rc) {
		oi_agency_result_free(ar);
		return -1;
	}
	*out = ar;
	return ar ? 0 : 1;
}

int result_compute_previous(struct oi_store *st, const struct oi_framework *fw,
			    const struct oi_assessment *prev, const struct oi_agency *agency,
			    struct oi_agency_result *ar, struct oi_error *err)
{
	struct result_compute_counts n;
	struct oi_agency_result *earlier = NULL;
	struct oi_previous_result year;
	int rc;

	for (size_t k = 0; k < ar->n_previous; k++)
		if (ar->previous[k].fiscal_year_be == prev->fiscal_year)
			return 0;
	rc = result_compute(st, fw, prev, agency, &earlier, &n, err);
	if (rc)
		return rc < 0 ? -1 : 0;
	memset(&year, 0, sizeof year);
	year.fiscal_year_be = prev->fiscal_year;
	year.result = earlier->result;
	oi_agency_result_free(earlier);
	oi_agency_result_add_previous(ar, &year, 1);
	for (size_t k = 0; k < ar->n_previous; k++)
		if (ar->previous[k].fiscal_year_be == prev->fiscal_year)
			return 1;
	return 0;   /* older than the OI_MAX_PREVIOUS years ar keeps */
}
