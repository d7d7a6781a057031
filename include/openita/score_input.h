/*
 * score_input.h — reading the files `openita score` takes into a score set (formats:
 * docs/formats.md). Each reader streams its CSV once and stops at the first fault with
 * FILE:LINE:COLUMN and what was wrong: malformed CSV, an unknown or missing column, an answer
 * out of range, a duplicate respondent within an agency, an unknown agency or item, an empty
 * file, an over-long line. On failure the score set may hold part of the file: callers that
 * must not half-apply input (the CLI, an import) discard it.
 *
 * `known`, when not NULL, is a score set holding the registered agencies (read with
 * oi_read_agencies): an agency code not in it is an error.
 */
#ifndef OPENITA_SCORE_INPUT_H
#define OPENITA_SCORE_INPUT_H

#include "openita/csv.h"
#include "openita/score.h"

/* Agencies: header `code,name` then optionally `type`, `province`, `parent`. */
int oi_read_agencies(struct oi_scoreset *ss, struct oi_csv *csv, struct oi_error *err);

/*
 * Survey answers of survey instrument `instrument`: header `agency,respondent,<every answer
 * code of the instrument>`; a cell is the 1-based option number, or empty for no answer. The
 * rows of one agency must be together (memory stays per agency, not per respondent).
 */
int oi_read_survey(struct oi_scoreset *ss, size_t instrument, struct oi_csv *csv,
		   const struct oi_scoreset *known, struct oi_error *err);

/* OIT verdicts: header `agency,item,result`, optionally a fourth column `comment` (the
 * assessors' comment, not used in scoring); result `pass` or `fail`. An agency with verdicts
 * for some items of an indicator needs them for all its items. */
int oi_read_oit(struct oi_scoreset *ss, struct oi_csv *csv, const struct oi_scoreset *known,
		struct oi_error *err);

/* Published indicator scores: header `agency,<every indicator code>`, a cell a number 0–100 or
 * empty for no data. Read last: a score also computed from answers or verdicts is an error. */
int oi_read_indicators(struct oi_scoreset *ss, struct oi_csv *csv,
		       const struct oi_scoreset *known, struct oi_error *err);

#endif
