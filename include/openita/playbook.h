/*
 * playbook.h — what to do about a low score, held as data.
 *
 * A playbook file (format: docs/playbook.md; built-in `playbooks/ita-2565.json` and
 * `playbooks/ita-2568.json`, compiled into the program like the frameworks) gives, per indicator,
 * survey question and OIT item of one framework: what it measures, the typical finding when it is
 * low, a suggested guideline, concrete steps, a default responsible unit and a follow-up method —
 * in the project's own Thai, informed by the documents agencies write (shared/seeds). A
 * deployment replaces it with its own file (`--playbook FILE`). The loader validates the whole
 * file against the framework: every code must exist there, with errors naming the JSON path.
 */
#ifndef OPENITA_PLAYBOOK_H
#define OPENITA_PLAYBOOK_H

#include <stddef.h>

#include "openita/error.h"
#include "openita/framework.h"

enum oi_playbook_kind {
	OI_PLAYBOOK_INDICATOR,   /* code "1" … "10" */
	OI_PLAYBOOK_QUESTION,    /* code "i13", "e11" */
	OI_PLAYBOOK_OIT_ITEM,    /* code "O42" */
};

struct oi_playbook_entry {
	enum oi_playbook_kind kind;
	const char *code;
	const char *measures_th;     /* what it measures; may be NULL for questions/items */
	const char *finding_th;      /* the typical finding when it is low */
	const char *guideline_th;    /* suggested guideline (แนวทาง) */
	const char **steps_th;       /* concrete steps (วิธีการดำเนินการ), at least one */
	size_t n_steps;
	const char *unit_th;         /* default responsible unit (ผู้รับผิดชอบ) */
	const char *followup_th;     /* follow-up method (การติดตามผล); may be NULL */
};

struct oi_playbook {
	const char *id, *framework_id, *name_th;
	struct oi_playbook_entry *entries;   /* file order */
	size_t n_entries;
	struct oi_playbook_private *priv;
};

/*
 * Parse and validate a playbook for fw from len bytes of JSON (name is what errors call the
 * input). Its framework_id must be fw->id. On success *out owns everything; on failure *out is
 * NULL and err names the JSON path and what was expected.
 */
int oi_playbook_load_buffer(const char *name, const char *json, size_t len,
			    const struct oi_framework *fw, struct oi_playbook **out,
			    struct oi_error *err);

/*
 * A playbook named by the user: a file path (contains '/' or ends in ".json"), or NULL for the
 * built-in playbook of fw->id. A framework without a built-in playbook is an error saying so.
 */
int oi_playbook_open(const char *path_or_null, const struct oi_framework *fw,
		     struct oi_playbook **out, struct oi_error *err);

void oi_playbook_free(struct oi_playbook *pb);

/* The entry of a kind and code, or NULL. */
const struct oi_playbook_entry *oi_playbook_find(const struct oi_playbook *pb,
						 enum oi_playbook_kind kind, const char *code);

#endif
