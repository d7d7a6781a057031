/*
 * builtin.h — the data files compiled into the program: the frameworks (frameworks/, one file
 * per id) and the playbooks (playbooks/, one per framework). The tables themselves are generated
 * at build time by tools/embed.c. Private to libopenita.
 */
#ifndef OPENITA_BUILTIN_H
#define OPENITA_BUILTIN_H

#include <stddef.h>

struct oi_builtin_file {
	const char *id;      /* the file name without ".json" */
	const char *data;
	size_t len;
};

extern const struct oi_builtin_file oi_builtin_files[];       /* ends with {NULL, NULL, 0} */
extern const struct oi_builtin_file oi_builtin_playbooks[];   /* ends with {NULL, NULL, 0} */

#endif
