/*
 * buf.h — a growable byte buffer with a hard cap (after curl's dynbuf).
 *
 * Appends past the cap are refused: the buffer keeps what fits, sets `overflow`, and the caller
 * answers with an error instead of growing without bound. Out of memory aborts (arena.h policy).
 */
#ifndef OPENITA_WEB_BUF_H
#define OPENITA_WEB_BUF_H

#include <stdbool.h>
#include <stddef.h>

struct buf {
	char *data;        /* NUL-terminated when not NULL */
	size_t len, cap;
	size_t max;        /* hard cap on len */
	bool overflow;     /* an append was refused */
};

/* An empty buffer that will hold at most max bytes (no allocation yet). */
void buf_init(struct buf *b, size_t max);
/* Free the contents; the buffer is empty and usable again. */
void buf_release(struct buf *b);
/* Empty the buffer, keeping its memory. */
void buf_reset(struct buf *b);
/* Append len bytes / a NUL-terminated string / printf output. Return 0, or -1 on overflow. */
int buf_add(struct buf *b, const void *data, size_t len);
int buf_puts(struct buf *b, const char *s);
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hand the contents to the caller (malloc'd, NUL-terminated; *len its length); b is empty. */
char *buf_detach(struct buf *b, size_t *len);

#endif
