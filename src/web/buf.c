/*
 * buf.c — the capped, growable byte buffer of the web layer (see buf.h).
 *
 * Policy on the cap: an append that would take len past max is refused whole, and from then on
 * every append is refused until buf_reset()/buf_release()/buf_detach(). So the contents are
 * always an exact prefix of what was written — never half an HTML entity or half a UTF-8
 * character, never a page with a hole in it — and `overflow` tells the caller to answer with an
 * error instead. Memory grows by doubling (cap counts the byte for the closing NUL, and never
 * exceeds max + 1); running out of memory aborts through xrealloc() (arena.h).
 */
#include "buf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

#define BUF_FIRST_CAP 256

void buf_init(struct buf *b, size_t max)
{
	b->data = NULL;
	b->len = b->cap = 0;
	b->max = max;
	b->overflow = false;
}

void buf_release(struct buf *b)
{
	free(b->data);
	buf_init(b, b->max);
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
	b->overflow = false;
}

/*
 * Make room for extra more bytes plus the NUL. Returns 0, or -1 (and sets overflow) when the
 * buffer has overflowed already or len + extra would pass max.
 */
static int buf_grow(struct buf *b, size_t extra)
{
	size_t need, cap;

	if (b->overflow || extra > b->max - b->len) {
		b->overflow = true;
		return -1;
	}
	need = b->len + extra + 1;   /* ≤ max + 1; cannot wrap unless max == SIZE_MAX */
	if (need == 0) {
		b->overflow = true;
		return -1;
	}
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : BUF_FIRST_CAP;
	while (cap < need && cap <= SIZE_MAX / 2)
		cap *= 2;
	if (cap < need)
		cap = need;
	if (cap > b->max + 1 && b->max + 1 != 0)   /* no point holding more than the cap */
		cap = b->max + 1;
	b->data = xrealloc(b->data, cap);
	if (!b->cap)
		b->data[0] = '\0';
	b->cap = cap;
	return 0;
}

int buf_add(struct buf *b, const void *data, size_t len)
{
	if (buf_grow(b, len))
		return -1;
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
	return 0;
}

int buf_puts(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

int buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list again;
	int n;

	va_copy(again, ap);
	n = vsnprintf(NULL, 0, fmt, again);   /* measure first: the output is refused whole */
	va_end(again);
	if (n < 0 || buf_grow(b, (size_t)n))
		return -1;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

char *buf_detach(struct buf *b, size_t *len)
{
	char *data = b->data;

	if (len)
		*len = b->len;
	if (!data) {
		data = xmalloc(1);
		data[0] = '\0';
	}
	buf_init(b, b->max);
	return data;
}
