/*
 * result_compute.h — an agency's result computed by openita from what its database holds for
 * one assessment (issue 5, "results in: from scores computed by openita"): every stored IIT and
 * EIT response of the agency's participation and every OIT verdict the NACC admin confirmed,
 * put through the core's own scoring (a one-agency oi_scoreset, exactly as `openita score` and
 * the national scoring do), with the failed items' assessors' comments and the question
 * scores. The workspace's result page offers it beside typing the result sheet in, and shows
 * the counts (it is cheap: one agency's responses, streamed).
 */
#ifndef OPENITA_WEB_RESULT_COMPUTE_H
#define OPENITA_WEB_RESULT_COMPUTE_H

#include <stdbool.h>
#include <stddef.h>

#include "openita/analysis.h"
#include "openita/error.h"
#include "openita/framework.h"
#include "openita/store.h"

/* What the computation had to go on: per survey instrument of the framework, the responses
 * scored and the minimum sample (when the population is known); the OIT items confirmed. */
struct result_compute_counts {
	size_t n_surveys;
	struct {
		const char *code;            /* the framework's instrument code, e.g. "IIT" */
		unsigned long respondents;   /* stored responses that were scored */
		unsigned long skipped;       /* stored responses the framework does not accept */
		bool has_minimum;
		unsigned long minimum;       /* oi_required_sample_size of the population */
	} survey[OI_MAX_INSTRUMENTS];
	size_t oit_confirmed;            /* items with a confirmed verdict */
	size_t oit_items;                /* the framework's OIT items */
	bool any;                        /* at least one response or one confirmed verdict */
};

/*
 * Compute the agency's result for assessment `as` (framework fw, which must be the one `as`
 * was set up with): a new struct oi_agency_result in *out (caller frees with
 * oi_agency_result_free) with the agency's code and name, fiscal_year_be = as->fiscal_year,
 * the indicators the data reach (an instrument without responses, or an OIT indicator with an
 * item not yet confirmed, has no score: the core's rule), question scores, confirmed verdicts
 * and the final review's comment of each failed item. *counts says what went in. Returns 0;
 * 1 (*out NULL) when there is nothing to compute from (no response, no confirmed verdict);
 * -1 with err.
 */
int result_compute(struct oi_store *st, const struct oi_framework *fw,
		   const struct oi_assessment *as, const struct oi_agency *agency,
		   struct oi_agency_result **out, struct result_compute_counts *counts,
		   struct oi_error *err);

/*
 * Add to ar's earlier years the result computed for assessment `prev` (an earlier year, of
 * ar's framework fw) when the agency has data there and ar has no result of that year yet (a
 * year typed in from its result sheet stays as it is). Returns 1 when a year was added, 0 when
 * there was nothing to add, -1 with err.
 */
int result_compute_previous(struct oi_store *st, const struct oi_framework *fw,
			    const struct oi_assessment *prev, const struct oi_agency *agency,
			    struct oi_agency_result *ar, struct oi_error *err);

#endif
