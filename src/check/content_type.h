/*
 * content_type.h — reading a Content-Type header value (outside input) into the kind of
 * document it announces, for the evidence states. Private to src/check/; fuzzed by
 * fuzz/fuzz_content_type.c.
 */
#ifndef OPENITA_CHECK_CONTENT_TYPE_H
#define OPENITA_CHECK_CONTENT_TYPE_H

#include <stddef.h>

enum content_kind {
	CONTENT_NONE,        /* no header, or no media type in it */
	CONTENT_HTML,        /* text/html, application/xhtml+xml */
	CONTENT_PDF,         /* application/pdf */
	CONTENT_IMAGE,       /* image/… */
	CONTENT_OFFICE,      /* Word, Excel, PowerPoint, OpenDocument, RTF */
	CONTENT_TEXT,        /* other text/… (plain, csv) */
	CONTENT_OTHER,       /* anything else (application/octet-stream, application/zip, …) */
};

/*
 * The media type of the header value ct (NULL or any bytes, NUL-terminated): the part before
 * ';', without surrounding spaces and tabs, in lower case, written to buf (size bytes, always
 * NUL-terminated; "" when there is none or it is longer than size - 1, or not of the form
 * TYPE/SUBTYPE with token characters). Returns the length written.
 */
size_t content_type_media(const char *ct, char *buf, size_t size);

/* The kind of document the header value ct announces. */
enum content_kind content_type_kind(const char *ct);

#endif
