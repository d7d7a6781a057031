/*
 * builtin.h — the framework files compiled into the program. The table itself is generated at
 * build time from the JSON files in frameworks/ by tools/embed.c. Private to libopenita.
 */
#ifndef OPENITA_BUILTIN_H
#define OPENITA_BUILTIN_H

#include <stddef.h>

struct oi_builtin_file {
	const char *id;      /* the file name without ".json" */
	const char *data;
	size_t len;
};

extern const struct oi_builtin_file oi_builtin_files[];   /* ends with {NULL, NULL, 0} */

#endif
