/*
 * framework.h — the ITA method of one fiscal-year model, held as data.
 *
 * A framework is loaded from a JSON file (format: docs/framework.md) or from the copies built
 * into the program, validated completely on load, and then read-only: the structs below are the
 * model, readable by any layer, owned by the struct oi_framework that oi_framework_free() frees
 * at once. Code knows the kinds of rules (grade bands, rating rules, the sample rule); every
 * value comes from the file.
 *
 * Indexes: every array is in file order. Answer codes are the sub-items' codes; a question
 * without sub-items has one implicit sub-item carrying the question's own code, so scoring
 * never needs a special case.
 */
#ifndef OPENITA_FRAMEWORK_H
#define OPENITA_FRAMEWORK_H

#include <stdbool.h>
#include <stddef.h>

#include "openita/error.h"

#define OI_MAX_INSTRUMENTS 8
#define OI_MAX_INDICATORS 32
#define OI_MAX_OPTIONS 10

enum oi_instrument_kind {
	OI_SURVEY,     /* answered by respondents: IIT, EIT */
	OI_CHECKLIST,  /* items given pass or fail by assessors: OIT */
};

enum oi_wording {
	OI_WORDING_REFERENCE,    /* reproduced from the sources */
	OI_WORDING_PROJECT,      /* written by the openita project */
	OI_WORDING_PROVISIONAL,  /* carried over from an earlier model, unconfirmed */
};

struct oi_scale_option {
	const char *label_th;
	double score;                    /* 0..100 */
};

struct oi_scale {
	const char *code;
	const char *name_th;             /* may be NULL */
	size_t n_options;
	struct oi_scale_option options[OI_MAX_OPTIONS];
};

/* One answer code: a sub-item, or a question that has none. */
struct oi_subitem {
	const char *code;
	const char *text_th;             /* NULL for the implicit sub-item of a plain question */
	bool reverse;                    /* scores option k as option n+1-k */
	size_t question;                 /* index into oi_framework.questions */
	size_t instrument;               /* index into oi_framework.instruments */
};

struct oi_question {
	const char *code;
	const char *text_th;
	const struct oi_scale *scale;
	enum oi_wording wording;
	bool has_subitems;               /* false: one implicit sub-item with the question's code */
	size_t first_subitem, n_subitems;/* range in oi_framework.subitems */
	size_t indicator;                /* index into oi_framework.indicators */
	const char **notes_th;
	size_t n_notes;
};

struct oi_oit_item {
	const char *code;
	const char *title_th;            /* NULL when unknown */
	bool unknown;                    /* the method has the item; its title is not known */
	const char **elements_th;        /* required elements */
	size_t n_elements;
	size_t instrument;
	long subindicator;               /* index into oi_framework.subindicators; -1 if ungrouped */
};

struct oi_subindicator {
	const char *code;
	const char *name_th;
	size_t indicator;
	size_t *items;                   /* indexes into oi_framework.oit_items */
	size_t n_items;
};

struct oi_indicator {
	const char *code;                /* "1" … "10" */
	const char *name_th, *name_en, *measures_th;   /* name_en, measures_th may be NULL */
	double weight;                   /* share of the total, all weights sum to 100 */
	size_t instrument;
	size_t *questions;               /* survey: indexes into oi_framework.questions */
	size_t n_questions;
	size_t *subindicators;           /* checklist: indexes into oi_framework.subindicators */
	size_t n_subindicators;
};

struct oi_instrument {
	const char *code;                /* "IIT", "EIT", "OIT" */
	enum oi_instrument_kind kind;
	const char *name_th, *name_en, *respondents_th;
	double weight;                   /* sum of its indicators' weights */
	size_t *indicators;              /* indexes into oi_framework.indicators */
	size_t n_indicators;
	bool items_ungrouped;            /* checklist whose item grouping is unknown */
	/* survey: its answer codes are subitems[first_subitem .. +n_subitems) */
	size_t first_subitem, n_subitems;
	/* sampling rule (survey only) */
	bool has_sampling;
	unsigned sample_percent, sample_at_least;
	unsigned long sample_at_most;    /* 0 with sample_has_max false: no cap */
	bool sample_has_max;
	const char *population_th;
};

enum oi_result_kind { OI_GRADE_BANDS, OI_RATING };

struct oi_grade_band {
	const char *label;
	double min, max;
};

struct oi_rating_rule {
	const char *label, *label_en;
	double total_min;
	bool has_each_min;
	double each_instrument_min;
	double instrument_min[OI_MAX_INSTRUMENTS];   /* NaN: no condition on that instrument */
};

struct oi_framework {
	const char *id, *name_th, *name_en, *provenance;
	const int *fiscal_years_be;
	size_t n_fiscal_years;

	struct oi_scale *scales;               size_t n_scales;
	struct oi_instrument *instruments;     size_t n_instruments;
	struct oi_indicator *indicators;       size_t n_indicators;
	struct oi_question *questions;         size_t n_questions;
	struct oi_subitem *subitems;           size_t n_subitems;
	struct oi_subindicator *subindicators; size_t n_subindicators;
	struct oi_oit_item *oit_items;         size_t n_oit_items;

	enum oi_result_kind result_kind;
	unsigned result_decimals;
	struct oi_grade_band *bands;           size_t n_bands;     /* sorted by min, descending */
	struct oi_rating_rule *ratings;        size_t n_ratings;   /* in the order tried */
	bool has_pass_mark;
	double pass_mark;

	double strength_min;                   /* analysis: strength at or above */
	double target;                         /* analysis: instruments' target */

	struct oi_framework_private *priv;     /* memory and lookup tables */
};

/*
 * Parse and validate a framework from len bytes of JSON. name is what error messages call the
 * input (a path, or "ita-2565" for a built-in). On success *out owns everything and returns 0;
 * on failure nothing is allocated, *out is NULL and err says what was wrong: for a syntax error
 * the line and column, otherwise the JSON path ("$.instruments[0].indicators[1].weight") and
 * what was expected. The caller frees *out with oi_framework_free().
 */
int oi_framework_load_buffer(const char *name, const char *json, size_t len,
			     struct oi_framework **out, struct oi_error *err);

/* oi_framework_load_buffer() on the contents of the file at path (at most 16 MiB). */
int oi_framework_load_file(const char *path, struct oi_framework **out, struct oi_error *err);

/*
 * Load a framework named by the user: a built-in id ("ita-2565"), or a file path when the name
 * contains '/' or ends in ".json". An unknown id is an error listing the built-in ids.
 */
int oi_framework_open(const char *id_or_path, struct oi_framework **out, struct oi_error *err);

/* Free a framework and everything it owns; NULL is fine. */
void oi_framework_free(struct oi_framework *fw);

/*
 * Replace question, sub-item and OIT item wording from a wording file (docs/framework.md,
 * "Replacing question wording"). Every code must exist and the file's framework must match.
 * On failure the framework is unchanged.
 */
int oi_framework_apply_wording_file(struct oi_framework *fw, const char *path,
				    struct oi_error *err);

/* Lookups by code; return the index, or -1 when there is no such code. O(1). */
long oi_framework_find_instrument(const struct oi_framework *fw, const char *code);
long oi_framework_find_indicator(const struct oi_framework *fw, const char *code);
long oi_framework_find_subitem(const struct oi_framework *fw, const char *code);
long oi_framework_find_oit_item(const struct oi_framework *fw, const char *code);

/* Score, 0..100, of answer `option` (1-based) to a sub-item, reverse applied. option must be
 * within 1..n_options of its scale. */
double oi_subitem_score(const struct oi_framework *fw, size_t subitem, unsigned option);

/* The ids of the frameworks built into the program, NULL-terminated. */
const char *const *oi_builtin_framework_ids(void);

/* The JSON text of a built-in framework, or NULL; *len receives its length. */
const char *oi_builtin_framework_json(const char *id, size_t *len);

#endif
