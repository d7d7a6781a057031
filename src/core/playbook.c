/*
 * playbook.c — JSON playbook file → validated struct oi_playbook (include/openita/playbook.h),
 * the built-in playbooks, and lookup by kind and code.
 *
 * The file is checked whole against the framework it names: the header first (schema, id,
 * framework_id equal to the framework's id, name), then every entry in file order — its keys,
 * its kind, its code (which must exist in the framework as an indicator, a survey question or
 * an OIT item), its texts and its steps — refusing a second entry for the same kind and code.
 * The first fault stops the load with the JSON path, as the framework loader does. Strings point
 * into the parsed JSON tree, which the playbook keeps; entries are indexed in a hash map keyed
 * by kind and code, so oi_playbook_find() is O(1).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "arena.h"
#include "builtin.h"
#include "json_read.h"
#include "openita/playbook.h"
#include "slurp.h"
#include "strmap.h"
#include "utf8.h"

#define PLAYBOOK_FILE_MAX (16u << 20)
#define TEXT_MAX 4000
#define ENTRIES_MAX 4096
#define STEPS_MAX 20
#define SCHEMA "openita-playbook/1"

struct oi_playbook_private {
	json_t *root;               /* the parsed file; entry strings point into it */
	struct arena arena;         /* steps arrays, index keys */
	struct strmap index;        /* "<kind letter><code>" → entry index */
};

static const char *const kind_names[] = {
	[OI_PLAYBOOK_INDICATOR] = "indicator",
	[OI_PLAYBOOK_QUESTION] = "question",
	[OI_PLAYBOOK_OIT_ITEM] = "oit_item",
};

/* The index key of kind and code: one letter for the kind, then the code. */
static size_t index_key(char *out, size_t size, enum oi_playbook_kind kind, const char *code)
{
	int n = snprintf(out, size, "%c%s", "iqo"[kind], code);

	return n < 0 ? 0 : (size_t)n < size ? (size_t)n : size - 1;
}

void oi_playbook_free(struct oi_playbook *pb)
{
	if (!pb)
		return;
	if (pb->priv) {
		json_decref(pb->priv->root);
		arena_release(&pb->priv->arena);
		strmap_release(&pb->priv->index);
		free(pb->priv);
	}
	free(pb->entries);
	free(pb);
}

static bool question_exists(const struct oi_framework *fw, const char *code)
{
	for (size_t i = 0; i < fw->n_questions; i++)
		if (!strcmp(fw->questions[i].code, code))
			return true;
	return false;
}

/* The code of an entry of kind must name such a thing in fw. */
static int check_code(struct json_reader *r, const struct oi_framework *fw, const char *path,
		      enum oi_playbook_kind kind, const char *code)
{
	switch (kind) {
	case OI_PLAYBOOK_INDICATOR:
		if (oi_framework_find_indicator(fw, code) < 0)
			return jr_fail(r, path, "code", "no indicator \"%s\" in %s", code, fw->id);
		break;
	case OI_PLAYBOOK_QUESTION:
		if (!question_exists(fw, code)) {
			if (oi_framework_find_subitem(fw, code) >= 0)
				return jr_fail(r, path, "code",
					       "\"%s\" is a sub-item; an entry is for a whole "
					       "question", code);
			return jr_fail(r, path, "code", "no survey question \"%s\" in %s", code,
				       fw->id);
		}
		break;
	case OI_PLAYBOOK_OIT_ITEM:
		if (oi_framework_find_oit_item(fw, code) < 0)
			return jr_fail(r, path, "code", "no OIT item \"%s\" in %s", code, fw->id);
		break;
	}
	return 0;
}

/* One element of a text array: what jr_string() asks of an object member. */
static int check_step(struct json_reader *r, const char *path, const json_t *v)
{
	const char *s;
	size_t len;

	if (!json_is_string(v) || !(len = json_string_length(v)))
		return jr_fail(r, path, NULL, "expected a non-empty string, found %s",
			       json_is_string(v) ? "an empty string" : jr_type_name(v));
	s = json_string_value(v);
	if (len > TEXT_MAX)
		return jr_fail(r, path, NULL, "too long: %zu bytes, at most %d", len, TEXT_MAX);
	if (strlen(s) != len || !utf8_valid(s, len))
		return jr_fail(r, path, NULL, "expected UTF-8 text without NUL bytes");
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 && s[i] != '\n')
			return jr_fail(r, path, NULL, "control character at byte %zu", i + 1);
	return 0;
}

static int load_steps(struct json_reader *r, struct oi_playbook *pb, const json_t *e,
		      const char *path, struct oi_playbook_entry *en)
{
	char apath[JR_PATH_MAX], ipath[JR_PATH_MAX];
	json_t *arr;

	if (jr_array(r, e, path, "steps_th", true, 1, STEPS_MAX, &arr))
		return -1;
	en->n_steps = json_array_size(arr);
	en->steps_th = arena_alloc(&pb->priv->arena, en->n_steps * sizeof *en->steps_th);
	jr_path_key(apath, path, "steps_th");
	for (size_t i = 0; i < en->n_steps; i++) {
		json_t *v = json_array_get(arr, i);

		jr_path_index(ipath, apath, i);
		if (check_step(r, ipath, v))
			return -1;
		en->steps_th[i] = json_string_value(v);
	}
	return 0;
}

static int load_entry(struct json_reader *r, struct oi_playbook *pb,
		      const struct oi_framework *fw, const json_t *e, size_t i)
{
	static const char *const keys[] = {"kind", "code", "measures_th", "finding_th",
					   "guideline_th", "steps_th", "unit_th", "followup_th",
					   NULL};
	struct oi_playbook_entry *en = &pb->entries[i];
	char path[JR_PATH_MAX], key[64];
	const char *kind;
	size_t klen;
	long prev;
	size_t k;

	jr_path_index(path, "$.entries", i);
	if (jr_object(r, e, path, keys) || jr_string(r, e, path, "kind", true, 20, &kind))
		return -1;
	for (k = 0; k < sizeof kind_names / sizeof *kind_names; k++)
		if (!strcmp(kind, kind_names[k]))
			break;
	if (k == sizeof kind_names / sizeof *kind_names)
		return jr_fail(r, path, "kind",
			       "expected \"indicator\", \"question\" or \"oit_item\", found \"%.40s\"",
			       kind);
	en->kind = (enum oi_playbook_kind)k;
	if (jr_code(r, e, path, "code", &en->code) ||
	    check_code(r, fw, path, en->kind, en->code))
		return -1;
	klen = index_key(key, sizeof key, en->kind, en->code);
	prev = strmap_put(&pb->priv->index, arena_strndup(&pb->priv->arena, key, klen), klen,
			  (long)i);
	if (prev != -1)
		return jr_fail(r, path, "code",
			       "a second entry for %s \"%s\" (the first is $.entries[%ld])",
			       kind_names[en->kind], en->code, prev);
	if (jr_string(r, e, path, "measures_th", en->kind == OI_PLAYBOOK_INDICATOR, TEXT_MAX,
		      &en->measures_th) ||
	    jr_string(r, e, path, "finding_th", true, TEXT_MAX, &en->finding_th) ||
	    jr_string(r, e, path, "guideline_th", true, TEXT_MAX, &en->guideline_th) ||
	    load_steps(r, pb, e, path, en) ||
	    jr_string(r, e, path, "unit_th", true, TEXT_MAX, &en->unit_th) ||
	    jr_string(r, e, path, "followup_th", false, TEXT_MAX, &en->followup_th))
		return -1;
	return 0;
}

static int load_header(struct json_reader *r, struct oi_playbook *pb,
		       const struct oi_framework *fw, const json_t *root)
{
	static const char *const keys[] = {"schema", "id", "framework_id", "name_th",
					   "provenance", "entries", NULL};
	const char *schema, *provenance;

	if (jr_object(r, root, "$", keys) || jr_string(r, root, "$", "schema", true, 100, &schema))
		return -1;
	if (strcmp(schema, SCHEMA))
		return jr_fail(r, "$", "schema", "expected \"" SCHEMA "\", found \"%.60s\"", schema);
	if (jr_code(r, root, "$", "id", &pb->id) ||
	    jr_code(r, root, "$", "framework_id", &pb->framework_id))
		return -1;
	if (strcmp(pb->framework_id, fw->id))
		return jr_fail(r, "$", "framework_id",
			       "this playbook is for framework \"%s\", not \"%s\"",
			       pb->framework_id, fw->id);
	return jr_string(r, root, "$", "name_th", true, TEXT_MAX, &pb->name_th) ||
	       jr_string(r, root, "$", "provenance", false, 20000, &provenance) ? -1 : 0;
}

int oi_playbook_load_buffer(const char *name, const char *json, size_t len,
			    const struct oi_framework *fw, struct oi_playbook **out,
			    struct oi_error *err)
{
	struct json_reader r = {.name = name, .err = err};
	struct oi_playbook *pb;
	json_error_t jerr;
	json_t *root, *entries;

	*out = NULL;
	if (!len)
		return oi_error_set(err, name, 0, 0, "the file is empty; expected a JSON playbook");
	root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root)
		return oi_error_set(err, name, (unsigned long)(jerr.line > 0 ? jerr.line : 1),
				    (unsigned long)(jerr.column > 0 ? jerr.column : 1),
				    "JSON syntax: %s", jerr.text);
	pb = xcalloc(1, sizeof *pb);
	pb->priv = xcalloc(1, sizeof *pb->priv);
	pb->priv->root = root;
	arena_init(&pb->priv->arena);
	strmap_init(&pb->priv->index);
	if (load_header(&r, pb, fw, root) ||
	    jr_array(&r, root, "$", "entries", true, 1, ENTRIES_MAX, &entries))
		goto fail;
	pb->n_entries = json_array_size(entries);
	pb->entries = xcalloc(pb->n_entries, sizeof *pb->entries);
	for (size_t i = 0; i < pb->n_entries; i++)
		if (load_entry(&r, pb, fw, json_array_get(entries, i), i))
			goto fail;
	*out = pb;
	return 0;
fail:
	oi_playbook_free(pb);
	return -1;
}

static bool is_path(const char *name)
{
	size_t n = strlen(name);

	return strchr(name, '/') || (n > 5 && !strcmp(name + n - 5, ".json"));
}

int oi_playbook_open(const char *path_or_null, const struct oi_framework *fw,
		     struct oi_playbook **out, struct oi_error *err)
{
	const char *id = path_or_null ? path_or_null : fw->id;
	char name[128];

	*out = NULL;
	if (path_or_null && is_path(path_or_null)) {
		char *buf;
		size_t len;
		int rc;

		if (slurp_file(path_or_null, PLAYBOOK_FILE_MAX, &buf, &len, err))
			return -1;
		rc = oi_playbook_load_buffer(path_or_null, buf, len, fw, out, err);
		free(buf);
		return rc;
	}
	for (size_t i = 0; oi_builtin_playbooks[i].id; i++)
		if (!strcmp(oi_builtin_playbooks[i].id, id)) {
			snprintf(name, sizeof name, "playbooks/%s.json (built in)", id);
			return oi_playbook_load_buffer(name, oi_builtin_playbooks[i].data,
						       oi_builtin_playbooks[i].len, fw, out, err);
		}
	if (!path_or_null)
		return oi_error_set(err, NULL, 0, 0,
				    "no built-in playbook for framework \"%s\"; give one with "
				    "--playbook FILE", fw->id);
	return oi_error_set(err, NULL, 0, 0,
			    "unknown playbook \"%s\": give a path to a .json file, or none for "
			    "the built-in playbook of the framework", path_or_null);
}

const struct oi_playbook_entry *oi_playbook_find(const struct oi_playbook *pb,
						 enum oi_playbook_kind kind, const char *code)
{
	char key[64];
	size_t klen;
	long i;

	if ((unsigned)kind >= sizeof kind_names / sizeof *kind_names || strlen(code) > 40)
		return NULL;
	klen = index_key(key, sizeof key, kind, code);
	i = strmap_get(&pb->priv->index, key, klen);
	return i < 0 ? NULL : &pb->entries[i];
}
