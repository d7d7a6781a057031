/*
 * analysis.h — from one agency's result to what its analysis report says.
 *
 * Two steps. First the result comes in (struct oi_agency_result): computed by openita from a
 * score set, or entered by the agency from the result sheet it received (indicator scores,
 * question scores where known, OIT verdicts with the assessors' comments, earlier years' indicator
 * scores). Then oi_analyse() finds, by the framework's own thresholds (fw->strength_min,
 * fw->target — never constants in code): each indicator's standing (strength at or above
 * strength_min, weakness below, compared on the value rounded to fw->result_decimals as
 * published), each instrument against the target and its lowest indicator, the questions scoring
 * below strength_min (lowest first), the failed OIT items with their comments, and the change
 * against the most recent earlier year.
 *
 * Golden case (seed 001, ita-2565): lowest IIT indicator 3 การใช้อำนาจ 89.00, lowest EIT
 * indicator 8 82.18, lowest OIT indicator 10 31.25; strengths 1, 2, 4, 5, 9 (≥ 90), weaknesses
 * 3, 6, 7, 8, 10.
 */
#ifndef OPENITA_ANALYSIS_H
#define OPENITA_ANALYSIS_H

#include <stdbool.h>
#include <stddef.h>

#include "openita/csv.h"
#include "openita/score.h"

#define OI_MAX_PREVIOUS 8        /* earlier years kept for comparison */

struct oi_previous_result {
	int fiscal_year_be;
	struct oi_result result;     /* oi_result_finish()ed */
};

/*
 * One agency's result, all that the analysis and the documents read. Allocated by
 * oi_agency_result_new(); every pointer member is owned by it and freed by
 * oi_agency_result_free(). Arrays are indexed like the framework's.
 */
struct oi_agency_result {
	const struct oi_framework *fw;   /* borrowed; must outlive the result */
	char *agency_code;
	char *agency_name;               /* "" when unknown */
	int fiscal_year_be;              /* the assessed year; 0 when unknown */
	struct oi_result result;         /* indicators, instruments, total, grade */
	double *question_score;          /* [fw->n_questions]; NaN when not known */
	signed char *verdict;            /* [fw->n_oit_items]; -1 unknown, 0 fail, 1 pass */
	char **comment;                  /* [fw->n_oit_items]; assessors' comment or NULL */
	struct oi_previous_result previous[OI_MAX_PREVIOUS];   /* oldest first */
	size_t n_previous;
};

/* A new, empty result of agency `code` under fw (no indicator, no question, no verdict). */
struct oi_agency_result *oi_agency_result_new(const struct oi_framework *fw, const char *code);
void oi_agency_result_free(struct oi_agency_result *ar);

/* Set the agency's name (copied; NULL means ""). */
void oi_agency_result_set_name(struct oi_agency_result *ar, const char *name);

/*
 * Take the agency's computed result from a score set of the same framework: indicators,
 * instruments, total, grade, respondent counts, every question score with data and every OIT
 * verdict. Returns 0, or -1 when the set has no agency with ar's code.
 */
int oi_agency_result_from_scoreset(struct oi_agency_result *ar, const struct oi_scoreset *ss,
				   struct oi_error *err);

/*
 * Read the agency's row of a published result sheet (format of `--indicators`, docs/formats.md
 * §5: header `agency,<every indicator code>`, optionally also a `name` column). Other agencies'
 * rows are checked and skipped. An indicator already set (from verdicts) is an error. Errors:
 * FILE:LINE:COLUMN as the core's readers, and "agency X is not in FILE" when it has no row.
 */
int oi_agency_result_read_indicators(struct oi_agency_result *ar, struct oi_csv *csv,
				     struct oi_error *err);

/*
 * Read the agency's OIT verdicts (format of `--oit`, header `agency,item,result` with an
 * optional fourth column `comment`): verdicts and comments. Indicators that the sheet did not
 * give are computed from the verdicts when all their items have one. A missing agency is not an
 * error (it simply has no verdicts).
 */
int oi_agency_result_read_oit(struct oi_agency_result *ar, struct oi_csv *csv,
			      struct oi_error *err);

/*
 * Read question scores: header `agency` then any survey question codes (i1 … e15), a cell a
 * number 0–100 or empty for not known. Unknown codes and out-of-range numbers are errors.
 */
int oi_agency_result_read_questions(struct oi_agency_result *ar, struct oi_csv *csv,
				    struct oi_error *err);

/*
 * Read earlier years: header `agency,fiscal_year` then indicator codes (all or some); one row
 * per year (Buddhist Era, 2500–2700); a year may appear once. Rows of other agencies are
 * skipped. Kept oldest first, at most OI_MAX_PREVIOUS (the most recent ones).
 */
int oi_agency_result_read_previous(struct oi_agency_result *ar, struct oi_csv *csv,
				   struct oi_error *err);

/* Add earlier years years[0..n) to ar's (a year ar already has, or that comes twice, is
 * added once: the one it has, or the first), kept oldest first, at most OI_MAX_PREVIOUS (the
 * most recent ones). */
void oi_agency_result_add_previous(struct oi_agency_result *ar,
				   const struct oi_previous_result *years, size_t n);

/* Recompute instruments, completeness, total and grade from the indicators
 * (oi_result_finish). Call after the readers. */
void oi_agency_result_finish(struct oi_agency_result *ar);

struct oi_indicator_finding {
	size_t indicator;                /* index into fw->indicators */
	bool has_score;
	double score;                    /* rounded to fw->result_decimals */
	bool strength;                   /* score >= fw->strength_min; false when no score */
	bool has_previous;
	int previous_year_be;
	double previous;                 /* the most recent earlier year's score */
	double change;                   /* score - previous */
};

struct oi_instrument_finding {
	size_t instrument;               /* index into fw->instruments */
	bool has_score;
	double score;                    /* rounded */
	bool meets_target;               /* score >= fw->target */
	long lowest_indicator;           /* index into fw->indicators; -1 when none has a score.
					    Ties: the first in framework order */
};

struct oi_low_question {
	size_t question;                 /* index into fw->questions */
	double score;                    /* rounded */
};

struct oi_failed_item {
	size_t item;                     /* index into fw->oit_items */
	const char *comment;             /* borrowed from the agency result; NULL when none */
};

struct oi_analysis {
	const struct oi_agency_result *ar;   /* borrowed */
	struct oi_indicator_finding indicators[OI_MAX_INDICATORS];   /* fw order */
	size_t n_indicators;
	struct oi_instrument_finding instruments[OI_MAX_INSTRUMENTS];
	size_t n_instruments;
	size_t n_strengths, n_weaknesses;
	struct oi_low_question *low_questions;   /* score < strength_min, lowest first, ties in
						    framework order */
	size_t n_low_questions;
	struct oi_failed_item *failed_items;     /* verdict fail, framework order */
	size_t n_failed_items;
	bool has_total;
	double total;                    /* rounded */
	const char *grade;               /* NULL when incomplete */
	bool meets_target;               /* total >= fw->target */
	bool has_previous_total;
	int previous_year_be;
	double previous_total, total_change;
};

/*
 * Analyse ar into *out (which the caller provides; its arrays are allocated and released with
 * oi_analysis_release()). ar must outlive out. Returns 0, or -1 when ar has no indicator at
 * all ("no result to analyse").
 */
int oi_analyse(const struct oi_agency_result *ar, struct oi_analysis *out, struct oi_error *err);
void oi_analysis_release(struct oi_analysis *a);

#endif
