/*
 * cli_util.c — error printing and small text-output helpers shared by the commands.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "openita/thai.h"

int cli_fail(const struct oi_error *err)
{
	char line[OI_ERROR_FILE_MAX + OI_ERROR_MESSAGE_MAX + 64];

	oi_error_format(err, line, sizeof line);
	if (err->file[0])
		fprintf(stderr, "%s\n", line);
	else
		fprintf(stderr, "openita: %s\n", line);
	return EXIT_BAD_INPUT;
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "openita %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n(see: openita help %s)\n", cmd);
	return EXIT_BAD_INPUT;
}

void cli_format_double(char *buf, size_t size, double x)
{
	for (int precision = 15; precision <= 17; precision++) {
		snprintf(buf, size, "%.*g", precision, x);
		if (strtod(buf, NULL) == x)
			return;
	}
}

void cli_put_padded(FILE *out, const char *s, size_t width)
{
	size_t w = oi_display_width(s);

	fputs(s, out);
	for (; w < width; w++)
		fputc(' ', out);
}

int cli_finish_output(void)
{
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "openita: cannot write the output: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}
