/*
 * agency_result.c — one agency's result comes in (see include/openita/analysis.h): taken from a
 * score set openita computed, or read from the files an agency types from the result sheet it
 * received: indicator scores (`--indicators`), OIT verdicts with the assessors' comments
 * (`--oit`), question scores (`--questions`) and earlier years (`--previous`); formats in
 * docs/formats.md §4, §5, §9 and §10.
 *
 * Every reader streams its CSV once through the core's reader, checks every row (the agency's
 * and the others'), and words a fault as score_input.c does (the checks are shared through
 * score_input_int.h; the OIT reader is score_input.c's own, in its partial mode). The agency's
 * row is held aside and applied only when the whole file is good, so a failed read leaves the
 * result as it was.
 */
#include "openita/analysis.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "score_input_int.h"
#include "strmap.h"

#define YEAR_MIN 2500
#define YEAR_MAX 2700

static char *dup_bytes(const char *s, size_t len)
{
	char *p = xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

static bool is_agency(const struct oi_agency_result *ar, const struct oi_csv_field *f)
{
	return strlen(ar->agency_code) == f->len && !memcmp(ar->agency_code, f->data, f->len);
}

static int agency_missing(const struct oi_agency_result *ar, const struct oi_csv *csv,
			  struct oi_error *err)
{
	return oi_error_set(err, oi_csv_name(csv), 0, 0, "agency \"%.100s\" is not in %s",
			    ar->agency_code, oi_csv_name(csv));
}

/*
 * Rows seen per agency, to refuse a second row of an agency: codes are copied into an arena
 * since the reader's fields go with the next record.
 */
struct seen_rows {
	struct strmap lines;
	struct arena codes;
};

static void seen_init(struct seen_rows *s)
{
	strmap_init(&s->lines);
	arena_init(&s->codes);
}

static void seen_release(struct seen_rows *s)
{
	strmap_release(&s->lines);
	arena_release(&s->codes);
}

/* 0, or the line of the agency's earlier row. */
static long seen_put(struct seen_rows *s, const struct oi_csv_field *ag, unsigned long line)
{
	long earlier = strmap_get(&s->lines, ag->data, ag->len);

	if (earlier >= 0)
		return earlier;
	strmap_put(&s->lines, arena_strndup(&s->codes, ag->data, ag->len), ag->len, (long)line);
	return 0;
}

/*
 * What every data row must be: as wide as the header, with a good agency code and, where seen
 * is given, the agency's first row. 0, or -1 with err set.
 */
static int check_row(struct oi_error *err, const struct oi_csv *csv,
		     const struct oi_csv_record *rec, size_t width, struct seen_rows *seen)
{
	const struct oi_csv_field *ag = &rec->fields[0];
	long first;

	if (input_check_width(err, csv, rec, width) || input_check_agency(err, csv, ag, NULL))
		return -1;
	if (seen && (first = seen_put(seen, ag, rec->line)))
		return input_fail_at(err, csv, ag, "agency \"%.100s\" has a second row (the first "
				     "is on line %ld)", ag->data, first);
	return 0;
}

/* lead, every indicator code after a comma, then tail ("agency,1,2,…,10 …") into buf. */
static void indicator_header(const struct oi_framework *fw, const char *lead, const char *tail,
			     char *buf, size_t size)
{
	size_t used = (size_t)snprintf(buf, size, "%s", lead);

	for (size_t i = 0; i < fw->n_indicators && used < size - 60; i++)
		used += (size_t)snprintf(buf + used, size - used, ",%s", fw->indicators[i].code);
	snprintf(buf + used, size - used, "%s", tail);
}

struct oi_agency_result *oi_agency_result_new(const struct oi_framework *fw, const char *code)
{
	struct oi_agency_result *ar = xcalloc(1, sizeof *ar);

	ar->fw = fw;
	ar->agency_code = dup_bytes(code, strlen(code));
	ar->agency_name = dup_bytes("", 0);
	ar->question_score = xmalloc((fw->n_questions + 1) * sizeof *ar->question_score);
	for (size_t q = 0; q <= fw->n_questions; q++)
		ar->question_score[q] = NAN;
	ar->verdict = xmalloc(fw->n_oit_items + 1);
	memset(ar->verdict, -1, fw->n_oit_items + 1);
	ar->comment = xcalloc(fw->n_oit_items + 1, sizeof *ar->comment);
	return ar;
}

void oi_agency_result_free(struct oi_agency_result *ar)
{
	if (!ar)
		return;
	for (size_t i = 0; i < ar->fw->n_oit_items; i++)
		free(ar->comment[i]);
	free(ar->comment);
	free(ar->verdict);
	free(ar->question_score);
	free(ar->agency_name);
	free(ar->agency_code);
	free(ar);
}

void oi_agency_result_set_name(struct oi_agency_result *ar, const char *name)
{
	free(ar->agency_name);
	ar->agency_name = name ? dup_bytes(name, strlen(name)) : dup_bytes("", 0);
}

int oi_agency_result_from_scoreset(struct oi_agency_result *ar, const struct oi_scoreset *ss,
				   struct oi_error *err)
{
	const struct oi_framework *fw = ar->fw;
	long a = oi_scoreset_find_agency(ss, ar->agency_code, strlen(ar->agency_code));

	if (oi_scoreset_framework(ss) != fw)
		return oi_error_set(err, "", 0, 0, "the score set is of framework %s, the result "
				    "of agency \"%.100s\" of %s", oi_scoreset_framework(ss)->id,
				    ar->agency_code, fw->id);
	if (a < 0)
		return oi_error_set(err, "", 0, 0, "agency \"%.100s\" is not in the score set",
				    ar->agency_code);
	oi_scoreset_result(ss, (size_t)a, &ar->result);
	if (oi_scoreset_agency_name(ss, (size_t)a))
		oi_agency_result_set_name(ar, oi_scoreset_agency_name(ss, (size_t)a));
	for (size_t q = 0; q < fw->n_questions; q++) {
		double score;

		if (oi_scoreset_question_score(ss, (size_t)a, q, &score))
			ar->question_score[q] = score;
	}
	for (size_t i = 0; i < fw->n_oit_items; i++) {
		int v = oi_scoreset_verdict(ss, (size_t)a, i, NULL);

		if (v >= 0)
			ar->verdict[i] = (signed char)v;
	}
	return 0;
}

/* ---- published indicator scores ---- */

int oi_agency_result_read_indicators(struct oi_agency_result *ar, struct oi_csv *csv,
				     struct oi_error *err)
{
	const struct oi_framework *fw = ar->fw;
	const struct oi_csv_record *rec;
	long col_indicator[OI_CSV_FIELDS_MAX];
	bool present[OI_MAX_INDICATORS] = {0}, has[OI_MAX_INDICATORS] = {0}, found = false;
	double score[OI_MAX_INDICATORS];
	char expected[200], missing[200] = "";
	size_t width, name_col, n_missing = 0, used = 0;
	char *name = NULL;
	struct seen_rows seen;
	int rc;

	indicator_header(fw, "agency", " (and optionally name)", expected, sizeof expected);
	if (input_read_header(csv, &rec, expected, err) ||
	    input_expect_name(err, csv, rec, 0, "agency", expected))
		return -1;
	width = rec->n_fields;
	if (input_indicator_columns(err, csv, fw, rec, 1, col_indicator, present, &name_col,
				    expected))
		return -1;
	for (size_t i = 0; i < fw->n_indicators; i++)
		if (!present[i] && used < sizeof missing - 8)
			used += (size_t)snprintf(missing + used, sizeof missing - used, "%s%s",
						 n_missing++ ? ", " : "", fw->indicators[i].code);
	if (n_missing)
		return oi_error_set(err, oi_csv_name(csv), rec->line, 0,
				    "the header lacks indicator%s %s; expected %s",
				    n_missing > 1 ? "s" : "", missing, expected);
	seen_init(&seen);
	while ((rc = oi_csv_next(csv, &rec, err)) > 0) {
		const struct oi_csv_field *ag = &rec->fields[0];
		bool mine;

		if (check_row(err, csv, rec, width, &seen)) {
			rc = -1;
			break;
		}
		mine = is_agency(ar, ag);
		found |= mine;
		for (size_t c = 1; c < width && rc > 0; c++) {
			const struct oi_csv_field *f = &rec->fields[c];
			double v;

			if (c == name_col || !f->len)
				continue;
			if (input_read_score(err, csv, f, "indicator",
					     fw->indicators[col_indicator[c]].code, "97.60", &v))
				rc = -1;
			else if (mine && ar->result.has_indicator[col_indicator[c]])
				rc = input_fail_at(err, csv, f, "indicator %s of agency \"%s\" already "
						   "has a score (computed from OIT verdicts or read "
						   "before); give it once",
						   fw->indicators[col_indicator[c]].code, ag->data);
			else if (mine) {
				has[col_indicator[c]] = true;
				score[col_indicator[c]] = v;
			}
		}
		if (rc < 0)
			break;
		if (mine && name_col && rec->fields[name_col].len)
			name = dup_bytes(rec->fields[name_col].data, rec->fields[name_col].len);
	}
	seen_release(&seen);
	if (rc == 0 && !found)
		rc = agency_missing(ar, csv, err);
	if (rc == 0) {
		for (size_t i = 0; i < fw->n_indicators; i++)
			if (has[i]) {
				ar->result.has_indicator[i] = true;
				ar->result.indicator[i] = score[i];
			}
		if (name && !ar->agency_name[0])
			oi_agency_result_set_name(ar, name);
	}
	free(name);
	return rc < 0 ? -1 : 0;
}

/* ---- OIT verdicts and comments ---- */

struct oit_context {
	const struct oi_agency_result *ar;
	const struct oi_scoreset *ss;
	char **comment;                  /* [n_oit_items], of ar's agency */
};

static void keep_comment(void *ctx, size_t agency, size_t item, const struct oi_csv_field *comment)
{
	struct oit_context *c = ctx;

	if (comment && comment->len && !strcmp(oi_scoreset_agency_code(c->ss, agency),
						 c->ar->agency_code))
		c->comment[item] = dup_bytes(comment->data, comment->len);
}

int oi_agency_result_read_oit(struct oi_agency_result *ar, struct oi_csv *csv,
			      struct oi_error *err)
{
	const struct oi_framework *fw = ar->fw;
	struct oi_scoreset *ss = oi_scoreset_new(fw);
	struct oit_context ctx = {.ar = ar, .ss = ss,
				  .comment = xcalloc(fw->n_oit_items + 1, sizeof *ctx.comment)};
	struct input_oit_options opt = {.partial = true, .on_row = keep_comment, .ctx = &ctx};
	struct oi_result computed;
	long a;
	int rc = input_read_oit(ss, csv, NULL, &opt, err);

	a = rc ? -1 : oi_scoreset_find_agency(ss, ar->agency_code, strlen(ar->agency_code));
	for (size_t i = 0; a >= 0 && i < fw->n_oit_items; i++) {
		unsigned long line;

		if (oi_scoreset_verdict(ss, (size_t)a, i, &line) >= 0 && ar->verdict[i] >= 0) {
			rc = oi_error_set(err, oi_csv_name(csv), line, 0, "item %s of agency \"%s\" "
					  "already has a verdict (read before); give it once",
					  fw->oit_items[i].code, ar->agency_code);
			a = -1;
		}
	}
	if (a >= 0) {
		for (size_t i = 0; i < fw->n_oit_items; i++) {
			int v = oi_scoreset_verdict(ss, (size_t)a, i, NULL);

			if (v < 0)
				continue;
			ar->verdict[i] = (signed char)v;
			ar->comment[i] = ctx.comment[i];
			ctx.comment[i] = NULL;
		}
		oi_scoreset_result(ss, (size_t)a, &computed);
		for (size_t i = 0; i < fw->n_indicators; i++)
			if (computed.has_indicator[i] && !ar->result.has_indicator[i]) {
				ar->result.has_indicator[i] = true;
				ar->result.indicator[i] = computed.indicator[i];
			}
	}
	for (size_t i = 0; i < fw->n_oit_items; i++)
		free(ctx.comment[i]);
	free(ctx.comment);
	oi_scoreset_free(ss);
	return rc < 0 ? -1 : 0;
}

/* ---- question scores ---- */

static long find_question(const struct oi_framework *fw, const char *code)
{
	for (size_t q = 0; q < fw->n_questions; q++)
		if (!strcmp(fw->questions[q].code, code))
			return (long)q;
	return -1;
}

/* The header's question columns into col_question[1..width). */
static int questions_header(const struct oi_agency_result *ar, struct oi_csv *csv,
			    const struct oi_csv_record *rec, long *col_question,
			    const char *expected, struct oi_error *err)
{
	const struct oi_framework *fw = ar->fw;
	bool *present;

	if (rec->n_fields < 2)
		return oi_error_set(err, oi_csv_name(csv), rec->line, 0,
				    "the header has no question column; expected %s", expected);
	present = xcalloc(fw->n_questions + 1, sizeof *present);
	for (size_t c = 1; c < rec->n_fields; c++) {
		const struct oi_csv_field *f = &rec->fields[c];
		long q = find_question(fw, f->data);
		long si = q < 0 ? oi_framework_find_subitem(fw, f->data) : -1;
		int bad = 0;

		if (q < 0 && si >= 0)
			bad = input_fail_at(err, csv, f, "column \"%.40s\" is a sub-item of question "
					    "%s; give the score of the question", f->data,
					    fw->questions[fw->subitems[si].question].code);
		else if (q < 0)
			bad = input_fail_at(err, csv, f, "unknown column \"%.40s\"; expected %s",
					    f->data, expected);
		else if (present[q])
			bad = input_fail_at(err, csv, f, "column \"%s\" appears twice", f->data);
		if (bad) {
			free(present);
			return -1;
		}
		present[q] = true;
		col_question[c] = q;
	}
	free(present);
	return 0;
}

int oi_agency_result_read_questions(struct oi_agency_result *ar, struct oi_csv *csv,
				    struct oi_error *err)
{
	const struct oi_framework *fw = ar->fw;
	const struct oi_csv_record *rec;
	long col_question[OI_CSV_FIELDS_MAX];
	double *score = NULL;
	char expected[160];
	struct seen_rows seen;
	size_t width;
	int rc;

	snprintf(expected, sizeof expected, "agency, then survey question codes such as %s",
		 fw->n_questions ? fw->questions[0].code : "i1");
	if (input_read_header(csv, &rec, expected, err) ||
	    input_expect_name(err, csv, rec, 0, "agency", expected) ||
	    questions_header(ar, csv, rec, col_question, expected, err))
		return -1;
	width = rec->n_fields;
	seen_init(&seen);
	while ((rc = oi_csv_next(csv, &rec, err)) > 0) {
		const struct oi_csv_field *ag = &rec->fields[0];
		bool mine;

		if (check_row(err, csv, rec, width, &seen)) {
			rc = -1;
			break;
		}
		mine = is_agency(ar, ag);
		if (mine) {
			score = xmalloc((fw->n_questions + 1) * sizeof *score);
			for (size_t q = 0; q <= fw->n_questions; q++)
				score[q] = NAN;
		}
		for (size_t c = 1; c < width && rc > 0; c++) {
			const struct oi_csv_field *f = &rec->fields[c];
			size_t q = (size_t)col_question[c];
			double v;

			if (!f->len)
				continue;
			if (input_read_score(err, csv, f, "question", fw->questions[q].code, "85.50",
					     &v))
				rc = -1;
			else if (mine && !isnan(ar->question_score[q]))
				rc = input_fail_at(err, csv, f, "question %s of agency \"%s\" already "
						   "has a score; give it once", fw->questions[q].code,
						   ag->data);
			else if (mine)
				score[q] = v;
		}
		if (rc < 0)
			break;
	}
	seen_release(&seen);
	if (rc == 0 && !score)
		rc = agency_missing(ar, csv, err);
	if (rc == 0)
		for (size_t q = 0; q < fw->n_questions; q++)
			if (!isnan(score[q]))
				ar->question_score[q] = score[q];
	free(score);
	return rc < 0 ? -1 : 0;
}

/* ---- earlier years ---- */

/* A fiscal year cell: four digits, YEAR_MIN..YEAR_MAX. */
static int parse_year(const struct oi_csv_field *f, int *year)
{
	int y = 0;

	if (f->len != 4)
		return -1;
	for (size_t i = 0; i < 4; i++) {
		if (f->data[i] < '0' || f->data[i] > '9')
			return -1;
		y = y * 10 + (f->data[i] - '0');
	}
	if (y < YEAR_MIN || y > YEAR_MAX)
		return -1;
	*year = y;
	return 0;
}

static int by_year(const void *a, const void *b)
{
	const struct oi_previous_result *x = a, *y = b;

	return (x->fiscal_year_be > y->fiscal_year_be) - (x->fiscal_year_be < y->fiscal_year_be);
}

void oi_agency_result_add_previous(struct oi_agency_result *ar,
				   const struct oi_previous_result *years, size_t n)
{
	struct oi_previous_result *all = xmalloc((n + OI_MAX_PREVIOUS) * sizeof *all);
	size_t total = 0, from;

	memcpy(all, ar->previous, ar->n_previous * sizeof *all);
	total = ar->n_previous;
	for (size_t i = 0; i < n; i++) {
		bool known = false;

		for (size_t k = 0; k < total; k++)
			known = known || all[k].fiscal_year_be == years[i].fiscal_year_be;
		if (!known)
			all[total++] = years[i];
	}
	qsort(all, total, sizeof *all, by_year);
	from = total > OI_MAX_PREVIOUS ? total - OI_MAX_PREVIOUS : 0;
	ar->n_previous = total - from;
	memcpy(ar->previous, all + from, ar->n_previous * sizeof *all);
	free(all);
}

/* The year in field f may be stored for ar: not given before, earlier than the assessed year. */
static int check_year(const struct oi_agency_result *ar, const struct oi_csv *csv,
		      const struct oi_csv_field *f, int year, const unsigned long *line_of,
		      struct oi_error *err)
{
	if (line_of[year - YEAR_MIN])
		return input_fail_at(err, csv, f, "year %d of agency \"%s\" appears twice (the "
				     "first is on line %lu)", year, ar->agency_code,
				     line_of[year - YEAR_MIN]);
	for (size_t k = 0; k < ar->n_previous; k++)
		if (ar->previous[k].fiscal_year_be == year)
			return input_fail_at(err, csv, f, "year %d of agency \"%s\" was read before; "
					     "give it once", year, ar->agency_code);
	if (ar->fiscal_year_be && year >= ar->fiscal_year_be)
		return input_fail_at(err, csv, f, "year %d is not earlier than the assessed year %d",
				     year, ar->fiscal_year_be);
	return 0;
}

int oi_agency_result_read_previous(struct oi_agency_result *ar, struct oi_csv *csv,
				   struct oi_error *err)
{
	const struct oi_framework *fw = ar->fw;
	const struct oi_csv_record *rec;
	long col_indicator[OI_CSV_FIELDS_MAX];
	bool present[OI_MAX_INDICATORS] = {0};
	unsigned long line_of[YEAR_MAX - YEAR_MIN + 1] = {0};
	struct oi_previous_result *years = NULL;
	size_t n_years = 0, width;
	char expected[200];
	int rc;

	indicator_header(fw, "agency,fiscal_year", " (all indicators or some)", expected,
			 sizeof expected);
	if (input_read_header(csv, &rec, expected, err) ||
	    input_expect_name(err, csv, rec, 0, "agency", expected) ||
	    input_expect_name(err, csv, rec, 1, "fiscal_year", expected))
		return -1;
	width = rec->n_fields;
	if (width < 3)
		return oi_error_set(err, oi_csv_name(csv), rec->line, 0,
				    "the header has no indicator column; expected %s", expected);
	if (input_indicator_columns(err, csv, fw, rec, 2, col_indicator, present, NULL, expected))
		return -1;
	while ((rc = oi_csv_next(csv, &rec, err)) > 0) {
		const struct oi_csv_field *ag = &rec->fields[0], *fy = &rec->fields[1];
		struct oi_previous_result row = {0};
		bool mine;

		if (check_row(err, csv, rec, width, NULL)) {
			rc = -1;
			break;
		}
		if (parse_year(fy, &row.fiscal_year_be)) {
			rc = input_fail_at(err, csv, fy, "fiscal year \"%.20s\" is not a year; expected "
					   "a Buddhist Era year from %d to %d such as 2564", fy->data,
					   YEAR_MIN, YEAR_MAX);
			break;
		}
		mine = is_agency(ar, ag);
		if (mine && check_year(ar, csv, fy, row.fiscal_year_be, line_of, err)) {
			rc = -1;
			break;
		}
		for (size_t c = 2; c < width && rc > 0; c++) {
			const struct oi_csv_field *f = &rec->fields[c];
			size_t i = (size_t)col_indicator[c];

			if (!f->len)
				continue;
			if (input_read_score(err, csv, f, "indicator", fw->indicators[i].code, "97.60",
					     &row.result.indicator[i]))
				rc = -1;
			else
				row.result.has_indicator[i] = true;
		}
		if (rc < 0)
			break;
		if (mine) {
			line_of[row.fiscal_year_be - YEAR_MIN] = rec->line;
			oi_result_finish(fw, &row.result);
			years = xrealloc(years, (n_years + 1) * sizeof *years);
			years[n_years++] = row;
		}
	}
	if (rc == 0 && !n_years)
		rc = agency_missing(ar, csv, err);
	if (rc == 0)
		oi_agency_result_add_previous(ar, years, n_years);
	free(years);
	return rc < 0 ? -1 : 0;
}

void oi_agency_result_finish(struct oi_agency_result *ar)
{
	oi_result_finish(ar->fw, &ar->result);
}
