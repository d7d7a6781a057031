/*
 * plan_json.c — a measures plan to and from JSON (format: docs/plan.md).
 *
 * Reading checks the whole document as it builds the plan: every object's keys (an unknown key
 * is an error, so a misspelt field is caught instead of silently dropped), every string (UTF-8,
 * no control characters but newline, at most 8 KiB), dates (strict ISO, real calendar days, the
 * Common Era), enumerations, URLs, and the bounds of every array. The first fault stops the read
 * with the JSON path and what was expected, as the framework loader does.
 *
 * Writing emits every field in a fixed order, "" for empty strings, and a progress entry only
 * for a checkpoint that holds something, so that write → read → write gives the same bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "json_read.h"
#include "plan_int.h"
#include "utf8.h"

#define PLAN_INPUT_MAX (16u << 20)
#define MAX_MEASURES 500
#define MAX_STEPS 50
#define MAX_COMMITTEES 20
#define MAX_MEMBERS 100
#define MAX_PROBLEMS 200
#define TEXT_MAX 8192

struct plan_reader {
	struct json_reader r;
	struct oi_plan *plan;
};

static const char *const status_names[] = {"not_reported", "not_done", "in_progress", "done"};
static const char *const role_names[] = {"chair", "member", "secretary"};

/* ---- reading ---------------------------------------------------------------------------- */

/* v (at path) must be a string of at most TEXT_MAX bytes of text; "" only when allow_empty. */
static int text_value(struct plan_reader *R, const json_t *v, const char *path, bool allow_empty,
		      const char **out)
{
	const char *s;
	size_t len;

	if (!json_is_string(v))
		return jr_fail(&R->r, path, NULL, "expected a string, found %s", jr_type_name(v));
	s = json_string_value(v);
	len = json_string_length(v);
	if (!len && !allow_empty)
		return jr_fail(&R->r, path, NULL, "expected a non-empty string");
	if (len > TEXT_MAX)
		return jr_fail(&R->r, path, NULL, "too long: %zu bytes, at most %d", len, TEXT_MAX);
	if (strlen(s) != len || !utf8_valid(s, len))
		return jr_fail(&R->r, path, NULL, "expected UTF-8 text without NUL bytes");
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 && s[i] != '\n')
			return jr_fail(&R->r, path, NULL, "control character at byte %zu", i + 1);
	*out = s;
	return 0;
}

/* An optional text field: absent, null or "" → "". */
static int read_text(struct plan_reader *R, const json_t *obj, const char *path, const char *key,
		     char **field)
{
	json_t *v = json_object_get(obj, key);
	char where[JR_PATH_MAX];
	const char *s;

	if (!v || json_is_null(v)) {
		oi_plan_set(R->plan, field, "");
		return 0;
	}
	jr_path_key(where, path, key);
	if (text_value(R, v, where, true, &s))
		return -1;
	oi_plan_set(R->plan, field, s);
	return 0;
}

/* A year of four digits that is 2400 or later: a Buddhist Era date typed by mistake. */
static bool buddhist_era_date(const char *s)
{
	if (strlen(s) != 10 || s[4] != '-')
		return false;
	for (int i = 0; i < 4; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return strncmp(s, "2400", 4) >= 0;
}

/* An optional date: "" or a valid "YYYY-MM-DD". Absent: def (NULL → ""). */
static int read_date(struct plan_reader *R, const json_t *obj, const char *path, const char *key,
		     char **field, const char *def)
{
	json_t *v = json_object_get(obj, key);

	if (!v || json_is_null(v)) {
		oi_plan_set(R->plan, field, def);
		return 0;
	}
	if (read_text(R, obj, path, key, field))
		return -1;
	if (!**field || plan_date_valid(*field))
		return 0;
	if (buddhist_era_date(*field))
		return jr_fail(&R->r, path, key,
			       "\"%s\" has a Buddhist Era year; write dates in the Common Era "
			       "(the year minus 543)", *field);
	return jr_fail(&R->r, path, key, "expected a date YYYY-MM-DD, found \"%.40s\"", *field);
}

static int read_instrument(struct plan_reader *R, const json_t *obj, const char *path,
			   char **field)
{
	if (read_text(R, obj, path, "instrument", field))
		return -1;
	if (**field && strcmp(*field, "IIT") && strcmp(*field, "EIT") && strcmp(*field, "OIT"))
		return jr_fail(&R->r, path, "instrument",
			       "expected \"IIT\", \"EIT\", \"OIT\" or \"\", found \"%.40s\"", *field);
	return 0;
}

/* One of names[0..n) → its index. */
static int read_enum(struct plan_reader *R, const json_t *obj, const char *path, const char *key,
		     bool required, const char *const *names, size_t n, int def, int *out)
{
	const char *s;
	char list[200] = "";
	size_t used = 0;

	if (jr_string(&R->r, obj, path, key, required, 40, &s))
		return -1;
	*out = def;
	if (!s)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(s, names[i])) {
			*out = (int)i;
			return 0;
		}
	for (size_t i = 0; i < n; i++) {
		int w = snprintf(list + used, sizeof list - used, "%s\"%s\"",
				 i == 0 ? "" : i + 1 == n ? " or " : ", ", names[i]);

		if (w < 0 || (size_t)w >= sizeof list - used)
			break;
		used += (size_t)w;
	}
	return jr_fail(&R->r, path, key, "expected %s, found \"%s\"", list, s);
}

static bool url_ok(const char *s)
{
	size_t skip;

	if (!strncmp(s, "https://", 8))
		skip = 8;
	else if (!strncmp(s, "http://", 7))
		skip = 7;
	else
		return false;
	if (!s[skip])
		return false;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= ' ')
			return false;
	return true;
}

static int read_progress(struct plan_reader *R, struct oi_measure *m, const json_t *obj,
			 const char *mpath)
{
	static const char *const keys[] = {"checkpoint", "status", "done_th", "suggestion_th",
					   "remark_th", "evidence_url", "reported_on", NULL};
	json_t *arr;
	char apath[JR_PATH_MAX], path[JR_PATH_MAX];
	bool seen[OI_PLAN_CHECKPOINTS] = {false};

	if (jr_array(&R->r, obj, mpath, "progress", false, 0, OI_PLAN_CHECKPOINTS, &arr))
		return -1;
	if (!arr)
		return 0;
	jr_path_key(apath, mpath, "progress");
	for (size_t i = 0; i < json_array_size(arr); i++) {
		json_t *e = json_array_get(arr, i);
		struct oi_progress *p;
		long checkpoint;
		int cp, status;

		jr_path_index(path, apath, i);
		if (jr_object(&R->r, e, path, keys) ||
		    jr_integer(&R->r, e, path, "checkpoint", true, 1, 12, &checkpoint, NULL))
			return -1;
		if (checkpoint != 6 && checkpoint != 12)
			return jr_fail(&R->r, path, "checkpoint",
				       "expected 6 or 12 (months), found %ld", checkpoint);
		cp = checkpoint == 6 ? 0 : 1;
		if (seen[cp])
			return jr_fail(&R->r, path, "checkpoint",
				       "the %ld-month report is given twice", checkpoint);
		seen[cp] = true;
		p = &m->progress[cp];
		if (read_enum(R, e, path, "status", true, status_names, 4, 0, &status) ||
		    read_text(R, e, path, "done_th", &p->done_th) ||
		    read_text(R, e, path, "suggestion_th", &p->suggestion_th) ||
		    read_text(R, e, path, "remark_th", &p->remark_th) ||
		    read_text(R, e, path, "evidence_url", &p->evidence_url) ||
		    read_date(R, e, path, "reported_on", &p->reported_on, NULL))
			return -1;
		p->status = (enum oi_progress_status)status;
		if (*p->evidence_url && !url_ok(p->evidence_url))
			return jr_fail(&R->r, path, "evidence_url",
				       "expected an http:// or https:// address without spaces, "
				       "found \"%.60s\"", p->evidence_url);
	}
	return 0;
}

static int read_measure(struct plan_reader *R, const json_t *obj, const char *path)
{
	static const char *const keys[] = {"instrument", "source", "issue_th", "finding_th",
					   "guideline_th", "steps_th", "period_start",
					   "period_end", "unit_th", "followup_th", "progress",
					   NULL};
	struct oi_measure *m;
	json_t *steps;
	char start[11], end[11], spath[JR_PATH_MAX], ipath[JR_PATH_MAX];

	if (jr_object(&R->r, obj, path, keys))
		return -1;
	m = oi_plan_add_measure(R->plan);
	oi_fiscal_year_bounds(R->plan->fiscal_year_be, start, end);
	if (read_instrument(R, obj, path, &m->instrument) ||
	    read_text(R, obj, path, "source", &m->source) ||
	    read_text(R, obj, path, "issue_th", &m->issue_th) ||
	    read_text(R, obj, path, "finding_th", &m->finding_th) ||
	    read_text(R, obj, path, "guideline_th", &m->guideline_th) ||
	    jr_array(&R->r, obj, path, "steps_th", false, 0, MAX_STEPS, &steps))
		return -1;
	jr_path_key(spath, path, "steps_th");
	for (size_t i = 0; steps && i < json_array_size(steps); i++) {
		const char *s;

		jr_path_index(ipath, spath, i);
		if (text_value(R, json_array_get(steps, i), ipath, false, &s))
			return -1;
		oi_plan_measure_add_step(R->plan, m, s);
	}
	if (read_date(R, obj, path, "period_start", &m->period_start, start) ||
	    read_date(R, obj, path, "period_end", &m->period_end, end) ||
	    read_text(R, obj, path, "unit_th", &m->unit_th) ||
	    read_text(R, obj, path, "followup_th", &m->followup_th) ||
	    read_progress(R, m, obj, path))
		return -1;
	if (*m->period_start && *m->period_end && strcmp(m->period_start, m->period_end) > 0)
		return jr_fail(&R->r, path, "period_end", "the period ends (%s) before it starts (%s)",
			       m->period_end, m->period_start);
	return 0;
}

static int read_committee(struct plan_reader *R, const json_t *obj, const char *path)
{
	static const char *const keys[] = {"instrument", "name_th", "duties_th", "members", NULL};
	static const char *const member_keys[] = {"name_th", "position_th", "role", NULL};
	struct oi_committee *c;
	json_t *members;
	char mpath[JR_PATH_MAX], ipath[JR_PATH_MAX];

	if (jr_object(&R->r, obj, path, keys))
		return -1;
	c = oi_plan_add_committee(R->plan);
	if (read_instrument(R, obj, path, &c->instrument) ||
	    read_text(R, obj, path, "name_th", &c->name_th) ||
	    read_text(R, obj, path, "duties_th", &c->duties_th) ||
	    jr_array(&R->r, obj, path, "members", false, 0, MAX_MEMBERS, &members))
		return -1;
	jr_path_key(mpath, path, "members");
	for (size_t i = 0; members && i < json_array_size(members); i++) {
		json_t *e = json_array_get(members, i);
		struct oi_committee_member *mb;
		int role;

		jr_path_index(ipath, mpath, i);
		if (jr_object(&R->r, e, ipath, member_keys))
			return -1;
		mb = oi_plan_committee_add_member(R->plan, c);
		if (read_text(R, e, ipath, "name_th", &mb->name_th) ||
		    read_text(R, e, ipath, "position_th", &mb->position_th) ||
		    read_enum(R, e, ipath, "role", false, role_names, 3, OI_ROLE_MEMBER, &role))
			return -1;
		mb->role = (enum oi_committee_role)role;
	}
	return 0;
}

static int read_memo(struct plan_reader *R, const json_t *root)
{
	static const char *const keys[] = {"department_th", "reference_no", "date", "subject_th",
					   "to_th", "signer_name_th", "signer_position_th", NULL};
	struct oi_memo *mo = &R->plan->memo;
	json_t *obj = json_object_get(root, "memo");

	if (!obj || json_is_null(obj))
		return 0;
	return jr_object(&R->r, obj, "$.memo", keys) ||
	       read_text(R, obj, "$.memo", "department_th", &mo->department_th) ||
	       read_text(R, obj, "$.memo", "reference_no", &mo->reference_no) ||
	       read_date(R, obj, "$.memo", "date", &mo->date, NULL) ||
	       read_text(R, obj, "$.memo", "subject_th", &mo->subject_th) ||
	       read_text(R, obj, "$.memo", "to_th", &mo->to_th) ||
	       read_text(R, obj, "$.memo", "signer_name_th", &mo->signer_name_th) ||
	       read_text(R, obj, "$.memo", "signer_position_th", &mo->signer_position_th) ? -1 : 0;
}

static int read_plan(struct plan_reader *R, const json_t *root)
{
	static const char *const keys[] = {"framework_id", "agency_code", "agency_name_th",
					   "fiscal_year_be", "result_year_be", "prepared_by_th",
					   "prepared_position_th", "memo", "measures",
					   "committees", "problems_th", NULL};
	const char *framework_id, *agency_code;
	long fiscal_year, result_year;
	bool has_result_year;
	json_t *measures, *committees, *problems;
	char path[JR_PATH_MAX];

	if (jr_object(&R->r, root, "$", keys) ||
	    jr_code(&R->r, root, "$", "framework_id", &framework_id) ||
	    jr_code(&R->r, root, "$", "agency_code", &agency_code) ||
	    jr_integer(&R->r, root, "$", "fiscal_year_be", true, 2500, 2700, &fiscal_year, NULL) ||
	    jr_integer(&R->r, root, "$", "result_year_be", false, 0, 2700, &result_year,
		       &has_result_year))
		return -1;
	if (has_result_year && result_year && result_year < 2500)
		return jr_fail(&R->r, "$", "result_year_be",
			       "expected 0 (not known) or a year from 2500 to 2700, found %ld",
			       result_year);
	R->plan = oi_plan_new(framework_id, agency_code, (int)fiscal_year);
	if (has_result_year)
		R->plan->result_year_be = (int)result_year;
	if (read_text(R, root, "$", "agency_name_th", &R->plan->agency_name_th) ||
	    read_text(R, root, "$", "prepared_by_th", &R->plan->prepared_by_th) ||
	    read_text(R, root, "$", "prepared_position_th", &R->plan->prepared_position_th) ||
	    read_memo(R, root) ||
	    jr_array(&R->r, root, "$", "measures", false, 0, MAX_MEASURES, &measures) ||
	    jr_array(&R->r, root, "$", "committees", false, 0, MAX_COMMITTEES, &committees) ||
	    jr_array(&R->r, root, "$", "problems_th", false, 0, MAX_PROBLEMS, &problems))
		return -1;
	for (size_t i = 0; measures && i < json_array_size(measures); i++) {
		jr_path_index(path, "$.measures", i);
		if (read_measure(R, json_array_get(measures, i), path))
			return -1;
	}
	for (size_t i = 0; committees && i < json_array_size(committees); i++) {
		jr_path_index(path, "$.committees", i);
		if (read_committee(R, json_array_get(committees, i), path))
			return -1;
	}
	for (size_t i = 0; problems && i < json_array_size(problems); i++) {
		const char *s;

		jr_path_index(path, "$.problems_th", i);
		if (text_value(R, json_array_get(problems, i), path, false, &s))
			return -1;
		oi_plan_add_problem(R->plan, s);
	}
	return 0;
}

int oi_plan_read_json(const char *name, const char *json, size_t len, struct oi_plan **out,
		      struct oi_error *err)
{
	struct plan_reader R = {.r = {.name = name, .err = err}};
	json_error_t jerr;
	json_t *root;
	int rc;

	*out = NULL;
	if (!len)
		return oi_error_set(err, name, 0, 0, "the file is empty; expected a JSON plan");
	if (len > PLAN_INPUT_MAX)
		return oi_error_set(err, name, 0, 0, "too large: %zu bytes, at most %u", len,
				    PLAN_INPUT_MAX);
	root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root)
		return oi_error_set(err, name, (unsigned long)(jerr.line > 0 ? jerr.line : 1),
				    (unsigned long)(jerr.column > 0 ? jerr.column : 1),
				    "JSON syntax: %s", jerr.text);
	rc = read_plan(&R, root);
	json_decref(root);
	if (rc) {
		oi_plan_free(R.plan);
		return -1;
	}
	*out = R.plan;
	return 0;
}

/* ---- writing ---------------------------------------------------------------------------- */

/* A string member; false when s is not valid UTF-8 (jansson refuses it). */
static bool put(json_t *obj, const char *key, const char *s)
{
	json_t *v = json_string(s ? s : "");

	return v && !json_object_set_new(obj, key, v);
}

static bool progress_blank(const struct oi_progress *p)
{
	return p->status == OI_PROGRESS_NOT_REPORTED && !*p->done_th && !*p->suggestion_th &&
	       !*p->remark_th && !*p->evidence_url && !*p->reported_on;
}

static json_t *string_array(char **items, size_t n, bool *ok)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < n; i++) {
		json_t *v = json_string(items[i]);

		if (!v || json_array_append_new(arr, v))
			*ok = false;
	}
	return arr;
}

static json_t *measure_json(const struct oi_measure *m, bool *ok)
{
	json_t *o = json_object(), *progress = json_array();

	*ok &= put(o, "instrument", m->instrument) && put(o, "source", m->source) &&
	       put(o, "issue_th", m->issue_th) && put(o, "finding_th", m->finding_th) &&
	       put(o, "guideline_th", m->guideline_th);
	json_object_set_new(o, "steps_th", string_array(m->steps_th, m->n_steps, ok));
	*ok &= put(o, "period_start", m->period_start) && put(o, "period_end", m->period_end) &&
	       put(o, "unit_th", m->unit_th) && put(o, "followup_th", m->followup_th);
	for (int i = 0; i < OI_PLAN_CHECKPOINTS; i++) {
		const struct oi_progress *p = &m->progress[i];
		json_t *e;

		if (progress_blank(p))
			continue;
		e = json_object();
		json_object_set_new(e, "checkpoint", json_integer(i == 0 ? 6 : 12));
		*ok &= (unsigned)p->status < 4 &&
		       put(e, "status", status_names[(unsigned)p->status < 4 ? p->status : 0]) &&
		       put(e, "done_th", p->done_th) && put(e, "suggestion_th", p->suggestion_th) &&
		       put(e, "remark_th", p->remark_th) && put(e, "evidence_url", p->evidence_url) &&
		       put(e, "reported_on", p->reported_on);
		json_array_append_new(progress, e);
	}
	json_object_set_new(o, "progress", progress);
	return o;
}

static json_t *committee_json(const struct oi_committee *c, bool *ok)
{
	json_t *o = json_object(), *members = json_array();

	*ok &= put(o, "instrument", c->instrument) && put(o, "name_th", c->name_th) &&
	       put(o, "duties_th", c->duties_th);
	for (size_t i = 0; i < c->n_members; i++) {
		const struct oi_committee_member *mb = &c->members[i];
		json_t *e = json_object();

		*ok &= (unsigned)mb->role < 3 && put(e, "name_th", mb->name_th) &&
		       put(e, "position_th", mb->position_th) &&
		       put(e, "role", role_names[(unsigned)mb->role < 3 ? mb->role : 1]);
		json_array_append_new(members, e);
	}
	json_object_set_new(o, "members", members);
	return o;
}

char *oi_plan_to_json(const struct oi_plan *plan)
{
	json_t *root = json_object(), *memo = json_object(), *arr;
	const struct oi_memo *mo = &plan->memo;
	bool ok = true;
	char *text;

	ok &= put(root, "framework_id", plan->framework_id) &&
	      put(root, "agency_code", plan->agency_code) &&
	      put(root, "agency_name_th", plan->agency_name_th);
	json_object_set_new(root, "fiscal_year_be", json_integer(plan->fiscal_year_be));
	json_object_set_new(root, "result_year_be", json_integer(plan->result_year_be));
	ok &= put(root, "prepared_by_th", plan->prepared_by_th) &&
	      put(root, "prepared_position_th", plan->prepared_position_th);
	ok &= put(memo, "department_th", mo->department_th) &&
	      put(memo, "reference_no", mo->reference_no) && put(memo, "date", mo->date) &&
	      put(memo, "subject_th", mo->subject_th) && put(memo, "to_th", mo->to_th) &&
	      put(memo, "signer_name_th", mo->signer_name_th) &&
	      put(memo, "signer_position_th", mo->signer_position_th);
	json_object_set_new(root, "memo", memo);
	arr = json_array();
	for (size_t i = 0; i < plan->n_measures; i++)
		json_array_append_new(arr, measure_json(&plan->measures[i], &ok));
	json_object_set_new(root, "measures", arr);
	arr = json_array();
	for (size_t i = 0; i < plan->n_committees; i++)
		json_array_append_new(arr, committee_json(&plan->committees[i], &ok));
	json_object_set_new(root, "committees", arr);
	json_object_set_new(root, "problems_th",
			    string_array(plan->problems_th, plan->n_problems, &ok));
	text = ok ? json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
	json_decref(root);
	return text;
}
