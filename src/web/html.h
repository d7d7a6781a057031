/*
 * html.h — the only way pages write HTML (after kcgi's kcgihtml): template text goes in raw,
 * everything that came from a person or the database goes through an escaping call.
 *
 *   html_raw(b, "<p class=\"x\">");  html_text(b, agency->name);  html_raw(b, "</p>");
 *
 * html_fmt() is for numbers only: pass no %s of untrusted text to it.
 */
#ifndef OPENITA_WEB_HTML_H
#define OPENITA_WEB_HTML_H

#include "buf.h"

/* Append trusted template text as it is. */
void html_raw(struct buf *b, const char *s);
/* Append text escaped for element content (& < > " ' escaped, a NUL byte written as U+FFFD).
 * A NULL s appends nothing (so do NULL strings in html_raw/html_attr/html_urlencode). */
void html_text(struct buf *b, const char *s);
void html_textn(struct buf *b, const char *s, size_t len);
/* Append text escaped for a double-quoted attribute value (same escaping as html_text). */
void html_attr(struct buf *b, const char *s);
/* Append printf output of numbers and trusted constants. */
void html_fmt(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append s percent-encoded for a URL query value or path segment: RFC 3986 unreserved
 * characters (A-Z a-z 0-9 - . _ ~) stay, every other byte becomes %XX (space is %20). */
void html_urlencode(struct buf *b, const char *s);

#endif
