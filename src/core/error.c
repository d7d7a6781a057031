/*
 * error.c — filling and formatting struct oi_error (see include/openita/error.h).
 */
#include "openita/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int oi_error_set(struct oi_error *err, const char *file, unsigned long line,
		 unsigned long column, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return -1;
	snprintf(err->file, sizeof err->file, "%s", file ? file : "");
	err->line = line;
	err->column = column;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
	return -1;
}

void oi_error_clear(struct oi_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
}

char *oi_error_format(const struct oi_error *err, char *buf, size_t size)
{
	if (!size)
		return buf;
	if (!err->file[0])
		snprintf(buf, size, "%s", err->message);
	else if (!err->line)
		snprintf(buf, size, "%s: %s", err->file, err->message);
	else if (!err->column)
		snprintf(buf, size, "%s:%lu: %s", err->file, err->line, err->message);
	else
		snprintf(buf, size, "%s:%lu:%lu: %s", err->file, err->line, err->column,
			 err->message);
	return buf;
}
