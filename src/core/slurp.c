/*
 * slurp.c — whole-file reading with a cap (see slurp.h).
 */
#include "slurp.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

int slurp_file(const char *path, size_t max, char **out, size_t *len, struct oi_error *err)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 65536, n = 0, got;
	char *buf;

	*out = NULL;
	*len = 0;
	if (!f)
		return oi_error_set(err, path, 0, 0, "cannot open: %s", strerror(errno));
	buf = xmalloc(cap + 1);
	while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n > max) {
			free(buf);
			fclose(f);
			return oi_error_set(err, path, 0, 0, "too large: more than %zu bytes", max);
		}
		if (n == cap) {
			cap *= 2;
			buf = xrealloc(buf, cap + 1);
		}
	}
	if (ferror(f)) {
		int e = errno;

		free(buf);
		fclose(f);
		return oi_error_set(err, path, 0, 0, "cannot read: %s", strerror(e));
	}
	fclose(f);
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}
