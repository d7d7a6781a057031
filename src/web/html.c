/*
 * html.c — the escaping writer every page goes through (see html.h).
 *
 * Text and attribute values share one escaping: & < > " ' become entities, so the same call is
 * safe in element content and in a double- or single-quoted attribute. A NUL byte (which HTML
 * parsers turn into U+FFFD or drop) is written as U+FFFD, so what the browser shows is what we
 * meant. Output that passes the buffer's cap is refused by buf (its overflow flag says so); the
 * page writer checks the flag once at the end instead of after every call.
 */
#include "html.h"

#include <stdarg.h>
#include <string.h>

void html_raw(struct buf *b, const char *s)
{
	if (s)
		buf_puts(b, s);
}

/* The entity for c, or NULL when c goes out as it is. */
static const char *entity(unsigned char c)
{
	switch (c) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	case '\'': return "&#39;";
	case '\0': return "\xEF\xBF\xBD";   /* U+FFFD REPLACEMENT CHARACTER */
	default: return NULL;
	}
}

void html_textn(struct buf *b, const char *s, size_t len)
{
	size_t run = 0;   /* start of the bytes not written yet */

	if (!s)
		return;
	for (size_t i = 0; i < len; i++) {
		const char *e = entity((unsigned char)s[i]);

		if (!e)
			continue;
		buf_add(b, s + run, i - run);
		buf_puts(b, e);
		run = i + 1;
	}
	buf_add(b, s + run, len - run);
}

void html_text(struct buf *b, const char *s)
{
	if (s)
		html_textn(b, s, strlen(s));
}

void html_attr(struct buf *b, const char *s)
{
	html_text(b, s);
}

void html_fmt(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void html_urlencode(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t run = 0;

	if (!s)
		return;
	for (size_t i = 0; s[i]; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[3];

		/* RFC 3986 unreserved: ALPHA DIGIT - . _ ~ */
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~')
			continue;
		buf_add(b, s + run, i - run);
		esc[0] = '%';
		esc[1] = hex[c >> 4];
		esc[2] = hex[c & 15];
		buf_add(b, esc, 3);
		run = i + 1;
	}
	buf_add(b, s + run, strlen(s + run));
}
