/*
 * plan_int.h — what the plan's files (plan.c, plan_json.c, plan_draft.c) share: the plan's
 * arena and the strict ISO date check. Private to libopenita.
 */
#ifndef OPENITA_PLAN_INT_H
#define OPENITA_PLAN_INT_H

#include <stdbool.h>

#include "arena.h"
#include "openita/plan.h"

struct oi_plan_private {
	struct arena arena;      /* every string and array of the plan */
	char *empty;             /* the plan's own "" */
};

/* True when s is exactly "YYYY-MM-DD", a real calendar date (leap years by the Gregorian
 * rule), with the year in 1900–2399 — later years are Buddhist Era years typed by mistake. */
bool plan_date_valid(const char *s);

/* The first year plan_date_valid() refuses as too late. */
#define PLAN_DATE_YEAR_MAX 2399
#define PLAN_DATE_YEAR_MIN 1900

#endif
