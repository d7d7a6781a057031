/*
 * plan_pages_int.h — what the plan pages' files share: the request's years and plan (struct
 * plan_ctx), the one shape of a plan page and of a plan form (plan_show, plan_change), reading
 * and checking form fields, and the form widgets and page pieces every page of the workspace
 * draws. Private to the plan pages: plan_common.c defines all of it; result_page.c,
 * plan_page.c, plan_measures.c, plan_groups.c and plan_memo.c use it (admin_plans.c needs
 * none of it). Other pages use plan.h.
 *
 * Every page reads the stored result or plan, and every form loads the whole plan, changes one
 * part, checks the input (a refused form is shown again with what was typed, the field named,
 * status 422, and nothing stored) and saves the whole plan in one transaction
 * (oi_store_plan_save), then records an audit entry and redirects (303) to the page it came
 * from. That shape is written once, in plan_change(); each form gives it a function that
 * changes the loaded plan (or refuses), and each page a function that shows it (plan_show()).
 *
 * Strings the functions return live in the request's arena (c->arena) unless said otherwise.
 */
#ifndef OPENITA_WEB_PLAN_PAGES_INT_H
#define OPENITA_WEB_PLAN_PAGES_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "openita/analysis.h"
#include "openita/plan.h"
#include "plan.h"
#include "web.h"

/* Who may read and who may write the plan pages (the routes' roles masks). */
#define READERS (WEB_ADMIN | WEB_AGENCY | WEB_VIEWER)
#define WRITERS (WEB_ADMIN | WEB_AGENCY)
/* The body caps of the forms: every plan form, and the result sheet (all indicators and OIT
 * items with their comments). */
#define FORM_BODY (64u << 10)
#define RESULT_BODY (512u << 10)

/* Character limits of the forms' fields (the store's own limit is 8 KiB of bytes). */
#define SHORT_MAX 200
#define TEXT_MAX 2000
#define STEPS_MAX (4 * TEXT_MAX)   /* the steps of a measure, one per line */

/* What a request works on: the assessment, its framework and the two years. */
struct plan_ctx {
	struct oi_assessment as;      /* the current one: the plan's year */
	const struct oi_framework *fw;   /* of the result's year */
	int result_year;              /* the assessed year the plan answers */
	int plan_year;                /* the year the measures run in */
	struct oi_plan *plan;         /* loaded, or NULL (freed by plan_ctx_release) */
	bool has_result_as;           /* the result year was assessed in this database: */
	struct oi_assessment result_as;   /* that assessment (its data give a computed result) */
	bool has_previous_as;         /* the year before it, assessed here on the same framework: */
	struct oi_assessment previous_as;
};

/* A refused form: the field to mark and the message (Thai). */
struct form_error {
	const char *field;
	const char *message;
};

/* ---- the request's context ---- */

/* A message made from trusted constants and numbers, in the request's arena. */
const char *plan_msgf(struct web_ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* "/agency/<code><suffix>" of c->agency in the arena, the code percent-encoded. */
const char *plan_agency_path(struct web_ctx *c, const char *suffix);

/* Redirect (303) to plan_agency_path(c, suffix). */
void plan_redirect(struct web_ctx *c, const char *suffix);

/*
 * Fill pc with the current assessment, the two years (plan.h) and the result year's framework
 * (that year's assessment's when the store has one, else the current one's); pc->plan NULL.
 * Returns 0, or -1 after answering (409 when no assessment is open, 500 on a store fault).
 */
int plan_ctx_init(struct web_ctx *c, struct plan_ctx *pc);

/* Free pc->plan (and set it NULL); pc itself is the caller's. */
void plan_ctx_release(struct plan_ctx *pc);

/* Load c->agency's plan of pc->plan_year into pc->plan: 0; 1 with a 404 page when there is
 * none; -1 with a 500 page when the store fails. */
int plan_ctx_load(struct web_ctx *c, struct plan_ctx *pc);

/* Save pc->plan and record the audit entry `action`: 0; on failure a 500 page and -1. */
int plan_ctx_save(struct web_ctx *c, struct plan_ctx *pc, const char *action);

/* The stored result of c->agency for pc->result_year under pc->fw (the caller frees it with
 * oi_agency_result_free). *rc: 0 found, 1 none (NULL returned), -1 with a 500 page
 * (result_page.c). */
struct oi_agency_result *plan_result_load(struct web_ctx *c, struct plan_ctx *pc, int *rc);

/* ---- numbered items of the path ---- */

/* A 1-based number parameter within 1..max: the 0-based index, or -1 (no page written). */
long plan_index_param(const char *s, size_t max);

/* The item numbered by c->params[k] (1-based, within 1..n) as a 0-based index; else a 404 page
 * with the message missing, and -1. */
long plan_item_param(struct web_ctx *c, int k, size_t n, const char *missing);

/* Remove element i of an array of *n elements of size bytes: the rest shift down (the plan's
 * arrays belong to its arena, so nothing is freed). */
void plan_remove_at(void *base, size_t *n, size_t i, size_t size);

/* ---- the shape of a page and of a form ---- */

/* A page of the plan: the loaded plan with the refused form's error, or fe NULL. */
typedef void (*plan_page_fn)(struct web_ctx *c, struct plan_ctx *pc, const struct form_error *fe);

/*
 * What a form does to the loaded plan, for plan_change(): change pc->plan and return where to
 * go next (a suffix of the agency's path); or answer itself (404 for an item not there, 422
 * with the form again) and return NULL, and nothing is stored.
 */
typedef const char *(*plan_change_fn)(struct web_ctx *c, struct plan_ctx *pc);

/* Load the plan (404 page when there is none, 500 when the store fails) and show page. */
void plan_show(struct web_ctx *c, plan_page_fn page);

/* Refuse a form: page again with what was typed and the error fe, status 422. */
void plan_refuse(struct web_ctx *c, struct plan_ctx *pc, plan_page_fn page,
		 const struct form_error *fe);

/* The shape of every form of the plan: load the plan (404 page when there is none, 500 when
 * the store fails); change it; save it with the audit entry action; redirect (303). */
void plan_change(struct web_ctx *c, const char *action, plan_change_fn change);

/* The route handlers of the plan's pages and forms: plan_show(c, page) and
 * plan_change(c, action, change), each a static function of the file that uses the macro. */
#define PLAN_PAGE(handler, page)                                                                  \
	static void handler(struct web_ctx *c)                                                    \
	{                                                                                         \
		plan_show(c, page);                                                               \
	}
#define PLAN_FORM(handler, action, change)                                                        \
	static void handler(struct web_ctx *c)                                                    \
	{                                                                                         \
		plan_change(c, action, change);                                                   \
	}

/* ---- reading fields ---- */

/* A text field: "" when absent; trimmed of surrounding spaces; longer than max characters, or
 * empty when required, fills fe (the first error only) with a message naming label. */
const char *plan_take_text(struct web_ctx *c, struct form_error *fe, const char *name,
			   const char *label, size_t max, bool required);

/* A date field: "" allowed unless required; otherwise a real date "YYYY-MM-DD" (Gregorian),
 * as <input type="date"> sends it; fe as plan_take_text(). */
const char *plan_take_date(struct web_ctx *c, struct form_error *fe, const char *name,
			   const char *label, bool required);

/* One text field of a form and the plan's string it fills. */
struct plan_field {
	const char *name, *label;   /* the form's name; the label its messages name */
	size_t max;                 /* characters (a date is 10) */
	bool required, date;        /* date: a real date "YYYY-MM-DD" (plan_take_date) */
	char **to;                  /* the string to set, or NULL when the caller uses the value */
};

/* Read n fields in order into values (plan_take_text or plan_take_date); fe gets the first
 * error. */
void plan_take_fields(struct web_ctx *c, struct form_error *fe, const struct plan_field *f,
		      size_t n, const char **values);

/* Set each field's string of p (those with a place) to its value (oi_plan_set). */
void plan_set_fields(struct oi_plan *p, const struct plan_field *f, size_t n,
		     const char **values);

/* "" (the whole agency) or one of the instruments IIT, EIT, OIT. */
bool plan_instrument_valid(const char *s);

/* The deletion was confirmed (the form's "confirm" checkbox); else a 409 page saying how, and
 * false. */
bool plan_delete_confirmed(struct web_ctx *c);

/* ---- page pieces (each writes to c->res->body, or to b) ---- */

/* The title with the crumbs: the agency's page, then crumb_suffix (a suffix of the agency's
 * path, NULL for none) named crumb_label; opens the page (page_begin). */
void plan_page_head(struct web_ctx *c, const char *title, const char *crumb_suffix,
		    const char *crumb_label);

/* The refused form's message, when fe has one: what is wrong and that nothing was stored. */
void plan_error_box(struct buf *b, const struct form_error *fe);

/* text as a status notice when the page was asked with ?saved. */
void plan_saved_notice(struct web_ctx *c, const char *text);

/* The attributes of an input named name: id, name, and the error marks when it is the one. */
void plan_field_attrs(struct buf *b, const char *name, const struct form_error *fe);

/* The <label> of the input named name. */
void plan_label_for(struct buf *b, const char *name, const char *label);

/* The value to show: what was typed when a refused form sent the field, else the stored one
 * (so the other forms of a page with several keep their stored values); never NULL. */
const char *plan_shown(struct web_ctx *c, bool typed, const char *name, const char *stored);

/* A labelled <input type="type"> with value; max characters (0: no maxlength). */
void plan_text_input(struct web_ctx *c, const char *name, const char *label, const char *value,
		     const struct form_error *fe, const char *type, size_t max);

/* A labelled <textarea> of rows rows and max characters, with a hint under the label (or
 * NULL). */
void plan_textarea_max(struct web_ctx *c, const char *name, const char *label,
		       const char *hint, const char *value, const struct form_error *fe, int rows,
		       size_t max);

/* plan_textarea_max() of TEXT_MAX characters. */
void plan_textarea(struct web_ctx *c, const char *name, const char *label, const char *hint,
		   const char *value, const struct form_error *fe, int rows);

/* A <select> of the instruments with selected chosen: whole_label for "" (the whole agency),
 * then IIT, EIT, OIT (what plan_instrument_valid() accepts). */
void plan_instrument_select(struct web_ctx *c, const char *name, const char *label,
			    const char *selected, const char *whole_label,
			    const struct form_error *fe);

/* A form of one button posting to the agency's action_suffix; cls its classes (or NULL). */
void plan_post_button(struct web_ctx *c, const char *action_suffix, const char *label,
		      const char *cls);

/* A delete form that asks to be confirmed: a checkbox "confirm" the handler requires
 * (plan_delete_confirmed; no script needed). id_suffix tells its checkbox from others on the
 * page. */
void plan_delete_form(struct web_ctx *c, const char *action_suffix, const char *id_suffix,
		      const char *what_th, const char *button_th);

/* A measure's progress status at a checkpoint, in Thai, coloured by how far it is. */
void plan_status_cell(struct buf *b, const struct oi_progress *g);

#endif
