/*
 * score.h — the ITA scoring engine.
 *
 * The method, exactly as docs/METHODOLOGY (shared/design/METHODOLOGY.md) states it:
 *   option → score (scale of the framework, reverse items reversed)
 *   → a respondent's question score = mean of the sub-items answered
 *   → the agency's question score = mean over its respondents
 *   → a survey indicator = mean of its questions (those with data)
 *   OIT: a sub-indicator = 100 × items passed / items; an OIT indicator = mean of its
 *   sub-indicators
 *   → an instrument = weighted mean of its indicators
 *   → total = Σ indicator × weight / 100 → grade or rating of the framework's result rule.
 * An indicator may also come from a published result sheet. An indicator with no data is
 * "no data", never 0; a result lacking any indicator is incomplete and gets no total or grade.
 *
 * A struct oi_scoreset holds per-agency sums (agency × question: sum and count; OIT verdicts;
 * published indicators), so memory grows with agencies, never with respondents.
 */
#ifndef OPENITA_SCORE_H
#define OPENITA_SCORE_H

#include <stdbool.h>
#include <stddef.h>

#include "openita/framework.h"

struct oi_result {
	bool has_indicator[OI_MAX_INDICATORS];
	double indicator[OI_MAX_INDICATORS];       /* by framework indicator index */
	bool has_instrument[OI_MAX_INSTRUMENTS];
	double instrument[OI_MAX_INSTRUMENTS];
	unsigned long respondents[OI_MAX_INSTRUMENTS];
	bool complete;                             /* every indicator has data */
	double total;                              /* unrounded; meaningful when complete */
	const char *grade;                         /* grade or rating label; NULL if incomplete */
};

/*
 * Given r->has_indicator/indicator, compute the instruments (an instrument needs all its
 * indicators), completeness, total and grade. Respondent counts are left as they are.
 */
void oi_result_finish(const struct oi_framework *fw, struct oi_result *r);

/*
 * The grade (grade bands) or rating (rating rules) of a total and instrument scores, each first
 * rounded to the framework's decimals. instrument[] is indexed like fw->instruments; every
 * instrument must have a score. Never NULL for a total within 0..100.
 */
const char *oi_grade(const struct oi_framework *fw, double total, const double *instrument);

/* Round x half away from zero to the given number of decimals, as published results are. */
double oi_round(double x, unsigned decimals);

struct oi_scoreset;

/* A new, empty score set for fw (which must outlive it). */
struct oi_scoreset *oi_scoreset_new(const struct oi_framework *fw);
void oi_scoreset_free(struct oi_scoreset *ss);

/* The framework the set was made for. */
const struct oi_framework *oi_scoreset_framework(const struct oi_scoreset *ss);

/* Index of the agency with code[0..len), adding it when absent (codes are copied). */
size_t oi_scoreset_agency(struct oi_scoreset *ss, const char *code, size_t len);

/* Index of the agency, or -1 when the set has no such agency. */
long oi_scoreset_find_agency(const struct oi_scoreset *ss, const char *code, size_t len);

/* Number of agencies, in the order they were added. */
size_t oi_scoreset_count(const struct oi_scoreset *ss);
const char *oi_scoreset_agency_code(const struct oi_scoreset *ss, size_t agency);

/* The agency's name (copied), or NULL when none was given. */
void oi_scoreset_set_name(struct oi_scoreset *ss, size_t agency, const char *name, size_t len);
const char *oi_scoreset_agency_name(const struct oi_scoreset *ss, size_t agency);

/* One respondent's score (0..100) of a survey question. */
void oi_scoreset_add_question(struct oi_scoreset *ss, size_t agency, size_t question,
			      double score);

/*
 * Score one respondent of survey instrument `instrument` from an answers string, as the web
 * system stores it: one character per answer code of the instrument, in framework order
 * (fw->subitems[first_subitem + i]), '0' for no answer, '1'..'9' an option number, 'A' option
 * 10. Adds each answered question's mean and counts the respondent. Returns 0, or -1 (nothing
 * added) when len is not the instrument's number of answer codes, a character is none of those,
 * an option is beyond the question's scale, or nothing is answered.
 */
int oi_scoreset_add_answers(struct oi_scoreset *ss, size_t agency, size_t instrument,
			    const char *answers, size_t len);

/* Count one respondent of a survey instrument. */
void oi_scoreset_add_respondent(struct oi_scoreset *ss, size_t agency, size_t instrument);

/*
 * Record an OIT verdict given on input line `line`. Returns 0, or the line of the earlier
 * verdict when the item already has one (the set is then unchanged).
 */
unsigned long oi_scoreset_set_verdict(struct oi_scoreset *ss, size_t agency, size_t item,
				      bool pass, unsigned long line);

/* The verdict of an item: -1 none, 0 fail, 1 pass; and the line it came from. */
int oi_scoreset_verdict(const struct oi_scoreset *ss, size_t agency, size_t item,
			unsigned long *line);

/* Record a published indicator score. Returns false (unchanged) when it already has one. */
bool oi_scoreset_set_indicator(struct oi_scoreset *ss, size_t agency, size_t indicator,
			       double score);

/* True when the agency has answers, verdicts or a published score for the indicator. */
bool oi_scoreset_has_data(const struct oi_scoreset *ss, size_t agency, size_t indicator);

/* The agency's score (0..100) of survey question `question`: the mean over its respondents.
 * Returns false (and leaves *score) when no respondent answered it. */
bool oi_scoreset_question_score(const struct oi_scoreset *ss, size_t agency, size_t question,
				double *score);

/* The agency's full result. */
void oi_scoreset_result(const struct oi_scoreset *ss, size_t agency, struct oi_result *out);

/*
 * Add everything of src into dst (same framework): agencies by code, question sums, respondent
 * counts; verdicts and published scores where dst has none. src is unchanged.
 */
void oi_scoreset_merge(struct oi_scoreset *dst, const struct oi_scoreset *src);

#endif
