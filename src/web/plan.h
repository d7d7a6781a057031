/*
 * plan.h — what the plan workspace (plan.c) shares with the other pages about one agency's plan:
 * which years and which framework the workspace works on, so every page that reads the result
 * or the plan (the documents, documents.c) reads the same ones.
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
 * The years and framework of c->agency's workspace, as plan.c's pages use them: the plan runs in
 * the fiscal year of the current assessment and answers the result of the year before, read
 * under the framework of that year's assessment when the store has one, else the current one's.
 * Returns 0, or -1 after answering (409 when no assessment is open yet, 500 on a store fault).
 */
int plan_workspace_years(struct web_ctx *c, struct plan_years *out);

#endif
