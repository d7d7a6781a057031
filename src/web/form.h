/*
 * form.h — parsing what a browser sends: application/x-www-form-urlencoded bodies and query
 * strings, and multipart/form-data bodies (file uploads). Every parser of outside input here has
 * a fuzz driver in fuzz/.
 *
 * Parsed names and values live in the request's arena and are NUL-terminated; a value may hold
 * NUL bytes only in a multipart file part (its len says how long it is). Text values must be
 * valid UTF-8 without control characters other than tab, CR and LF: anything else is refused
 * with a message naming the field.
 */
#ifndef OPENITA_WEB_FORM_H
#define OPENITA_WEB_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "openita/error.h"

struct arena;

#define FORM_MAX_FIELDS 512        /* more fields than this is refused */
#define FORM_MAX_NAME 128          /* bytes of a field name */

struct form_field {
	const char *name;
	const char *value;
	size_t len;                /* bytes of value */
	const char *filename;      /* multipart file part: the client's file name; else NULL */
	const char *content_type;  /* multipart part's Content-Type, or NULL */
};

struct form {
	struct form_field *fields;
	size_t n;
};

/* Parse a=1&b=x+y%20z (a body or a query string). "" gives an empty form. */
int form_parse_urlencoded(struct arena *a, const char *s, size_t len, struct form *out,
			  struct oi_error *err);

/* Parse a multipart/form-data body; content_type is the request's Content-Type header (the
 * boundary is taken from it). File parts are not UTF-8 checked. */
int form_parse_multipart(struct arena *a, const char *content_type, const char *body,
			 size_t len, struct form *out, struct oi_error *err);

/* The value of the hexadecimal digit c (0-9, a-f, A-F) as 0..15, or -1 when it is not one:
 * for percent-decoding (%XX). */
int form_hex_digit(char c);

/* The first field called name, or NULL. *len (may be NULL) gets its length. */
const char *form_get(const struct form *f, const char *name, size_t *len);
/* The whole field (for file parts), or NULL. */
const struct form_field *form_field(const struct form *f, const char *name);

#endif
