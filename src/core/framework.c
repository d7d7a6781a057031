/*
 * framework.c — using a loaded framework: opening by id or path, the built-in files, code
 * lookups, option scores, wording replacement and freeing. Loading itself is in
 * framework_load.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "framework_int.h"
#include "json_read.h"
#include "slurp.h"

#define FRAMEWORK_FILE_MAX (16u << 20)

void oi_framework_free(struct oi_framework *fw)
{
	struct oi_framework_private *p;

	if (!fw)
		return;
	p = fw->priv;
	if (p) {
		json_decref(p->root);
		arena_release(&p->arena);
		strmap_release(&p->all_codes);
		strmap_release(&p->instruments);
		strmap_release(&p->indicators);
		strmap_release(&p->subitems);
		strmap_release(&p->oit_items);
		free(p);
	}
	free(fw->questions);
	free(fw->subitems);
	free(fw->subindicators);
	free(fw->oit_items);
	free(fw);
}

int oi_framework_load_file(const char *path, struct oi_framework **out, struct oi_error *err)
{
	char *buf;
	size_t len;
	int rc;

	*out = NULL;
	if (slurp_file(path, FRAMEWORK_FILE_MAX, &buf, &len, err))
		return -1;
	rc = oi_framework_load_buffer(path, buf, len, out, err);
	free(buf);
	return rc;
}

const char *const *oi_builtin_framework_ids(void)
{
	static const char *ids[16];

	if (!ids[0])
		for (size_t i = 0; oi_builtin_files[i].id && i + 1 < 16; i++)
			ids[i] = oi_builtin_files[i].id;
	return ids;
}

const char *oi_builtin_framework_json(const char *id, size_t *len)
{
	for (size_t i = 0; oi_builtin_files[i].id; i++)
		if (!strcmp(oi_builtin_files[i].id, id)) {
			*len = oi_builtin_files[i].len;
			return oi_builtin_files[i].data;
		}
	return NULL;
}

int oi_framework_open(const char *name, struct oi_framework **out, struct oi_error *err)
{
	size_t n = strlen(name), len;
	const char *json;
	char list[256] = "";
	size_t used = 0;

	if (strchr(name, '/') || (n > 5 && !strcmp(name + n - 5, ".json")))
		return oi_framework_load_file(name, out, err);
	json = oi_builtin_framework_json(name, &len);
	if (json)
		return oi_framework_load_buffer(name, json, len, out, err);
	*out = NULL;
	for (size_t i = 0; oi_builtin_files[i].id && used < sizeof list - 64; i++)
		used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "",
					 oi_builtin_files[i].id);
	return oi_error_set(err, NULL, 0, 0,
			    "unknown framework \"%s\"; built in: %s (or give a path to a .json file)",
			    name, list);
}

static long find(const struct strmap *m, const char *code)
{
	return strmap_get(m, code, strlen(code));
}

long oi_framework_find_instrument(const struct oi_framework *fw, const char *code)
{
	return find(&fw->priv->instruments, code);
}

long oi_framework_find_indicator(const struct oi_framework *fw, const char *code)
{
	return find(&fw->priv->indicators, code);
}

long oi_framework_find_subitem(const struct oi_framework *fw, const char *code)
{
	return find(&fw->priv->subitems, code);
}

long oi_framework_find_oit_item(const struct oi_framework *fw, const char *code)
{
	return find(&fw->priv->oit_items, code);
}

double oi_subitem_score(const struct oi_framework *fw, size_t subitem, unsigned option)
{
	const struct oi_subitem *s = &fw->subitems[subitem];
	const struct oi_scale *scale = fw->questions[s->question].scale;
	size_t k = s->reverse ? scale->n_options - option : option - 1;

	return scale->options[k].score;
}

/* The text slot a wording file may replace for code, or NULL. */
static const char **wording_slot(struct oi_framework *fw, const char *code)
{
	long i = oi_framework_find_subitem(fw, code);

	if (i >= 0) {
		struct oi_subitem *s = &fw->subitems[i];
		struct oi_question *q = &fw->questions[s->question];

		return q->has_subitems ? &s->text_th : &q->text_th;
	}
	for (size_t k = 0; k < fw->n_questions; k++)
		if (!strcmp(fw->questions[k].code, code))
			return &fw->questions[k].text_th;
	i = oi_framework_find_oit_item(fw, code);
	if (i >= 0 && !fw->oit_items[i].unknown)
		return &fw->oit_items[i].title_th;
	return NULL;
}

int oi_framework_apply_wording_file(struct oi_framework *fw, const char *path,
				    struct oi_error *err)
{
	static const char *const keys[] = {"schema", "framework", "texts", NULL};
	struct json_reader r = {.name = path, .err = err};
	const char *schema, *target, *code;
	const char **slots[512];
	const char *texts[512];
	size_t n = 0;
	json_error_t jerr;
	json_t *root, *all, *v;
	char *buf, tpath[JR_PATH_MAX];
	size_t len;
	int rc = -1;

	if (slurp_file(path, FRAMEWORK_FILE_MAX, &buf, &len, err))
		return -1;
	root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
	free(buf);
	if (!root)
		return oi_error_set(err, path, (unsigned long)(jerr.line > 0 ? jerr.line : 1),
				    (unsigned long)(jerr.column > 0 ? jerr.column : 1),
				    "JSON syntax: %s", jerr.text);
	if (jr_object(&r, root, "$", keys) || jr_string(&r, root, "$", "schema", true, 100, &schema))
		goto out;
	if (strcmp(schema, "openita-wording/1")) {
		jr_fail(&r, "$", "schema", "expected \"openita-wording/1\", found \"%.60s\"", schema);
		goto out;
	}
	if (jr_string(&r, root, "$", "framework", true, 40, &target))
		goto out;
	if (strcmp(target, fw->id)) {
		jr_fail(&r, "$", "framework", "this file is for \"%s\", not \"%s\"", target, fw->id);
		goto out;
	}
	all = json_object_get(root, "texts");
	if (!json_is_object(all)) {
		jr_fail(&r, "$", "texts", "required, expected an object of code → text");
		goto out;
	}
	json_object_foreach(all, code, v) {
		const char *text;

		(void)v;
		if (n == sizeof texts / sizeof *texts) {
			jr_fail(&r, "$", "texts", "too many texts: at most %zu", n);
			goto out;
		}
		slots[n] = wording_slot(fw, code);
		if (!slots[n]) {
			jr_fail(&r, "$.texts", code, "no question, sub-item or item \"%.40s\" in %s",
				code, fw->id);
			goto out;
		}
		jr_path_key(tpath, "$", "texts");
		if (jr_string(&r, all, tpath, code, true, 4000, &text))
			goto out;
		texts[n++] = text;
	}
	for (size_t i = 0; i < n; i++)
		*slots[i] = arena_strdup(&fw->priv->arena, texts[i]);
	rc = 0;
out:
	json_decref(root);
	return rc;
}
