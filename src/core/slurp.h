/*
 * slurp.h — read a whole (small) file into memory with a size cap. Private to libopenita.
 */
#ifndef OPENITA_SLURP_H
#define OPENITA_SLURP_H

#include <stddef.h>

#include "openita/error.h"

/* Read path into a malloc'd, NUL-terminated buffer (*out, *len without the NUL). Fails with a
 * message naming the file when it cannot be opened or is larger than max bytes. The caller
 * frees *out. */
int slurp_file(const char *path, size_t max, char **out, size_t *len, struct oi_error *err);

#endif
