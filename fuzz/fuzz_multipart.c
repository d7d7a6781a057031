/*
 * fuzz_multipart.c — libFuzzer driver for the multipart/form-data parser (src/web/form.c).
 *
 * The input's first line gives the Content-Type: used as it is when it contains "multipart/",
 * else taken as the boundary parameter ("multipart/form-data; boundary=" + line, so quoted and
 * odd boundaries are reached too). The rest of the input is the body. Any bytes must give a form
 * or a clean error, never a crash, a leak or a read past the body. On success every name is
 * acceptable text within the limits, every value is NUL-terminated with a length inside the
 * body, text parts are acceptable text, and form_get() finds the first field of each name. On
 * error the form is empty and the message is valid UTF-8.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "form.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Acceptable text: valid UTF-8 without C0 controls (other than those allowed), DEL or C1. */
static int is_text(const char *s, size_t len, const char *allowed)
{
	if (!utf8_valid(s, len))
		return 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (((c < 0x20 || c == 0x7F) && !(c && strchr(allowed, c))) ||
		    (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] < 0xA0))
			return 0;
	}
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data, *nl = memchr(in, '\n', size);
	size_t line = nl ? (size_t)(nl - in) : size, body_off = nl ? line + 1 : size;
	char first[256], content_type[320];
	struct arena a;
	struct form f;
	struct oi_error err;

	if (line >= sizeof first)
		return 0;
	memcpy(first, in, line);
	first[line] = '\0';   /* a NUL inside the line just shortens it */
	if (line && first[line - 1] == '\r')
		first[line - 1] = '\0';
	if (strstr(first, "multipart/"))
		snprintf(content_type, sizeof content_type, "%s", first);
	else
		snprintf(content_type, sizeof content_type, "multipart/form-data; boundary=%s",
			 first);

	arena_init(&a);
	if (form_parse_multipart(&a, content_type, in + body_off, size - body_off, &f, &err)) {
		assert(f.n == 0 && f.fields == NULL);
		assert(err.message[0] && utf8_valid(err.message, strlen(err.message)));
		arena_release(&a);
		return 0;
	}
	assert(f.n <= FORM_MAX_FIELDS);
	for (size_t i = 0; i < f.n; i++) {
		const struct form_field *x = &f.fields[i];

		assert(strlen(x->name) <= FORM_MAX_NAME && is_text(x->name, strlen(x->name), ""));
		assert(x->len <= size - body_off && x->value[x->len] == '\0');
		if (x->filename)
			assert(is_text(x->filename, strlen(x->filename), ""));
		else
			assert(is_text(x->value, x->len, "\t\r\n"));
		if (x->content_type)
			assert(is_text(x->content_type, strlen(x->content_type), ""));
		assert(form_field(&f, x->name) <= x);
		assert(form_get(&f, x->name, NULL) == form_field(&f, x->name)->value);
	}
	arena_release(&a);
	return 0;
}
