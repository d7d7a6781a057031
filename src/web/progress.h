/*
 * progress.h — where an agency stands in collecting its IIT/EIT responses, as plain structs.
 *
 * The agency workspace (agency.c) renders these as HTML and the JSON API (api.c) as JSON; no
 * function here writes either. For one participation and its assessment's framework, each
 * survey instrument gets:
 *   - its population (IIT: internal staff with at least a year of service; EIT: the year's
 *     external service users) and the framework's minimum sample for it
 *     (oi_required_sample_size); a population not entered yet (-1) means "no minimum";
 *   - the responses so far, and whether the minimum is reached (responses >= minimum);
 *   - the daily trend of the last PROGRESS_TREND_DAYS days, ending today (days without
 *     responses are 0);
 *   - a projection of the day the minimum will be reached at the current rate (the rule is
 *     progress_project's, below);
 *   - once the minimum is reached, provisional scores: every stored answers string streamed
 *     into an oi_scoreset exactly as the final scoring does, giving the instrument's indicator
 *     scores and the instrument score. They are provisional (the survey is still open and OIT
 *     is not in) and every face must label them so: PROGRESS_PROVISIONAL_LABEL_TH.
 *
 * Dates are ISO "YYYY-MM-DD" days in Thailand, like the store's daily counts (a response's
 * UTC hour counts on its Bangkok day); "today" is given by the caller (oi_date_today() of the
 * request's time), so tests fix it. Nothing here allocates memory that outlives a call: results are fixed-size
 * structs the caller owns.
 *
 * The populations themselves are saved by progress_set_populations(), the one write the two
 * faces share.
 */
#ifndef OPENITA_WEB_PROGRESS_H
#define OPENITA_WEB_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "openita/error.h"
#include "openita/framework.h"
#include "openita/score.h"
#include "openita/store.h"

#define PROGRESS_TREND_DAYS 30
#define PROGRESS_PROVISIONAL_LABEL_TH "คะแนนเบื้องต้น (ยังไม่เป็นทางการ)"


/*
 * True when iso is a real calendar date written exactly "YYYY-MM-DD" (years 1900..2999,
 * Gregorian); *days (may be NULL) gets the number of days since 1970-01-01.
 */
bool progress_date_parse(const char *iso, long *days);
/* The ISO date of a day number (days since 1970-01-01) into out; returns out. */
char *progress_date_format(long days, char out[11]);

/*
 * The population that is the base of survey instrument `instrument`'s minimum sample, from
 * the participation: IIT → staff_population, EIT → service_population, -1 for any other code
 * or when not entered yet.
 */
long progress_population(const struct oi_framework *fw, size_t instrument,
			 const struct oi_participation *part);

/*
 * The minimum sample of a survey instrument for population (oi_required_sample_size). False
 * (no minimum; *minimum set to 0) when the population is unknown (< 0) or the instrument has
 * no sampling rule or is not a survey.
 */
bool progress_minimum(const struct oi_framework *fw, size_t instrument, long population,
		      unsigned long *minimum);

enum progress_projection_state {
	PROGRESS_PROJECTION_NO_MINIMUM = 0,  /* population unknown: nothing to project to */
	PROGRESS_PROJECTION_NO_RESPONSES,    /* no response yet: no rate */
	PROGRESS_PROJECTION_REACHED,         /* responses >= minimum already */
	PROGRESS_PROJECTION_DATE,            /* date holds the projected day */
};

struct progress_projection {
	enum progress_projection_state state;
	long responses;                      /* sum of the daily counts */
	char first_day[11];                  /* the first day with a response, or "" */
	long days_elapsed;                   /* today - first_day, at least 1 (0 with no responses) */
	double rate_per_day;                 /* responses / days_elapsed (0 with no responses) */
	long remaining;                      /* minimum - responses, or 0 */
	long days_needed;                    /* state DATE: ceil(remaining / rate) */
	char date[11];                       /* state DATE: today + days_needed; else "" */
};

/*
 * The projection rule. With the daily counts (days ascending ISO dates, counts[i] >= 0, n
 * entries; days after today are counted like the others), R = the sum of the counts, F = the
 * first day with a count > 0, D = max(1, today - F) in days:
 *   - no minimum (has_minimum false)        → NO_MINIMUM
 *   - R >= minimum                          → REACHED
 *   - R = 0                                 → NO_RESPONSES
 *   - else rate = R / D per day, remaining = minimum - R,
 *     days_needed = ceil(remaining × D / R) (exact integer arithmetic), date = today +
 *     days_needed → DATE.
 * Returns 0, or -1 with err filled when today or a day is not an ISO date.
 */
int progress_project(const char (*days)[11], const long *counts, size_t n, bool has_minimum,
		     unsigned long minimum, const char *today, struct progress_projection *out,
		     struct oi_error *err);

struct progress_trend {
	char days[PROGRESS_TREND_DAYS][11];  /* today - 29 … today, ascending */
	long counts[PROGRESS_TREND_DAYS];    /* responses that day (0 when none) */
	long max;                            /* largest count (0 when none): the chart's scale */
};

/* The last PROGRESS_TREND_DAYS days ending today from daily counts (as progress_project's).
 * Returns 0, or -1 with err filled when today is not an ISO date. */
int progress_trend(const char (*days)[11], const long *counts, size_t n, const char *today,
		   struct progress_trend *out, struct oi_error *err);

struct progress_provisional {
	bool available;                      /* computed (the minimum was reached) */
	unsigned long respondents;           /* responses scored */
	unsigned long skipped;               /* stored answers the framework cannot score */
	size_t n_indicators;                 /* the instrument's indicators, in framework order */
	size_t indicator[OI_MAX_INDICATORS]; /* their indexes into fw->indicators */
	bool has_score[OI_MAX_INDICATORS];   /* [k] for indicator[k]: false = no data */
	double score[OI_MAX_INDICATORS];     /* unrounded, 0..100 */
	bool has_instrument;                 /* every indicator has data */
	double instrument;                   /* the instrument's score (weighted mean), unrounded */
};

/*
 * Add every stored response of a participation to survey instrument `instrument` (index into
 * fw->instruments) to agency `agency` of ss, through oi_scoreset_add_answers as the final
 * scoring does; *scored and *skipped (answers the framework cannot score) are added to.
 * Returns 0, or -1 with err filled.
 */
int progress_add_responses(struct oi_store *st, const struct oi_framework *fw,
			   long participation_id, size_t instrument, struct oi_scoreset *ss,
			   size_t agency, unsigned long *scored, unsigned long *skipped,
			   struct oi_error *err);

/*
 * Provisional scores of survey instrument `instrument` of a participation: every stored
 * response (oi_store_responses_each) through oi_scoreset_add_answers into a one-agency score
 * set, then oi_scoreset_result. Answers the framework cannot score are counted in skipped.
 * Computed whatever the count (the caller decides when to show them; progress_participation
 * only when the minimum is reached). Returns 0, or -1 with err filled.
 */
int progress_provisional_scores(struct oi_store *st, const struct oi_framework *fw,
				long participation_id, size_t instrument,
				struct progress_provisional *out, struct oi_error *err);

/* Everything about one survey instrument of a participation. */
struct progress_instrument {
	size_t instrument;                   /* index into fw->instruments */
	const char *code;                    /* "IIT", "EIT" (owned by the framework) */
	long population;                     /* -1: not entered yet */
	bool has_minimum;
	unsigned long minimum;               /* when has_minimum */
	long responses;
	bool reached;                        /* has_minimum && responses >= minimum */
	struct progress_trend trend;
	struct progress_projection projection;
	bool projected_after_close;          /* projection date after the survey window closes */
	struct progress_provisional provisional;   /* .available only when reached */
};

struct progress_report {
	size_t n;                            /* survey instruments of the framework, in order */
	struct progress_instrument instruments[OI_MAX_INSTRUMENTS];
};

/*
 * The whole progress of a participation in assessment as (for the survey window's close date)
 * under framework fw, as of today ("YYYY-MM-DD"). Reads the store (daily counts of each survey
 * instrument, and every response of an instrument whose minimum is reached). Returns 0, or -1
 * with err filled. out is large (a few KiB): fine on the stack of a request thread.
 */
int progress_participation(struct oi_store *st, const struct oi_framework *fw,
			   const struct oi_assessment *as, const struct oi_participation *part,
			   const char *today, struct progress_report *out, struct oi_error *err);

/*
 * Save the populations of an agency in assessment assessment_id, as the agency page's form and
 * the API both do: the participation is created when missing, a population of -1 is left as it
 * was, and the IIT access-code setting is kept. *part gets the participation as it was before
 * the change. Returns 0, or -1 with err filled.
 */
int progress_set_populations(struct oi_store *st, long assessment_id, long agency_id,
			     long staff, long service, struct oi_participation *part,
			     struct oi_error *err);

#endif
