/*
 * frameworks.h — for the core tests that run on both built-in frameworks (test_analysis.c,
 * test_score_input.c): fw (ita-2565) and fw2568, loaded once for the whole group by
 * load_frameworks and freed by free_frameworks (the group's setup and teardown).
 */
#ifndef OPENITA_TEST_FRAMEWORKS_H
#define OPENITA_TEST_FRAMEWORKS_H

#include "testutil.h"

static struct oi_framework *fw;          /* ita-2565 */
static struct oi_framework *fw2568;

static int load_frameworks(void **state)
{
	(void)state;
	fw = load_builtin("ita-2565");
	fw2568 = load_builtin("ita-2568");
	return 0;
}

static int free_frameworks(void **state)
{
	(void)state;
	oi_framework_free(fw);
	oi_framework_free(fw2568);
	return 0;
}

#endif
