/*
 * framework_int.h — what a loaded framework keeps besides its public model: the JSON tree its
 * strings point into, an arena for everything else, and the code lookup tables. Private to
 * libopenita (framework_load.c fills it, framework.c reads and frees it).
 */
#ifndef OPENITA_FRAMEWORK_INT_H
#define OPENITA_FRAMEWORK_INT_H

#include <jansson.h>

#include "arena.h"
#include "openita/framework.h"
#include "strmap.h"

struct oi_framework_private {
	json_t *root;                 /* the parsed file; model strings point into it */
	struct arena arena;           /* index arrays, replaced wording */
	struct strmap all_codes;      /* every code, for uniqueness */
	struct strmap instruments, indicators, subitems, oit_items;
};

#endif
