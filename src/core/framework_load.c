/*
 * framework_load.c — JSON framework file → validated struct oi_framework.
 *
 * One pass over the document in file order, section by section (scales, instruments with their
 * indicators, questions and items, result rule, sampling, analysis), checking every value as it
 * is read, then the whole-file rules (weights sum to 100, every OIT item grouped once, bands
 * cover 0–100). The first fault stops the load with the JSON path and what was expected.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "framework_int.h"
#include "json_read.h"

#define TEXT_MAX 4000

#define GROW(arr, n, cap)                                                   \
	do {                                                                \
		if ((n) == (cap)) {                                         \
			(cap) = (cap) ? 2 * (cap) : 16;                     \
			(arr) = xrealloc((arr), (cap) * sizeof *(arr));     \
		}                                                           \
		memset(&(arr)[(n)], 0, sizeof *(arr));                      \
	} while (0)

struct loader {
	struct json_reader r;
	struct oi_framework *fw;
	struct oi_framework_private *p;
	size_t cap_questions, cap_subitems, cap_subindicators, cap_items;
	size_t cap_indicators;
};

static int register_code(struct loader *L, const char *path, const char *key,
			 const char *code)
{
	if (strmap_put(&L->p->all_codes, code, strlen(code), 0) != -1)
		return jr_fail(&L->r, path, key,
			       "code \"%s\" is used twice; codes must be unique across the file",
			       code);
	return 0;
}

/* A score: a number 0..100 or an exact fraction "A/B". */
static int read_score(struct loader *L, const json_t *opt, const char *path, double *out)
{
	json_t *v = json_object_get(opt, "score");

	if (v && json_is_string(v)) {
		const char *s = json_string_value(v);
		char *end;
		long a, b;

		a = strtol(s, &end, 10);
		if (end == s || *end != '/' || s[0] == '-' || s[0] == '+' || s[0] == ' ')
			goto bad;
		s = end + 1;
		if (*s < '0' || *s > '9')
			goto bad;
		b = strtol(s, &end, 10);
		if (*end || b <= 0 || a < 0 || a > 100 * b)
			goto bad;
		*out = (double)a / (double)b;
		return 0;
bad:
		return jr_fail(&L->r, path, "score",
			       "expected a number from 0 to 100 or a fraction like \"100/3\", "
			       "found \"%.40s\"", json_string_value(v));
	}
	return jr_number(&L->r, opt, path, "score", true, 0, 100, out, NULL);
}

static int load_scales(struct loader *L, const json_t *root)
{
	static const char *const keys[] = {"code", "name_th", "options", NULL};
	static const char *const option_keys[] = {"label_th", "score", NULL};
	struct oi_framework *fw = L->fw;
	json_t *arr;
	char path[JR_PATH_MAX], opath[JR_PATH_MAX], oapath[JR_PATH_MAX];
	size_t i, j;

	if (jr_array(&L->r, root, "$", "scales", true, 1, 32, &arr))
		return -1;
	fw->n_scales = json_array_size(arr);
	fw->scales = arena_alloc(&L->p->arena, fw->n_scales * sizeof *fw->scales);
	for (i = 0; i < fw->n_scales; i++) {
		struct oi_scale *sc = &fw->scales[i];
		json_t *s = json_array_get(arr, i), *opts;

		jr_path_index(path, "$.scales", i);
		if (jr_object(&L->r, s, path, keys) || jr_code(&L->r, s, path, "code", &sc->code) ||
		    jr_string(&L->r, s, path, "name_th", false, TEXT_MAX, &sc->name_th) ||
		    jr_array(&L->r, s, path, "options", true, 2, OI_MAX_OPTIONS, &opts))
			return -1;
		for (j = 0; j < i; j++)
			if (!strcmp(fw->scales[j].code, sc->code))
				return jr_fail(&L->r, path, "code", "scale \"%s\" is defined twice",
					       sc->code);
		sc->n_options = json_array_size(opts);
		jr_path_key(oapath, path, "options");
		for (j = 0; j < sc->n_options; j++) {
			json_t *o = json_array_get(opts, j);

			jr_path_index(opath, oapath, j);
			if (jr_object(&L->r, o, opath, option_keys) ||
			    jr_string(&L->r, o, opath, "label_th", true, TEXT_MAX,
				      &sc->options[j].label_th) ||
			    read_score(L, o, opath, &sc->options[j].score))
				return -1;
		}
	}
	return 0;
}

static int read_wording(struct loader *L, const json_t *q, const char *path,
			enum oi_wording *out)
{
	const char *w;

	if (jr_string(&L->r, q, path, "wording", false, 20, &w))
		return -1;
	if (!w || !strcmp(w, "reference"))
		*out = OI_WORDING_REFERENCE;
	else if (!strcmp(w, "project"))
		*out = OI_WORDING_PROJECT;
	else if (!strcmp(w, "provisional"))
		*out = OI_WORDING_PROVISIONAL;
	else
		return jr_fail(&L->r, path, "wording",
			       "expected \"reference\", \"project\" or \"provisional\", found \"%s\"", w);
	return 0;
}

static int read_text_list(struct loader *L, const json_t *obj, const char *path,
			  const char *key, const char ***out, size_t *n)
{
	json_t *arr;
	char apath[JR_PATH_MAX];

	*out = NULL;
	*n = 0;
	if (jr_array(&L->r, obj, path, key, false, 0, 64, &arr))
		return -1;
	if (!arr)
		return 0;
	*n = json_array_size(arr);
	*out = arena_alloc(&L->p->arena, (*n ? *n : 1) * sizeof **out);
	jr_path_key(apath, path, key);
	for (size_t i = 0; i < *n; i++) {
		json_t *v = json_array_get(arr, i);
		size_t len;

		if (!json_is_string(v) || !(len = json_string_length(v)) || len > TEXT_MAX ||
		    strlen(json_string_value(v)) != len) {
			char ipath[JR_PATH_MAX];

			jr_path_index(ipath, apath, i);
			return jr_fail(&L->r, ipath, NULL, "expected a non-empty string, found %s",
				       jr_type_name(v));
		}
		(*out)[i] = json_string_value(v);
	}
	return 0;
}

static long find_scale(const struct oi_framework *fw, const char *code)
{
	for (size_t i = 0; i < fw->n_scales; i++)
		if (!strcmp(fw->scales[i].code, code))
			return (long)i;
	return -1;
}

static int add_subitem(struct loader *L, const char *path, const char *code,
		       const char *text, bool reverse, size_t question, size_t instrument)
{
	struct oi_framework *fw = L->fw;
	struct oi_subitem *s;

	GROW(fw->subitems, fw->n_subitems, L->cap_subitems);
	s = &fw->subitems[fw->n_subitems];
	s->code = code;
	s->text_th = text;
	s->reverse = reverse;
	s->question = question;
	s->instrument = instrument;
	if (strmap_put(&L->p->subitems, code, strlen(code), (long)fw->n_subitems) != -1)
		return jr_fail(&L->r, path, "code", "answer code \"%s\" is used twice", code);
	fw->n_subitems++;
	return 0;
}

static int load_question(struct loader *L, const json_t *q, const char *path, size_t indicator,
			 size_t instrument)
{
	static const char *const keys[] = {"code", "text_th", "scale", "wording", "notes_th",
					   "subitems", "reverse", NULL};
	static const char *const sub_keys[] = {"code", "text_th", "reverse", NULL};
	struct oi_framework *fw = L->fw;
	struct oi_question *qu;
	const char *scale_code;
	json_t *subs;
	long scale;
	bool reverse;
	size_t qi = fw->n_questions;

	GROW(fw->questions, fw->n_questions, L->cap_questions);
	qu = &fw->questions[qi];
	qu->indicator = indicator;
	if (jr_object(&L->r, q, path, keys) || jr_code(&L->r, q, path, "code", &qu->code) ||
	    register_code(L, path, "code", qu->code) ||
	    jr_string(&L->r, q, path, "text_th", true, TEXT_MAX, &qu->text_th) ||
	    jr_code(&L->r, q, path, "scale", &scale_code) ||
	    read_wording(L, q, path, &qu->wording) ||
	    read_text_list(L, q, path, "notes_th", &qu->notes_th, &qu->n_notes) ||
	    jr_array(&L->r, q, path, "subitems", false, 1, 20, &subs) ||
	    jr_bool(&L->r, q, path, "reverse", false, &reverse))
		return -1;
	scale = find_scale(fw, scale_code);
	if (scale < 0)
		return jr_fail(&L->r, path, "scale", "unknown scale \"%s\"; define it in $.scales",
			       scale_code);
	qu->scale = &fw->scales[scale];
	qu->first_subitem = fw->n_subitems;
	fw->n_questions++;
	if (!subs) {
		qu->n_subitems = 1;
		return add_subitem(L, path, qu->code, NULL, reverse, qi, instrument);
	}
	if (json_object_get(q, "reverse"))
		return jr_fail(&L->r, path, "reverse",
			       "a question with subitems carries \"reverse\" on each sub-item");
	qu->has_subitems = true;
	qu->n_subitems = json_array_size(subs);
	for (size_t i = 0; i < qu->n_subitems; i++) {
		json_t *s = json_array_get(subs, i);
		char spath[JR_PATH_MAX], sapath[JR_PATH_MAX];
		const char *code, *text;
		bool rev;

		jr_path_key(sapath, path, "subitems");
		jr_path_index(spath, sapath, i);
		if (jr_object(&L->r, s, spath, sub_keys) || jr_code(&L->r, s, spath, "code", &code) ||
		    register_code(L, spath, "code", code) ||
		    jr_string(&L->r, s, spath, "text_th", true, TEXT_MAX, &text) ||
		    jr_bool(&L->r, s, spath, "reverse", false, &rev) ||
		    add_subitem(L, spath, code, text, rev, qi, instrument))
			return -1;
	}
	return 0;
}

static int load_checklist_items(struct loader *L, const json_t *ins, const char *path,
				size_t instrument)
{
	static const char *const keys[] = {"code", "title_th", "status", "elements_th", NULL};
	struct oi_framework *fw = L->fw;
	json_t *arr;
	char apath[JR_PATH_MAX], ipath[JR_PATH_MAX];

	if (jr_array(&L->r, ins, path, "items", true, 1, 500, &arr))
		return -1;
	jr_path_key(apath, path, "items");
	for (size_t i = 0; i < json_array_size(arr); i++) {
		json_t *it = json_array_get(arr, i);
		struct oi_oit_item *item;
		const char *status;

		jr_path_index(ipath, apath, i);
		GROW(fw->oit_items, fw->n_oit_items, L->cap_items);
		item = &fw->oit_items[fw->n_oit_items];
		item->instrument = instrument;
		item->subindicator = -1;
		if (jr_object(&L->r, it, ipath, keys) ||
		    jr_code(&L->r, it, ipath, "code", &item->code) ||
		    register_code(L, ipath, "code", item->code) ||
		    jr_string(&L->r, it, ipath, "status", false, 20, &status) ||
		    jr_string(&L->r, it, ipath, "title_th", false, TEXT_MAX, &item->title_th) ||
		    read_text_list(L, it, ipath, "elements_th", &item->elements_th,
				   &item->n_elements))
			return -1;
		if (status && strcmp(status, "unknown"))
			return jr_fail(&L->r, ipath, "status",
				       "expected \"unknown\" (or no status), found \"%s\"", status);
		item->unknown = status != NULL;
		if (item->unknown && item->title_th)
			return jr_fail(&L->r, ipath, "title_th",
				       "an item of unknown status has no title; remove one of them");
		if (!item->unknown && !item->title_th)
			return jr_fail(&L->r, ipath, "title_th",
				       "required, expected a string (or \"status\": \"unknown\")");
		strmap_put(&L->p->oit_items, item->code, strlen(item->code),
			   (long)fw->n_oit_items);
		fw->n_oit_items++;
	}
	return 0;
}

static int load_subindicators(struct loader *L, const json_t *ind, const char *path,
			      size_t indicator)
{
	static const char *const keys[] = {"code", "name_th", "items", NULL};
	struct oi_framework *fw = L->fw;
	struct oi_indicator *in = &fw->indicators[indicator];
	json_t *arr;
	char apath[JR_PATH_MAX], spath[JR_PATH_MAX], ipath[JR_PATH_MAX], iapath[JR_PATH_MAX];

	if (jr_array(&L->r, ind, path, "subindicators", true, 1, 20, &arr))
		return -1;
	jr_path_key(apath, path, "subindicators");
	in->n_subindicators = json_array_size(arr);
	in->subindicators = arena_alloc(&L->p->arena, in->n_subindicators * sizeof(size_t));
	for (size_t i = 0; i < in->n_subindicators; i++) {
		json_t *s = json_array_get(arr, i), *items;
		struct oi_subindicator *sub;
		size_t si = fw->n_subindicators;

		jr_path_index(spath, apath, i);
		GROW(fw->subindicators, fw->n_subindicators, L->cap_subindicators);
		sub = &fw->subindicators[si];
		sub->indicator = indicator;
		if (jr_object(&L->r, s, spath, keys) || jr_code(&L->r, s, spath, "code", &sub->code) ||
		    register_code(L, spath, "code", sub->code) ||
		    jr_string(&L->r, s, spath, "name_th", true, TEXT_MAX, &sub->name_th) ||
		    jr_array(&L->r, s, spath, "items", true, 1, 200, &items))
			return -1;
		fw->n_subindicators++;
		in->subindicators[i] = si;
		sub->n_items = json_array_size(items);
		sub->items = arena_alloc(&L->p->arena, sub->n_items * sizeof(size_t));
		jr_path_key(iapath, spath, "items");
		for (size_t j = 0; j < sub->n_items; j++) {
			json_t *c = json_array_get(items, j);
			long item;

			jr_path_index(ipath, iapath, j);
			if (!json_is_string(c))
				return jr_fail(&L->r, ipath, NULL, "expected an item code, found %s",
					       jr_type_name(c));
			item = strmap_get(&L->p->oit_items, json_string_value(c),
					  json_string_length(c));
			if (item < 0 || fw->oit_items[item].instrument != in->instrument)
				return jr_fail(&L->r, ipath, NULL,
					       "\"%.40s\" is not an item of this instrument's \"items\"",
					       json_string_value(c));
			if (fw->oit_items[item].subindicator >= 0)
				return jr_fail(&L->r, ipath, NULL,
					       "item \"%s\" is already in sub-indicator \"%s\"; "
					       "an item belongs to exactly one",
					       fw->oit_items[item].code,
					       fw->subindicators[fw->oit_items[item].subindicator].code);
			fw->oit_items[item].subindicator = (long)si;
			sub->items[j] = (size_t)item;
		}
	}
	return 0;
}

static int load_indicator(struct loader *L, const json_t *ind, const char *path,
			  size_t instrument)
{
	static const char *const survey_keys[] = {"code", "name_th", "name_en", "measures_th",
						  "weight", "questions", NULL};
	static const char *const checklist_keys[] = {"code", "name_th", "name_en", "measures_th",
						     "weight", "subindicators", NULL};
	struct oi_framework *fw = L->fw;
	struct oi_instrument *ins = &fw->instruments[instrument];
	struct oi_indicator *in;
	size_t ii = fw->n_indicators;

	if (ii == OI_MAX_INDICATORS)
		return jr_fail(&L->r, path, NULL, "too many indicators: at most %d in all",
			       OI_MAX_INDICATORS);
	in = &fw->indicators[ii];
	in->instrument = instrument;
	if (jr_object(&L->r, ind, path, ins->kind == OI_SURVEY ? survey_keys : checklist_keys) ||
	    jr_code(&L->r, ind, path, "code", &in->code) ||
	    register_code(L, path, "code", in->code) ||
	    jr_string(&L->r, ind, path, "name_th", true, TEXT_MAX, &in->name_th) ||
	    jr_string(&L->r, ind, path, "name_en", false, TEXT_MAX, &in->name_en) ||
	    jr_string(&L->r, ind, path, "measures_th", false, TEXT_MAX, &in->measures_th) ||
	    jr_number(&L->r, ind, path, "weight", true, 0, 100, &in->weight, NULL))
		return -1;
	if (in->weight <= 0)
		return jr_fail(&L->r, path, "weight", "expected a number greater than 0, found 0");
	strmap_put(&L->p->indicators, in->code, strlen(in->code), (long)ii);
	fw->n_indicators++;
	ins->weight += in->weight;

	if (ins->kind == OI_SURVEY) {
		json_t *qs;
		char qapath[JR_PATH_MAX], qpath[JR_PATH_MAX];

		if (jr_array(&L->r, ind, path, "questions", true, 1, 200, &qs))
			return -1;
		jr_path_key(qapath, path, "questions");
		in->n_questions = json_array_size(qs);
		in->questions = arena_alloc(&L->p->arena, in->n_questions * sizeof(size_t));
		for (size_t i = 0; i < in->n_questions; i++) {
			jr_path_index(qpath, qapath, i);
			in->questions[i] = fw->n_questions;
			if (load_question(L, json_array_get(qs, i), qpath, ii, instrument))
				return -1;
		}
		return 0;
	}
	if (ins->items_ungrouped) {
		if (json_object_get(ind, "subindicators"))
			return jr_fail(&L->r, path, "subindicators",
				       "this instrument's item_grouping is \"unknown\", so its "
				       "indicators have no sub-indicators");
		return 0;
	}
	return load_subindicators(L, ind, path, ii);
}

static int load_instrument(struct loader *L, const json_t *ins_json, const char *path,
			   size_t index)
{
	static const char *const survey_keys[] = {"code", "kind", "name_th", "name_en",
						  "respondents_th", "indicators", NULL};
	static const char *const checklist_keys[] = {"code", "kind", "name_th", "name_en",
						     "respondents_th", "items", "item_grouping",
						     "indicators", NULL};
	struct oi_framework *fw = L->fw;
	struct oi_instrument *ins = &fw->instruments[index];
	const char *kind, *grouping;
	json_t *inds;
	char iapath[JR_PATH_MAX], ipath[JR_PATH_MAX];

	if (!json_is_object(ins_json))
		return jr_fail(&L->r, path, NULL, "expected an object, found %s",
			       jr_type_name(ins_json));
	if (jr_string(&L->r, ins_json, path, "kind", true, 20, &kind))
		return -1;
	if (!strcmp(kind, "survey"))
		ins->kind = OI_SURVEY;
	else if (!strcmp(kind, "checklist"))
		ins->kind = OI_CHECKLIST;
	else
		return jr_fail(&L->r, path, "kind", "expected \"survey\" or \"checklist\", found \"%s\"",
			       kind);
	if (jr_object(&L->r, ins_json, path, ins->kind == OI_SURVEY ? survey_keys : checklist_keys) ||
	    jr_code(&L->r, ins_json, path, "code", &ins->code) ||
	    register_code(L, path, "code", ins->code) ||
	    jr_string(&L->r, ins_json, path, "name_th", true, TEXT_MAX, &ins->name_th) ||
	    jr_string(&L->r, ins_json, path, "name_en", false, TEXT_MAX, &ins->name_en) ||
	    jr_string(&L->r, ins_json, path, "respondents_th", false, TEXT_MAX,
		      &ins->respondents_th))
		return -1;
	strmap_put(&L->p->instruments, ins->code, strlen(ins->code), (long)index);
	if (ins->kind == OI_CHECKLIST) {
		if (jr_string(&L->r, ins_json, path, "item_grouping", false, 20, &grouping))
			return -1;
		if (grouping && strcmp(grouping, "unknown"))
			return jr_fail(&L->r, path, "item_grouping",
				       "expected \"unknown\" (or no item_grouping), found \"%s\"",
				       grouping);
		ins->items_ungrouped = grouping != NULL;
		if (load_checklist_items(L, ins_json, path, index))
			return -1;
	}
	if (jr_array(&L->r, ins_json, path, "indicators", true, 1, OI_MAX_INDICATORS, &inds))
		return -1;
	jr_path_key(iapath, path, "indicators");
	ins->n_indicators = json_array_size(inds);
	ins->indicators = arena_alloc(&L->p->arena, ins->n_indicators * sizeof(size_t));
	ins->first_subitem = fw->n_subitems;
	for (size_t i = 0; i < ins->n_indicators; i++) {
		jr_path_index(ipath, iapath, i);
		ins->indicators[i] = fw->n_indicators;
		if (load_indicator(L, json_array_get(inds, i), ipath, index))
			return -1;
	}
	ins->n_subitems = fw->n_subitems - ins->first_subitem;
	if (ins->kind == OI_CHECKLIST && !ins->items_ungrouped) {
		for (size_t i = 0; i < fw->n_oit_items; i++)
			if (fw->oit_items[i].instrument == index && fw->oit_items[i].subindicator < 0)
				return jr_fail(&L->r, path, "items",
					       "item \"%s\" is in no sub-indicator; every item "
					       "belongs to exactly one", fw->oit_items[i].code);
	}
	return 0;
}

static int load_instruments(struct loader *L, const json_t *root)
{
	struct oi_framework *fw = L->fw;
	json_t *arr;
	char path[JR_PATH_MAX];
	double sum = 0;

	if (jr_array(&L->r, root, "$", "instruments", true, 1, OI_MAX_INSTRUMENTS, &arr))
		return -1;
	fw->n_instruments = json_array_size(arr);
	fw->instruments = arena_alloc(&L->p->arena, fw->n_instruments * sizeof *fw->instruments);
	fw->indicators = arena_alloc(&L->p->arena, OI_MAX_INDICATORS * sizeof *fw->indicators);
	for (size_t i = 0; i < fw->n_instruments; i++) {
		jr_path_index(path, "$.instruments", i);
		if (load_instrument(L, json_array_get(arr, i), path, i))
			return -1;
	}
	for (size_t i = 0; i < fw->n_indicators; i++)
		sum += fw->indicators[i].weight;
	if (fabs(sum - 100) > 1e-9)
		return oi_error_set(L->r.err, L->r.name, 0, 0,
				    "$.instruments: the indicator weights sum to %g; they must sum "
				    "to 100", sum);
	return 0;
}

static double round_to(double x, unsigned decimals)
{
	double f = pow(10, decimals);

	return round(x * f) / f;
}

static int cmp_band_desc(const void *a, const void *b)
{
	const struct oi_grade_band *x = a, *y = b;

	return x->min < y->min ? 1 : x->min > y->min ? -1 : 0;
}

static int load_bands(struct loader *L, const json_t *res)
{
	static const char *const keys[] = {"label", "min", "max", NULL};
	struct oi_framework *fw = L->fw;
	double step = pow(10, -(double)fw->result_decimals);
	json_t *arr;
	char path[JR_PATH_MAX];

	if (jr_array(&L->r, res, "$.result", "bands", true, 1, 20, &arr))
		return -1;
	fw->n_bands = json_array_size(arr);
	fw->bands = arena_alloc(&L->p->arena, fw->n_bands * sizeof *fw->bands);
	for (size_t i = 0; i < fw->n_bands; i++) {
		struct oi_grade_band *b = &fw->bands[i];
		json_t *v = json_array_get(arr, i);

		jr_path_index(path, "$.result.bands", i);
		if (jr_object(&L->r, v, path, keys) ||
		    jr_string(&L->r, v, path, "label", true, 100, &b->label) ||
		    jr_number(&L->r, v, path, "min", true, 0, 100, &b->min, NULL) ||
		    jr_number(&L->r, v, path, "max", true, 0, 100, &b->max, NULL))
			return -1;
		if (b->min > b->max)
			return jr_fail(&L->r, path, NULL, "min %g is above max %g", b->min, b->max);
		for (size_t j = 0; j < i; j++)
			if (!strcmp(fw->bands[j].label, b->label))
				return jr_fail(&L->r, path, "label", "grade \"%s\" is defined twice",
					       b->label);
	}
	qsort(fw->bands, fw->n_bands, sizeof *fw->bands, cmp_band_desc);
	if (fw->bands[0].max != 100)
		return jr_fail(&L->r, "$.result", "bands",
			       "the highest band (\"%s\") ends at %g; bands must reach 100",
			       fw->bands[0].label, fw->bands[0].max);
	if (fw->bands[fw->n_bands - 1].min != 0)
		return jr_fail(&L->r, "$.result", "bands",
			       "the lowest band (\"%s\") starts at %g; bands must start at 0",
			       fw->bands[fw->n_bands - 1].label, fw->bands[fw->n_bands - 1].min);
	for (size_t i = 0; i + 1 < fw->n_bands; i++) {
		const struct oi_grade_band *hi = &fw->bands[i], *lo = &fw->bands[i + 1];
		double gap = round_to(hi->min - lo->max, fw->result_decimals + 2);

		if (fabs(gap - step) > step / 100)
			return jr_fail(&L->r, "$.result", "bands",
				       "bands \"%s\" (from %g) and \"%s\" (to %g) %s; with %u "
				       "decimals the next band must start %g above the last",
				       hi->label, hi->min, lo->label, lo->max,
				       gap > step ? "leave a gap" : "overlap",
				       fw->result_decimals, step);
	}
	return 0;
}

static int load_ratings(struct loader *L, const json_t *res)
{
	static const char *const keys[] = {"label", "label_en", "total_min",
					   "each_instrument_min", "instrument_min", NULL};
	struct oi_framework *fw = L->fw;
	json_t *arr;
	char path[JR_PATH_MAX], ipath[JR_PATH_MAX];

	if (jr_array(&L->r, res, "$.result", "ratings", true, 1, 20, &arr))
		return -1;
	fw->n_ratings = json_array_size(arr);
	fw->ratings = arena_alloc(&L->p->arena, fw->n_ratings * sizeof *fw->ratings);
	for (size_t i = 0; i < fw->n_ratings; i++) {
		struct oi_rating_rule *rr = &fw->ratings[i];
		json_t *v = json_array_get(arr, i), *imin;
		const char *code;
		json_t *val;
		bool has_conditions;

		jr_path_index(path, "$.result.ratings", i);
		if (jr_object(&L->r, v, path, keys) ||
		    jr_string(&L->r, v, path, "label", true, 100, &rr->label) ||
		    jr_string(&L->r, v, path, "label_en", false, 100, &rr->label_en) ||
		    jr_number(&L->r, v, path, "total_min", true, 0, 100, &rr->total_min, NULL) ||
		    jr_number(&L->r, v, path, "each_instrument_min", false, 0, 100,
			      &rr->each_instrument_min, &rr->has_each_min))
			return -1;
		for (size_t k = 0; k < OI_MAX_INSTRUMENTS; k++)
			rr->instrument_min[k] = NAN;
		has_conditions = rr->has_each_min;
		imin = json_object_get(v, "instrument_min");
		if (imin && !json_is_object(imin))
			return jr_fail(&L->r, path, "instrument_min",
				       "expected an object of instrument code → minimum, found %s",
				       jr_type_name(imin));
		jr_path_key(ipath, path, "instrument_min");
		json_object_foreach(imin, code, val) {
			long ins = strmap_get(&L->p->instruments, code, strlen(code));

			if (ins < 0)
				return jr_fail(&L->r, ipath, code, "unknown instrument \"%.20s\"", code);
			if (jr_number(&L->r, imin, ipath, code, true, 0, 100,
				      &rr->instrument_min[ins], NULL))
				return -1;
			has_conditions = true;
		}
		if (i && rr->total_min > fw->ratings[i - 1].total_min)
			return jr_fail(&L->r, path, "total_min",
				       "%g is above the previous rule's %g; rules are tried in "
				       "order, so total_min must never rise", rr->total_min,
				       fw->ratings[i - 1].total_min);
		if (i + 1 == fw->n_ratings && (rr->total_min != 0 || has_conditions))
			return jr_fail(&L->r, path, NULL,
				       "the last rule must have total_min 0 and no instrument "
				       "condition, so that every total gets a result");
		for (size_t j = 0; j < i; j++)
			if (!strcmp(fw->ratings[j].label, rr->label))
				return jr_fail(&L->r, path, "label", "rating \"%s\" is defined twice",
					       rr->label);
	}
	return 0;
}

static int load_result(struct loader *L, const json_t *root)
{
	static const char *const keys[] = {"kind", "decimals", "bands", "ratings", "pass_mark",
					   NULL};
	struct oi_framework *fw = L->fw;
	json_t *res = json_object_get(root, "result");
	const char *kind;
	long decimals;

	if (!res)
		return jr_fail(&L->r, "$", "result", "required, expected an object");
	if (jr_object(&L->r, res, "$.result", keys) ||
	    jr_string(&L->r, res, "$.result", "kind", true, 20, &kind) ||
	    jr_integer(&L->r, res, "$.result", "decimals", true, 0, 4, &decimals, NULL) ||
	    jr_number(&L->r, res, "$.result", "pass_mark", false, 0, 100, &fw->pass_mark,
		      &fw->has_pass_mark))
		return -1;
	fw->result_decimals = (unsigned)decimals;
	if (!strcmp(kind, "grade_bands")) {
		fw->result_kind = OI_GRADE_BANDS;
		if (json_object_get(res, "ratings"))
			return jr_fail(&L->r, "$.result", "ratings",
				       "a grade_bands result has \"bands\", not \"ratings\"");
		return load_bands(L, res);
	}
	if (!strcmp(kind, "rating")) {
		fw->result_kind = OI_RATING;
		if (json_object_get(res, "bands"))
			return jr_fail(&L->r, "$.result", "bands",
				       "a rating result has \"ratings\", not \"bands\"");
		return load_ratings(L, res);
	}
	return jr_fail(&L->r, "$.result", "kind",
		       "expected \"grade_bands\" or \"rating\", found \"%s\"", kind);
}

static int load_sampling(struct loader *L, const json_t *root)
{
	static const char *const keys[] = {"percent", "at_least", "at_most", "population_th",
					   NULL};
	struct oi_framework *fw = L->fw;
	json_t *samp = json_object_get(root, "sampling"), *rule;
	const char *code;
	char path[JR_PATH_MAX];

	if (!samp || !json_is_object(samp))
		return jr_fail(&L->r, "$", "sampling", "required, expected an object of "
			       "survey instrument code → rule, found %s",
			       samp ? jr_type_name(samp) : "nothing");
	json_object_foreach(samp, code, rule) {
		long ins = strmap_get(&L->p->instruments, code, strlen(code));
		struct oi_instrument *in;
		long percent, at_least, at_most;
		bool has_max;

		jr_path_key(path, "$.sampling", code);
		if (ins < 0 || fw->instruments[ins].kind != OI_SURVEY)
			return jr_fail(&L->r, path, NULL, "\"%.20s\" is not a survey instrument", code);
		in = &fw->instruments[ins];
		if (jr_object(&L->r, rule, path, keys) ||
		    jr_integer(&L->r, rule, path, "percent", true, 1, 100, &percent, NULL) ||
		    jr_integer(&L->r, rule, path, "at_least", true, 0, 1000000, &at_least, NULL) ||
		    jr_integer(&L->r, rule, path, "at_most", false, 0, 100000000, &at_most,
			       &has_max) ||
		    jr_string(&L->r, rule, path, "population_th", false, TEXT_MAX,
			      &in->population_th))
			return -1;
		if (has_max && at_most < at_least)
			return jr_fail(&L->r, path, "at_most", "%ld is below at_least %ld", at_most,
				       at_least);
		in->has_sampling = true;
		in->sample_percent = (unsigned)percent;
		in->sample_at_least = (unsigned)at_least;
		in->sample_has_max = has_max;
		in->sample_at_most = has_max ? (unsigned long)at_most : 0;
	}
	for (size_t i = 0; i < fw->n_instruments; i++)
		if (fw->instruments[i].kind == OI_SURVEY && !fw->instruments[i].has_sampling)
			return jr_fail(&L->r, "$", "sampling",
				       "no rule for survey instrument \"%s\"", fw->instruments[i].code);
	return 0;
}

static int load_analysis(struct loader *L, const json_t *root)
{
	static const char *const keys[] = {"strength_min", "target", NULL};
	json_t *an = json_object_get(root, "analysis");

	if (!an)
		return jr_fail(&L->r, "$", "analysis", "required, expected an object");
	return jr_object(&L->r, an, "$.analysis", keys) ||
	       jr_number(&L->r, an, "$.analysis", "strength_min", true, 0, 100,
			 &L->fw->strength_min, NULL) ||
	       jr_number(&L->r, an, "$.analysis", "target", true, 0, 100, &L->fw->target, NULL)
		       ? -1 : 0;
}

static int load_header(struct loader *L, const json_t *root)
{
	static const char *const keys[] = {"schema", "id", "name_th", "name_en",
					   "fiscal_years_be", "provenance", "scales",
					   "instruments", "result", "sampling", "analysis", NULL};
	struct oi_framework *fw = L->fw;
	const char *schema;
	json_t *years;
	int *y;

	if (jr_object(&L->r, root, "$", keys) ||
	    jr_string(&L->r, root, "$", "schema", true, 100, &schema))
		return -1;
	if (strcmp(schema, "openita-framework/1"))
		return jr_fail(&L->r, "$", "schema",
			       "expected \"openita-framework/1\", found \"%.60s\"", schema);
	if (jr_code(&L->r, root, "$", "id", &fw->id) ||
	    jr_string(&L->r, root, "$", "name_th", true, TEXT_MAX, &fw->name_th) ||
	    jr_string(&L->r, root, "$", "name_en", false, TEXT_MAX, &fw->name_en) ||
	    jr_string(&L->r, root, "$", "provenance", false, 20000, &fw->provenance) ||
	    jr_array(&L->r, root, "$", "fiscal_years_be", true, 1, 20, &years))
		return -1;
	for (const char *c = fw->id; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-'))
			return jr_fail(&L->r, "$", "id",
				       "\"%s\": use lower-case letters, digits and '-'", fw->id);
	fw->n_fiscal_years = json_array_size(years);
	fw->fiscal_years_be = y = arena_alloc(&L->p->arena, fw->n_fiscal_years * sizeof(int));
	for (size_t i = 0; i < fw->n_fiscal_years; i++) {
		json_t *v = json_array_get(years, i);
		char path[JR_PATH_MAX];

		jr_path_index(path, "$.fiscal_years_be", i);
		if (!json_is_integer(v) || json_integer_value(v) < 2500 ||
		    json_integer_value(v) > 2700)
			return jr_fail(&L->r, path, NULL,
				       "expected a Buddhist Era year from 2500 to 2700");
		y[i] = (int)json_integer_value(v);
	}
	return 0;
}

int oi_framework_load_buffer(const char *name, const char *json, size_t len,
			     struct oi_framework **out, struct oi_error *err)
{
	struct loader L = {.r = {.name = name, .err = err}};
	json_error_t jerr;
	json_t *root;

	*out = NULL;
	if (!len)
		return oi_error_set(err, name, 0, 0, "the file is empty; expected a JSON framework");
	root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root)
		return oi_error_set(err, name, (unsigned long)(jerr.line > 0 ? jerr.line : 1),
				    (unsigned long)(jerr.column > 0 ? jerr.column : 1),
				    "JSON syntax: %s", jerr.text);
	L.fw = xcalloc(1, sizeof *L.fw);
	L.p = L.fw->priv = xcalloc(1, sizeof *L.p);
	L.p->root = root;
	arena_init(&L.p->arena);
	if (load_header(&L, root) || load_scales(&L, root) || load_instruments(&L, root) ||
	    load_result(&L, root) || load_sampling(&L, root) || load_analysis(&L, root)) {
		oi_framework_free(L.fw);
		return -1;
	}
	*out = L.fw;
	return 0;
}
