/*
 * content_type.c — Content-Type header values to media types and document kinds
 * (content_type.h). The kinds are what an OIT item may reasonably point at: a web page, a PDF,
 * an image, an office document or text.
 */
#include <stdbool.h>
#include <string.h>

#include "content_type.h"

/* RFC 9110 token characters (tchar). */
static bool is_token_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c && strchr("!#$%&'*+-.^_`|~", c));
}

size_t content_type_media(const char *ct, char *buf, size_t size)
{
	size_t start = 0, end, len, slashes = 0, slash_at = 0;

	if (!size)
		return 0;
	buf[0] = '\0';
	if (!ct)
		return 0;
	while (ct[start] == ' ' || ct[start] == '\t')
		start++;
	end = start;
	while (ct[end] && ct[end] != ';')
		end++;
	while (end > start && (ct[end - 1] == ' ' || ct[end - 1] == '\t'))
		end--;
	len = end - start;
	if (!len || len >= size)
		return 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)ct[start + i];

		if (c == '/') {
			slashes++;
			slash_at = i;
		} else if (!is_token_char(c)) {
			return 0;
		}
	}
	if (slashes != 1 || slash_at == 0 || slash_at == len - 1)
		return 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)ct[start + i];

		buf[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	buf[len] = '\0';
	return len;
}

static bool has_prefix(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* media is one of the n types of list (prefix: starts with one of them). */
static bool listed(const char *media, const char *const *list, size_t n, bool prefix)
{
	for (size_t i = 0; i < n; i++)
		if (prefix ? has_prefix(media, list[i]) : !strcmp(media, list[i]))
			return true;
	return false;
}

enum content_kind content_type_kind(const char *ct)
{
	static const char *const office[] = {
		"application/msword",
		"application/rtf",
		"application/vnd.ms-excel",
		"application/vnd.ms-powerpoint",
		"application/vnd.ms-word",
	};
	static const char *const office_prefixes[] = {
		"application/vnd.openxmlformats-officedocument.",
		"application/vnd.oasis.opendocument.",
		"application/vnd.ms-excel.",
		"application/vnd.ms-powerpoint.",
		"application/vnd.ms-word.",
	};
	char media[128];

	if (!content_type_media(ct, media, sizeof media))
		return CONTENT_NONE;
	if (!strcmp(media, "text/html") || !strcmp(media, "application/xhtml+xml"))
		return CONTENT_HTML;
	if (!strcmp(media, "application/pdf"))
		return CONTENT_PDF;
	if (has_prefix(media, "image/"))
		return CONTENT_IMAGE;
	if (listed(media, office, sizeof office / sizeof *office, false) ||
	    listed(media, office_prefixes, sizeof office_prefixes / sizeof *office_prefixes, true))
		return CONTENT_OFFICE;
	if (has_prefix(media, "text/"))
		return CONTENT_TEXT;
	return CONTENT_OTHER;
}

bool content_type_generic(const char *ct)
{
	static const char *const generic[] = {
		"application/octet-stream",
		"binary/octet-stream",
		"application/force-download",
		"application/x-download",
	};
	char media[128];

	return !content_type_media(ct, media, sizeof media) ||
	       listed(media, generic, sizeof generic / sizeof *generic, false);
}

/* p[0..n) starts with the len bytes of magic. */
static bool starts(const unsigned char *p, size_t n, const char *magic, size_t len)
{
	return n >= len && !memcmp(p, magic, len);
}

enum content_kind content_sniff(const unsigned char *p, size_t n)
{
	if (!p)
		return CONTENT_NONE;
	if (n > CONTENT_SNIFF_BYTES)
		n = CONTENT_SNIFF_BYTES;
	if (starts(p, n, "%PDF-", 5))
		return CONTENT_PDF;
	if (starts(p, n, "\x89PNG\r\n\x1a\n", 8) || starts(p, n, "\xff\xd8\xff", 3) ||
	    starts(p, n, "GIF87a", 6) || starts(p, n, "GIF89a", 6))
		return CONTENT_IMAGE;
	if (starts(p, n, "PK\x03\x04", 4) || starts(p, n, "\xd0\xcf\x11\xe0", 4))
		return CONTENT_OFFICE;
	return CONTENT_NONE;
}

const char *content_kind_name(enum content_kind k)
{
	return k == CONTENT_PDF ? "pdf" : k == CONTENT_IMAGE ? "image" : k == CONTENT_OFFICE ? "office"
											      : "";
}

enum content_kind content_kind_of_name(const char *name)
{
	static const enum content_kind kinds[] = {CONTENT_PDF, CONTENT_IMAGE, CONTENT_OFFICE};

	for (size_t i = 0; name && *name && i < sizeof kinds / sizeof *kinds; i++)
		if (!strcmp(name, content_kind_name(kinds[i])))
			return kinds[i];
	return CONTENT_NONE;
}

const char *content_kind_th(enum content_kind k)
{
	return k == CONTENT_PDF ? "PDF" : k == CONTENT_IMAGE ? "รูปภาพ"
				      : k == CONTENT_OFFICE ? "เอกสารสำนักงาน" : "";
}
