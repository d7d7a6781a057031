/*
 * fuzz_form.c — libFuzzer driver for the urlencoded form parser (src/web/form.c) and the capped
 * buffer (src/web/buf.c). Any bytes must give a form or a clean error, never a crash, a leak or
 * a read out of bounds. On success every name and value is NUL-terminated acceptable text
 * within the limits, form_get() finds the first field of each name, and encoding the form again
 * and parsing that gives the same fields. The encoding is also written into a buffer capped at
 * half its size, which must hold an exact prefix of it. On error the form is empty and the
 * message is valid UTF-8 (it is shown on a page).
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
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

/* Append s[0..len) percent-encoded (RFC 3986 unreserved bytes kept). */
static void encode(struct buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[3] = {'%', hex[c >> 4], hex[c & 15]};

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~')
			buf_add(b, &s[i], 1);
		else
			buf_add(b, esc, 3);
	}
}

/* The form written back as a urlencoded body. */
static void encode_form(struct buf *b, const struct form *f)
{
	for (size_t i = 0; i < f->n; i++) {
		if (i)
			buf_add(b, "&", 1);
		encode(b, f->fields[i].name, strlen(f->fields[i].name));
		buf_add(b, "=", 1);
		encode(b, f->fields[i].value, f->fields[i].len);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct form f, again;
	struct oi_error err;
	struct buf full, half;

	arena_init(&a);
	if (form_parse_urlencoded(&a, (const char *)data, size, &f, &err)) {
		assert(f.n == 0 && f.fields == NULL);
		assert(err.message[0] && utf8_valid(err.message, strlen(err.message)));
		arena_release(&a);
		return 0;
	}
	assert(f.n <= FORM_MAX_FIELDS);
	for (size_t i = 0; i < f.n; i++) {
		const struct form_field *x = &f.fields[i];
		size_t len;

		assert(strlen(x->name) <= FORM_MAX_NAME && is_text(x->name, strlen(x->name), ""));
		assert(x->len <= size && x->value[x->len] == '\0');
		assert(is_text(x->value, x->len, "\t\r\n"));
		assert(!x->filename && !x->content_type);
		assert(form_field(&f, x->name) <= x);
		assert(form_get(&f, x->name, &len) == form_field(&f, x->name)->value);
	}

	/* Round trip, and the cap keeps an exact prefix. */
	buf_init(&full, 3 * size + 16);
	encode_form(&full, &f);
	assert(!full.overflow);
	buf_init(&half, full.len / 2);
	encode_form(&half, &f);
	assert(half.len <= half.max);
	assert(!half.len || !memcmp(half.data, full.data, half.len));
	assert(half.overflow == (full.len > half.max));
	assert(!form_parse_urlencoded(&a, full.data ? full.data : "", full.len, &again, &err));
	assert(again.n == f.n);
	for (size_t i = 0; i < f.n; i++) {
		assert(!strcmp(again.fields[i].name, f.fields[i].name));
		assert(again.fields[i].len == f.fields[i].len);
		assert(!memcmp(again.fields[i].value, f.fields[i].value, f.fields[i].len));
	}
	buf_release(&full);
	buf_release(&half);
	arena_release(&a);
	return 0;
}
