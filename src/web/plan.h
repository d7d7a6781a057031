/*
 * plan.h — what the plan workspace (the result sheet and the measures plan: result_page.c,
 * plan_page.c, plan_measures.c, plan_groups.c, plan_memo.c, admin_plans.c; their shared inside
 * is plan_pages_int.h) shares with the rest of the web layer: its route groups, and which years and
 * which framework the workspace works on, so every page that reads the result or the plan (the
 * documents, documents.c) reads the same ones.
 */
#ifndef OPENITA_WEB_PLAN_H
#define OPENITA_WEB_PLAN_H

#include "web.h"

struct plan_years {
	int plan_year;                   /* the fiscal year the measures run in (the current
					    assessment's) */
	int result_year;                 /* the assessed year the plan answers: plan_year - 1 */
	const struct oi_framework *fw;   /* of the result's year (owned by the app) */
};

/*
 * The years and framework of c->agency's workspace, as the plan pages use them: the plan runs in
 * the fiscal year of the current assessment and answers the result of the year before, read
 * under the framework of that year's assessment when the store has one, else the current one's.
 * Returns 0, or -1 after answering (409 when no assessment is open yet, 500 on a store fault).
 */
int plan_workspace_years(struct web_ctx *c, struct plan_years *out);

/* The workspace's route groups (one file each), listed in routes.c; each table ends with a
 * route whose pattern is NULL. */
extern const struct web_route web_routes_result[];        /* result_page.c: result sheet */
extern const struct web_route web_routes_plan[];          /* plan_page.c: the plan, draft */
extern const struct web_route web_routes_plan_measures[]; /* plan_measures.c: + progress */
extern const struct web_route web_routes_plan_groups[];   /* plan_groups.c: committees,
							     members, problems */
extern const struct web_route web_routes_plan_memo[];     /* plan_memo.c: the memo's fields */
extern const struct web_route web_routes_admin_plans[];   /* admin_plans.c: /admin/plans */

#endif
