/*
 * result.c — from indicator scores to instruments, total and grade or rating
 * (see include/openita/score.h).
 */
#include <math.h>

#include "openita/score.h"

double oi_round(double x, unsigned decimals)
{
	double f = pow(10, decimals);
	/* 1e-9 absorbs binary representation error: 95.145 stored as 95.14499999… is 95.15 */
	double y = fabs(x) * f;

	return copysign(floor(y + 0.5 + 1e-9), x) / f;
}

const char *oi_grade(const struct oi_framework *fw, double total, const double *instrument)
{
	unsigned d = fw->result_decimals;
	double t = oi_round(total, d);

	if (fw->result_kind == OI_GRADE_BANDS) {
		for (size_t i = 0; i < fw->n_bands; i++)
			if (t >= fw->bands[i].min)
				return fw->bands[i].label;
		return fw->bands[fw->n_bands - 1].label;
	}
	for (size_t i = 0; i < fw->n_ratings; i++) {
		const struct oi_rating_rule *rr = &fw->ratings[i];
		bool ok = t >= rr->total_min;

		for (size_t k = 0; ok && k < fw->n_instruments; k++) {
			double s = oi_round(instrument[k], d);

			if (rr->has_each_min && s < rr->each_instrument_min)
				ok = false;
			if (!isnan(rr->instrument_min[k]) && s < rr->instrument_min[k])
				ok = false;
		}
		if (ok)
			return rr->label;
	}
	return fw->ratings[fw->n_ratings - 1].label;
}

void oi_result_finish(const struct oi_framework *fw, struct oi_result *r)
{
	r->complete = true;
	r->total = 0;
	for (size_t i = 0; i < fw->n_indicators; i++) {
		if (r->has_indicator[i])
			r->total += r->indicator[i] * fw->indicators[i].weight / 100;
		else
			r->complete = false;
	}
	for (size_t k = 0; k < fw->n_instruments; k++) {
		const struct oi_instrument *in = &fw->instruments[k];
		double sum = 0;

		r->has_instrument[k] = true;
		for (size_t j = 0; j < in->n_indicators; j++) {
			size_t i = in->indicators[j];

			if (!r->has_indicator[i]) {
				r->has_instrument[k] = false;
				break;
			}
			sum += r->indicator[i] * fw->indicators[i].weight;
		}
		r->instrument[k] = r->has_instrument[k] ? sum / in->weight : 0;
	}
	if (!r->complete) {
		r->total = 0;
		r->grade = NULL;
		return;
	}
	r->grade = oi_grade(fw, r->total, r->instrument);
}
