/*
 * demo.h — the demo year `openita serve --demo` creates in a fresh database (demo.c).
 */
#ifndef OPENITA_CLI_DEMO_H
#define OPENITA_CLI_DEMO_H

#include <stdio.h>
#include <time.h>

#include "openita/store.h"

/*
 * Fill an empty database (no users) with a living demo: a fiscal year on ita-2565 whose survey
 * window is open at `now`, a handful of agencies, one user per role with a random password, and
 * a realistic spread of IIT/EIT responses over the past weeks. Writes the accounts and their
 * passwords to out (a table a newcomer can copy from). Fails, changing nothing, when the
 * database already has users.
 */
int demo_seed(struct oi_store *st, time_t now, FILE *out, struct oi_error *err);

struct oi_framework;
/* The demo's OIT cycle (demo_oit.c): D01's submissions and first reviews, D02's drafts, the
 * assessor assigned to both. The demo's users must exist. */
int demo_oit(struct oi_store *st, const struct oi_framework *fw, long assessment_id,
	     const struct oi_agency *d01, const struct oi_agency *d02, struct oi_error *err);

/* The demo's previous fiscal year (demo_previous.c): an assessment a year before `current`
 * in which D01 has its minimum IIT and EIT samples and every OIT item confirmed (O9, O17
 * failed with comments), so its workspace can compute last year's result from the database.
 * The demo's users must exist. */
int demo_previous_year(struct oi_store *st, const struct oi_framework *fw,
		       const struct oi_assessment *current, const struct oi_agency *d01,
		       struct oi_error *err);

#endif
