/*
 * progress.c — an agency's survey collection progress as structs (see progress.h): minimum
 * samples, the daily trend, the projected day of reaching the minimum, and provisional scores
 * computed by the core's own scoring from the stored answers strings; and saving the
 * populations those minimums come from.
 *
 * Dates are handled as day numbers (days since 1970-01-01, proleptic Gregorian), converted
 * by date.h, so no time zone or libc locale is involved.
 */
#include "progress.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "openita/date.h"
#include "openita/sample.h"
#include "openita/score.h"

bool progress_date_parse(const char *iso, long *days)
{
	int y, m, d;

	if (oi_date_parse(iso, &y, &m, &d) || y < 1900 || y > 2999)
		return false;
	if (days)
		*days = oi_date_days(y, m, d);
	return true;
}

char *progress_date_format(long days, char out[11])
{
	return oi_date_from_days(days, out);
}

long progress_population(const struct oi_framework *fw, size_t instrument,
			 const struct oi_participation *part)
{
	const char *code;
	long p;

	if (instrument >= fw->n_instruments)
		return -1;
	code = fw->instruments[instrument].code;
	if (strcmp(code, "IIT") == 0)
		p = part->staff_population;
	else if (strcmp(code, "EIT") == 0)
		p = part->service_population;
	else
		p = -1;
	return p < 0 ? -1 : p;
}

bool progress_minimum(const struct oi_framework *fw, size_t instrument, long population,
		      unsigned long *minimum)
{
	const struct oi_instrument *in;

	*minimum = 0;
	if (instrument >= fw->n_instruments || population < 0)
		return false;
	in = &fw->instruments[instrument];
	if (in->kind != OI_SURVEY || !in->has_sampling)
		return false;
	*minimum = oi_required_sample_size(fw, instrument, (unsigned long)population);
	return true;
}

int progress_project(const char (*days)[11], const long *counts, size_t n, bool has_minimum,
		     unsigned long minimum, const char *today, struct progress_projection *out,
		     struct oi_error *err)
{
	long today_n, first_n = 0;
	bool have_first = false;

	memset(out, 0, sizeof *out);
	if (!progress_date_parse(today, &today_n))
		return oi_error_set(err, "", 0, 0, "วันที่วันนี้ \"%s\" ไม่ใช่วันที่ YYYY-MM-DD",
				    today ? today : "");
	for (size_t i = 0; i < n; i++) {
		long d;

		if (!progress_date_parse(days[i], &d))
			return oi_error_set(err, "", 0, 0,
					    "วันที่ของยอดรายวัน \"%.10s\" ไม่ใช่วันที่ YYYY-MM-DD",
					    days[i]);
		if (counts[i] <= 0)
			continue;
		out->responses += counts[i];
		if (!have_first || d < first_n) {
			first_n = d;
			have_first = true;
		}
	}
	if (have_first) {
		progress_date_format(first_n, out->first_day);
		out->days_elapsed = today_n - first_n < 1 ? 1 : today_n - first_n;
		out->rate_per_day = (double)out->responses / (double)out->days_elapsed;
	}
	if (!has_minimum) {
		out->state = PROGRESS_PROJECTION_NO_MINIMUM;
		return 0;
	}
	if ((unsigned long)out->responses >= minimum) {
		out->state = PROGRESS_PROJECTION_REACHED;
		return 0;
	}
	if (out->responses == 0) {
		out->state = PROGRESS_PROJECTION_NO_RESPONSES;
		return 0;
	}
	out->remaining = (long)(minimum - (unsigned long)out->responses);
	{
		/* ceil(remaining × D / R): remaining ≤ 10^7, D ≤ 4×10^5: fits in 64 bits */
		int64_t num = (int64_t)out->remaining * out->days_elapsed;

		out->days_needed = (long)((num + out->responses - 1) / out->responses);
	}
	progress_date_format(today_n + out->days_needed, out->date);
	out->state = PROGRESS_PROJECTION_DATE;
	return 0;
}

int progress_trend(const char (*days)[11], const long *counts, size_t n, const char *today,
		   struct progress_trend *out, struct oi_error *err)
{
	long today_n, start;

	memset(out, 0, sizeof *out);
	if (!progress_date_parse(today, &today_n))
		return oi_error_set(err, "", 0, 0, "วันที่วันนี้ \"%s\" ไม่ใช่วันที่ YYYY-MM-DD",
				    today ? today : "");
	start = today_n - (PROGRESS_TREND_DAYS - 1);
	for (int i = 0; i < PROGRESS_TREND_DAYS; i++)
		progress_date_format(start + i, out->days[i]);
	for (size_t i = 0; i < n; i++) {
		long d;

		if (!progress_date_parse(days[i], &d) || d < start || d > today_n)
			continue;
		out->counts[d - start] += counts[i] > 0 ? counts[i] : 0;
	}
	for (int i = 0; i < PROGRESS_TREND_DAYS; i++)
		if (out->counts[i] > out->max)
			out->max = out->counts[i];
	return 0;
}

struct scoring {
	struct oi_scoreset *ss;
	size_t agency, instrument;
	unsigned long scored, skipped;
};

static int score_one(const char *answers, void *ctx)
{
	struct scoring *s = ctx;

	if (oi_scoreset_add_answers(s->ss, s->agency, s->instrument, answers, strlen(answers)))
		s->skipped++;
	else
		s->scored++;
	return 0;
}

int progress_add_responses(struct oi_store *st, const struct oi_framework *fw,
			   long participation_id, size_t instrument, struct oi_scoreset *ss,
			   size_t agency, unsigned long *scored, unsigned long *skipped,
			   struct oi_error *err)
{
	struct scoring s = {ss, agency, instrument, 0, 0};

	if (instrument >= fw->n_instruments)
		return oi_error_set(err, "", 0, 0, "เครื่องมือลำดับที่ %zu ไม่มีในกรอบการประเมิน",
				    instrument);
	if (oi_store_responses_each(st, participation_id, fw->instruments[instrument].code,
				   score_one, &s, err))
		return -1;
	*scored += s.scored;
	*skipped += s.skipped;
	return 0;
}

int progress_provisional_scores(struct oi_store *st, const struct oi_framework *fw,
				long participation_id, size_t instrument,
				struct progress_provisional *out, struct oi_error *err)
{
	const struct oi_instrument *in;
	struct oi_scoreset *ss;
	unsigned long scored = 0, skipped = 0;
	size_t agency;
	struct oi_result result;

	memset(out, 0, sizeof *out);
	if (instrument >= fw->n_instruments || fw->instruments[instrument].kind != OI_SURVEY)
		return oi_error_set(err, "", 0, 0, "เครื่องมือลำดับที่ %zu ไม่ใช่แบบสำรวจ",
				    instrument);
	in = &fw->instruments[instrument];
	ss = oi_scoreset_new(fw);
	agency = oi_scoreset_agency(ss, "participation", strlen("participation"));
	if (progress_add_responses(st, fw, participation_id, instrument, ss, agency, &scored,
				   &skipped, err)) {
		oi_scoreset_free(ss);
		return -1;
	}
	oi_scoreset_result(ss, agency, &result);
	oi_scoreset_free(ss);

	out->available = true;
	out->respondents = scored;
	out->skipped = skipped;
	out->n_indicators = in->n_indicators < OI_MAX_INDICATORS ? in->n_indicators
								 : OI_MAX_INDICATORS;
	for (size_t k = 0; k < out->n_indicators; k++) {
		size_t i = in->indicators[k];

		out->indicator[k] = i;
		out->has_score[k] = result.has_indicator[i];
		out->score[k] = result.has_indicator[i] ? result.indicator[i] : 0;
	}
	out->has_instrument = result.has_instrument[instrument];
	out->instrument = out->has_instrument ? result.instrument[instrument] : 0;
	return 0;
}

static int instrument_progress(struct oi_store *st, const struct oi_framework *fw,
			       const struct oi_assessment *as,
			       const struct oi_participation *part, size_t instrument,
			       const char *today, struct progress_instrument *pi,
			       struct oi_error *err)
{
	char (*days)[11] = NULL;
	long *counts = NULL;
	size_t n = 0;
	int rc = -1;

	memset(pi, 0, sizeof *pi);
	pi->instrument = instrument;
	pi->code = fw->instruments[instrument].code;
	pi->population = progress_population(fw, instrument, part);
	pi->has_minimum = progress_minimum(fw, instrument, pi->population, &pi->minimum);
	if (oi_store_daily_counts(st, part->id, pi->code, &days, &counts, &n, err))
		goto out;
	if (progress_project((const char (*)[11])days, counts, n, pi->has_minimum, pi->minimum,
			     today, &pi->projection, err))
		goto out;
	if (progress_trend((const char (*)[11])days, counts, n, today, &pi->trend, err))
		goto out;
	pi->responses = pi->projection.responses;
	pi->reached = pi->has_minimum && (unsigned long)pi->responses >= pi->minimum;
	if (pi->projection.state == PROGRESS_PROJECTION_DATE && as &&
	    progress_date_parse(as->survey_close, NULL))
		pi->projected_after_close = strcmp(pi->projection.date, as->survey_close) > 0;
	if (pi->reached &&
	    progress_provisional_scores(st, fw, part->id, instrument, &pi->provisional, err))
		goto out;
	rc = 0;
out:
	free(days);
	free(counts);
	return rc;
}

int progress_participation(struct oi_store *st, const struct oi_framework *fw,
			   const struct oi_assessment *as, const struct oi_participation *part,
			   const char *today, struct progress_report *out, struct oi_error *err)
{
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < fw->n_instruments && out->n < OI_MAX_INSTRUMENTS; i++) {
		if (fw->instruments[i].kind != OI_SURVEY)
			continue;
		if (instrument_progress(st, fw, as, part, i, today, &out->instruments[out->n],
					err))
			return -1;
		out->n++;
	}
	return 0;
}

int progress_set_populations(struct oi_store *st, long assessment_id, long agency_id,
			     long staff, long service, struct oi_participation *part,
			     struct oi_error *err)
{
	if (oi_store_participation_ensure(st, assessment_id, agency_id, part, err) ||
	    oi_store_participation_set(st, part->id, staff, service, part->iit_codes_required,
				       err))
		return -1;
	return 0;
}
