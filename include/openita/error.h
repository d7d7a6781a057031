/*
 * error.h — the one error record of libopenita.
 *
 * Every library function that can fail returns an int status (0 on success, -1 on failure) and
 * fills a caller-supplied struct oi_error with a message a person can act on: which file, which
 * line and column (or JSON path), what was expected and what was found. Only the faces (cli/,
 * web/) turn an error into an exit status or an HTTP code.
 */
#ifndef OPENITA_ERROR_H
#define OPENITA_ERROR_H

#include <stddef.h>

#define OI_ERROR_FILE_MAX 512
#define OI_ERROR_MESSAGE_MAX 1024

struct oi_error {
	char file[OI_ERROR_FILE_MAX];        /* the input the fault is in; "" when none */
	unsigned long line;                  /* 1-based; 0 when not about a line */
	unsigned long column;                /* 1-based character column; 0 when none */
	char message[OI_ERROR_MESSAGE_MAX];  /* what was wrong, in plain words */
};

/*
 * Fill err (which may be NULL: then nothing is written) with a location and a printf-style
 * message, truncated to fit. Always returns -1, so that library code can write
 * `return oi_error_set(err, ...)`.
 */
int oi_error_set(struct oi_error *err, const char *file, unsigned long line,
		 unsigned long column, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Reset err to "no error". */
void oi_error_clear(struct oi_error *err);

/*
 * Write err as one line into buf (size bytes, always NUL-terminated):
 * "FILE:LINE:COLUMN: message", leaving out the parts that are empty or 0.
 * Returns buf.
 */
char *oi_error_format(const struct oi_error *err, char *buf, size_t size);

#endif
