/*
 * score_input.c — CSV files → score set (see include/openita/score_input.h).
 *
 * The survey reader is the hot path of national scoring: per column it precomputes the score
 * of every option, so a cell costs a byte test and two additions. The checks every reader
 * shares (header, width, agency code, score cell) and the OIT reader itself are also used by
 * agency_result.c, through score_input_int.h.
 */
#include "openita/score_input.h"

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "score_input_int.h"
#include "strmap.h"

int input_fail_at(struct oi_error *err, const struct oi_csv *csv,
		  const struct oi_csv_field *f, const char *fmt, ...)
{
	char msg[OI_ERROR_MESSAGE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return oi_error_set(err, oi_csv_name(csv), f->line, f->column, "%s", msg);
}

/* Read the header; an empty file is an error that says what the header should be. */
int input_read_header(struct oi_csv *csv, const struct oi_csv_record **rec,
		      const char *expected, struct oi_error *err)
{
	int rc = oi_csv_next(csv, rec, err);

	if (rc < 0)
		return -1;
	if (rc == 0)
		return oi_error_set(err, oi_csv_name(csv), 1, 1,
				    "the file is empty; expected a header line %s", expected);
	return 0;
}

int input_expect_name(struct oi_error *err, const struct oi_csv *csv,
		      const struct oi_csv_record *rec, size_t i, const char *name,
		      const char *expected)
{
	if (i >= rec->n_fields)
		return oi_error_set(err, oi_csv_name(csv), rec->line, 0,
				    "the header has too few columns; expected %s", expected);
	if (strcmp(rec->fields[i].data, name))
		return input_fail_at(err, csv, &rec->fields[i],
				     "column %zu of the header is \"%.60s\"; expected \"%s\" (header: %s)",
				     i + 1, rec->fields[i].data, name, expected);
	return 0;
}

int input_check_width(struct oi_error *err, const struct oi_csv *csv,
		      const struct oi_csv_record *rec, size_t width)
{
	if (rec->n_fields == width)
		return 0;
	return oi_error_set(err, oi_csv_name(csv), rec->line,
			    rec->n_fields > width ? rec->fields[width].column : 0,
			    "expected %zu fields as in the header, found %zu", width, rec->n_fields);
}

/* An agency code cell: non-empty, at most INPUT_CODE_MAX bytes, registered when known is given. */
int input_check_agency(struct oi_error *err, const struct oi_csv *csv,
		       const struct oi_csv_field *f, const struct oi_scoreset *known)
{
	if (!f->len)
		return input_fail_at(err, csv, f, "the agency code is empty");
	if (f->len > INPUT_CODE_MAX)
		return input_fail_at(err, csv, f, "the agency code is longer than %d bytes", INPUT_CODE_MAX);
	if (known && oi_scoreset_find_agency(known, f->data, f->len) < 0)
		return input_fail_at(err, csv, f, "unknown agency \"%.100s\"; it is not in the agencies file",
				     f->data);
	return 0;
}

int oi_read_agencies(struct oi_scoreset *ss, struct oi_csv *csv, struct oi_error *err)
{
	static const char *const optional[] = {"type", "province", "parent"};
	static const char expected[] = "code,name (then optionally type,province,parent)";
	const struct oi_csv_record *rec;
	size_t width;
	int rc;

	if (input_read_header(csv, &rec, expected, err) ||
	    input_expect_name(err, csv, rec, 0, "code", expected) ||
	    input_expect_name(err, csv, rec, 1, "name", expected))
		return -1;
	width = rec->n_fields;
	for (size_t i = 2; i < width; i++) {
		size_t k;

		for (k = 0; k < 3; k++)
			if (!strcmp(rec->fields[i].data, optional[k]))
				break;
		if (k == 3)
			return input_fail_at(err, csv, &rec->fields[i],
					     "unknown column \"%.60s\"; expected %s", rec->fields[i].data,
					     expected);
	}
	while ((rc = oi_csv_next(csv, &rec, err)) > 0) {
		const struct oi_csv_field *code = &rec->fields[0];
		size_t a;

		if (input_check_width(err, csv, rec, width) || input_check_agency(err, csv, code, NULL))
			return -1;
		if (oi_scoreset_find_agency(ss, code->data, code->len) >= 0)
			return input_fail_at(err, csv, code, "agency \"%.100s\" is listed twice", code->data);
		if (!rec->fields[1].len)
			return input_fail_at(err, csv, &rec->fields[1], "the agency name is empty");
		a = oi_scoreset_agency(ss, code->data, code->len);
		oi_scoreset_set_name(ss, a, rec->fields[1].data, rec->fields[1].len);
	}
	return rc < 0 ? -1 : 0;
}

/*
 * The option of scale whose Thai label is the cell's text exactly, spaces and tabs around it
 * ignored ("มากที่สุด", as survey tools export answers), or 0 when none is.
 */
static unsigned option_by_label(const struct oi_scale *scale, const struct oi_csv_field *f)
{
	const char *p = f->data, *end = f->data + f->len;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	for (size_t k = 0; k < scale->n_options && k < OI_MAX_OPTIONS; k++) {
		const char *label = scale->options[k].label_th;

		if (label && strlen(label) == (size_t)(end - p) && !memcmp(label, p, (size_t)(end - p)))
			return (unsigned)(k + 1);
	}
	return 0;
}

struct survey_column {
	const char *code;                     /* the answer code */
	size_t question;
	unsigned n_options;
	double score[OI_MAX_OPTIONS + 1];     /* by option number */
};

struct survey_reader {
	struct oi_scoreset *ss;
	const struct oi_framework *fw;
	const struct oi_instrument *ins;
	size_t instrument;
	struct survey_column *cols;           /* [width], from column 2 */
	size_t width;
	double *q_sum;                        /* one respondent, by question index */
	unsigned *q_n;
	size_t q_first, q_end;                /* the instrument's questions */
	bool *agency_done;                    /* agencies whose block has ended */
	size_t done_cap;
	long current;                         /* agency of the current block, -1 before any */
	struct strmap respondents;            /* of the current block */
	struct arena block;                   /* their ids */
};

static int survey_header(struct survey_reader *r, struct oi_csv *csv,
			 const struct oi_csv_record *rec, struct oi_error *err)
{
	const struct oi_framework *fw = r->fw;
	char expected[200];
	bool *present;
	size_t missing = 0;
	char list[300] = "";
	size_t used = 0;

	snprintf(expected, sizeof expected, "agency,respondent,%s,… (every %s answer code)",
		 fw->subitems[r->ins->first_subitem].code, r->ins->code);
	if (input_expect_name(err, csv, rec, 0, "agency", expected) ||
	    input_expect_name(err, csv, rec, 1, "respondent", expected))
		return -1;
	r->width = rec->n_fields;
	r->cols = xcalloc(r->width, sizeof *r->cols);
	present = xcalloc(fw->n_subitems + 1, sizeof *present);
	for (size_t c = 2; c < r->width; c++) {
		const struct oi_csv_field *f = &rec->fields[c];
		long si = oi_framework_find_subitem(fw, f->data);
		const struct oi_subitem *s;
		const struct oi_scale *scale;

		if (si < 0 || fw->subitems[si].instrument != r->instrument) {
			int rc = si < 0
				? input_fail_at(err, csv, f, "unknown column \"%.60s\"; expected %s answer "
						"codes such as %s", f->data, r->ins->code,
						fw->subitems[r->ins->first_subitem].code)
				: input_fail_at(err, csv, f, "column \"%s\" is an answer code of %s; this file is "
						"read as %s", f->data,
						fw->instruments[fw->subitems[si].instrument].code, r->ins->code);
			free(present);
			return rc;
		}
		if (present[si]) {
			free(present);
			return input_fail_at(err, csv, f, "column \"%s\" appears twice", f->data);
		}
		present[si] = true;
		s = &fw->subitems[si];
		scale = fw->questions[s->question].scale;
		r->cols[c].code = s->code;
		r->cols[c].question = s->question;
		r->cols[c].n_options = (unsigned)scale->n_options;
		for (unsigned k = 1; k <= scale->n_options; k++)
			r->cols[c].score[k] = oi_subitem_score(fw, (size_t)si, k);
	}
	for (size_t i = 0; i < r->ins->n_subitems; i++) {
		size_t si = r->ins->first_subitem + i;

		if (!present[si]) {
			if (missing < 6)
				used += (size_t)snprintf(list + used, sizeof list - used, "%s%s",
							 missing ? ", " : "", fw->subitems[si].code);
			missing++;
		}
	}
	free(present);
	if (missing)
		return oi_error_set(err, oi_csv_name(csv), rec->line, 0,
				    "the header lacks %zu %s answer code%s: %s%s", missing,
				    r->ins->code, missing > 1 ? "s" : "", list, missing > 6 ? ", …" : "");
	return 0;
}

/* Switch to the block of the agency in field f (rows of one agency must be together). */
static int survey_enter_agency(struct survey_reader *r, struct oi_csv *csv,
			       const struct oi_csv_field *f, const struct oi_scoreset *known,
			       struct oi_error *err)
{
	size_t a;

	if (r->current >= 0) {
		const char *cur = oi_scoreset_agency_code(r->ss, (size_t)r->current);

		if (strlen(cur) == f->len && !memcmp(cur, f->data, f->len))
			return 0;
		r->agency_done[r->current] = true;
	}
	if (input_check_agency(err, csv, f, known))
		return -1;
	a = oi_scoreset_agency(r->ss, f->data, f->len);
	if (a >= r->done_cap) {
		size_t cap = (a + 1) * 2;

		r->agency_done = xrealloc(r->agency_done, cap * sizeof *r->agency_done);
		memset(r->agency_done + r->done_cap, 0, (cap - r->done_cap) * sizeof *r->agency_done);
		r->done_cap = cap;
	}
	if (r->agency_done[a])
		return input_fail_at(err, csv, f,
				     "agency \"%.100s\" appears again after rows of other agencies; keep "
				     "the rows of each agency together (sort the file by agency)", f->data);
	r->current = (long)a;
	strmap_clear(&r->respondents);
	arena_release(&r->block);
	return 0;
}

static int survey_row(struct survey_reader *r, struct oi_csv *csv,
		      const struct oi_csv_record *rec, const struct oi_scoreset *known,
		      struct oi_error *err)
{
	const struct oi_csv_field *resp = &rec->fields[1];
	size_t answered = 0;
	const char *id;

	if (input_check_width(err, csv, rec, r->width) ||
	    survey_enter_agency(r, csv, &rec->fields[0], known, err))
		return -1;
	if (!resp->len)
		return input_fail_at(err, csv, resp, "the respondent id is empty");
	if (resp->len > INPUT_CODE_MAX)
		return input_fail_at(err, csv, resp, "the respondent id is longer than %d bytes", INPUT_CODE_MAX);
	id = arena_strndup(&r->block, resp->data, resp->len);
	if (strmap_put(&r->respondents, id, resp->len, (long)rec->line) != -1)
		return input_fail_at(err, csv, resp,
				     "respondent \"%.100s\" of agency \"%s\" appears twice (first on line %ld)",
				     resp->data, oi_scoreset_agency_code(r->ss, (size_t)r->current),
				     strmap_get(&r->respondents, id, resp->len));
	for (size_t c = 2; c < r->width; c++) {
		const struct oi_csv_field *f = &rec->fields[c];
		const struct survey_column *col = &r->cols[c];
		unsigned opt;

		if (!f->len)
			continue;
		if (f->len == 1 && f->data[0] >= '1' && f->data[0] <= '9')
			opt = (unsigned)(f->data[0] - '0');
		else if (f->len == 2 && f->data[0] == '1' && f->data[1] == '0')
			opt = 10;
		else
			opt = option_by_label(r->fw->questions[col->question].scale, f);
		if (!opt || opt > col->n_options) {
			const struct oi_scale *sc = r->fw->questions[col->question].scale;

			return input_fail_at(err, csv, f,
					     "column \"%s\": answer \"%.40s\" is out of range; expected a "
					     "number from 1 to %u or the option's words (1 = %s … %u = %s) "
					     "or an empty cell",
					     col->code, f->data, col->n_options,
					     sc->options[0].label_th, col->n_options,
					     sc->options[col->n_options - 1].label_th);
		}
		r->q_sum[col->question] += col->score[opt];
		r->q_n[col->question]++;
		answered++;
	}
	if (!answered)
		return input_fail_at(err, csv, resp, "respondent \"%.100s\" gave no answer at all",
				     resp->data);
	for (size_t q = r->q_first; q < r->q_end; q++) {
		if (r->q_n[q]) {
			oi_scoreset_add_question(r->ss, (size_t)r->current, q,
						 r->q_sum[q] / r->q_n[q]);
			r->q_sum[q] = 0;
			r->q_n[q] = 0;
		}
	}
	oi_scoreset_add_respondent(r->ss, (size_t)r->current, r->instrument);
	return 0;
}

int oi_read_survey(struct oi_scoreset *ss, size_t instrument, struct oi_csv *csv,
		   const struct oi_scoreset *known, struct oi_error *err)
{
	const struct oi_framework *fw = oi_scoreset_framework(ss);
	struct survey_reader r = {.ss = ss, .fw = fw, .instrument = instrument,
				  .ins = &fw->instruments[instrument], .current = -1};
	const struct oi_csv_record *rec;
	char expected[160];
	int rc = -1;

	strmap_init(&r.respondents);
	arena_init(&r.block);
	snprintf(expected, sizeof expected, "agency,respondent,<every %s answer code>",
		 r.ins->code);
	if (input_read_header(csv, &rec, expected, err) || survey_header(&r, csv, rec, err))
		goto out;
	r.q_first = fw->subitems[r.ins->first_subitem].question;
	r.q_end = fw->subitems[r.ins->first_subitem + r.ins->n_subitems - 1].question + 1;
	r.q_sum = xcalloc(fw->n_questions + 1, sizeof *r.q_sum);
	r.q_n = xcalloc(fw->n_questions + 1, sizeof *r.q_n);
	while ((rc = oi_csv_next(csv, &rec, err)) > 0)
		if (survey_row(&r, csv, rec, known, err)) {
			rc = -1;
			break;
		}
	if (rc == 0 && r.current < 0)
		rc = oi_error_set(err, oi_csv_name(csv), 2, 1,
				  "no responses: the file has a header but no rows");
out:
	free(r.cols);
	free(r.q_sum);
	free(r.q_n);
	free(r.agency_done);
	strmap_release(&r.respondents);
	arena_release(&r.block);
	return rc < 0 ? -1 : 0;
}

/* The first checklist instrument whose item grouping is unknown, or NULL. */
static const struct oi_instrument *ungrouped_checklist(const struct oi_framework *fw)
{
	for (size_t k = 0; k < fw->n_instruments; k++)
		if (fw->instruments[k].kind == OI_CHECKLIST && fw->instruments[k].items_ungrouped)
			return &fw->instruments[k];
	return NULL;
}

/* Every agency with verdicts for part of an indicator's items is an error. */
static int check_oit_complete(struct oi_scoreset *ss, struct oi_csv *csv, const bool *touched,
			      size_t n_touched, struct oi_error *err)
{
	const struct oi_framework *fw = oi_scoreset_framework(ss);

	for (size_t a = 0; a < n_touched; a++) {
		if (!touched[a])
			continue;
		for (size_t i = 0; i < fw->n_indicators; i++) {
			const struct oi_indicator *in = &fw->indicators[i];
			size_t have = 0, total = 0, shown = 0, used = 0;
			unsigned long first = 0, line;
			char list[200] = "";

			for (size_t j = 0; j < in->n_subindicators; j++) {
				const struct oi_subindicator *sub =
					&fw->subindicators[in->subindicators[j]];

				for (size_t k = 0; k < sub->n_items; k++, total++) {
					if (oi_scoreset_verdict(ss, a, sub->items[k], &line) >= 0) {
						have++;
						if (!first || line < first)
							first = line;
					} else if (shown++ < 8) {
						used += (size_t)snprintf(list + used, sizeof list - used,
									 "%s%s", shown > 1 ? ", " : "",
									 fw->oit_items[sub->items[k]].code);
					}
				}
			}
			if (have && have < total)
				return oi_error_set(err, oi_csv_name(csv), first, 0,
						    "agency \"%s\" has verdicts for %zu of the %zu items of "
						    "indicator %s; missing: %s%s (every item of an "
						    "indicator needs pass or fail)",
						    oi_scoreset_agency_code(ss, a), have, total, in->code, list,
						    shown > 8 ? ", …" : "");
		}
	}
	return 0;
}

static int parse_verdict(const struct oi_csv_field *f, bool *pass)
{
	if (!strcasecmp(f->data, "pass") || !strcmp(f->data, "ผ่าน"))
		*pass = true;
	else if (!strcasecmp(f->data, "fail") || !strcmp(f->data, "ไม่ผ่าน"))
		*pass = false;
	else
		return -1;
	return 0;
}

int input_read_oit(struct oi_scoreset *ss, struct oi_csv *csv, const struct oi_scoreset *known,
	    const struct input_oit_options *opt, struct oi_error *err)
{
	static const char expected[] = "agency,item,result";
	static const char expected_all[] = "agency,item,result (then optionally comment)";
	const struct oi_framework *fw = oi_scoreset_framework(ss);
	const struct oi_instrument *ungrouped = ungrouped_checklist(fw);
	const struct oi_csv_record *rec;
	bool *touched = NULL;
	size_t touched_cap = 0, rows = 0, width;
	int rc;

	if (input_read_header(csv, &rec, expected, err) ||
	    input_expect_name(err, csv, rec, 0, "agency", expected) ||
	    input_expect_name(err, csv, rec, 1, "item", expected) ||
	    input_expect_name(err, csv, rec, 2, "result", expected))
		return -1;
	width = rec->n_fields;
	if (width > 3 && strcmp(rec->fields[3].data, "comment"))
		return input_fail_at(err, csv, &rec->fields[3], "unknown column \"%.60s\"; expected %s",
					   rec->fields[3].data, expected_all);
	if (width > 4)
		return input_fail_at(err, csv, &rec->fields[4], "unknown column \"%.60s\"; expected %s",
					   rec->fields[4].data, expected_all);
	if (ungrouped && !opt->partial)
		return oi_error_set(err, oi_csv_name(csv), rec->line, 1,
				    "framework %s does not say which indicator each %s item belongs "
				    "to (its item grouping is unknown), so %s verdicts cannot be "
				    "scored; give the published indicator scores with --indicators",
				    fw->id, ungrouped->code, ungrouped->code);
	while ((rc = oi_csv_next(csv, &rec, err)) > 0) {
		const struct oi_csv_field *item = &rec->fields[1], *result = &rec->fields[2];
		unsigned long earlier;
		long it;
		size_t a;
		bool pass;

		if (input_check_width(err, csv, rec, width) ||
		    input_check_agency(err, csv, &rec->fields[0], known)) {
			rc = -1;
			break;
		}
		it = oi_framework_find_oit_item(fw, item->data);
		if (it < 0) {
			rc = input_fail_at(err, csv, item, "unknown item \"%.40s\"; %s has items %s to %s",
						 item->data, fw->id, fw->oit_items[0].code,
						 fw->oit_items[fw->n_oit_items - 1].code);
			break;
		}
		if (parse_verdict(result, &pass)) {
			rc = input_fail_at(err, csv, result, "result \"%.40s\" is neither \"pass\" nor "
						 "\"fail\"", result->data);
			break;
		}
		a = oi_scoreset_agency(ss, rec->fields[0].data, rec->fields[0].len);
		earlier = oi_scoreset_set_verdict(ss, a, (size_t)it, pass, rec->line);
		if (earlier) {
			rc = input_fail_at(err, csv, item, "a second verdict for item %s of agency \"%s\" "
						 "(the first is on line %lu)", fw->oit_items[it].code,
						 oi_scoreset_agency_code(ss, a), earlier);
			break;
		}
		if (opt->on_row)
			opt->on_row(opt->ctx, a, (size_t)it, width > 3 ? &rec->fields[3] : NULL);
		if (a >= touched_cap) {
			size_t cap = (a + 1) * 2;

			touched = xrealloc(touched, cap * sizeof *touched);
			memset(touched + touched_cap, 0, (cap - touched_cap) * sizeof *touched);
			touched_cap = cap;
		}
		touched[a] = true;
		rows++;
	}
	if (rc == 0 && !rows)
		rc = oi_error_set(err, oi_csv_name(csv), 2, 1,
				  "no verdicts: the file has a header but no rows");
	if (rc == 0 && !opt->partial)
		rc = check_oit_complete(ss, csv, touched, touched_cap, err);
	free(touched);
	return rc < 0 ? -1 : 0;
}

int oi_read_oit(struct oi_scoreset *ss, struct oi_csv *csv, const struct oi_scoreset *known,
		struct oi_error *err)
{
	static const struct input_oit_options scoring = {.partial = false};

	return input_read_oit(ss, csv, known, &scoring, err);
}

/* A published score: 0 to 100 written with digits and at most one decimal point. */
int input_parse_score(const struct oi_csv_field *f, double *out)
{
	size_t i, digits = 0, dots = 0;

	for (i = 0; i < f->len; i++) {
		if (f->data[i] == '.' && dots++ == 0 && digits)
			continue;
		if (f->data[i] < '0' || f->data[i] > '9')
			return -1;
		digits++;
	}
	if (!digits || f->data[f->len - 1] == '.' || f->len > 20)
		return -1;
	*out = strtod(f->data, NULL);
	return *out >= 0 && *out <= 100 ? 0 : -1;
}

int input_read_score(struct oi_error *err, const struct oi_csv *csv, const struct oi_csv_field *f,
		     const char *what, const char *code, const char *example, double *out)
{
	if (input_parse_score(f, out))
		return input_fail_at(err, csv, f, "%s %s: \"%.40s\" is not a score; expected a number "
				     "from 0 to 100 such as %s, or an empty cell", what, code, f->data,
				     example);
	return 0;
}

int input_indicator_columns(struct oi_error *err, const struct oi_csv *csv,
			    const struct oi_framework *fw, const struct oi_csv_record *rec,
			    size_t from, long *col_indicator, bool *present, size_t *name_col,
			    const char *expected)
{
	if (name_col)
		*name_col = 0;
	for (size_t c = from; c < rec->n_fields; c++) {
		const struct oi_csv_field *f = &rec->fields[c];
		long i = oi_framework_find_indicator(fw, f->data);

		col_indicator[c] = i;
		if (name_col && !strcmp(f->data, "name")) {
			if (*name_col)
				return input_fail_at(err, csv, f, "column \"name\" appears twice");
			*name_col = c;
		} else if (i < 0) {
			return input_fail_at(err, csv, f, "unknown column \"%.40s\"; expected %s",
					     f->data, expected);
		} else if (present[i]) {
			return input_fail_at(err, csv, f, "column \"%s\" appears twice", f->data);
		} else {
			present[i] = true;
		}
	}
	return 0;
}

int oi_read_indicators(struct oi_scoreset *ss, struct oi_csv *csv,
		       const struct oi_scoreset *known, struct oi_error *err)
{
	const struct oi_framework *fw = oi_scoreset_framework(ss);
	const struct oi_csv_record *rec;
	long col_indicator[OI_MAX_INDICATORS + 1];
	size_t width;
	bool present[OI_MAX_INDICATORS] = {0};
	struct strmap rows;
	char expected[160];
	size_t used;
	int rc;

	used = (size_t)snprintf(expected, sizeof expected, "agency");
	for (size_t i = 0; i < fw->n_indicators && used < sizeof expected - 8; i++)
		used += (size_t)snprintf(expected + used, sizeof expected - used, ",%s",
					 fw->indicators[i].code);
	if (input_read_header(csv, &rec, expected, err) ||
	    input_expect_name(err, csv, rec, 0, "agency", expected))
		return -1;
	width = rec->n_fields;
	if (width != fw->n_indicators + 1)
		return oi_error_set(err, oi_csv_name(csv), rec->line, 0,
				    "the header has %zu columns; expected %s", width, expected);
	if (input_indicator_columns(err, csv, fw, rec, 1, col_indicator, present, NULL, expected))
		return -1;
	strmap_init(&rows);
	while ((rc = oi_csv_next(csv, &rec, err)) > 0) {
		const struct oi_csv_field *ag = &rec->fields[0];
		size_t a;

		if (input_check_width(err, csv, rec, width) || input_check_agency(err, csv, ag, known)) {
			rc = -1;
			break;
		}
		a = oi_scoreset_agency(ss, ag->data, ag->len);
		if (strmap_put(&rows, oi_scoreset_agency_code(ss, a), ag->len, (long)rec->line) != -1) {
			rc = input_fail_at(err, csv, ag, "agency \"%.100s\" has a second row (the first is "
					   "on line %ld)", ag->data,
					   strmap_get(&rows, ag->data, ag->len));
			break;
		}
		for (size_t c = 1; c < width && rc > 0; c++) {
			const struct oi_csv_field *f = &rec->fields[c];
			size_t i = (size_t)col_indicator[c];
			double v;

			if (!f->len)
				continue;
			if (input_read_score(err, csv, f, "indicator", fw->indicators[i].code, "97.60", &v))
				rc = -1;
			else if (oi_scoreset_has_data(ss, a, i))
				rc = input_fail_at(err, csv, f, "indicator %s of agency \"%s\" is also "
						   "computed from answers or verdicts; give one or the "
						   "other", fw->indicators[i].code, ag->data);
			else
				oi_scoreset_set_indicator(ss, a, i, v);
		}
		if (rc < 0)
			break;
	}
	strmap_release(&rows);
	return rc < 0 ? -1 : 0;
}
