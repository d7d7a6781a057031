/*
 * score_input_int.h — the pieces of score_input.c that the other readers of agency files
 * (agency_result.c) share, so that every reader words the same fault the same way and checks
 * a cell by the same rule. Private to libopenita.
 */
#ifndef OPENITA_SCORE_INPUT_INT_H
#define OPENITA_SCORE_INPUT_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "openita/csv.h"
#include "openita/score.h"

#define INPUT_CODE_MAX 100   /* bytes of an agency code or respondent id */

/* oi_error_set() at field f: "FILE:LINE:COLUMN: message". Returns -1. */
int input_fail_at(struct oi_error *err, const struct oi_csv *csv, const struct oi_csv_field *f,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Read the header line into *rec; an empty file is an error naming the expected header. */
int input_read_header(struct oi_csv *csv, const struct oi_csv_record **rec,
		      const char *expected, struct oi_error *err);

/* Column i of the header must be `name` ("the header has too few columns" when absent). */
int input_expect_name(struct oi_error *err, const struct oi_csv *csv,
		      const struct oi_csv_record *rec, size_t i, const char *name,
		      const char *expected);

/* A row must have `width` fields, as the header. */
int input_check_width(struct oi_error *err, const struct oi_csv *csv,
		      const struct oi_csv_record *rec, size_t width);

/* An agency code cell: non-empty, at most INPUT_CODE_MAX bytes, in `known` when given. */
int input_check_agency(struct oi_error *err, const struct oi_csv *csv,
		       const struct oi_csv_field *f, const struct oi_scoreset *known);

/* A score cell: 0 to 100 written with digits and at most one decimal point. 0 or -1. */
int input_parse_score(const struct oi_csv_field *f, double *out);

/*
 * A non-empty score cell f of `what` `code` (such as indicator 9, question i2) into *out, or -1
 * with the error at f: "indicator 9: "101" is not a score; expected a number from 0 to 100 such
 * as 97.60, or an empty cell", the example being `example`.
 */
int input_read_score(struct oi_error *err, const struct oi_csv *csv, const struct oi_csv_field *f,
		     const char *what, const char *code, const char *example, double *out);

/*
 * The indicator columns of a header, from column `from` on, into col_indicator[from..n_fields)
 * and present[]: an unknown column or one given twice is an error naming `expected`. With
 * name_col not NULL a column "name" is allowed once and its index (0: none) is put there.
 */
int input_indicator_columns(struct oi_error *err, const struct oi_csv *csv,
			    const struct oi_framework *fw, const struct oi_csv_record *rec,
			    size_t from, long *col_indicator, bool *present, size_t *name_col,
			    const char *expected);

/*
 * The OIT verdicts reader behind oi_read_oit(). With `partial` an agency may have verdicts for
 * some items of an indicator only, and a framework whose items are ungrouped is read too (the
 * verdicts are kept; no indicator can be computed from them). on_row, when not NULL, is called
 * for every verdict read, with the agency's index in ss, the item and the comment cell (NULL
 * when the file has no comment column).
 */
struct input_oit_options {
	bool partial;
	void (*on_row)(void *ctx, size_t agency, size_t item, const struct oi_csv_field *comment);
	void *ctx;
};

int input_read_oit(struct oi_scoreset *ss, struct oi_csv *csv, const struct oi_scoreset *known,
		   const struct input_oit_options *opt, struct oi_error *err);

#endif
