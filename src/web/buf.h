/*
 * buf.h — a growable byte buffer with a hard cap (after curl's dynbuf).
 *
 * Appends past the cap are refused whole: the buffer keeps what it held, sets `overflow`, refuses
 * every later append until it is reset, and the caller answers with an error instead of growing
 * without bound. The contents are thus always an exact prefix of what was written. Out of memory
 * aborts (arena.h policy).
 */
#ifndef OPENITA_WEB_BUF_H
#define OPENITA_WEB_BUF_H

#include <stdarg.h>
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
/* Empty the buffer (and clear `overflow`), keeping its memory. */
void buf_reset(struct buf *b);
/* Append len bytes / a NUL-terminated string / printf output. Return 0, or -1 on overflow. */
int buf_add(struct buf *b, const void *data, size_t len);
int buf_puts(struct buf *b, const char *s);
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* buf_printf() with a va_list (for wrappers such as html_fmt()); ap is used up. */
int buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Hand the contents to the caller (malloc'd, NUL-terminated, never NULL; *len its length, len
 * may be NULL); b is empty and keeps its max. */
char *buf_detach(struct buf *b, size_t *len);

#endif
